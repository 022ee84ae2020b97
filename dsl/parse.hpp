// Text to syntax tree. One function, no Spirit: the grammar lives in
// grammar.cpp, the only translation unit that includes Boost.Spirit X3.
#pragma once

#include "dsl/ast.hpp"

namespace pligt {

class SourceFile;
class Diagnostics;

// Conditions nest at most this deep, counting each pair of parentheses and
// each `not`. The parser recurses once a level, so a deeper file (10 000
// levels overflow the stack) is refused with one error before it is parsed.
inline constexpr int max_condition_depth = 32;

// Parses every top-level declaration it can. A syntax error is reported once
// per declaration; parsing resumes at the next line that starts with a
// top-level keyword, so one run shows every broken declaration of a file.
ast::File parse(SourceFile const& source, Diagnostics& diagnostics);

}  // namespace pligt
