// The grammar of pligt rule files, in Boost.Spirit X3. Included only by
// grammar.cpp. Rule names are the words an error message uses ("expected a
// duty clause …, found 'dew'"). Tokens (names, numbers, dates, strings) are
// scanned by small hand-written parsers that also record their byte span;
// X3 builds the structure around them.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/ast_adapted.hpp"
#include "dsl/source.hpp"

#include <boost/spirit/home/x3.hpp>

#include <functional>
#include <string>

namespace pligt::grammar {

namespace x3 = boost::spirit::x3;

struct source_tag;  // the SourceFile being parsed, for byte offsets

inline bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

enum class TokenKind { name, number, date, string, value };

// Length of a token of this kind at the start of [first, last), 0 if none.
// A name is lower case ASCII, digits and `_`, with `-` only inside
// (`town-a`); so arithmetic minus needs spaces around it.
template <typename It>
std::size_t scan(TokenKind kind, It first, It last, std::string& text) {
    auto const available = static_cast<std::size_t>(last - first);
    auto at = [&](std::size_t i) { return i < available ? first[static_cast<std::ptrdiff_t>(i)] : '\0'; };
    switch (kind) {
    case TokenKind::value:
        if (is_digit(at(0))) {
            auto const date = scan(TokenKind::date, first, last, text);
            return date ? date : scan(TokenKind::number, first, last, text);
        }
        return scan(TokenKind::name, first, last, text);
    case TokenKind::name: {
        if (!((at(0) >= 'a' && at(0) <= 'z') || at(0) == '_')) return 0;
        std::size_t n = 1;
        while (is_name_char(at(n))) ++n;
        while (n > 1 && at(n - 1) == '-') --n;  // a trailing '-' is not part of the name
        text.assign(first, first + static_cast<std::ptrdiff_t>(n));
        return n;
    }
    case TokenKind::number: {
        std::size_t n = 0;
        while (is_digit(at(n))) ++n;
        if (n == 0) return 0;
        if (at(n) == '.' && is_digit(at(n + 1))) {
            n += 2;
            while (is_digit(at(n))) ++n;
        }
        if (is_name_char(at(n)) && at(n) != '-') return 0;  // "12abc" is no number
        text.assign(first, first + static_cast<std::ptrdiff_t>(n));
        return n;
    }
    case TokenKind::date: {
        for (std::size_t i = 0; i < 10; ++i)
            if ((i == 4 || i == 7) ? at(i) != '-' : !is_digit(at(i))) return 0;
        if (is_name_char(at(10)) || at(10) == ':') return 0;
        text.assign(first, first + 10);
        return 10;
    }
    case TokenKind::string: {
        if (at(0) != '"') return 0;
        text.clear();
        for (std::size_t n = 1; n < available; ++n) {
            char const c = at(n);
            if (c == '\n' || c == '\r') return 0;  // strings stay on one line
            if (c == '"') return n + 1;
            if (c == '\\' && (at(n + 1) == '"' || at(n + 1) == '\\')) {
                text += at(++n);
                continue;
            }
            text += c;
        }
        return 0;
    }
    }
    return 0;
}

// A token parser: skips blanks and comments, scans, records the span.
struct token_parser : x3::parser<token_parser> {
    using attribute_type = ast::Token;
    static bool const has_attribute = true;

    TokenKind kind;
    char const* description;
    constexpr token_parser(TokenKind k, char const* d) : kind{k}, description{d} {}

    template <typename It, typename Context, typename RContext>
    bool parse(It& first, It const& last, Context const& context, RContext&, ast::Token& token) const {
        x3::skip_over(first, last, context);
        std::string text;
        auto const length = scan(kind, first, last, text);
        if (length == 0) return false;
        SourceFile const& source = x3::get<source_tag>(context).get();
        token.begin = static_cast<std::size_t>(first - source.text().begin());
        token.end = token.begin + length;
        token.text = std::move(text);
        first += static_cast<std::ptrdiff_t>(length);
        return true;
    }

    template <typename It, typename Context, typename RContext, typename Attribute>
    bool parse(It& first, It const& last, Context const& context, RContext& rcontext, Attribute& attribute) const {
        ast::Token token;
        if (!parse(first, last, context, rcontext, token)) return false;
        x3::traits::move_to(std::move(token), attribute);
        return true;
    }
};

// A keyword: a whole word, so `on` does not match the start of `only`.
struct keyword_parser : x3::parser<keyword_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    char const* word;
    constexpr explicit keyword_parser(char const* w) : word{w} {}

    template <typename It, typename Context, typename RContext, typename Attribute>
    bool parse(It& first, It const& last, Context const& context, RContext&, Attribute&) const {
        x3::skip_over(first, last, context);
        It i = first;
        for (char const* w = word; *w; ++w, ++i)
            if (i == last || *i != *w) return false;
        if (i != last && is_name_char(*i)) return false;
        first = i;
        return true;
    }
};

}  // namespace pligt::grammar

namespace boost::spirit::x3 {
template <>
struct get_info<pligt::grammar::token_parser> {
    using result_type = std::string;
    std::string operator()(pligt::grammar::token_parser const& p) const { return p.description; }
};
template <>
struct get_info<pligt::grammar::keyword_parser> {
    using result_type = std::string;
    std::string operator()(pligt::grammar::keyword_parser const& p) const { return std::string("'") + p.word + "'"; }
};
}  // namespace boost::spirit::x3

namespace pligt::grammar {

// Fills the byte span of every node that has one.
struct annotate_span {
    template <typename It, typename Attribute, typename Context>
    void on_success(It const& first, It const& last, Attribute& node, Context const& context) const {
        if constexpr (std::is_base_of_v<ast::Located, Attribute>) {
            SourceFile const& source = x3::get<source_tag>(context).get();
            node.begin = static_cast<std::size_t>(first - source.text().begin());
            node.end = static_cast<std::size_t>(last - source.text().begin());
        }
    }
};

// Blanks and `#` comments to the end of the line. Spelled out rather than
// x3::space, which asserts on the bytes of UTF-8 text.
auto const skipper = x3::char_(" \t\r\n\f\v") | (x3::lit('#') >> *(x3::char_ - x3::eol) >> (x3::eol | x3::eoi));

inline constexpr token_parser name{TokenKind::name, "a name"};
inline constexpr token_parser number{TokenKind::number, "a number"};
inline constexpr token_parser date{TokenKind::date, "a date (YYYY-MM-DD)"};
inline constexpr token_parser text{TokenKind::string, "a text in double quotes"};
inline constexpr token_parser value{TokenKind::value, "a value (a name, a number or a date)"};

inline keyword_parser kw(char const* word) { return keyword_parser{word}; }

#define PLIGT_RULE(id, attribute, description)                                  \
    struct id##_class : annotate_span {};                                       \
    x3::rule<id##_class, attribute> const id = description;

// Conditions
PLIGT_RULE(condition, ast::Condition, "a condition")
PLIGT_RULE(conjunctions, std::vector<ast::Conjunction>, "a condition")
PLIGT_RULE(conjunction, ast::Conjunction, "a condition")
PLIGT_RULE(factors, std::vector<ast::Factor>, "a condition")
PLIGT_RULE(factor, ast::Factor, "a condition")
PLIGT_RULE(negation, ast::Negation, "a condition after 'not'")
PLIGT_RULE(group, ast::Group, "a condition in parentheses")
PLIGT_RULE(comparison, ast::Comparison, "a condition")
PLIGT_RULE(comparison_tail, ast::ComparisonTail, "a comparison")
PLIGT_RULE(comparison_op, std::string, "a comparison operator")
PLIGT_RULE(value_set, std::vector<ast::Token>, "a set of values in braces")

// Vocabulary
PLIGT_RULE(type_ref, ast::TypeRef, "a type (bool, int, date, text or a kind)")
PLIGT_RULE(fact, ast::Fact, "a fact")
PLIGT_RULE(kind, ast::Kind, "a kind")
PLIGT_RULE(attribute, ast::Attribute, "an attribute")
PLIGT_RULE(event, ast::Event, "an event")
PLIGT_RULE(vocabulary, ast::Vocabulary, "a vocabulary")
PLIGT_RULE(vocabulary_end, x3::unused_type, "a fact, kind or event, or '}'")
PLIGT_RULE(attributes_end, x3::unused_type, "an attribute (name: type), or '}'")

// Laws and duties
PLIGT_RULE(names_or, std::vector<ast::Token>, "a name")
PLIGT_RULE(names_comma, std::vector<ast::Token>, "a name")
PLIGT_RULE(short_clause, ast::Short, "a short name")
PLIGT_RULE(in_force, ast::InForce, "a period in force")
PLIGT_RULE(uses, ast::Uses, "a vocabulary")
PLIGT_RULE(cite, ast::Cite, "a citation")
PLIGT_RULE(trigger, ast::Trigger, "a trigger")
PLIGT_RULE(duration, ast::Duration, "a duration (N hours, days, weeks, months or years)")
PLIGT_RULE(due, ast::Due, "a deadline")
PLIGT_RULE(done_by, ast::DoneBy, "a fulfilling event")
PLIGT_RULE(effort, ast::Effort, "an effort")
PLIGT_RULE(duty, ast::Duty, "a duty")
PLIGT_RULE(duty_end, x3::unused_type, "a duty clause (cite, on, due, done by, effort), or '}'")
PLIGT_RULE(law, ast::Law, "a law")
PLIGT_RULE(law_end, x3::unused_type, "a law clause (short, in force, uses, duty), or '}'")

// Exemption sets and municipalities
PLIGT_RULE(basis, ast::Basis, "a legal basis")
PLIGT_RULE(amends, ast::Amends, "an amended law")
PLIGT_RULE(waive, ast::Waive, "a waiver")
PLIGT_RULE(exemptions, ast::ExemptionSet, "an exemption set")
PLIGT_RULE(exemptions_end, x3::unused_type,
           "an exemption clause (basis, amends, in force, waive, duty), or '}'")
PLIGT_RULE(code, ast::Code, "a code")
PLIGT_RULE(region, ast::Region, "a region")
PLIGT_RULE(children, ast::Children, "a number of children")
PLIGT_RULE(provenance, std::string, "'source' or 'estimate'")
PLIGT_RULE(adopts, ast::Adopts, "an adoption")
PLIGT_RULE(municipality, ast::Municipality, "a municipality")
PLIGT_RULE(municipality_end, x3::unused_type,
           "a municipality clause (code, region, children, adopts), or '}'")

PLIGT_RULE(declaration, ast::Declaration,
           "a declaration (vocabulary, law, exemptions or municipality)")

#undef PLIGT_RULE

auto const condition_def = conjunctions;
auto const conjunctions_def = conjunction % kw("or");
auto const conjunction_def = factors;
auto const factors_def = factor % kw("and");
auto const factor_def = negation | group | comparison;
auto const negation_def = kw("not") > factor;
auto const group_def = '(' > condition > ')';
auto const comparison_def = value >> -comparison_tail;
auto const comparison_op_def = x3::string("==") | x3::string("!=") | x3::string("<=") | x3::string(">=") |
                               x3::string("<") | x3::string(">");
auto const value_set_def = '{' > (value % ',') > '}';
auto const comparison_tail_def = (kw("in") >> x3::attr(std::string("in")) > value_set) |
                                 (comparison_op > x3::repeat(1)[value]);

auto const type_ref_def = name >> x3::matches['?'];
auto const fact_def = kw("fact") > name > ':' > type_ref > -text;
auto const kind_def = kw("kind") > name > '{' > (name % ',') > '}';
auto const attribute_def = name > ':' > type_ref > -('=' > value) > -text;
auto const attributes_end_def = x3::lit('}');
auto const event_def = kw("event") > name > -text > -('{' > *attribute > attributes_end);
auto const vocabulary_end_def = x3::lit('}');
auto const vocabulary_def = kw("vocabulary") > name > -text > '{' > *(fact | kind | event) > vocabulary_end;

auto const names_or_def = name % kw("or");
auto const names_comma_def = name % ',';
auto const short_clause_def = kw("short") > text;
auto const in_force_def = kw("in") > kw("force") > -kw("from") > date > -(kw("to") > date);
auto const uses_def = kw("uses") > name;
auto const cite_def = kw("cite") > text;
auto const trigger_def = kw("on") > names_or > -(kw("where") > condition);
auto const duration_def = number > name;
auto const due_def = kw("due") > kw("within") > duration;
auto const done_by_def = kw("done") > kw("by") > names_or;
auto const effort_def = kw("effort") > number > kw("hours");
auto const duty_end_def = x3::lit('}');
auto const duty_def = kw("duty") > name > -text > '{' > *(cite | trigger | due | done_by | effort) > duty_end;
auto const law_end_def = x3::lit('}');
auto const law_def = kw("law") > name > -text > '{' > *(short_clause | in_force | uses | duty) > law_end;

auto const basis_def = kw("basis") > text;
auto const amends_def = kw("amends") > names_comma;
auto const waive_def = kw("waive") > name > -(kw("instead") > name);
auto const exemptions_end_def = x3::lit('}');
auto const exemptions_def = kw("exemptions") > name > -text > '{' >
                            *(basis | amends | in_force | waive | duty) > exemptions_end;
auto const code_def = kw("code") > number;
auto const region_def = kw("region") > name;
auto const provenance_def = (kw("source") >> x3::attr(std::string("source"))) |
                            (kw("estimate") >> x3::attr(std::string("estimate")));
auto const children_def = kw("children") > number > provenance > text;
auto const adopts_def = kw("adopts") > name > kw("from") > date > -(kw("to") > date);
auto const municipality_end_def = x3::lit('}');
auto const municipality_def = kw("municipality") > name > -text > '{' >
                              *(code | region | children | adopts) > municipality_end;

auto const declaration_def = vocabulary | law | exemptions | municipality;

BOOST_SPIRIT_DEFINE(condition, conjunctions, conjunction, factors, factor, negation, group, comparison,
                    comparison_tail, comparison_op, value_set)
BOOST_SPIRIT_DEFINE(type_ref, fact, kind, attribute, event, vocabulary, vocabulary_end, attributes_end)
BOOST_SPIRIT_DEFINE(names_or, names_comma, short_clause, in_force, uses, cite, trigger, duration, due, done_by,
                    effort, duty, duty_end, law, law_end)
BOOST_SPIRIT_DEFINE(basis, amends, waive, exemptions, exemptions_end, code, region, children, provenance, adopts,
                    municipality, municipality_end, declaration)

// Words that start a top-level declaration: after a syntax error, parsing
// resumes at the next line that starts with one of them.
inline constexpr char const* top_level_keywords[] = {"vocabulary", "calendar", "law", "exemptions",
                                                     "municipality", "scenario", "test"};

}  // namespace pligt::grammar
