// The constructs that let a duty follow a child through time, on a small
// fictional law: several `on` clauses with their own conditions, birthdays
// derived from the birthdate, states from start and end events, bounded
// look-backs (`also before within …` / `since …`), and the duty an exception
// leaves in the excepted one's place (`unless … instead …`). Exact statuses,
// dates and explanations.
#include "tests/support/check_json.hpp"
#include "tests/support/fixture.hpp"

#include "engine/case.hpp"
#include "engine/evaluate.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace {

using namespace pligt;

std::string const rules = R"(
vocabulary v "Eksempel" {
  fact birthdate: date "Fødselsdato"
  age of "the child" from birthdate
  kind decision_kind { support, placement }
  event placed_from "Anbragt" { urgent: bool = false }
  event placed_until "Hjemgivet"
  event planned "Afgørelse forberedes" { kind: decision_kind  too_young: bool = false }
  event decided "Afgørelse" { kind: decision_kind }
  event talked "Samtale"
  event heard "Synspunkter indhentet"
  event plan "Plan"
  event visit "Besøg"
  event turned_16 "Fylder 16" at age 16 years
  event half_past_17 "Fylder 17½" at age 17 years 6 months
  state placed "Anbragt" from placed_from to placed_until
}

law act "Lov" {
  short "L"
  in force from 2020-01-01
  uses v

  duty youth_plan "Ungeplan" {
    cite "§ 1"
    on decided where kind == placement and age >= 16
    on turned_16 where placed
    due within 3 months
    done by plan
  }
  duty talk "Samtale" {
    cite "§ 2"
    on planned
    unless too_young cite "§ 2, stk. 2" instead views
    due before decided matching kind
    done by talked, also before since decided
  }
  duty views "Synspunkter" {
    cite "§ 2, stk. 3"
    on planned
    due before decided matching kind
    done by heard
  }
  duty recent_visit "Besøg" {
    cite "§ 3"
    on placed_from
    due within 1 month
    done by visit, also before within 2 months
  }
  duty before_17_half "Før 17½" {
    cite "§ 4"
    on placed_from where placed
    due before half_past_17
    done by plan
  }
}

municipality town "By" {
  code 1
  region r
}
)";

Program const& program() {
    static Program const p = pligt::testing::compile(rules);
    return p;
}

nlohmann::ordered_json check(std::string const& events, std::string const& as_of,
                             std::string const& birthdate = "2008-05-14") {
    auto const text =
        R"({"municipality": "town", "facts": {"birthdate": ")" + birthdate + R"("}, "events": [)" + events + "]}";
    auto parsed = engine::parse_case(program(), text);
    REQUIRE_MESSAGE(parsed.ok(), text);
    auto const c = std::move(parsed).value();
    std::vector<engine::DutyResult> results;
    auto const at = *Moment::parse(as_of);
    engine::evaluate(program(), c, at, results);
    return pligt::testing::check_json(program(), c, results, at);
}

std::vector<nlohmann::ordered_json> duties(nlohmann::ordered_json const& json, std::string const& id) {
    std::vector<nlohmann::ordered_json> found;
    for (auto const& d : json["duties"])
        if (d["duty"] == id) found.push_back(d);
    return found;
}

}  // namespace

TEST_CASE("a birthday opens a duty while a state holds, counted from the birthday") {
    auto const json = check(R"({"event": "placed_from", "at": "2023-09-01"})", "2024-06-01");
    auto const found = duties(json, "youth_plan");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["triggered_by"] == nlohmann::ordered_json{{"event", "turned_16"}, {"at", "2024-05-14"}});
    CHECK(found[0]["due"] == "2024-08-14");
    CHECK(found[0]["status"] == "pending");
    CHECK(found[0]["trace"][0] ==
          "turned_16 on 2024-05-14 (the birthday at 16 years, from the birthdate) opens this "
          "duty (where placed): L § 1");
    CHECK(found[0]["trace"][1] == "placed on 2024-05-14: placed_from on 2023-09-01, not ended since");
}

TEST_CASE("a birthday after the state ended, or before it began, or after the as-of date opens nothing") {
    CHECK(duties(check(R"({"event": "placed_from", "at": "2023-09-01"}, {"event": "placed_until", "at": "2024-05-01"})",
                       "2024-06-01"),
                 "youth_plan")
              .empty());
    CHECK(duties(check(R"({"event": "placed_from", "at": "2024-05-15"})", "2024-06-01"), "youth_plan").empty());
    CHECK(duties(check(R"({"event": "placed_from", "at": "2023-09-01"})", "2024-05-13"), "youth_plan").empty());
}

TEST_CASE("a state changed on the birthday itself: a start counts, an end ends it") {
    auto const started = check(R"({"event": "placed_from", "at": "2024-05-14"})", "2024-06-01");
    CHECK(duties(started, "youth_plan").size() == 1);
    auto const ended = check(
        R"({"event": "placed_from", "at": "2023-09-01"}, {"event": "placed_until", "at": "2024-05-14"})", "2024-06-01");
    CHECK(duties(ended, "youth_plan").empty());
    // Placed again after a return home: the latest start counts.
    auto const again =
        check(R"({"event": "placed_from", "at": "2022-01-01"}, {"event": "placed_until", "at": "2023-01-01"},
                                {"event": "placed_from", "at": "2024-02-01"})",
              "2024-06-01");
    CHECK(duties(again, "youth_plan").size() == 1);
}

TEST_CASE("a second `on` clause has its own condition; a child placed at 16 gets one instance from the decision") {
    auto const json = check(
        R"({"event": "placed_from", "at": "2024-08-01"}, {"event": "decided", "at": "2024-08-01", "kind": "placement"})",
        "2024-09-01");
    auto const found = duties(json, "youth_plan");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["triggered_by"]["event"] == "decided");
    CHECK(found[0]["due"] == "2024-11-01");
    CHECK(found[0]["trace"][0] ==
          "decided on 2024-08-01 opens this duty (where kind == placement and age >= 16): L § 1");
    // At 15 the decision opens nothing; the birthday does.
    auto const younger = check(
        R"({"event": "placed_from", "at": "2023-08-01"}, {"event": "decided", "at": "2023-08-01", "kind": "placement"})",
        "2024-06-01");
    auto const at_birthday = duties(younger, "youth_plan");
    REQUIRE(at_birthday.size() == 1);
    CHECK(at_birthday[0]["triggered_by"]["event"] == "turned_16");
}

TEST_CASE("without a birthdate no birthday is derived, and a case may not record one") {
    auto parsed = engine::parse_case(
        program(), R"({"municipality": "town", "events": [{"event": "placed_from", "at": "2023-09-01"}]})");
    REQUIRE(parsed.ok());
    std::vector<engine::DutyResult> results;
    engine::evaluate(program(), parsed.value(), *Moment::parse("2030-01-01"), results);
    for (auto const& r : results) CHECK(program().duties[r.duty].id != "youth_plan");

    auto const recorded =
        engine::parse_case(program(), R"({"municipality": "town", "facts": {"birthdate": "2008-05-14"},
        "events": [{"event": "turned_16", "at": "2024-05-14"}]})");
    REQUIRE_FALSE(recorded.ok());
    REQUIRE(recorded.error().size() == 1);
    CHECK(recorded.error()[0].pointer == "/events/0/event");
    CHECK(recorded.error()[0].message ==
          "event 'turned_16' is the child's birthday at 16 years: pligt derives it from "
          "the birthdate (facts/birthdate), so a case does not record it");
}

TEST_CASE("a birthday of years and months falls on that day, and is due before as a `before` deadline") {
    auto const json = check(R"({"event": "placed_from", "at": "2024-01-10"})", "2024-02-01", "2007-02-28");
    auto const found = duties(json, "before_17_half");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["due"] == "2024-08-28");
    auto const passed = check(R"({"event": "placed_from", "at": "2024-01-10"})", "2024-09-01", "2007-02-28");
    CHECK(duties(passed, "before_17_half").at(0)["status"] == "overdue");
}

TEST_CASE("since: an earlier fulfilment counts back to the last decision, not past it") {
    auto const json = check(R"({"event": "talked", "at": "2024-01-10"},
        {"event": "planned", "at": "2024-02-01", "kind": "support"}, {"event": "decided", "at": "2024-02-20", "kind": "support"},
        {"event": "planned", "at": "2024-03-01", "kind": "placement"}, {"event": "decided", "at": "2024-03-20", "kind": "placement"})",
                            "2024-04-01");
    auto const talks = duties(json, "talk");
    REQUIRE(talks.size() == 2);
    CHECK(talks[0]["status"] == "met");
    CHECK(talks[0]["done_by"]["at"] == "2024-01-10");
    CHECK(talks[0]["trace"].back() ==
          "done by talked on 2024-01-10, before this duty opened: an earlier one counts back "
          "to the last decided before it");
    CHECK(talks[1]["status"] == "overdue");
    CHECK(talks[1]["due"] == "2024-03-20");
    CHECK_FALSE(talks[1].contains("done_by"));
}

TEST_CASE("within: an earlier fulfilment counts back a span from the trigger's date") {
    auto const inside =
        check(R"({"event": "visit", "at": "2024-01-01"}, {"event": "placed_from", "at": "2024-03-01"})", "2024-03-02");
    CHECK(duties(inside, "recent_visit").at(0)["status"] == "met");
    CHECK(duties(inside, "recent_visit").at(0)["trace"].back() ==
          "done by visit on 2024-01-01, before this duty opened: an earlier one counts back 2 months");
    auto const outside =
        check(R"({"event": "visit", "at": "2023-12-31"}, {"event": "placed_from", "at": "2024-03-01"})", "2024-03-02");
    CHECK(duties(outside, "recent_visit").at(0)["status"] == "pending");
}

TEST_CASE("unless … instead: the excepted duty leaves the named one in its place, from the same trigger") {
    auto const json = check(R"({"event": "planned", "at": "2024-03-01", "kind": "support", "too_young": true},
        {"event": "decided", "at": "2024-03-20", "kind": "support"})",
                            "2024-04-01");
    auto const talk = duties(json, "talk");
    REQUIRE(talk.size() == 1);
    CHECK(talk[0]["status"] == "excepted");
    CHECK(talk[0]["excepted_by"] == nlohmann::ordered_json{{"cite", "L § 2, stk. 2"}, {"reason", "too_young"}});
    CHECK(talk[0]["replaced_by"] == "views");
    auto const views = duties(json, "views");
    REQUIRE(views.size() == 1);
    CHECK(views[0]["status"] == "overdue");
    CHECK(views[0]["due"] == "2024-03-20");
    CHECK(views[0]["triggered_by"] == nlohmann::ordered_json{{"event", "planned"}, {"at", "2024-03-01"}});
    CHECK(views[0]["trace"][0] ==
          "planned on 2024-03-01 opened talk, but too_young excepts it (L § 2, stk. 2), leaving "
          "this duty in its place: L § 2, stk. 3");
}

TEST_CASE("a duty left by an exception opens nothing of its own") {
    auto const json = check(R"({"event": "planned", "at": "2024-03-01", "kind": "support"},
        {"event": "talked", "at": "2024-03-10"}, {"event": "decided", "at": "2024-03-20", "kind": "support"})",
                            "2024-04-01");
    CHECK(duties(json, "talk").at(0)["status"] == "met");
    CHECK(duties(json, "views").empty());
}

TEST_CASE("the new constructs' mistakes are errors at their place") {
    auto const diagnostics = pligt::testing::diagnose(std::string{R"(
vocabulary v "V" {
  fact birthdate: date "F"
  age of "the child" from birthdate
  event e "E"
  event f "F"
  event old "Gammel" at age 151 years
  event kid "Barn" at age 1 year 12 months
  event born "Født" at age 0 years { a: bool }
  state s "S" from e to e
  state t "T" from e to f
}
law a "A" {
  in force from 2020-01-01
  uses v
  duty twice "D" {
    cite "§ 1"
    on e
    on f or e
    due within 1 month
    done by f
  }
  duty itself "I" {
    cite "§ 2"
    on e
    unless t cite "§ 2, stk. 2" instead itself
    due within 1 month
    done by f
  }
  duty r "R" {
    cite "§ 3"
    on f
    unless t cite "§ 3, stk. 2" instead q
    due within 1 month
    done by e
  }
  duty q "Q" { cite "§ 4" on e due within 1 month done by f }
  duty hours "H" { cite "§ 5" on e due within 1 month done by f, also before within 2 working days }
  duty both "B" { cite "§ 6" on e due within 1 month done by f, also before within 1 month since f }
}
)"});
    auto const lines = pligt::testing::headlines(diagnostics);
    REQUIRE(lines.size() == 9);
    CHECK(lines[0] == "test.pligt:7:29: error: an age is a whole number of years from 0 to 150");
    CHECK(lines[1] == "test.pligt:8:34: error: the months of an age run from 0 to 11");
    CHECK(lines[2] ==
          "test.pligt:9:38: error: event 'born' is a birthday, derived from the case's facts; it has no "
          "attributes a case could give");
    CHECK(lines[3] == "test.pligt:10:3: error: event 'e' both starts and ends state 's'");
    CHECK(lines[4] ==
          "test.pligt:19:13: error: duty 'twice' already opens on 'e'; join the conditions with `or` in "
          "one `on` clause");
    CHECK(lines[5] == "test.pligt:26:41: error: duty 'itself' cannot be left in its own place");
    CHECK(lines[6] ==
          "test.pligt:33:41: error: duty 'q' takes the place of 'r' when its exception holds, so it "
          "opens on the same events: add 'f' to its `on`");
    CHECK(lines[7] ==
          "test.pligt:38:85: error: a look-back counts back days, weeks, months or years, from the "
          "trigger's date");
    CHECK(lines[8] ==
          "test.pligt:39:63: error: an earlier event counts back a span or since an event; write one of "
          "them");
}

TEST_CASE("otherwise no deadline follows an interval read from the fulfilling event, and is spelt so") {
    auto const diagnostics = pligt::testing::diagnose(std::string{R"(
vocabulary v "V" {
  event e "E"
  event f "F" { months: int? }
}
law a "A" {
  in force from 2020-01-01
  uses v
  duty fixed "F" { cite "§ 1" on e due within 1 month, then every 2 months, otherwise no deadline done by f }
  duty word "W" { cite "§ 2" on e due within 1 month, then every months months, otherwise no date done by f }
}
)"});
    auto const lines = pligt::testing::headlines(diagnostics);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] ==
          "test.pligt:9:87: error: 'otherwise no deadline' follows 'then every ATTRIBUTE UNIT': with a fixed "
          "interval every repetition has its deadline");
    CHECK(lines[1] == "test.pligt:10:94: error: expected 'no deadline', found 'no date'");
}

TEST_CASE("otherwise no deadline after an age: none where that day has passed at the trigger") {
    auto const program = pligt::testing::compile(std::string{R"(
vocabulary v "V" {
  fact birthdate: date "Født"
  age of "the child" from birthdate
  event placed "P"
  event decided "D"
}
law a "A" {
  in force from 2020-01-01
  uses v
  duty before_18 "B" { cite "§ 1" on placed due 6 months before age 18, otherwise no deadline done by decided }
  duty at_17 "C" { cite "§ 2" on placed due at age 17 years, otherwise no deadline done by decided }
  duty strict "S" { cite "§ 3" on placed due 6 months before age 18 done by decided }
}
municipality town "By" {
  code 1
  region r
}
)"});
    auto const run = [&](std::string const& placed_on) {
        auto parsed = engine::parse_case(
            program,
            R"({"municipality": "town", "facts": {"birthdate": "2008-02-29"}, "events": [{"event": "placed", "at": ")" +
                placed_on + R"("}]})");
        REQUIRE_MESSAGE(parsed.ok(),
                        (parsed.ok() ? "" : parsed.error().front().pointer + ": " + parsed.error().front().message));
        std::vector<engine::DutyResult> results;
        engine::evaluate(program, parsed.value(), *Moment::parse("2026-01-15"), results);
        return results;
    };
    auto const early = run("2025-01-10");  // before 2025-08-28 and 2025-02-28
    REQUIRE(early.size() == 3);
    for (auto const& r : early) CHECK_FALSE(r.no_deadline);
    CHECK(early[0].due.to_string() == "2025-02-28");  // at_17: 17 on 2025-02-28
    CHECK(early[1].due.to_string() == "2025-08-28");  // before_18
    auto const late = run("2025-09-01");              // both days passed
    REQUIRE(late.size() == 3);
    CHECK(late[0].no_deadline);  // at_17
    CHECK(late[0].status == engine::Status::pending);
    CHECK(late[1].no_deadline);  // before_18
    CHECK(late[1].status == engine::Status::pending);
    CHECK_FALSE(late[2].no_deadline);  // strict: due before it opened, so overdue
    CHECK(late[2].status == engine::Status::overdue);
    CHECK(late[2].due.to_string() == "2025-08-28");
}

TEST_CASE("otherwise no deadline after a deadline that cannot pass before the trigger is refused") {
    auto const diagnostics = pligt::testing::diagnose(std::string{R"(
vocabulary v "V" {
  event e "E"
  event f "F"
}
law a "A" {
  in force from 2020-01-01
  uses v
  duty d "D" { cite "§ 1" on e due within 1 month, otherwise no deadline done by f }
}
)"});
    auto const lines = pligt::testing::headlines(diagnostics);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] ==
          "test.pligt:9:50: error: ', otherwise no deadline' follows an age (at age N years, N UNIT before "
          "age N): only a day fixed by the case's facts can have passed when the duty opens");
}

TEST_CASE("within 0 days is due on the trigger's day; zero of another unit is refused") {
    auto const diagnostics = pligt::testing::diagnose(std::string{R"(
vocabulary v "V" {
  event e "E"
  event f "F"
}
law a "A" {
  in force from 2020-01-01
  uses v
  duty same_day "D" { cite "§ 1" on e due within 0 days done by f, also before since f }
  duty zero_months "M" { cite "§ 2" on e due within 0 months done by f }
  duty zero_repeat "R" { cite "§ 3" on e due within 1 month, then every 0 days done by f }
}
)"});
    auto const lines = pligt::testing::headlines(diagnostics);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] ==
          "test.pligt:10:53: error: 0 is for days alone: a deadline on the day the duty opens is 'within 0 "
          "days'");
    CHECK(lines[1] == "test.pligt:11:73: error: expected a whole number from 1 to 100000, found '0'");
}
