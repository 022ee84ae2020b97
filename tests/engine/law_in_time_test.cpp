// The law in time, on a small fictional pair of laws: versions and the
// version that governs an instance, transitional provisions (one instance
// carried across; kept fulfilments), duties without a deadline, targets,
// `earliest of` / `latest of`, and the date that decides a waiver. Exact
// statuses, dates, citations and the output fields they give.
#include "tests/support/check_json.hpp"
#include "tests/support/fixture.hpp"

#include "engine/case.hpp"
#include "engine/evaluate.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace {

using namespace pligt;

std::string const rules = R"(
vocabulary v "Eksempel" {
  kind decision_kind { support, placement }
  event concern "Bekymring"
  event screened "Screenet"
  event examined "Undersøgt"
  event planned "Afgørelse forberedes" { kind: decision_kind }
  event decided "Afgørelse" { kind: decision_kind }
  event talked "Samtale"
  event plan "Plan"
  event started "Iværksat" { alongside: bool = false }
  event followed "Opfulgt"
}

law old "Gammel lov" {
  short "GL"
  in force 2010-01-01 to 2019-12-31
  uses v

  version "LBK nr. 1 af 01/01/2010" from 2010-01-01 {
    url "https://example.org/eli/2010/1"
  }
  version "LBK nr. 2 af 01/07/2015" from 2015-07-01 {
    url "https://example.org/eli/2015/2"
    cite examine "§ 5, stk. 7"
    duty talk "Samtale" {
      cite "§ 4"
      on planned
      due before decided matching kind
      done by talked
    }
  }
  version "LBK nr. 3 af 01/01/2018" from 2018-01-01 {
    url "https://example.org/eli/2018/3"
    repeal talk
  }

  duty examine "Undersøgelse" {
    cite "§ 5, stk. 6"
    on concern
    due within 4 months
    done by examined
  }
  duty plan_before "Plan" {
    cite "§ 9"
    on planned
    due before decided matching kind
    done by plan
  }
}

law new "Ny lov" {
  short "NL"
  in force from 2020-01-01
  uses v

  version "LOV nr. 10 af 01/06/2019" from 2020-01-01 {
    url "https://example.org/eli/2019/10"
  }
  transition from old cite "§ 99, stk. 1" {
    finish examine
  }
  transition from old cite "§ 99, stk. 2" {
    keep plan for plan_after
  }

  duty screen "Screening" {
    cite "§ 1"
    on concern
    no deadline
    done by screened
  }
  duty examine "Undersøgelse" {
    cite "§ 2, stk. 3"
    on screened
    due within 4 months of concern
    done by examined
  }
  duty plan_after "Plan" {
    cite "§ 3"
    on decided where kind == placement
    due within 3 months
    done by plan
  }
  duty follow "Opfølgning" {
    cite "§ 4"
    on started
    due earliest of (within 3 months, before examined where alongside)
    done by followed
  }
  duty follow_late "Senest" {
    cite "§ 5"
    on started
    due latest of (within 1 month, before examined)
    done by followed
  }
}

exemptions trial "Forsøg" {
  basis "Forsøgslov § 1"
  url "https://example.org/eli/trial"
  amends old
  in force 2010-01-01 to 2019-12-31
  waive plan_before dated by decided
  duty assess "Vurdering" {
    cite "Forsøgslov § 2"
    on concern
    no deadline
    target within 6 weeks
    done by examined
  }
}

municipality town "By" {
  code 1
  region r
  adopts trial from 2016-01-01 to 2016-12-31
}
municipality city "Storby" {
  code 2
  region r
  target examine within 2 months basis "Storbyens sagsbehandlingsfrister"
}
)";

Program const& program() {
    static Program const p = pligt::testing::compile(rules);
    return p;
}

struct Checked {
    engine::Case c;
    std::vector<engine::DutyResult> results;
    nlohmann::ordered_json json;
};

Checked check(std::string const& case_json, std::string const& as_of) {
    auto parsed = engine::parse_case(program(), case_json);
    REQUIRE_MESSAGE(parsed.ok(), case_json);
    Checked out{std::move(parsed).value(), {}, {}};
    auto const at = *Moment::parse(as_of);
    engine::evaluate(program(), out.c, at, out.results);
    out.json = pligt::testing::check_json(program(), out.c, out.results, at);
    return out;
}

std::vector<nlohmann::ordered_json> duties(Checked const& checked, std::string const& id) {
    std::vector<nlohmann::ordered_json> found;
    for (auto const& d : checked.json["duties"])
        if (d["duty"] == id) found.push_back(d);
    return found;
}

}  // namespace

TEST_CASE("a version renumbers a duty from its date; law_version and cite_url name the version") {
    auto const before =
        check(R"({"municipality": "city", "events": [{"event": "concern", "at": "2015-06-30"}]})", "2015-07-01");
    auto const d = duties(before, "examine").at(0);
    CHECK(d["cite"] == "GL § 5, stk. 6");
    CHECK(d["law_version"] == "LBK nr. 1 af 01/01/2010");
    CHECK(d["cite_url"] == "https://example.org/eli/2010/1");
    auto const after =
        check(R"({"municipality": "city", "events": [{"event": "concern", "at": "2015-07-01"}]})", "2015-07-02");
    auto const e = duties(after, "examine").at(0);
    CHECK(e["cite"] == "GL § 5, stk. 7");
    CHECK(e["law_version"] == "LBK nr. 2 af 01/07/2015");
    CHECK(e["due"] == "2015-11-01");
}

TEST_CASE("a duty added by a version opens instances only while a version has it") {
    auto const c = [](std::string const& at) {
        return check(
            R"({"municipality": "city", "events": [{"event": "planned", "at": ")" + at + R"(", "kind": "support"}]})",
            at);
    };
    CHECK(duties(c("2015-06-30"), "talk").empty());
    CHECK(duties(c("2015-07-01"), "talk").size() == 1);
    CHECK(duties(c("2017-12-31"), "talk").size() == 1);
    CHECK(duties(c("2018-01-01"), "talk").empty());  // repealed
}

TEST_CASE("finish: an instance open at the change is one instance under the new law, counted from the same trigger") {
    std::string const case_json = R"({"municipality": "city", "events": [
    {"event": "concern", "at": "2019-11-01"},
    {"event": "screened", "at": "2020-01-10"},
    {"event": "examined", "at": "2020-02-15"}]})";
    auto const after = check(case_json, "2020-03-15");
    auto const found = duties(after, "examine");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["law"] == "new");
    CHECK(found[0]["cite"] == "NL § 2, stk. 3");
    CHECK(found[0]["due"] == "2020-03-01");
    CHECK(found[0]["status"] == "met");
    CHECK(found[0]["transition"] == nlohmann::ordered_json{{"cite", "NL § 99, stk. 1"}, {"from", "old"}});
    CHECK(found[0]["law_version"] == "LOV nr. 10 af 01/06/2019");
    CHECK(found[0]["trace"][0] == "concern on 2019-11-01 opened this duty under old: GL § 5, stk. 7");

    auto const before = check(case_json, "2019-12-15");
    auto const old = duties(before, "examine");
    REQUIRE(old.size() == 1);
    CHECK(old[0]["law"] == "old");
    CHECK(old[0]["status"] == "pending");
    CHECK_FALSE(old[0].contains("transition"));
}

TEST_CASE("finish: an instance done before the change stays under the old law") {
    auto const r = check(R"({"municipality": "city", "events": [
    {"event": "concern", "at": "2019-09-01"}, {"event": "examined", "at": "2019-12-20"}]})",
                         "2020-02-01");
    auto const found = duties(r, "examine");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["law"] == "old");
    CHECK(found[0]["status"] == "met");
}

TEST_CASE("keep: a fulfilment made under the old law meets the new law's duty") {
    auto const kept = check(R"({"municipality": "city", "events": [
    {"event": "plan", "at": "2019-11-20"}, {"event": "decided", "at": "2020-02-01", "kind": "placement"}]})",
                            "2020-06-01");
    auto const d = duties(kept, "plan_after").at(0);
    CHECK(d["status"] == "met");
    CHECK(d["done_by"]["at"] == "2019-11-20");
    auto const none = check(R"({"municipality": "city", "events": [
    {"event": "decided", "at": "2020-02-01", "kind": "placement"}]})",
                            "2020-06-01");
    CHECK(duties(none, "plan_after").at(0)["status"] == "overdue");
}

TEST_CASE("no deadline: pending until done, then met; never late or overdue, no due") {
    auto const open =
        check(R"({"municipality": "city", "events": [{"event": "concern", "at": "2020-02-01"}]})", "2030-01-01");
    auto const d = duties(open, "screen").at(0);
    CHECK(d["status"] == "pending");
    CHECK_FALSE(d.contains("due"));
    auto const done = check(R"({"municipality": "city", "events": [
    {"event": "concern", "at": "2020-02-01"}, {"event": "screened", "at": "2025-02-01"}]})",
                            "2030-01-01");
    CHECK(duties(done, "screen").at(0)["status"] == "met");
}

TEST_CASE("targets: a set's own and a municipality's, past or not, never a breach") {
    auto const town =
        check(R"({"municipality": "town", "events": [{"event": "concern", "at": "2016-03-01"}]})", "2016-05-01");
    auto const a = duties(town, "assess").at(0);
    CHECK(a["status"] == "pending");
    CHECK(a["target"] == "2016-04-12");
    CHECK(a["past_target"] == true);
    CHECK(a["target_by"] == nlohmann::ordered_json{{"exemptions", "trial"}, {"basis", "Forsøgslov § 1"}});
    CHECK(a["cite_url"] == "https://example.org/eli/trial");

    auto const city = check(R"({"municipality": "city", "events": [
    {"event": "concern", "at": "2016-03-01"}, {"event": "examined", "at": "2016-04-15"}]})",
                            "2016-05-01");
    auto const e = duties(city, "examine").at(0);
    CHECK(e["status"] == "met");
    CHECK(e["target"] == "2016-05-01");
    CHECK(e["past_target"] == false);
    CHECK(e["target_by"]["municipality"] == "city");
}

TEST_CASE("earliest of: the first form to fall; a form's condition decides whether it counts") {
    auto const alongside = check(R"({"municipality": "city", "events": [
    {"event": "started", "at": "2020-02-01", "alongside": true}, {"event": "examined", "at": "2020-03-10"}]})",
                                 "2020-03-11");
    CHECK(duties(alongside, "follow").at(0)["due"] == "2020-03-10");
    CHECK(duties(alongside, "follow").at(0)["status"] == "overdue");
    auto const alone = check(R"({"municipality": "city", "events": [
    {"event": "started", "at": "2020-02-01"}, {"event": "examined", "at": "2020-03-10"}]})",
                             "2020-03-11");
    CHECK(duties(alone, "follow").at(0)["due"] == "2020-05-01");
    // While the event is to come, the known date stands.
    auto const waiting = check(R"({"municipality": "city", "events": [
    {"event": "started", "at": "2020-02-01", "alongside": true}]})",
                               "2020-03-11");
    CHECK(duties(waiting, "follow").at(0)["due"] == "2020-05-01");
}

TEST_CASE("latest of: waits for an open form, then the last date") {
    auto const open =
        check(R"({"municipality": "city", "events": [{"event": "started", "at": "2020-02-01"}]})", "2020-04-01");
    auto const d = duties(open, "follow_late").at(0);
    CHECK(d["due"] == nlohmann::ordered_json{{"before", "examined"}});
    CHECK(d["status"] == "pending");
    auto const known = check(R"({"municipality": "city", "events": [
    {"event": "started", "at": "2020-02-01"}, {"event": "examined", "at": "2020-02-10"}]})",
                             "2020-04-01");
    CHECK(duties(known, "follow_late").at(0)["due"] == "2020-03-01");
    CHECK(duties(known, "follow_late").at(0)["status"] == "overdue");
}

TEST_CASE("dated by: a waiver follows the date of the decision, not of its preparation") {
    auto const in_trial = check(R"({"municipality": "town", "events": [
    {"event": "planned", "at": "2015-12-01", "kind": "support"}, {"event": "decided", "at": "2016-01-05", "kind": "support"}]})",
                                "2016-02-01");
    CHECK(duties(in_trial, "plan_before").at(0)["status"] == "waived");
    auto const after_trial = check(R"({"municipality": "town", "events": [
    {"event": "planned", "at": "2016-12-01", "kind": "support"}, {"event": "decided", "at": "2017-01-05", "kind": "support"}]})",
                                   "2017-02-01");
    CHECK(duties(after_trial, "plan_before").at(0)["status"] == "overdue");
    // No decision yet: the evaluation date stands in for it.
    auto const pending_in = check(R"({"municipality": "town", "events": [
    {"event": "planned", "at": "2015-12-20", "kind": "support"}]})",
                                  "2016-01-10");
    CHECK(duties(pending_in, "plan_before").at(0)["status"] == "waived");
}

TEST_CASE("versions in the wrong order, and transitions naming unknown duties, are errors at their place") {
    auto const diagnostics = pligt::testing::diagnose(std::string{R"(
vocabulary v "V" { event e "E" }
law a "A" {
  in force 2010-01-01 to 2019-12-31
  uses v
  version "second" from 2012-01-01 { }
  version "first" from 2011-01-01 { }
  duty d "D" { cite "§ 1" on e no deadline done by e }
}
law b "B" {
  in force from 2020-01-01
  uses v
  transition from a cite "§ 9" { finish nothing }
  duty d "D" { cite "§ 1" on e no deadline due within 1 day done by e }
}
)"});
    auto const lines = pligt::testing::headlines(diagnostics);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] ==
          "test.pligt:7:24: error: version 'first' starts on 2011-01-01, not after the version before it "
          "(second, 2012-01-01); write versions in the order they came into force");
    CHECK(lines[1] == "test.pligt:13:41: error: finish 'nothing': both law 'a' and law 'b' must define the duty");
    CHECK(lines[2] ==
          "test.pligt:14:32: error: duty 'd' has a deadline (due …) and 'no deadline'; keep the one the "
          "statute says");
}
