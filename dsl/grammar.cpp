// The one translation unit that includes Boost.Spirit X3.
#include "dsl/diagnostic.hpp"
#include "dsl/grammar_def.hpp"
#include "dsl/parse.hpp"

#include <fmt/format.h>

#include <optional>
#include <string_view>
#include <vector>

namespace pligt {
namespace {

using Iterator = std::string::const_iterator;

bool starts_with_keyword(std::string_view rest) {
    for (auto const* keyword : grammar::top_level_keywords) {
        std::string_view const word{keyword};
        if (rest.substr(0, word.size()) == word &&
            (rest.size() == word.size() || !grammar::is_name_char(rest[word.size()])))
            return true;
    }
    return false;
}

// Past blanks and comments, where the next token starts.
std::size_t skip_blanks(std::string const& text, std::size_t at) {
    while (at < text.size()) {
        char const c = text[at];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++at;
        } else if (c == '#') {
            while (at < text.size() && text[at] != '\n') ++at;
        } else {
            break;
        }
    }
    return at;
}

// The next line after `at` that starts with a top-level keyword.
std::size_t next_declaration(std::string const& text, std::size_t at) {
    for (auto line = text.find('\n', at); line != std::string::npos; line = text.find('\n', line + 1))
        if (starts_with_keyword(std::string_view{text}.substr(line + 1))) return line + 1;
    return text.size();
}

// The character at `at`, shown so that every one can be seen: one that
// prints as itself (a letter, 'ø'), else its code point (U+00A0, a no-break
// space) or, where the text is not UTF-8, the byte.
std::string shown_character(std::string const& text, std::size_t at) {
    auto const byte = static_cast<unsigned char>(text[at]);
    auto const length = utf8_length(text, at);
    if (length == 0) return fmt::format("byte 0x{:02X}", byte);
    if (byte < 0x20 || byte == 0x7F) return fmt::format("U+{:04X}", byte);
    if (length == 1) return fmt::format("'{}'", text[at]);
    char32_t code = byte & (0xFF >> (length + 1));
    for (std::size_t i = 1; i < length; ++i) code = (code << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3F);
    // Blanks and marks that print as nothing, or as a space.
    bool const invisible = code == 0xA0 || code == 0xAD || (code >= 0x2000 && code <= 0x200F) || code == 0x2028 ||
                           code == 0x2029 || code == 0x202F || code == 0x2060 || code == 0xFEFF;
    if (invisible) return fmt::format("U+{:04X}", static_cast<unsigned>(code));
    return fmt::format("'{}' (U+{:04X})", text.substr(at, length), static_cast<unsigned>(code));
}

// What stands at the error: a word, a text, or one character.
std::pair<std::string, std::size_t> found_at(std::string const& text, std::size_t at) {
    if (at >= text.size()) return {"end of file", at};
    std::size_t end = at;
    // A word, capitals too: "found 'Law'" says more than "found 'L'".
    auto const word = [](char c) { return grammar::is_name_char(c) || (c >= 'A' && c <= 'Z'); };
    if (word(text[at])) {
        while (end < text.size() && (word(text[end]) || text[end] == '.' || text[end] == ':')) ++end;
    } else if (text[at] == '"') {
        end = text.find_first_of("\"\n", at + 1);
        if (end == std::string::npos || text[end] == '\n') {  // unterminated: to the end of the line
            end = std::min(text.find('\n', at), text.size());
            if (end > at + 1 && text[end - 1] == '\r') --end;
        } else {
            end += 1;
        }
    } else {
        return {shown_character(text, at), at + std::max<std::size_t>(1, utf8_length(text, at))};
    }
    // At most 40 bytes, cut where a character ends; a text that is not UTF-8
    // is shown up to its first stray byte.
    std::size_t shown_end = at;
    while (shown_end < end && shown_end - at < 40) {
        auto const length = utf8_length(text, shown_end);
        if (length == 0 || shown_end + length - at > 40) break;
        shown_end += length;
    }
    std::string shown = text.substr(at, shown_end - at);
    if (shown_end < end) shown += "…";
    return {fmt::format("'{}'", shown), end};
}

// Where the text first nests conditions deeper than max_condition_depth, or
// nothing. A scan of the bytes, so the recursive parser never sees such a
// text: `(` opens a level, with every `not` just before it; a run of `not`s
// opens one level each until the next other token; `)` closes a level.
// Comments and strings are skipped as the grammar skips them.
std::optional<std::size_t> too_deep(std::string const& text) {
    std::vector<int> open;  // the levels each unclosed `(` opened
    int depth = 0, nots = 0;
    for (std::size_t at = 0; at < text.size();) {
        char const c = text[at];
        if (c == '#') {
            at = std::min(text.find('\n', at), text.size());
        } else if (c == '"') {
            for (++at; at < text.size() && text[at] != '"' && text[at] != '\n'; ++at)
                if (text[at] == '\\' && at + 1 < text.size() && (text[at + 1] == '"' || text[at + 1] == '\\')) ++at;
            ++at;
            nots = 0;
        } else if ((c >= 'a' && c <= 'z') || c == '_') {
            auto const begin = at;
            while (at < text.size() && grammar::is_name_char(text[at])) ++at;
            if (std::string_view{text}.substr(begin, at - begin) == "not") {
                ++nots;
                if (depth + nots > max_condition_depth) return begin;
            } else {
                nots = 0;
            }
        } else if (c == '(') {
            open.push_back(nots + 1);
            depth += open.back();
            nots = 0;
            if (depth > max_condition_depth) return at;
            ++at;
        } else {
            if (c == ')' && !open.empty()) {
                depth -= open.back();
                open.pop_back();
            }
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') nots = 0;
            ++at;
        }
    }
    return std::nullopt;
}

}  // namespace

ast::File parse(SourceFile const& source, Diagnostics& diagnostics) {
    namespace x3 = boost::spirit::x3;
    std::string const& text = source.text();
    // Rule files are UTF-8: another encoding would show its letters as
    // garbage in every title and message. Reported once, at the first
    // stray byte; parsing goes on, to find the other errors.
    if (auto const stray = first_invalid_utf8(text); stray != std::string::npos)
        diagnostics.error(
            source, stray, stray + 1, "encoding",
            fmt::format("byte 0x{:02X} is not UTF-8; save the file as UTF-8", static_cast<unsigned char>(text[stray])));
    auto const parser = x3::with<grammar::source_tag>(std::cref(source))[grammar::declaration];

    ast::File file;
    if (auto const deep = too_deep(text)) {
        diagnostics.error(source, *deep, *deep + 1, "too_deep",
                          fmt::format("conditions nest deeper than {} levels of parentheses and 'not'; "
                                      "this file is not read further",
                                      max_condition_depth));
        return file;
    }
    std::size_t at = skip_blanks(text, 0);
    while (at < text.size()) {
        Iterator first = text.begin() + static_cast<std::ptrdiff_t>(at);
        std::size_t error_at = std::string::npos;
        std::string expected;
        try {
            ast::Declaration declaration;
            if (x3::phrase_parse(first, text.end(), parser, grammar::skipper, declaration)) {
                file.declarations.push_back(std::move(declaration));
                at = skip_blanks(text, static_cast<std::size_t>(first - text.begin()));
                continue;
            }
            error_at = at;
            expected = grammar::declaration.name;
        } catch (x3::expectation_failure<Iterator> const& failure) {
            error_at = skip_blanks(text, static_cast<std::size_t>(failure.where() - text.begin()));
            expected = failure.which();
        }
        auto const [found, found_end] = found_at(text, error_at);
        diagnostics.error(source, error_at, found_end, "syntax", fmt::format("expected {}, found {}", expected, found));
        at = skip_blanks(text, next_declaration(text, error_at));
    }
    return file;
}

}  // namespace pligt
