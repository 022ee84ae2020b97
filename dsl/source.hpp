// A rule file's text and the map from byte offsets to the line and column a
// person sees. Columns count characters (UTF-8 code points), not bytes, so a
// caret lands under "ø" in a title; a tab counts as one character and is
// kept when the caret line is drawn, so the caret lines up however wide the
// terminal shows tabs. A byte-order mark at the start is dropped, as JSON
// readers drop it: the first visible character is column 1.
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

// The length of the UTF-8 sequence at `at` (1 to 4 bytes), or 0 where the
// bytes are not UTF-8: a stray continuation byte, a sequence cut short, an
// overlong form, a surrogate or a code point beyond U+10FFFF.
std::size_t utf8_length(std::string_view text, std::size_t at);
// The offset of the first byte that is not UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text);

}  // namespace pligt
