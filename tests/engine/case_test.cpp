// Reading a case: names resolved against the rules, values typed, events put
// in time order. Every problem names its field by JSON Pointer and nothing is
// silently ignored.
#include "tests/support/check_json.hpp"
#include "tests/support/fixture.hpp"

#include "engine/case.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

using namespace pligt;
using pligt::engine::CaseError;

Program const& example_program() {
    static Program const program = pligt::testing::compile(
        {pligt::testing::fixture("example_events.pligt"), pligt::testing::fixture("example_act.pligt"),
         pligt::testing::fixture("pilot_scheme.pligt"), pligt::testing::fixture("towns.pligt")});
    return program;
}

engine::Case read_ok(std::string const& text) {
    auto result = engine::parse_case(example_program(), text);
    if (!result) {
        std::string errors;
        for (auto const& e : result.error()) errors += e.pointer + ": " + e.message + "\n";
        FAIL_CHECK("the case did not read: ", errors);
    }
    REQUIRE(result.ok());
    return std::move(result).value();
}

std::vector<CaseError> read_errors(std::string const& text) {
    auto const result = engine::parse_case(example_program(), text);
    REQUIRE_FALSE(result.ok());
    return result.error();
}

// The one error a case gives, as "pointer: message".
std::string only_error(std::string const& text) {
    auto const errors = read_errors(text);
    REQUIRE(errors.size() == 1);
    return errors.front().pointer + ": " + errors.front().message;
}

// A case in town_a with these events.
std::string with_events(std::string const& events) {
    return R"({"id": "case-1", "municipality": "town_a", "events": [)" + events + "]}";
}

Index attribute_index(Program const& program, std::string const& event, std::string const& attribute) {
    auto const& attributes = program.events[program.find_event(event)].attributes;
    for (std::size_t i = 0; i < attributes.size(); ++i)
        if (attributes[i].id == attribute) return static_cast<Index>(i);
    FAIL("no attribute ", attribute);
    return no_index;
}

}  // namespace

TEST_CASE("a valid case reads its id, municipality, facts, events and attributes") {
    auto const& program = example_program();
    auto const c = read_ok(R"({
      "id": "case-1",
      "municipality": "town_a",
      "facts": { "birthdate": "2011-05-14", "resident": true },
      "events": [
        { "event": "request_received", "at": "2021-03-04T09:30", "kind": "complaint", "pages": 12 },
        { "event": "request_answered", "at": "2021-04-01" }
      ]
    })");
    CHECK(c.id == "case-1");
    CHECK(c.municipality == program.find_municipality("town_a"));

    auto const birthdate = c.facts[program.find_fact("birthdate")];
    CHECK(birthdate.present);
    CHECK(birthdate.value == Date::parse("2011-05-14")->days());
    auto const resident = c.facts[program.find_fact("resident")];
    CHECK(resident.present);
    CHECK(resident.value == 1);

    REQUIRE(c.events.size() == 2);
    auto const& received = c.events[0];
    CHECK(received.event == program.find_event("request_received"));
    CHECK(received.at.to_string() == "2021-03-04T09:30");
    CHECK(received.position == 0);
    auto const kind = c.attribute(received, attribute_index(program, "request_received", "kind"));
    CHECK(kind.present);
    CHECK(kind.value == 1);  // complaint: the second value of request_kind
    auto const pages = c.attribute(received, attribute_index(program, "request_received", "pages"));
    CHECK(pages.present);
    CHECK(pages.value == 12);
    // A default fills an attribute the case leaves out; an optional one stays absent.
    auto const urgent = c.attribute(received, attribute_index(program, "request_received", "urgent"));
    CHECK(urgent.present);
    CHECK(urgent.value == 0);
    CHECK_FALSE(c.attribute(received, attribute_index(program, "request_received", "filed_on")).present);
    CHECK_FALSE(c.attribute(received, attribute_index(program, "request_received", "note")).present);

    CHECK(c.events[1].event == program.find_event("request_answered"));
    CHECK(c.events[1].at.to_string() == "2021-04-01");
    CHECK_FALSE(c.events[1].at.has_time());
}

TEST_CASE("a case without facts has every fact absent") {
    auto const c = read_ok(with_events(""));
    CHECK(c.events.empty());
    REQUIRE(c.facts.size() == 2);
    CHECK_FALSE(c.facts[0].present);
    CHECK_FALSE(c.facts[1].present);
}

TEST_CASE("a municipality is found by id or by kommunekode as number or text, with or without a leading zero") {
    auto const& program = example_program();
    auto const town_b = program.find_municipality("town_b");
    REQUIRE(town_b != no_index);
    for (std::string const municipality : {R"("town_b")", "756", R"("756")", R"("0756")"}) {
        INFO("municipality: ", municipality);
        auto const c = read_ok(R"({"municipality": )" + municipality + R"(, "events": []})");
        CHECK(c.municipality == town_b);
        // Output always names the canonical id.
        CHECK(pligt::testing::check_json(program, c, {}, Moment::on(*Date::parse("2021-01-01")))["municipality"] ==
              "town_b");
    }
    CHECK(engine::find_municipality(program, "101") == program.find_municipality("town_a"));
    CHECK(engine::find_municipality(program, "00101") == program.find_municipality("town_a"));
    CHECK(engine::find_municipality(program, "102") == no_index);
    CHECK(engine::find_municipality(program, "") == no_index);
    CHECK(engine::find_municipality(program, "town_c") == no_index);
}

TEST_CASE("an unknown municipality is an error at /municipality, with a suggestion when close") {
    CHECK(only_error(R"({"municipality": "town_c", "events": []})") ==
          "/municipality: unknown municipality 'town_c'; did you mean 'town_a'?");
    CHECK(only_error(R"({"municipality": 999, "events": []})") == "/municipality: unknown municipality '999'");
    CHECK(only_error(R"({"municipality": "0999", "events": []})") == "/municipality: unknown municipality '0999'");
    CHECK(only_error(R"({"municipality": -756, "events": []})") ==
          "/municipality: expected a municipality id or code, found number");
    CHECK(only_error(R"({"municipality": null, "events": []})") ==
          "/municipality: expected a municipality id or code, found null");
}

TEST_CASE("an unknown event is an error at its pointer, with a suggestion") {
    CHECK(only_error(with_events(R"({"event": "request_received", "at": "2021-03-04", "kind": "appeal"},
                                    {"event": "request_recieved", "at": "2021-03-05"})")) ==
          "/events/1/event: unknown event 'request_recieved'; did you mean 'request_received'?");
    CHECK(only_error(with_events(R"({"at": "2021-03-05"})")) ==
          "/events/0: an event needs \"event\": the name of the event, as a text");
    CHECK(only_error(with_events(R"({"event": 7, "at": "2021-03-05"})")) ==
          "/events/0/event: an event needs \"event\": the name of the event, as a text");
}

TEST_CASE("an unknown attribute is an error at its pointer, with a suggestion") {
    CHECK(
        only_error(with_events(R"({"event": "request_received", "at": "2021-03-04", "kind": "appeal", "pags": 3})")) ==
        "/events/0/pags: unknown attribute 'pags' of event 'request_received'; did you mean 'pages'?");
    CHECK(only_error(with_events(R"({"event": "request_answered", "at": "2021-03-04", "kind": "appeal"})")) ==
          "/events/0/kind: unknown attribute 'kind' of event 'request_answered' (it has no attributes)");
}

TEST_CASE("a key with '/' or '~' is escaped in the pointer (RFC 6901)") {
    CHECK(only_error(with_events(R"({"event": "request_answered", "at": "2021-03-04", "a/b~c": 1})")) ==
          "/events/0/a~1b~0c: unknown attribute 'a/b~c' of event 'request_answered' (it has no attributes)");
}

TEST_CASE("an ill-typed attribute says what was expected and what was found") {
    auto const event = [](std::string const& attribute) {
        return with_events(R"({"event": "request_received", "at": "2021-03-04", "kind": "appeal", )" + attribute + "}");
    };
    CHECK(only_error(event(R"("pages": "12")")) == "/events/0/pages: expected a whole number, found \"12\"");
    CHECK(only_error(event(R"("pages": 1.5)")) == "/events/0/pages: expected a whole number, found number");
    CHECK(only_error(event(R"("urgent": 1)")) == "/events/0/urgent: expected true or false, found number");
    CHECK(only_error(event(R"("urgent": "yes")")) == "/events/0/urgent: expected true or false, found \"yes\"");
    CHECK(only_error(event(R"("filed_on": "2021-02-29")")) ==
          "/events/0/filed_on: '2021-02-29' is not a date: '2021-02-29' is not a date in the calendar");
    CHECK(only_error(event(R"("filed_on": "2021-02-01T10:00")")) ==
          "/events/0/filed_on: '2021-02-01T10:00' is not a date: expected a date without a time of day");
    CHECK(only_error(event(R"("note": 5)")) == "/events/0/note: expected a text, found number");
    CHECK(only_error(with_events(R"({"event": "request_received", "at": "2021-03-04", "kind": "complain"})")) ==
          "/events/0/kind: unknown value 'complain' of kind 'request_kind'; did you mean 'complaint'?");
    CHECK(only_error(with_events(R"({"event": "request_received", "at": "2021-03-04", "kind": 2})")) ==
          "/events/0/kind: expected one of request_kind (information, complaint, appeal), found number");
}

TEST_CASE("an ill-typed or unknown fact is an error at its pointer") {
    CHECK(only_error(R"({"municipality": "town_a", "facts": {"birthdate": "2011-02-30"}, "events": []})") ==
          "/facts/birthdate: '2011-02-30' is not a date: '2011-02-30' is not a date in the calendar");
    CHECK(only_error(R"({"municipality": "town_a", "facts": {"resident": "no"}, "events": []})") ==
          "/facts/resident: expected true or false, found \"no\"");
    CHECK(only_error(R"({"municipality": "town_a", "facts": {"brthdate": "2011-02-01"}, "events": []})") ==
          "/facts/brthdate: unknown fact 'brthdate'; did you mean 'birthdate'?");
    CHECK(only_error(R"({"municipality": "town_a", "facts": [], "events": []})") ==
          "/facts: expected an object of facts, found array");
}

TEST_CASE("a missing required attribute is an error at the event") {
    CHECK(only_error(with_events(R"({"event": "request_answered", "at": "2021-03-03"},
                                    {"event": "request_received", "at": "2021-03-04"})")) ==
          "/events/1: event 'request_received' needs the attribute 'kind' (request_kind)");
}

TEST_CASE("a date-time with an offset or Z is an error at /events/N/at") {
    CHECK(only_error(with_events(R"({"event": "request_answered", "at": "2019-03-04T09:30+01:00"})")) ==
          "/events/0/at: '2019-03-04T09:30+01:00': a time-zone offset is not accepted; give the local civil time "
          "without 'Z' or an offset");
    CHECK(only_error(with_events(R"({"event": "request_answered", "at": "2019-03-04T09:30Z"})")) ==
          "/events/0/at: '2019-03-04T09:30Z': a time-zone offset is not accepted; give the local civil time "
          "without 'Z' or an offset");
}

TEST_CASE("an impossible or missing date of an event is an error") {
    CHECK(only_error(with_events(R"({"event": "request_answered", "at": "2021-02-29"})")) ==
          "/events/0/at: '2021-02-29': '2021-02-29' is not a date in the calendar");
    CHECK(only_error(with_events(R"({"event": "request_answered", "at": "2021-03-04T24:00"})")) ==
          "/events/0/at: '2021-03-04T24:00': the time of day must be 00:00-23:59");
    CHECK(only_error(with_events(R"({"event": "request_answered", "at": 20210304})")) ==
          "/events/0/at: expected a date or date-time as a text, found number");
    CHECK(only_error(with_events(R"({"event": "request_answered"})")) ==
          "/events/0: event 'request_answered' has no \"at\" (YYYY-MM-DD or YYYY-MM-DDTHH:MM)");
}

TEST_CASE("every problem of a case is reported, not just the first") {
    auto const errors = read_errors(R"({
      "municipality": "town_z",
      "facts": {"birthdate": "2011-13-01"},
      "colour": "blue",
      "events": [
        {"event": "request_answered", "at": "2021-03-04Z"},
        {"event": "request_received", "at": "2021-03-05", "kind": "appeal", "urgent": "no"},
        {"event": "request_ansered", "at": "2021-03-06"}
      ]
    })");
    std::vector<std::string> lines;
    for (auto const& e : errors) lines.push_back(e.pointer + ": " + e.message);
    // nlohmann::json keeps object keys sorted, so fields are checked in key order.
    CHECK(lines == std::vector<std::string>{
                       "/colour: unknown field 'colour' (a case has id, municipality, facts and events)",
                       "/events/0/at: '2021-03-04Z': a time-zone offset is not accepted; give the local civil time "
                       "without 'Z' or an offset",
                       "/events/1/urgent: expected true or false, found \"no\"",
                       "/events/2/event: unknown event 'request_ansered'; did you mean 'request_answered'?",
                       "/facts/birthdate: '2011-13-01' is not a date: '2011-13-01' is not a date in the calendar",
                       "/municipality: unknown municipality 'town_z'; did you mean 'town_a'?"});
}

TEST_CASE("a case that is not an object, or lacks a municipality or events, says so") {
    CHECK(only_error("[]") == ": a case is a JSON object, not array");
    CHECK(only_error(R"({"events": []})") == ": the case names no municipality (\"municipality\": id or code)");
    CHECK(only_error(R"({"municipality": "town_a"})") == ": the case has no \"events\" list");
    CHECK(only_error(R"({"municipality": "town_a", "events": {}})") ==
          "/events: expected a list of events, found object");
    CHECK(only_error(R"({"municipality": "town_a", "events": [3]})") ==
          "/events/0: expected an event object, found number");
    CHECK(only_error(R"({"municipality": "town_a", "events": [], "id": []})") ==
          "/id: expected the case id as a text, found array");
}

TEST_CASE("a numeric case id is kept as its digits") {
    auto const c = read_ok(R"({"id": 17, "municipality": "town_a", "events": []})");
    CHECK(c.id == "17");
}

TEST_CASE("malformed JSON is one error with the line and column where the parser stopped") {
    auto const errors =
        read_errors("{\n  \"municipality\": \"town_a\",\n  \"events\": [\n    {\"event\": \"x\" \"at\": 1}\n  ]\n}\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "");
    CHECK(errors[0].line == 4);
    CHECK(errors[0].column == 22);  // the last character of the unexpected "at"
    CHECK(errors[0].message ==
          "invalid JSON: syntax error while parsing object - unexpected string literal; expected '}'");
}

TEST_CASE("malformed JSON after a Danish letter counts the column in characters") {
    auto const errors = read_errors("{\"id\": \"sag-ø\", ]");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 1);
    CHECK(errors[0].column == 17);
}

TEST_CASE("an empty document is malformed JSON at line 1, column 1") {
    auto const errors = read_errors("");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 1);
    CHECK(errors[0].column == 1);
}

TEST_CASE("events are ordered by time, a date before the date-times of its day, ties in file order") {
    auto const c = read_ok(with_events(R"(
        {"event": "request_answered",     "at": "2021-03-05T12:00"},
        {"event": "hearing_requested",    "at": "2021-03-05"},
        {"event": "request_acknowledged", "at": "2021-03-04T09:30"},
        {"event": "hearing_held",         "at": "2021-03-05"},
        {"event": "answer_posted",        "at": "2021-03-05T08:00"},
        {"event": "request_answered",     "at": "2021-03-05T08:00"},
        {"event": "hearing_requested",    "at": "2021-03-01"})"));
    std::vector<std::uint32_t> positions;
    for (auto const& e : c.events) positions.push_back(e.position);
    CHECK(positions == std::vector<std::uint32_t>{6, 2, 1, 3, 4, 5, 0});
}

TEST_CASE("a key given twice in one object is an error at its JSON Pointer, with the other errors") {
    auto const errors = read_errors(R"({"municipality": "town_a", "municipality": "town_b",
        "facts": {"birthdate": "2010-01-01", "birthdate": "2011-01-01"},
        "events": [{"event": "request_answered", "at": "2021-03-05", "at": "2021-03-06", "colour": 1}],
        "x": [{"a/b": 1, "a/b": 2}]})");
    REQUIRE(errors.size() == 6);
    CHECK(errors[0].pointer == "/municipality");
    CHECK(errors[0].message == "duplicate key 'municipality': each key may appear once in an object");
    CHECK(errors[1].pointer == "/facts/birthdate");
    CHECK(errors[2].pointer == "/events/0/at");
    CHECK(errors[3].pointer == "/x/0/a~1b");
    CHECK(errors[4].pointer == "/events/0/colour");  // read_case's own errors follow
    CHECK(errors[5].pointer == "/x");
}

TEST_CASE("a number too large for a double is malformed JSON with its line and column") {
    auto const errors = read_errors("{\"id\": \"x\",\n \"municipality\": 1e400}");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 2);
    CHECK(errors[0].column == 22);
    CHECK(errors[0].message == "invalid JSON: number overflow parsing '1e400'");
}

TEST_CASE("malformed JSON shows the end of what it last read, cut short, with stray bytes as \\xNN") {
    auto const long_literal = read_errors("{\"id\": " + std::string(1000, 't') + "}");
    REQUIRE(long_literal.size() == 1);
    CHECK(long_literal[0].message ==
          "invalid JSON: syntax error while parsing value - invalid literal; last read: '\"id\": tt'");
    auto const latin1 = read_errors("{\"id\": \"b\xf8rn\"}");
    REQUIRE(latin1.size() == 1);
    CHECK(latin1[0].message ==
          "invalid JSON: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: "
          "'\"b\\xF8'");
    auto const unterminated = read_errors("{\"id\": \"" + std::string(100, 'x') + "\n");
    REQUIRE(unterminated.size() == 1);
    CHECK(unterminated[0].message.ends_with("; last read: '…" + std::string(32, 'x') + "<U+000A>'"));
}

TEST_CASE("a byte-order mark before the case is skipped, and not counted as a column") {
    CHECK(read_ok("\xef\xbb\xbf{\"municipality\": \"town_a\", \"events\": []}").events.empty());
    auto const errors = read_errors("\xef\xbb\xbf{\"municipality\" 1}");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 1);
    CHECK(errors[0].column == 17);
}
