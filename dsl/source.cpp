#include "dsl/source.hpp"

#include <algorithm>

namespace pligt {
namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

SourceFile::SourceFile(std::string name, std::string text) : name_{std::move(name)}, text_{std::move(text)} {
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

}  // namespace pligt
