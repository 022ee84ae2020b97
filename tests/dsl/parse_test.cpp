// The parser: every construct of the language becomes its syntax tree, and
// every broken declaration gives one error at the line and column (counted in
// characters) where the text stops making sense, in words a legal advisor can
// act on.
#include "dsl/parse.hpp"
#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/source.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using namespace pligt;

struct Parsed {
    ast::File file;
    std::vector<Diagnostic> diagnostics;
};

Parsed parse_text(std::string text) {
    SourceFile const source{"test.pligt", std::move(text)};
    Diagnostics diagnostics;
    auto file = parse(source, diagnostics);
    return Parsed{std::move(file), diagnostics.sorted()};
}

// The one syntax error a text must give.
Diagnostic syntax_error(std::string text) {
    auto parsed = parse_text(std::move(text));
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics.front().code == "syntax");
    CHECK(parsed.diagnostics.front().severity == Severity::error);
    return parsed.diagnostics.front();
}

template <typename T, typename Variant>
std::size_t count_of(std::vector<Variant> const& items) {
    std::size_t n = 0;
    for (auto const& item : items)
        if (boost::get<T>(&item)) ++n;
    return n;
}

template <typename T, typename Variant>
T const& nth(std::vector<Variant> const& items, std::size_t index) {
    std::vector<T const*> found;
    for (auto const& item : items)
        if (auto const* p = boost::get<T>(&item)) found.push_back(p);
    REQUIRE(index < found.size());
    return *found[index];
}

std::string const every_construct = R"(# A fictional act with every construct of the language.
vocabulary example_events "Example events" {
  fact birthdate: date "Date of birth"
  fact resident: bool
  kind request_kind { information, complaint, appeal }
  event request_received "Request received" {
    kind: request_kind "Kind of request"
    urgent: bool = false "Marked urgent"
    pages: int?
  }
  event request_answered "Request answered"
  event answer_sent
}

law example_act "Example Act" {
  short "EA"
  in force 2020-01-01 to 2023-12-31
  uses example_events

  duty answer "Answer the request" {
    cite "§ 2, stk. 1"
    on request_received where (kind in {complaint, appeal} or urgent) and not resident and age >= 12
    due within 4 months
    done by request_answered or answer_sent
    effort 2.5 hours   # an estimate
  }
  duty acknowledge "Acknowledge" {
    cite "§ 1"
    on request_received
    due within 24 hours
    done by request_answered
  }
}

law example_act_2024 {
  in force from 2024-01-01
  uses example_events
}

exemptions pilot_scheme "Pilot scheme" {
  basis "Example Pilot Act \"quoted\" § 9"
  amends example_act, example_act_2024
  in force 2020-01-01 to 2023-12-31
  waive answer instead quick_reply
  waive acknowledge
  duty quick_reply "Quick reply" {
    cite "Pilot § 10"
    on request_received
    due within 6 weeks
    done by request_answered
  }
}

municipality town_a "Town A" {
  code 101
  region north
  population 1200 estimate "fictional"
  adopts pilot_scheme from 2021-01-01 to 2021-12-31
  adopts pilot_scheme from 2023-01-01
}
municipality town_b "Town B" { code 756 region south population 40 source "a register" }
)";

}  // namespace

TEST_CASE("a file with every construct parses into the expected declarations without diagnostics") {
    auto const parsed = parse_text(every_construct);
    CHECK(parsed.diagnostics.empty());
    auto const& declarations = parsed.file.declarations;
    REQUIRE(declarations.size() == 6);
    CHECK(count_of<ast::Vocabulary>(declarations) == 1);
    CHECK(count_of<ast::Law>(declarations) == 2);
    CHECK(count_of<ast::ExemptionSet>(declarations) == 1);
    CHECK(count_of<ast::Municipality>(declarations) == 2);
}

TEST_CASE("a vocabulary parses its facts, kinds, events and attributes") {
    auto const parsed = parse_text(every_construct);
    auto const& vocabulary = nth<ast::Vocabulary>(parsed.file.declarations, 0);
    CHECK(vocabulary.name.text == "example_events");
    REQUIRE(vocabulary.title.has_value());
    CHECK(vocabulary.title->text == "Example events");
    CHECK(count_of<ast::Fact>(vocabulary.items) == 2);
    CHECK(count_of<ast::Kind>(vocabulary.items) == 1);
    CHECK(count_of<ast::Event>(vocabulary.items) == 3);

    auto const& birthdate = nth<ast::Fact>(vocabulary.items, 0);
    CHECK(birthdate.type.name.text == "date");
    REQUIRE(birthdate.title.has_value());
    CHECK(birthdate.title->text == "Date of birth");
    CHECK_FALSE(nth<ast::Fact>(vocabulary.items, 1).title.has_value());

    auto const& kind = nth<ast::Kind>(vocabulary.items, 0);
    REQUIRE(kind.values.size() == 3);
    CHECK(kind.values[2].name.text == "appeal");
    CHECK_FALSE(kind.values[2].title.has_value());

    auto const& received = nth<ast::Event>(vocabulary.items, 0);
    REQUIRE(received.attributes.size() == 3);
    CHECK(received.attributes[0].type.name.text == "request_kind");
    CHECK_FALSE(received.attributes[0].type.optional);
    CHECK_FALSE(received.attributes[0].default_value.has_value());
    REQUIRE(received.attributes[1].default_value.has_value());
    CHECK(received.attributes[1].default_value->text == "false");
    REQUIRE(received.attributes[1].title.has_value());
    CHECK(received.attributes[1].title->text == "Marked urgent");
    CHECK(received.attributes[2].type.optional);
    CHECK(nth<ast::Event>(vocabulary.items, 2).attributes.empty());
    CHECK_FALSE(nth<ast::Event>(vocabulary.items, 2).title.has_value());
}

TEST_CASE("a law parses its clauses and its duties' clauses") {
    auto const parsed = parse_text(every_construct);
    auto const& law = nth<ast::Law>(parsed.file.declarations, 0);
    CHECK(law.name.text == "example_act");
    CHECK(count_of<ast::Short>(law.items) == 1);
    CHECK(count_of<ast::InForce>(law.items) == 1);
    CHECK(count_of<ast::Uses>(law.items) == 1);
    CHECK(count_of<ast::Duty>(law.items) == 2);

    auto const& in_force = nth<ast::InForce>(law.items, 0);
    CHECK(in_force.from.text == "2020-01-01");
    REQUIRE(in_force.to.has_value());
    CHECK(in_force.to->text == "2023-12-31");

    auto const& duty = nth<ast::Duty>(law.items, 0);
    CHECK(duty.name.text == "answer");
    REQUIRE(duty.clauses.size() == 5);
    CHECK(nth<ast::Cite>(duty.clauses, 0).value.text == "§ 2, stk. 1");
    auto const& trigger = nth<ast::Trigger>(duty.clauses, 0);
    REQUIRE(trigger.events.size() == 1);
    CHECK(trigger.events[0].text == "request_received");
    REQUIRE(trigger.where.has_value());
    // (kind in {…} or urgent) and not resident and age >= 12: one conjunction of three factors.
    REQUIRE(trigger.where->terms.size() == 1);
    auto const& factors = trigger.where->terms[0].terms;
    REQUIRE(factors.size() == 3);
    auto const* group = boost::get<ast::Group>(&factors[0].node);
    REQUIRE(group);
    REQUIRE(group->inner.size() == 1);
    REQUIRE(group->inner[0].terms.size() == 2);  // or
    CHECK(boost::get<ast::Negation>(&factors[1].node));
    auto const* age = boost::get<ast::Comparison>(&factors[2].node);
    REQUIRE(age);
    CHECK(age->left.text == "age");
    REQUIRE(age->tail.has_value());
    CHECK(age->tail->op == ">=");
    REQUIRE(age->tail->values.size() == 1);
    CHECK(age->tail->values[0].text == "12");
    auto const& membership = boost::get<ast::Comparison>(group->inner[0].terms[0].terms[0].node);
    REQUIRE(membership.tail.has_value());
    CHECK(membership.tail->op == "in");
    CHECK(membership.tail->values.size() == 2);

    auto const& due = nth<ast::Due>(duty.clauses, 0);
    auto const* within = boost::get<ast::Within>(&due.rule.first);
    REQUIRE(within);
    CHECK(within->span.amount.text == "4");
    CHECK(within->span.unit.text == "months");
    auto const& done_by = nth<ast::DoneBy>(duty.clauses, 0);
    REQUIRE(done_by.events.size() == 2);
    CHECK(done_by.events[1].event.text == "answer_sent");
    CHECK(nth<ast::Effort>(duty.clauses, 0).value.text == "2.5");

    auto const& open_ended = nth<ast::Law>(parsed.file.declarations, 1);
    CHECK_FALSE(open_ended.title.has_value());
    CHECK_FALSE(nth<ast::InForce>(open_ended.items, 0).to.has_value());
    CHECK(nth<ast::InForce>(open_ended.items, 0).from.text == "2024-01-01");
}

TEST_CASE("an exemption set and municipalities parse their clauses") {
    auto const parsed = parse_text(every_construct);
    auto const& set = nth<ast::ExemptionSet>(parsed.file.declarations, 0);
    CHECK(nth<ast::Basis>(set.items, 0).value.text == "Example Pilot Act \"quoted\" § 9");
    CHECK(nth<ast::Amends>(set.items, 0).names.size() == 2);
    CHECK(count_of<ast::InForce>(set.items) == 1);
    CHECK(count_of<ast::Waive>(set.items) == 2);
    CHECK(count_of<ast::Duty>(set.items) == 1);
    auto const& replaced = nth<ast::Waive>(set.items, 0);
    CHECK(replaced.duty.text == "answer");
    REQUIRE(replaced.instead.has_value());
    CHECK(replaced.instead->text == "quick_reply");
    CHECK_FALSE(nth<ast::Waive>(set.items, 1).instead.has_value());

    auto const& town_a = nth<ast::Municipality>(parsed.file.declarations, 0);
    CHECK(nth<ast::Code>(town_a.items, 0).value.text == "101");
    CHECK(nth<ast::Region>(town_a.items, 0).value.text == "north");
    auto const& population = nth<ast::Population>(town_a.items, 0);
    CHECK(population.count.text == "1200");
    CHECK(population.provenance == "estimate");
    CHECK(population.note.text == "fictional");
    REQUIRE(count_of<ast::Adopts>(town_a.items) == 2);
    CHECK(nth<ast::Adopts>(town_a.items, 0).set.text == "pilot_scheme");
    REQUIRE(nth<ast::Adopts>(town_a.items, 0).to.has_value());
    CHECK(nth<ast::Adopts>(town_a.items, 0).to->text == "2021-12-31");
    CHECK_FALSE(nth<ast::Adopts>(town_a.items, 1).to.has_value());

    auto const& town_b = nth<ast::Municipality>(parsed.file.declarations, 1);
    CHECK(nth<ast::Population>(town_b.items, 0).provenance == "source");
}

TEST_CASE("a token records its byte span in the source") {
    std::string const text = "law example_act \"Ø\" {\n}\n";
    auto const parsed = parse_text(text);
    REQUIRE(parsed.diagnostics.empty());
    auto const& law = nth<ast::Law>(parsed.file.declarations, 0);
    CHECK(law.name.begin == 4);
    CHECK(law.name.end == 15);
    REQUIRE(law.title.has_value());
    CHECK(law.title->begin == 16);
    CHECK(law.title->end == 20);  // "Ø" is two bytes
    CHECK(law.begin == 0);
}

TEST_CASE("an empty file or one with only comments parses to no declarations") {
    auto const empty = parse_text("");
    CHECK(empty.file.declarations.empty());
    CHECK(empty.diagnostics.empty());
    auto const comments = parse_text("# nothing here\n\n   # still nothing\n");
    CHECK(comments.file.declarations.empty());
    CHECK(comments.diagnostics.empty());
}

TEST_CASE("a misspelt law clause names the clauses a law may have") {
    auto const d =
        syntax_error("law example_act \"Example Act\" {\n  short \"EA\"\n  dyty answer \"Answer\" {\n  }\n}\n");
    CHECK(d.file == "test.pligt");
    CHECK(d.line == 3);
    CHECK(d.column == 3);
    CHECK(d.length == 4);
    CHECK(d.message ==
          "expected a law clause (short, in force, uses, calendar, anchor, version, transition, duty), or '}', found "
          "'dyty'");
}

TEST_CASE("a misspelt duty clause names the clauses a duty may have") {
    auto const d = syntax_error(
        "law example_act {\n  duty answer \"Answer\" {\n    cite \"§ 2\"\n    dew within 4 months\n  }\n}\n");
    CHECK(d.line == 4);
    CHECK(d.column == 5);
    CHECK(d.message ==
          "expected a duty clause (cite, on, unless, due, no deadline, wording, target, dated by, done by, lapses on, "
          "effort), or '}', found 'dew'");
}

TEST_CASE("a misspelt vocabulary item names the items a vocabulary may have") {
    auto const d = syntax_error("vocabulary example_events {\n  evnt request_received\n}\n");
    CHECK(d.line == 2);
    CHECK(d.column == 3);
    CHECK(d.message == "expected a fact, kind, event, state, age or language, or '}', found 'evnt'");
}

TEST_CASE("a misspelt municipality clause names the clauses a municipality may have") {
    auto const d =
        syntax_error("municipality town_a \"Town A\" {\n  code 101\n  adopt pilot_scheme from 2021-01-01\n}\n");
    CHECK(d.line == 3);
    CHECK(d.column == 3);
    CHECK(d.message ==
          "expected a municipality clause (code, region, population, adopts, target), or '}', found 'adopt'");
}

TEST_CASE("a misspelt exemption clause names the clauses an exemption set may have") {
    auto const d = syntax_error("exemptions pilot_scheme {\n  waiver answer\n}\n");
    CHECK(d.line == 2);
    CHECK(d.column == 3);
    CHECK(d.message ==
          "expected an exemption clause (basis, url, amends, covers, in force, waive, change, duty), or '}', found "
          "'waiver'");
}

TEST_CASE("an unknown top-level word names the declarations a file may have") {
    auto const d = syntax_error("\n\n  lov example_act {\n}\n");
    CHECK(d.line == 3);
    CHECK(d.column == 3);
    CHECK(d.length == 3);
    CHECK(
        d.message ==
        "expected a declaration (vocabulary, calendar, law, exemptions, municipality, scenario or test), found 'lov'");
}

TEST_CASE("a missing brace after the title is reported at the word that stands there") {
    auto const d = syntax_error("law example_act \"Example Act\"\n  short \"EA\"\n}\n");
    CHECK(d.line == 2);
    CHECK(d.column == 3);
    CHECK(d.message == "expected '{', found 'short'");
}

TEST_CASE("a text without its closing quote is reported as the rest of the line") {
    auto const d = syntax_error("law example_act \"Example Act {\n}\n");
    CHECK(d.line == 1);
    CHECK(d.column == 17);
    CHECK(d.length == 14);
    CHECK(d.message == "expected '{', found '\"Example Act {'");
}

TEST_CASE("a declaration cut off by the end of the file says so") {
    auto const d = syntax_error("law example_act \"Example Act\" {\n  short \"EA\"\n");
    CHECK(d.line == 3);
    CHECK(d.column == 1);
    CHECK(d.message ==
          "expected a law clause (short, in force, uses, calendar, anchor, version, transition, duty), or '}', found "
          "end of "
          "file");
}

TEST_CASE("a fact without its colon asks for the colon") {
    auto const d = syntax_error("vocabulary example_events {\n  fact birthdate date\n}\n");
    CHECK(d.line == 2);
    CHECK(d.column == 18);
    CHECK(d.message == "expected ':', found 'date'");
}

TEST_CASE("a malformed date asks for YYYY-MM-DD") {
    auto const d = syntax_error("law example_act {\n  in force 2020-1-01 to 2023-12-31\n}\n");
    CHECK(d.line == 2);
    CHECK(d.column == 12);
    CHECK(d.length == 9);
    CHECK(d.message == "expected a date (YYYY-MM-DD), found '2020-1-01'");
}

TEST_CASE("a deadline in words asks for a duration") {
    auto const d = syntax_error("law example_act {\n  duty answer \"Answer\" {\n    due within four months\n  }\n}\n");
    CHECK(d.line == 3);
    CHECK(d.column == 16);
    CHECK(d.message == "expected a duration (N hours, days, working days, weeks, months or years), found 'four'");
}

TEST_CASE("'done by' without an event asks for a fulfilling event") {
    auto const d = syntax_error("law example_act {\n  duty answer \"Answer\" {\n    done by\n  }\n}\n");
    CHECK(d.line == 4);
    CHECK(d.column == 3);
    CHECK(d.message == "expected a fulfilling event, found '}'");
}

TEST_CASE("an unfinished condition asks for a condition") {
    auto const d =
        syntax_error("law example_act {\n  duty answer \"Answer\" {\n    on request_received where not\n  }\n}\n");
    CHECK(d.line == 4);
    CHECK(d.column == 3);
    CHECK(d.message == "expected a condition, found '}'");
}

TEST_CASE("a population clause without its provenance asks for 'source' or 'estimate'") {
    auto const d = syntax_error("municipality town_a \"Town A\" {\n  population 1200 \"a register\"\n}\n");
    CHECK(d.line == 2);
    CHECK(d.column == 19);
    CHECK(d.message == "expected 'source' or 'estimate', found '\"a register\"'");
}

TEST_CASE("each broken declaration of a file gives one error and the others still parse") {
    auto const parsed = parse_text(
        "vocabulary example_events {\n"       // 1
        "  evnt request_received\n"           // 2: broken
        "  fact birthdate date\n"             // 3: broken too, same declaration
        "}\n"                                 // 4
        "law example_act {\n"                 // 5
        "  uses example_events\n"             // 6
        "}\n"                                 // 7
        "municipality town_a \"Town A\" {\n"  // 8
        "  code one-hundred\n"                // 9: broken
        "}\n"                                 // 10
        "municipality town_b \"Town B\" {\n"  // 11
        "  code 756\n"                        // 12
        "}\n");
    REQUIRE(parsed.diagnostics.size() == 2);
    CHECK(parsed.diagnostics[0].line == 2);
    CHECK(parsed.diagnostics[0].column == 3);
    CHECK(parsed.diagnostics[0].message ==
          "expected a fact, kind, event, state, age or language, or '}', found 'evnt'");
    CHECK(parsed.diagnostics[1].line == 9);
    CHECK(parsed.diagnostics[1].column == 8);
    CHECK(parsed.diagnostics[1].message == "expected a number, found 'one-hundred'");
    REQUIRE(parsed.file.declarations.size() == 2);
    CHECK(nth<ast::Law>(parsed.file.declarations, 0).name.text == "example_act");
    CHECK(nth<ast::Municipality>(parsed.file.declarations, 0).name.text == "town_b");
}

TEST_CASE("parsing resumes only at a line that starts with a top-level keyword") {
    // The indented `law` is inside the broken declaration; `lawyer` is not a keyword.
    auto const parsed = parse_text(
        "law example_act {\n"
        "  oops\n"
        "  law inner {\n"
        "}\n"
        "lawyer x\n"
        "law example_act_2024 {\n"
        "}\n");
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics[0].line == 2);
    REQUIRE(parsed.file.declarations.size() == 1);
    CHECK(nth<ast::Law>(parsed.file.declarations, 0).name.text == "example_act_2024");
}

TEST_CASE("columns count characters, not bytes, after a Danish title") {
    auto const d = syntax_error("law example_act \"Lov om børn\" x {\n}\n");
    CHECK(d.line == 1);
    CHECK(d.column == 31);  // "ø" is two bytes but one character
    CHECK(d.message == "expected '{', found 'x'");
}

TEST_CASE("render prints gcc's layout with a caret under the error") {
    auto const d =
        syntax_error("law example_act \"Example Act\" {\n  short \"EA\"\n  dyty answer \"Answer\" {\n  }\n}\n");
    CHECK(render(d) ==
          "test.pligt:3:3: error: expected a law clause (short, in force, uses, calendar, anchor, version, transition, "
          "duty), "
          "or '}', found 'dyty'\n"
          " 3 |   dyty answer \"Answer\" {\n"
          "   |   ^~~~\n");
}

TEST_CASE("render puts the caret under the character after a Danish title") {
    auto const d = syntax_error("law example_act \"Lov om børn\" x {\n}\n");
    CHECK(render(d) ==
          "test.pligt:1:31: error: expected '{', found 'x'\n"
          " 1 | law example_act \"Lov om børn\" x {\n"
          "   |                               ^\n");
}

TEST_CASE("render keeps tabs in the caret line and widens the gutter for long line numbers") {
    std::string text = "law example_act {\n";
    for (int i = 0; i < 9; ++i) text += "  # filler\n";
    text += "\tdyty answer\n}\n";  // line 11
    auto const d = syntax_error(text);
    CHECK(d.line == 11);
    CHECK(d.column == 2);
    CHECK(render(d) ==
          "test.pligt:11:2: error: expected a law clause (short, in force, uses, calendar, anchor, version, "
          "transition, duty), "
          "or '}', found 'dyty'\n"
          " 11 | \tdyty answer\n"
          "    | \t^~~~\n");
}

TEST_CASE("render of a whole-file problem has no line, column or caret") {
    Diagnostics diagnostics;
    diagnostics.file_error("rules/missing", "unreadable", "no such file or directory");
    REQUIRE(diagnostics.size() == 1);
    CHECK(render(diagnostics.sorted().front()) == "rules/missing: error: no such file or directory\n");
}

namespace {

// A law whose one duty triggers on a condition.
std::string with_condition(std::string const& condition) {
    return "law example_act {\n  duty answer \"Answer\" {\n    on request_received where " + condition + "\n  }\n}\n";
}

}  // namespace

TEST_CASE("a list or a repetition in the grammar is named in words, never by its C++ type") {
    CHECK(syntax_error("vocabulary v {\n  kind k { }\n}\n").message == "expected a name, found '}'");
    CHECK(syntax_error(with_condition("kind in { }")).message ==
          "expected a value (a name, a number or a date), found '}'");
    CHECK(syntax_error(with_condition("pages >=")).message ==
          "expected a value (a name, a number or a date), found '}'");
    CHECK(syntax_error("test \"t\" {\n  case {\n    e at 2020-01-01 { kind }\n  }\n  as of 2020-01-02\n}\n").message ==
          "expected a value (a name, a number, a date or a text), found '}'");
}

TEST_CASE("a file that is not UTF-8 is an error at its first stray byte, once") {
    auto const parsed = parse_text("vocabulary v \"B\xf8rn\" {\n  event e \"\xe6\"\n}\n");
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics[0].code == "encoding");
    CHECK(parsed.diagnostics[0].line == 1);
    CHECK(parsed.diagnostics[0].column == 16);
    CHECK(parsed.diagnostics[0].message == "byte 0xF8 is not UTF-8; save the file as UTF-8");
    // Overlong forms and surrogates are not UTF-8 either.
    CHECK(parse_text("# \xc0\xaf\n").diagnostics.size() == 1);
    CHECK(parse_text("# \xed\xa0\x80\n").diagnostics.size() == 1);
    CHECK(parse_text("# \xf4\x90\x80\x80\n").diagnostics.size() == 1);
    CHECK(parse_text("# \xc3").diagnostics.size() == 1);
    CHECK(parse_text("# ø æ å € 𝄞\n").diagnostics.empty());
}

TEST_CASE("a byte-order mark at the start is ignored: the first visible character is column 1") {
    CHECK(parse_text("\xef\xbb\xbfvocabulary v {\n}\n").diagnostics.empty());
    auto const d = syntax_error("\xef\xbb\xbfvocabulary v { evnt e }\n");
    CHECK(d.line == 1);
    CHECK(d.column == 16);
}

TEST_CASE("a character that prints as nothing or a blank is shown by its code point") {
    CHECK(syntax_error("vocabulary v {\n  event\xc2\xa0"
                       "e\n}\n")
              .message == "expected a name, found U+00A0");
    CHECK(syntax_error("vocabulary v {\n  event e \x1b\n}\n").message ==
          "expected a fact, kind, event, state, age or language, or '}', found U+001B");
    CHECK(syntax_error("vocabulary v {\n  event b\xc3\xb8rn\n}\n").message ==
          "expected a fact, kind, event, state, age or language, or '}', found '\xc3\xb8' (U+00F8)");
    CHECK(
        syntax_error("Law x {\n}\n").message ==
        "expected a declaration (vocabulary, calendar, law, exemptions, municipality, scenario or test), found 'Law'");
}

TEST_CASE("a text that is not closed is shown to the end of its line, without a CR, cut at a character") {
    CHECK(syntax_error("vocabulary v \"Office {\r\n}\r\n").message == "expected '{', found '\"Office {'");
    auto const long_title = std::string(38, 'x') + "\xc3\xb8\xc3\xb8 and more";
    CHECK(syntax_error("vocabulary v \"" + long_title + "\n").message ==
          "expected '{', found '\"" + std::string(38, 'x') + "…'");
}

TEST_CASE("a kind's values may carry the titles a reader sees") {
    auto const parsed = parse_text("vocabulary v {\n  kind outcome { granted \"Bevilget\", refused }\n}\n");
    CHECK(parsed.diagnostics.empty());
    auto const& kind = nth<ast::Kind>(nth<ast::Vocabulary>(parsed.file.declarations, 0).items, 0);
    REQUIRE(kind.values.size() == 2);
    CHECK(kind.values[0].name.text == "granted");
    REQUIRE(kind.values[0].title.has_value());
    CHECK(kind.values[0].title->text == "Bevilget");
    CHECK_FALSE(kind.values[1].title.has_value());
}
