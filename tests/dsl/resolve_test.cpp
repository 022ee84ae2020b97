// Resolution: every name in a rule file is looked up, every value typed and
// every date read. A misspelt name is an error at its line and column, with a
// suggestion when a known name is close; every error of a run is reported.
#include "tests/support/fixture.hpp"

#include "dsl/diagnostic.hpp"
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
  event answer_sent "Answer sent"
}
)"};

// A law with one duty whose trigger line (line 7) is given.
std::string law_with_trigger(std::string const& trigger) {
    return "law example_act \"Example Act\" {\n"  // 1
           "  short \"EA\"\n"                     // 2
           "  in force 2020-01-01\n"              // 3
           "  uses example_events\n"              // 4
           "  duty answer \"Answer\" {\n"         // 5
           "    cite \"§ 2\"\n"                   // 6
           "    " +
           trigger +
           "\n"                              // 7
           "    due within 4 months\n"       // 8
           "    done by request_answered\n"  // 9
           "  }\n"                           // 10
           "}\n";                            // 11
}

std::string const example_act = law_with_trigger("on request_received");

std::string const pilot_scheme = R"(exemptions pilot_scheme "Pilot scheme" {
  basis "Pilot Act § 9"
  amends example_act
  in force 2020-01-01 to 2023-12-31
  waive answer instead quick_reply
  duty quick_reply "Quick reply" {
    cite "Pilot Act § 10"
    on request_received
    due within 6 weeks
    done by request_answered
  }
}
)";

// The diagnostics of test.pligt resolved beside the vocabulary.
Diagnostics diagnose_with_vocabulary(std::string text) {
    return pligt::testing::diagnose({vocabulary, Text{"test.pligt", std::move(text)}});
}

// The only diagnostic a text gives.
Diagnostic only_error(Diagnostics const& diagnostics) {
    INFO(pligt::testing::rendered(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    auto const d = diagnostics.sorted().front();
    CHECK(d.severity == Severity::error);
    return d;
}

}  // namespace

TEST_CASE("correct rules resolve into a program with every declaration") {
    auto const program =
        pligt::testing::compile({vocabulary, Text{"law.pligt", example_act}, Text{"pilot.pligt", pilot_scheme},
                                 Text{"towns.pligt",
                                      "municipality town_a \"Town A\" {\n  code 101\n  region north\n"
                                      "  adopts pilot_scheme from 2021-01-01 to 2021-12-31\n}\n"}});
    CHECK(program.vocabularies.size() == 1);
    CHECK(program.facts.size() == 2);
    CHECK(program.kinds.size() == 1);
    CHECK(program.events.size() == 3);
    REQUIRE(program.laws.size() == 1);
    CHECK(program.laws[0].short_name == "EA");
    CHECK(program.laws[0].in_force.from.to_string() == "2020-01-01");
    CHECK_FALSE(program.laws[0].in_force.to.has_value());
    REQUIRE(program.exemption_sets.size() == 1);
    CHECK(program.exemption_sets[0].basis == "Pilot Act § 9");
    REQUIRE(program.exemption_sets[0].waivers.size() == 1);
    CHECK(program.exemption_sets[0].waivers[0].instead_id == "quick_reply");
    CHECK(program.duties.size() == 2);
    REQUIRE(program.municipalities.size() == 1);
    CHECK(program.municipalities[0].code == 101);
    REQUIRE(program.municipalities[0].adoptions.size() == 1);
    CHECK(program.municipalities[0].adoptions[0].period.to->to_string() == "2021-12-31");
    CHECK(program.find_municipality_code(101) == 0);
    CHECK(program.concepts == std::vector<std::string>{"answer", "quick_reply"});
}

TEST_CASE("an unknown event suggests the close one, at the event's line and column") {
    auto const d = only_error(diagnose_with_vocabulary(law_with_trigger("on request_recieved")));
    CHECK(d.code == "unknown_event");
    CHECK(d.file == "test.pligt");
    CHECK(d.line == 7);
    CHECK(d.column == 8);
    CHECK(d.length == 16);
    CHECK(d.message == "unknown event 'request_recieved'; did you mean 'request_received'?");
    CHECK(render(d) ==
          "test.pligt:7:8: error: unknown event 'request_recieved'; did you mean 'request_received'?\n"
          " 7 |     on request_recieved\n"
          "   |        ^~~~~~~~~~~~~~~~\n");
}

TEST_CASE("an unknown event far from every known one gets no suggestion") {
    auto const d = only_error(diagnose_with_vocabulary(law_with_trigger("on complaint_filed")));
    CHECK(d.code == "unknown_event");
    CHECK(d.line == 7);
    CHECK(d.column == 8);
    CHECK(d.message == "unknown event 'complaint_filed'");
}

TEST_CASE("an unknown fulfilling event is an error like an unknown trigger") {
    auto text = example_act;
    text.replace(text.find("done by request_answered"), 24, "done by answer_snt");
    auto const d = only_error(diagnose_with_vocabulary(text));
    CHECK(d.code == "unknown_event");
    CHECK(d.line == 9);
    CHECK(d.column == 13);
    CHECK(d.message == "unknown event 'answer_snt'; did you mean 'answer_sent'?");
}

TEST_CASE("a count of fulfilling events is 2 to 100, at the number") {
    auto text = example_act;
    text.replace(text.find("done by request_answered"), 24, "done by request_answered, 1 times");
    auto const d = only_error(diagnose_with_vocabulary(text));
    CHECK(d.code == "count_range");
    CHECK(d.line == 9);
    CHECK(d.column == 31);
    CHECK(d.message == "a count of fulfilling events is 2 to 100, found '1' (write no count for one)");
    text.replace(text.find("1 times"), 7, "101 times");
    CHECK(only_error(diagnose_with_vocabulary(text)).message ==
          "a count of fulfilling events is 2 to 100, found '101' (write no count for one)");
    text.replace(text.find("101 times"), 9, "2 times");
    CHECK(diagnose_with_vocabulary(text).empty());
}

TEST_CASE("a span read from the trigger needs a whole-number attribute of every trigger, in days to years") {
    auto text = example_act;
    text.replace(text.find("due within 4 months"), 19, "due first of (within page months, within 4 months)");
    auto d = only_error(diagnose_with_vocabulary(text));
    CHECK(d.code == "unknown_name");
    CHECK(d.line == 8);
    CHECK(d.column == 26);
    CHECK(d.message == "trigger event 'request_received' has no whole-number attribute 'page'");
    text.replace(text.find("page months"), 11, "pages hours");
    d = only_error(diagnose_with_vocabulary(text));
    CHECK(d.code == "unknown_unit");
    CHECK(d.message == "a time read from an attribute counts days, weeks, months or years, not 'hours'");
    text.replace(text.find("pages hours"), 11, "pages days");
    CHECK(diagnose_with_vocabulary(text).empty());
}

TEST_CASE("no deadline is a form of first of only, the form written 'no deadline'") {
    auto text = example_act;
    text.replace(text.find("due within 4 months"), 19, "due earliest of (within 4 months where urgent, no deadline)");
    auto d = only_error(diagnose_with_vocabulary(text));
    CHECK(d.code == "no_deadline_in_choice");
    CHECK(d.line == 8);
    CHECK(d.column == 52);
    CHECK(d.message == "'no deadline' is a form of 'first of' only: 'earliest of' compares dates");
    text.replace(text.find("earliest of"), 11, "first of");
    CHECK(diagnose_with_vocabulary(text).empty());
    text.replace(text.find("no deadline"), 11, "no time");
    d = only_error(diagnose_with_vocabulary(text));
    CHECK(d.code == "syntax_error");
    CHECK(d.message == "expected 'no deadline', found 'no time'");
}

TEST_CASE("a deadline form may name an attribute of another trigger; a name no trigger has is still an error") {
    auto text = law_with_trigger("on request_received\n    on answer_sent");
    text.replace(text.find("due within 4 months"), 19,
                 "due first of (within 1 months where kind == appeal, within 4 months)");
    CHECK(diagnose_with_vocabulary(text).empty());
    text.replace(text.find("kind == appeal"), 14, "knd == appeal");
    auto const d = only_error(diagnose_with_vocabulary(text));
    CHECK(d.code == "unknown_name");
    CHECK(d.message == "'knd' is neither an attribute of event 'request_received' nor a fact; did you mean 'kind'?");
}

TEST_CASE("a count cannot take an earlier event") {
    auto text = example_act;
    text.replace(text.find("done by request_answered"), 24, "done by request_answered, 2 times, also before");
    auto const d = only_error(diagnose_with_vocabulary(text));
    CHECK(d.code == "count_look_back");
    CHECK(d.line == 9);
    CHECK(d.message ==
          "a count is of the events within each period; an event before the duty opened cannot count "
          "(drop ', also before')");
}

TEST_CASE("an unknown attribute in a condition names the event and suggests the attribute") {
    auto const d = only_error(diagnose_with_vocabulary(law_with_trigger("on request_received where urgnt")));
    CHECK(d.code == "unknown_name");
    CHECK(d.line == 7);
    CHECK(d.column == 31);
    CHECK(d.message ==
          "'urgnt' is neither an attribute of event 'request_received' nor a fact; did you mean 'urgent'?");
}

TEST_CASE("an unknown value of a kind in a condition suggests the close value") {
    auto const d = only_error(diagnose_with_vocabulary(law_with_trigger("on request_received where kind == complain")));
    CHECK(d.code == "unknown_kind_value");
    CHECK(d.line == 7);
    CHECK(d.column == 39);
    CHECK(d.message == "unknown value 'complain' of kind 'request_kind'; did you mean 'complaint'?");
}

TEST_CASE("an unknown value of a kind inside 'in {…}' is reported at that value") {
    auto const d = only_error(
        diagnose_with_vocabulary(law_with_trigger("on request_received where kind in {information, apeal}")));
    CHECK(d.code == "unknown_kind_value");
    CHECK(d.line == 7);
    CHECK(d.column == 53);
    CHECK(d.message == "unknown value 'apeal' of kind 'request_kind'; did you mean 'appeal'?");
}

TEST_CASE("an unknown value of a kind as an attribute default is an error") {
    auto const d =
        only_error(pligt::testing::diagnose("vocabulary example_events {\n"
                                            "  kind request_kind { information, complaint }\n"
                                            "  event request_received {\n"
                                            "    kind: request_kind = informaton\n"
                                            "  }\n"
                                            "}\n"));
    CHECK(d.code == "unknown_kind_value");
    CHECK(d.line == 4);
    CHECK(d.column == 26);
    CHECK(d.message == "unknown value 'informaton' of kind 'request_kind'; did you mean 'information'?");
}

TEST_CASE("a condition on a value that is not true or false asks for a comparison") {
    auto const d = only_error(diagnose_with_vocabulary(law_with_trigger("on request_received where kind")));
    CHECK(d.code == "type_mismatch");
    CHECK(d.line == 7);
    CHECK(d.column == 31);
    CHECK(d.message == "'kind' is not true or false; compare it (==, in {…}, >=, …)");
}

TEST_CASE("ordering a bool is a type mismatch") {
    auto const d = only_error(diagnose_with_vocabulary(law_with_trigger("on request_received where urgent >= 3")));
    CHECK(d.code == "type_mismatch");
    CHECK(d.column == 31);
    CHECK(d.message == "'>=' only compares numbers and dates, and 'urgent' is neither");
}

TEST_CASE("comparing a bool with something other than true or false is a type mismatch") {
    auto const d = only_error(diagnose_with_vocabulary(law_with_trigger("on request_received where urgent == yes")));
    CHECK(d.code == "type_mismatch");
    CHECK(d.column == 41);
    CHECK(d.message == "expected true or false, found 'yes'");
}

TEST_CASE("comparing a number with a word is a type mismatch") {
    auto const d = only_error(diagnose_with_vocabulary(law_with_trigger("on request_received where age >= twelve")));
    CHECK(d.code == "type_mismatch");
    CHECK(d.column == 38);
    CHECK(d.message == "expected a whole number, found 'twelve'");
}

TEST_CASE("'in {…}' on a bool is a type mismatch") {
    auto const d = only_error(diagnose_with_vocabulary(law_with_trigger("on request_received where urgent in {true}")));
    CHECK(d.code == "type_mismatch");
    CHECK(d.column == 31);
    CHECK(d.message == "'in {…}' needs a kind or a number, and 'urgent' is neither");
}

TEST_CASE("'age' needs a vocabulary to say which date it counts from") {
    auto const d = only_error(pligt::testing::diagnose(
        "vocabulary example_events {\n  event request_received\n  event request_answered\n}\n" +
        law_with_trigger("on request_received where age >= 12")));
    CHECK(d.code == "unknown_name");
    CHECK(d.line == 11);
    CHECK(d.column == 31);
    CHECK(d.message == "'age' counts from a date no vocabulary names: declare one with 'age of \"…\" from FACT'");
}

TEST_CASE("an age counts from a date fact the rules name once, and whom it is of is said") {
    auto const ages = [](std::string const& declarations) {
        return pligt::testing::diagnose(
            {Text{"v.pligt", "vocabulary v {\n  fact born: date\n  fact name: text\n" + declarations + "}\n"}});
    };
    auto d = only_error(ages("  age of \"the applicant\" from brn\n"));
    CHECK(d.code == "unknown_name");
    CHECK(d.line == 4);
    CHECK(d.column == 31);
    CHECK(d.message == "unknown fact 'brn': an age counts from a date fact; did you mean 'born'?");

    d = only_error(ages("  age of \"the applicant\" from name\n"));
    CHECK(d.code == "type_mismatch");
    CHECK(d.message == "an age counts from a date, and fact 'name' is not one (declare it 'name: date')");

    d = only_error(ages("  age of \"\" from born\n"));
    CHECK(d.code == "missing_title");
    CHECK(d.message == "say whose age it is, as an explanation names them (e.g. \"the applicant\")");

    d = only_error(ages("  age of \"the applicant\" from born\n  age of \"the owner\" from born\n"));
    CHECK(d.code == "duplicate_clause");
    CHECK(d.line == 5);
    CHECK(d.message == "the rules already say what an age counts from, at v.pligt:4:3: one 'age of … from' in all");

    d = only_error(ages("  event came_of_age \"Of age\" at age 18 years\n"));
    CHECK(d.code == "unknown_name");
    CHECK(d.line == 4);
    CHECK(d.message ==
          "the birthday 'came_of_age' counts from a date no vocabulary names: declare one with "
          "'age of \"…\" from FACT'");

    auto const program = pligt::testing::compile(
        {Text{"v.pligt", "vocabulary v {\n  fact born: date\n  age of \"the applicant\" from born\n}\n"}});
    CHECK(program.facts[program.age_fact].id == "born");
    CHECK(program.age_subject == "the applicant");
}

TEST_CASE("waiving a duty that no amended law defines is an error with a suggestion") {
    auto text = pilot_scheme;
    text.replace(text.find("waive answer instead"), 12, "waive answr");
    auto const d = only_error(diagnose_with_vocabulary(example_act + text));
    CHECK(d.code == "unknown_duty");
    CHECK(d.line == 16);  // line 5 of the exemption set, after the 11 lines of the law
    CHECK(d.column == 9);
    CHECK(d.message ==
          "unknown duty 'answr': no law that exemption set 'pilot_scheme' amends defines it; did you mean 'answer'?");
}

TEST_CASE("a replacing duty that exists nowhere is an error") {
    auto text = pilot_scheme;
    text.replace(text.find("instead quick_reply"), 19, "instead quick_rply");
    auto const d = only_error(diagnose_with_vocabulary(example_act + text));
    CHECK(d.code == "unknown_duty");
    CHECK(d.line == 16);
    CHECK(d.column == 24);
    CHECK(d.message ==
          "unknown replacing duty 'quick_rply': neither this set nor a law it amends defines it; did you mean "
          "'quick_reply'?");
}

TEST_CASE("amending an unknown law is an error with a suggestion") {
    auto const d =
        only_error(diagnose_with_vocabulary(example_act + "exemptions pilot_scheme \"Pilot scheme\" {\n"  // 12
                                                          "  basis \"Pilot Act § 9\"\n"                   // 13
                                                          "  amends example_ac\n"                         // 14
                                                          "  in force 2020-01-01 to 2023-12-31\n"         // 15
                                                          "}\n"));
    CHECK(d.code == "unknown_law");
    CHECK(d.line == 14);
    CHECK(d.column == 10);
    CHECK(d.message == "unknown law 'example_ac'; did you mean 'example_act'?");
}

TEST_CASE("adopting an unknown exemption set is an error with a suggestion") {
    auto const d = only_error(diagnose_with_vocabulary(example_act + pilot_scheme +
                                                       "municipality town_a \"Town A\" {\n"                    // 24
                                                       "  code 101\n"                                          // 25
                                                       "  region north\n"                                      // 26
                                                       "  adopts pilot_schme from 2021-01-01 to 2021-12-31\n"  // 27
                                                       "}\n"));
    CHECK(d.code == "unknown_exemption_set");
    CHECK(d.line == 27);
    CHECK(d.column == 10);
    CHECK(d.message == "unknown exemption set 'pilot_schme'; did you mean 'pilot_scheme'?");
}

TEST_CASE("using an unknown vocabulary is an error with a suggestion") {
    auto text = example_act;
    text.replace(text.find("uses example_events"), 19, "uses example_event");
    auto const diagnostics = diagnose_with_vocabulary(text);
    auto const sorted = diagnostics.sorted();
    REQUIRE_FALSE(sorted.empty());
    auto const& d = sorted.front();
    CHECK(d.code == "unknown_vocabulary");
    CHECK(d.line == 4);
    CHECK(d.column == 8);
    CHECK(d.message == "unknown vocabulary 'example_event'; did you mean 'example_events'?");
}

TEST_CASE("a duplicate event says where the first was defined") {
    auto const d =
        only_error(pligt::testing::diagnose("vocabulary example_events {\n"
                                            "  event request_received\n"
                                            "  event request_answered\n"
                                            "  event request_received \"Again\"\n"
                                            "}\n"));
    CHECK(d.code == "duplicate_id");
    CHECK(d.line == 4);
    CHECK(d.column == 9);
    CHECK(d.message == "duplicate event 'request_received'; first defined at test.pligt:2:9");
}

TEST_CASE("a duplicate law in another file says which file defined it first") {
    auto const d = only_error(
        pligt::testing::diagnose({vocabulary, Text{"a.pligt", example_act}, Text{"b.pligt", "\n" + example_act}}));
    CHECK(d.code == "duplicate_id");
    CHECK(d.file == "b.pligt");
    CHECK(d.line == 2);
    CHECK(d.column == 5);
    CHECK(d.message == "duplicate law 'example_act'; first defined at a.pligt:1:5");
}

TEST_CASE("a duplicate duty in one law and a duplicate municipality are errors") {
    auto const diagnostics = diagnose_with_vocabulary(
        "law example_act \"Example Act\" {\n"                           // 1
        "  in force 2020-01-01\n"                                       // 2
        "  uses example_events\n"                                       // 3
        "  duty answer \"Answer\" {\n"                                  // 4
        "    cite \"§ 2\"\n"                                            // 5
        "    on request_received\n"                                     // 6
        "    due within 4 months\n"                                     // 7
        "    done by request_answered\n"                                // 8
        "  }\n"                                                         // 9
        "  duty answer \"Answer again\" {\n"                            // 10
        "  }\n"                                                         // 11
        "}\n"                                                           // 12
        "municipality town_a \"Town A\" { code 101 region north }\n"    // 13
        "municipality town_a \"Town A\" { code 102 region north }\n");  // 14
    CHECK(pligt::testing::headlines(diagnostics) ==
          std::vector<std::string>{
              "test.pligt:10:8: error: duplicate duty 'answer' in law 'example_act'; first defined at test.pligt:4:8",
              "test.pligt:14:14: error: duplicate municipality 'town_a'; first defined at test.pligt:13:14"});
}

TEST_CASE("a duplicate kommunekode names the municipality that has it") {
    auto const d =
        only_error(pligt::testing::diagnose("municipality town_a \"Town A\" { code 101 region north }\n"
                                            "municipality town_b \"Town B\" { code 101 region south }\n"));
    CHECK(d.code == "duplicate_id");
    CHECK(d.line == 2);
    CHECK(d.column == 37);
    CHECK(d.message == "code 101 is also the code of municipality 'town_a'");
}

TEST_CASE("a duty without a citation is an error at the duty's name") {
    auto text = example_act;
    text.erase(text.find("    cite \"§ 2\"\n"), 16);
    auto const d = only_error(diagnose_with_vocabulary(text));
    CHECK(d.code == "missing_clause");
    CHECK(d.line == 5);
    CHECK(d.column == 8);
    CHECK(d.message == "duty 'answer' has no citation (cite \"…\"): every duty names the paragraph it encodes");
}

TEST_CASE("a duty with two citations is an error at the second") {
    auto text = example_act;
    text.insert(text.find("    on request_received"), "    cite \"§ 3\"\n");
    auto const d = only_error(diagnose_with_vocabulary(text));
    CHECK(d.code == "duplicate_clause");
    CHECK(d.line == 7);
    CHECK(d.column == 5);
    CHECK(d.message == "duty 'answer' has a second citation; first given at test.pligt:6:5");
}

TEST_CASE("an impossible date in a rule file is an error at the date") {
    auto text = example_act;
    text.replace(text.find("2020-01-01"), 10, "2023-02-30");
    auto const d = only_error(diagnose_with_vocabulary(text));
    CHECK(d.code == "invalid_date");
    CHECK(d.line == 3);
    CHECK(d.column == 12);
    CHECK(d.length == 10);
    CHECK(d.message == "'2023-02-30' is not a date in the calendar");
}

TEST_CASE("an impossible adoption date and a period that ends before it starts are errors") {
    auto const diagnostics = diagnose_with_vocabulary(example_act + pilot_scheme +
                                                      "municipality town_a \"Town A\" {\n"                     // 24
                                                      "  code 101\n"                                           // 25
                                                      "  region north\n"                                       // 26
                                                      "  adopts pilot_scheme from 2021-02-29\n"                // 27
                                                      "  adopts pilot_scheme from 2022-01-01 to 2021-12-31\n"  // 28
                                                      "}\n");
    CHECK(pligt::testing::headlines(diagnostics) ==
          std::vector<std::string>{
              "test.pligt:27:28: error: '2021-02-29' is not a date in the calendar",
              "test.pligt:28:42: error: the period ends (2021-12-31) before it starts (2022-01-01)"});
}

TEST_CASE("a law without a period in force or a vocabulary names the missing clauses") {
    auto const diagnostics = diagnose_with_vocabulary("law example_act \"Example Act\" {\n}\n");
    CHECK(pligt::testing::headlines(diagnostics) ==
          std::vector<std::string>{
              "test.pligt:1:5: error: law 'example_act' has no period in force (in force DATE to DATE)",
              "test.pligt:1:5: error: law 'example_act' names no vocabulary (uses VOCABULARY)"});
}

TEST_CASE("every error of a run is reported, in file and line order, with the syntax errors") {
    auto const diagnostics = pligt::testing::diagnose(
        {vocabulary, Text{"test.pligt",
                          law_with_trigger("on request_recieved") +                             // 1-11: line 7
                              "law broken {\n"                                                  // 12
                              "  dyty x\n"                                                      // 13: syntax
                              "}\n"                                                             // 14
                              "municipality town_a \"Town A\" {\n"                              // 15
                              "  code 101\n"                                                    // 16
                              "  region north\n"                                                // 17
                              "  adopts pilot_scheme from 2021-01-01\n"                         // 18
                              "}\n"                                                             // 19
                              "municipality town_a \"Town A\" { code 102 region north }\n"}});  // 20
    CHECK(pligt::testing::headlines(diagnostics) ==
          std::vector<std::string>{
              "test.pligt:7:8: error: unknown event 'request_recieved'; did you mean 'request_received'?",
              "test.pligt:13:3: error: expected a law clause (short, in force, uses, calendar, anchor, version, "
              "transition, "
              "duty), or '}', found 'dyty'",
              "test.pligt:18:10: error: unknown exemption set 'pilot_scheme'",
              "test.pligt:20:14: error: duplicate municipality 'town_a'; first defined at test.pligt:15:14"});
}

TEST_CASE("a run with errors gives no program") {
    Diagnostics diagnostics;
    auto const program =
        pligt::testing::load({vocabulary, Text{"test.pligt", law_with_trigger("on request_recieved")}}, diagnostics);
    CHECK_FALSE(program.has_value());
    CHECK(diagnostics.has_errors());
}

TEST_CASE("an effort is 0 to 100000 hours; more is an error, however many digits") {
    auto with_effort = [](std::string const& hours) {
        auto text = example_act;
        text.replace(text.find("    done by"), 0, "    effort " + hours + " hours\n");
        return text;
    };
    CHECK(diagnose_with_vocabulary(with_effort("0.25")).empty());
    CHECK(diagnose_with_vocabulary(with_effort("100000")).empty());
    auto const d = only_error(diagnose_with_vocabulary(with_effort("100000.5")));
    CHECK(d.code == "invalid_number");
    CHECK(d.line == 9);
    CHECK(d.column == 12);
    CHECK(d.message == "expected a number of hours from 0 to 100000, found '100000.5'");
    CHECK(only_error(diagnose_with_vocabulary(with_effort("1" + std::string(400, '0')))).code == "invalid_number");
}

TEST_CASE("a duty in error is reported once, not again where a waiver or test names it") {
    auto law = law_with_trigger("on request_recieved");
    auto const diagnostics = pligt::testing::diagnose(
        {vocabulary, Text{"test.pligt", law}, Text{"pilot.pligt", pilot_scheme},
         Text{"towns.pligt", "municipality town_a \"Town A\" {\n  code 101\n  region north\n}\n"},
         Text{"tests.pligt",
              "test \"t\" {\n  case {\n    municipality town_a\n  }\n  as of 2021-01-01\n"
              "  expect no answer\n}\n"}});
    auto const d = only_error(diagnostics);
    CHECK(d.code == "unknown_event");
    CHECK(d.file == "test.pligt");
}

TEST_CASE("a municipality code in a test wider than an int names no municipality, not the one it wraps to") {
    auto const diagnostics = pligt::testing::diagnose(
        {vocabulary, Text{"law.pligt", example_act},
         Text{"towns.pligt", "municipality town_a \"Town A\" {\n  code 101\n  region north\n}\n"},
         Text{"test.pligt", "test \"t\" {\n  case {\n    municipality 4294967397\n  }\n  as of 2021-01-01\n}\n"}});
    auto const d = only_error(diagnostics);
    CHECK(d.code == "unknown_municipality");
    CHECK(d.message == "unknown municipality '4294967397'");
}

TEST_CASE("a span has a most per unit, so that no deadline wraps around the calendar's years") {
    auto with_due = [](std::string const& due) {
        auto text = example_act;
        text.replace(text.find("due within 4 months"), 19, due);
        return text;
    };
    CHECK(diagnose_with_vocabulary(with_due("due within 200 years")).empty());
    CHECK(diagnose_with_vocabulary(with_due("due within 100000 days")).empty());
    auto const d = only_error(diagnose_with_vocabulary(with_due("due within 100000 years")));
    CHECK(d.code == "invalid_number");
    CHECK(d.line == 8);
    CHECK(d.column == 16);
    CHECK(d.message == "expected a whole number from 1 to 200, found '100000'");
    CHECK(only_error(diagnose_with_vocabulary(with_due("due within 2401 months"))).message ==
          "expected a whole number from 1 to 2400, found '2401'");
    CHECK(only_error(diagnose_with_vocabulary(with_due("due within 10001 weeks"))).message ==
          "expected a whole number from 1 to 10000, found '10001'");
}
