#include "engine/json_document.hpp"

#include "dsl/source.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace pligt::engine {
namespace {

using nlohmann::json;

// Builds the document as nlohmann's own parser does, through its SAX
// interface, for two things that parser does not give: a key repeated in one
// object (nlohmann keeps the last value; a case must not say two things about
// one field) is recorded with its JSON Pointer, and a malformed text always
// says where it stopped (nlohmann throws a number too large for a double
// without a place).
class DocumentBuilder {
public:
    explicit DocumentBuilder(json& root) : root_{root} {}

    bool null() { return add(nullptr); }
    bool boolean(bool value) { return add(value); }
    bool number_integer(json::number_integer_t value) { return add(value); }
    bool number_unsigned(json::number_unsigned_t value) { return add(value); }
    bool number_float(json::number_float_t value, json::string_t const&) { return add(value); }
    bool string(json::string_t& value) { return add(std::move(value)); }
    bool binary(json::binary_t& value) { return add(std::move(value)); }
    bool start_object(std::size_t) {
        open_.push_back({place(json::object()), {}});
        return true;
    }
    bool start_array(std::size_t) {
        open_.push_back({place(json::array()), {}});
        return true;
    }
    bool end_object() {
        open_.pop_back();
        return true;
    }
    bool end_array() {
        open_.pop_back();
        return true;
    }
    bool key(json::string_t& key) {
        auto& object = open_.back();
        if (object.node->contains(key)) duplicates_.push_back({path() + "/" + pointer_token(key), key});
        object.key = std::move(key);
        return true;
    }
    bool parse_error(std::size_t position, std::string const&, json::exception const& error) {
        stopped_at_ = position;
        message_ = error.what();
        return false;
    }

    struct Duplicate {
        std::string pointer, key;
    };
    std::vector<Duplicate> const& duplicates() const { return duplicates_; }
    // Where a malformed text stopped: the offset of the last byte read.
    std::optional<std::size_t> stopped_at() const { return stopped_at_; }
    std::string const& message() const { return message_; }

private:
    struct Open {
        json* node;       // an object or an array being filled
        std::string key;  // an object's current key
    };

    template <typename Value>
    bool add(Value&& value) {
        place(json(std::forward<Value>(value)));
        return true;
    }
    // Only the innermost open container grows, so pointers to the open ones
    // stay valid.
    json* place(json&& value) {
        if (open_.empty()) {
            root_ = std::move(value);
            return &root_;
        }
        auto& parent = open_.back();
        if (parent.node->is_array()) {
            parent.node->push_back(std::move(value));
            return &parent.node->back();
        }
        auto& slot = (*parent.node)[parent.key];
        slot = std::move(value);
        return &slot;
    }
    // The pointer of the innermost open container.
    std::string path() const {
        std::string pointer;
        for (std::size_t i = 0; i + 1 < open_.size(); ++i)
            pointer += "/" + (open_[i].node->is_array() ? std::to_string(open_[i].node->size() - 1)
                                                        : pointer_token(open_[i].key));
        return pointer;
    }

    json& root_;
    std::vector<Open> open_;
    std::vector<Duplicate> duplicates_;
    std::optional<std::size_t> stopped_at_;
    std::string message_;
};

// nlohmann's message without its "[json.exception.…] parse error at line L,
// column C: " (the caller gives the place), with the text it last read cut
// to its last 40 characters and any byte that is not UTF-8 written as \xNN:
// that text may be a whole line, or bytes of another encoding.
std::string json_error_message(std::string message) {
    if (auto const tag = message.find("] "); message.starts_with("[json.exception.") && tag != std::string::npos)
        message.erase(0, tag + 2);
    if (message.starts_with("parse error"))
        if (auto const colon = message.find(": "); colon != std::string::npos) message.erase(0, colon + 2);
    auto const quote = message.find("last read: '");
    if (quote == std::string::npos) return message;
    auto const begin = quote + 12;
    auto end = message.rfind("'; expected ");
    if (end == std::string::npos || end < begin) end = message.size() - 1;
    if (end < begin || message[end] != '\'') return message;
    std::string_view const read{message.data() + begin, end - begin};
    std::vector<std::size_t> starts;  // where each character of `read` starts
    for (std::size_t i = 0; i < read.size();) {
        starts.push_back(i);
        i += std::max<std::size_t>(1, utf8_length(read, i));
    }
    std::size_t const first = starts.size() > 40 ? starts[starts.size() - 40] : 0;
    std::string shown = first > 0 ? "…" : "";
    for (std::size_t i = first; i < read.size();) {
        auto const length = utf8_length(read, i);
        if (length == 0) shown += fmt::format("\\x{:02X}", static_cast<unsigned char>(read[i++]));
        else shown += read.substr(i, length), i += length;
    }
    return message.substr(0, begin) + shown + message.substr(end);
}

}  // namespace

bool read_json(std::string_view text, nlohmann::json& document, std::vector<JsonProblem>& problems) {
    DocumentBuilder builder{document};
    json::sax_parse(text.begin(), text.end(), &builder);
    if (auto const stopped = builder.stopped_at()) {
        // nlohmann counts bytes, from 1; turn the offset into a line and a
        // column of characters. A byte-order mark, which it skips, is none.
        std::size_t const offset = std::min<std::size_t>(*stopped == 0 ? 0 : *stopped - 1, text.size());
        int line = 1, column = 1;
        for (std::size_t i = text.starts_with("\xEF\xBB\xBF") ? std::min<std::size_t>(3, offset) : 0; i < offset; ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
                ++column;
            }
        }
        problems.push_back({"", "invalid JSON: " + json_error_message(builder.message()), line, column});
        return false;
    }
    for (auto const& duplicate : builder.duplicates())
        problems.push_back({duplicate.pointer,
                            fmt::format("duplicate key '{}': each key may appear once in an object", duplicate.key)});
    return true;
}

std::string pointer_token(std::string_view key) {
    std::string escaped;
    for (char c : key) {
        if (c == '~') escaped += "~0";
        else if (c == '/') escaped += "~1";
        else escaped += c;
    }
    return escaped;
}

}  // namespace pligt::engine
