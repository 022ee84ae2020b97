// The `pligt check --json` object (the contract in docs/cli.md), written from
// the typed results straight to text, laid out as nlohmann's dump(2) lays it
// out (or compact, one line, for JSON Lines): what the CLI prints and the
// server answers, with no JSON tree in between.
#pragma once

#include "dsl/program.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "output/json_text.hpp"
#include "output/words.hpp"

#include <string>
#include <vector>

namespace pligt::output {

// Writes the object as the next value of `json`: each instance's `why` is
// its begrundelse in the wording's language, and with `trace` the engine's
// trace beside it.
void write_check_json(JsonText& json, Program const& program, engine::Case const& c,
                      std::vector<engine::DutyResult> const& results, Moment as_of, Wording const& wording);

// The object alone, pretty (no final newline) or compact.
std::string check_json_text(Program const& program, engine::Case const& c,
                            std::vector<engine::DutyResult> const& results, Moment as_of, Wording const& wording,
                            bool pretty = true);

}  // namespace pligt::output
