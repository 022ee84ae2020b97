#include "output/json_text.hpp"

#include <nlohmann/json.hpp>

#include <charconv>

namespace pligt::output {
namespace {

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), as nlohmann's serializer decodes it.
bool is_utf8(std::string_view text) {
    auto const byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    for (std::size_t i = 0; i < text.size();) {
        auto const lead = byte(i);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) low = 0xA0;
            if (lead == 0xED) high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) low = 0x90;
            if (lead == 0xF4) high = 0x8F;
        } else {
            return false;
        }
        if (i + length > text.size()) return false;
        if (byte(i + 1) < low || byte(i + 1) > high) return false;
        for (std::size_t k = 2; k < length; ++k)
            if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return false;
        i += length;
    }
    return true;
}

}  // namespace

JsonText::JsonText(std::string& out, bool pretty, int depth) : out_{out}, pretty_{pretty}, base_depth_{depth} {}

void JsonText::newline_and_indent(std::size_t depth) {
    out_ += '\n';
    out_.append(2 * depth, ' ');
}

void JsonText::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (has_elements_.empty()) return;  // the document itself
    if (has_elements_.back()) out_ += ',';
    has_elements_.back() = true;
    if (pretty_) newline_and_indent(static_cast<std::size_t>(base_depth_) + has_elements_.size());
}

void JsonText::begin_object() {
    before_value();
    out_ += '{';
    has_elements_.push_back(false);
}

void JsonText::begin_array() {
    before_value();
    out_ += '[';
    has_elements_.push_back(false);
}

void JsonText::close(char bracket) {
    bool const had_elements = has_elements_.back();
    has_elements_.pop_back();
    if (pretty_ && had_elements) newline_and_indent(static_cast<std::size_t>(base_depth_) + has_elements_.size());
    out_ += bracket;
}

void JsonText::end_object() { close('}'); }
void JsonText::end_array() { close(']'); }

void JsonText::key(std::string_view name) {
    before_value();
    string(name);
    out_ += pretty_ ? ": " : ":";
    after_key_ = true;
}

void JsonText::value(std::string_view text) {
    before_value();
    string(text);
}

void JsonText::boolean(bool b) {
    before_value();
    out_ += b ? "true" : "false";
}

void JsonText::value(std::int64_t number) {
    before_value();
    char digits[24];
    auto const end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    out_.append(digits, end);
}

void JsonText::string(std::string_view text) {
    if (!is_utf8(text)) {
        // Rare (a rule file's text that is not UTF-8): nlohmann's own
        // replacement, so the bytes stay those of dump().
        out_ += nlohmann::json(std::string{text}).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    out_ += '"';
    std::size_t copied = 0;  // bytes before this are in out_
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto const c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;  // copied with its run
        out_.append(text.data() + copied, i - copied);
        copied = i + 1;
        switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default: {
            static constexpr char hex[] = "0123456789abcdef";
            char const escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
            out_.append(escaped, sizeof escaped);
        }
        }
    }
    out_.append(text.data() + copied, text.size() - copied);
    out_ += '"';
}

}  // namespace pligt::output
