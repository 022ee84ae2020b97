// The engine knows no domain: a building-permit law of two duties, with an
// age counted from the building's completion, reads, evaluates and explains
// its cases as child welfare does. Nothing here is real law.
#include "tests/support/check_json.hpp"
#include "tests/support/fixture.hpp"

#include "engine/case.hpp"
#include "engine/evaluate.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

using namespace pligt;
using pligt::testing::Text;

Text const building_rules{"building.pligt", R"(vocabulary buildings "Buildings" {
  fact completed_on: date "Date of completion"
  age of "the building" from completed_on

  event application_received "Application received"
  event permit_decided "Permit decided"
  event inspection_held "Inspection held"
}

calendar office_days "Office days" {
  default
  weekend saturday, sunday
}

law building_act "Building Act" {
  short "BA"
  in force 2020-01-01
  uses buildings

  duty permit_decision "Decide the permit" {
    cite "§ 4"
    on application_received
    due within 10 working days
    done by permit_decided
  }

  duty facade_inspection "Inspect the facade" {
    cite "§ 9, stk. 2"
    on application_received
    due at age 50 years
    done by inspection_held
  }
}

municipality town "Town" {
  code 901
  region north
}
)"};

Program const& buildings() {
    static Program const program = pligt::testing::compile({building_rules});
    return program;
}

struct Checked {
    engine::Case c;
    std::vector<engine::DutyResult> results;
    nlohmann::ordered_json json;
};

Checked check(std::string const& facts, std::string const& events, std::string const& as_of) {
    auto read = engine::parse_case(
        buildings(), R"({"id": "b-1", "municipality": "town", "facts": )" + facts + R"(, "events": )" + events + "}");
    REQUIRE(static_cast<bool>(read));
    Checked out{std::move(read).value(), {}, {}};
    auto const at = Moment::parse(as_of);
    REQUIRE(at.has_value());
    engine::evaluate(buildings(), out.c, *at, out.results);
    out.json = pligt::testing::check_json(buildings(), out.c, out.results, *at);
    return out;
}

}  // namespace

TEST_CASE("a second domain: working days and an age counted from the building's completion") {
    auto const checked = check(R"({"completed_on": "1975-03-31"})",
                               R"([{"event": "application_received", "at": "2024-06-03"},
                                   {"event": "permit_decided", "at": "2024-06-14"}])",
                               "2024-07-01");
    auto const& duties = checked.json["duties"];
    REQUIRE(duties.size() == 2);
    CHECK(duties[0]["duty"] == "facade_inspection");
    CHECK(duties[0]["status"] == "pending");
    CHECK(duties[0]["due"] == "2025-03-31");
    CHECK(duties[0]["trace"][2] == "due at age 50 years (from the completed_on): 2025-03-31");
    CHECK(duties[1]["duty"] == "permit_decision");
    CHECK(duties[1]["status"] == "met");
    CHECK(duties[1]["due"] == "2024-06-17");
    CHECK(duties[1]["cite"] == "BA § 4");
}

TEST_CASE("a second domain: a case without the fact its ages count from is refused, naming that fact") {
    auto const checked = check("{}", R"([{"event": "application_received", "at": "2024-06-03"}])", "2024-07-01");
    auto const lacking = engine::lacking_fact(buildings(), checked.results);
    REQUIRE(lacking.has_value());
    CHECK(lacking->pointer == "/facts");
    CHECK(lacking->message ==
          "the case has no completed_on, which duty facade_inspection needs for its deadline (at age 50 years)");
}

TEST_CASE("a second domain: a birthday of the building cannot be recorded, it is derived") {
    auto const rules = std::vector<Text>{
        Text{"building.pligt", building_rules.text + "\n"},
        Text{"anniversary.pligt",
             "vocabulary anniversaries \"Anniversaries\" {\n  event turned_100 \"Centenary\" at age 100 years\n}\n"}};
    auto const program = pligt::testing::compile(rules);
    auto const read = engine::parse_case(
        program,
        R"({"municipality": "town", "facts": {"completed_on": "1924-01-01"}, "events": [{"event": "turned_100", "at": "2024-01-01"}]})");
    REQUIRE_FALSE(static_cast<bool>(read));
    REQUIRE(read.error().size() == 1);
    CHECK(read.error()[0].pointer == "/events/0/event");
    CHECK(read.error()[0].message ==
          "event 'turned_100' is the building's birthday at 100 years: pligt derives it from the completed_on "
          "(facts/completed_on), so a case does not record it");
}
