// The caseload as pligt prints and serves it (`pligt caseload`, POST
// /api/v1/caseload; docs/cli.md): the JSON object, a CSV table and the
// caseworker's table in her language, with the counts at the top.
#pragma once

#include "dsl/program.hpp"
#include "engine/caseload.hpp"
#include "output/json_text.hpp"
#include "output/paint.hpp"
#include "output/words.hpp"

#include <ostream>
#include <vector>

namespace pligt::output {

// {"as_of", "summary": {"cases", "open", "overdue", "due_this_week"}, "rows": [...]}
void write_caseload_json(JsonText& json, Program const& program, std::vector<engine::CaseloadRow> const& rows,
                         engine::CaseloadSummary const& summary, Moment as_of);

// A header of the rows' JSON keys, then one line a row (RFC 4180).
void write_caseload_csv(std::ostream& out, Program const& program, std::vector<engine::CaseloadRow> const& rows);

void write_caseload_table(std::ostream& out, Program const& program, std::vector<engine::CaseloadRow> const& rows,
                          engine::CaseloadSummary const& summary, Moment as_of, Language language, Paint const& paint);

}  // namespace pligt::output
