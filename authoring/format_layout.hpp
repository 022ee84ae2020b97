// The formatter's first half, internal to dsl/: the syntax tree to the lines
// of the canonical layout, each with the byte span of the source it was
// printed from. The spans are what lets format.cpp put every comment back
// beside the code it was written beside; this half never sees a comment.
#pragma once

#include "dsl/ast.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace pligt::format_detail {

struct Line {
    enum class Kind { plain, opens, closes };  // `… {`, `}`

    int depth = 0;  // indentation, in levels of two spaces
    std::string text;
    std::size_t begin = 0, end = 0;  // source span of the code printed on this line
    Kind kind = Kind::plain;
    bool ends_declaration = false;  // the closing line of a top-level declaration
};

// Lines in source order: clauses are never reordered, so spans only grow.
std::vector<Line> layout(std::string const& source_text, ast::File const& file);

// Past blanks and `#` comments, where the next token starts.
std::size_t next_token(std::string const& text, std::size_t at);

// `"…"` with `"` and `\` escaped, the only escapes the grammar reads.
std::string quote(std::string const& text);

// Conditions as written, with single spaces and the original parentheses.
std::string condition(ast::Condition const& condition);
std::string conjunction(ast::Conjunction const& conjunction);

}  // namespace pligt::format_detail
