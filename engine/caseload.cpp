#include "engine/caseload.hpp"

#include "engine/deadline.hpp"

#include <algorithm>
#include <tuple>

namespace pligt::engine {

void add_open_rows(Program const& program, Case const& c, std::size_t case_index,
                   std::vector<DutyResult> const& results, Moment as_of, std::optional<std::int32_t> within_days,
                   std::vector<CaseloadRow>& rows) {
    for (auto const& result : results) {
        if (result.status != Status::pending && result.status != Status::overdue) continue;
        CaseloadRow row;
        row.dated = has_due(result) && result.due_before == no_index;
        if (row.dated) {
            row.days_left = result.due.date.days() - as_of.date.days();
            row.working_days_left =
                calendar_of(program, program.duties[result.duty]).working_days_between(as_of.date, result.due.date);
        }
        if (within_days && result.status != Status::overdue && (!row.dated || row.days_left > *within_days)) continue;
        row.case_id = c.id;
        row.case_index = case_index;
        row.municipality = c.municipality;
        row.result = result;
        rows.push_back(std::move(row));
    }
}

void sort_caseload(Program const& program, std::vector<CaseloadRow>& rows) {
    auto const key = [&](CaseloadRow const& row) {
        return std::make_tuple(!row.dated, row.result.status != Status::overdue,
                               row.dated ? row.result.due.date : Date{},
                               row.dated && row.result.due.has_time() ? row.result.due.minute : std::int16_t{-1},
                               row.case_index, program.duties[row.result.duty].concept_index, row.result.instance);
    };
    std::stable_sort(rows.begin(), rows.end(),
                     [&](CaseloadRow const& a, CaseloadRow const& b) { return key(a) < key(b); });
}

CaseloadSummary summarize_caseload(std::vector<CaseloadRow> const& rows, std::size_t cases, Moment as_of) {
    CaseloadSummary summary;
    summary.cases = cases;
    summary.open = rows.size();
    auto const sunday = as_of.date.plus_days(7 - as_of.date.iso_weekday());
    for (auto const& row : rows) {
        if (row.result.status == Status::overdue) ++summary.overdue;
        else if (row.dated && row.result.due.date <= sunday) ++summary.due_this_week;
    }
    return summary;
}

}  // namespace pligt::engine
