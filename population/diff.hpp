// Comparing two versions of the rules: which duties were added, removed or
// changed (`pligt diff`), and what that does to a population of cases.
//
// The rules are compared as a legal advisor reads them, by the text written:
// a duty is matched by (law id, duty id), or by duty id alone when two laws
// of one program are compared, and an aspect has changed when its text has
// (the citation as quoted, the deadline as written, the events by id). Two
// programs share no indices, so everything compared is a name or a text.
//
// Cases are compared by what a caseworker sees: each case is read and
// evaluated under both programs, and its duties are matched by (duty id,
// instance); a duty present on one side only, or with another status, is a
// difference. Nothing here prints; cli/diff.cpp puts results into words.
#pragma once

#include "dsl/date.hpp"
#include "dsl/program.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pligt::engine {

// What a difference is about: a law's or a set's own duty, a set's waiver of
// a duty, or a set's changed deadline for one.
enum class ItemKind : std::uint8_t { duty, waiver, change };
std::string_view to_string(ItemKind kind);  // "duty", "waiver", "change"

struct DiffItem {
    ItemKind kind = ItemKind::duty;
    std::string duty;   // the duty id (waived or changed, for a set's waiver or change)
    std::string owner;  // the law or exemption set id
    std::string title;  // a duty's title; empty otherwise
    std::string cite;   // a duty's citation as quoted; empty otherwise
    // Every aspect as text, keyed as AspectChange::aspect, for showing what
    // was added or removed.
    std::vector<std::pair<std::string, std::string>> aspects;
};

// One aspect, named by its key in `pligt duties --json` ("title", "cite",
// "on", "where", "unless", "due", "done_by", "lapses_on", "effort"; for a
// waiver "where" and "instead"). A missing clause is the text "(none)".
struct AspectChange {
    std::string aspect;
    std::string old_text;
    std::string new_text;
};

struct ChangedItem {
    DiffItem item;          // as in the new rules
    std::string old_owner;  // when comparing two laws: the old law
    std::vector<AspectChange> changes;
};

struct RulesDiff {
    std::vector<DiffItem> added;
    std::vector<DiffItem> removed;
    std::vector<ChangedItem> changed;
    bool empty() const { return added.empty() && removed.empty() && changed.empty(); }
};

// Two rule sets: duties by (law id, duty id) and exemption sets' duties by
// (set id, duty id), their waivers and changes by (set id, duty id). Ordered
// by owner, then kind, then duty id.
RulesDiff diff_programs(Program const& old_program, Program const& new_program);

// One side of a comparison of laws: a law as its text stood on a date (the
// version in force then).
struct LawText {
    Index law = no_index;
    Date on;
};

// The date a law's text is compared at when none is named: its last
// version's start, inside the law's period (the law as last amended).
Date latest_text(LawDef const& law);

// Two laws of one program, or two versions of one law: the duties each text
// holds, matched by duty id.
RulesDiff diff_laws(Program const& program, LawText old_text, LawText new_text);
// The same across two programs (a law as written and as a scenario amends it).
RulesDiff diff_laws(Program const& old_program, LawText old_text, Program const& new_program, LawText new_text);

// What a scenario's versions of laws change (`version LAW … from DATE`): each
// law's text on the version's date as written and under the scenario
// (`scenario_program`, with_scenario's). The scenario's other parts
// (adoptions, periods, efforts) change no duty's text; describe_scenario
// (output/report.hpp) puts them into words.
RulesDiff diff_scenario(Program const& program, Program const& scenario_program, ScenarioDef const& scenario);

// The program as if only `keep` of the two laws existed, in force for the
// union of both laws' periods; `drop` is never in force. Other laws and the
// exemption sets stay as written.
Program with_law_alone(Program const& program, Index keep, Index drop);

// The program as if the text of `law` in force on `on` (that version's
// duties, citations and deadlines) had been its only text all along.
Program with_text_alone(Program const& program, Index law, Date on);

// A duty of a case as a caseworker sees it.
struct CaseDuty {
    std::string duty;
    int instance = 1;    // 1, 2, … by trigger time
    std::string status;  // as in `pligt check --json`
    std::string due;     // YYYY-MM-DD, "before EVENT", or empty when it has none (excepted, no deadline)
};

struct DutyDifference {
    std::string duty;
    int instance = 1;
    std::optional<CaseDuty> old_duty, new_duty;  // none: absent on that side
};

// The kinds of difference a case can show, each counted once per case.
enum class CaseChange : std::uint8_t { duty_added, duty_removed, status_changed, reads_only_in_old, reads_only_in_new };
inline constexpr std::size_t case_change_count = 5;
std::string_view to_string(CaseChange change);  // "duty_added", …

struct CaseComparison {
    std::uint64_t line = 0;
    std::string id;                    // the case's id; may be empty
    std::string old_error, new_error;  // why the case did not read on that side; empty when it did
    std::vector<DutyDifference> differences;
    std::array<bool, case_change_count> kinds{};

    bool unreadable() const { return !old_error.empty() && !new_error.empty(); }
    bool changed() const;
};

// Reads one case line under both programs and evaluates it as of `as_of`.
CaseComparison compare_case(Program const& old_program, Program const& new_program, std::string_view text,
                            std::uint64_t line, Moment as_of);

// The population's summary: how many cases changed, by kind, with the first
// few examples of each kind.
struct CasesDiff {
    std::uint64_t total = 0;
    std::uint64_t changed = 0;
    std::array<std::uint64_t, case_change_count> by_kind{};
    std::array<std::vector<CaseComparison>, case_change_count> examples;

    // Counts a readable comparison (not unreadable on both sides).
    void add(CaseComparison const& comparison, std::size_t max_examples);
};

}  // namespace pligt::engine
