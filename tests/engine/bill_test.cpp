// A law amended from a date: `change DUTY { … }` in a law's version, and a
// scenario's own version of a law (a bill): what each definition holds, from
// which day, under which version; what the program as written keeps; the
// errors at their place; and the shipped bill scenarios on a case.
#include "tests/support/check_json.hpp"
#include "tests/support/fixture.hpp"

#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "engine/overlay.hpp"
#include "output/report.hpp"
#include "population/diff.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

namespace {

using namespace pligt;

std::string const law = R"rules(
vocabulary v "Eksempel" {
  event concern "Bekymring"
  event examined "Undersøgt"
  event assessed "Vurderet"
  event talked "Samtale"
}

law act "Lov" {
  short "L"
  in force from 2020-01-01
  uses v

  version "LOV nr. 1 af 01/01/2020" from 2020-01-01 { }
  version "LOV nr. 2 af 01/01/2022" from 2022-01-01 {
    # Only the deadline and the effort change; the rest stays.
    change examine {
      due within 3 months of concern
      effort 20 hours
    }
  }

  duty examine "Undersøgelse" {
    cite "§ 2, stk. 3"
    on concern
    due within 4 months of concern
    wording "senest 4 måneder efter"
    done by examined
    effort 30 hours
  }
  duty talk "Samtale" {
    cite "§ 5"
    on concern
    no deadline
    done by talked
  }
}

scenario bill "Lovforslag" {
  version act "L 1 (forslag)" from 2025-07-01 {
    url "https://example.org/l1"
    change examine { due within 2 months of concern  wording "senest 2 måneder efter" }
    repeal talk
    duty assess "Vurdering" {
      cite "§ 3"
      on concern
      due within 14 days
      done by assessed
      effort 2 hours
    }
  }
}

scenario renumber "Ny nummerering" {
  version act "L 2 (forslag)" from 2026-01-01 {
    cite examine "§ 20, stk. 3"
  }
}

municipality town "By" {
  code 1
  region r
}
)rules";

Program const& program() {
    static Program const p = pligt::testing::compile(law);
    return p;
}

ScenarioDef const& scenario(Program const& p, std::string const& id) {
    auto const it =
        std::find_if(p.scenarios.begin(), p.scenarios.end(), [&](ScenarioDef const& s) { return s.id == id; });
    REQUIRE(it != p.scenarios.end());
    return *it;
}

// The check JSON of a case with one concern on `day`, under `p`, as of `as_of`.
nlohmann::ordered_json check(Program const& p, std::string const& day, std::string const& as_of,
                             std::string const& more_events = "") {
    auto const text =
        R"({"municipality": "town", "events": [{"event": "concern", "at": ")" + day + R"("})" + more_events + "]}";
    auto parsed = engine::parse_case(p, text);
    REQUIRE_MESSAGE(parsed.ok(), text);
    std::vector<engine::DutyResult> results;
    auto const at = *Moment::parse(as_of);
    engine::evaluate(p, *parsed, at, results);
    return pligt::testing::check_json(p, *parsed, results, at);
}

nlohmann::ordered_json duty(nlohmann::ordered_json const& checked, std::string const& id) {
    for (auto const& d : checked["duties"])
        if (d["duty"] == id) return d;
    return nullptr;
}

}  // namespace

TEST_CASE("change in a version: the clauses written replace theirs, the rest stays, from the version's date") {
    auto const before = duty(check(program(), "2021-12-31", "2022-01-02"), "examine");
    CHECK(before["due"] == "2022-04-30");
    CHECK(before["law_version"] == "LOV nr. 1 af 01/01/2020");

    auto const after = duty(check(program(), "2022-01-01", "2022-01-02"), "examine");
    CHECK(after["due"] == "2022-04-01");
    CHECK(after["law_version"] == "LOV nr. 2 af 01/01/2022");
    CHECK(after["cite"] == "L § 2, stk. 3");  // kept
    CHECK(after["title"] == "Undersøgelse");

    // The definitions as the program holds them: two texts of one duty.
    std::vector<DutyDef const*> texts;
    for (auto const& d : program().duties)
        if (d.id == "examine") texts.push_back(&d);
    REQUIRE(texts.size() == 2);
    CHECK(texts[0]->valid.to == Date::parse("2021-12-31"));
    CHECK(texts[1]->valid.from == *Date::parse("2022-01-01"));
    CHECK(texts[0]->wording == "senest 4 måneder efter");
    CHECK(texts[1]->wording.empty());  // the old time limit's words do not describe the new one
    CHECK(texts[1]->effort_hours == 20);
    CHECK(texts[1]->done_by.size() == 1);
}

TEST_CASE("a scenario's version amends the law from its date under the scenario only") {
    auto const& bill = scenario(program(), "bill");
    auto const amended = engine::with_scenario(program(), bill);

    // As written: nothing of the bill.
    auto const written = check(program(), "2025-08-01", "2025-08-02");
    CHECK(duty(written, "examine")["due"] == "2025-11-01");
    CHECK(duty(written, "talk") != nullptr);
    CHECK(duty(written, "assess") == nullptr);
    CHECK(duty(written, "examine")["law_version"] == "LOV nr. 2 af 01/01/2022");

    // Under the bill, from 2025-07-01: the new deadline and words, the duty
    // repealed gone, the new duty there, the version named with its address.
    auto const under = check(amended, "2025-08-01", "2025-08-02");
    auto const examine = duty(under, "examine");
    CHECK(examine["due"] == "2025-10-01");
    auto const text = std::find_if(amended.duties.begin(), amended.duties.end(), [](DutyDef const& d) {
        return d.id == "examine" && d.valid.from == *Date::parse("2025-07-01");
    });
    REQUIRE(text != amended.duties.end());
    CHECK(text->wording == "senest 2 måneder efter");
    CHECK(text->effort_hours == 20);  // from LOV 2, which the bill leaves
    CHECK(examine["law_version"] == "L 1 (forslag)");
    CHECK(examine["cite_url"] == "https://example.org/l1");
    CHECK(duty(under, "talk") == nullptr);
    auto const assess = duty(under, "assess");
    REQUIRE(assess != nullptr);
    CHECK(assess["due"] == "2025-08-15");
    CHECK(assess["status"] == "pending");

    // A concern before the bill's date keeps the law before it.
    auto const earlier = check(amended, "2025-06-30", "2025-07-02");
    CHECK(duty(earlier, "examine")["due"] == "2025-09-30");
    CHECK(duty(earlier, "examine")["law_version"] == "LOV nr. 2 af 01/01/2022");
    CHECK(duty(earlier, "talk") != nullptr);
    CHECK(duty(earlier, "assess") == nullptr);

    // The program as written keeps its duties; the new id is a concept of
    // both, so results compare across scenarios by index.
    CHECK(std::none_of(program().duties.begin(), program().duties.end(),
                       [](DutyDef const& d) { return d.id == "assess"; }));
    CHECK(program().concepts == amended.concepts);
    CHECK(std::binary_search(program().concepts.begin(), program().concepts.end(), "assess"));
}

TEST_CASE("a scenario's renumbering, and what the bill changes in words and as a diff") {
    auto const renumbered = engine::with_scenario(program(), scenario(program(), "renumber"));
    auto const d = duty(check(renumbered, "2026-02-01", "2026-02-02"), "examine");
    CHECK(d["cite"] == "L § 20, stk. 3");
    CHECK(d["due"] == "2026-05-01");  // LOV 2's deadline kept

    auto const& bill = scenario(program(), "bill");
    auto const amended = engine::with_scenario(program(), bill);
    CHECK(engine::describe_scenario(program(), bill) ==
          std::vector<std::string>{
              "law act amended from 2025-07-01 by \"L 1 (forslag)\": changes examine, adds assess, repeals talk"});
    auto const diff = engine::diff_scenario(program(), amended, bill);
    REQUIRE(diff.added.size() == 1);
    CHECK(diff.added[0].duty == "assess");
    REQUIRE(diff.removed.size() == 1);
    CHECK(diff.removed[0].duty == "talk");
    REQUIRE(diff.changed.size() == 1);
    auto const& changes = diff.changed[0].changes;
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].aspect == "due");
    CHECK(changes[0].old_text == "within 3 months of concern");
    CHECK(changes[0].new_text == "within 2 months of concern");
}

TEST_CASE("a change or a scenario's version written wrongly is an error at its place") {
    auto const lines = pligt::testing::headlines(pligt::testing::diagnose(std::string{R"rules(
vocabulary v "V" { event e "E"  event f "F"  fact g: bool "G" }
law a "A" {
  in force 2010-01-01 to 2019-12-31
  uses v
  version "1" from 2012-01-01 {
    change d { on f }
    change d2 { }
    change dd { due within 1 day }
  }
  version "2" from 2013-01-01 {
    change d2 { wording "senest" }
  }
  duty d "D" { cite "§ 1" on e due within 2 days done by e }
  duty d2 "D2" { cite "§ 2" on e no deadline done by e }
}
scenario s "S" {
  version a "late" from 2020-01-01 { repeal d }
  version a "x" from 2015-01-01 {
    duty n "N" { cite "§ 3" on e unless g instead d due within 1 day done by e }
  }
  version a "y" from 2014-01-01 { }
}
)rules"}));
    REQUIRE(lines.size() == 7);
    CHECK(lines[0] ==
          "test.pligt:7:16: error: a change keeps when duty 'd' opens and its exceptions; to change its triggers, "
          "write the whole duty anew in this version (duty d \"…\" { … })");
    CHECK(lines[1] ==
          "test.pligt:8:12: error: change of duty 'd2' changes nothing: write the clauses that change (due, cite, "
          "effort, …)");
    CHECK(lines[2] ==
          "test.pligt:9:12: error: unknown duty 'dd': no earlier version of law 'a' has it in force; did "
          "you mean 'd'?");
    CHECK(lines[3] ==
          "test.pligt:12:17: error: duty 'd2' has no deadline, so there is no time limit to give the "
          "statute's words for");
    CHECK(lines[4] ==
          "test.pligt:18:25: error: version 'late' starts on 2020-01-01, when law 'a' is not in force "
          "(2010-01-01 to 2019-12-31)");
    CHECK(lines[5] ==
          "test.pligt:20:51: error: a scenario's duty cannot leave another in its place (instead): "
          "write the duty left as a duty of the law");
    CHECK(lines[6] ==
          "test.pligt:22:22: error: version 'y' starts on 2014-01-01, not after this scenario's version "
          "before it (x, 2015-01-01); write versions in the order they come into force");
}

TEST_CASE("the shipped bill scenarios: the investigation on 3 months from 2027, the trial extended to 2022") {
    auto const& shipped = pligt::testing::shipped_program();
    auto const case_json = [](std::string const& municipality, std::string const& day) {
        return R"({"municipality": ")" + municipality + R"(", "facts": {"birthdate": "2015-03-01"}, "events": [
            {"event": "concern_registered", "at": ")" +
               day + R"("},
            {"event": "screening_completed", "at": ")" +
               day + R"(", "outcome": "child_investigation"}]})";
    };
    auto const investigation = [&](Program const& p, std::string const& municipality, std::string const& day,
                                   std::string const& as_of) {
        auto parsed = engine::parse_case(p, case_json(municipality, day));
        REQUIRE(parsed.ok());
        std::vector<engine::DutyResult> results;
        auto const at = *Moment::parse(as_of);
        engine::evaluate(p, *parsed, at, results);
        return duty(pligt::testing::check_json(p, *parsed, results, at), "child_investigation");
    };

    auto const three = engine::with_scenario(shipped, scenario(shipped, "investigation_three_months"));
    CHECK(investigation(shipped, "aarhus", "2027-08-02", "2027-09-01")["due"] == "2027-12-02");
    auto const under = investigation(three, "aarhus", "2027-08-02", "2027-09-01");
    CHECK(under["due"] == "2027-11-02");
    CHECK(under["cite"] == "BL § 20, stk. 3");
    CHECK(under["law_version"] == "Undersøgelsen på 3 måneder (hypotetisk)");
    // A concern before 2027-07-01 keeps 4 months; after the new deadline, late.
    CHECK(investigation(three, "aarhus", "2027-06-30", "2027-07-01")["due"] == "2027-10-30");
    CHECK(investigation(three, "aarhus", "2027-08-02", "2027-11-03")["status"] == "overdue");
    CHECK(investigation(shipped, "aarhus", "2027-08-02", "2027-11-03")["status"] == "pending");

    // L 58 2021-22: in Gladsaxe in 2022 the trial's waiver holds again; in
    // Ikast-Brande, whose trial had ended, nothing changes.
    auto const extended = engine::with_scenario(shipped, scenario(shipped, "frikommune_extension_2022"));
    auto const written = investigation(shipped, "gladsaxe", "2022-03-01", "2022-04-01");
    CHECK(written["status"] == "pending");
    CHECK(written["due"] == "2022-07-01");
    auto const waived = investigation(extended, "gladsaxe", "2022-03-01", "2022-04-01");
    CHECK(waived["status"] == "waived");
    CHECK(waived["law_version"] == "LBK nr. 170 af 24/01/2022");
    CHECK(investigation(extended, "ikast-brande", "2022-03-01", "2022-04-01")["status"] == "pending");
    CHECK(investigation(extended, "gladsaxe", "2023-01-02", "2023-02-01")["status"] == "pending");
}
