// The check answer is written as text without a JSON tree (output::JsonText,
// output::check_json_text), pretty for one case and compact for a line of a
// JSONL batch; its bytes must be exactly what nlohmann's dump
// gives for the same document, which the API contract and the golden files
// were written against. Each test parses the text and dumps it again with
// nlohmann: the two must be equal byte for byte.
#include "output/json_text.hpp"

#include "engine/evaluate.hpp"
#include "output/check_json.hpp"
#include "population/generate.hpp"
#include "tests/support/fixture.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace pligt;
using nlohmann::ordered_json;
using pligt::testing::shipped_program;

std::string dumped(std::string const& text, int indent) {
    return ordered_json::parse(text).dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

std::string read_file(std::filesystem::path const& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// An object with every shape the writer knows: nested objects and arrays,
// empty ones, numbers, and strings that need escaping.
void write_sample(output::JsonText& json) {
    json.begin_object();
    json.member("plain", "Børnefaglig undersøgelse · SEL § 50, stk. 7");
    json.member("escaped", "quote \" backslash \\ tab \t newline \n cr \r bell \x07 esc \x1b del \x7f");
    json.member("empty", "");
    json.key("number");
    json.value(std::int64_t{-42});
    json.key("nothing");
    json.begin_object();
    json.end_object();
    json.key("none");
    json.begin_array();
    json.end_array();
    json.key("list");
    json.begin_array();
    json.value("a");
    json.begin_object();
    json.member("before", "decision_made");
    json.end_object();
    json.begin_array();
    json.value(std::int64_t{1});
    json.end_array();
    json.end_array();
    json.end_object();
}

}  // namespace

TEST_CASE("JsonText lays out every shape as nlohmann's dump does, pretty and compact") {
    std::string pretty;
    output::JsonText pretty_json{pretty};
    write_sample(pretty_json);
    CHECK(pretty == dumped(pretty, 2));
    CHECK(pretty.find("\"escaped\": \"quote \\\" backslash \\\\ tab \\t newline \\n cr \\r bell \\u0007 esc \\u001b") !=
          std::string::npos);

    std::string compact;
    output::JsonText compact_json{compact, false};
    write_sample(compact_json);
    CHECK(compact == dumped(compact, -1));

    // A value written as an element of an array printed around it.
    std::string nested = "[\n  ";
    output::JsonText nested_json{nested, true, 1};
    write_sample(nested_json);
    nested += "\n]";
    CHECK(nested == dumped(nested, 2));
}

TEST_CASE("JsonText replaces text that is not UTF-8 as nlohmann's replace handler does") {
    for (std::string const bad :
         {"a\xff"
          "b",
          "\xc3", "\xe2\x82", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "ok \xe2\x82\xac"}) {
        std::string text;
        output::JsonText json{text};
        json.value(bad);
        CHECK(text == nlohmann::json(bad).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
}

TEST_CASE(
    "the check answer as text equals nlohmann's dump of it, pretty and compact, for examples and generated cases") {
    auto const& program = shipped_program();
    std::vector<std::string> cases;
    for (auto const& entry : std::filesystem::directory_iterator{PLIGT_SOURCE_DIR "/examples"})
        if (entry.path().extension() == ".json") cases.push_back(read_file(entry.path()));
    REQUIRE(cases.size() >= 5);

    auto story = engine::parse_story(program, read_file(PLIGT_SOURCE_DIR "/simulation/child_welfare.json"));
    REQUIRE(story);
    engine::Population const population{500, 11, *Date::parse("2019-01-01"), *Date::parse("2024-12-31"), 1};
    std::string all;
    REQUIRE_FALSE(engine::generate(program, *story, population, [&](std::string_view chunk) { all.append(chunk); }));
    std::istringstream lines{all};
    for (std::string line; std::getline(lines, line);) cases.push_back(line);

    std::vector<engine::DutyResult> results;
    std::size_t answers = 0, waived = 0, excepted = 0, numbered = 0;
    for (auto const& text : cases) {
        auto const c = engine::parse_case(program, text);
        REQUIRE(c);
        for (auto const* at : {"2019-06-01", "2022-01-01", "2025-01-01"}) {
            auto const as_of = *Moment::parse(at, nullptr);
            engine::evaluate(program, *c, as_of, results);
            auto const answer = output::check_json_text(program, *c, results, as_of, {output::Language::da, true});
            REQUIRE(answer == dumped(answer, 2));
            REQUIRE(output::check_json_text(program, *c, results, as_of, {output::Language::da, true}, false) ==
                    dumped(answer, -1));
            ++answers;
            waived += answer.find("\"waived_by\"") != std::string::npos;
            excepted += answer.find("\"excepted_by\"") != std::string::npos;
            numbered += answer.find("\"instance\"") != std::string::npos;
        }
    }
    // The population reaches every optional member.
    CHECK(answers == 3 * cases.size());
    CHECK(waived > 0);
    CHECK(excepted > 0);
    CHECK(numbered > 0);
}
