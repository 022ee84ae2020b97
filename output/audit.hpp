// The audit as pligt prints it (`pligt audit`; docs/cli.md): the JSON
// object of the product contract, a CSV table with the same numbers, and a
// table for the terminal.
#pragma once

#include "population/audit.hpp"

#include <nlohmann/json.hpp>

#include <ostream>
#include <vector>

namespace pligt::output {

// {"as_of", "cases", "by": [...], "rows": [{"duty", ["municipality",] ["year",]
// "opened", "met", "late", "overdue", "pending", "waived", "excepted",
// "lapsed", "met_with_deadline", "past_target", ["on_time_rate",]
// ["days_late_median", "days_late_p90", "working_days_late_median",
// "working_days_late_p90"]}]}: a rate only where an instance was due, the
// lateness only where one was late or overdue.
nlohmann::ordered_json audit_json(engine::Audit const& audit, engine::AuditKeys keys);

// A header of the rows' JSON keys, then one line a row; an empty field where
// the JSON leaves a key out.
void write_audit_csv(std::ostream& out, engine::Audit const& audit, engine::AuditKeys keys);

// One line a row: the counts, the on-time rate as a percentage, the median
// and 90th percentile of days late.
void write_audit_table(std::ostream& out, engine::Audit const& audit, engine::AuditKeys keys);

// A self-contained HTML report: the rows by duty and year, the on-time rate
// per year, the distribution of days late, and the municipalities ranked by
// their on-time rate, drawn from the same counts as the JSON.
std::string audit_report_html(engine::Audit const& audit);

}  // namespace pligt::output
