#include "output/duties_report.hpp"

#include "engine/explain.hpp"
#include "engine/overlay.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace pligt::engine {
namespace {

nlohmann::ordered_json event_names(Program const& program, std::vector<Index> const& events) {
    auto names = nlohmann::ordered_json::array();
    for (auto const e : events) names.push_back(program.events[e].id);
    return names;
}

nlohmann::ordered_json duty_row(Program const& program, DutyInForce const& entry, Date at) {
    auto const& duty = program.duties[entry.duty];
    nlohmann::ordered_json row;
    row["duty"] = duty.id;
    row["title"] = duty.title;
    row["law"] = duty.owned_by_set ? program.exemption_sets[duty.owner].id : program.laws[duty.owner].id;
    row["cite"] = citation(program, duty);
    if (!duty.owned_by_set)
        if (auto const* version = program.laws[duty.owner].version_on(at)) {
            row["law_version"] = version->title;
            if (!version->url.empty()) row["cite_url"] = version->url;
        }
    if (duty.owned_by_set && !program.exemption_sets[duty.owner].url.empty())
        row["cite_url"] = program.exemption_sets[duty.owner].url;
    row["on"] = event_names(program, duty.triggers);
    if (!duty.condition_text.empty()) row["where"] = duty.condition_text;
    if (duty.trigger_clauses.size() > 1) row["on_clauses"] = duty.trigger_clauses;
    if (!duty.exceptions.empty()) {
        auto& exceptions = row["unless"] = nlohmann::ordered_json::array();
        for (auto const& e : duty.exceptions) {
            exceptions.push_back({{"condition", e.condition_text}, {"cite", e.cite}});
            if (!e.instead_id.empty()) exceptions.back()["instead"] = e.instead_id;
        }
    }
    row["due"] = duty.due.kind == DeadlineDef::Kind::none ? std::string{"no statutory deadline"} : duty.due.text;
    if (!duty.wording.empty()) row["wording"] = duty.wording;
    auto done = nlohmann::ordered_json::array();
    for (auto const& f : duty.done_by)
        done.push_back(f.condition_text.empty() ? program.events[f.event].id
                                                : program.events[f.event].id + " where " + f.condition_text);
    row["done_by"] = done;
    if (duty.done_count > 1) row["times"] = duty.done_count;
    if (duty.done_also_before) row["also_before"] = look_back_text(program, duty).substr(2);  // without ", "
    if (!duty.lapses_on.empty()) row["lapses_on"] = event_names(program, duty.lapses_on);
    row["effort_hours"] = duty.effort_hours;
    if (entry.waived_by != no_index) {
        auto const& set = program.exemption_sets[entry.waived_by];
        auto const& waiver = set.waivers[entry.waiver];
        nlohmann::ordered_json waived{{"exemptions", set.id}, {"basis", set.basis}};
        if (!waiver.condition_text.empty()) waived["where"] = waiver.condition_text;
        if (!waiver.instead_id.empty()) waived["replaced_by"] = waiver.instead_id;
        row["waived_by"] = waived;
    }
    if (entry.changed_by != no_index) {
        auto const& set = program.exemption_sets[entry.changed_by];
        row["changed_by"] = {{"exemptions", set.id}, {"basis", set.basis}, {"due", entry.changed->text}};
    }
    return row;
}

}  // namespace

nlohmann::ordered_json duties_report(Program const& program, Index municipality, Date at) {
    nlohmann::ordered_json out;
    out["at"] = at.to_string();
    if (municipality != no_index) out["municipality"] = program.municipalities[municipality].id;
    auto& duties = out["duties"] = nlohmann::ordered_json::array();
    for (auto const& entry : duties_in_force(program, municipality, at)) duties.push_back(duty_row(program, entry, at));
    return out;
}

nlohmann::ordered_json duties_matrix(Program const& program, Date at) {
    auto out = duties_report(program, no_index, at);
    // ordered_json keeps members in a vector: add every member before taking
    // references into it.
    out["municipalities"] = nlohmann::ordered_json::array();
    auto& columns = out["duties"];
    auto& municipalities = out["municipalities"];
    for (Index m = 0; m < program.municipalities.size(); ++m) {
        auto const& municipality = program.municipalities[m];
        nlohmann::ordered_json row{
            {"municipality", municipality.id}, {"name", municipality.name}, {"code", municipality.code}};
        auto waived = nlohmann::ordered_json::array(), changed = nlohmann::ordered_json::array(),
             added = nlohmann::ordered_json::array();
        nlohmann::ordered_json cells = nlohmann::ordered_json::object();
        for (auto const& entry : duties_in_force(program, m, at)) {
            auto const& duty = program.duties[entry.duty];
            std::string cell = "applies";
            if (entry.waived_by != no_index) {
                auto const& waiver = program.exemption_sets[entry.waived_by].waivers[entry.waiver];
                cell = waiver.condition_text.empty() ? "waived" : "waived where";
                waived.push_back({{"duty", duty.id}, {"exemptions", program.exemption_sets[entry.waived_by].id}});
            } else if (entry.changed_by != no_index) {
                cell = "changed";
                changed.push_back({{"duty", duty.id}, {"exemptions", program.exemption_sets[entry.changed_by].id}});
            }
            if (duty.owned_by_set) {
                cell = "added";
                added.push_back({{"duty", duty.id}, {"exemptions", program.exemption_sets[duty.owner].id}});
                // A set's own duty is a column of the matrix wherever it exists.
                auto const known = std::any_of(columns.begin(), columns.end(),
                                               [&](auto const& column) { return column["duty"] == duty.id; });
                if (!known) columns.push_back(duty_row(program, entry, at));
            }
            cells[duty.id] = cell;
        }
        row["duties"] = cells;
        row["waived"] = waived;
        row["changed"] = changed;
        row["added"] = added;
        municipalities.push_back(std::move(row));
    }
    return out;
}

}  // namespace pligt::engine
