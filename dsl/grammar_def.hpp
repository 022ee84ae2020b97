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

inline bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

enum class TokenKind { name, number, date, moment, month_day, unit, status, string, value };

inline bool is_status_word(std::string const& word) {
    for (auto const* status : {"pending", "met", "late", "overdue", "waived", "excepted", "lapsed"})
        if (word == status) return true;
    return false;
}

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
    case TokenKind::moment: {
        // A date, optionally with a time of day. An offset or Z is taken into
        // the token so the resolver can say why it is not accepted.
        if (!scan(TokenKind::date, first, last, text) && !(at(10) == 'T' && is_digit(at(0)))) return 0;
        std::size_t n = 10;
        for (std::size_t i = 0; i < 10; ++i)
            if ((i == 4 || i == 7) ? at(i) != '-' : !is_digit(at(i))) return 0;
        if (at(10) == 'T') {
            n = 11;
            while (is_digit(at(n)) || at(n) == ':' || at(n) == '+' || at(n) == '-' || at(n) == 'Z') ++n;
        }
        if (is_name_char(at(n))) return 0;
        text.assign(first, first + static_cast<std::ptrdiff_t>(n));
        return n;
    }
    case TokenKind::month_day: {
        if (!is_digit(at(0)) || !is_digit(at(1)) || at(2) != '-' || !is_digit(at(3)) || !is_digit(at(4))) return 0;
        if (is_name_char(at(5))) return 0;
        text.assign(first, first + 5);
        return 5;
    }
    case TokenKind::unit: {
        // "working days" is one unit of two words.
        std::string_view const working = "working";
        std::size_t n = 0;
        while (n < working.size() && at(n) == working[n]) ++n;
        if (n == working.size() && (at(n) == ' ' || at(n) == '\t')) {
            while (at(n) == ' ' || at(n) == '\t') ++n;
            std::size_t const word = n;
            while (is_name_char(at(n))) ++n;
            std::string const unit(first + static_cast<std::ptrdiff_t>(word), first + static_cast<std::ptrdiff_t>(n));
            if (unit == "day" || unit == "days") {
                text = "working " + unit;
                return n;
            }
        }
        return scan(TokenKind::name, first, last, text);
    }
    case TokenKind::status: {
        auto const n = scan(TokenKind::name, first, last, text);
        return n && is_status_word(text) ? n : 0;
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

// X3 skips blanks and comments before it tries a parser, and does not undo
// that when an optional part at a node's end is absent: so the end a rule
// reports may lie past trailing blanks and a comment. Move it back to the
// end of the last token.
inline std::size_t trim_trailing(std::string const& text, std::size_t begin, std::size_t end) {
    for (;;) {
        while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\n' ||
                               text[end - 1] == '\r' || text[end - 1] == '\f' || text[end - 1] == '\v'))
            --end;
        // Does the line ending at `end` end in a comment? Strings stay on one
        // line, so scanning the line from its start tells.
        auto const line = text.rfind('\n', end == 0 ? 0 : end - 1);
        std::size_t i = std::max(begin, line == std::string::npos ? 0 : line + 1);
        std::size_t comment = end;
        for (bool quoted = false; i < end; ++i) {
            if (text[i] == '"' && (i == 0 || text[i - 1] != '\\')) quoted = !quoted;
            else if (text[i] == '#' && !quoted) {
                comment = i;
                break;
            }
        }
        if (comment == end) return end;
        end = comment;
    }
}

// Fills the byte span of every node that has one.
struct annotate_span {
    template <typename It, typename Attribute, typename Context>
    void on_success(It const& first, It const& last, Attribute& node, Context const& context) const {
        if constexpr (std::is_base_of_v<ast::Located, Attribute>) {
            SourceFile const& source = x3::get<source_tag>(context).get();
            node.begin = static_cast<std::size_t>(first - source.text().begin());
            node.end = trim_trailing(source.text(), node.begin, static_cast<std::size_t>(last - source.text().begin()));
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
inline constexpr token_parser moment{TokenKind::moment, "a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM)"};
inline constexpr token_parser month_day{TokenKind::month_day, "a day of the year (MM-DD)"};
inline constexpr token_parser unit{TokenKind::unit, "a unit (hours, days, working days, weeks, months, years)"};
inline constexpr token_parser status{TokenKind::status,
                                     "a status (pending, met, late, overdue, waived, excepted, lapsed)"};

inline keyword_parser kw(char const* word) { return keyword_parser{word}; }

#define PLIGT_RULE(id, attribute, description) \
    struct id##_class : annotate_span {};      \
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
// Lists and repetitions get a rule of their own only for their name, which an
// error message shows (X3 would show the parser's C++ type).
PLIGT_RULE(values_comma, std::vector<ast::Token>, "a value (a name, a number or a date)")
PLIGT_RULE(compared_value, std::vector<ast::Token>, "a value (a name, a number or a date)")

// Vocabulary
PLIGT_RULE(type_ref, ast::TypeRef, "a type (bool, int, date, text or a kind)")
PLIGT_RULE(fact, ast::Fact, "a fact")
PLIGT_RULE(kind, ast::Kind, "a kind")
PLIGT_RULE(kind_value, ast::KindValue, "a name")
PLIGT_RULE(kind_values, std::vector<ast::KindValue>, "a name")
PLIGT_RULE(attribute, ast::Attribute, "an attribute")
PLIGT_RULE(event, ast::Event, "an event")
PLIGT_RULE(birthday, ast::Birthday, "a birthday (at age N years)")
PLIGT_RULE(state, ast::State, "a state (state NAME \"title\" from EVENT to EVENT)")
PLIGT_RULE(vocabulary, ast::Vocabulary, "a vocabulary")
PLIGT_RULE(age_origin, ast::AgeOrigin, "what an age counts from (age of \"whom\" from FACT)")
PLIGT_RULE(language, ast::Language, "the rules' language (language CODE, e.g. language da)")
PLIGT_RULE(vocabulary_end, x3::unused_type, "a fact, kind, event, state, age or language, or '}'")
PLIGT_RULE(attributes_end, x3::unused_type, "an attribute (name: type), or '}'")

// Calendars
PLIGT_RULE(sign, std::string, "'+' or '-'")
PLIGT_RULE(day_word, x3::unused_type, "'days'")
PLIGT_RULE(easter_offset, ast::EasterOffset, "a date relative to Easter (easter + N days)")
using HolidayDate = boost::variant<ast::Token, ast::EasterOffset>;
PLIGT_RULE(holiday_date, HolidayDate, "a day (MM-DD) or easter ± N days")
PLIGT_RULE(year_bound, ast::YearBound, "a year bound (from YEAR, until YEAR)")
PLIGT_RULE(holiday, ast::Holiday, "a holiday")
PLIGT_RULE(weekend, ast::Weekend, "a weekend")
PLIGT_RULE(calendar, ast::Calendar, "a calendar")
PLIGT_RULE(calendar_end, x3::unused_type, "a weekend or holiday, or '}'")

// Laws and duties
PLIGT_RULE(names_or, std::vector<ast::Token>, "a name")
PLIGT_RULE(names_comma, std::vector<ast::Token>, "a name")
PLIGT_RULE(short_clause, ast::Short, "a short name")
PLIGT_RULE(anchor, ast::Anchor, "a paragraph anchor (anchor \"#P\" after \"MARKER\")")
PLIGT_RULE(in_force, ast::InForce, "a period in force")
PLIGT_RULE(uses, ast::Uses, "a vocabulary")
PLIGT_RULE(calendar_ref, ast::CalendarRef, "a calendar")
PLIGT_RULE(cite, ast::Cite, "a citation")
PLIGT_RULE(trigger, ast::Trigger, "a trigger")
PLIGT_RULE(duration, ast::Duration, "a duration (N hours, days, working days, weeks, months or years)")
PLIGT_RULE(years_word, x3::unused_type, "'years'")
PLIGT_RULE(months_word, x3::unused_type, "'months'")
PLIGT_RULE(within, ast::Within, "a deadline")
PLIGT_RULE(before_event, ast::BeforeEvent, "a deadline")
PLIGT_RULE(at_age, ast::AtAge, "a deadline")
PLIGT_RULE(before_age, ast::BeforeAge, "a deadline")
PLIGT_RULE(attribute_interval, ast::AttributeInterval, "an interval")
PLIGT_RULE(within_attribute, ast::AttributeInterval, "a deadline")
PLIGT_RULE(deadline_form, ast::DeadlineAlternative,
           "a deadline (within N UNIT, before EVENT, at age N years, no deadline)")
PLIGT_RULE(deadline_forms, std::vector<ast::DeadlineAlternative>, "a deadline")
PLIGT_RULE(deadline_choice, ast::DeadlineChoice, "a choice of deadlines (earliest of (…, …))")
PLIGT_RULE(choice_word, std::string, "'earliest', 'latest' or 'first'")
PLIGT_RULE(recurrence, ast::Recurrence, "a recurrence (, then every N UNIT)")
PLIGT_RULE(passed_clause, ast::NoDeadline, "', otherwise no deadline'")
PLIGT_RULE(deadline_rule, ast::DeadlineRule,
           "a deadline (within N UNIT, before EVENT, at age N years, N UNIT before age N, earliest of (…))")
PLIGT_RULE(due, ast::Due, "a deadline")
PLIGT_RULE(no_deadline, ast::NoDeadline, "'no deadline'")
PLIGT_RULE(target, ast::Target, "a target")
PLIGT_RULE(dated_by, ast::DatedBy, "the date that decides (dated by trigger, deadline or EVENT)")
PLIGT_RULE(unless, ast::Unless, "a statutory exception")
PLIGT_RULE(fulfilment, ast::Fulfilment, "a fulfilling event")
PLIGT_RULE(fulfilments, std::vector<ast::Fulfilment>, "a fulfilling event")
PLIGT_RULE(look_back, ast::LookBack, "how far back an earlier event counts (also before [within N UNIT] [since EVENT])")
PLIGT_RULE(times_clause, ast::TimesClause, "a count of fulfilling events (, N times)")
PLIGT_RULE(done_by, ast::DoneBy, "a fulfilling event")
PLIGT_RULE(lapses, ast::Lapses, "an event on which the duty lapses")
PLIGT_RULE(effort, ast::Effort, "an effort")
PLIGT_RULE(wording, ast::Wording, "the statute's words for the time limit (wording \"…\")")
PLIGT_RULE(duty, ast::Duty, "a duty")
PLIGT_RULE(duty_clauses, std::vector<ast::DutyClause>, "a duty clause")
PLIGT_RULE(duty_change, ast::DutyChange, "a changed duty (change DUTY { … })")
PLIGT_RULE(duty_end, x3::unused_type,
           "a duty clause (cite, on, unless, due, no deadline, wording, target, dated by, done by, lapses on, effort), "
           "or '}'")
PLIGT_RULE(url, ast::Url, "an address (url \"https://…\")")
PLIGT_RULE(cite_change, ast::CiteChange, "a changed citation (cite DUTY \"…\")")
PLIGT_RULE(repeal, ast::Repeal, "a repealed duty")
PLIGT_RULE(version, ast::Version, "a version")
PLIGT_RULE(version_items, std::vector<ast::VersionItem>, "a version clause")
PLIGT_RULE(version_end, x3::unused_type, "a version clause (url, cite DUTY, repeal, duty, change), or '}'")
PLIGT_RULE(finish, ast::Finish, "the duties finished under this law")
PLIGT_RULE(keep, ast::Keep, "the events kept (keep EVENT for DUTY)")
PLIGT_RULE(transition, ast::Transition, "a transitional provision")
PLIGT_RULE(transition_end, x3::unused_type, "finish DUTY, keep EVENT for DUTY, or '}'")
PLIGT_RULE(law, ast::Law, "a law")
PLIGT_RULE(law_end, x3::unused_type,
           "a law clause (short, in force, uses, calendar, anchor, version, transition, duty), or '}'")

// Exemption sets and municipalities
PLIGT_RULE(basis, ast::Basis, "a legal basis")
PLIGT_RULE(covers, ast::Covers, "what the basis covers (covers LAW \"PARAGRAPH\", …)")
PLIGT_RULE(texts_comma, std::vector<ast::Token>, "a paragraph in quotes")
PLIGT_RULE(amends, ast::Amends, "an amended law")
PLIGT_RULE(waive, ast::Waive, "a waiver")
PLIGT_RULE(change, ast::Change, "a changed deadline")
PLIGT_RULE(exemptions, ast::ExemptionSet, "an exemption set")
PLIGT_RULE(exemptions_end, x3::unused_type,
           "an exemption clause (basis, url, amends, covers, in force, waive, change, duty), or '}'")
PLIGT_RULE(code, ast::Code, "a code")
PLIGT_RULE(region, ast::Region, "a region")
PLIGT_RULE(population, ast::Population, "a population (population N source|estimate \"note\")")
PLIGT_RULE(provenance, std::string, "'source' or 'estimate'")
PLIGT_RULE(adopts, ast::Adopts, "an adoption")
PLIGT_RULE(municipality_target, ast::MunicipalityTarget, "a target (target DUTY within N UNIT basis \"…\")")
PLIGT_RULE(municipality, ast::Municipality, "a municipality")
PLIGT_RULE(municipality_end, x3::unused_type,
           "a municipality clause (code, region, population, adopts, target), or '}'")

// Scenarios
PLIGT_RULE(set_override, ast::SetOverride, "an exemption set override")
PLIGT_RULE(set_override_end, x3::unused_type, "amends, in force, or '}'")
PLIGT_RULE(law_override, ast::LawOverride, "a law override")
PLIGT_RULE(every_adopts, ast::EveryAdopts, "an adoption by every municipality")
PLIGT_RULE(municipality_adopts, ast::MunicipalityAdopts, "an adoption")
PLIGT_RULE(effort_override, ast::EffortOverride, "an effort override")
PLIGT_RULE(no_exemptions, ast::NoExemptions, "'no exemptions'")
PLIGT_RULE(scenario_version, ast::ScenarioVersion, "a version of a law (version LAW \"…\" from DATE { … })")
PLIGT_RULE(scenario, ast::Scenario, "a scenario")
PLIGT_RULE(scenario_end, x3::unused_type,
           "a scenario clause (exemptions, law, every municipality, municipality, effort, no exemptions, version), "
           "or '}'")

// Tests
PLIGT_RULE(case_value, ast::CaseValue, "a fact or attribute and its value")
PLIGT_RULE(value_or_text, ast::Token, "a value (a name, a number, a date or a text)")
PLIGT_RULE(case_event, ast::CaseEvent, "an event")
PLIGT_RULE(case_municipality, ast::CaseMunicipality, "a municipality")
using CaseItems = std::vector<boost::variant<ast::CaseMunicipality, ast::CaseEvent, ast::CaseValue>>;
PLIGT_RULE(case_items, CaseItems, "the case")
PLIGT_RULE(test_case, ast::TestCase, "a case { … }")
PLIGT_RULE(case_end, x3::unused_type, "municipality, a fact, an event (EVENT at DATE), or '}'")
PLIGT_RULE(expected_due, ast::ExpectedDue, "a due date (DATE, DATE-TIME, before EVENT or none)")
PLIGT_RULE(expectation, ast::Expectation, "an expectation")
PLIGT_RULE(test, ast::Test, "a test")
PLIGT_RULE(test_end, x3::unused_type, "an expectation (expect DUTY STATUS), or '}'")

PLIGT_RULE(declaration, ast::Declaration,
           "a declaration (vocabulary, calendar, law, exemptions, municipality, scenario or test)")

#undef PLIGT_RULE

auto const condition_def = conjunctions;
auto const conjunctions_def = conjunction % kw("or");
auto const conjunction_def = factors;
auto const factors_def = factor % kw("and");
auto const factor_def = negation | group | comparison;
auto const negation_def = kw("not") > factor;
auto const group_def = '(' > condition > ')';
auto const comparison_def = value >> -comparison_tail;
auto const comparison_op_def =
    x3::string("==") | x3::string("!=") | x3::string("<=") | x3::string(">=") | x3::string("<") | x3::string(">");
auto const value_set_def = '{' > values_comma > '}';
auto const values_comma_def = value % ',';
auto const compared_value_def = x3::repeat(1)[value];
auto const comparison_tail_def =
    (kw("in") >> x3::attr(std::string("in")) > value_set) | (comparison_op > compared_value);

auto const type_ref_def = name >> x3::matches['?'];
auto const fact_def = kw("fact") > name > ':' > type_ref > -text;
auto const kind_value_def = name > -text;
auto const kind_values_def = kind_value % ',';
auto const kind_def = kw("kind") > name > '{' > kind_values > '}';
auto const attribute_def = name > ':' > type_ref > -('=' > value) > -text;
auto const attributes_end_def = x3::lit('}');
auto const birthday_def = kw("at") > kw("age") > number > (kw("years") | kw("year")) >
                          -(number > (kw("months") | kw("month")));
auto const event_def = kw("event") > name > -text > -birthday > -('{' > *attribute > attributes_end);
auto const state_def = kw("state") > name > -text > kw("from") > names_or > kw("to") > names_or;
auto const vocabulary_end_def = x3::lit('}');
auto const age_origin_def = kw("age") > kw("of") > text > kw("from") > name;
auto const language_def = kw("language") > name;
auto const vocabulary_def = kw("vocabulary") > name > -text > '{' >
                            *(fact | kind | event | state | age_origin | language) > vocabulary_end;

auto const sign_def = x3::string("+") | x3::string("-");
auto const day_word_def = kw("days") | kw("day");
auto const easter_offset_def = kw("easter") >>
                               ((sign > number > day_word) | (x3::attr(std::string("+")) >> x3::attr(ast::Token{})));
auto const holiday_date_def = month_day | easter_offset;
auto const year_bound_def =
    (kw("from") >> x3::attr(std::string("from")) > number) | (kw("until") >> x3::attr(std::string("until")) > number);
auto const holiday_def = kw("holiday") > text > kw("on") > holiday_date > *year_bound;
auto const weekend_def = kw("weekend") > names_comma;
auto const calendar_end_def = x3::lit('}');
auto const calendar_def = kw("calendar") > name > -text > '{' > x3::matches[kw("default")] >
                          *(weekend | holiday) > calendar_end;

auto const names_or_def = name % kw("or");
auto const names_comma_def = name % ',';
auto const short_clause_def = kw("short") > text;
auto const anchor_def = kw("anchor") > text > kw("after") > text;
auto const in_force_def = kw("in") > kw("force") > -kw("from") > date > -(kw("to") > date);
auto const uses_def = kw("uses") > name;
auto const calendar_ref_def = kw("calendar") > name;
auto const cite_def = kw("cite") > text;
auto const trigger_def = kw("on") > names_or > -(kw("where") > condition);
auto const duration_def = number > unit;
auto const years_word_def = kw("years") | kw("year");
auto const months_word_def = kw("months") | kw("month");
auto const within_def = kw("within") > duration > -(kw("of") > name);
auto const before_event_def = kw("before") > name > -(kw("matching") > name);
auto const at_age_def = kw("at") > kw("age") > number > years_word > -(number > months_word);
auto const before_age_def = duration >> kw("before") > kw("age") > number > -years_word;
auto const attribute_interval_def = name > unit;
auto const recurrence_def = ',' > kw("then") > kw("every") > (duration | attribute_interval) >
                            -(',' >> kw("otherwise") > ((kw("every") > duration) | no_deadline)) >
                            -(kw("until") > names_or);
auto const within_attribute_def = kw("within") >> attribute_interval;
auto const deadline_form_def = (within_attribute | within | before_event | at_age | before_age | no_deadline) >>
                               -(kw("where") > condition);
auto const deadline_forms_def = deadline_form % ',';
auto const choice_word_def = (kw("earliest") >> x3::attr(std::string("earliest"))) |
                             (kw("latest") >> x3::attr(std::string("latest"))) |
                             (kw("first") >> x3::attr(std::string("first")));
auto const deadline_choice_def = choice_word > kw("of") > '(' > deadline_forms > ')';
auto const passed_clause_def = ',' >> kw("otherwise") > no_deadline;
auto const deadline_rule_def =
    (within | before_event | at_age | before_age | deadline_choice) >> -passed_clause >> -recurrence;
auto const due_def = kw("due") > deadline_rule;
auto const no_deadline_def = kw("no") > name;
auto const target_def = kw("target") > deadline_rule;
auto const dated_by_def = kw("dated") > kw("by") > name;
auto const unless_def = kw("unless") > condition > -(kw("cite") > text) > -(kw("instead") > name);
auto const fulfilment_def = name > -(kw("where") > conjunction);
auto const fulfilments_def = fulfilment % kw("or");
auto const look_back_def = ',' >> kw("also") > kw("before") > -(kw("within") > duration) > -(kw("since") > name);
auto const times_clause_def = ',' >> number > kw("times");
auto const done_by_def = kw("done") > kw("by") > fulfilments > -times_clause > -look_back;
auto const lapses_def = kw("lapses") > kw("on") > names_or;
auto const effort_def = kw("effort") > number > kw("hours");
auto const wording_def = kw("wording") > text;
auto const duty_end_def = x3::lit('}');
auto const duty_clauses_def =
    *(cite | trigger | unless | due | no_deadline | wording | target | dated_by | done_by | lapses | effort);
auto const duty_def = kw("duty") > name > -text > '{' > duty_clauses > duty_end;
auto const duty_change_def = kw("change") > name > '{' > duty_clauses > duty_end;
auto const url_def = kw("url") > text;
auto const cite_change_def = kw("cite") > name > text;
auto const repeal_def = kw("repeal") > name;
auto const version_end_def = x3::lit('}');
auto const version_items_def = *(url | cite_change | repeal | duty | duty_change);
auto const version_def = kw("version") > text > kw("from") > date > '{' > version_items > version_end;
auto const finish_def = kw("finish") > names_comma;
auto const keep_def = kw("keep") > names_comma > kw("for") > names_comma;
auto const transition_end_def = x3::lit('}');
auto const transition_def = kw("transition") > kw("from") > name > kw("cite") > text > '{' >
                            *(finish | keep) > transition_end;
auto const law_end_def = x3::lit('}');
auto const law_def = kw("law") > name > -text > '{' >
                     *(short_clause | in_force | uses | calendar_ref | anchor | version | transition | duty) > law_end;

auto const basis_def = kw("basis") > text;
auto const texts_comma_def = text % ',';
auto const covers_def = kw("covers") > name > texts_comma;
auto const amends_def = kw("amends") > names_comma;
auto const waive_def = kw("waive") > name > -(kw("where") > condition) > -(kw("instead") > name) >
                       -(kw("dated") > kw("by") > name);
auto const change_def = kw("change") > name > '{' > due > '}';
auto const exemptions_end_def = x3::lit('}');
auto const exemptions_def = kw("exemptions") > name > -text > '{' >
                            *(basis | url | amends | covers | in_force | waive | change | duty) > exemptions_end;
auto const code_def = kw("code") > number;
auto const region_def = kw("region") > name;
auto const provenance_def =
    (kw("source") >> x3::attr(std::string("source"))) | (kw("estimate") >> x3::attr(std::string("estimate")));
auto const population_def = kw("population") > number > provenance > text;
auto const adopts_def = kw("adopts") > name > kw("from") > date > -(kw("to") > date);
auto const municipality_target_def = kw("target") > name > deadline_rule > kw("basis") > text;
auto const municipality_end_def = x3::lit('}');
auto const municipality_def = kw("municipality") > name > -text > '{' >
                              *(code | region | population | adopts | municipality_target) > municipality_end;

auto const set_override_end_def = x3::lit('}');
auto const set_override_def = kw("exemptions") > name > '{' > *(amends | in_force) > set_override_end;
auto const law_override_def = kw("law") > name > in_force;
auto const every_adopts_def = kw("every") > kw("municipality") > adopts;
auto const municipality_adopts_def = kw("municipality") > name > adopts;
auto const effort_override_def = kw("effort") > name > number > kw("hours");
auto const no_exemptions_def = kw("no") > name;
auto const scenario_version_def = kw("version") > name > text > kw("from") > date > '{' > version_items > version_end;
auto const scenario_end_def = x3::lit('}');
auto const scenario_def = kw("scenario") > name > -text > '{' >
                          *(set_override | law_override | every_adopts | municipality_adopts | effort_override |
                            no_exemptions | scenario_version) > scenario_end;

auto const value_or_text_def = value | text;
auto const case_value_def = name > value_or_text;
auto const case_event_def = name >> kw("at") > moment > -('{' > *case_value > '}');
auto const case_municipality_def = kw("municipality") > value;
auto const case_items_def = *(case_municipality | case_event | case_value);
auto const case_end_def = x3::lit('}');
auto const test_case_def = kw("case") > '{' > case_items > case_end;
auto const expected_due_def = (kw("before") >> x3::attr(true) > name) |
                              (kw("none") >> x3::attr(false) >> x3::attr(ast::Token{{}, "none"})) |
                              (x3::attr(false) >> moment);
// `instance N`, not `#N`: a `#` starts a comment.
auto const expectation_def = kw("expect") > x3::matches[kw("no")] > name > -(kw("instance") > number) > -status >
                             -(kw("due") > expected_due) > -(kw("cite") > text);
auto const test_end_def = x3::lit('}');
auto const test_def = kw("test") > text > '{' > test_case > kw("as") > kw("of") > moment > *expectation > test_end;

auto const declaration_def = vocabulary | calendar | law | exemptions | municipality | scenario | test;

BOOST_SPIRIT_DEFINE(condition, conjunctions, conjunction, factors, factor, negation, group, comparison, comparison_tail,
                    comparison_op, value_set, values_comma, compared_value)
BOOST_SPIRIT_DEFINE(type_ref, fact, kind, kind_value, kind_values, attribute, event, birthday, state, age_origin,
                    language, vocabulary, vocabulary_end, attributes_end)
BOOST_SPIRIT_DEFINE(sign, day_word, easter_offset, holiday_date, year_bound, holiday, weekend, calendar, calendar_end)
BOOST_SPIRIT_DEFINE(names_or, names_comma, short_clause, anchor, in_force, uses, calendar_ref, cite, trigger, duration,
                    years_word, months_word, within, before_event, at_age, before_age, attribute_interval,
                    within_attribute, recurrence, passed_clause, deadline_form, deadline_forms, deadline_choice,
                    choice_word, deadline_rule, due, no_deadline, target, dated_by, unless, fulfilment, fulfilments,
                    times_clause, look_back, done_by, lapses, effort, wording, duty, duty_clauses, duty_change,
                    duty_end, url, cite_change, repeal, version, version_items, version_end, finish, keep, transition,
                    transition_end, law, law_end)
BOOST_SPIRIT_DEFINE(basis, covers, texts_comma, amends, waive, change, exemptions, exemptions_end, code, region,
                    population, provenance, adopts, municipality_target, municipality, municipality_end)
BOOST_SPIRIT_DEFINE(set_override, set_override_end, law_override, every_adopts, municipality_adopts, effort_override,
                    no_exemptions, scenario_version, scenario, scenario_end)
BOOST_SPIRIT_DEFINE(case_value, value_or_text, case_event, case_municipality, case_items, test_case, case_end,
                    expected_due, expectation, test, test_end, declaration)

// Words that start a top-level declaration: after a syntax error, parsing
// resumes at the next line that starts with one of them.
inline constexpr char const* top_level_keywords[] = {"vocabulary",   "calendar", "law", "exemptions",
                                                     "municipality", "scenario", "test"};

}  // namespace pligt::grammar
