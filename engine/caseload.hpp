// The caseworker's desk: every open duty instance across many cases, with
// the calendar days and working days left to its deadline, in the order she
// works them: overdue first (most days over first), then by due date; an
// instance without a dated deadline (none in the statute, or before an event
// that has not happened) last. Readers and writers are elsewhere (cli/,
// server/, output/caseload); this is the rows and their order.
#pragma once

#include "dsl/program.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pligt::engine {

struct CaseloadRow {
    std::string case_id;
    std::size_t case_index = 0;  // the case's position in the input, from 0
    Index municipality = no_index;
    DutyResult result;  // pending or overdue
    // With a dated deadline: the days from the as-of date to it (negative
    // when overdue), in calendar days and in the duty's working days.
    bool dated = false;
    std::int32_t days_left = 0;
    std::int32_t working_days_left = 0;
};

// The open instances (pending or overdue) among one case's results, added to
// `rows`. With `within_days`, only those overdue or due within that many
// days of the as-of date.
void add_open_rows(Program const& program, Case const& c, std::size_t case_index,
                   std::vector<DutyResult> const& results, Moment as_of, std::optional<std::int32_t> within_days,
                   std::vector<CaseloadRow>& rows);

// Overdue first, most days over first; then by due date; undated last; ties
// by case position, duty id and instance.
void sort_caseload(Program const& program, std::vector<CaseloadRow>& rows);

// The count at the top of the desk.
struct CaseloadSummary {
    std::size_t cases = 0;
    std::size_t open = 0;
    std::size_t overdue = 0;
    std::size_t due_this_week = 0;  // pending, due by the Sunday of the as-of date's week
};
CaseloadSummary summarize_caseload(std::vector<CaseloadRow> const& rows, std::size_t cases, Moment as_of);

}  // namespace pligt::engine
