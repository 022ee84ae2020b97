// `--scenario ID`: a scenario of the rule files, looked up by id, and the
// program as it would make the law.
#pragma once

#include "dsl/program.hpp"

#include <string>
#include <string_view>

namespace pligt::cli {

class Terminal;

// The scenario of that id; nothing, after an error naming `verb` and the
// ids near it, when there is none.
ScenarioDef const* find_scenario(Program const& program, std::string const& id, std::string_view verb,
                                 Terminal& terminal);

}  // namespace pligt::cli
