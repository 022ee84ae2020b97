// `pligt simulate --cases FILE` on damaged input and when its outputs cannot
// be written: a file cut off in the middle of a case, a line longer than any
// case, a full disk under --csv and --report. The real binary runs in a
// temporary directory; the outputs are whole or untouched, byte for byte.
#include "cli/case_lines.hpp"
#include "tests/fault/fault_support.hpp"
#include "tests/server/test_server.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using pligt::fault::read_bytes;
using pligt::fault::snapshot;
using pligt::fault::write_bytes;

std::vector<std::string> lines_of(std::string const& text) {
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < text.size();) {
        auto const end = std::min(text.find('\n', at), text.size());
        lines.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return lines;
}

std::vector<std::string> const cases = lines_of(read_bytes(PLIGT_SOURCE_DIR "/tests/golden/simulate/examples.jsonl"));

std::vector<std::string> simulate(std::vector<std::string> more) {
    std::vector<std::string> arguments{"simulate",
                                       "--rules",
                                       PLIGT_SOURCE_DIR "/rules",
                                       "--rules",
                                       PLIGT_SOURCE_DIR "/municipalities",
                                       "--cases",
                                       "cases.jsonl",
                                       "--as-of",
                                       "2024-12-31"};
    arguments.insert(arguments.end(), more.begin(), more.end());
    return arguments;
}

// Three whole cases, then the fourth cut off in the middle of its JSON.
std::string truncated_cases() {
    REQUIRE(cases.size() >= 4);
    return cases[0] + "\n" + cases[1] + "\n" + cases[2] + "\n" + cases[3].substr(0, cases[3].size() / 2);
}

}  // namespace

TEST_CASE("pligt simulate on a cases file cut off mid-line names the line and column and writes nothing") {
    pligt::testing::TempDir dir;
    write_bytes(dir.path() / "cases.jsonl", truncated_cases());
    write_bytes(dir.path() / "out.csv", "the previous CSV\n");
    write_bytes(dir.path() / "report.html", "the previous report\n");
    auto const before = snapshot(dir.path());

    auto const run = pligt::fault::run_pligt(simulate({"--csv", "out.csv", "--report", "report.html"}), dir.path());
    INFO(run.output);
    CHECK(run.exit_code == 2);
    auto const column = std::to_string(cases[3].size() / 2 + 1);  // just past the last byte
    CHECK(run.output.starts_with("cases.jsonl:4: error: invalid JSON: "));
    CHECK(run.output.ends_with("(column " + column + ")\n"));
    CHECK(std::count(run.output.begin(), run.output.end(), '\n') == 1);
    CHECK(snapshot(dir.path()) == before);

    SUBCASE("and without earlier outputs, creates none") {
        fs::remove(dir.path() / "out.csv");
        fs::remove(dir.path() / "report.html");
        auto const again =
            pligt::fault::run_pligt(simulate({"--csv", "out.csv", "--report", "report.html"}), dir.path());
        CHECK(again.exit_code == 2);
        CHECK(snapshot(dir.path()) == std::map<std::string, std::string>{{"cases.jsonl", truncated_cases()}});
    }
}

TEST_CASE("pligt simulate --on-error skip counts the whole cases and reports the line cut off") {
    pligt::testing::TempDir dir;
    write_bytes(dir.path() / "cases.jsonl", truncated_cases());
    auto const run =
        pligt::fault::run_pligt(simulate({"--on-error", "skip", "--json", "--csv", "out.csv"}), dir.path());
    CHECK(run.exit_code == 0);
    auto const warning = run.output.substr(0, run.output.find('\n') + 1);
    CHECK(warning.starts_with("cases.jsonl:4: warning: invalid JSON: "));
    auto const result = nlohmann::json::parse(run.output.substr(warning.size()));
    CHECK(result["cases"] == 3);
    CHECK(result["skipped"] == 1);
    CHECK(read_bytes(dir.path() / "out.csv").starts_with("scenario,"));
}

TEST_CASE("pligt simulate refuses a line longer than a case may be, and skips it with --on-error skip") {
    pligt::testing::TempDir dir;
    // A string longer than the bound inside an otherwise valid case.
    std::string const long_line = R"({"municipality": "aarhus", "events": [], "note": ")" +
                                  std::string(pligt::cli::max_case_line_bytes, 'x') + "\"}";
    // The first line is exactly as long as a line may be: a case padded with blanks.
    auto const longest = cases[0] + std::string(pligt::cli::max_case_line_bytes - cases[0].size(), ' ');
    write_bytes(dir.path() / "cases.jsonl", longest + "\n" + long_line + "\n" + cases[1] + "\n");
    std::string const message =
        "the line is longer than 1048576 bytes (1 MiB), the most one case may take; "
        "a cases file holds one case JSON a line (JSONL)";

    auto const failed = pligt::fault::run_pligt(simulate({"--csv", "out.csv"}), dir.path());
    CHECK(failed.exit_code == 2);
    CHECK(failed.output == "cases.jsonl:2: error: " + message + "\n");
    CHECK(!fs::exists(dir.path() / "out.csv"));

    auto const skipped = pligt::fault::run_pligt(simulate({"--on-error", "skip", "--json"}), dir.path());
    CHECK(skipped.exit_code == 0);
    auto const warning = "cases.jsonl:2: warning: " + message + "\n";
    REQUIRE(skipped.output.starts_with(warning));
    auto const result = nlohmann::json::parse(skipped.output.substr(warning.size()));
    CHECK(result["cases"] == 2);
    CHECK(result["skipped"] == 1);

    SUBCASE("a file with no line break at all, such as one JSON array of cases") {
        std::string array = "[";
        while (array.size() <= 3 * pligt::cli::max_case_line_bytes) array += cases[0] + ",";
        array.back() = ']';
        write_bytes(dir.path() / "cases.jsonl", array);
        auto const run = pligt::fault::run_pligt(simulate({}), dir.path());
        CHECK(run.exit_code == 2);
        CHECK(run.output == "cases.jsonl:1: error: " + message + "\n");
    }
}

TEST_CASE("pligt simulate on a full disk leaves --csv and --report as they were") {
    pligt::testing::TempDir dir;
    std::string all;
    for (auto const& line : cases) all += line + "\n";
    write_bytes(dir.path() / "cases.jsonl", all);

    // The outputs' sizes, to choose a limit the CSV fits under and the report does not.
    auto const whole = pligt::fault::run_pligt(simulate({"--csv", "out.csv", "--report", "report.html"}), dir.path());
    REQUIRE(whole.exit_code == 0);
    auto const csv_size = fs::file_size(dir.path() / "out.csv");
    auto const report_size = fs::file_size(dir.path() / "report.html");
    REQUIRE(csv_size < report_size);
    write_bytes(dir.path() / "out.csv", "the previous CSV\n");
    write_bytes(dir.path() / "report.html", "the previous report\n");
    auto const before = snapshot(dir.path());

    pligt::fault::ChildSetup setup;
    SUBCASE("the CSV cannot be written") { setup.max_file_bytes = csv_size / 2; }
    SUBCASE("the CSV can, the report cannot: neither changes") { setup.max_file_bytes = (csv_size + report_size) / 2; }
    auto const run =
        pligt::fault::run_pligt(simulate({"--csv", "out.csv", "--report", "report.html"}), dir.path(), setup);
    INFO(run.output);
    CHECK(run.exit_code == 2);
    auto const file = *setup.max_file_bytes < csv_size ? "out.csv" : "report.html";
    CHECK(run.output == std::string{file} + ": error: cannot write: File too large; file left unchanged\n");
    CHECK(snapshot(dir.path()) == before);
}
