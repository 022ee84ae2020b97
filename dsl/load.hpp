// Rule directories to a Program: every `.pligt` file under the given
// directories (or the files themselves), read, parsed and resolved together.
#pragma once

#include "dsl/program.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pligt {

class Diagnostics;

// Files are taken in path order, so diagnostics and duplicate-id reports are
// the same on every machine.
std::vector<std::filesystem::path> rule_files(std::vector<std::filesystem::path> const& roots,
                                              Diagnostics& diagnostics);

// The largest rule file pligt reads: 1 MiB, some 70 times the largest
// shipped file. A larger one is refused unread: it is most likely not a rule
// file, and parsing it would only take time and memory.
inline constexpr std::uintmax_t max_rule_file_bytes = std::uintmax_t{1} << 20;

// The error for a rule file over that size, read from disk or from an editor.
void refuse_too_large(std::string file, Diagnostics& diagnostics);

// A rule file's whole text, or nothing and an error naming the file: why it
// cannot be read (with the system's reason), or that it is too large.
std::optional<std::string> read_rule_file(std::filesystem::path const& path, Diagnostics& diagnostics);

std::optional<Program> load_program(std::vector<std::filesystem::path> const& roots, Diagnostics& diagnostics);

}  // namespace pligt
