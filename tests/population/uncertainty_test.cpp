// `pligt simulate --runs N`: each figure's median and 90 % interval are those
// of the N single runs with the same seeds, and a bootstrap resample weighs
// each case by Poisson(1), the same on every run of the same seed.
#include "population/uncertainty.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/population.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

namespace {

using namespace pligt;

nlohmann::json simulate(std::vector<std::string> arguments) {
    std::vector<std::string> command{
        "simulate",   "--generate", "300",        "--from",     "2020-01-01",       "--to",
        "2023-12-31", "--as-of",    "2024-01-01", "--scenario", "national_rollout", "--json"};
    command.insert(command.end(), arguments.begin(), arguments.end());
    auto const run = golden::run_pligt(PLIGT_BINARY, command, PLIGT_SOURCE_DIR);
    REQUIRE(run.exit_code == 0);
    return nlohmann::json::parse(run.output);
}

}  // namespace

TEST_CASE("simulate --runs: the intervals are made of the single-seed runs of the same seeds") {
    auto const combined = simulate({"--seed", "11", "--runs", "5"});
    std::vector<nlohmann::json> singles;
    for (int seed = 11; seed < 16; ++seed) singles.push_back(simulate({"--seed", std::to_string(seed)}));
    // The point figures are the first seed's.
    CHECK(combined["scenarios"] == singles[0]["scenarios"]);
    auto const& uncertainty = combined["uncertainty"];
    CHECK(uncertainty["runs"] == 5);
    CHECK(uncertainty["method"] == "seeds");
    for (std::size_t s = 0; s < 2; ++s) {
        CAPTURE(s);
        for (auto const* figure : {"opened", "met", "late", "overdue", "pending", "waived", "hours"}) {
            CAPTURE(figure);
            std::vector<double> values;
            for (auto const& single : singles) values.push_back(single["scenarios"][s]["totals"][figure].get<double>());
            auto const& interval = uncertainty["scenarios"][s]["totals"][figure];
            CHECK(interval["median"].get<double>() == doctest::Approx(testing::spreadsheet_percentile(values, 0.5)));
            CHECK(interval["low"].get<double>() == doctest::Approx(testing::spreadsheet_percentile(values, 0.05)));
            CHECK(interval["high"].get<double>() == doctest::Approx(testing::spreadsheet_percentile(values, 0.95)));
            // Every single run lies within the runs' range, the interval inside it.
            auto const [least, most] = std::minmax_element(values.begin(), values.end());
            CHECK(*least <= interval["low"].get<double>());
            CHECK(interval["high"].get<double>() <= *most);
        }
    }
    // A scenario's difference from the baseline, run by run.
    std::vector<double> differences;
    for (auto const& single : singles)
        differences.push_back(single["scenarios"][1]["totals"]["vs_baseline"]["hours"].get<double>());
    CHECK(uncertainty["scenarios"][1]["totals"]["vs_baseline"]["hours"]["median"].get<double>() ==
          doctest::Approx(testing::spreadsheet_percentile(differences, 0.5)));
}

TEST_CASE("bootstrap weights: Poisson(1), the same for the same seed, run and line") {
    std::map<std::uint32_t, int> counts;
    double sum = 0;
    int const lines = 100000;
    for (int line = 1; line <= lines; ++line) {
        auto const w = engine::bootstrap_weight(7, 3, static_cast<std::uint64_t>(line));
        CHECK(w == engine::bootstrap_weight(7, 3, static_cast<std::uint64_t>(line)));
        ++counts[w];
        sum += w;
    }
    CHECK(sum / lines == doctest::Approx(1.0).epsilon(0.02));
    CHECK(counts[0] / double(lines) == doctest::Approx(0.3679).epsilon(0.03));
    CHECK(counts[1] / double(lines) == doctest::Approx(0.3679).epsilon(0.03));
    CHECK(counts[2] / double(lines) == doctest::Approx(0.1839).epsilon(0.05));
    int differ = 0;
    for (int line = 1; line <= 1000; ++line)
        differ += engine::bootstrap_weight(7, 3, line) != engine::bootstrap_weight(7, 4, line);
    CHECK(differ > 400);  // another run is another resample
    CHECK(engine::quantile_of({1, 2, 3, 10}, 0.9) == doctest::Approx(7.9));
}

TEST_CASE("simulate --runs on real cases: bootstrap resamples, the same on any number of threads") {
    auto const cases = std::string{PLIGT_SOURCE_DIR} + "/tests/golden/audit/cases.jsonl";
    auto const run = [&](std::string const& threads) {
        auto const out = golden::run_pligt(
            PLIGT_BINARY,
            {"simulate", "--cases", cases, "--as-of", "2024-01-01", "--runs", "7", "--threads", threads, "--json"},
            PLIGT_SOURCE_DIR);
        REQUIRE(out.exit_code == 0);
        return nlohmann::json::parse(out.output);
    };
    auto const one = run("1"), two = run("2");
    CHECK(one == two);
    auto const& uncertainty = one["uncertainty"];
    CHECK(uncertainty["method"] == "bootstrap");
    CHECK(uncertainty["runs"] == 7);
    auto const& opened = uncertainty["scenarios"][0]["totals"]["opened"];
    CHECK(opened["low"].get<double>() <= opened["median"].get<double>());
    CHECK(opened["median"].get<double>() <= opened["high"].get<double>());
    CHECK(opened["low"].get<double>() < opened["high"].get<double>());  // resamples differ
}

TEST_CASE("simulate --runs --csv: one row a figure, the JSON's intervals; the report shows them") {
    auto const dir = std::filesystem::temp_directory_path() / "pligt_runs_csv";
    std::filesystem::create_directories(dir);
    auto const csv = (dir / "runs.csv").string();
    auto const report = (dir / "runs.html").string();
    auto const combined = simulate({"--seed", "11", "--runs", "5", "--csv", csv, "--report", report});
    auto const& uncertainty = combined["uncertainty"];

    std::ifstream in{csv};
    std::string header;
    std::getline(in, header);
    CHECK(header ==
          "scenario,duty,municipality,figure,median,low,high,vs_baseline_median,vs_baseline_low,vs_baseline_high");
    std::map<std::string, std::vector<std::string>> rows;  // "scenario,duty,municipality,figure" -> the rest
    std::size_t count = 0;
    for (std::string line; std::getline(in, line); ++count) {
        std::vector<std::string> cells;
        std::stringstream split{line};
        for (std::string cell; std::getline(split, cell, ',');) cells.push_back(cell);
        if (line.back() == ',') cells.push_back("");
        REQUIRE(cells.size() == 10);
        rows[cells[0] + "," + cells[1] + "," + cells[2] + "," + cells[3]] = {cells.begin() + 4, cells.end()};
    }
    // Every figure of every row of the JSON, and nothing else.
    std::size_t expected = 0;
    for (auto const& scenario : uncertainty["scenarios"]) {
        auto const id = scenario["scenario"].get<std::string>();
        auto const check_row = [&](nlohmann::json const& row, std::string const& duty, std::string const& place) {
            for (auto const* figure : {"opened", "pending", "met", "late", "overdue", "waived", "excepted", "lapsed",
                                       "past_target", "hours"}) {
                ++expected;
                auto const key = id + "," + duty + "," + place + "," + figure;
                CAPTURE(key);
                REQUIRE(rows.count(key) == 1);
                auto const& cells = rows[key];
                CHECK(std::stod(cells[0]) == doctest::Approx(row[figure]["median"].get<double>()));
                CHECK(std::stod(cells[1]) == doctest::Approx(row[figure]["low"].get<double>()));
                CHECK(std::stod(cells[2]) == doctest::Approx(row[figure]["high"].get<double>()));
                if (row.contains("vs_baseline"))
                    CHECK(std::stod(cells[3]) == doctest::Approx(row["vs_baseline"][figure]["median"].get<double>()));
                else CHECK(cells[3].empty());
            }
        };
        check_row(scenario["totals"], "", "");
        for (auto const& row : scenario["duties"]) check_row(row, row["duty"].get<std::string>(), "");
        for (auto const& row : scenario["municipalities"]) check_row(row, "", row["municipality"].get<std::string>());
    }
    CHECK(count == expected);

    std::ifstream page{report};
    std::string const html{std::istreambuf_iterator<char>{page}, {}};
    CHECK(html.find("<h2>How sure the figures are</h2>") != std::string::npos);
    CHECK(html.find("Across 5 runs (populations drawn with successive seeds)") != std::string::npos);
    auto const& hours = uncertainty["scenarios"][0]["totals"]["hours"];
    CHECK(html.find(fmt::format("<td>{:.0f}<br><small>{:.0f} to {:.0f}</small></td>", hours["median"].get<double>(),
                                hours["low"].get<double>(), hours["high"].get<double>())) != std::string::npos);
    std::filesystem::remove_all(dir);
}
