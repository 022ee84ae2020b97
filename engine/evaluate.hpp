// Evaluation: which duties a case has opened, by when each is due, and its
// status at a moment. The hot path of checking and simulation: it reads the
// immutable Program and the resolved Case, writes compact results into a
// caller-owned vector (reused across cases), and builds no strings; explain.hpp
// turns results into words and JSON.
#pragma once

#include "dsl/date.hpp"
#include "dsl/program.hpp"
#include "engine/case.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace pligt::engine {

// Enumerators spell the contract of `pligt check --json`.
enum class Status : std::uint8_t { pending, met, late, overdue, waived, excepted, lapsed };
// Every status, in the order of the enumeration (and of the counts the
// simulator writes).
inline constexpr Status all_statuses[] = {Status::pending, Status::met,      Status::late,  Status::overdue,
                                          Status::waived,  Status::excepted, Status::lapsed};
std::string_view to_string(Status status);
std::optional<Status> parse_status(std::string_view text);

inline constexpr std::int32_t none = -1;  // no case event

struct DutyResult {
    // Every member has its initializer; a constructor of its own keeps
    // `emplace_back()` from zero-filling the whole result first.
    DutyResult() noexcept {}

    Index duty = no_index;      // into Program::duties
    std::uint32_t trigger = 0;  // into Case::events
    Status status = Status::pending;
    std::uint16_t instance = 0;  // 1, 2, … when the case has several instances of the duty; else 0
    std::uint16_t cycle = 0;     // 0 for the first deadline, k for the k-th repetition

    Moment due;
    Index due_before = no_index;    // `before EVENT` not yet happened: due is {"before": EVENT}
    Moment from;                    // what the deadline counts from (trigger, anchor, previous instance, birthday)
    std::int32_t anchor = none;     // the case event `within … of EVENT` counted from
    std::int32_t previous = none;   // the previous instance's fulfilling event, for repetitions
    Span interval;                  // for repetitions: the interval counted from `from`
    bool missing_age_fact = false;  // an age deadline in a case without the fact an age counts from
    std::int8_t chosen_form = -1;   // `first of (…)`: the form that applied, into its alternatives

    Index changed_by = no_index;  // exemption set whose `change` gave `due`
    Moment law_due;               // the law's own deadline, when changed
    Index law_due_before = no_index;

    Index waived_by = no_index;     // exemption set, when waived
    Index waiver = no_index;        // into that set's waivers
    Index exception = no_index;     // into DutyDef::exceptions, when excepted
    std::int32_t done = none;       // into Case::events: the fulfilling event
    std::int32_t lapsed_on = none;  // into Case::events: the event that ended its purpose

    bool no_deadline = false;             // the statute sets no time: never late or overdue, no `due`
    Date decided_on;                      // the date that chose the law version (and the exemptions)
    Index transition_law = no_index;      // the law whose transitional provision carried it across
    Index transition = no_index;          // into that law's transitions
    Index carried_from = no_index;        // the older law's duty that opened it, when carried
    Index kept_by = no_index;             // a transition of its law that kept an older fulfilment
    Index residual_of = no_index;         // the excepted duty whose exception left this one in its place
    Index residual_exception = no_index;  // into that duty's exceptions
    std::int8_t target_source = 0;        // 0 none, 1 the duty's exemption set, 2 the municipality
    Index target_index = no_index;        // the municipality's target, when target_source == 2
    bool past_target = false;
    Moment target;
};

// Whether a result has a due date to show and compare, as in `pligt check
// --json`: an excepted instance has none, nor a duty without a deadline, nor
// an age deadline in a case without its age fact (its `due` only holds the
// trigger's moment).
inline bool has_due(DutyResult const& result) {
    return result.status != Status::excepted && !result.missing_age_fact && !result.no_deadline;
}

// The case event that decides whether a state holds at case event `e`: the
// latest of its start and end events at or before that moment, among the
// first `known` events; `none` when there is none (the state does not hold).
// An event of the same date counts as at or before a date-only moment (dates
// compare at the coarser precision), so a placement started on a birthday
// holds on it and one ended on it does not.
std::int32_t latest_state_event(Program const& program, Case const& c, std::uint32_t known, std::uint32_t e,
                                Index state);

// Evaluates `c` as known at `as_of`: events after it are ignored. Results are
// ordered by trigger time, then duty id, then instance.
void evaluate(Program const& program, Case const& c, Moment as_of, std::vector<DutyResult>& results);

// A case whose results need a fact it lacks: an age deadline in a case without
// the fact ages count from. The command line and the API refuse such a case
// with this error (at /facts) rather than show a checklist without the date.
std::optional<CaseError> lacking_fact(Program const& program, std::vector<DutyResult> const& results);

}  // namespace pligt::engine
