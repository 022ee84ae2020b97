// The simulator's one-pass case reader (engine::CaseParser) gives exactly
// what parse_case gives: the same Case for thousands of generated cases, and
// the same errors for every malformed case, because it hands those to
// parse_case.
#include "engine/case.hpp"

#include "tests/support/fixture.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/load.hpp"
#include "population/generate.hpp"

namespace {

using namespace pligt;
using engine::Case;
using engine::CaseError;

using pligt::testing::shipped_program;

std::string read_file(std::filesystem::path const& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> generated_lines(std::uint64_t count) {
    auto const& program = shipped_program();
    auto story = engine::parse_story(program, read_file(PLIGT_SOURCE_DIR "/simulation/child_welfare.json"));
    REQUIRE(story);
    engine::Population const population{count, 7, *Date::parse("2019-01-01"), *Date::parse("2024-12-31"), 1};
    std::string all;
    REQUIRE_FALSE(engine::generate(program, *story, population, [&](std::string_view chunk) { all.append(chunk); }));
    std::vector<std::string> lines;
    std::istringstream in{all};
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

void check_same_case(Case const& a, Case const& b) {
    CHECK(a.id == b.id);
    CHECK(a.municipality == b.municipality);
    REQUIRE(a.facts.size() == b.facts.size());
    for (std::size_t i = 0; i < a.facts.size(); ++i) {
        CHECK(a.facts[i].present == b.facts[i].present);
        CHECK(a.facts[i].value == b.facts[i].value);
    }
    REQUIRE(a.events.size() == b.events.size());
    for (std::size_t i = 0; i < a.events.size(); ++i) {
        CHECK(a.events[i].event == b.events[i].event);
        CHECK(a.events[i].at.to_string() == b.events[i].at.to_string());
        CHECK(a.events[i].attributes == b.events[i].attributes);
        CHECK(a.events[i].position == b.events[i].position);
    }
    REQUIRE(a.attribute_values.size() == b.attribute_values.size());
    for (std::size_t i = 0; i < a.attribute_values.size(); ++i) {
        CHECK(a.attribute_values[i].present == b.attribute_values[i].present);
        CHECK(a.attribute_values[i].value == b.attribute_values[i].value);
    }
}

// Both readers on one text: the same Case, or the same errors.
void check_same(std::string_view text) {
    CAPTURE(text);
    auto const& program = shipped_program();
    engine::CaseParser const parser{program};
    auto const fast = parser.parse(text);
    auto const slow = engine::parse_case(program, text);
    REQUIRE(static_cast<bool>(fast) == static_cast<bool>(slow));
    if (slow) {
        check_same_case(*fast, *slow);
        return;
    }
    REQUIRE(fast.error().size() == slow.error().size());
    for (std::size_t i = 0; i < slow.error().size(); ++i) {
        CHECK(fast.error()[i].pointer == slow.error()[i].pointer);
        CHECK(fast.error()[i].message == slow.error()[i].message);
        CHECK(fast.error()[i].line == slow.error()[i].line);
        CHECK(fast.error()[i].column == slow.error()[i].column);
    }
}

TEST_CASE("the one-pass reader gives the same Case as parse_case for every generated case") {
    auto const& program = shipped_program();
    engine::CaseParser const parser{program};
    Case reused;
    for (auto const& line : generated_lines(5000)) {
        CAPTURE(line);
        // Generated lines are plain, so this checks the one-pass path itself.
        REQUIRE(parser.parse_plain(line, reused));
        auto const slow = engine::parse_case(program, line);
        REQUIRE(slow);
        check_same_case(reused, *slow);
    }
}

TEST_CASE("the one-pass reader gives the same errors as parse_case for every malformed golden case") {
    int files = 0;
    for (auto const& entry : std::filesystem::directory_iterator{PLIGT_SOURCE_DIR "/tests/golden/check"}) {
        if (entry.path().extension() != ".json") continue;
        ++files;
        check_same(read_file(entry.path()));
    }
    CHECK(files > 0);
}

TEST_CASE("the one-pass reader hands every unusual form to parse_case") {
    std::string line;
    for (auto const& candidate : generated_lines(100))
        if (candidate.find("false") != std::string::npos && candidate.find("\"birthdate\":\"") != std::string::npos) {
            line = candidate;
            break;
        }
    REQUIRE_FALSE(line.empty());
    check_same(line);
    check_same(" " + line + " \r");
    check_same("");
    check_same("[]");
    check_same("{}");
    check_same(line + "x");
    check_same(line.substr(0, line.size() - 1));
    // Each of these edits the generated line once.
    auto const edit = [&](std::string const& from, std::string const& to) {
        auto copy = line;
        auto const at = copy.find(from);
        REQUIRE(at != std::string::npos);
        copy.replace(at, from.size(), to);
        check_same(copy);
    };
    edit("{\"id\":\"gen-7-", "{\"id\":17,\"x\":\"");
    edit("{\"id\":\"gen-7-", "{\"id\":-17,\"x\":\"");
    edit("{\"id\":\"gen-7-", "{\"id\":1.5,\"x\":\"");
    edit("{\"id\":\"gen-7-", "{\"id\":null,\"x\":\"");
    edit("{\"id\":\"gen-7-", "{\"id\":\"g\\u00e9n-");
    edit("{\"id\":\"gen-7-", "{\"id\":\"gén-");
    edit("{\"id\":\"gen-7-", "{\"id\":\"a\",\"id\":\"b-");
    edit("{\"id\":\"gen-7-", "{ \"id\" : \"gen-7-\" , \"colour\": \"");
    edit("\"municipality\":\"", "\"municipality\":\"x");
    edit("\"municipality\":\"", "\"municipality\":751,\"m\":\"");
    edit("\"birthdate\":\"", "\"birthdate\":\"x");
    edit("\"birthdate\":\"", "\"birthdate\":null,\"b\":\"");
    edit("\"facts\":{", "\"facts\":{\"colour\":1,");
    edit("\"events\":[", "\"events\":[{\"at\":\"2020-01-01\",\"event\":\"notification_received\"},");
    edit("\"events\":[", "\"events\":[{\"event\":\"notification_received\",\"at\":\"2020-01-01T25:00\"},");
    edit("\"events\":[", "\"events\":[{\"event\":\"no_such_event\",\"at\":\"2020-01-01\"},");
    edit("\"events\":[", "\"events\":[{\"event\":\"notification_received\"},");
    edit("\"events\":[", "\"events\":[1,");
    edit("\"at\":\"", "\"at\":\"x");
    edit("false", "0");
    edit("false", "null");
    edit("false", "falsey");
    edit("{\"event\":", "{\"colour\":1,\"event\":");
    edit("\"municipality\"", "\"municipality\":\"aarhus\",\"municipality\"");
    // A key given twice is an error in parse_case; the one-pass reader hands it over.
    edit("\"facts\":{", "\"facts\":{\"birthdate\":\"2010-01-01\",");
    edit("\"events\":[", "\"events\":[],\"events\":[");
    edit("\"events\":[{\"event\":", "\"events\":[{\"at\":\"2020-01-01\",\"event\":");
    edit("false", "false,\"professional_notifier\":true");
    edit("{\"event\":", "{\"event\":\"concern_registered\",\"event\":");
}

TEST_CASE("the one-pass reader gives the same errors as parse_case for every bad case of the corpus") {
    int files = 0;
    for (auto const& entry : std::filesystem::directory_iterator{PLIGT_SOURCE_DIR "/tests/bad/cases"}) {
        if (entry.path().extension() != ".json") continue;
        ++files;
        check_same(read_file(entry.path()));
    }
    CHECK(files > 100);
}

}  // namespace
