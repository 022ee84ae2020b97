// Rule directories to a Program: every `.pligt` file under the given
// directories (or the files themselves), read, parsed and resolved together.
#pragma once

#include "dsl/program.hpp"

#include <filesystem>
#include <optional>
#include <vector>

namespace pligt {

class Diagnostics;

// Files are taken in path order, so diagnostics and duplicate-id reports are
// the same on every machine.
std::vector<std::filesystem::path> rule_files(std::vector<std::filesystem::path> const& roots,
                                              Diagnostics& diagnostics);

std::optional<Program> load_program(std::vector<std::filesystem::path> const& roots, Diagnostics& diagnostics);

}  // namespace pligt
