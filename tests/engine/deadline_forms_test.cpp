// Every deadline form and every status, with exact dates, on the fictional
// harbour_act (tests/fixtures/forms/): working days over Easter, Christmas,
// the year end and a holiday abolished after 2023; clamped months; hours;
// `within … of EVENT`; `before EVENT`; ages; recurrence; exceptions, lapses,
// conditional fulfilment; exemption sets; the in-language test runner; and
// what "as of" means.
#include "tests/support/check_json.hpp"
#include "tests/support/fixture.hpp"

#include "authoring/test_runner.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace {

using namespace pligt;
using pligt::testing::fixture;
using pligt::testing::Text;
// Lines of a summary, printed one per line when a check fails.
struct Lines : std::vector<std::string> {
    using vector::vector;
    friend std::ostream& operator<<(std::ostream& out, Lines const& lines) {
        out << "\n";
        for (auto const& line : lines) out << "  " << line << "\n";
        return out;
    }
};

// port_east adopted the pilot from before it came into force, with no end: the
// lint rejects that, but the engine must still apply the set only while it is
// in force, so the town is declared here rather than in the fixtures.
Text const port_east{"port_east.pligt", R"(municipality port_east "Port East" {
  code 902
  region coast
  adopts harbour_pilot from 2020-01-01
})"};

std::vector<Text> harbour_files() {
    return {fixture("forms/harbour_events.pligt"), fixture("forms/harbour_act.pligt"),
            fixture("forms/harbour_pilot.pligt"), port_east};
}

Program const& harbour() {
    static Program const program = pligt::testing::compile(harbour_files());
    return program;
}

Moment moment(std::string const& text) {
    auto const parsed = Moment::parse(text);
    REQUIRE_MESSAGE(parsed.has_value(), "not a moment: ", text);
    return *parsed;
}

engine::Case read(std::string const& json) {
    auto result = engine::parse_case(harbour(), json);
    if (!result) {
        std::string errors;
        for (auto const& e : result.error()) errors += e.pointer + ": " + e.message + "\n";
        FAIL("the case did not read: ", errors);
    }
    return std::move(result).value();
}

// One case event: `event("fine_paid", "2021-03-04")`, attributes as JSON members.
std::string event(std::string const& name, std::string const& at, std::string const& attributes = "") {
    return fmt::format(R"({{"event": "{}", "at": "{}"{}}})", name, at, attributes.empty() ? "" : ", " + attributes);
}

std::string case_of(std::vector<std::string> const& events, std::string const& municipality = "port_south",
                    std::string const& facts = "{}") {
    return fmt::format(R"({{"id": "case-1", "municipality": "{}", "facts": {}, "events": [{}]}})", municipality, facts,
                       fmt::join(events, ", "));
}

nlohmann::ordered_json check(std::string const& json, std::string const& as_of) {
    auto const c = read(json);
    std::vector<engine::DutyResult> results;
    engine::evaluate(harbour(), c, moment(as_of), results);
    return pligt::testing::check_json(harbour(), c, results, moment(as_of));
}

std::string due_text(nlohmann::ordered_json const& due) {
    return due.is_object() ? "before " + due["before"].get<std::string>() : due.get<std::string>();
}

// One line per duty: "inspect_licence#2 2021-01-15 due 2021-10-10 late by licence_inspected 2021-10-20".
Lines summary(nlohmann::ordered_json const& out) {
    Lines lines;
    for (auto const& duty : out["duties"]) {
        auto line = duty["duty"].get<std::string>();
        if (duty.contains("instance")) line += fmt::format("#{}", duty["instance"].get<int>());
        line += " " + duty["triggered_by"]["at"].get<std::string>();
        line += " due " + (duty.contains("due") ? due_text(duty["due"]) : std::string{"-"});
        if (duty.contains("law_due")) line += " law_due " + due_text(duty["law_due"]);
        line += " " + duty["status"].get<std::string>();
        if (duty.contains("done_by"))
            line += fmt::format(" by {} {}", duty["done_by"]["event"].get<std::string>(),
                                duty["done_by"]["at"].get<std::string>());
        if (duty.contains("waived_by")) line += " waived_by " + duty["waived_by"]["exemptions"].get<std::string>();
        if (duty.contains("replaced_by")) line += " replaced_by " + duty["replaced_by"].get<std::string>();
        lines.push_back(line);
    }
    return lines;
}

Lines summary(std::vector<std::string> const& events, std::string const& as_of,
              std::string const& municipality = "port_south", std::string const& facts = "{}") {
    return summary(check(case_of(events, municipality, facts), as_of));
}

// The one duty of this id in the output.
nlohmann::ordered_json duty_of(nlohmann::ordered_json const& out, std::string const& id) {
    for (auto const& duty : out["duties"])
        if (duty["duty"] == id) return duty;
    FAIL("no duty ", id);
    return {};
}

// The deadline of `acknowledge` (5 working days) for an application on `date`.
std::string acknowledged_by(std::string const& date) {
    auto const out = check(case_of({event("application_received", date)}), date);
    REQUIRE(out["duties"].size() == 1);
    return out["duties"][0]["due"].get<std::string>();
}

// The lines of one duty (the fixture's other duties open on the same events).
Lines only(Lines const& lines, std::string const& duty) {
    Lines kept;
    for (auto const& line : lines)
        if (line.rfind(duty + "#", 0) == 0 || line.rfind(duty + " ", 0) == 0) kept.push_back(line);
    return kept;
}

}  // namespace

// ---- within N working days

TEST_CASE("working days do not count the trigger's own day") {
    // Monday 2021-06-07: Tuesday to Friday are 1-4, the next Monday is the 5th.
    CHECK(acknowledged_by("2021-06-07") == "2021-06-14");
    CHECK(acknowledged_by("2021-06-07T16:45") == "2021-06-14");
}

TEST_CASE("working days from a trigger on a weekend start counting on Monday") {
    CHECK(acknowledged_by("2021-06-05") == "2021-06-11");  // Saturday
    CHECK(acknowledged_by("2021-06-06") == "2021-06-11");  // Sunday
}

TEST_CASE("working days skip Maundy Thursday, Good Friday and Easter Monday") {
    // Easter 2021 is 4 April: 1, 2 and 5 April are holidays.
    CHECK(acknowledged_by("2021-03-31") == "2021-04-12");
    // Easter 2024 is 31 March: 28, 29 March and 1 April.
    CHECK(acknowledged_by("2024-03-27") == "2024-04-08");
}

TEST_CASE("working days skip Christmas and New Year's Day across the year end") {
    // Friday 2023-12-22: the 24th is a Sunday, 25 and 26 holidays, 1 January a holiday.
    CHECK(acknowledged_by("2023-12-22") == "2024-01-03");
    CHECK(acknowledged_by("2023-12-27") == "2024-01-04");
    // From a holiday itself (Christmas Day, a Monday).
    CHECK(acknowledged_by("2023-12-25") == "2024-01-03");
    // New Year's Eve is a working day in this calendar.
    CHECK(acknowledged_by("2021-12-23") == "2021-12-31");
}

TEST_CASE("a holiday abolished after 2023 counts as a working day from 2024") {
    // Founders' Day (Easter + 26 days, until 2023): Friday 2023-05-05 is off ...
    CHECK(acknowledged_by("2023-05-01") == "2023-05-09");
    // ... Friday 2024-04-26 is a working day.
    CHECK(acknowledged_by("2024-04-22") == "2024-04-29");
}

TEST_CASE("a holiday introduced from 2022 is a working day before") {
    // Harbour Day (20 June, from 2022): a Thursday in 2019, a Tuesday in 2023.
    CHECK(acknowledged_by("2019-06-17") == "2019-06-24");
    CHECK(acknowledged_by("2023-06-19") == "2023-06-27");
}

TEST_CASE("a working-day deadline is pending through its day and overdue the next") {
    auto const c = case_of({event("application_received", "2021-03-31")});
    CHECK(summary(check(c, "2021-04-12")) == Lines{"acknowledge 2021-03-31 due 2021-04-12 pending"});
    CHECK(summary(check(c, "2021-04-13")) == Lines{"acknowledge 2021-03-31 due 2021-04-12 overdue"});
    CHECK(summary({event("application_received", "2021-03-31"), event("application_acknowledged", "2021-04-12")},
                  "2021-05-01") ==
          Lines{"acknowledge 2021-03-31 due 2021-04-12 met by application_acknowledged 2021-04-12"});
    CHECK(summary({event("application_received", "2021-03-31"), event("application_acknowledged", "2021-04-13")},
                  "2021-05-01") ==
          Lines{"acknowledge 2021-03-31 due 2021-04-12 late by application_acknowledged 2021-04-13"});
}

// ---- within N months, hours, days, weeks, years

TEST_CASE("a month from the 29th, 30th and 31st clamps to the end of February, 29 days in a leap year") {
    auto const due = [](std::string const& date) {
        return duty_of(check(case_of({event("complaint_filed", date)}), date), "answer_complaint")["due"]
            .get<std::string>();
    };
    CHECK(due("2023-01-28") == "2023-02-28");
    CHECK(due("2023-01-29") == "2023-02-28");
    CHECK(due("2023-01-30") == "2023-02-28");
    CHECK(due("2023-01-31") == "2023-02-28");
    CHECK(due("2024-01-29") == "2024-02-29");
    CHECK(due("2024-01-30") == "2024-02-29");
    CHECK(due("2024-01-31") == "2024-02-29");
    CHECK(due("2024-02-29") == "2024-03-29");  // never rolls on to the month's end
    CHECK(due("2021-03-31") == "2021-04-30");
    CHECK(due("2021-08-31") == "2021-09-30");
    CHECK(due("2021-12-31") == "2022-01-31");  // across the year end
    CHECK(due("2021-12-31T23:59") == "2022-01-31");
}

TEST_CASE("a month deadline says when it was clamped") {
    auto const out = check(case_of({event("complaint_filed", "2023-01-31")}), "2023-02-01");
    CHECK(duty_of(out, "answer_complaint")["trace"][2] ==
          "due 1 month after 2023-01-31: 2023-02-28 (clamped to the last day of the month)");
    auto const plain = check(case_of({event("complaint_filed", "2023-01-15")}), "2023-02-01");
    CHECK(duty_of(plain, "answer_complaint")["trace"][2] == "due 1 month after 2023-01-15: 2023-02-15");
}

TEST_CASE("hours from a date-time keep the clock time; from a date they end on a date") {
    CHECK(summary({event("incident_reported", "2021-03-04T09:30")}, "2021-03-04") ==
          Lines{"log_incident 2021-03-04T09:30 due 2021-03-06T09:30 pending"});
    CHECK(summary({event("incident_reported", "2021-12-31T23:30")}, "2021-12-31") ==
          Lines{"log_incident 2021-12-31T23:30 due 2022-01-02T23:30 pending"});
    CHECK(summary({event("incident_reported", "2024-02-28T12:00")}, "2024-02-28") ==
          Lines{"log_incident 2024-02-28T12:00 due 2024-03-01T12:00 pending"});
    // 48 hours from a day with no time of day end on the second day after it.
    CHECK(summary({event("incident_reported", "2021-03-04")}, "2021-03-04") ==
          Lines{"log_incident 2021-03-04 due 2021-03-06 pending"});
}

TEST_CASE("an hour deadline passes at its minute; a date-only fulfilment on its day is on time") {
    auto const reported = event("incident_reported", "2021-03-04T09:30");
    CHECK(summary({reported}, "2021-03-06T09:30").front() ==
          "log_incident 2021-03-04T09:30 due 2021-03-06T09:30 pending");
    CHECK(summary({reported}, "2021-03-06T09:31").front() ==
          "log_incident 2021-03-04T09:30 due 2021-03-06T09:30 overdue");
    // As of a date is the end of that day, after 09:30.
    CHECK(summary({reported}, "2021-03-06").front() == "log_incident 2021-03-04T09:30 due 2021-03-06T09:30 overdue");
    CHECK(summary({reported, event("incident_logged", "2021-03-06T09:31")}, "2021-03-07").front() ==
          "log_incident 2021-03-04T09:30 due 2021-03-06T09:30 late by incident_logged 2021-03-06T09:31");
    CHECK(summary({reported, event("incident_logged", "2021-03-06")}, "2021-03-07").front() ==
          "log_incident 2021-03-04T09:30 due 2021-03-06T09:30 met by incident_logged 2021-03-06");
}

TEST_CASE("days, weeks and years count calendar days, with no regard to holidays") {
    CHECK(summary({event("vessel_arrived", "2021-12-24")}, "2021-12-24") ==
          Lines{"inspect_hull 2021-12-24 due 2022-01-03 pending", "notify_crew 2021-12-24 due 2022-01-07 pending",
                "renew_registration 2021-12-24 due 2022-12-24 pending"});
    // A year from 29 February ends on 28 February.
    CHECK(summary({event("vessel_arrived", "2024-02-29")}, "2024-02-29") ==
          Lines{"inspect_hull 2024-02-29 due 2024-03-10 pending", "notify_crew 2024-02-29 due 2024-03-14 pending",
                "renew_registration 2024-02-29 due 2025-02-28 pending"});
}

// ---- within N UNIT of EVENT

TEST_CASE("within … of EVENT counts from the latest such event at or before the trigger") {
    CHECK(summary({event("offence_committed", "2021-03-01"), event("fine_issued", "2021-03-20")}, "2021-03-20") ==
          Lines{"collect_fine 2021-03-20 due 2021-03-31 pending"});
    CHECK(summary({event("offence_committed", "2021-02-01"), event("offence_committed", "2021-03-01"),
                   event("fine_issued", "2021-03-20")},
                  "2021-03-20") == Lines{"collect_fine 2021-03-20 due 2021-03-31 pending"});
    // On the trigger's date counts as at or before it.
    CHECK(summary({event("fine_issued", "2021-03-20"), event("offence_committed", "2021-03-20")}, "2021-03-20") ==
          Lines{"collect_fine 2021-03-20 due 2021-04-19 pending"});
}

TEST_CASE("within … of EVENT with no such event before the trigger counts from the trigger") {
    CHECK(summary({event("fine_issued", "2021-03-20")}, "2021-03-20") ==
          Lines{"collect_fine 2021-03-20 due 2021-04-19 pending"});
    // An offence after the fine is no anchor.
    auto const out =
        check(case_of({event("fine_issued", "2021-03-20"), event("offence_committed", "2021-03-25")}), "2021-04-20");
    CHECK(summary(out) == Lines{"collect_fine 2021-03-20 due 2021-04-19 overdue"});
    CHECK(out["duties"][0]["trace"][2] ==
          "due 30 days after 2021-03-20 (no offence_committed before it, so counted from the trigger): 2021-04-19");
    auto const anchored =
        check(case_of({event("offence_committed", "2021-03-01"), event("fine_issued", "2021-03-20")}), "2021-03-20");
    CHECK(anchored["duties"][0]["trace"][2] == "due 30 days after offence_committed on 2021-03-01: 2021-03-31");
}

// ---- before EVENT

TEST_CASE("before EVENT is pending with due {\"before\": EVENT} until the event happens") {
    auto const out = check(case_of({event("hearing_scheduled", "2021-03-01", R"("berth": "fishing")")}), "2021-03-10");
    CHECK(summary(out) == Lines{"brief_owner 2021-03-01 due before berth_decided pending",
                                "prepare_file 2021-03-01 due before berth_decided pending"});
    auto const& prepare = duty_of(out, "prepare_file");
    CHECK(prepare["due"].dump() == R"({"before":"berth_decided"})");
    CHECK(prepare["trace"][2] == "due before berth_decided, which has not happened yet");
    CHECK(prepare["trace"][3] == "not yet done (file_prepared)");
    // Done while the event is still ahead: met, and stays met when it comes.
    auto const prepared = summary(
        {event("hearing_scheduled", "2021-03-01", R"("berth": "fishing")"), event("file_prepared", "2021-03-05")},
        "2021-03-06");
    CHECK(prepared.back() == "prepare_file 2021-03-01 due before berth_decided met by file_prepared 2021-03-05");
}

TEST_CASE("before EVENT is met when done before or on the event's date, late when after") {
    auto const at = [](std::string const& prepared) {
        return summary({event("hearing_scheduled", "2021-03-01", R"("berth": "fishing")"),
                        event("berth_decided", "2021-03-10T14:00", R"("berth": "fishing")"),
                        event("file_prepared", prepared)},
                       "2021-04-01")
            .back();
    };
    CHECK(at("2021-03-09") == "prepare_file 2021-03-01 due 2021-03-10T14:00 met by file_prepared 2021-03-09");
    CHECK(at("2021-03-10") == "prepare_file 2021-03-01 due 2021-03-10T14:00 met by file_prepared 2021-03-10");
    CHECK(at("2021-03-10T14:00") ==
          "prepare_file 2021-03-01 due 2021-03-10T14:00 met by file_prepared 2021-03-10T14:00");
    CHECK(at("2021-03-10T14:01") ==
          "prepare_file 2021-03-01 due 2021-03-10T14:00 late by file_prepared 2021-03-10T14:01");
    CHECK(at("2021-03-11") == "prepare_file 2021-03-01 due 2021-03-10T14:00 late by file_prepared 2021-03-11");
}

TEST_CASE("before EVENT is overdue once the event has happened and it was not done") {
    auto const c = case_of({event("hearing_scheduled", "2021-03-01", R"("berth": "fishing")"),
                            event("berth_decided", "2021-03-10", R"("berth": "fishing")")});
    CHECK(summary(check(c, "2021-03-09")).back() == "prepare_file 2021-03-01 due before berth_decided pending");
    // On the event's own date it can still be done "before" it (same date counts).
    CHECK(summary(check(c, "2021-03-10")).back() == "prepare_file 2021-03-01 due 2021-03-10 pending");
    CHECK(summary(check(c, "2021-03-11")).back() == "prepare_file 2021-03-01 due 2021-03-10 overdue");
    CHECK(duty_of(check(c, "2021-03-11"), "prepare_file")["trace"][2] == "due before berth_decided: 2021-03-10");
}

TEST_CASE("before EVENT matching ATTR waits for the event with the trigger's value") {
    auto const out =
        summary({event("hearing_scheduled", "2021-03-01", R"("berth": "fishing")"),
                 event("berth_decided", "2021-03-05", R"("berth": "cargo")"),
                 event("berth_decided", "2021-03-10", R"("berth": "fishing")"), event("owner_briefed", "2021-03-08")},
                "2021-04-01");
    CHECK(out == Lines{"brief_owner 2021-03-01 due 2021-03-10 met by owner_briefed 2021-03-08",
                       "prepare_file 2021-03-01 due 2021-03-05 overdue"});
    CHECK(summary({event("hearing_scheduled", "2021-03-01", R"("berth": "fishing")"),
                   event("berth_decided", "2021-03-05", R"("berth": "cargo")")},
                  "2021-04-01")
              .front() == "brief_owner 2021-03-01 due before berth_decided pending");
}

// ---- at age, before age

TEST_CASE("at age N years M months is the day the apprentice reaches that age") {
    auto const born = [](std::string const& birthdate) {
        return summary({event("apprentice_enrolled", "2024-01-10")}, "2024-01-10", "port_south",
                       fmt::format(R"({{"date_of_birth": "{}"}})", birthdate));
    };
    CHECK(born("2011-05-14") == Lines{"assess_apprentice 2024-01-10 due 2027-11-14 pending",
                                      "exit_interview 2024-01-10 due 2028-11-14 pending",
                                      "register_adult 2024-01-10 due 2029-05-14 pending"});
    // Born on 29 February: 16 years 6 months is 29 August; the 18th birthday
    // in a common year is 28 February, and six months before it 28 August.
    CHECK(born("2008-02-29") == Lines{"assess_apprentice 2024-01-10 due 2024-08-29 pending",
                                      "exit_interview 2024-01-10 due 2025-08-28 pending",
                                      "register_adult 2024-01-10 due 2026-02-28 pending"});
    // Born on 31 August: 16 years 6 months clamps to the end of February.
    CHECK(born("2008-08-31").front() == "assess_apprentice 2024-01-10 due 2025-02-28 pending");
}

TEST_CASE("an age deadline explains the birthday it counts from") {
    auto const out =
        check(case_of({event("apprentice_enrolled", "2024-01-10")}, "port_south", R"({"date_of_birth": "2008-02-29"})"),
              "2025-09-01");
    CHECK(duty_of(out, "exit_interview")["trace"][2] ==
          "due 6 months before age 18: the apprentice reaches 18 on 2026-02-28, so due 2025-08-28");
    CHECK(duty_of(out, "exit_interview")["status"] == "overdue");
    CHECK(duty_of(out, "assess_apprentice")["trace"][2] ==
          "due at age 16 years 6 months (from the date_of_birth): 2024-08-29");
}

TEST_CASE("an age deadline in a case without a birthdate has no due date and stays pending") {
    auto const out = check(case_of({event("apprentice_enrolled", "2024-01-10")}), "2040-01-01");
    CHECK(summary(out) == Lines{"assess_apprentice 2024-01-10 due - pending", "exit_interview 2024-01-10 due - pending",
                                "register_adult 2024-01-10 due - pending"});
    auto const& assess = duty_of(out, "assess_apprentice");
    CHECK_FALSE(assess.contains("due"));
    CHECK(assess["trace"][2] == "due at age 16 years 6 months: the case has no date_of_birth to count from");
    CHECK(assess["trace"][3] == "not yet done (apprentice_assessed)");

    auto const c = read(case_of({event("apprentice_enrolled", "2024-01-10")}));
    std::vector<engine::DutyResult> results;
    engine::evaluate(harbour(), c, moment("2040-01-01"), results);
    REQUIRE(results.size() == 3);
    for (auto const& result : results) CHECK(result.missing_age_fact);
}

TEST_CASE("an age deadline lapses when its purpose ends first, with or without a birthdate") {
    auto const born = R"({"date_of_birth": "2011-05-14"})";
    CHECK(summary({event("apprentice_enrolled", "2025-09-01"), event("apprenticeship_ended", "2027-01-01")},
                  "2029-01-01", "port_south", born)[1] == "exit_interview 2025-09-01 due 2028-11-14 lapsed");
    // Ended after the deadline: the breach stands.
    CHECK(summary({event("apprentice_enrolled", "2025-09-01"), event("apprenticeship_ended", "2028-12-01")},
                  "2029-01-01", "port_south", born)[1] == "exit_interview 2025-09-01 due 2028-11-14 overdue");
    // Ended on the due date itself: the duty had not yet been breached.
    CHECK(summary({event("apprentice_enrolled", "2025-09-01"), event("apprenticeship_ended", "2028-11-14")},
                  "2029-01-01", "port_south", born)[1] == "exit_interview 2025-09-01 due 2028-11-14 lapsed");
    // Without a birthdate the deadline is unknown, so any end comes before it.
    CHECK(summary({event("apprentice_enrolled", "2025-09-01"), event("apprenticeship_ended", "2027-01-01")},
                  "2029-01-01")[1] == "exit_interview 2025-09-01 due - lapsed");
}

// ---- recurrence

TEST_CASE("a recurring duty lists met, late and missed instances up to as-of, and the one pending") {
    auto const c = case_of({event("licence_granted", "2021-01-15"), event("licence_inspected", "2021-04-10"),
                            event("licence_inspected", "2021-10-20")});
    // 1: 3 months from the grant; 2: 6 months after 1 was done; 3: 6 months
    // after 2 was done, never done; 4: 6 months after 3's deadline; 5 pending.
    CHECK(summary(check(c, "2022-12-01")) ==
          Lines{"inspect_licence#1 2021-01-15 due 2021-04-15 met by licence_inspected 2021-04-10",
                "inspect_licence#2 2021-01-15 due 2021-10-10 late by licence_inspected 2021-10-20",
                "inspect_licence#3 2021-01-15 due 2022-04-20 overdue",
                "inspect_licence#4 2021-01-15 due 2022-10-20 overdue",
                "inspect_licence#5 2021-01-15 due 2023-04-20 pending"});
    CHECK(summary(check(c, "2021-01-15")) == Lines{"inspect_licence 2021-01-15 due 2021-04-15 pending"});
    CHECK(summary(check(c, "2021-04-10")) ==
          Lines{"inspect_licence#1 2021-01-15 due 2021-04-15 met by licence_inspected 2021-04-10",
                "inspect_licence#2 2021-01-15 due 2021-10-10 pending"});
    auto const out = check(c, "2022-12-01");
    CHECK(out["duties"][1]["trace"][2] ==
          "repeats: due 6 months after the previous instance was done (licence_inspected on 2021-04-10): 2021-10-10");
    CHECK(out["duties"][3]["trace"][2] ==
          "repeats: due 6 months after the previous instance's deadline (2022-04-20), as it was not done: 2022-10-20");
}

TEST_CASE("a late fulfilment of a missed instance restarts the series from that day") {
    CHECK(summary({event("licence_granted", "2021-01-15"), event("licence_inspected", "2021-05-01"),
                   event("licence_inspected", "2022-01-10")},
                  "2022-03-01") ==
          Lines{"inspect_licence#1 2021-01-15 due 2021-04-15 late by licence_inspected 2021-05-01",
                "inspect_licence#2 2021-01-15 due 2021-11-01 late by licence_inspected 2022-01-10",
                "inspect_licence#3 2021-01-15 due 2022-07-10 pending"});
}

// ---- first of (…), and a span read from the trigger

TEST_CASE("first of: the first form that applies, in the order written; a recorded span comes first") {
    auto const out =
        check(case_of({event("permit_issued", "2022-03-01", R"("renewal_months": 14, "small_vessel": true)"),
                       event("permit_issued", "2022-03-02", R"("small_vessel": true)"),
                       event("permit_issued", "2022-03-03", R"("renewal_months": 0)")}),
              "2022-03-04");
    CHECK(summary(out) == Lines{"renew_permit#1 2022-03-01 due 2023-05-01 pending",
                                "renew_permit#2 2022-03-02 due 2022-09-02 pending",
                                "renew_permit#3 2022-03-03 due 2023-03-03 pending"});
    CHECK(out["duties"][0]["trace"][2] ==
          "due at the first form that applies, within renewal_months months (14 months, as recorded on "
          "permit_issued): 2023-05-01");
    CHECK(out["duties"][1]["trace"][2] ==
          "due at the first form that applies, within 6 months where small_vessel: 2022-09-02");
    // A recorded 0 is no time set: the form does not apply.
    CHECK(out["duties"][2]["trace"][2] == "due at the first form that applies, within 1 year: 2023-03-03");
}

TEST_CASE("first of: no deadline as the last form; an attribute only some triggers record is false on the others") {
    auto const out = check(case_of({event("pilot_requested", "2022-03-01", R"("night": true)"),
                                    event("pilot_requested", "2022-03-02"), event("pilot_ordered", "2022-03-03")}),
                           "2022-03-10");
    CHECK(summary(out) == Lines{"assign_pilot#1 2022-03-01 due 2022-03-02 overdue",
                                "assign_pilot#2 2022-03-02 due - pending", "assign_pilot#3 2022-03-03 due - pending"});
    CHECK(out["duties"][1]["trace"][2] ==
          "no statutory deadline: the first form that applies in first of (within 1 day where night, no deadline) "
          "is 'no deadline'");
    CHECK(out["duties"][2]["trace"][2] == out["duties"][1]["trace"][2]);
}

// ---- done by EVENT, N times: a count in back-to-back periods

TEST_CASE("N times: the Nth event within the period meets it, however the events are spaced") {
    CHECK(only(summary({event("drill_season_opened", "2022-03-01"), event("safety_drill_held", "2022-03-02"),
                        event("safety_drill_held", "2022-03-03")},
                       "2022-04-01"),
               "hold_drills") == Lines{"hold_drills#1 2022-03-01 due 2023-03-01 met by safety_drill_held 2022-03-03",
                                       "hold_drills#2 2022-03-01 due 2024-03-01 pending"});
}

TEST_CASE("N times: fewer by the deadline is overdue, never late; a later event counts for the next period") {
    auto const c = case_of({event("drill_season_opened", "2022-03-01"), event("safety_drill_held", "2022-06-01"),
                            event("safety_drill_held", "2023-03-02"), event("safety_drill_held", "2023-09-01")});
    CHECK(summary(check(c, "2023-03-01")) == Lines{"hold_drills 2022-03-01 due 2023-03-01 pending"});
    CHECK(summary(check(c, "2023-10-01")) ==
          Lines{"hold_drills#1 2022-03-01 due 2023-03-01 overdue",
                "hold_drills#2 2022-03-01 due 2024-03-01 met by safety_drill_held 2023-09-01",
                "hold_drills#3 2022-03-01 due 2025-03-01 pending"});
    auto const out = check(c, "2023-10-01");
    CHECK(out["duties"][0]["trace"][2] == "due 1 year after 2022-03-01: 2023-03-01");
    CHECK(out["duties"][0]["trace"][3] ==
          "fewer than 2 safety_drill_held in the period from 2022-03-01 to 2023-03-01; 214 days past the deadline");
    CHECK(out["duties"][1]["trace"][2] ==
          "the next period: due 1 year after the previous one ended (2023-03-01): 2024-03-01");
    CHECK(out["duties"][1]["trace"][3] ==
          "done by 2 × safety_drill_held in the period from 2023-03-01, the last on 2023-09-01, on time");
}

TEST_CASE("N times: an event on the deadline's date counts for the period ending then, and only once") {
    // Three drills: two by 2023-03-01 (the second on that day), one after;
    // the third does not carry the second period alone.
    CHECK(summary({event("drill_season_opened", "2022-03-01"), event("safety_drill_held", "2022-12-01"),
                   event("safety_drill_held", "2023-03-01"), event("safety_drill_held", "2023-05-01")},
                  "2023-06-01") == Lines{"hold_drills#1 2022-03-01 due 2023-03-01 met by safety_drill_held 2023-03-01",
                                         "hold_drills#2 2022-03-01 due 2024-03-01 pending"});
}

TEST_CASE("N times: the until event lapses the period it falls in and ends the series") {
    CHECK(summary({event("drill_season_opened", "2022-03-01"), event("safety_drill_held", "2022-04-01"),
                   event("safety_drill_held", "2022-05-01"), event("safety_drill_held", "2023-04-01"),
                   event("drill_season_closed", "2023-06-01")},
                  "2024-06-01") == Lines{"hold_drills#1 2022-03-01 due 2023-03-01 met by safety_drill_held 2022-05-01",
                                         "hold_drills#2 2022-03-01 due 2024-03-01 lapsed"});
}

TEST_CASE("the until event ends the series: no instance after it, an open one before its deadline lapses") {
    auto const base =
        std::vector<std::string>{event("licence_granted", "2021-01-15"), event("licence_inspected", "2021-04-10"),
                                 event("licence_inspected", "2021-10-20")};
    auto const with = [&](std::string const& revoked) {
        auto events = base;
        events.push_back(event("licence_revoked", revoked));
        return summary(events, "2022-12-01");
    };
    // Revoked while instance 3 was open, before its deadline.
    CHECK(with("2021-11-15") ==
          Lines{"inspect_licence#1 2021-01-15 due 2021-04-15 met by licence_inspected 2021-04-10",
                "inspect_licence#2 2021-01-15 due 2021-10-10 late by licence_inspected 2021-10-20",
                "inspect_licence#3 2021-01-15 due 2022-04-20 lapsed"});
    // Revoked after instance 3's deadline: 3 stays overdue, 4 lapses.
    CHECK(with("2022-06-01") ==
          Lines{"inspect_licence#1 2021-01-15 due 2021-04-15 met by licence_inspected 2021-04-10",
                "inspect_licence#2 2021-01-15 due 2021-10-10 late by licence_inspected 2021-10-20",
                "inspect_licence#3 2021-01-15 due 2022-04-20 overdue",
                "inspect_licence#4 2021-01-15 due 2022-10-20 lapsed"});
    // Revoked on the day instance 2 was done: no instance starts after it.
    CHECK(with("2021-10-20") ==
          Lines{"inspect_licence#1 2021-01-15 due 2021-04-15 met by licence_inspected 2021-04-10",
                "inspect_licence#2 2021-01-15 due 2021-10-10 late by licence_inspected 2021-10-20"});
    // Revoked before the first deadline, nothing done: the first instance lapses.
    CHECK(summary({event("licence_granted", "2021-01-15"), event("licence_revoked", "2021-02-01")}, "2022-12-01") ==
          Lines{"inspect_licence 2021-01-15 due 2021-04-15 lapsed"});
    // A revocation after as-of is not known yet.
    CHECK(with("2023-01-01").back() == "inspect_licence#5 2021-01-15 due 2023-04-20 pending");
}

TEST_CASE("a lapsed instance explains the event that ended it") {
    auto const out =
        check(case_of({event("licence_granted", "2021-01-15"), event("licence_revoked", "2021-02-01")}), "2021-03-01");
    CHECK(out["duties"][0]["trace"].back() == "lapsed: licence_revoked on 2021-02-01 came before it was due or done");
    CHECK_FALSE(out["duties"][0].contains("done_by"));
}

TEST_CASE("then every ATTR months takes the interval from the previous fulfilling event, otherwise the default") {
    auto const c = case_of({event("mooring_granted", "2021-12-31"),
                            event("mooring_reviewed", "2022-02-01", R"("next_interval_months": 12)"),
                            event("mooring_reviewed", "2023-01-15")});
    CHECK(only(summary(check(c, "2023-02-01")), "review_mooring") ==
          Lines{"review_mooring#1 2021-12-31 due 2022-02-28 met by mooring_reviewed 2022-02-01",
                "review_mooring#2 2021-12-31 due 2023-02-01 met by mooring_reviewed 2023-01-15",
                "review_mooring#3 2021-12-31 due 2023-05-15 pending"});
    // Not done: the default interval counts from the missed deadline.
    CHECK(only(summary({event("mooring_granted", "2021-12-31")}, "2022-08-01"), "review_mooring") ==
          Lines{"review_mooring#1 2021-12-31 due 2022-02-28 overdue",
                "review_mooring#2 2021-12-31 due 2022-06-28 overdue",
                "review_mooring#3 2021-12-31 due 2022-10-28 pending"});
    CHECK(only(summary({event("mooring_granted", "2021-12-31"),
                        event("mooring_reviewed", "2022-02-01", R"("next_interval_months": 1)"),
                        event("mooring_ended", "2022-02-15")},
                       "2022-08-01"),
               "review_mooring") ==
          Lines{"review_mooring#1 2021-12-31 due 2022-02-28 met by mooring_reviewed 2022-02-01",
                "review_mooring#2 2021-12-31 due 2022-03-01 lapsed"});
}

// ---- unless, lapses on, done by … where, also before

TEST_CASE("unless COND is a statutory exception with its own citation") {
    auto const out = check(
        case_of({event("hearing_scheduled", "2021-03-01", R"("berth": "fishing", "owner_declined_briefing": true)")}),
        "2021-04-01");
    CHECK(summary(out) ==
          Lines{"brief_owner 2021-03-01 due - excepted", "prepare_file 2021-03-01 due before berth_decided pending"});
    CHECK(out["duties"][0].dump() == nlohmann::ordered_json::parse(R"json({
            "duty": "brief_owner",
            "title": "Brief the owner",
            "law": "harbour_act",
            "cite": "HA § 6, stk. 2",
            "triggered_by": {"event": "hearing_scheduled", "at": "2021-03-01"},
            "status": "excepted",
            "excepted_by": {"cite": "HA § 6, stk. 3", "reason": "owner_declined_briefing"},
            "why": [
              "The duty “Brief the owner” follows from HA § 6, stk. 2.",
              "The case: “Hearing scheduled” on 1 March 2021.",
              "Excepted under HA § 6, stk. 3: The owner declined a briefing: yes."
            ],
            "trace": [
              "hearing_scheduled on 2021-03-01 opens this duty: HA § 6, stk. 2",
              "harbour_act was in force on 2021-03-01 (from 2019-01-01)",
              "excepted: owner_declined_briefing (HA § 6, stk. 3)"
            ]
          })json")
                                         .dump());
}

TEST_CASE("lapses on EVENT: lapsed when the event comes before the deadline and before it was done") {
    auto const damage = event("damage_reported", "2021-03-01");
    auto const cargo = event("letter_sent", "2021-03-20", R"("berth": "cargo")");
    CHECK(summary({damage, event("vessel_scrapped", "2021-04-01")}, "2021-08-01") ==
          Lines{"repair_order 2021-03-01 due 2021-06-01 lapsed"});
    CHECK(summary({damage, cargo, event("vessel_scrapped", "2021-04-01")}, "2021-08-01") ==
          Lines{"repair_order 2021-03-01 due 2021-06-01 met by letter_sent 2021-03-20"});
    CHECK(summary({damage, event("vessel_scrapped", "2021-07-01")}, "2021-08-01") ==
          Lines{"repair_order 2021-03-01 due 2021-06-01 overdue"});
    CHECK(summary({damage, event("vessel_scrapped", "2021-06-01")}, "2021-08-01") ==
          Lines{"repair_order 2021-03-01 due 2021-06-01 lapsed"});
    CHECK(summary({damage, event("vessel_scrapped", "2021-04-01")}, "2021-03-31") ==
          Lines{"repair_order 2021-03-01 due 2021-06-01 pending"});
}

TEST_CASE("done by EVENT where COND: only an event for which the condition holds fulfils the duty") {
    auto const damage = event("damage_reported", "2021-03-01");
    CHECK(summary({damage, event("letter_sent", "2021-03-10", R"("berth": "fishing")")}, "2021-08-01") ==
          Lines{"repair_order 2021-03-01 due 2021-06-01 overdue"});
    CHECK(summary({damage, event("letter_sent", "2021-03-10", R"("berth": "fishing")"),
                   event("letter_sent", "2021-06-02", R"("berth": "cargo")")},
                  "2021-08-01") == Lines{"repair_order 2021-03-01 due 2021-06-01 late by letter_sent 2021-06-02"});
}

TEST_CASE("done by …, also before: an event before the trigger fulfils the duty") {
    CHECK(summary({event("survey_completed", "2020-11-02"), event("berth_assigned", "2021-03-01")}, "2021-03-01") ==
          Lines{"survey_berth 2021-03-01 due 2021-04-01 met by survey_completed 2020-11-02"});
    CHECK(summary({event("berth_assigned", "2021-03-01"), event("survey_completed", "2021-04-02")}, "2021-05-01") ==
          Lines{"survey_berth 2021-03-01 due 2021-04-01 late by survey_completed 2021-04-02"});
    // Without `also before`, the same earlier event does not count.
    CHECK(summary({event("complaint_answered", "2021-02-01"), event("complaint_filed", "2021-03-01")}, "2021-03-01") ==
          Lines{"answer_complaint 2021-03-01 due 2021-04-01 pending"});
}

// ---- exemption sets

TEST_CASE("waive DUTY where COND waives only the instances for which COND holds") {
    auto const filed = [](std::string const& at, bool urgent) {
        return summary({event("complaint_filed", at, urgent ? R"("urgent": true)" : "")}, at, "port_north");
    };
    CHECK(filed("2022-03-10", false) ==
          Lines{"answer_complaint 2022-03-10 due 2022-04-10 waived waived_by harbour_pilot replaced_by quick_answer",
                "quick_answer 2022-03-10 due 2022-03-20 pending"});
    // The set's own duty exists while the set is adopted, waiver or not.
    CHECK(filed("2022-03-10", true) == Lines{"answer_complaint 2022-03-10 due 2022-04-10 pending",
                                             "quick_answer 2022-03-10 due 2022-03-20 pending"});
    // Before and after the adoption: the law's duty, and no set duty.
    CHECK(filed("2021-12-31", false) == Lines{"answer_complaint 2021-12-31 due 2022-01-31 pending"});
    CHECK(filed("2023-01-01", false) == Lines{"answer_complaint 2023-01-01 due 2023-02-01 pending"});
    auto const out = check(case_of({event("complaint_filed", "2022-03-10")}, "port_north"), "2022-03-10");
    CHECK(out["duties"][0]["waived_by"].dump() == R"({"exemptions":"harbour_pilot","basis":"Harbour Pilot Act § 3"})");
    CHECK(out["duties"][0]["trace"][3] ==
          "waived: port_north had adopted exemption set harbour_pilot (2022-01-01 to 2022-12-31) on 2022-03-10, and "
          "not urgent; basis: Harbour Pilot Act § 3");
}

TEST_CASE("an adoption outside the set's period in force waives nothing there") {
    // port_east adopted from 2020 with no end; the set is in force 2021-2024.
    auto const filed = [](std::string const& at) { return summary({event("complaint_filed", at)}, at, "port_east"); };
    CHECK(filed("2020-06-01") == Lines{"answer_complaint 2020-06-01 due 2020-07-01 pending"});
    CHECK(filed("2024-12-31") ==
          Lines{"answer_complaint 2024-12-31 due 2025-01-31 waived waived_by harbour_pilot replaced_by quick_answer",
                "quick_answer 2024-12-31 due 2025-01-10 pending"});
    CHECK(filed("2025-01-01") == Lines{"answer_complaint 2025-01-01 due 2025-02-01 pending"});
}

TEST_CASE("change DUTY { due … } gives due the set's deadline and law_due the law's") {
    CHECK(summary({event("vessel_arrived", "2022-03-01")}, "2022-03-15", "port_north") ==
          Lines{"inspect_hull 2022-03-01 due 2022-03-21 law_due 2022-03-11 pending",
                "notify_crew 2022-03-01 due 2022-03-15 waived waived_by harbour_pilot",
                "renew_registration 2022-03-01 due 2023-03-01 law_due 2023-03-01 pending"});
    // Elsewhere, the law's deadline, and no law_due.
    CHECK(summary({event("vessel_arrived", "2022-03-01")}, "2022-03-15").front() ==
          "inspect_hull 2022-03-01 due 2022-03-11 overdue");
    auto const out = check(case_of({event("vessel_arrived", "2022-03-01")}, "port_north"), "2022-03-15");
    CHECK(out["duties"][0]["trace"][2] == "due 20 days after 2022-03-01: 2022-03-21");
    CHECK(out["duties"][0]["trace"][3] ==
          "deadline changed by exemption set harbour_pilot (basis: Harbour Pilot Act § 3); the law's own: 2022-03-11");
}

TEST_CASE("a changed deadline keeps the law's `before EVENT` as law_due") {
    auto const hearing = event("hearing_scheduled", "2022-03-01", R"("berth": "cargo")");
    auto const out = check(case_of({hearing}, "port_north"), "2022-03-02");
    CHECK(summary(out) == Lines{"brief_owner 2022-03-01 due before berth_decided pending",
                                "prepare_file 2022-03-01 due 2022-03-06 law_due before berth_decided pending"});
    CHECK(duty_of(out, "prepare_file")["law_due"].dump() == R"({"before":"berth_decided"})");
    CHECK(summary({hearing, event("berth_decided", "2022-03-04", R"("berth": "cargo")"),
                   event("file_prepared", "2022-03-05")},
                  "2022-03-10", "port_north")
              .back() == "prepare_file 2022-03-01 due 2022-03-06 law_due 2022-03-04 met by file_prepared 2022-03-05");
}

// ---- as of

TEST_CASE("events after as-of are ignored; as of a date is the end of that day") {
    auto const c = case_of({event("damage_reported", "2021-03-01"),
                            event("letter_sent", "2021-03-10T18:00", R"("berth": "cargo")"),
                            event("vessel_scrapped", "2021-03-12")});
    CHECK(summary(check(c, "2021-02-28")).empty());
    CHECK(summary(check(c, "2021-03-01")) == Lines{"repair_order 2021-03-01 due 2021-06-01 pending"});
    CHECK(summary(check(c, "2021-03-10T17:59")) == Lines{"repair_order 2021-03-01 due 2021-06-01 pending"});
    CHECK(summary(check(c, "2021-03-10")) ==
          Lines{"repair_order 2021-03-01 due 2021-06-01 met by letter_sent 2021-03-10T18:00"});
    CHECK(check(c, "2021-03-10")["as_of"] == "2021-03-10");
    // A lapse known only after as-of does not count yet.
    auto const scrapped = case_of({event("damage_reported", "2021-03-01"), event("vessel_scrapped", "2021-03-12")});
    CHECK(summary(check(scrapped, "2021-03-11")) == Lines{"repair_order 2021-03-01 due 2021-06-01 pending"});
    CHECK(summary(check(scrapped, "2021-03-12")) == Lines{"repair_order 2021-03-01 due 2021-06-01 lapsed"});
}

// ---- the in-language test runner

TEST_CASE("the rule files' own tests of the deadline forms all pass") {
    auto files = harbour_files();
    files.push_back(fixture("forms/forms_tests.pligt"));
    auto const program = pligt::testing::compile(std::move(files));
    auto const outcomes = engine::run_tests(program);
    CHECK(outcomes.size() == program.tests.size());
    CHECK(outcomes.size() >= 10);
    for (auto const& outcome : outcomes) {
        INFO(outcome.test->title);
        for (auto const& failure : outcome.failures) CHECK_MESSAGE(false, failure.expected, " / ", failure.found);
    }
}

TEST_CASE("the test runner reports each failed expectation: what was expected and what was found") {
    auto files = harbour_files();
    files.push_back(fixture("forms_runner/runner_tests.pligt"));
    auto const program = pligt::testing::compile(std::move(files));
    auto const outcomes = engine::run_tests(program);
    Lines reports;
    for (auto const& outcome : outcomes) {
        if (outcome.passed()) reports.push_back(outcome.test->title + ": passed");
        for (auto const& failure : outcome.failures)
            reports.push_back(fmt::format(
                "{}: line {}: expected {}, found {}", outcome.test->title,
                program.sources[failure.expectation->origin.source].position(failure.expectation->origin.begin).line,
                failure.expected, failure.found));
    }
    CHECK(
        reports ==
        Lines{
            "all good: passed",
            "wrong status: line 22: expected acknowledge met, found acknowledge pending due 2021-04-12",
            "wrong due date: line 32: expected acknowledge pending due 2021-04-09, found acknowledge pending due "
            "2021-04-12",
            "wrong due date: line 33: expected log_incident pending due 2021-03-06, found log_incident overdue due "
            "2021-03-06T09:30",
            "missing and unexpected duties: line 42: expected answer_complaint pending, found no answer_complaint in "
            "the case",
            "missing and unexpected duties: line 43: expected no acknowledge, found acknowledge pending due "
            "2021-06-14",
            "too few instances: line 53: expected inspect_licence instance 2 met due 2021-10-10, found inspect_licence "
            "instance 2 pending due 2021-10-10",
            "too few instances: line 54: expected inspect_licence instance 3 pending, found 2 instances of "
            "inspect_licence",
            "before an event: line 67: expected prepare_file pending due before berth_decided, found prepare_file "
            "overdue due 2021-03-10",
            "before an event: line 68: expected brief_owner met, found brief_owner excepted",
            "no birthdate: line 77: expected assess_apprentice pending due 2024-01-10, found assess_apprentice "
            "pending",
        });
}

TEST_CASE("a changed deadline that repeats: law_due follows the law's own repetition, or is left out") {
    // The pilot inspects licences after 1 month, then every 3 months; the
    // law after 3 months, then every 6.
    auto const out =
        check(case_of({event("licence_granted", "2022-01-15"), event("licence_inspected", "2022-02-01")}, "port_north"),
              "2022-06-01");
    CHECK(summary(out) ==
          Lines{"inspect_licence#1 2022-01-15 due 2022-02-15 law_due 2022-04-15 met by licence_inspected 2022-02-01",
                "inspect_licence#2 2022-01-15 due 2022-05-01 law_due 2022-08-01 overdue",
                "inspect_licence#3 2022-01-15 due 2022-08-01 law_due 2022-11-01 pending"});
    CHECK(out["duties"][1]["trace"][3] ==
          "deadline changed by exemption set harbour_pilot (basis: Harbour Pilot Act § 3); the law's own: 2022-08-01");
    // The pilot renews registrations yearly; the law only once: the
    // repetitions have no law deadline.
    auto const renewed = check(
        case_of({event("vessel_arrived", "2022-01-15"), event("registration_renewed", "2022-06-01")}, "port_north"),
        "2023-06-01");
    Lines registrations;
    for (auto const& line : summary(renewed))
        if (line.rfind("renew_registration", 0) == 0) registrations.push_back(line);
    CHECK(registrations ==
          Lines{"renew_registration#1 2022-01-15 due 2023-01-15 law_due 2023-01-15 met by registration_renewed "
                "2022-06-01",
                "renew_registration#2 2022-01-15 due 2023-06-01 pending"});
    CHECK(duty_of(renewed, "inspect_hull")["trace"].back() ==
          "no hull_inspected by 2023-06-01: 482 days past the deadline");
    for (auto const& duty : renewed["duties"])
        if (duty["duty"] == "renew_registration" && duty["instance"] == 2)
            CHECK(duty["trace"][3] ==
                  "deadline changed by exemption set harbour_pilot (basis: Harbour Pilot Act § 3); the law's own: no "
                  "repetition");
}

TEST_CASE("a deadline at a time of day passed on the as-of date says so, not \"0 days\"") {
    auto const out = check(case_of({event("incident_reported", "2021-03-04T09:30")}), "2021-03-06");
    CHECK(out["duties"][0]["trace"].back() == "no incident_logged by 2021-03-06: past the deadline (2021-03-06T09:30)");
    auto const late =
        check(case_of({event("incident_reported", "2021-03-04T09:30"), event("incident_logged", "2021-03-06T10:00")}),
              "2021-03-07");
    CHECK(late["duties"][0]["trace"].back() ==
          "done by incident_logged on 2021-03-06T10:00, after the deadline (2021-03-06T09:30)");
}

TEST_CASE("otherwise no deadline: without a recorded interval the next instance has no deadline") {
    auto const c = case_of({event("mooring_granted", "2021-12-31"),
                            event("mooring_reviewed", "2022-02-01", R"("next_interval_months": 12)"),
                            event("mooring_reviewed", "2023-01-15")});
    auto const out = check(c, "2025-01-01");
    CHECK(only(summary(out), "survey_mooring") ==
          Lines{"survey_mooring#1 2021-12-31 due 2022-02-28 met by mooring_reviewed 2022-02-01",
                "survey_mooring#2 2021-12-31 due 2023-02-01 met by mooring_reviewed 2023-01-15",
                "survey_mooring#3 2021-12-31 due - pending"});
    nlohmann::ordered_json third;
    for (auto const& d : out["duties"])
        if (d["duty"] == "survey_mooring" && d["instance"] == 3) third = d;
    REQUIRE(third.is_object());
    CHECK_FALSE(third.contains("due"));
    CHECK(third["trace"][2] ==
          "repeats without a statutory deadline: mooring_reviewed on 2023-01-15 recorded no interval "
          "for the next");
}

TEST_CASE("a missed instance keeps the interval recorded before it") {
    // Reviewed 2022-02-01 deciding 3 months: due 2022-05-01, missed; the next
    // 3 months after that deadline, not the default 4.
    auto const c = case_of({event("mooring_granted", "2021-12-31"),
                            event("mooring_reviewed", "2022-02-01", R"("next_interval_months": 3)")});
    CHECK(only(summary(check(c, "2022-06-01")), "review_mooring") ==
          Lines{"review_mooring#1 2021-12-31 due 2022-02-28 met by mooring_reviewed 2022-02-01",
                "review_mooring#2 2021-12-31 due 2022-05-01 overdue",
                "review_mooring#3 2021-12-31 due 2022-08-01 pending"});
}
