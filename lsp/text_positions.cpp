#include "lsp/text_positions.hpp"

#include "dsl/source.hpp"

#include <algorithm>

namespace pligt::lsp {
namespace {

// A character as pligt's diagnostics count them (dsl/source.hpp): a byte
// that is not a continuation byte, with the continuation bytes after it. In
// well-formed UTF-8 that is one code point.
std::size_t character_length(std::string_view text, std::size_t at) {
    std::size_t length = 1;
    while (at + length < text.size() && (static_cast<unsigned char>(text[at + length]) & 0xC0) == 0x80) ++length;
    return length;
}

// The units that character takes: a code point beyond the Basic
// Multilingual Plane (four UTF-8 bytes) is two UTF-16 units.
int units(std::string_view text, std::size_t at, std::size_t length, Encoding encoding) {
    switch (encoding) {
    case Encoding::utf8: return static_cast<int>(length);
    case Encoding::utf16: return utf8_length(text, at) == 4 ? 2 : 1;
    case Encoding::utf32: return 1;
    }
    return 1;
}

}  // namespace

LineMap::LineMap(std::string_view text) : text_{text} {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') starts_.push_back(i + 1);
}

std::string_view LineMap::line_text(int line) const {
    if (line < 0 || line >= lines()) return {};
    auto const start = starts_[static_cast<std::size_t>(line)];
    auto end = text_.find('\n', start);
    if (end == std::string_view::npos) end = text_.size();
    if (end > start && text_[end - 1] == '\r') --end;
    return text_.substr(start, end - start);
}

TextPosition LineMap::position(std::size_t offset, Encoding encoding) const {
    offset = std::min(offset, text_.size());
    auto const next = std::upper_bound(starts_.begin(), starts_.end(), offset);
    int const line = static_cast<int>(next - starts_.begin()) - 1;
    auto const start = starts_[static_cast<std::size_t>(line)];
    int character = 0;
    for (std::size_t at = start; at < offset;) {
        auto const length = character_length(text_, at);
        character += units(text_, at, length, encoding);
        at += length;
    }
    return {line, character};
}

std::size_t LineMap::offset(TextPosition position, Encoding encoding) const {
    if (position.line < 0) return 0;
    if (position.line >= lines()) return text_.size();
    auto const line = line_text(position.line);
    auto const start = static_cast<std::size_t>(line.data() - text_.data());
    std::size_t at = 0;
    for (int character = 0; at < line.size() && character < position.character;) {
        auto const length = character_length(line, at);
        character += units(line, at, length, encoding);
        at += length;
    }
    return start + at;
}

TextPosition LineMap::from_line_column(int line, int column, Encoding encoding) const {
    if (line < 1) return {0, 0};
    auto const text = line_text(line - 1);
    int character = 0;
    std::size_t at = 0;
    for (int seen = 1; at < text.size() && seen < column; ++seen) {
        auto const length = character_length(text, at);
        character += units(text, at, length, encoding);
        at += length;
    }
    return {line - 1, character};
}

}  // namespace pligt::lsp
