// The paragraph inventory and the traceability table on a small fictional
// law: the reader's errors at their line and column, the checks against the
// rules (unknown law or duty, a duty on a paragraph it does not cite or
// outside its versions, a duty on no line, a law without an inventory), and
// the table's rows.
#include "tests/support/fixture.hpp"

#include "authoring/paragraphs.hpp"
#include "authoring/traceability.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace pligt;

std::string const rules = R"(
vocabulary v "Example" {
  event concern "Concern"
  event examined "Examined"
  event decided "Decided"
  event planned "Planned"
}

law permits "Permit act" {
  short "PA"
  in force 2010-01-01
  uses v

  version "Act 1 of 2010" from 2010-01-01 {
  }
  version "Act 2 of 2015" from 2015-01-01 {
    cite examine "Art. 5, para. 7"
  }

  duty examine "Examination" {
    cite "Art. 5, para. 6"
    on concern
    due within 4 months
    done by examined
  }

  duty plan "Plan" {
    cite "Art. 50 a, para. 2 and 3"
    on decided
    due within 3 months
    done by planned
  }
}

exemptions trial "Trial" {
  basis "Trial act, art. 1"
  amends permits
  covers permits "Art. 5"
  in force 2012-01-01 to 2013-12-31
  waive examine
}
)";

std::string const good = R"(# The permit act, as far as it concerns casework.
law permits
chapter "Chapter 1. Examination"
Art. 5, para. 1 | 2010-01-01 | - | no process duty: the purpose of the act
Art. 5, para. 6 | 2010-01-01 .. 2014-12-31 | examine |
Art. 5, para. 7 | 2010-01-01 .. 2014-12-31 | - | no process duty: what the examination covers
Art. 5, para. 7 | 2015-01-01 | examine | renumbered from para. 6
chapter "Chapter 2. Plans"
Art. 50 a, para. 2 | 2010-01-01 | plan
Art. 50 a, para. 3 | 2010-01-01 | plan | the plan's content | not a rule
Art. 51 | 2010-01-01 | - | not encoded: the review of the plan "every 12 months"; no event records it
)";

ParagraphInventory read_ok(std::string text) {
    Diagnostics diagnostics;
    auto inventory = read_paragraphs(SourceFile{"permits.paragraphs", std::move(text)}, diagnostics);
    INFO(testing::rendered(diagnostics));
    REQUIRE(inventory);
    return *inventory;
}

// The headlines one a line, so a failing check prints them.
std::string lines(std::vector<std::string> const& headlines) {
    std::string text;
    for (auto const& h : headlines) text += h + "\n";
    return text;
}

std::string read_errors(std::string text) {
    Diagnostics diagnostics;
    CHECK_FALSE(read_paragraphs(SourceFile{"permits.paragraphs", std::move(text)}, diagnostics));
    return lines(testing::headlines(diagnostics));
}

std::string check_errors(Program const& program, std::vector<std::string> texts) {
    std::vector<ParagraphInventory> inventories;
    for (auto& text : texts) inventories.push_back(read_ok(std::move(text)));
    Diagnostics diagnostics;
    CHECK_FALSE(engine::check_traceability(program, inventories, diagnostics));
    return lines(testing::headlines(diagnostics));
}

}  // namespace

TEST_CASE("an inventory reads into paragraphs with their periods, rules, notes and chapters") {
    auto const inventory = read_ok(good);
    CHECK(inventory.law == "permits");
    REQUIRE(inventory.entries.size() == 7);
    CHECK(inventory.chapters == std::vector<std::string>{"", "Chapter 1. Examination", "Chapter 2. Plans"});
    auto const& renumbered = inventory.entries[3];
    CHECK(renumbered.label == "Art. 5, para. 7");
    CHECK(renumbered.in_force.from.to_string() == "2015-01-01");
    CHECK_FALSE(renumbered.in_force.to);
    CHECK(renumbered.rules == std::vector<std::string>{"examine"});
    CHECK(renumbered.note == "renumbered from para. 6");
    CHECK(renumbered.chapter == 1);
    CHECK(inventory.entries[1].in_force.to->to_string() == "2014-12-31");
    CHECK(inventory.entries[0].rules.empty());
    CHECK(inventory.entries[4].note.empty());
    CHECK(inventory.entries[5].note == "the plan's content | not a rule");  // a bar inside the note is kept
    CHECK(inventory.entries[6].chapter == 2);
}

TEST_CASE("a bad inventory line is refused at its place, every bad line at once") {
    CHECK(read_errors("Art. 1 | 2010-01-01 | - | x\n") ==
          lines({"permits.paragraphs:1:1: error: a paragraph before the `law ID` line: name the law first"}));
    CHECK(read_errors("# nothing\n") ==
          lines({"permits.paragraphs:1:1: error: the file names no law: its first line must be `law ID`"}));
    CHECK(
        read_errors("law permits\n"
                    "Art. 1 | 2010-02-30 | - | x\n"
                    "Art. 2 | 2010-01-01 .. 2009-12-31 | - | x\n"
                    "Art. 3 2010-01-01 - x\n"
                    "Art. 4 | 2010-01-01 | - |\n"
                    "Art. 5 | 2010-01-01 | Examine | x\n"
                    "Art. 6 | 2010-01-01 .. 2012-12-31 | - | x\n"
                    "Art. 6 | 2012-06-01 | - | y\n"
                    "chapter Two\n"
                    "law other\n") ==
        lines(
            {"permits.paragraphs:2:10: error: expected a date YYYY-MM-DD (a day that exists)",
             "permits.paragraphs:3:10: error: the period ends (2009-12-31) before it begins (2010-01-01)",
             "permits.paragraphs:4:1: error: expected `PARAGRAPH | FROM [.. TO] | RULES or - | NOTE`: columns "
             "separated "
             "by `|`",
             "permits.paragraphs:5:23: error: Art. 4: no rule encodes it and no note says why: add the reason as a "
             "fourth column",
             "permits.paragraphs:6:23: error: expected `-` or the ids of the duties that encode the paragraph, "
             "separated by commas",
             "permits.paragraphs:8:1: error: Art. 6 is listed twice for the same days: here (2012-06-01) and on line 7 "
             "(2010-01-01 .. 2012-12-31)",
             "permits.paragraphs:9:9: error: expected the chapter's heading in double quotes after `chapter`",
             "permits.paragraphs:10:1: error: a second `law` line: one law a file"}));
}

TEST_CASE("a paragraph is cited by its whole section number and its part, or by the whole section") {
    CHECK(engine::cites_paragraph("Art. 5, para. 6", "Art. 5, para. 6"));
    CHECK(engine::cites_paragraph("Art. 5, para. 6, 2nd sentence", "Art. 5, para. 6"));
    CHECK(engine::cites_paragraph("Art. 5", "Art. 5, para. 6"));
    CHECK(engine::cites_paragraph("Art. 5, para. 2-4", "Art. 5, para. 3"));
    CHECK_FALSE(engine::cites_paragraph("Art. 5, para. 7", "Art. 5, para. 6"));
    CHECK_FALSE(engine::cites_paragraph("Art. 5, para. 2-4", "Art. 5, para. 5"));
    CHECK_FALSE(engine::cites_paragraph("Art. 5, para. 16", "Art. 5, para. 1"));
    CHECK_FALSE(engine::cites_paragraph("Art. 70, para. 2, jf. Art. 148, para. 1", "Art. 148, para. 2"));
    CHECK_FALSE(engine::cites_paragraph("Art. 70, para. 2, 2. sentence", "Art. 70, para. 1"));
    CHECK(engine::cites_paragraph("Art. 70, para. 2, jf. Art. 148, para. 1", "Art. 148, para. 1"));
    CHECK(engine::cites_paragraph("Art. 70, para. 2, jf. Art. 148, para. 1", "Art. 70, para. 2"));
    CHECK(engine::cites_paragraph("Art. 50 a, para. 2 and 3", "Art. 50 a, para. 3"));
    CHECK(engine::cites_paragraph("Art. 75", "Art. 75"));
    CHECK_FALSE(engine::cites_paragraph("Art. 50, para. 6", "Art. 5, para. 6"));
    CHECK_FALSE(engine::cites_paragraph("Art. 50 a, para. 2", "Art. 50, para. 2"));
    CHECK_FALSE(engine::cites_paragraph("Art. 150", "Art. 50"));
}

TEST_CASE("an inventory that accounts for every duty is accepted, and the table shows each paragraph") {
    auto const program = testing::compile(rules);
    std::vector<ParagraphInventory> inventories{read_ok(good)};
    Diagnostics diagnostics;
    CHECK(engine::check_traceability(program, inventories, diagnostics));
    CHECK(testing::rendered(diagnostics).empty());
    auto const table = engine::traceability_markdown(program, inventories);
    CHECK(table.find("## Permit act (PA)\n\nIn force 2010-01-01 –. Inventory: `permits.paragraphs`. 7 paragraphs: 4 "
                     "encoded by 2 duties; no process duty: 2; not encoded: 1.\n") != std::string::npos);
    CHECK(table.find("\n### Chapter 1. Examination\n\n| Paragraph | In force | Encoded by | Note |\n|---|---|---|---|\n"
                     "| Art. 5, para. 1 | 2010-01-01 – | – | no process duty: the purpose of the act |\n"
                     "| Art. 5, para. 6 | 2010-01-01 – 2014-12-31 | `examine`; waived by `trial` |  |\n") !=
          std::string::npos);
    CHECK(table.find("| Art. 5, para. 7 | 2015-01-01 – | `examine`; waived by `trial` | renumbered from para. 6 |\n") !=
          std::string::npos);
    CHECK(table.find("| Art. 50 a, para. 2 | 2010-01-01 – | `plan` (Art. 50 a, para. 2 and 3) |  |\n") !=
          std::string::npos);
    CHECK(table.find("| Art. 50 a, para. 3 | 2010-01-01 – | `plan` (Art. 50 a, para. 2 and 3) | the plan's content \\| "
                     "not a rule |\n") != std::string::npos);
}

TEST_CASE("where the inventory and the rules disagree, each disagreement is an error at its place") {
    auto const program = testing::compile(rules);
    SUBCASE("a duty on no line, named at the law line") {
        CHECK(
            check_errors(program, {"law permits\nArt. 5, para. 6 | 2010-01-01 .. 2014-12-31 | examine |\n"
                                   "Art. 5, para. 7 | 2015-01-01 | examine |\n"}) ==
            lines(
                {"permits.paragraphs:1:5: error: duty 'plan' of 'permits' (Art. 50 a, para. 2 and 3, from 2010-01-01) "
                 "is on no line of this inventory: add it to the line of each paragraph it encodes"}));
    }
    SUBCASE("a version's text on no line: its renumbered citation") {
        CHECK(
            check_errors(program, {"law permits\nArt. 5, para. 6 | 2010-01-01 | examine |\nArt. 50 a, para. 2 | "
                                   "2010-01-01 | plan |\n"}) ==
            lines(
                {"permits.paragraphs:1:5: error: duty 'examine' of 'permits' (Art. 5, para. 7, from 2015-01-01) is on "
                 "no line of this inventory: add it to the line of each paragraph it encodes"}));
    }
    SUBCASE("unknown law, unknown duty, wrong paragraph, wrong days") {
        CHECK(check_errors(program, {"law permit\nArt. 1 | 2010-01-01 | - | x\n"}) ==
              lines({"permits.paragraphs:1:5: error: unknown law 'permit'; did you mean 'permits'?",
                     "test.pligt:9:5: error: law 'permits' has duties but no paragraph inventory: a "
                     "`.paragraphs` file beginning `law permits` beside the rule files"}));
        CHECK(check_errors(program, {"law permits\n"
                                     "Art. 5, para. 6 | 2010-01-01 .. 2014-12-31 | examine, exmine |\n"
                                     "Art. 50, para. 2 | 2010-01-01 | plan |\n"
                                     "Art. 50 a, para. 2 | 2010-01-01 | plan |\n"
                                     "Art. 5, para. 7 | 2015-01-01 | examine |\n"
                                     "Art. 5, para. 8 | 2005-01-01 .. 2009-12-31 | examine |\n"}) ==
              lines({"permits.paragraphs:2:55: error: 'permits' has no duty 'exmine'; did you mean 'examine'?",
                     "permits.paragraphs:3:33: error: duty 'plan' of 'permits' does not cite Art. 50, para. 2 in these "
                     "days: put it on the line of each paragraph it cites",
                     "permits.paragraphs:6:46: error: duty 'examine' of 'permits' holds for none of the days this line "
                     "lists"}));
    }
    SUBCASE("two inventories of one law") {
        CHECK(
            check_errors(program, {good, good}) ==
            lines(
                {"permits.paragraphs:2:5: error: a second inventory for 'permits' (the first is permits.paragraphs)"}));
    }
}
