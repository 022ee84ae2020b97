#include "cli/scenario_option.hpp"

#include "cli/terminal.hpp"
#include "dsl/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pligt::cli {

ScenarioDef const* find_scenario(Program const& program, std::string const& id, std::string_view verb,
                                 Terminal& terminal) {
    auto const it = std::find_if(program.scenarios.begin(), program.scenarios.end(),
                                 [&](ScenarioDef const& s) { return s.id == id; });
    if (it != program.scenarios.end()) return &*it;
    terminal.err() << fmt::format("pligt {}: unknown scenario '{}'{}\n", verb, id,
                                  did_you_mean_id(id, program.scenarios));
    return nullptr;
}

}  // namespace pligt::cli
