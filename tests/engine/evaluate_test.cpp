// Evaluation on the fictional example_act (tests/fixtures/): which duties a
// case opens, under which law version and exemption, by when each is due and
// its status as of a date, and the JSON that reports it.
#include "tests/support/check_json.hpp"
#include "tests/support/fixture.hpp"

#include "engine/case.hpp"
#include "engine/evaluate.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

using namespace pligt;
using pligt::testing::fixture;
using pligt::testing::Text;

Program const& example_program() {
    static Program const program =
        pligt::testing::compile({fixture("example_events.pligt"), fixture("example_act.pligt"),
                                 fixture("pilot_scheme.pligt"), fixture("towns.pligt")});
    return program;
}

// Duties whose only difference is their `where`: which of them a trigger opens
// shows how the condition evaluated.
Program const& condition_program() {
    static Program const program =
        pligt::testing::compile({fixture("example_events.pligt"), fixture("towns.pligt"),
                                 Text{"pilot.pligt", R"(exemptions pilot_scheme "Pilot" {
  basis "Pilot Act"
  amends condition_act
  in force 2020-01-01
})"},
                                 Text{"condition_act.pligt", R"(law condition_act "Condition Act" {
  in force from 2020-01-01
  uses example_events
  duty always "Always" { cite "§ 1" on request_received due within 1 day done by request_answered }
  duty urgent "Urgent" { cite "§ 2" on request_received where urgent due within 1 day done by request_answered }
  duty not_urgent "Not urgent" { cite "§ 3" on request_received where not urgent due within 1 day done by request_answered }
  duty complaint_or_appeal "Complaint or appeal" {
    cite "§ 4" on request_received where kind in {complaint, appeal} due within 1 day done by request_answered
  }
  duty urgent_complaint "Urgent complaint" {
    cite "§ 5" on request_received where urgent and kind == complaint due within 1 day done by request_answered
  }
  duty urgent_or_appeal "Urgent or appeal" {
    cite "§ 6" on request_received where urgent or kind == appeal due within 1 day done by request_answered
  }
  duty grouped "Grouped" {
    cite "§ 7" on request_received where not (urgent or kind != information) due within 1 day done by request_answered
  }
  duty teenager "Teenager" { cite "§ 8" on request_received where age >= 13 due within 1 day done by request_answered }
  duty long "Long" { cite "§ 9" on request_received where pages > 10 due within 1 day done by request_answered }
  duty not_ten_pages "Not ten pages" {
    cite "§ 10" on request_received where pages != 10 due within 1 day done by request_answered
  }
  duty resident "Resident" { cite "§ 11" on request_received where resident due within 1 day done by request_answered }
  duty filed_early "Filed early" {
    cite "§ 12" on request_received where filed_on < 2021-01-01 due within 1 day done by request_answered
  }
  duty hearing_or_request "Hearing or request" {
    cite "§ 13" on hearing_requested or request_received where urgent due within 1 day done by hearing_held
  }
})"}});
    return program;
}

Moment moment(std::string const& text) {
    auto const parsed = Moment::parse(text);
    REQUIRE_MESSAGE(parsed.has_value(), "not a moment: ", text);
    return *parsed;
}

engine::Case read(Program const& program, std::string const& json) {
    auto result = engine::parse_case(program, json);
    if (!result) {
        std::string errors;
        for (auto const& e : result.error()) errors += e.pointer + ": " + e.message + "\n";
        FAIL("the case did not read: ", errors);
    }
    return std::move(result).value();
}

// A case in a municipality with these events.
std::string case_in(std::string const& municipality, std::string const& events, std::string const& facts = "{}") {
    return fmt::format(R"({{"id": "case-1", "municipality": "{}", "facts": {}, "events": [{}]}})", municipality, facts,
                       events);
}

nlohmann::ordered_json check(Program const& program, std::string const& json, std::string const& as_of) {
    auto const c = read(program, json);
    std::vector<engine::DutyResult> results;
    engine::evaluate(program, c, moment(as_of), results);
    return pligt::testing::check_json(program, c, results, moment(as_of));
}

// One line per duty: "answer#2 example_act 2021-03-04 due 2021-07-04 met by request_answered 2021-07-04".
std::vector<std::string> summary(nlohmann::ordered_json const& out) {
    std::vector<std::string> lines;
    for (auto const& duty : out["duties"]) {
        auto line = duty["duty"].get<std::string>();
        if (duty.contains("instance")) line += fmt::format("#{}", duty["instance"].get<int>());
        line += fmt::format(" {} {} due {} {}", duty["law"].get<std::string>(),
                            duty["triggered_by"]["at"].get<std::string>(), duty["due"].get<std::string>(),
                            duty["status"].get<std::string>());
        if (duty.contains("done_by"))
            line += fmt::format(" by {} {}", duty["done_by"]["event"].get<std::string>(),
                                duty["done_by"]["at"].get<std::string>());
        if (duty.contains("waived_by")) line += " waived_by " + duty["waived_by"]["exemptions"].get<std::string>();
        if (duty.contains("replaced_by")) line += " replaced_by " + duty["replaced_by"].get<std::string>();
        lines.push_back(line);
    }
    return lines;
}

std::vector<std::string> summary(std::string const& json, std::string const& as_of) {
    return summary(check(example_program(), json, as_of));
}

// The ids of the duties a case opens under the condition act.
std::vector<std::string> opened(std::string const& events, std::string const& facts = "{}") {
    auto const out = check(condition_program(), case_in("town_b", events, facts), "2030-01-01");
    std::vector<std::string> ids;
    for (auto const& duty : out["duties"]) ids.push_back(duty["duty"].get<std::string>());
    return ids;
}

std::string received(std::string const& at, std::string const& attributes = R"("kind": "information")") {
    return fmt::format(R"({{"event": "request_received", "at": "{}", {}}})", at, attributes);
}
std::string event(std::string const& name, std::string const& at) {
    return fmt::format(R"({{"event": "{}", "at": "{}"}})", name, at);
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("a duty is pending until its deadline and overdue the day after") {
    auto const c = case_in("town_b", received("2021-03-04"));
    CHECK(summary(c, "2021-03-04") == Lines{"acknowledge example_act 2021-03-04 due 2021-03-05 pending",
                                            "answer example_act 2021-03-04 due 2021-07-04 pending"});
    CHECK(summary(c, "2021-07-04") == Lines{"acknowledge example_act 2021-03-04 due 2021-03-05 overdue",
                                            "answer example_act 2021-03-04 due 2021-07-04 pending"});
    CHECK(summary(c, "2021-07-05") == Lines{"acknowledge example_act 2021-03-04 due 2021-03-05 overdue",
                                            "answer example_act 2021-03-04 due 2021-07-04 overdue"});
}

TEST_CASE("a duty done on the day of its deadline is met, and done the day after is late") {
    CHECK(summary(case_in("town_b", received("2021-03-04") + "," + event("request_answered", "2021-07-04") + "," +
                                        event("request_acknowledged", "2021-03-05")),
                  "2021-08-01") ==
          Lines{"acknowledge example_act 2021-03-04 due 2021-03-05 met by request_acknowledged 2021-03-05",
                "answer example_act 2021-03-04 due 2021-07-04 met by request_answered 2021-07-04"});
    CHECK(summary(case_in("town_b", received("2021-03-04") + "," + event("answer_posted", "2021-07-05") + "," +
                                        event("request_acknowledged", "2021-03-06")),
                  "2021-08-01") ==
          Lines{"acknowledge example_act 2021-03-04 due 2021-03-05 late by request_acknowledged 2021-03-06",
                "answer example_act 2021-03-04 due 2021-07-04 late by answer_posted 2021-07-05"});
}

TEST_CASE("a deadline in hours from a date-time keeps the clock time; a date-only fulfilment counts by date") {
    auto const on = [](std::string const& acknowledged) {
        return summary(
                   case_in("town_b", received("2021-03-04T09:30") + "," + event("request_acknowledged", acknowledged)),
                   "2021-03-10")
            .front();
    };
    CHECK(on("2021-03-05T09:30") ==
          "acknowledge example_act 2021-03-04T09:30 due 2021-03-05T09:30 met by request_acknowledged 2021-03-05T09:30");
    CHECK(
        on("2021-03-05T09:31") ==
        "acknowledge example_act 2021-03-04T09:30 due 2021-03-05T09:30 late by request_acknowledged 2021-03-05T09:31");
    CHECK(on("2021-03-05") ==
          "acknowledge example_act 2021-03-04T09:30 due 2021-03-05T09:30 met by request_acknowledged 2021-03-05");
}

TEST_CASE("as of a date means the end of that day: a deadline at a time of day on that date has passed") {
    auto const c = case_in("town_b", received("2021-03-04T09:30"));
    CHECK(summary(c, "2021-03-04").front() == "acknowledge example_act 2021-03-04T09:30 due 2021-03-05T09:30 pending");
    CHECK(summary(c, "2021-03-05T09:30").front() ==
          "acknowledge example_act 2021-03-04T09:30 due 2021-03-05T09:30 pending");
    CHECK(summary(c, "2021-03-05T09:31").front() ==
          "acknowledge example_act 2021-03-04T09:30 due 2021-03-05T09:30 overdue");
    CHECK(summary(c, "2021-03-05").front() == "acknowledge example_act 2021-03-04T09:30 due 2021-03-05T09:30 overdue");
}

TEST_CASE("months clamp to the end of a shorter month") {
    CHECK(summary(case_in("town_b", received("2021-10-31")), "2021-11-01").back() ==
          "answer example_act 2021-10-31 due 2022-02-28 pending");
    CHECK(summary(case_in("town_b", received("2023-10-31")), "2023-11-01").back() ==
          "answer example_act 2023-10-31 due 2024-02-29 pending");
}

TEST_CASE("a fulfilling event before the trigger does not count; one on the trigger's date does") {
    CHECK(
        summary(case_in("town_b", event("request_answered", "2021-03-03") + "," + received("2021-03-04")), "2021-03-04")
            .back() == "answer example_act 2021-03-04 due 2021-07-04 pending");
    CHECK(summary(case_in("town_b", received("2021-03-04T10:00") + "," + event("request_answered", "2021-03-04")),
                  "2021-03-04")
              .back() == "answer example_act 2021-03-04T10:00 due 2021-07-04 met by request_answered 2021-03-04");
}

TEST_CASE("events after the as-of moment are ignored, as if not yet known") {
    auto const c = case_in("town_b", received("2021-03-04") + "," + event("request_answered", "2021-03-20T12:00") +
                                         "," + received("2021-04-01"));
    CHECK(summary(c, "2021-03-19") == Lines{"acknowledge example_act 2021-03-04 due 2021-03-05 overdue",
                                            "answer example_act 2021-03-04 due 2021-07-04 pending"});
    CHECK(summary(c, "2021-03-20T11:59").back() == "answer example_act 2021-03-04 due 2021-07-04 pending");
    CHECK(summary(c, "2021-03-20").back() ==
          "answer example_act 2021-03-04 due 2021-07-04 met by request_answered 2021-03-20T12:00");
    CHECK(summary(c, "2021-04-01").size() == 4);
    CHECK(summary(c, "2021-03-03").empty());
}

TEST_CASE("the law version in force at the trigger date governs the instance") {
    auto const c = case_in("town_b", received("2023-12-31") + "," + received("2024-01-01"));
    CHECK(summary(c, "2024-01-02") == Lines{"acknowledge example_act 2023-12-31 due 2024-01-01 overdue",
                                            "answer#1 example_act 2023-12-31 due 2024-04-30 pending",
                                            "answer#2 example_act_2024 2024-01-01 due 2024-03-01 pending"});
    auto const out = check(example_program(), c, "2024-01-02");
    CHECK(out["duties"][1]["cite"] == "EA § 2, stk. 1");
    CHECK(out["duties"][2]["cite"] == "EA 2024 § 7");
}

TEST_CASE("no duty is opened before the law comes into force") {
    CHECK(summary(case_in("town_b", received("2019-12-31")), "2020-06-01").empty());
}

TEST_CASE("an exemption applies only while the municipality had adopted it at the trigger date") {
    auto const at = [](std::string const& date) {
        return summary(case_in("town_a", received(date) + "," + event("hearing_requested", date)), date);
    };
    // Before the adoption (2021-01-01 to 2021-12-31): the act's duties, and no pilot duty.
    // The two triggers share a date, so the duties follow in id order.
    CHECK(at("2020-12-31") == Lines{"acknowledge example_act 2020-12-31 due 2021-01-01 pending",
                                    "answer example_act 2020-12-31 due 2021-04-30 pending",
                                    "hold_hearing example_act 2020-12-31 due 2021-01-10 pending"});
    CHECK(at("2021-01-01") ==
          Lines{"acknowledge example_act 2021-01-01 due 2021-01-02 pending",
                "answer example_act 2021-01-01 due 2021-05-01 waived waived_by pilot_scheme replaced_by quick_reply",
                "hold_hearing example_act 2021-01-01 due 2021-01-11 waived waived_by pilot_scheme",
                "quick_reply pilot_scheme 2021-01-01 due 2021-02-12 pending"});
    CHECK(at("2021-12-31") ==
          Lines{"acknowledge example_act 2021-12-31 due 2022-01-01 pending",
                "answer example_act 2021-12-31 due 2022-04-30 waived waived_by pilot_scheme replaced_by quick_reply",
                "hold_hearing example_act 2021-12-31 due 2022-01-10 waived waived_by pilot_scheme",
                "quick_reply pilot_scheme 2021-12-31 due 2022-02-11 pending"});
    CHECK(at("2022-01-01") == Lines{"acknowledge example_act 2022-01-01 due 2022-01-02 pending",
                                    "answer example_act 2022-01-01 due 2022-05-01 pending",
                                    "hold_hearing example_act 2022-01-01 due 2022-01-11 pending"});
}

TEST_CASE("a municipality that never adopted the exemption keeps the act's duties") {
    CHECK(summary(case_in("town_b", received("2021-06-01")), "2021-06-01") ==
          Lines{"acknowledge example_act 2021-06-01 due 2021-06-02 pending",
                "answer example_act 2021-06-01 due 2021-10-01 pending"});
}

TEST_CASE("a waived duty still reports the event that would have fulfilled it") {
    CHECK(summary(case_in("town_a", received("2021-03-04") + "," + event("request_answered", "2021-04-01")),
                  "2021-04-02") ==
          Lines{"acknowledge example_act 2021-03-04 due 2021-03-05 overdue",
                "answer example_act 2021-03-04 due 2021-07-04 waived by request_answered 2021-04-01 waived_by "
                "pilot_scheme replaced_by quick_reply",
                "quick_reply pilot_scheme 2021-03-04 due 2021-04-15 met by request_answered 2021-04-01"});
}

TEST_CASE("repeated triggers number the instances of a duty by trigger time") {
    auto const c = case_in("town_b", received("2021-05-10") + "," + received("2021-03-04") + "," +
                                         event("request_answered", "2021-05-12"));
    CHECK(summary(c, "2021-05-12") ==
          Lines{"acknowledge#1 example_act 2021-03-04 due 2021-03-05 overdue",
                "answer#1 example_act 2021-03-04 due 2021-07-04 met by request_answered 2021-05-12",
                "acknowledge#2 example_act 2021-05-10 due 2021-05-11 overdue",
                "answer#2 example_act 2021-05-10 due 2021-09-10 met by request_answered 2021-05-12"});
}

TEST_CASE("duties are ordered by trigger time, then duty id, then instance") {
    auto const c = case_in("town_b", received("2021-03-04T10:00") + "," + event("hearing_requested", "2021-03-01") +
                                         "," + received("2021-03-04") + "," + received("2021-03-04"));
    CHECK(summary(c, "2021-03-04") == Lines{"hold_hearing example_act 2021-03-01 due 2021-03-11 pending",
                                            "acknowledge#1 example_act 2021-03-04 due 2021-03-05 pending",
                                            "acknowledge#2 example_act 2021-03-04 due 2021-03-05 pending",
                                            "answer#1 example_act 2021-03-04 due 2021-07-04 pending",
                                            "answer#2 example_act 2021-03-04 due 2021-07-04 pending",
                                            "acknowledge#3 example_act 2021-03-04T10:00 due 2021-03-05T10:00 pending",
                                            "answer#3 example_act 2021-03-04T10:00 due 2021-07-04 pending"});
}

TEST_CASE("a bool attribute, not, and, or, in {…} and parentheses select the duties a trigger opens") {
    CHECK(opened(received("2021-03-04", R"("kind": "information")")) == Lines{"always", "grouped", "not_urgent"});
    CHECK(opened(received("2021-03-04", R"("kind": "complaint")")) ==
          Lines{"always", "complaint_or_appeal", "not_urgent"});
    CHECK(opened(received("2021-03-04", R"("kind": "appeal")")) ==
          Lines{"always", "complaint_or_appeal", "not_urgent", "urgent_or_appeal"});
    CHECK(
        opened(received("2021-03-04", R"("kind": "complaint", "urgent": true)")) ==
        Lines{"always", "complaint_or_appeal", "hearing_or_request", "urgent", "urgent_complaint", "urgent_or_appeal"});
    CHECK(opened(received("2021-03-04", R"("kind": "information", "urgent": true)")) ==
          Lines{"always", "hearing_or_request", "urgent", "urgent_or_appeal"});
}

TEST_CASE("age is counted in whole years at the trigger date") {
    auto const born = R"({"birthdate": "2008-03-05"})";
    CHECK(opened(received("2021-03-04"), born) == Lines{"always", "grouped", "not_urgent"});
    CHECK(opened(received("2021-03-05"), born) == Lines{"always", "grouped", "not_urgent", "teenager"});
    // Born on 29 February: the birthday in a common year is 28 February.
    auto const leap = R"({"birthdate": "2008-02-29"})";
    CHECK(opened(received("2021-02-27"), leap) == Lines{"always", "grouped", "not_urgent"});
    CHECK(opened(received("2021-02-28"), leap) == Lines{"always", "grouped", "not_urgent", "teenager"});
}

TEST_CASE("a condition on a missing optional attribute or fact is false") {
    // No pages, no resident, no filed_on, no birthdate: even `pages != 10` is false.
    CHECK(opened(received("2021-03-04")) == Lines{"always", "grouped", "not_urgent"});
    CHECK(opened(received("2021-03-04", R"("kind": "information", "pages": 11, "filed_on": "2020-12-31")"),
                 R"({"resident": true})") ==
          Lines{"always", "filed_early", "grouped", "long", "not_ten_pages", "not_urgent", "resident"});
    CHECK(opened(received("2021-03-04", R"("kind": "information", "pages": 10, "filed_on": "2021-01-01")"),
                 R"({"resident": false})") == Lines{"always", "grouped", "not_urgent"});
}

TEST_CASE("a condition is evaluated against the event that triggered the duty") {
    // `urgent` is the first attribute of hearing_requested and the second of request_received.
    CHECK(opened(event("hearing_requested", "2021-03-04")).empty());
    CHECK(opened(R"({"event": "hearing_requested", "at": "2021-03-04", "urgent": true})") ==
          Lines{"hearing_or_request"});
    CHECK(opened(R"({"event": "hearing_requested", "at": "2021-03-04", "urgent": true},)" +
                 received("2021-03-04", R"("kind": "information", "urgent": false)")) ==
          Lines{"always", "grouped", "hearing_or_request", "not_urgent"});
}

TEST_CASE("the check JSON reports a waived duty with its exemption, replacement, fulfilment, begrundelse and trace") {
    auto const out =
        check(example_program(),
              case_in("town_a", received("2021-03-04") + "," + event("request_answered", "2021-07-10")), "2021-08-01");
    CHECK(out["case"] == "case-1");
    CHECK(out["municipality"] == "town_a");
    CHECK(out["as_of"] == "2021-08-01");
    REQUIRE(out["duties"].size() == 3);
    CHECK(out["duties"][1].dump() == nlohmann::ordered_json::parse(R"json({
            "duty": "answer",
            "title": "Answer the request",
            "law": "example_act",
            "cite": "EA § 2, stk. 1",
            "triggered_by": {"event": "request_received", "at": "2021-03-04"},
            "due": "2021-07-04",
            "status": "waived",
            "waived_by": {"exemptions": "pilot_scheme", "basis": "Example Pilot Act § 9"},
            "replaced_by": "quick_reply",
            "done_by": {"event": "request_answered", "at": "2021-07-10"},
            "why": [
              "The duty “Answer the request” follows from EA § 2, stk. 1.",
              "The case: “Request received” on 4 March 2021.",
              "The deadline is 4 months from 4 March 2021: 4 July 2021.",
              "Waived: Town A takes part in “Pilot scheme for quick replies” (from 1 January 2021 to 31 December 2021), which lifts the duty; basis: Example Pilot Act § 9.",
              "The duty “Quick reply (pilot)” applies instead."
            ],
            "trace": [
              "request_received on 2021-03-04 opens this duty: EA § 2, stk. 1",
              "example_act was in force on 2021-03-04 (2020-01-01 to 2023-12-31)",
              "due 4 months after 2021-03-04: 2021-07-04",
              "waived: town_a had adopted exemption set pilot_scheme (2021-01-01 to 2021-12-31) on 2021-03-04; basis: Example Pilot Act § 9",
              "replaced by quick_reply"
            ]
          })json")
                                         .dump());
    CHECK(out["duties"][2].dump() == nlohmann::ordered_json::parse(R"json({
            "duty": "quick_reply",
            "title": "Quick reply (pilot)",
            "law": "pilot_scheme",
            "cite": "Example Pilot Act § 10",
            "triggered_by": {"event": "request_received", "at": "2021-03-04"},
            "due": "2021-04-15",
            "status": "late",
            "done_by": {"event": "request_answered", "at": "2021-07-10"},
            "why": [
              "The duty “Quick reply (pilot)” follows from Example Pilot Act § 10, as Town A takes part in “Pilot scheme for quick replies” (from 1 January 2021 to 31 December 2021).",
              "The case: “Request received” on 4 March 2021.",
              "The deadline is 6 weeks from 4 March 2021: 15 April 2021.",
              "Late: “Request answered” on 10 July 2021, 86 days past the deadline."
            ],
            "trace": [
              "request_received on 2021-03-04 opens this duty: Example Pilot Act § 10",
              "a duty of exemption set pilot_scheme, which town_a had adopted (2021-01-01 to 2021-12-31) on 2021-03-04",
              "due 6 weeks after 2021-03-04: 2021-04-15",
              "done by request_answered on 2021-07-10, 86 days after the deadline"
            ]
          })json")
                                         .dump());
}

TEST_CASE("to_json explains pending and overdue duties and leaves out fields that do not apply") {
    auto const out = check(example_program(), case_in("town_b", received("2021-03-04T09:30")), "2021-03-10");
    REQUIRE(out["duties"].size() == 2);
    auto const& acknowledge = out["duties"][0];
    CHECK(acknowledge["status"] == "overdue");
    CHECK_FALSE(acknowledge.contains("instance"));
    CHECK_FALSE(acknowledge.contains("done_by"));
    CHECK_FALSE(acknowledge.contains("waived_by"));
    CHECK_FALSE(acknowledge.contains("replaced_by"));
    CHECK(acknowledge["trace"].back() == "no request_acknowledged by 2021-03-10: 5 days past the deadline");
    auto const& answer = out["duties"][1];
    CHECK(answer["status"] == "pending");
    CHECK(answer["trace"][2] == "due 4 months after 2021-03-04T09:30: 2021-07-04");
    CHECK(answer["trace"].back() == "not yet done (request_answered or answer_posted); 116 days left as of 2021-03-10");
}

TEST_CASE("to_json explains a clamped deadline and hours from a date without a time of day") {
    auto const out = check(example_program(), case_in("town_b", received("2021-10-31")), "2022-02-28");
    REQUIRE(out["duties"].size() == 2);
    CHECK(out["duties"][0]["trace"][2] ==
          "due 24 hours after 2021-10-31: 2021-11-01 (no time of day recorded, so the deadline is the date on which "
          "the hours end)");
    CHECK(out["duties"][1]["trace"][2] ==
          "due 4 months after 2021-10-31: 2022-02-28 (clamped to the last day of the month)");
    CHECK(out["duties"][1]["trace"][3] ==
          "not yet done (request_answered or answer_posted); due today as of 2022-02-28");
}

TEST_CASE("evaluate reuses the caller's vector and clears what it held") {
    auto const& program = example_program();
    auto const c = read(program, case_in("town_b", received("2021-03-04")));
    std::vector<engine::DutyResult> results(5);
    engine::evaluate(program, c, moment("2021-03-04"), results);
    REQUIRE(results.size() == 2);
    CHECK(results[0].status == engine::Status::pending);
    CHECK(results[0].due.to_string() == "2021-03-05");
    CHECK(results[0].instance == 0);
    CHECK(results[0].done == -1);
    CHECK(results[0].waived_by == no_index);
    engine::evaluate(program, c, moment("2021-03-03"), results);
    CHECK(results.empty());
}

TEST_CASE("status names spell the contract") {
    CHECK(engine::to_string(engine::Status::pending) == "pending");
    CHECK(engine::to_string(engine::Status::met) == "met");
    CHECK(engine::to_string(engine::Status::late) == "late");
    CHECK(engine::to_string(engine::Status::overdue) == "overdue");
    CHECK(engine::to_string(engine::Status::waived) == "waived");
}
