#include "lsp/framing.hpp"

#include <charconv>
#include <optional>

namespace pligt::lsp {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

}  // namespace

bool MessageReader::fill() {
    if (start_ > 0 && start_ >= buffer_.size() / 2) {  // keep the buffer from growing without bound
        buffer_.erase(0, start_);
        start_ = 0;
    }
    char chunk[65536];
    for (;;) {
        auto const n = read_(chunk, sizeof chunk);
        if (n <= 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }
}

MessageReader::Message MessageReader::next() {
    using Kind = Message::Kind;
    // The header: up to the blank line (CRLF CRLF; a bare LF is accepted).
    std::size_t header_end = std::string::npos, body_start = 0;
    for (;;) {
        auto const text = pending();
        if (auto const at = text.find("\r\n\r\n"); at != std::string_view::npos) {
            header_end = at;
            body_start = at + 4;
        } else if (auto const lf = text.find("\n\n"); lf != std::string_view::npos) {
            header_end = lf;
            body_start = lf + 2;
        }
        if (header_end != std::string::npos && header_end <= max_header_bytes) break;
        if (header_end != std::string::npos || text.size() > max_header_bytes) {
            // No end of header in sight: drop everything read, and resume
            // at whatever header comes next.
            buffer_.clear();
            start_ = 0;
            return {Kind::bad, {}, "the message header is longer than 8192 bytes"};
        }
        if (!fill()) {
            bool const nothing =
                trimmed(pending()).empty() || pending().find_first_not_of("\r\n") == std::string_view::npos;
            buffer_.clear();
            start_ = 0;
            return nothing ? Message{Kind::end, {}, {}}
                           : Message{Kind::bad, {}, "the input ends inside a message header"};
        }
    }
    auto const header = pending().substr(0, header_end);
    std::optional<std::size_t> length;
    std::string error;
    for (std::size_t at = 0; at <= header.size();) {
        auto end = header.find('\n', at);
        if (end == std::string_view::npos) end = header.size();
        auto const line = trimmed(header.substr(at, end - at));
        at = end + 1;
        if (line.empty()) continue;
        auto const colon = line.find(':');
        if (colon == std::string_view::npos) {
            error = "a header line without ':'";
            continue;
        }
        if (!equals_ignoring_case(trimmed(line.substr(0, colon)), "Content-Length")) continue;
        auto const value = trimmed(line.substr(colon + 1));
        std::size_t n = 0;
        auto const [end_of_number, status] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (status != std::errc{} || end_of_number != value.data() + value.size())
            error = "Content-Length is not a number";
        else length = n;
    }
    start_ += body_start;
    if (!length) return {Kind::bad, {}, error.empty() ? "the message header has no Content-Length" : error};
    if (*length > max_message_bytes) {
        // Skip the body as it arrives, without keeping it.
        std::size_t left = *length;
        for (;;) {
            auto const have = std::min(left, buffer_.size() - start_);
            start_ += have;
            left -= have;
            if (left == 0 || !fill()) break;
        }
        return {Kind::bad, {}, "the message is larger than 8 MiB"};
    }
    while (buffer_.size() - start_ < *length)
        if (!fill()) {
            buffer_.clear();
            start_ = 0;
            return {Kind::bad, {}, "the input ends inside a message"};
        }
    Message message{Kind::message, buffer_.substr(start_, *length), {}};
    start_ += *length;
    return message;
}

std::string frame(std::string_view body) {
    std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    out += body;
    return out;
}

}  // namespace pligt::lsp
