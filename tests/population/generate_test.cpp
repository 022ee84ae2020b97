// Generating cases from a story: the same seed gives the same bytes, every
// case reads against the rules it was drawn for, municipalities come in
// proportion to their children, and a story naming what the vocabulary lacks
// is refused at its JSON Pointer. Generic behaviour is shown on the fictional
// fixtures; the shipped story is checked against the shipped rules.
#include "population/generate.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/load.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "tests/support/fixture.hpp"

namespace {

using namespace pligt;

Program const& fixture_program() {
    static Program const program = pligt::testing::compile(
        {pligt::testing::fixture("example_events.pligt"), pligt::testing::fixture("example_act.pligt"),
         pligt::testing::fixture("pilot_scheme.pligt"), pligt::testing::fixture("towns.pligt")});
    return program;
}

using pligt::testing::shipped_program;

engine::Story shipped_story() {
    std::ifstream in{PLIGT_SOURCE_DIR "/simulation/child_welfare.json", std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    auto story = engine::parse_story(shipped_program(), text.str());
    REQUIRE(story.ok());
    return std::move(story).value();
}

// A story over the fixture vocabulary: requests, acknowledged within hours,
// answered within days, with a reminder now and then.
std::string const request_story = R"({
  "facts": { "birthdate": { "age_weights": [1, 1, 2] } },
  "steps": [
    { "id": "request", "event": "request_received", "time": { "from": "08:00", "to": "15:59" },
      "attributes": { "kind": { "choice": { "information": 3, "complaint": 1 } }, "pages": { "uniform": [1, 40] },
                      "note": { "constant": "by \"post\"" } },
      "repeat": { "probability": 0.5, "every": [10, 60], "times": 3 } },
    { "id": "ack", "event": "request_acknowledged", "after": "request", "probability": 0.9,
      "delay": { "unit": "hours", "within": 24, "share": 0.8, "max": 72 } },
    { "id": "hearing", "event": "hearing_requested", "after": "request", "when": { "kind": "complaint" },
      "attributes": { "urgent": { "bernoulli": 0.3 } }, "delay": { "min": 1, "within": 10 } },
    { "id": "answer", "event": "request_answered", "after": ["ack"], "once": true,
      "delay": { "min": 1, "within": 20, "share": 0.5, "late_min": 30, "max": 90 } }
  ]
})";

engine::Story story_of(Program const& program, std::string const& text) {
    auto story = engine::parse_story(program, text);
    if (!story)
        for (auto const& e : story.error()) FAIL_CHECK(e.pointer, ": ", e.message);
    REQUIRE(story.ok());
    return std::move(story).value();
}

std::string generated(Program const& program, engine::Story const& story, std::uint64_t cases, std::uint64_t seed,
                      std::string const& from = "2019-01-01", std::string const& to = "2024-12-31") {
    std::string out;
    engine::Population const population{cases, seed, *Date::parse(from), *Date::parse(to), 1};
    auto const failure = engine::generate(program, story, population, [&out](std::string_view chunk) { out += chunk; });
    REQUIRE_FALSE(failure);
    return out;
}

std::vector<std::string> lines_of(std::string const& text) {
    std::vector<std::string> lines;
    std::istringstream in{text};
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// The errors a story gives, one "pointer: message" a line.
std::string story_errors(std::string const& text) {
    auto const story = engine::parse_story(fixture_program(), text);
    REQUIRE_FALSE(story.ok());
    std::string errors;
    for (auto const& e : story.error()) errors += e.pointer + ": " + e.message + "\n";
    return errors;
}

}  // namespace

TEST_CASE("the same seed writes the same bytes; another seed writes others") {
    auto const story = story_of(fixture_program(), request_story);
    auto const first = generated(fixture_program(), story, 300, 42);
    CHECK(first == generated(fixture_program(), story, 300, 42));
    CHECK(first != generated(fixture_program(), story, 300, 43));
    CHECK(lines_of(first).size() == 300);
    CHECK(first.rfind(R"({"id":"gen-42-1","municipality":"town_a","facts":{"birthdate":")", 0) == 0);
}

TEST_CASE("a slice of the population is the same cases as in the whole") {
    auto const story = story_of(fixture_program(), request_story);
    std::string slice;
    engine::Population const population{5, 9, *Date::parse("2019-01-01"), *Date::parse("2024-12-31"), 11};
    engine::generate(fixture_program(), story, population, [&slice](std::string_view chunk) { slice += chunk; });
    auto const whole = lines_of(generated(fixture_program(), story, 15, 9));
    CHECK(lines_of(slice) == std::vector<std::string>(whole.begin() + 10, whole.end()));
}

TEST_CASE("generated cases read against their vocabulary, in time order, inside the period") {
    auto const story = story_of(fixture_program(), request_story);
    auto const from = *Date::parse("2020-01-01"), to = *Date::parse("2020-06-30");
    int hearings = 0, escaped_notes = 0;
    for (auto const& line : lines_of(generated(fixture_program(), story, 500, 5, "2020-01-01", "2020-06-30"))) {
        auto const c = engine::parse_case(fixture_program(), line);
        REQUIRE_MESSAGE(c.ok(), line);
        CHECK(c->municipality == fixture_program().find_municipality("town_a"));  // town_b has no population
        CHECK(c->events.front().event == fixture_program().find_event("request_received"));
        CHECK(c->events.front().at.date >= from);
        CHECK(c->events.back().at.date <= to);
        for (std::size_t i = 1; i < c->events.size(); ++i) CHECK(c->events[i].position == i);  // written in order
        hearings += line.find("hearing_requested") != std::string::npos;
        escaped_notes += line.find(R"("note":"by \"post\"")") != std::string::npos;
    }
    CHECK(hearings > 0);
    CHECK(escaped_notes == 500);
}

TEST_CASE("a story naming an unknown event, attribute or kind value is refused at its pointer") {
    CHECK(story_errors(R"({"steps": [{"id": "r", "event": "request_recieved"}]})") ==
          "/steps/0/event: unknown event 'request_recieved'; did you mean 'request_received'?\n");
    CHECK(story_errors(R"({"steps": [{"id": "r", "event": "request_received",
          "attributes": {"kind": {"constant": "appeal"}, "pagez": {"uniform": [1, 2]}}}]})") ==
          "/steps/0/attributes/pagez: unknown attribute 'pagez' of event 'request_received'; did you mean 'pages'?\n");
    CHECK(story_errors(R"({"steps": [{"id": "r", "event": "request_received",
          "attributes": {"kind": {"choice": {"information": 1, "complaynt": 1}}}}]})") ==
          "/steps/0/attributes/kind/choice/complaynt: unknown value 'complaynt' of kind 'request_kind'; "
          "did you mean 'complaint'?\n");
}

TEST_CASE("a story is refused for what it lacks or gets wrong, every problem at once") {
    CHECK(story_errors(R"({"steps": [
          {"id": "r", "event": "request_received", "time": "date"},
          {"id": "a", "event": "request_acknowledged", "after": "nowhere", "probability": 1.5},
          {"id": "h", "event": "hearing_held", "after": "r", "delay": {"unit": "hours", "within": 2}}]})") ==
          "/steps/0/attributes: event 'request_received' needs the attribute 'kind'\n"
          "/steps/1/after: unknown step 'nowhere' (a step may only name the steps before it)\n"
          "/steps/1/probability: expected a probability from 0 to 1, found 1.5\n"
          "/steps/2/delay: an hours delay needs a time of day, and step 'r' has none\n");
    CHECK(story_errors(
              R"({"steps": [{"id": "r", "event": "request_received", "attributes": {"kind": {"constant": "appeal"}}},
          {"id": "a", "event": "request_acknowledged", "after": "r", "when": {"pages": [1]}}]})") ==
          "/steps/1/when/pages: step 'r' does not draw 'pages'\n");
    CHECK(story_errors(R"({"facts": {"resident": {"age_weights": [1]}}, "steps": []})") ==
          "/facts/resident: a true-or-false fact is drawn with {\"bernoulli\": P}\n"
          "/steps: expected a list of steps, the first starting the case\n");
}

TEST_CASE("a step can ask for several values at once, for a fact drawn true or false, and for municipalities") {
    static Program const program = pligt::testing::compile({pligt::testing::fixture("example_events.pligt"),
                                                            pligt::testing::fixture("example_act.pligt"),
                                                            pligt::testing::Text{"two_towns.pligt", R"(
municipality town_a "Town A" {
  code 101
  region north
  population 1000 estimate "fictional"
}
municipality town_b "Town B" {
  code 756
  region south
  population 1000 estimate "fictional"
}
)"}});
    auto const story = story_of(program, R"({
  "facts": { "resident": { "bernoulli": 0.3 } },
  "steps": [
    { "id": "request", "event": "request_received",
      "attributes": { "kind": { "choice": { "information": 1, "complaint": 1 } }, "urgent": { "bernoulli": 0.5 } } },
    { "id": "hearing", "event": "hearing_requested", "after": "request",
      "when": { "kind": ["complaint"], "urgent": [true], "resident": [true] }, "delay": { "min": 1, "within": 5 } },
    { "id": "held", "event": "hearing_held", "after": "request", "municipalities": ["town_b"], "delay": { "min": 1 } }
  ]
})");
    int cases = 0, residents = 0, hearings = 0, held = 0, held_outside_b = 0;
    for (auto const& line : lines_of(generated(program, story, 4000, 7))) {
        auto const c = nlohmann::json::parse(line);
        ++cases;
        bool const resident = c.contains("facts") && c["facts"].value("resident", false);
        residents += resident;
        auto const& request = c["events"][0];
        for (auto const& e : c["events"]) {
            if (e["event"] == "hearing_requested") {
                ++hearings;
                // Every condition held: a complaint, marked urgent, from a resident.
                CHECK(request["kind"] == "complaint");
                CHECK(request["urgent"] == true);
                CHECK(resident);
            }
            if (e["event"] == "hearing_held") {
                ++held;
                held_outside_b += c["municipality"] != "town_b";
            }
        }
    }
    CHECK(std::abs(residents / double(cases) - 0.3) < 0.03);
    CHECK(std::abs(hearings / double(cases) - 0.3 * 0.5 * 0.5) < 0.02);
    CHECK(std::abs(held / double(cases) - 0.5) < 0.05);
    CHECK(held_outside_b == 0);
    CHECK(story_errors(R"({"steps": [{"id": "r", "event": "request_received", "municipalities": ["town_a"],
          "attributes": {"kind": {"constant": "appeal"}}},
          {"id": "h", "event": "hearing_held", "after": "r", "municipalities": ["town_c"]}]})") ==
          "/steps/0/municipalities: the first step starts every case; only a later step can be kept to "
          "municipalities\n"
          "/steps/1/municipalities/0: unknown municipality 'town_c'; did you mean 'town_a'?\n");
}

TEST_CASE("every case of the shipped story reads and evaluates against the shipped rules") {
    auto const& program = shipped_program();
    auto const story = shipped_story();
    std::vector<engine::DutyResult> results;
    auto const end = Moment::at(*Date::parse("2024-12-31"), 23 * 60 + 59);
    bool crosses = false;
    for (auto const& line : lines_of(generated(program, story, 2000, 3))) {
        auto const c = engine::parse_case(program, line);
        REQUIRE_MESSAGE(c.ok(), line);
        engine::evaluate(program, *c, end, results);
        for (auto const& r : results) CHECK_FALSE(r.missing_age_fact);
        crosses |= c->events.front().at.date.year() == 2023 && c->events.back().at.date.year() == 2024;
    }
    CHECK(crosses);
}

TEST_CASE("municipalities are drawn in proportion to their population") {
    auto const& program = shipped_program();
    std::map<std::string, int> counts;
    int const cases = 20000;
    for (auto const& line : lines_of(generated(program, shipped_story(), cases, 11))) {
        auto const at = line.find(R"("municipality":")") + 16;
        ++counts[line.substr(at, line.find('"', at) - at)];
    }
    double total = 0;
    for (auto const& m : program.municipalities) total += static_cast<double>(m.population);
    for (auto const& m : program.municipalities) {
        double const p = static_cast<double>(m.population) / total, expected = p * cases;
        INFO(m.id, ": ", counts[m.id], " cases, expected ", expected);
        CHECK(std::abs(counts[m.id] - expected) <= 5 * std::sqrt(expected * (1 - p)) + 1);  // 5 sigma
    }
}
