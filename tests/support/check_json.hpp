// The check object as a test reads it: the text `pligt check --json` prints
// (output::check_json_text), parsed, so a test can look up a member.
#pragma once

#include "dsl/program.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace pligt::testing {

nlohmann::ordered_json check_json(Program const& program, engine::Case const& c,
                                  std::vector<engine::DutyResult> const& results, Moment as_of);

}  // namespace pligt::testing
