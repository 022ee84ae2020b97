// Lint: rules that resolve yet cannot mean what their author meant. Each check
// has a small rule text and the exact message, line and column it must give;
// the shipped rules must give none.
#include "tests/support/fixture.hpp"

#include "authoring/lint.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/load.hpp"
#include "dsl/program.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using namespace pligt;
using pligt::testing::Text;

Text const vocabulary{"vocabulary.pligt", R"(vocabulary example_events "Example events" {
  fact birthdate: date "Date of birth"
  age of "the child" from birthdate
  fact resident: bool
  kind request_kind { information, complaint, appeal }
  event request_received "Request received" {
    kind: request_kind
    urgent: bool = false
    pages: int?
  }
  event request_answered "Request answered"
}
)"};

// A law in force over `period` whose one duty has the trigger line (line 7).
std::string law(std::string const& id, std::string const& short_name, std::string const& period,
                std::string const& trigger = "on request_received") {
    return "law " + id +
           " \"Example Act\" {\n"  // 1
           "  short \"" +
           short_name +
           "\"\n"  // 2
           "  in force " +
           period +
           "\n"                            // 3
           "  uses example_events\n"       // 4
           "  duty answer \"Answer\" {\n"  // 5
           "    cite \"§ 2\"\n"            // 6
           "    " +
           trigger +
           "\n"                              // 7
           "    due within 4 months\n"       // 8
           "    done by request_answered\n"  // 9
           "  }\n"                           // 10
           "}\n";                            // 11
}

// An exemption set amending example_act over `period`, its basis covering
// § 2, with the given body from line 6 on.
std::string pilot(std::string const& period, std::string const& body = "  waive answer\n") {
    return "exemptions pilot_scheme \"Pilot scheme\" {\n"  // 1
           "  basis \"Pilot Act § 9\"\n"                   // 2
           "  amends example_act\n"                        // 3
           "  covers example_act \"§ 2\"\n"                // 4
           "  in force " +
           period + "\n"  // 5
           + body + "}\n";
}

// A municipality whose adoptions are lines 4 on.
std::string town(std::string const& adoptions) {
    return "municipality town_a \"Town A\" {\n"  // 1
           "  code 101\n"                        // 2
           "  region north\n"                    // 3
           + adoptions + "}\n";
}

std::string lint_output(std::vector<Text> files) {
    files.insert(files.begin(), vocabulary);
    auto const program = testing::compile(std::move(files));
    Diagnostics diagnostics;
    lint(program, diagnostics);
    return testing::rendered(diagnostics);
}

std::string const law_2020 = law("example_act", "EA", "2020-01-01 to 2023-12-31");

}  // namespace

TEST_CASE("a duty of an exemption set that no municipality adopts never triggers") {
    auto const set = pilot("2020-01-01 to 2023-12-31",
                           "  waive answer instead quick_reply\n"    // 6
                           "  duty quick_reply \"Quick reply\" {\n"  // 7
                           "    cite \"Pilot Act § 10\"\n"
                           "    on request_received\n"
                           "    due within 6 weeks\n"
                           "    done by request_answered\n"
                           "  }\n");
    CHECK(lint_output({{"law.pligt", law_2020}, {"pilot.pligt", set}}) ==
          "pilot.pligt:7:8: warning: duty 'quick_reply' never triggers: no municipality adopts exemption set "
          "'pilot_scheme'\n"
          " 7 |   duty quick_reply \"Quick reply\" {\n"
          "   |        ^~~~~~~~~~~\n");
    CHECK(lint_output({{"law.pligt", law_2020},
                       {"pilot.pligt", set},
                       {"town.pligt", town("  adopts pilot_scheme from 2021-01-01 to 2021-12-31\n")}})
              .empty());
}

TEST_CASE("a duty whose condition is false never triggers, and the caret is under the condition") {
    CHECK(
        lint_output({{"law.pligt", law("example_act", "EA", "from 2020-01-01", "on request_received where false")}}) ==
        "law.pligt:7:31: warning: duty 'answer' never triggers: its condition can never hold\n"
        " 7 |     on request_received where false\n"
        "   |                               ^~~~~\n");
}

TEST_CASE("a conjunction that constrains one value to nothing never holds") {
    auto const headline = [](std::string const& condition) {
        auto const output = lint_output(
            {{"law.pligt", law("example_act", "EA", "from 2020-01-01", "on request_received where " + condition)}});
        return output.substr(0, output.find('\n'));
    };
    std::string const never = "law.pligt:7:31: warning: duty 'answer' never triggers: its condition can never hold";
    CHECK(headline("urgent and not urgent") == never);
    CHECK(headline("pages > 10 and pages < 5") == never);
    CHECK(headline("pages >= 3 and pages <= 4 and pages != 3 and pages != 4") == never);
    CHECK(headline("kind == complaint and kind in {information, appeal}") == never);
    CHECK(headline("kind != information and kind != complaint and kind != appeal") == never);
    CHECK(headline("resident and (urgent and not resident)") == never);
    CHECK(headline("not (urgent or pages > 3) and pages == 5") == never);
    CHECK(headline("false or (age < 3 and age > 10)") == never);
    CHECK(headline("urgent == true and urgent == false") == never);
    // Satisfiable, or only by an absent value: no finding.
    CHECK(headline("urgent or not urgent").empty());
    CHECK(headline("pages > 3 and pages < 5").empty());
    CHECK(headline("not urgent and not (urgent == true)").empty());
    CHECK(headline("not (pages > 3) and not (pages < 5)").empty());
    CHECK(headline("true").empty());
    CHECK(headline("not false and age < 0").empty());  // an unborn child's age
}

TEST_CASE("a choice of deadlines whose every form is conditional may leave none; a span read from the trigger is one") {
    auto text = law_2020;
    text.replace(text.find("due within 4 months"), 19, "due first of (within pages days, within 1 month where urgent)");
    auto const out = lint_output({{"law.pligt", text}});
    CHECK(out ==
          "law.pligt:5:8: error: duty 'answer': every form of 'first of (within pages days, within 1 month "
          "where urgent)' has a condition, so where none holds the duty has no deadline; give one form "
          "without 'where' that reads no attribute\n"
          " 5 |   duty answer \"Answer\" {\n"
          "   |        ^~~~~~\n");
    text.replace(text.find("within 1 month where urgent"), 27, "within 1 month");
    CHECK(lint_output({{"law.pligt", text}}).empty());
}

TEST_CASE("in a first of, a form that always applies before others leaves them unreachable") {
    auto text = law_2020;
    text.replace(text.find("due within 4 months"), 19,
                 "due first of (within pages days, within 1 month, within 1 week where urgent)");
    CHECK(lint_output({{"law.pligt", text}}) ==
          "law.pligt:5:8: warning: duty 'answer': in 'first of (within pages days, within 1 month, within 1 week where "
          "urgent)', 'within 1 month' always applies, so the forms after it never count; put it last\n"
          " 5 |   duty answer \"Answer\" {\n"
          "   |        ^~~~~~\n");
    text.replace(text.find("within 1 month, within 1 week where urgent"), 42,
                 "within 1 week where urgent, within 1 month");
    CHECK(lint_output({{"law.pligt", text}}).empty());
}

TEST_CASE("one municipality adopting a set twice at once is an overlapping adoption") {
    auto const output = lint_output({{"law.pligt", law_2020},
                                     {"pilot.pligt", pilot("2020-01-01 to 2023-12-31")},
                                     {"town.pligt", town("  adopts pilot_scheme from 2020-01-01 to 2021-06-30\n"
                                                         "  adopts pilot_scheme from 2021-06-30 to 2022-12-31\n"
                                                         "  adopts pilot_scheme from 2023-01-01 to 2023-12-31\n")}});
    CHECK(output ==
          "town.pligt:5:3: error: municipality 'town_a' adopts exemption set 'pilot_scheme' from 2021-06-30 to "
          "2022-12-31, overlapping its adoption from 2020-01-01 to 2021-06-30 at town.pligt:4:3\n"
          " 5 |   adopts pilot_scheme from 2021-06-30 to 2022-12-31\n"
          "   |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
}

TEST_CASE("an adoption outside the set's period in force is an error") {
    auto const output = lint_output({{"law.pligt", law("example_act", "EA", "from 2000-01-01")},
                                     {"pilot.pligt", pilot("2020-01-01 to 2021-12-31")},
                                     {"town.pligt", town("  adopts pilot_scheme from 2020-01-01\n")}});
    CHECK(output ==
          "town.pligt:4:3: error: municipality 'town_a' adopts exemption set 'pilot_scheme' from 2020-01-01, "
          "outside the set's period in force (2020-01-01 to 2021-12-31)\n"
          " 4 |   adopts pilot_scheme from 2020-01-01\n"
          "   |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
}

TEST_CASE("an adoption on a day no amended law is in force is an error") {
    auto const set =
        "exemptions pilot_scheme \"Pilot scheme\" {\n"
        "  basis \"Pilot Act § 9\"\n"
        "  amends example_act, example_act_2024\n"
        "  covers example_act \"§ 2\"\n"
        "  covers example_act_2024 \"§ 2\"\n"
        "  in force from 2020-01-01\n"
        "  waive answer\n"
        "}\n";
    auto const adopt = [&](std::string const& adoption) {
        return lint_output({{"law.pligt", law_2020},
                            {"law_2024.pligt", law("example_act_2024", "EA 2024", "2024-03-01 to 2025-12-31")},
                            {"pilot.pligt", set},
                            {"town.pligt", town("  adopts pilot_scheme " + adoption + "\n")}});
    };
    CHECK(adopt("from 2021-01-01 to 2025-12-31") ==
          "town.pligt:4:3: error: municipality 'town_a' adopts exemption set 'pilot_scheme' from 2021-01-01 to "
          "2025-12-31, but on 2024-01-01 no law the set amends is in force (example_act 2020-01-01 to 2023-12-31; "
          "example_act_2024 2024-03-01 to 2025-12-31)\n"
          " 4 |   adopts pilot_scheme from 2021-01-01 to 2025-12-31\n"
          "   |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
    CHECK(adopt("from 2024-03-01").find("but on 2026-01-01 no law the set amends is in force") != std::string::npos);
    // Across the change of law, each day covered by one of the laws: fine.
    CHECK(adopt("from 2023-06-01 to 2023-12-31").empty());
    CHECK(adopt("from 2024-03-01 to 2025-12-31").empty());
}

TEST_CASE("two laws with one short name in force on the same day are an error") {
    auto const output = lint_output({{"a.pligt", law("example_act", "EA", "2020-01-01 to 2023-12-31")},
                                     {"b.pligt", law("example_act_2024", "EA", "from 2023-07-01")}});
    CHECK(output ==
          "b.pligt:1:5: error: law 'example_act_2024' has the short name 'EA' of law 'example_act' at a.pligt:1:5, "
          "and both are in force on 2023-07-01\n"
          " 1 | law example_act_2024 \"Example Act\" {\n"
          "   |     ^~~~~~~~~~~~~~~~\n");
    // One after the other, as a revised act: fine.
    CHECK(lint_output({{"a.pligt", law("example_act", "EA", "2020-01-01 to 2023-12-31")},
                       {"b.pligt", law("example_act_2024", "EA", "from 2024-01-01")}})
              .empty());
}

TEST_CASE("an exemption set whose amended laws are never in force during its period amends nothing") {
    auto const output = lint_output({{"law.pligt", law_2020}, {"pilot.pligt", pilot("from 2024-01-01")}});
    CHECK(output ==
          "pilot.pligt:1:12: warning: exemption set 'pilot_scheme' (from 2024-01-01) amends no law in force during "
          "its period (example_act 2020-01-01 to 2023-12-31)\n"
          " 1 | exemptions pilot_scheme \"Pilot scheme\" {\n"
          "   |            ^~~~~~~~~~~~\n");
}

TEST_CASE("waiving the same duty twice in one set is a warning") {
    auto const output = lint_output({{"law.pligt", law_2020},
                                     {"pilot.pligt", pilot("2020-01-01 to 2023-12-31",
                                                           "  waive answer where urgent\n"
                                                           "  waive answer\n")}});
    CHECK(output ==
          "pilot.pligt:7:9: warning: exemption set 'pilot_scheme' waives duty 'answer' twice; first at "
          "pilot.pligt:6:9\n"
          " 7 |   waive answer\n"
          "   |         ^~~~~~\n");
}

TEST_CASE("waiving a duty no amended law defines reaches lint as a load error") {
    auto const diagnostics = testing::diagnose(
        {vocabulary, {"law.pligt", law_2020}, {"pilot.pligt", pilot("2020-01-01 to 2023-12-31", "  waive anser\n")}});
    CHECK(testing::headlines(diagnostics) ==
          std::vector<std::string>{"pilot.pligt:6:9: error: unknown duty 'anser': no law that exemption set "
                                   "'pilot_scheme' amends defines it; did you mean 'answer'?"});
}

TEST_CASE("the shipped rules are lint-clean") {
    Diagnostics diagnostics;
    auto const program = load_program({PLIGT_SOURCE_DIR "/rules", PLIGT_SOURCE_DIR "/municipalities"}, diagnostics);
    REQUIRE(program.has_value());
    lint(*program, diagnostics);
    INFO(testing::rendered(diagnostics));
    CHECK(diagnostics.empty());
}

TEST_CASE("a waiver outside what the basis covers is an error, per version of the law it amends") {
    // § 2 is covered; a version that moves the duty to § 3 takes it outside.
    auto const versioned =
        "law example_act \"Example Act\" {\n"
        "  short \"EA\"\n"
        "  in force 2020-01-01 to 2023-12-31\n"
        "  uses example_events\n"
        "  version \"LBK 1\" from 2020-01-01 { }\n"
        "  version \"LBK 2\" from 2022-01-01 { cite answer \"§ 3, stk. 1\" }\n"
        "  duty answer \"Answer\" {\n"
        "    cite \"§ 2, stk. 4\"\n"
        "    on request_received\n"
        "    due within 4 months\n"
        "    done by request_answered\n"
        "  }\n"
        "}\n";
    CHECK(lint_output({{"law.pligt", versioned}, {"pilot.pligt", pilot("2020-01-01 to 2023-12-31")}}) ==
          "pilot.pligt:6:9: error: exemption set 'pilot_scheme' waives 'answer', which example_act cites as "
          "§ 3, stk. 1, but its basis covers only § 2\n"
          " 6 |   waive answer\n"
          "   |         ^~~~~~\n");
}

TEST_CASE("a set that waives without saying what its basis covers cannot be checked: a warning") {
    auto const set =
        "exemptions pilot_scheme \"Pilot scheme\" {\n"
        "  basis \"Pilot Act § 9\"\n"
        "  amends example_act\n"
        "  in force 2020-01-01 to 2023-12-31\n"
        "  waive answer\n"
        "}\n";
    CHECK(lint_output({{"law.pligt", law_2020}, {"pilot.pligt", set}}) ==
          "pilot.pligt:1:12: warning: exemption set 'pilot_scheme' waives or changes duties but does not say which "
          "paragraphs its basis covers (covers LAW \"PARAGRAPH\", …), so they cannot be checked against it\n"
          " 1 | exemptions pilot_scheme \"Pilot scheme\" {\n"
          "   |            ^~~~~~~~~~~~\n");
}

TEST_CASE("covering a law the set does not amend is an error") {
    auto const diagnostics = testing::diagnose({vocabulary,
                                                {"law.pligt", law_2020},
                                                {"other.pligt", law("other_act", "OA", "2020-01-01 to 2023-12-31")},
                                                {"pilot.pligt",
                                                 "exemptions pilot_scheme \"Pilot scheme\" {\n"
                                                 "  basis \"Pilot Act § 9\"\n"
                                                 "  amends example_act\n"
                                                 "  covers other_act \"§ 2\"\n"
                                                 "  in force 2020-01-01 to 2023-12-31\n"
                                                 "}\n"}});
    CHECK(testing::headlines(diagnostics) ==
          std::vector<std::string>{"pilot.pligt:4:10: error: exemption set 'pilot_scheme' covers paragraphs of "
                                   "'other_act', which it does not amend"});
}
