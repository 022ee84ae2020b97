#include "cli/rules_option.hpp"

#include "cli/data_dir.hpp"
#include "cli/terminal.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/load.hpp"

#include <CLI/CLI.hpp>

namespace pligt::cli {

void add_rules_option(CLI::App& verb, std::vector<std::string>& directories) {
    verb.add_option("--rules", directories,
                    "A directory (or file) of .pligt rule files; repeat for several. "
                    "Default: the shipped rules/ and municipalities/ (PLIGT_DATA_DIR overrides where they are)")
        ->allow_extra_args(false)
        ->type_name("DIR");
}

std::vector<std::filesystem::path> rule_paths(std::vector<std::string> const& given) {
    if (!given.empty()) return {given.begin(), given.end()};
    // The shipped rules, wherever pligt is run from.
    auto const shipped = shipped_data_dir();
    return {shipped / "rules", shipped / "municipalities"};
}

std::optional<Program> load_rules(std::vector<std::string> const& directories, Terminal& terminal) {
    Diagnostics diagnostics;
    auto program = load_program(rule_paths(directories), diagnostics);
    for (auto const& diagnostic : diagnostics.sorted()) terminal.err() << render(diagnostic);
    return program;
}

}  // namespace pligt::cli
