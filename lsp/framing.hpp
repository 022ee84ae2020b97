// The base protocol of LSP: each message a header (`Content-Length: N`,
// lines ending in CRLF, a blank line) and N bytes of JSON. The reader never
// trusts the header: a missing or unreadable length, a header over 8 KiB or
// a body over the limit is reported as a bad message (the server answers it
// with a JSON-RPC parse error) and reading goes on with what follows.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace pligt::lsp {

// A rule file holds at most 1 MiB; escaped in JSON that is at most 6 MiB.
inline constexpr std::size_t max_message_bytes = std::size_t{8} << 20;
inline constexpr std::size_t max_header_bytes = 8192;

class MessageReader {
public:
    // Like read(2): the bytes read into the buffer, 0 at the end, < 0 on an error.
    using Read = std::function<std::ptrdiff_t(char*, std::size_t)>;
    explicit MessageReader(Read read) : read_{std::move(read)} {}

    struct Message {
        enum class Kind { message, end, bad };
        Kind kind = Kind::end;
        std::string body;   // kind message
        std::string error;  // kind bad: what was wrong
    };
    Message next();
    // Whether bytes of a next message are already read: the server then
    // handles it before re-checking, so a burst of edits is checked once.
    bool buffered() const { return start_ < buffer_.size(); }

private:
    bool fill();  // false at the end of input
    std::string_view pending() const { return std::string_view{buffer_}.substr(start_); }

    Read read_;
    std::string buffer_;
    std::size_t start_ = 0;
};

// The message with its header.
std::string frame(std::string_view body);

}  // namespace pligt::lsp
