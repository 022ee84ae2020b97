// The simulator counts what the checker finds, case by case, whatever the
// number of threads; a malformed line is reported by its number, or skipped.
#include "dsl/diagnostic.hpp"
#include "dsl/load.hpp"
#include "engine/overlay.hpp"
#include "output/report.hpp"
#include "output/simulation_json.hpp"
#include "population/diff.hpp"
#include "population/generate.hpp"
#include "population/simulate_run.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/population.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

namespace {

using namespace pligt;
using testing::source_of;

Program const& shipped() { return testing::shipped_program(); }

// The shipped examples, several times each in different municipalities, one a line.
std::vector<std::string> population() {
    std::vector<std::string> lines;
    std::vector<std::string> const municipalities{"aarhus", "gladsaxe", "ikast-brande", "guldborgsund", "101", "aeroe"};
    for (auto const& entry : std::filesystem::directory_iterator{PLIGT_SOURCE_DIR "/examples"}) {
        std::ifstream in{entry.path()};
        auto const example = nlohmann::json::parse(in);
        for (auto const& municipality : municipalities) {
            auto c = example;
            c["municipality"] = municipality;
            lines.push_back(c.dump());
        }
    }
    return lines;
}

std::vector<engine::SimulatedProgram> programs_with(std::vector<std::unique_ptr<Program>>& keep) {
    std::vector<engine::SimulatedProgram> programs{{"baseline", "", &shipped()}};
    for (auto const& scenario : shipped().scenarios) {
        keep.push_back(std::make_unique<Program>(engine::with_scenario(shipped(), scenario)));
        programs.push_back({scenario.id, scenario.title, keep.back().get()});
    }
    return programs;
}

Moment const as_of = Moment::on(*Date::parse("2024-12-31"));

}  // namespace

TEST_CASE("the simulator counts exactly what pligt check finds, case by case") {
    auto const lines = population();
    REQUIRE(lines.size() >= 30);
    std::vector<std::unique_ptr<Program>> keep;
    auto const programs = programs_with(keep);
    engine::Simulation simulation{programs, as_of};
    engine::RunOptions options;
    options.threads = 2;
    auto const outcome = engine::run_simulation(simulation, source_of(lines), options);
    REQUIRE(outcome.bad_lines.empty());
    CHECK(simulation.cases() == lines.size());

    // The same cases evaluated one by one, counted by program, duty and status.
    auto const& base = shipped();
    std::vector<engine::DutyResult> results;
    for (std::size_t p = 0; p < programs.size(); ++p) {
        std::map<std::pair<Index, engine::Status>, std::uint64_t> expected;
        for (auto const& line : lines) {
            auto const c = engine::parse_case(base, line);
            REQUIRE(c);
            engine::evaluate(*programs[p].program, *c, as_of, results);
            for (auto const& r : results) ++expected[{programs[p].program->duties[r.duty].concept_index, r.status}];
        }
        std::map<std::pair<Index, engine::Status>, std::uint64_t> counted;
        for (Index d = 0; d < base.concepts.size(); ++d)
            for (Index m = 0; m < base.municipalities.size(); ++m)
                for (std::size_t s = 0; s < engine::status_count; ++s)
                    if (auto const n = simulation.tally(p, d, m).by_status[s])
                        counted[{d, static_cast<engine::Status>(s)}] += n;
        INFO("program ", programs[p].id);
        CHECK(counted == expected);
    }
}

TEST_CASE("the cases a scenario changes are those pligt diff finds changed, duty by duty, with the first few by line") {
    auto const lines = population();
    std::vector<std::unique_ptr<Program>> keep;
    auto const programs = programs_with(keep);
    engine::Simulation simulation{programs, as_of};
    engine::RunOptions options;
    options.threads = 2;
    engine::run_simulation(simulation, source_of(lines), options);
    auto const summary = simulation.summary(0);
    CHECK_FALSE(summary.scenarios[0].affected.has_value());  // the baseline
    bool some_change = false;
    for (std::size_t p = 1; p < programs.size(); ++p) {
        INFO("scenario ", programs[p].id);
        std::uint64_t changed = 0;
        std::map<std::string, std::uint64_t> by_duty;
        std::vector<std::uint64_t> changed_lines;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            auto const comparison = engine::compare_case(shipped(), *programs[p].program, lines[i], i + 1, as_of);
            if (comparison.differences.empty()) continue;
            ++changed;
            changed_lines.push_back(i + 1);
            std::set<std::string> duties;
            for (auto const& d : comparison.differences) duties.insert(d.duty);
            for (auto const& duty : duties) ++by_duty[duty];
        }
        auto const& affected = *summary.scenarios[p].affected;
        CHECK(affected.cases == changed);
        std::map<std::string, std::uint64_t> counted;
        for (auto const& [duty, cases] : affected.duties) counted[std::string{duty}] = cases;
        CHECK(counted == by_duty);
        for (std::size_t i = 1; i < affected.duties.size(); ++i)
            CHECK(affected.duties[i - 1].second >= affected.duties[i].second);
        REQUIRE(affected.examples.size() == std::min<std::size_t>(changed_lines.size(), 5));
        for (std::size_t i = 0; i < affected.examples.size(); ++i) {
            CHECK(affected.examples[i].line == changed_lines[i]);
            auto const c = engine::parse_case(shipped(), lines[changed_lines[i] - 1]);
            CHECK(affected.examples[i].id == c->id);
        }
        some_change = some_change || changed > 0;
    }
    CHECK(some_change);
}

TEST_CASE("the simulator's result does not depend on the number of threads") {
    auto const lines = population();
    std::vector<std::unique_ptr<Program>> keep;
    auto const programs = programs_with(keep);
    std::string reference;
    for (unsigned threads : {1u, 2u, 3u, 8u}) {
        engine::Simulation simulation{programs, as_of};
        engine::RunOptions options;
        options.threads = threads;
        engine::run_simulation(simulation, source_of(lines), options);
        auto const json = output::simulation_json(simulation.summary(0)).dump();
        if (reference.empty()) reference = json;
        INFO("threads: ", threads);
        CHECK(json == reference);
        CHECK(simulation.to_csv().find("baseline,child_investigation,gladsaxe,") != std::string::npos);
    }
}

TEST_CASE("a malformed line stops the run with its number and JSON Pointer, or is skipped") {
    auto lines = population();
    lines.insert(lines.begin() + 3,
                 R"({"municipality": "aarhus", "events": [{"event": "concern_registered", "at": "2019-02-30"}]})");
    lines.insert(lines.begin() + 7, R"({"municipality": "aarhus", "events": [)");
    std::vector<std::unique_ptr<Program>> keep;
    auto const programs = programs_with(keep);

    engine::Simulation failing{programs, as_of};
    engine::RunOptions fail;
    fail.threads = 1;
    auto const stopped = engine::run_simulation(failing, source_of(lines), fail);
    REQUIRE(stopped.bad_lines.size() == 1);
    CHECK(stopped.bad_lines[0].number == 4);
    CHECK(stopped.bad_lines[0].pointer == "/events/0/at");
    CHECK(stopped.bad_lines[0].message == "'2019-02-30': '2019-02-30' is not a date in the calendar");

    engine::Simulation skipping{programs, as_of};
    engine::RunOptions skip;
    skip.threads = 2;
    skip.skip_bad_lines = true;
    auto const skipped = engine::run_simulation(skipping, source_of(lines), skip);
    CHECK(skipped.skipped == 2);
    REQUIRE(skipped.bad_lines.size() == 2);
    CHECK(skipped.bad_lines[1].number == 8);
    CHECK(skipped.bad_lines[1].pointer == "");
    CHECK(skipping.cases() == lines.size() - 2);
}

TEST_CASE("the HTML report shows the numbers of the JSON result, with inline charts and nothing fetched") {
    auto const lines = population();
    std::vector<std::unique_ptr<Program>> keep;
    auto const programs = programs_with(keep);
    engine::Simulation simulation{programs, as_of};
    engine::RunOptions options;
    engine::run_simulation(simulation, source_of(lines), options);
    auto const summary = simulation.summary(0);
    auto const result = output::simulation_json(summary);
    auto const html = engine::report_html(shipped(), summary);
    for (auto const& scenario : result["scenarios"])
        for (auto const& duty : scenario["duties"]) {
            auto const row = fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
                                         duty["duty"].get<std::string>(), duty["opened"].get<std::uint64_t>(),
                                         duty["met"].get<std::uint64_t>(), duty["late"].get<std::uint64_t>(),
                                         duty["overdue"].get<std::uint64_t>());
            INFO(row);
            CHECK(html.find(row) != std::string::npos);
        }
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find("national_rollout") != std::string::npos);
    CHECK(html.find("every municipality adopts frikommune_boern from 2026-01-01") != std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("href=") == std::string::npos);
}

TEST_CASE("the CSV rows add up to the JSON result's numbers") {
    auto const lines = population();
    std::vector<std::unique_ptr<Program>> keep;
    auto const programs = programs_with(keep);
    engine::Simulation simulation{programs, as_of};
    engine::RunOptions options;
    engine::run_simulation(simulation, source_of(lines), options);
    auto const result = output::simulation_json(simulation.summary(0));

    // scenario,duty,municipality,opened,pending,met,late,overdue,waived,excepted,lapsed,past_target,hours
    std::map<std::pair<std::string, std::string>, std::array<double, 10>> sums;
    std::istringstream csv{simulation.to_csv()};
    std::string line;
    std::getline(csv, line);
    CHECK(line ==
          "scenario,duty,municipality,opened,pending,met,late,overdue,waived,excepted,lapsed,past_target,hours");
    while (std::getline(csv, line)) {
        std::vector<std::string> cells;
        std::istringstream row{line};
        for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
        REQUIRE(cells.size() == 13);
        auto& sum = sums[{cells[0], cells[1]}];
        for (std::size_t i = 0; i < 10; ++i) sum[i] += std::stod(cells[3 + i]);
    }
    char const* const names[] = {"opened", "pending",  "met",    "late",        "overdue",
                                 "waived", "excepted", "lapsed", "past_target", "hours"};
    for (auto const& scenario : result["scenarios"])
        for (auto const& duty : scenario["duties"]) {
            auto const& sum = sums[{scenario["scenario"].get<std::string>(), duty["duty"].get<std::string>()}];
            for (std::size_t i = 0; i < 10; ++i) {
                INFO(scenario["scenario"].get<std::string>(), " ", duty["duty"].get<std::string>(), " ", names[i]);
                CHECK(sum[i] == doctest::Approx(duty[names[i]].get<double>()));
            }
        }
}

TEST_CASE("on a generated population the simulator agrees with the checker too") {
    auto const story_text = [] {
        std::ifstream in{PLIGT_SOURCE_DIR "/simulation/child_welfare.json"};
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }();
    auto const story = engine::parse_story(shipped(), story_text);
    REQUIRE(story);
    engine::Population const population{600, 11, *Date::parse("2021-06-01"), *Date::parse("2024-06-30"), 1};
    std::string text;
    REQUIRE_FALSE(engine::generate(shipped(), *story, population, [&](std::string_view chunk) { text.append(chunk); }));
    std::vector<std::string> lines;
    std::istringstream in{text};
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    REQUIRE(lines.size() == 600);

    std::vector<std::unique_ptr<Program>> keep;
    auto const programs = programs_with(keep);
    engine::Simulation simulation{programs, as_of};
    engine::RunOptions options;
    options.threads = 2;
    REQUIRE(engine::run_simulation(simulation, source_of(lines), options).bad_lines.empty());

    std::vector<engine::DutyResult> results;
    for (std::size_t p = 0; p < programs.size(); ++p) {
        std::uint64_t expected_opened = 0, expected_overdue = 0, counted_opened = 0, counted_overdue = 0;
        for (auto const& line : lines) {
            auto const c = engine::parse_case(shipped(), line);
            REQUIRE(c);
            engine::evaluate(*programs[p].program, *c, as_of, results);
            expected_opened += results.size();
            for (auto const& r : results) expected_overdue += r.status == engine::Status::overdue;
        }
        for (Index d = 0; d < shipped().concepts.size(); ++d)
            for (Index m = 0; m < shipped().municipalities.size(); ++m) {
                counted_opened += simulation.tally(p, d, m).opened;
                counted_overdue +=
                    simulation.tally(p, d, m).by_status[static_cast<std::size_t>(engine::Status::overdue)];
            }
        INFO("program ", programs[p].id);
        CHECK(counted_opened == expected_opened);
        CHECK(counted_overdue == expected_overdue);
        CHECK(counted_opened > 1000);
    }
}

TEST_CASE("a past target is counted apart from the breaches, in JSON and CSV") {
    // Ikast-Brande's six-week goal for the frikommune assessment, which has
    // no statutory deadline: assessed after eight weeks, once past the goal.
    std::vector<std::string> const lines{
        R"({"municipality": "ikast-brande", "events": [{"event": "concern_registered", "at": "2019-03-05"},
            {"event": "assessment_completed", "at": "2019-05-02"}]})",
        R"({"municipality": "ikast-brande", "events": [{"event": "concern_registered", "at": "2019-03-05"},
            {"event": "assessment_completed", "at": "2019-04-10"}]})"};
    engine::Simulation simulation{{{"baseline", "", &shipped()}}, as_of};
    engine::run_simulation(simulation, source_of(lines), engine::RunOptions{});
    auto const result = output::simulation_json(simulation.summary(0));
    nlohmann::ordered_json assessment;
    for (auto const& duty : result["scenarios"][0]["duties"])
        if (duty["duty"] == "child_assessment") assessment = duty;
    REQUIRE(assessment.is_object());
    CHECK(assessment["opened"] == 2);
    CHECK(assessment["met"] == 2);
    CHECK(assessment["late"] == 0);
    CHECK(assessment["overdue"] == 0);
    CHECK(assessment["past_target"] == 1);
    CHECK(simulation.to_csv().find("baseline,child_assessment,ikast-brande,2,0,2,0,0,0,0,0,1,16\n") !=
          std::string::npos);
}

TEST_CASE("a drawn population beside its story's statistics: every count what the generated cases hold") {
    auto const run = [](std::vector<std::string> arguments) {
        auto result = pligt::golden::run_pligt(PLIGT_BINARY, arguments, PLIGT_SOURCE_DIR);
        REQUIRE(result.exit_code == 0);
        return result.output;
    };
    auto const json =
        nlohmann::json::parse(run({"simulate", "--generate", "1500", "--seed", "5", "--from", "2020-01-01", "--to",
                                   "2023-12-31", "--as-of", "2023-12-31", "--json"}));
    auto const cases =
        run({"generate", "--cases", "1500", "--seed", "5", "--from", "2020-01-01", "--to", "2023-12-31"});

    // Counted here from the cases themselves: by the year of the first
    // notification, the notifications, placements and preventive measures.
    std::map<std::string, double> by_year, notifications, placements, measures;
    std::map<std::string, std::uint64_t> by_municipality;
    std::istringstream lines{cases};
    std::size_t count = 0;
    for (std::string line; std::getline(lines, line); ++count) {
        auto const c = nlohmann::json::parse(line);
        std::string first;
        for (auto const& e : c["events"])
            if (e["event"] == "notification_received" && (first.empty() || e["at"].get<std::string>() < first))
                first = e["at"].get<std::string>();
        auto const year = first.substr(0, 4);
        by_year[year] += 1;
        ++by_municipality[c["municipality"].get<std::string>()];
        for (auto const& e : c["events"]) {
            if (e["event"] == "notification_received") notifications[year] += 1;
            if (e["event"] == "placement_started") placements[year] += 1;
            if (e["event"] == "measure_started" && e["kind"] == "preventive_measure") measures[year] += 1;
        }
    }
    REQUIRE(count == 1500);
    auto const& calibration = json["calibration"];
    for (auto const& [year, n] : by_year) CHECK(calibration["cases_by_year"][year].get<double>() == n);
    CHECK(calibration["cases_by_year"].size() == by_year.size());
    auto const& statistics = calibration["statistics"];
    REQUIRE(statistics.size() == 3);
    CHECK(statistics[0]["figure"] == "notifications per notified child");
    CHECK(statistics[0]["per_case"] == 1.79);
    CHECK(statistics[0]["year"] == 2022);
    CHECK(statistics[2]["estimate"] == true);
    std::array<std::map<std::string, double> const*, 3> const counted{&notifications, &placements, &measures};
    for (std::size_t s = 0; s < 3; ++s) {
        CAPTURE(s);
        double all = 0;
        for (auto const& [year, n] : by_year) {
            auto const it = counted[s]->find(year);
            double const events = it == counted[s]->end() ? 0 : it->second;
            all += events;
            CHECK(statistics[s]["observed_by_year"][year].get<double>() == doctest::Approx(events / n));
        }
        CHECK(statistics[s]["observed"].get<double>() == doctest::Approx(all / 1500));
    }
    for (auto const& m : calibration["municipalities"]) {
        auto const id = m["municipality"].get<std::string>();
        CHECK(m["cases"].get<std::uint64_t>() == by_municipality[id]);
    }

    // The report cites each statistic beside the population's figure.
    auto const report = std::filesystem::temp_directory_path() / "pligt_calibration_report.html";
    run({"simulate", "--generate", "1500", "--seed", "5", "--from", "2020-01-01", "--to", "2023-12-31", "--as-of",
         "2023-12-31", "--report", report.string()});
    std::ifstream in{report};
    std::string const html{std::istreambuf_iterator<char>{in}, {}};
    std::filesystem::remove(report);
    CHECK(html.find("<h2>The population beside the statistics</h2>") != std::string::npos);
    for (auto const& statistic : statistics) {
        CHECK(html.find(statistic["source"].get<std::string>().substr(0, 40)) != std::string::npos);
        CHECK(html.find(fmt::format("<td>{:.3f}</td>", statistic["observed"].get<double>())) != std::string::npos);
    }
}
