// `--rules DIR` (repeatable, one value per flag) and loading the program from
// those directories, or from the shipped rules/ and municipalities/.
#pragma once

#include "dsl/program.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace pligt::cli {

class Terminal;

void add_rules_option(CLI::App& verb, std::vector<std::string>& directories);

// The paths given, or else the shipped rules/ and municipalities/, wherever
// pligt is run from (shipped_data_dir()).
std::vector<std::filesystem::path> rule_paths(std::vector<std::string> const& given);

// Prints every diagnostic to stderr; nothing when the program is returned.
std::optional<Program> load_rules(std::vector<std::string> const& directories, Terminal& terminal);

}  // namespace pligt::cli
