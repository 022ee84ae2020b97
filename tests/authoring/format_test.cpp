// The formatter: one canonical layout, idempotent, every comment kept in its
// place and order, and a file with a syntax error never formatted.
#include "authoring/format.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/source.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace pligt;

std::string read(std::filesystem::path const& path) {
    std::ifstream in{path, std::ios::binary};
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::optional<std::string> format_text(std::string text, std::string name = "test.pligt") {
    SourceFile const source{std::move(name), std::move(text)};
    Diagnostics diagnostics;
    auto formatted = format(source, diagnostics);
    std::string rendered;
    for (auto const& diagnostic : diagnostics.sorted()) rendered += render(diagnostic);
    INFO(rendered);
    CHECK(formatted.has_value() == !diagnostics.has_errors());
    return formatted;
}

// The comments of a text in order, read independently of the formatter: from
// `#` outside a "string" to the end of the line, trailing blanks dropped.
std::vector<std::string> comments(std::string const& text) {
    std::vector<std::string> found;
    bool in_string = false;
    for (std::size_t at = 0; at < text.size(); ++at) {
        char const c = text[at];
        if (in_string) {
            if (c == '\\' && at + 1 < text.size() && (text[at + 1] == '"' || text[at + 1] == '\\')) ++at;
            else if (c == '"' || c == '\n') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '#') {
            auto end = std::min(text.find('\n', at), text.size());
            auto const next = end;
            while (end > at && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r')) --end;
            found.push_back(text.substr(at, end - at));
            at = next;
        }
    }
    return found;
}

// Formats, then checks the output keeps the comments and formats to itself.
std::string formatted_keeping_comments(std::string const& text, std::string const& name) {
    auto const once = format_text(text, name);
    REQUIRE(once.has_value());
    CHECK(comments(*once) == comments(text));
    auto const twice = format_text(*once, name);
    REQUIRE(twice.has_value());
    CHECK(*twice == *once);
    return *once;
}

std::vector<std::filesystem::path> shipped_rule_files() {
    std::vector<std::filesystem::path> files;
    for (auto const* directory : {PLIGT_SOURCE_DIR "/rules", PLIGT_SOURCE_DIR "/municipalities"})
        for (auto const& entry : std::filesystem::recursive_directory_iterator{directory})
            if (entry.is_regular_file() && entry.path().extension() == ".pligt") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("every shipped rule file formats idempotently and keeps all its comments") {
    auto const files = shipped_rule_files();
    REQUIRE(files.size() >= 10);
    for (auto const& file : files) {
        INFO("rule file: ", file.string());
        auto const text = read(file);
        formatted_keeping_comments(text, file.string());
    }
}

TEST_CASE("the shipped rule files are in the canonical layout") {
    for (auto const& file : shipped_rule_files()) {
        INFO("rule file: ", file.string(), " (run `pligt fmt rules municipalities`)");
        auto const text = read(file);
        auto const formatted = format_text(text, file.string());
        REQUIRE(formatted.has_value());
        CHECK(*formatted == text);
    }
}

TEST_CASE("a comment in every position keeps its place, text and order") {
    auto const input = read(PLIGT_SOURCE_DIR "/tests/fixtures/format/comments.pligt");
    REQUIRE(comments(input).size() >= 60);
    auto const output = formatted_keeping_comments(input, "comments.pligt");
    CHECK(output == read(PLIGT_SOURCE_DIR "/tests/fixtures/format/comments.formatted"));
}

TEST_CASE("a one-line duty becomes one clause per line, with a blank line between declarations") {
    CHECK(format_text("law l \"L\" { short \"L\" in force 2000-01-01 uses v\n"
                      "duty d \"D\" { cite \"§ 1\" on a  or  b due within 6 working days done by c effort 1 hours } }\n"
                      "municipality m \"M\" { code 1 region r adopts s from 2001-01-01 to 2002-12-31 }") ==
          "law l \"L\" {\n"
          "  short \"L\"\n"
          "  in force from 2000-01-01\n"
          "  uses v\n"
          "  duty d \"D\" {\n"
          "    cite \"§ 1\"\n"
          "    on a or b\n"
          "    due within 6 working days\n"
          "    done by c\n"
          "    effort 1 hours\n"
          "  }\n"
          "}\n"
          "\n"
          "municipality m \"M\" {\n"
          "  code 1\n"
          "  region r\n"
          "  adopts s from 2001-01-01 to 2002-12-31\n"
          "}\n");
}

TEST_CASE("conditions get single spaces and keep their parentheses") {
    CHECK(format_text("law l {\n"
                      "  duty d {\n"
                      "    on a where   ( x==y or not(z) )and kind in {p,q}or age>=12\n"
                      "    unless not z cite \"§ 2\"\n"
                      "    done by c where kind == p and urgent or e, also before\n"
                      "  }\n"
                      "}\n") ==
          "law l {\n"
          "  duty d {\n"
          "    on a where (x == y or not (z)) and kind in {p, q} or age >= 12\n"
          "    unless not z cite \"§ 2\"\n"
          "    done by c where kind == p and urgent or e, also before\n"
          "  }\n"
          "}\n");
}

TEST_CASE("first of keeps its forms in order, a span read from an attribute among them") {
    CHECK(format_text("law l {\n"
                      "  duty d {\n"
                      "    on a\n"
                      "    due first   of(within  n months,within 1 year where x )\n"
                      "  }\n"
                      "}\n") ==
          "law l {\n"
          "  duty d {\n"
          "    on a\n"
          "    due first of (within n months, within 1 year where x)\n"
          "  }\n"
          "}\n");
}

TEST_CASE("first of keeps no deadline as its last form") {
    CHECK(format_text("law l {\n"
                      "  duty d {\n"
                      "    on a\n"
                      "    due first of(within 1 day where night,no   deadline)\n"
                      "  }\n"
                      "}\n") ==
          "law l {\n"
          "  duty d {\n"
          "    on a\n"
          "    due first of (within 1 day where night, no deadline)\n"
          "  }\n"
          "}\n");
}

TEST_CASE("a count of fulfilling events keeps its place after the events") {
    CHECK(format_text("law l {\n"
                      "  duty d {\n"
                      "    on a\n"
                      "    due within 1 year ,then every 1 year\n"
                      "    done by v where ok or w ,  2   times # a visit or a talk\n"
                      "  }\n"
                      "}\n") ==
          "law l {\n"
          "  duty d {\n"
          "    on a\n"
          "    due within 1 year, then every 1 year\n"
          "    done by v where ok or w, 2 times  # a visit or a talk\n"
          "  }\n"
          "}\n");
}

TEST_CASE("blank lines inside a block collapse to one and never follow '{' or precede '}'") {
    CHECK(format_text("\n\n# header\n\n\n\nlaw l {\n\n\n  short \"L\"\n\n\n\n  uses v\n\n}\n\n\n") ==
          "# header\n"
          "\n"
          "law l {\n"
          "  short \"L\"\n"
          "\n"
          "  uses v\n"
          "}\n");
}

TEST_CASE("strings are re-quoted with escapes, and '#' inside a string is no comment") {
    CHECK(format_text("law l \"say \\\"hi\\\" # not a comment\" { short \"a\\\\b\" }  # a comment") ==
          "law l \"say \\\"hi\\\" # not a comment\" {\n"
          "  short \"a\\\\b\"\n"
          "}  # a comment\n");
}

TEST_CASE("calendar days, ages and recurrences get one spelling") {
    CHECK(format_text("calendar c { default weekend saturday,sunday holiday \"E\" on easter+1 days "
                      "holiday \"P\" on easter holiday \"S\" on easter - 26 day until 2023 }\n"
                      "law l { duty d { due at age 18 year 1 months due 6 months before age 18 years\n"
                      "due within 3 months, then every n months, otherwise every 6 months until x or y } }") ==
          "calendar c {\n"
          "  default\n"
          "  weekend saturday, sunday\n"
          "  holiday \"E\" on easter + 1 day\n"
          "  holiday \"P\" on easter\n"
          "  holiday \"S\" on easter - 26 days until 2023\n"
          "}\n"
          "\n"
          "law l {\n"
          "  duty d {\n"
          "    due at age 18 years 1 month\n"
          "    due 6 months before age 18\n"
          "    due within 3 months, then every n months, otherwise every 6 months until x or y\n"
          "  }\n"
          "}\n");
}

TEST_CASE("a comment inside a one-line construct moves above that line") {
    CHECK(format_text("law l {\n"
                      "  duty d {\n"
                      "    on a   # the trigger\n"
                      "      where x  # why x\n"
                      "        or y\n"
                      "  }\n"
                      "}\n") ==
          "law l {\n"
          "  duty d {\n"
          "    # the trigger\n"
          "    # why x\n"
          "    on a where x or y\n"
          "  }\n"
          "}\n");
}

TEST_CASE("a file with a syntax error is refused, with the parser's diagnostic") {
    SourceFile const source{"broken.pligt", "law l \"L\" {\n  shrt \"S\"\n}\n"};
    Diagnostics diagnostics;
    CHECK_FALSE(format(source, diagnostics).has_value());
    auto const found = diagnostics.sorted();
    REQUIRE(found.size() == 1);
    CHECK(found.front().code == "syntax");
    CHECK(found.front().line == 2);
    CHECK(found.front().column == 3);
}

TEST_CASE("a file of only comments keeps them; an empty file stays empty") {
    CHECK(format_text("# one   \n\n\n\n# two") == "# one\n\n# two\n");
    CHECK(format_text("") == "");
    CHECK(format_text("\n\n  \n") == "");
}

TEST_CASE(
    "ages, birthdays, states, several triggers, look-backs, residual duties, wording and covers get one spelling") {
    auto const formatted = format_text(
        "vocabulary v { fact birthdate: date age  of \"the child\"   from birthdate event e  event b at age 17 year 6 "
        "month state s \"S\" from e to b or e2"
        "  event e2 }\n"
        "law a { in force from 2020-01-01 uses v duty d { cite \"§ 1\" on e where s on b unless s cite \"§ 2\" instead "
        "r"
        " due within 1 month wording \"senest 1 måned\" done by e, also before within 2 months } duty r { cite \"§ 3\""
        " on e or b due within 1 month done by e, also before since b } }\n"
        "exemptions x { basis \"B\" amends a covers a \"§ 1\",\"§ 2\" in force from 2020-01-01 waive d }\n");
    REQUIRE(formatted);
    CHECK(*formatted ==
          "vocabulary v {\n"
          "  fact birthdate: date\n"
          "  age of \"the child\" from birthdate\n"
          "  event e\n"
          "  event b at age 17 years 6 months\n"
          "  state s \"S\" from e to b or e2\n"
          "  event e2\n"
          "}\n"
          "\n"
          "law a {\n"
          "  in force from 2020-01-01\n"
          "  uses v\n"
          "  duty d {\n"
          "    cite \"§ 1\"\n"
          "    on e where s\n"
          "    on b\n"
          "    unless s cite \"§ 2\" instead r\n"
          "    due within 1 month\n"
          "    wording \"senest 1 måned\"\n"
          "    done by e, also before within 2 months\n"
          "  }\n"
          "  duty r {\n"
          "    cite \"§ 3\"\n"
          "    on e or b\n"
          "    due within 1 month\n"
          "    done by e, also before since b\n"
          "  }\n"
          "}\n"
          "\n"
          "exemptions x {\n"
          "  basis \"B\"\n"
          "  amends a\n"
          "  covers a \"§ 1\", \"§ 2\"\n"
          "  in force from 2020-01-01\n"
          "  waive d\n"
          "}\n");
    CHECK(format_text(*formatted) == formatted);
}
