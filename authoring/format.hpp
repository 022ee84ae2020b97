// The formatter behind `pligt fmt`: one canonical layout for rule files,
// keeping every `#` comment beside the code it was written beside.
//
// The layout (2-space indentation, `{` on the opening line, one clause per
// line, a blank line between top-level declarations, at most one blank line
// inside a block) is printed from the syntax tree; comments are not in the
// tree, so they are taken from the source text and placed by byte offset. A
// comment on its own line stays before the code that follows it; a comment
// after code stays at the end of that line; a comment inside a construct that
// the layout prints on one line (a condition, `on x where …`) moves to its own
// line just before it. Nothing is ever dropped.
//
// Trade-off: rather than prove the placement right for every input, format()
// checks its own output before returning it: it must parse, hold the same
// comments in the same order, print the same code, and format to itself. If
// any check fails, the caller gets a diagnostic and keeps the original text.
#pragma once

#include "dsl/ast.hpp"

#include <optional>
#include <string>

namespace pligt {

class SourceFile;
class Diagnostics;

// The formatted text of a file that parsed without errors, or nullopt with
// an error diagnostic ("formatter would lose …; file left unchanged").
std::optional<std::string> format(SourceFile const& source, ast::File const& file, Diagnostics& diagnostics);

// Parses, then formats. A file with syntax errors is never formatted: its
// diagnostics are added and nullopt returned.
std::optional<std::string> format(SourceFile const& source, Diagnostics& diagnostics);

}  // namespace pligt
