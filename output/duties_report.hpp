// The duties in force as a report, for `pligt duties` and the API: one
// municipality (or none) on a date, or every municipality as a matrix of
// what its exemptions change. Built typed once (duties_report,
// duties_matrix); the JSON and the text render it.
#pragma once

#include "dsl/program.hpp"
#include "output/paint.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace pligt::engine {

// One duty in force, as a reader names it.
struct DutyRow {
    DutyDef const* duty = nullptr;
    std::string_view law;  // the law's id, or the exemption set's
    std::string cite, cite_url;
    VersionDef const* version = nullptr;  // the law's version in force on the date
    std::vector<std::string_view> on;
    std::string due;                   // the deadline as written, or "no statutory deadline"
    std::vector<std::string> done_by;  // "EVENT" or "EVENT where CONDITION"
    std::string also_before;           // how far back an earlier fulfilment counts; empty when none does
    std::vector<std::string_view> lapses_on;
    struct Waiver {
        std::string_view exemptions, basis, where, replaced_by;
    };
    std::optional<Waiver> waived_by;
    struct Change {
        std::string_view exemptions, basis, due;
    };
    std::optional<Change> changed_by;
};

struct DutiesReport {
    Date at;
    MunicipalityDef const* municipality = nullptr;  // none: the law as written
    std::vector<DutyRow> duties;
};

// A municipality's line of the matrix: per duty that exists there, "applies",
// "waived", "waived where", "changed" or "added", and what did it.
struct MatrixRow {
    MunicipalityDef const* municipality = nullptr;
    std::vector<std::pair<std::string_view, std::string_view>> cells;  // duty id, cell
    struct By {
        std::string_view duty, exemptions;
    };
    std::vector<By> waived, changed, added;
};

struct DutiesMatrix {
    Date at;
    std::vector<DutyRow> columns;  // the laws' duties in force, then the sets' own duties that exist somewhere
    std::vector<MatrixRow> municipalities;
};

DutiesReport duties_report(Program const& program, Index municipality, Date at);
DutiesMatrix duties_matrix(Program const& program, Date at);

// {"at", ["municipality",] "duties": [{duty, title, law, cite, law_version?,
//  cite_url?, on, where?, on_clauses?, unless?, due, wording?, done_by, times?,
//  also_before?, lapses_on?, effort_hours, waived_by?, changed_by?}]}
nlohmann::ordered_json duties_json(DutiesReport const& report);
// {"at", "duties": [the columns], "municipalities": [{municipality, name, code,
//  duties: {DUTY: cell}, waived: [{duty, exemptions}], changed: […], added: […]}]}.
// A duty absent from a row does not exist there.
nlohmann::ordered_json matrix_json(DutiesMatrix const& matrix);

// The text of `pligt duties`: a heading, then a block a duty.
void write_duties_text(std::ostream& out, DutiesReport const& report, output::Paint const& paint);
// The matrix as text: one numbered column a duty, with a legend, and one line
// a municipality.
void write_matrix_text(std::ostream& out, DutiesMatrix const& matrix, output::Paint const& paint);

}  // namespace pligt::engine
