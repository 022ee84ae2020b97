// Text to syntax tree. One function, no Spirit: the grammar lives in
// grammar.cpp, the only translation unit that includes Boost.Spirit X3.
#pragma once

#include "dsl/ast.hpp"

namespace pligt {

class SourceFile;
class Diagnostics;

// Parses every top-level declaration it can. A syntax error is reported once
// per declaration; parsing resumes at the next line that starts with a
// top-level keyword, so one run shows every broken declaration of a file.
ast::File parse(SourceFile const& source, Diagnostics& diagnostics);

}  // namespace pligt
