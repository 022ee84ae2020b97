// The duties in force as a report, for `pligt duties` and the API: one
// municipality (or none) on a date, or every municipality as a matrix of
// what its exemptions change.
#pragma once

#include "dsl/program.hpp"

#include <nlohmann/json_fwd.hpp>

namespace pligt::engine {

// {"at", ["municipality",] "duties": [{duty, title, law, cite, on, where?,
//  due, done_by, effort_hours, waived_by?, changed_by?}]}
nlohmann::ordered_json duties_report(Program const& program, Index municipality, Date at);

// The duty × municipality matrix: {"at", "duties": [the columns: the laws'
// duties in force, then the sets' own duties that exist somewhere],
// "municipalities": [{municipality, name, code, duties: {DUTY: "applies" |
// "waived" | "changed" | "added"}, waived: [{duty, exemptions}], changed: […],
// added: […]}]}. A duty absent from a row does not exist there.
nlohmann::ordered_json duties_matrix(Program const& program, Date at);

}  // namespace pligt::engine
