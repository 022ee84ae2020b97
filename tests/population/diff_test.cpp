// `pligt diff` compares rules by what is written and cases by what a
// caseworker sees: fictional rules in tests/fixtures/diff/{old,new} (a duty
// added, one removed, a changed deadline and citation, a changed exception,
// a changed exemption set) and the two versions of tests/fixtures/example_act.
#include "population/diff.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/load.hpp"
#include "tests/support/fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace {

using namespace pligt;
using engine::CaseChange;
using engine::ItemKind;

Program load_side(char const* side) {
    Diagnostics diagnostics;
    auto program = load_program({std::string{PLIGT_SOURCE_DIR "/tests/fixtures/diff/"} + side}, diagnostics);
    REQUIRE_MESSAGE(program, testing::rendered(diagnostics));
    return std::move(*program);
}

Program const& old_rules() {
    static Program const program = load_side("old");
    return program;
}

Program const& new_rules() {
    static Program const program = load_side("new");
    return program;
}

engine::ChangedItem const& changed(engine::RulesDiff const& diff, ItemKind kind, std::string const& duty) {
    auto const it = std::find_if(diff.changed.begin(), diff.changed.end(), [&](engine::ChangedItem const& c) {
        return c.item.kind == kind && c.item.duty == duty;
    });
    REQUIRE_MESSAGE(it != diff.changed.end(), "no change to ", duty);
    return *it;
}

std::string changes_text(engine::ChangedItem const& item) {
    std::string text;
    for (auto const& c : item.changes) text += c.aspect + ": " + c.old_text + " -> " + c.new_text + "\n";
    return text;
}

Moment on(char const* date) { return Moment::on(*Date::parse(date)); }

}  // namespace

TEST_CASE("identical rules have no differences") { CHECK(engine::diff_programs(old_rules(), old_rules()).empty()); }

TEST_CASE("a duty in the new rules only is added, one in the old only removed") {
    auto const diff = engine::diff_programs(old_rules(), new_rules());
    REQUIRE(diff.added.size() == 2);
    CHECK(diff.added[0].kind == ItemKind::duty);
    CHECK(diff.added[0].duty == "notify_applicant");
    CHECK(diff.added[0].owner == "office_act");
    CHECK(diff.added[0].cite == "OA § 4");
    CHECK(diff.added[1].kind == ItemKind::change);
    CHECK(diff.added[1].duty == "acknowledge");
    CHECK(diff.added[1].owner == "quick_pilot");
    REQUIRE(diff.removed.size() == 1);
    CHECK(diff.removed[0].duty == "hold_hearing");
    CHECK(diff.removed[0].title == "Hold a hearing");
}

TEST_CASE("a changed duty lists each changed aspect with its old and new text") {
    auto const diff = engine::diff_programs(old_rules(), new_rules());
    CHECK(changes_text(changed(diff, ItemKind::duty, "answer")) ==
          "cite: OA § 2, stk. 1 -> OA § 2, stk. 2\n"
          "due: within 4 months -> within 2 months\n");
    CHECK(changes_text(changed(diff, ItemKind::duty, "acknowledge")) ==
          "unless: anonymous (OA § 1, stk. 2) -> anonymous and not urgent (OA § 1, stk. 3)\n");
    CHECK(changes_text(changed(diff, ItemKind::duty, "quick_reply")) ==
          "where: urgent -> (none)\n"
          "due: within 6 weeks -> within 4 weeks\n");
}

TEST_CASE("an exemption set's waivers are matched by the duty they waive") {
    auto const diff = engine::diff_programs(old_rules(), new_rules());
    auto const& waiver = changed(diff, ItemKind::waiver, "answer");
    CHECK(waiver.item.owner == "quick_pilot");
    CHECK(changes_text(waiver) == "where: urgent -> (none)\n");
    CHECK(diff.changed.size() == 4);
}

TEST_CASE("two laws of one program are compared duty id by duty id") {
    auto const program =
        testing::compile({testing::fixture("example_events.pligt"), testing::fixture("example_act.pligt")});
    auto const old_law = program.find_law("example_act"), new_law = program.find_law("example_act_2024");
    auto const diff = engine::diff_laws(program, {old_law, engine::latest_text(program.laws[old_law])},
                                        {new_law, engine::latest_text(program.laws[new_law])});
    CHECK(diff.added.empty());
    REQUIRE(diff.removed.size() == 2);
    CHECK(diff.removed[0].duty == "acknowledge");
    CHECK(diff.removed[1].duty == "hold_hearing");
    REQUIRE(diff.changed.size() == 1);
    CHECK(diff.changed[0].item.owner == "example_act_2024");
    CHECK(diff.changed[0].old_owner == "example_act");
    CHECK(changes_text(diff.changed[0]) ==
          "cite: EA § 2, stk. 1 -> EA 2024 § 7\n"
          "due: within 4 months -> within 2 months\n"
          "effort: 3 hours -> (none)\n");
}

TEST_CASE("a law alone is in force for both laws' periods, the other never") {
    auto const program =
        testing::compile({testing::fixture("example_events.pligt"), testing::fixture("example_act.pligt"),
                          testing::fixture("pilot_scheme.pligt"), testing::fixture("towns.pligt")});
    auto const old_law = program.find_law("example_act");
    auto const new_law = program.find_law("example_act_2024");
    auto const alone = engine::with_law_alone(program, old_law, new_law);
    CHECK(alone.laws[old_law].in_force.from == *Date::parse("2020-01-01"));
    CHECK(!alone.laws[old_law].in_force.to);
    CHECK(!alone.laws[new_law].in_force.contains(*Date::parse("2024-06-01")));
    CHECK(!alone.laws[new_law].in_force.contains(*Date::parse("2020-01-01")));

    // A request in 2024: four months under the old act alone, two under the new.
    auto const comparison = engine::compare_case(
        alone, engine::with_law_alone(program, new_law, old_law),
        R"({"municipality": "town_b", "events": [{"event": "request_received", "at": "2024-01-10", "kind": "complaint"}]})",
        1, on("2024-04-01"));
    REQUIRE_MESSAGE(comparison.old_error.empty(), comparison.old_error);
    REQUIRE(comparison.differences.size() == 2);
    CHECK(comparison.differences[0].duty == "acknowledge");
    CHECK(!comparison.differences[0].new_duty);
    CHECK(comparison.differences[1].duty == "answer");
    CHECK(comparison.differences[1].old_duty->status == "pending");
    CHECK(comparison.differences[1].old_duty->due == "2024-05-10");
    CHECK(comparison.differences[1].new_duty->status == "overdue");
    CHECK(comparison.differences[1].new_duty->due == "2024-03-10");
}

TEST_CASE("a case's duties are matched by duty and instance: removed, added, status changed") {
    auto const comparison =
        engine::compare_case(old_rules(), new_rules(),
                             R"({"id": "c-1", "municipality": "town_b", "facts": {"resident": true}, "events": [
            {"event": "request_received", "at": "2023-10-02"},
            {"event": "hearing_requested", "at": "2023-12-27"}]})",
                             7, on("2024-01-01"));
    CHECK(comparison.line == 7);
    CHECK(comparison.id == "c-1");
    CHECK(comparison.changed());
    CHECK(comparison.kinds[static_cast<std::size_t>(CaseChange::duty_added)]);
    CHECK(comparison.kinds[static_cast<std::size_t>(CaseChange::duty_removed)]);
    CHECK(comparison.kinds[static_cast<std::size_t>(CaseChange::status_changed)]);
    REQUIRE(comparison.differences.size() == 3);
    CHECK(comparison.differences[0].duty == "answer");
    CHECK(comparison.differences[0].old_duty->status == "pending");
    CHECK(comparison.differences[0].new_duty->status == "overdue");
    CHECK(comparison.differences[1].duty == "hold_hearing");
    CHECK(!comparison.differences[1].new_duty);
    CHECK(comparison.differences[2].duty == "notify_applicant");
    CHECK(!comparison.differences[2].old_duty);
    CHECK(comparison.differences[2].new_duty->status == "overdue");
}

TEST_CASE("a case the old vocabulary cannot read is reported with its error") {
    auto const comparison = engine::compare_case(
        old_rules(), new_rules(),
        R"({"id": "t", "municipality": "town_b", "events": [{"event": "request_transferred", "at": "2023-12-21"}]})", 3,
        on("2024-01-01"));
    CHECK(!comparison.unreadable());
    CHECK(comparison.kinds[static_cast<std::size_t>(CaseChange::reads_only_in_new)]);
    CHECK(comparison.old_error ==
          "at /events/0/event: unknown event 'request_transferred'; did you mean 'request_answered'?");
    CHECK(comparison.new_error.empty());
    CHECK(comparison.differences.empty());
}

TEST_CASE("the summary counts each case once per kind and keeps the first examples") {
    engine::CasesDiff cases;
    auto const text = R"({"municipality": "town_b", "events": [{"event": "request_received", "at": "2023-10-02"}]})";
    for (std::uint64_t line = 1; line <= 4; ++line)
        cases.add(engine::compare_case(old_rules(), new_rules(), text, line, on("2024-01-01")), 2);
    cases.add(engine::compare_case(old_rules(), new_rules(), text, 5, on("2023-10-03")), 2);  // nothing due yet
    CHECK(cases.total == 5);
    CHECK(cases.changed == 4);
    auto const status = static_cast<std::size_t>(CaseChange::status_changed);
    CHECK(cases.by_kind[status] == 4);
    REQUIRE(cases.examples[status].size() == 2);
    CHECK(cases.examples[status][0].line == 1);
    CHECK(cases.examples[status][1].line == 2);
}
