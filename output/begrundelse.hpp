// The begrundelse of a duty instance: sentences a caseworker can paste into
// the journal, in the order the Public Administration Act (sections 22-24) asks of a reasoned
// decision: the rule and its citation (with the consolidation then in
// force), the facts of the case it rests on (with their dates), and what
// follows: the deadline and where the duty stands, or the basis on which it
// is waived or excepted. The sentences come from a catalogue
// (output/words.hpp), the titles and labels from the rules; the engine's
// trace (engine::why) stays the legal advisor's view.
#pragma once

#include "dsl/program.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "output/words.hpp"

#include <string>
#include <vector>

namespace pligt::output {

std::vector<std::string> begrundelse(Program const& program, engine::Case const& c, engine::DutyResult const& result,
                                     Moment as_of, Words const& words);

// The sentences as one paragraph, as it is pasted.
std::string paragraph(std::vector<std::string> const& sentences);

}  // namespace pligt::output
