// Byte offsets in a rule file to the positions an editor speaks of, and back.
// LSP counts lines from 0 and, by default, columns in UTF-16 code units (a
// Danish "ø" is one unit, an emoji two); a client may agree to UTF-8 bytes
// or UTF-32 code points instead (`positionEncoding`, LSP 3.17). Positions
// past the end of a line clamp to its end, as the protocol asks.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace pligt::lsp {

enum class Encoding { utf8, utf16, utf32 };

struct TextPosition {
    int line = 0;       // 0-based
    int character = 0;  // 0-based, in the encoding's units
    friend bool operator==(TextPosition const&, TextPosition const&) = default;
};

// The line starts of one text; cheap to build, so built per request.
class LineMap {
public:
    explicit LineMap(std::string_view text);

    TextPosition position(std::size_t offset, Encoding encoding) const;
    std::size_t offset(TextPosition position, Encoding encoding) const;
    // A 1-based line and column in characters (code points), as pligt's
    // diagnostics give them.
    TextPosition from_line_column(int line, int column, Encoding encoding) const;
    int lines() const { return static_cast<int>(starts_.size()); }
    std::string_view line_text(int line) const;  // without its line break

private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
};

}  // namespace pligt::lsp
