// The corpus of bad input under tests/bad: every file there is input that a
// command must refuse, with its expected output beside it (X.pligt or X.json
// → X.expected, in the golden format of tests/golden; in tests/bad/cli the
// expected file is the input: a command line). Each must reproduce exactly,
// exit 2, say where every error is (file:line:column in a rule file; the
// JSON Pointer, or the line and column of malformed JSON, in a case or a
// story) and show no sign of a crash. PLIGT_UPDATE_GOLDEN=1 rewrites the
// expected files; read `git diff` before committing.
#include "tests/support/golden.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using pligt::golden::Expected;

fs::path const corpus{PLIGT_SOURCE_DIR "/tests/bad"};

bool is_expected(fs::path const& path) { return path.extension() == ".expected"; }
// Files that describe the corpus rather than belong to it.
bool is_housekeeping(fs::path const& path) {
    return path.filename() == "README.md" || path.filename() == ".gitattributes";
}

std::string source_relative(fs::path const& path) { return fs::relative(path, PLIGT_SOURCE_DIR).generic_string(); }

// Every input of the corpus, in path order.
std::vector<fs::path> inputs() {
    std::vector<fs::path> found;
    for (auto const& entry : fs::recursive_directory_iterator{corpus}) {
        if (!entry.is_regular_file() || is_housekeeping(entry.path())) continue;
        bool const command_line = entry.path().parent_path() == corpus / "cli";
        if (is_expected(entry.path()) == command_line) found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    return found;
}

fs::path expected_file(fs::path const& input) {
    auto path = input;
    return is_expected(input) ? path : path.replace_extension(".expected");
}

// Reads `text` at `at` and moves past it, or leaves `at` and says false.
bool take(std::string_view line, std::size_t& at, std::string_view text) {
    if (line.substr(at, text.size()) != text) return false;
    at += text.size();
    return true;
}
bool take_number(std::string_view line, std::size_t& at) {
    auto const start = at;
    while (at < line.size() && line[at] >= '0' && line[at] <= '9') ++at;
    return at > start;
}

// Where an error line says the error is. A rule file gives its line and
// column; a case or a story the JSON Pointer (`at /events/1/at`), or the
// line and column where malformed JSON stopped; a file of cases, one per
// line, also the line. A few errors are about a JSON document as a whole,
// whose pointer is "". A command line names the option or argument at
// fault, or the file it could not read. (No std::regex: it recurses per
// character, and some lines here are 100 KB long.)
bool located(std::string_view line, std::string_view input, std::vector<std::string> const& arguments) {
    std::size_t at = 0;
    if (input.starts_with("tests/bad/cli/")) {
        // "pligt VERB: --option '…': why", "pligt VERB: SPAN '…': why", "pligt
        // VERB: unknown law '…'", "pligt VERB: --to … is before --from …".
        if (take(line, at, "pligt ")) {
            while (at < line.size() && line[at] >= 'a' && line[at] <= 'z') ++at;
            if (!take(line, at, ": ")) return false;
            return line.substr(at).starts_with("--") || line.find(" '", at) != std::string_view::npos;
        }
        // A file named on the command line: "FILE: error: …" or "FILE:L:C: error: …".
        return std::any_of(arguments.begin(), arguments.end(), [&](std::string const& argument) {
            std::size_t after = 0;
            if (!take(line, after, argument)) return false;
            if (take(line, after, ": error: ")) return true;
            return take(line, after, ":") && take_number(line, after) && take(line, after, ":") &&
                   take_number(line, after) && take(line, after, ": error: ");
        });
    }
    if (!take(line, at, input)) return false;  // the error names the file it is in
    bool const rules = input.ends_with(".pligt");
    auto const line_start = at;
    if (take(line, at, ":") && take_number(line, at)) {
        auto const after_line = at;
        if (take(line, at, ":") && take_number(line, at) && take(line, at, ": error: "))
            return rules || take(line, at, "invalid JSON: ");
        at = after_line;
        if (rules || !input.ends_with(".jsonl")) return false;
    } else {
        at = line_start;
    }
    if (rules || !take(line, at, ": error: ")) return false;
    if (take(line, at, "at /")) return line.find(": ", at) != std::string_view::npos;
    if (take(line, at, "invalid JSON: "))
        return line.ends_with(")") && line.find("(column ", at) != std::string_view::npos;
    for (std::string_view whole :
         {"a case is a JSON object", "the case names no municipality", "the case has no \"events\"",
          "a story is a JSON object", "the story has no \"steps\""})
        if (line.substr(at).starts_with(whole)) return true;
    return false;
}

std::vector<std::string> lines_of(std::string const& text) {
    std::vector<std::string> lines;
    std::istringstream in{text};
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// Every input under one folder of the corpus reproduces its expected file.
void check_folder(std::string const& folder) {
    int checked = 0;
    for (auto const& input : inputs()) {
        auto const name = source_relative(input);
        if (!name.starts_with("tests/bad/" + folder + "/")) continue;
        ++checked;
        INFO("bad input: ", name);
        auto const golden = expected_file(input);
        REQUIRE_MESSAGE(fs::exists(golden), "no expected output ", source_relative(golden));
        auto const expected = pligt::golden::read(golden);
        if (!is_expected(input))
            CHECK_MESSAGE(
                std::find(expected.arguments.begin(), expected.arguments.end(), name) != expected.arguments.end(),
                "the command does not name its input");
        auto const run = pligt::golden::run_pligt(PLIGT_BINARY, expected.arguments, PLIGT_SOURCE_DIR);
        auto const actual = run.output + "[exit " + std::to_string(run.exit_code) + "]\n";
        if (pligt::golden::updating()) pligt::golden::write(golden, expected, actual);
        else CHECK_MESSAGE(actual == expected.output, pligt::golden::first_difference(actual, expected.output));

        CHECK(run.exit_code == 2);
        for (std::string const sign : {"pligt: internal error", "terminate called", "Sanitizer",
                                       "runtime error:", "Aborted", "Segmentation fault", "core dumped", "what(): "})
            CHECK_MESSAGE(run.output.find(sign) == std::string::npos, "a sign of a crash: ", sign);
        int errors = 0;
        for (auto const& line : lines_of(run.output)) {
            if (line.find("error:") == std::string::npos && !line.starts_with("pligt ")) continue;
            ++errors;
            CHECK_MESSAGE(located(line, name, expected.arguments), "an error without its place: ", line);
        }
        CHECK_MESSAGE(errors > 0, "no error reported");
    }
    CHECK_MESSAGE(checked > 0, "no input under tests/bad/", folder);
}

// The folders, one test each so that ctest runs them side by side.
std::vector<std::string> const folders{"rules/syntax",  "rules/names",      "rules/types",   "rules/dates",
                                       "rules/numbers", "rules/duplicates", "rules/missing", "rules/files",
                                       "cases",         "populations",      "stories",       "cli"};

}  // namespace

TEST_CASE("the bad-input corpus has at least 200 inputs, each in a checked folder with its expected output") {
    auto const all = inputs();
    CHECK(all.size() >= 200);
    for (auto const& input : all) {
        auto const name = source_relative(input);
        INFO("bad input: ", name);
        CHECK(fs::exists(expected_file(input)));
        auto const folder = fs::relative(input.parent_path(), corpus).generic_string();
        CHECK_MESSAGE(std::find(folders.begin(), folders.end(), folder) != folders.end(),
                      "a folder no test runs: ", folder);
        CHECK_MESSAGE(fs::file_size(input) <= 200 * 1024, "keep each input under 200 KB");
    }
    // An expected file without its input is left over from a removed input.
    for (auto const& entry : fs::recursive_directory_iterator{corpus}) {
        if (!entry.is_regular_file() || !is_expected(entry.path()) || entry.path().parent_path() == corpus / "cli")
            continue;
        auto const stem = entry.path().parent_path() / entry.path().stem();
        bool const has_input = std::any_of(
            all.begin(), all.end(), [&](fs::path const& input) { return input.parent_path() / input.stem() == stem; });
        CHECK_MESSAGE(has_input, "an expected file without its input: ", source_relative(entry.path()));
    }
}

TEST_CASE("bad rule files: syntax errors in every construct") { check_folder("rules/syntax"); }
TEST_CASE("bad rule files: unknown names") { check_folder("rules/names"); }
TEST_CASE("bad rule files: wrong types") { check_folder("rules/types"); }
TEST_CASE("bad rule files: impossible dates and times") { check_folder("rules/dates"); }
TEST_CASE("bad rule files: numbers out of range") { check_folder("rules/numbers"); }
TEST_CASE("bad rule files: names and clauses given twice") { check_folder("rules/duplicates"); }
TEST_CASE("bad rule files: missing clauses") { check_folder("rules/missing"); }
TEST_CASE("bad rule files: encodings, line ends, tabs, long lines and deep nesting") { check_folder("rules/files"); }
TEST_CASE("bad cases") { check_folder("cases"); }
TEST_CASE("bad files of cases, one per line") { check_folder("populations"); }
TEST_CASE("bad stories for pligt generate") { check_folder("stories"); }
TEST_CASE("bad command lines") { check_folder("cli"); }
