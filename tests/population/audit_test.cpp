// The audit counts what `pligt check` says of each case: on a generated
// population, every count, rate and lateness figure of every row equals what
// the check JSON of each case gives, counted here on its own. On a hand-made
// population the percentiles of days late, in calendar and working days,
// are exact.
#include "output/audit.hpp"
#include "dsl/load.hpp"
#include "population/audit.hpp"
#include "population/generate.hpp"
#include "population/simulate_run.hpp"
#include "tests/support/check_json.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/population.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace {

using namespace pligt;
using testing::source_of;

engine::Audit audited(Program const& program, std::vector<std::string> const& lines, Moment as_of, unsigned threads) {
    engine::Audit audit{program, as_of};
    std::vector<engine::Audit::Accumulator> accumulators;
    for (unsigned t = 0; t < threads; ++t) accumulators.push_back(audit.accumulator());
    engine::RunOptions options;
    options.threads = threads;
    auto const outcome =
        engine::run_cases(program, source_of(lines), options,
                          [&](unsigned worker, std::uint64_t, engine::Case const& c) { accumulators[worker].add(c); });
    REQUIRE(outcome.bad_lines.empty());
    for (auto const& accumulator : accumulators) audit.merge(accumulator);
    return audit;
}

double rounded(double value) { return std::round(value * 10000.0) / 10000.0; }

std::int32_t day_of(std::string const& moment) { return Date::parse(moment.substr(0, 10))->days(); }

}  // namespace

TEST_CASE("audit lateness: percentiles as a spreadsheet's PERCENTILE.INC gives them") {
    engine::Lateness lateness;
    CHECK(!lateness.quantile(0.5));
    for (int days : {10, 1, 3, 2}) lateness.add(days);
    CHECK(*lateness.quantile(0.5) == doctest::Approx(2.5));
    CHECK(*lateness.quantile(0.9) == doctest::Approx(7.9));
    CHECK(*lateness.quantile(0.0) == 1);
    CHECK(*lateness.quantile(1.0) == 10);
    engine::Lateness repeated;
    for (int days : {0, 0, 0, 5}) repeated.add(days);
    CHECK(*repeated.quantile(0.5) == 0);
    CHECK(*repeated.quantile(0.9) == doctest::Approx(3.5));
    engine::Lateness one;
    one.add(-2);  // a late instance done on the deadline's day, after its hour
    CHECK(*one.quantile(0.9) == -2);
}

TEST_CASE("audit of a hand-made population: counts, on-time rate and lateness exact") {
    Diagnostics diagnostics;
    auto const program = load_program({PLIGT_SOURCE_DIR "/tests/fixtures/lsp"}, diagnostics);
    REQUIRE(program);
    auto const c = [](std::string const& id, std::string const& received, std::string const& answered) {
        nlohmann::json events =
            nlohmann::json::array({{{"event", "request_received"}, {"at", received}, {"kind", "appeal"}}});
        if (!answered.empty()) events.push_back({{"event", "request_answered"}, {"at", answered}});
        return nlohmann::json{{"id", id}, {"municipality", "town"}, {"events", events}}.dump();
    };
    std::vector<std::string> const lines{
        c("late-3", "2024-01-10", "2024-05-13"),   // due Friday 10 May; Monday 13 May: 3 days, 1 working day
        c("late-10", "2024-01-15", "2024-05-25"),  // due 15 May; Saturday 25 May: 10 days, 7 working days
        c("met", "2024-02-01", "2024-05-20"),      // due 1 June
        c("overdue", "2024-03-01", ""),            // due Monday 1 July; open on 1 August: 31 days, 23 working days
        c("pending", "2024-07-01", ""),            // due 1 November
    };
    auto const audit = audited(*program, lines, Moment::on(*Date::parse("2024-08-01")), 2);
    auto const rows = audit.rows({});
    REQUIRE(rows.size() == 1);
    CHECK(program->concepts[rows[0].concept_index] == "answer");
    auto const json = output::audit_json(audit, {});
    CHECK(json == nlohmann::ordered_json::parse(R"({
      "as_of": "2024-08-01", "cases": 5, "by": ["duty"],
      "rows": [{"duty": "answer", "opened": 5, "met": 1, "late": 2, "overdue": 1, "pending": 1, "waived": 0,
                "excepted": 0, "lapsed": 0, "met_with_deadline": 1, "past_target": 0, "on_time_rate": 0.25,
                "days_late_median": 10.0, "days_late_p90": 26.8,
                "working_days_late_median": 7.0, "working_days_late_p90": 19.8}]})"));
    std::ostringstream csv;
    output::write_audit_csv(csv, audit, {});
    CHECK(csv.str() ==
          "duty,opened,met,late,overdue,pending,waived,excepted,lapsed,met_with_deadline,past_target,on_time_rate,"
          "days_late_median,days_late_p90,working_days_late_median,working_days_late_p90\n"
          "answer,5,1,2,1,1,0,0,0,1,0,0.25,10,26.8,7,19.8\n");
}

TEST_CASE("audit agrees with pligt check case by case: every count, rate and lateness, by municipality and year") {
    auto const& program = testing::shipped_program();
    std::ifstream story_file{PLIGT_SOURCE_DIR "/simulation/child_welfare.json"};
    std::stringstream story_text;
    story_text << story_file.rdbuf();
    auto const story = engine::parse_story(program, story_text.str());
    REQUIRE(story);
    std::string text;
    engine::generate(program, *story,
                     engine::Population{400, 7, *Date::parse("2019-01-01"), *Date::parse("2024-06-30"), 1},
                     [&](std::string_view chunk) { text.append(chunk); });
    std::vector<std::string> lines;
    for (std::size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
        lines.push_back(text.substr(start, end - start));
    REQUIRE(lines.size() == 400);
    auto const as_of = Moment::on(*Date::parse("2024-07-01"));

    // What each case's check JSON says, counted by duty, municipality and year.
    struct Expected {
        std::map<std::string, std::uint64_t> statuses;
        std::uint64_t opened = 0, met_with_deadline = 0;
        std::vector<double> days_late;
    };
    std::map<std::tuple<std::string, std::string, int>, Expected> expected;
    std::vector<engine::DutyResult> results;
    for (auto const& line : lines) {
        auto const c = engine::parse_case(program, line);
        REQUIRE(c);
        engine::evaluate(program, *c, as_of, results);
        auto const check = testing::check_json(program, *c, results, as_of);
        for (auto const& duty : check["duties"]) {
            auto const year = std::stoi(duty["triggered_by"]["at"].get<std::string>().substr(0, 4));
            auto& e = expected[{duty["duty"], check["municipality"], year}];
            ++e.opened;
            auto const status = duty["status"].get<std::string>();
            ++e.statuses[status];
            bool const dated = duty.contains("due") && duty["due"].is_string();
            if (status == "met" && duty.contains("due")) ++e.met_with_deadline;
            if (status == "late") e.days_late.push_back(day_of(duty["done_by"]["at"]) - day_of(duty["due"]));
            if (status == "overdue") e.days_late.push_back(as_of.date.days() - day_of(duty["due"]));
            if (status == "late" || status == "overdue") REQUIRE(dated);
        }
    }

    auto const audit = audited(program, lines, as_of, 2);
    auto const json = output::audit_json(audit, {true, true});
    CHECK(json["cases"] == 400);
    REQUIRE(json["rows"].size() == expected.size());
    std::size_t late_rows = 0;
    for (auto const& row : json["rows"]) {
        auto const key = std::make_tuple(row["duty"].get<std::string>(), row["municipality"].get<std::string>(),
                                         row["year"].get<int>());
        REQUIRE(expected.count(key) == 1);
        auto const& e = expected.at(key);
        CAPTURE(row.dump());
        CHECK(row["opened"] == e.opened);
        for (auto const* status : {"met", "late", "overdue", "pending", "waived", "excepted", "lapsed"})
            CHECK(row[status] == (e.statuses.count(status) ? e.statuses.at(status) : 0));
        CHECK(row["met_with_deadline"] == e.met_with_deadline);
        auto const due = e.met_with_deadline + row["late"].get<std::uint64_t>() + row["overdue"].get<std::uint64_t>();
        if (due == 0) {
            CHECK(!row.contains("on_time_rate"));
        } else {
            CHECK(row["on_time_rate"].get<double>() ==
                  rounded(static_cast<double>(e.met_with_deadline) / static_cast<double>(due)));
        }
        if (e.days_late.empty()) {
            CHECK(!row.contains("days_late_median"));
        } else {
            ++late_rows;
            CHECK(row["days_late_median"].get<double>() == rounded(testing::spreadsheet_percentile(e.days_late, 0.5)));
            CHECK(row["days_late_p90"].get<double>() == rounded(testing::spreadsheet_percentile(e.days_late, 0.9)));
        }
    }
    CHECK(late_rows > 10);  // the population has lateness to measure
    // The barometer's measure: investigations completed within 4 months, by year.
    auto const by_year = audited(program, lines, as_of, 1);
    auto const barometer = output::audit_json(by_year, {false, true});
    int investigation_years = 0;
    for (auto const& row : barometer["rows"])
        if (row["duty"] == "child_investigation" && row.contains("on_time_rate")) ++investigation_years;
    CHECK(investigation_years >= 5);
}
