// `pligt caseload` against `pligt check`, case by case: on a generated
// population, the caseload's rows are exactly the open (pending or overdue)
// instances each case's check reports, with the same due dates and fields,
// in the desk's order (overdue first, most days over first; then by due
// date; undated last).
#include "tests/support/golden.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

using nlohmann::ordered_json;

pligt::golden::Run pligt_run(std::vector<std::string> const& arguments) {
    return pligt::golden::run_pligt(PLIGT_BINARY, arguments, PLIGT_SOURCE_DIR);
}

int day_number(std::string const& date) {
    // Days since 1970-01-01 of YYYY-MM-DD (civil from days, Howard Hinnant).
    int y = std::stoi(date.substr(0, 4));
    unsigned const m = static_cast<unsigned>(std::stoi(date.substr(5, 2)));
    unsigned const d = static_cast<unsigned>(std::stoi(date.substr(8, 2)));
    y -= m <= 2;
    int const era = (y >= 0 ? y : y - 399) / 400;
    unsigned const yoe = static_cast<unsigned>(y - era * 400);
    unsigned const doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

// A row as both sides can say it: what check reports of an open instance.
ordered_json comparable(ordered_json row) {
    row.erase("case_index");
    row.erase("working_days_left");
    return row;
}

}  // namespace

TEST_CASE("pligt caseload agrees row by row with pligt check, case by case") {
    pligt::testing::TempDir dir;
    auto const cases_file = (dir.path() / "cases.jsonl").string();
    auto const generated = pligt_run({"generate", "--cases", "60", "--seed", "11", "--to", "2024-06-30"});
    REQUIRE(generated.exit_code == 0);
    { std::ofstream{cases_file} << generated.output; }
    std::string const as_of = "2024-06-30";

    auto const caseload = pligt_run({"caseload", cases_file, "--as-of", as_of, "--json"});
    INFO(caseload.output.substr(0, 2000));
    REQUIRE((caseload.exit_code == 0 || caseload.exit_code == 1));
    auto const answer = ordered_json::parse(caseload.output);
    auto const& rows = answer["rows"];
    REQUIRE(rows.size() > 20);  // a population with work open

    // What each case's check says is open, as caseload rows.
    std::vector<ordered_json> expected;
    std::istringstream lines{generated.output};
    std::string line;
    std::size_t index = 0, overdue = 0;
    for (; std::getline(lines, line); ++index) {
        auto const file = (dir.path() / "case.json").string();
        { std::ofstream{file} << line; }
        auto const check = pligt_run({"check", file, "--as-of", as_of, "--json"});
        REQUIRE((check.exit_code == 0 || check.exit_code == 1));
        auto const result = ordered_json::parse(check.output);
        std::vector<std::string> duties;  // how many instances each duty has, for `instance`
        for (auto const& duty : result["duties"]) {
            auto const status = duty["status"].get<std::string>();
            if (status != "pending" && status != "overdue") continue;
            overdue += status == "overdue";
            ordered_json row;
            row["case"] = result["case"];
            row["municipality"] = result["municipality"];
            row["duty"] = duty["duty"];
            row["instance"] = duty.value("instance", 1);
            row["title"] = duty["title"];
            row["cite"] = duty["cite"];
            if (duty.contains("cite_url")) row["cite_url"] = duty["cite_url"];
            if (duty.contains("due")) {
                row["due"] = duty["due"];
                if (duty["due"].is_string())
                    row["days_left"] = day_number(duty["due"].get<std::string>().substr(0, 10)) - day_number(as_of);
            }
            row["status"] = status;
            if (duty.contains("target")) {
                row["target"] = duty["target"];
                row["past_target"] = duty["past_target"];
            }
            expected.push_back(row);
        }
    }
    CHECK(answer["summary"]["cases"] == index);
    CHECK(answer["summary"]["open"] == expected.size());
    CHECK(answer["summary"]["overdue"] == overdue);

    std::vector<ordered_json> actual;
    for (auto const& row : rows) {
        // The same key order as built above: compare by value, not by layout.
        ordered_json ordered;
        for (auto const* key : {"case", "municipality", "duty", "instance", "title", "cite", "cite_url", "due",
                                "days_left", "status", "target", "past_target"})
            if (row.contains(key)) ordered[key] = row[key];
        actual.push_back(comparable(ordered));
    }
    auto const by_identity = [](ordered_json const& a, ordered_json const& b) { return a.dump() < b.dump(); };
    auto sorted_actual = actual;
    std::sort(sorted_actual.begin(), sorted_actual.end(), by_identity);
    std::sort(expected.begin(), expected.end(), by_identity);
    REQUIRE(sorted_actual.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) CHECK(sorted_actual[i].dump() == expected[i].dump());

    // The desk's order: overdue first (most days over first), then pending by
    // due date, then undated.
    auto const rank = [](ordered_json const& row) {
        bool const dated = row.contains("days_left");
        return std::make_tuple(!dated, row["status"] != "overdue", dated ? row["days_left"].get<int>() : 0);
    };
    for (std::size_t i = 1; i < rows.size(); ++i) {
        INFO("row ", i, ": ", rows[i].dump());
        CHECK(!(rank(rows[i]) < rank(rows[i - 1])));
    }
}

TEST_CASE("pligt caseload --within keeps what is overdue or due within the days; --csv has the same rows") {
    pligt::testing::TempDir dir;
    auto const cases_file = (dir.path() / "cases.jsonl").string();
    auto const generated = pligt_run({"generate", "--cases", "40", "--seed", "3", "--to", "2023-03-31"});
    REQUIRE(generated.exit_code == 0);
    { std::ofstream{cases_file} << generated.output; }
    auto const all = ordered_json::parse(pligt_run({"caseload", cases_file, "--as-of", "2023-03-31", "--json"}).output);
    auto const near = ordered_json::parse(
        pligt_run({"caseload", cases_file, "--as-of", "2023-03-31", "--json", "--within", "14"}).output);
    std::size_t kept = 0;
    for (auto const& row : all["rows"])
        kept += row["status"] == "overdue" || (row.contains("days_left") && row["days_left"].get<int>() <= 14);
    CHECK(near["rows"].size() == kept);
    CHECK(near["rows"].size() < all["rows"].size());
    for (auto const& row : near["rows"]) CHECK((row["status"] == "overdue" || row["days_left"].get<int>() <= 14));

    auto const csv = pligt_run({"caseload", cases_file, "--as-of", "2023-03-31", "--csv"}).output;
    CHECK(
        csv.starts_with("case,case_index,municipality,duty,instance,title,cite,due,days_left,working_days_left,"
                        "status,target\r\n"));
    CHECK(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) == all["rows"].size() + 1);
}
