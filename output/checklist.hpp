// The checklist a caseworker reads (`pligt check` without --json): one block
// per duty instance with its status, title, citation, deadline and reasons,
// then a count by status. Rendered from the typed results, as the check JSON
// is; the caller decides whether the emphasis shows as colour.
#pragma once

#include "dsl/program.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "output/paint.hpp"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace pligt::output {

// How a status stands out: a breach red, met green, still open yellow, the
// rest (waived, excepted, lapsed) blue.
Colour colour_of(engine::Status status);

void write_checklist(std::ostream& out, Program const& program, engine::Case const& c,
                     std::vector<engine::DutyResult> const& results, Moment as_of, Paint const& paint);

}  // namespace pligt::output
