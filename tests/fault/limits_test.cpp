// The limits docs/reliability.md documents, each at its edge: what is just
// allowed passes, one more is refused with an error that names the place,
// and nothing crashes far past it.
#include "dsl/diagnostic.hpp"
#include "dsl/load.hpp"
#include "dsl/parse.hpp"
#include "tests/fault/fault_support.hpp"
#include "tests/server/test_server.hpp"
#include "tests/support/fixture.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using pligt::testing::Text;

// A duty whose trigger has `condition`, on line 7 after `where `.
std::string law_with(std::string const& condition) {
    return "law deep \"Deep\" {\n"
           "  short \"D\"\n"
           "  in force 2020-01-01\n"
           "  uses example_events\n"
           "  duty d \"D\" {\n"
           "    cite \"§ 1\"\n"
           "    on request_received where " +
           condition +
           "\n"
           "    due within 2 days\n"
           "    done by request_answered\n"
           "  }\n"
           "}\n";
}
constexpr int condition_column = 31;  // where `condition` starts on line 7

std::string repeat(std::string const& text, int times) {
    std::string result;
    for (int i = 0; i < times; ++i) result += text;
    return result;
}

std::vector<std::string> headlines_of(std::string const& rules) {
    return pligt::testing::headlines(
        pligt::testing::diagnose({pligt::testing::fixture("example_events.pligt"), Text{"deep.pligt", rules}}));
}

std::string too_deep_at(int column) {
    return "deep.pligt:7:" + std::to_string(column) +
           ": error: conditions nest deeper than 32 levels of parentheses and 'not'; this file is not read further";
}

}  // namespace

TEST_CASE("conditions nest 32 levels deep, counting parentheses and 'not', and no deeper") {
    static_assert(pligt::max_condition_depth == 32);
    auto const parentheses = [](int depth) { return repeat("(", depth) + "urgent" + repeat(")", depth); };
    CHECK(headlines_of(law_with(parentheses(32))).empty());
    CHECK(headlines_of(law_with(repeat("not ", 32) + "urgent")).empty());
    CHECK(headlines_of(law_with(repeat("not (", 16) + "urgent" + repeat(")", 16))).empty());
    // Siblings do not add up: a hundred groups of 32 side by side.
    std::string siblings = parentheses(32);
    for (int i = 0; i < 99; ++i) siblings += " and " + parentheses(32);
    CHECK(headlines_of(law_with(siblings)).empty());
    // Parentheses in a title or a comment are no nesting.
    auto const quoted =
        law_with("urgent") + "# " + repeat("(", 100) + "\n" + "vocabulary v \"" + repeat("(", 100) + "\" {\n}\n";
    CHECK(headlines_of(quoted).empty());

    CHECK(headlines_of(law_with(parentheses(33))) == std::vector{too_deep_at(condition_column + 32)});
    CHECK(headlines_of(law_with(repeat("not ", 33) + "urgent")) == std::vector{too_deep_at(condition_column + 4 * 32)});
    CHECK(headlines_of(law_with("not " + parentheses(32))) == std::vector{too_deep_at(condition_column + 4 + 31)});
}

TEST_CASE("conditions nested 100 000 deep are one error, not a stack overflow") {
    auto const deep = repeat("(", 100000) + "urgent" + repeat(")", 100000);
    CHECK(headlines_of(law_with(deep)) == std::vector{too_deep_at(condition_column + 32)});
    CHECK(headlines_of(law_with(repeat("not ", 100000) + "urgent")) ==
          std::vector{too_deep_at(condition_column + 4 * 32)});

    pligt::testing::TempDir dir;
    pligt::fault::write_bytes(dir.path() / "deep.pligt", law_with(deep));
    auto const run =
        pligt::fault::run_pligt({"check", "case.json", "--rules",
                                 PLIGT_SOURCE_DIR "/tests/fixtures/example_events.pligt", "--rules", "deep.pligt"},
                                dir.path());
    CHECK(run.exit_code == 2);
    CHECK(run.output.starts_with(too_deep_at(condition_column + 32) + "\n"));
}

TEST_CASE("a rule file holds at most 1 MiB, and a larger one is refused unread with its name") {
    static_assert(pligt::max_rule_file_bytes == 1 << 20);
    pligt::testing::TempDir dir;
    auto const comment = "# " + std::string(1021, '.') + "\n";  // 1 KiB a line
    pligt::fault::write_bytes(dir.path() / "full.pligt", repeat(comment, 1024));
    pligt::fault::write_bytes(dir.path() / "over.pligt", repeat(comment, 1024) + "\n");

    pligt::Diagnostics diagnostics;
    auto const full = pligt::read_rule_file(dir.path() / "full.pligt", diagnostics);
    REQUIRE(full.has_value());
    CHECK(full->size() == pligt::max_rule_file_bytes);
    CHECK(diagnostics.empty());
    CHECK(!pligt::read_rule_file(dir.path() / "over.pligt", diagnostics).has_value());
    CHECK(pligt::testing::headlines(diagnostics) ==
          std::vector<std::string>{
              (dir.path() / "over.pligt").string() +
              ": error: the file is larger than 1048576 bytes (1 MiB), the most a rule file may hold"});

    auto const run = pligt::fault::run_pligt({"lint", "full.pligt", "over.pligt"}, dir.path());
    CHECK(run.exit_code == 2);
    CHECK(run.output ==
          "over.pligt: error: the file is larger than 1048576 bytes (1 MiB), the most a rule file may hold\n");
}

TEST_CASE("a rule file that cannot be read says why") {
    pligt::testing::TempDir dir;
    fs::create_directory(dir.path() / "a.pligt");
    pligt::Diagnostics diagnostics;
    CHECK(!pligt::read_rule_file(dir.path() / "a.pligt", diagnostics).has_value());
    CHECK(!pligt::read_rule_file(dir.path() / "missing.pligt", diagnostics).has_value());
    auto const d = dir.path().string();
    CHECK(pligt::testing::headlines(diagnostics) ==
          std::vector<std::string>{d + "/a.pligt: error: cannot read the file: Is a directory",
                                   d + "/missing.pligt: error: cannot read the file: No such file or directory"});
}

TEST_CASE("pligt check reads a case nested a million levels deep without a stack overflow") {
    // The CLI has no nesting limit: nlohmann's parser and destructor do not
    // recurse, and the case reader looks only where a case has values.
    pligt::testing::TempDir dir;
    auto const deep = repeat("[", 1000000) + repeat("]", 1000000);
    pligt::fault::write_bytes(dir.path() / "case.json",
                              R"({"municipality": "town_a", "facts": {"birthdate": )" + deep + R"(}, "events": []})");
    std::vector<std::string> arguments{"check", "case.json"};
    for (auto const& file : pligt::testing::fixture_rules())
        arguments.insert(arguments.end(), {"--rules", file.string()});
    auto const run = pligt::fault::run_pligt(arguments, dir.path());
    CHECK(run.exit_code == 2);
    CHECK(run.output.starts_with("case.json: error: at /facts/birthdate: "));
}
