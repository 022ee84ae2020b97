// Syntax trees to Program: every name looked up, every type checked, every
// date read. All problems are reported (with a "did you mean" where a known
// name is close), not just the first.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/program.hpp"

#include <optional>
#include <vector>

namespace pligt {

class Diagnostics;

// files[i] was parsed from sources[i]. Returns the program when there were no
// errors (warnings allowed).
std::optional<Program> resolve(std::vector<SourceFile> sources, std::vector<ast::File> const& files,
                               Diagnostics& diagnostics);

}  // namespace pligt
