// A rule file's text and the map from byte offsets to the line and column a
// person sees. Columns count characters (UTF-8 code points), not bytes, so a
// caret lands under "ø" in a title; a tab counts as one character and is
// kept when the caret line is drawn.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pligt {

struct Position {
    int line = 1;    // 1-based
    int column = 1;  // 1-based, in characters
};

class SourceFile {
public:
    SourceFile(std::string name, std::string text);

    std::string const& name() const { return name_; }
    std::string const& text() const { return text_; }

    Position position(std::size_t offset) const;
    // The text of a 1-based line, without its line break.
    std::string_view line_text(int line) const;
    // Characters between two offsets, for the length of a caret underline.
    int characters(std::size_t begin, std::size_t end) const;

private:
    std::string name_;
    std::string text_;
    std::vector<std::size_t> line_starts_;
};

}  // namespace pligt
