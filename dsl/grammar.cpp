// The one translation unit that includes Boost.Spirit X3.
#include "dsl/diagnostic.hpp"
#include "dsl/grammar_def.hpp"
#include "dsl/parse.hpp"

#include <fmt/format.h>

#include <string_view>

namespace pligt {
namespace {

using Iterator = std::string::const_iterator;

bool starts_with_keyword(std::string_view rest) {
    for (auto const* keyword : grammar::top_level_keywords) {
        std::string_view const word{keyword};
        if (rest.substr(0, word.size()) == word && (rest.size() == word.size() || !grammar::is_name_char(rest[word.size()])))
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

// What stands at the error: a word, a text, or one character.
std::pair<std::string, std::size_t> found_at(std::string const& text, std::size_t at) {
    if (at >= text.size()) return {"end of file", at};
    std::size_t end = at;
    if (grammar::is_name_char(text[at])) {
        while (end < text.size() && (grammar::is_name_char(text[end]) || text[end] == '.' || text[end] == ':')) ++end;
    } else if (text[at] == '"') {
        end = text.find_first_of("\"\n", at + 1);
        end = (end == std::string::npos || text[end] == '\n') ? std::min(text.find('\n', at), text.size()) : end + 1;
    } else {
        end = at + 1;
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    }
    std::string shown = text.substr(at, std::min<std::size_t>(end - at, 40));
    if (shown.size() < end - at) shown += "…";
    return {fmt::format("'{}'", shown), end};
}

}  // namespace

ast::File parse(SourceFile const& source, Diagnostics& diagnostics) {
    namespace x3 = boost::spirit::x3;
    std::string const& text = source.text();
    auto const parser = x3::with<grammar::source_tag>(std::cref(source))[grammar::declaration];

    ast::File file;
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
