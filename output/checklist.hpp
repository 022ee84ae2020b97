// The checklist a caseworker reads (`pligt check` without --json): one block
// per duty instance with its status, title, citation, deadline and its
// begrundelse, then a count by status; in the wording's language, with the
// engine's trace under each block when asked. `explanation` is one duty's
// begrundelse alone, as a paragraph to paste (`pligt check --explain`).
// Rendered from the typed results, as the check JSON is; the caller decides
// whether the emphasis shows as colour.
#pragma once

#include "dsl/program.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "output/paint.hpp"
#include "output/words.hpp"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace pligt::output {

// How a status stands out: a breach red, met green, still open yellow, the
// rest (waived, excepted, lapsed) blue.
Colour colour_of(engine::Status status);

void write_checklist(std::ostream& out, Program const& program, engine::Case const& c,
                     std::vector<engine::DutyResult> const& results, Moment as_of, Wording const& wording,
                     Paint const& paint);

// Each instance of `duty` (a duty id): its title, citation and status, the
// begrundelse as one paragraph, and the statute's address. False when the
// case has no instance of it.
bool write_explanation(std::ostream& out, Program const& program, engine::Case const& c,
                       std::vector<engine::DutyResult> const& results, Moment as_of, std::string_view duty,
                       Wording const& wording);

}  // namespace pligt::output
