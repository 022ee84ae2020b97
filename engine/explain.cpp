#include "engine/explain.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pligt::engine {
namespace {

std::string period_text(Period const& period) {
    return period.to ? fmt::format("{} to {}", period.from.to_string(), period.to->to_string())
                     : fmt::format("from {}", period.from.to_string());
}

std::string days(std::int32_t n) { return fmt::format("{} day{}", n, n == 1 ? "" : "s"); }

Adoption const* adoption_at(MunicipalityDef const& municipality, Index set, Date on) {
    for (auto const& adoption : municipality.adoptions)
        if (adoption.set == set && adoption.period.contains(on)) return &adoption;
    return nullptr;
}

}  // namespace

std::string citation(Program const& program, DutyDef const& duty) {
    if (duty.owned_by_set) return duty.cite;
    auto const& law = program.laws[duty.owner];
    return law.short_name.empty() ? duty.cite : fmt::format("{} {}", law.short_name, duty.cite);
}

std::vector<std::string> why(Program const& program, Case const& c, DutyResult const& result, Moment as_of) {
    auto const& duty = program.duties[result.duty];
    auto const& trigger = c.events[result.trigger];
    auto const& municipality = program.municipalities[c.municipality];
    auto const on = trigger.at.date;
    std::vector<std::string> lines;

    auto opened = fmt::format("{} on {} opens this duty", program.events[trigger.event].id, trigger.at.to_string());
    if (!duty.condition_text.empty()) opened += fmt::format(" (where {})", duty.condition_text);
    lines.push_back(fmt::format("{}: {}", opened, citation(program, duty)));

    if (duty.owned_by_set) {
        auto const& set = program.exemption_sets[duty.owner];
        auto const* adoption = adoption_at(municipality, duty.owner, on);
        lines.push_back(fmt::format("a duty of exemption set {}, which {} had adopted ({}) on {}", set.id,
                                    municipality.id, adoption ? period_text(adoption->period) : "?", on.to_string()));
    } else {
        auto const& law = program.laws[duty.owner];
        lines.push_back(fmt::format("{} was in force on {} ({})", law.id, on.to_string(), period_text(law.in_force)));
    }

    auto due = fmt::format("due {} after {}: {}", to_string(duty.due), trigger.at.to_string(), result.due.to_string());
    if (duty.due.unit == TimeUnit::hours && !trigger.at.has_time())
        due += " (no time of day recorded, so the deadline is the date on which the hours end)";
    else if (duty.due.unit == TimeUnit::months || duty.due.unit == TimeUnit::years) {
        if (result.due.date.day() != trigger.at.date.day()) due += " (clamped to the last day of the month)";
    }
    lines.push_back(std::move(due));

    auto const done_names = [&] {
        std::string names;
        for (auto const e : duty.done_by) names += (names.empty() ? "" : " or ") + program.events[e].id;
        return names;
    }();
    if (result.status == Status::waived) {
        auto const& set = program.exemption_sets[result.waived_by];
        auto const* adoption = adoption_at(municipality, result.waived_by, on);
        lines.push_back(fmt::format("waived: {} had adopted exemption set {} ({}) on {}; basis: {}", municipality.id,
                                    set.id, adoption ? period_text(adoption->period) : "?", on.to_string(), set.basis));
        auto const& waiver = set.waivers[result.waiver];
        if (!waiver.instead_id.empty()) lines.push_back(fmt::format("replaced by {}", waiver.instead_id));
    }
    if (result.done >= 0) {
        auto const& done = c.events[static_cast<std::size_t>(result.done)];
        auto const late_by = done.at.date.days() - result.due.date.days();
        lines.push_back(result.status == Status::late || (result.status == Status::waived && late_by > 0)
                            ? fmt::format("done by {} on {}, {} after the deadline", program.events[done.event].id,
                                          done.at.to_string(), days(late_by))
                            : fmt::format("done by {} on {}, on time", program.events[done.event].id,
                                          done.at.to_string()));
    } else if (result.status == Status::overdue) {
        lines.push_back(fmt::format("no {} by {}: {} past the deadline", done_names, as_of.to_string(),
                                    days(as_of.date.days() - result.due.date.days())));
    } else if (result.status == Status::pending) {
        auto const left = result.due.date.days() - as_of.date.days();
        lines.push_back(fmt::format("not yet done ({}); {} as of {}", done_names,
                                    left == 0 ? std::string{"due today"} : days(left) + " left", as_of.to_string()));
    }
    return lines;
}

nlohmann::ordered_json to_json(Program const& program, Case const& c, std::vector<DutyResult> const& results,
                               Moment as_of) {
    nlohmann::ordered_json out;
    if (!c.id.empty()) out["case"] = c.id;
    out["municipality"] = program.municipalities[c.municipality].id;
    out["as_of"] = as_of.to_string();
    auto& duties = out["duties"] = nlohmann::ordered_json::array();
    for (auto const& result : results) {
        auto const& duty = program.duties[result.duty];
        auto const& trigger = c.events[result.trigger];
        nlohmann::ordered_json item;
        item["duty"] = duty.id;
        if (result.instance > 0) item["instance"] = result.instance;
        item["title"] = duty.title;
        item["law"] = duty.owned_by_set ? program.exemption_sets[duty.owner].id : program.laws[duty.owner].id;
        item["cite"] = citation(program, duty);
        item["triggered_by"] = {{"event", program.events[trigger.event].id}, {"at", trigger.at.to_string()}};
        item["due"] = result.due.to_string();
        item["status"] = to_string(result.status);
        if (result.status == Status::waived) {
            auto const& set = program.exemption_sets[result.waived_by];
            item["waived_by"] = {{"exemptions", set.id}, {"basis", set.basis}};
            auto const& waiver = set.waivers[result.waiver];
            if (!waiver.instead_id.empty()) item["replaced_by"] = waiver.instead_id;
        }
        if (result.done >= 0) {
            auto const& done = c.events[static_cast<std::size_t>(result.done)];
            item["done_by"] = {{"event", program.events[done.event].id}, {"at", done.at.to_string()}};
        }
        item["why"] = why(program, c, result, as_of);
        duties.push_back(std::move(item));
    }
    return out;
}

}  // namespace pligt::engine
