#include "output/duties_report.hpp"

#include "engine/explain.hpp"
#include "engine/overlay.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace pligt::engine {
namespace {

std::vector<std::string_view> event_names(Program const& program, std::vector<Index> const& events) {
    std::vector<std::string_view> names;
    for (auto const e : events) names.push_back(program.events[e].id);
    return names;
}

DutyRow duty_row(Program const& program, DutyInForce const& entry, Date at) {
    auto const& duty = program.duties[entry.duty];
    DutyRow row;
    row.duty = &duty;
    row.law = duty.owned_by_set ? program.exemption_sets[duty.owner].id : program.laws[duty.owner].id;
    row.cite = citation(program, duty);
    if (!duty.owned_by_set) {
        row.version = program.laws[duty.owner].version_on(at);
        if (row.version) row.cite_url = row.version->url;
    } else {
        row.cite_url = program.exemption_sets[duty.owner].url;
    }
    row.on = event_names(program, duty.triggers);
    row.due = duty.due.kind == DeadlineDef::Kind::none ? std::string{"no statutory deadline"} : duty.due.text;
    for (auto const& f : duty.done_by)
        row.done_by.push_back(f.condition_text.empty() ? program.events[f.event].id
                                                       : program.events[f.event].id + " where " + f.condition_text);
    if (duty.done_also_before) row.also_before = look_back_text(program, duty).substr(2);  // without ", "
    row.lapses_on = event_names(program, duty.lapses_on);
    if (entry.waived_by != no_index) {
        auto const& set = program.exemption_sets[entry.waived_by];
        auto const& waiver = set.waivers[entry.waiver];
        row.waived_by = DutyRow::Waiver{set.id, set.basis, waiver.condition_text, waiver.instead_id};
    }
    if (entry.changed_by != no_index) {
        auto const& set = program.exemption_sets[entry.changed_by];
        row.changed_by = DutyRow::Change{set.id, set.basis, entry.changed->text};
    }
    return row;
}

nlohmann::ordered_json row_json(DutyRow const& row) {
    auto const& duty = *row.duty;
    nlohmann::ordered_json out;
    out["duty"] = duty.id;
    out["title"] = duty.title;
    out["law"] = row.law;
    out["cite"] = row.cite;
    if (row.version) out["law_version"] = row.version->title;
    if (!row.cite_url.empty()) out["cite_url"] = row.cite_url;
    out["on"] = row.on;
    if (!duty.condition_text.empty()) out["where"] = duty.condition_text;
    if (duty.trigger_clauses.size() > 1) out["on_clauses"] = duty.trigger_clauses;
    if (!duty.exceptions.empty()) {
        auto& exceptions = out["unless"] = nlohmann::ordered_json::array();
        for (auto const& e : duty.exceptions) {
            exceptions.push_back({{"condition", e.condition_text}, {"cite", e.cite}});
            if (!e.instead_id.empty()) exceptions.back()["instead"] = e.instead_id;
        }
    }
    out["due"] = row.due;
    if (!duty.wording.empty()) out["wording"] = duty.wording;
    out["done_by"] = row.done_by;
    if (duty.done_count > 1) out["times"] = duty.done_count;
    if (!row.also_before.empty()) out["also_before"] = row.also_before;
    if (!row.lapses_on.empty()) out["lapses_on"] = row.lapses_on;
    out["effort_hours"] = duty.effort_hours;
    if (row.waived_by) {
        nlohmann::ordered_json waived{{"exemptions", row.waived_by->exemptions}, {"basis", row.waived_by->basis}};
        if (!row.waived_by->where.empty()) waived["where"] = row.waived_by->where;
        if (!row.waived_by->replaced_by.empty()) waived["replaced_by"] = row.waived_by->replaced_by;
        out["waived_by"] = waived;
    }
    if (row.changed_by)
        out["changed_by"] = {
            {"exemptions", row.changed_by->exemptions}, {"basis", row.changed_by->basis}, {"due", row.changed_by->due}};
    return out;
}

nlohmann::ordered_json by_json(std::vector<MatrixRow::By> const& list) {
    auto out = nlohmann::ordered_json::array();
    for (auto const& by : list) out.push_back({{"duty", by.duty}, {"exemptions", by.exemptions}});
    return out;
}

std::string joined(std::vector<std::string_view> const& names, std::string_view separator) {
    std::string out;
    for (auto const name : names) out += fmt::format("{}{}", out.empty() ? "" : separator, name);
    return out;
}

}  // namespace

DutiesReport duties_report(Program const& program, Index municipality, Date at) {
    DutiesReport report{at, municipality == no_index ? nullptr : &program.municipalities[municipality], {}};
    for (auto const& entry : duties_in_force(program, municipality, at))
        report.duties.push_back(duty_row(program, entry, at));
    return report;
}

DutiesMatrix duties_matrix(Program const& program, Date at) {
    DutiesMatrix matrix{at, duties_report(program, no_index, at).duties, {}};
    for (Index m = 0; m < program.municipalities.size(); ++m) {
        MatrixRow row;
        row.municipality = &program.municipalities[m];
        for (auto const& entry : duties_in_force(program, m, at)) {
            auto const& duty = program.duties[entry.duty];
            std::string_view cell = "applies";
            if (entry.waived_by != no_index) {
                auto const& waiver = program.exemption_sets[entry.waived_by].waivers[entry.waiver];
                cell = waiver.condition_text.empty() ? "waived" : "waived where";
                row.waived.push_back({duty.id, program.exemption_sets[entry.waived_by].id});
            } else if (entry.changed_by != no_index) {
                cell = "changed";
                row.changed.push_back({duty.id, program.exemption_sets[entry.changed_by].id});
            }
            if (duty.owned_by_set) {
                cell = "added";
                row.added.push_back({duty.id, program.exemption_sets[duty.owner].id});
                // A set's own duty is a column of the matrix wherever it exists.
                auto const known = std::any_of(matrix.columns.begin(), matrix.columns.end(),
                                               [&](DutyRow const& column) { return column.duty->id == duty.id; });
                if (!known) matrix.columns.push_back(duty_row(program, entry, at));
            }
            row.cells.emplace_back(duty.id, cell);
        }
        matrix.municipalities.push_back(std::move(row));
    }
    return matrix;
}

nlohmann::ordered_json duties_json(DutiesReport const& report) {
    nlohmann::ordered_json out;
    out["at"] = report.at.to_string();
    if (report.municipality) out["municipality"] = report.municipality->id;
    auto& duties = out["duties"] = nlohmann::ordered_json::array();
    for (auto const& row : report.duties) duties.push_back(row_json(row));
    return out;
}

nlohmann::ordered_json matrix_json(DutiesMatrix const& matrix) {
    nlohmann::ordered_json out;
    out["at"] = matrix.at.to_string();
    auto& columns = out["duties"] = nlohmann::ordered_json::array();
    for (auto const& column : matrix.columns) columns.push_back(row_json(column));
    auto& municipalities = out["municipalities"] = nlohmann::ordered_json::array();
    for (auto const& row : matrix.municipalities) {
        auto const& municipality = *row.municipality;
        nlohmann::ordered_json item{
            {"municipality", municipality.id}, {"name", municipality.name}, {"code", municipality.code}};
        nlohmann::ordered_json cells = nlohmann::ordered_json::object();
        for (auto const& [duty, cell] : row.cells) cells[std::string{duty}] = cell;
        item["duties"] = cells;
        item["waived"] = by_json(row.waived);
        item["changed"] = by_json(row.changed);
        item["added"] = by_json(row.added);
        municipalities.push_back(std::move(item));
    }
    return out;
}

void write_duties_text(std::ostream& out, DutiesReport const& report, output::Paint const& paint) {
    using output::Colour;
    out << paint(report.municipality ? fmt::format("Duties in {} ({}) on {}", report.municipality->name,
                                                   report.municipality->id, report.at.to_string())
                                     : fmt::format("Duties in force on {}", report.at.to_string()),
                 Colour::bold)
        << "\n\n";
    for (auto const& row : report.duties) {
        auto const& duty = *row.duty;
        out << fmt::format("{} · {} · {}{}\n", paint(duty.id, Colour::bold), duty.title, row.cite,
                           row.version ? " (" + row.version->title + ")" : "");
        std::string on = joined(row.on, " or ");
        if (!duty.condition_text.empty()) on += " where " + duty.condition_text;
        if (duty.trigger_clauses.size() > 1) {
            on.clear();
            for (auto const& clause : duty.trigger_clauses)
                on += (on.empty() ? "" : "; ") + clause.substr(3);  // without "on "
        }
        std::string done;
        for (auto const& e : row.done_by) done += (done.empty() ? "" : " or ") + e;
        if (duty.done_count > 1) done += fmt::format(", {} times", duty.done_count);
        if (!row.also_before.empty()) done += ", " + row.also_before;
        out << fmt::format("    on {} · due {} · done by {}\n", on, row.due, done);
        if (!duty.wording.empty()) out << fmt::format("    «{}»\n", duty.wording);
        for (auto const& e : duty.exceptions)
            out << fmt::format("    unless {} ({}){}\n", e.condition_text, e.cite,
                               e.instead_id.empty() ? "" : ", instead " + e.instead_id);
        if (auto const& w = row.waived_by)
            out << "    " << paint(fmt::format("waived by {}", w->exemptions), Colour::blue)
                << (w->where.empty() ? "" : fmt::format(" where {}", w->where))
                << (w->replaced_by.empty() ? "" : fmt::format(", replaced by {}", w->replaced_by)) << " (" << w->basis
                << ")\n";
        if (auto const& c = row.changed_by)
            out << "    " << paint(fmt::format("due {} under {}", c->due, c->exemptions), Colour::blue) << "\n";
    }
}

void write_matrix_text(std::ostream& out, DutiesMatrix const& matrix, output::Paint const& paint) {
    using output::Colour;
    auto const& columns = matrix.columns;
    out << paint(fmt::format("Duties in force on {}", matrix.at.to_string()), Colour::bold) << "\n\n";
    for (std::size_t c = 0; c < columns.size(); ++c)
        out << fmt::format("{:>4}  {:<32} {}\n", c + 1, columns[c].duty->id, columns[c].cite);
    out << "\n" << fmt::format("{:<20} {:>4} ", "municipality", "code");
    for (std::size_t c = 0; c < columns.size(); ++c) out << fmt::format("{:>3}", c + 1);
    out << "\n";
    for (auto const& m : matrix.municipalities) {
        std::string line = fmt::format("{:<20} {:>4} ", m.municipality->id, m.municipality->code);
        std::string blanks;  // held back, so a line never ends in blanks
        for (auto const& column : columns) {
            auto const found = std::find_if(m.cells.begin(), m.cells.end(),
                                            [&](auto const& cell) { return cell.first == column.duty->id; });
            if (found == m.cells.end()) {
                blanks += "   ";
                continue;
            }
            auto const cell = found->second;
            line += blanks + "  ";
            blanks.clear();
            if (cell == "applies") line += "·";
            else if (cell == "waived") line += paint("W", Colour::blue);
            else if (cell == "waived where") line += paint("w", Colour::blue);
            else if (cell == "changed") line += paint("C", Colour::blue);
            else line += paint("+", Colour::blue);
        }
        out << line << "\n";
    }
    out << "\n· applies   W waived   w waived where a condition holds   C deadline changed\n"
           "+ added by an exemption set   (blank) does not exist there\n";
}

}  // namespace pligt::engine
