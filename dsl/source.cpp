#include "dsl/source.hpp"

#include <algorithm>

namespace pligt {
namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

SourceFile::SourceFile(std::string name, std::string text) : name_{std::move(name)}, text_{std::move(text)} {
    if (text_.starts_with("\xEF\xBB\xBF")) text_.erase(0, 3);
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

Position SourceFile::position(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    auto const next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    auto const line = static_cast<int>(next - line_starts_.begin());
    auto const start = line_starts_[static_cast<std::size_t>(line - 1)];
    return {line, characters(start, offset) + 1};
}

std::string_view SourceFile::line_text(int line) const {
    if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return {};
    auto const start = line_starts_[static_cast<std::size_t>(line - 1)];
    auto end = text_.find('\n', start);
    if (end == std::string::npos) end = text_.size();
    if (end > start && text_[end - 1] == '\r') --end;
    return std::string_view{text_}.substr(start, end - start);
}

int SourceFile::characters(std::size_t begin, std::size_t end) const {
    end = std::min(end, text_.size());
    int count = 0;
    for (std::size_t i = begin; i < end; ++i)
        if (!is_continuation_byte(text_[i])) ++count;
    return count;
}

std::size_t utf8_length(std::string_view text, std::size_t at) {
    auto const byte = [&](std::size_t i) {
        return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0u;
    };
    auto const continuation = [&](std::size_t i) { return (byte(i) & 0xC0) == 0x80; };
    unsigned const lead = byte(0);
    if (lead < 0x80) return at < text.size() ? 1 : 0;
    if (lead < 0xC2) return 0;  // a continuation byte, or an overlong two-byte form
    if (lead < 0xE0) return continuation(1) ? 2 : 0;
    if (lead < 0xF0) {
        unsigned const second = byte(1);
        if (lead == 0xE0 && second < 0xA0) return 0;   // overlong
        if (lead == 0xED && second >= 0xA0) return 0;  // a UTF-16 surrogate
        return continuation(1) && continuation(2) ? 3 : 0;
    }
    if (lead < 0xF5) {
        unsigned const second = byte(1);
        if (lead == 0xF0 && second < 0x90) return 0;   // overlong
        if (lead == 0xF4 && second >= 0x90) return 0;  // beyond U+10FFFF
        return continuation(1) && continuation(2) && continuation(3) ? 4 : 0;
    }
    return 0;
}

std::size_t first_invalid_utf8(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        auto const length = utf8_length(text, at);
        if (length == 0) return at;
        at += length;
    }
    return std::string_view::npos;
}

}  // namespace pligt
