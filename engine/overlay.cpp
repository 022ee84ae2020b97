#include "engine/overlay.hpp"

#include <algorithm>

namespace pligt::engine {

Adoption const* adoption_on(MunicipalityDef const& municipality, Index set, Date on) {
    for (auto const& adoption : municipality.adoptions)
        if (adoption.set == set && adoption.period.contains(on)) return &adoption;
    return nullptr;
}

std::vector<DutyInForce> duties_in_force(Program const& program, Index municipality, Date at) {
    // The sets this municipality has adopted and that are in force on the date.
    std::vector<Index> sets;
    if (municipality != no_index)
        for (auto const& adoption : program.municipalities[municipality].adoptions)
            if (adoption.period.contains(at) && program.exemption_sets[adoption.set].in_force.contains(at))
                sets.push_back(adoption.set);

    std::vector<DutyInForce> duties;
    for (Index law = 0; law < program.laws.size(); ++law) {
        if (!program.laws[law].in_force.contains(at)) continue;
        for (auto const duty_index : program.laws[law].duties) {
            DutyInForce entry;
            entry.duty = duty_index;
            auto const& duty = program.duties[duty_index];
            if (!duty.valid.contains(at)) continue;  // another version's text of the duty
            for (auto const set_index : sets) {
                auto const& set = program.exemption_sets[set_index];
                if (std::find(set.amends.begin(), set.amends.end(), law) == set.amends.end()) continue;
                for (Index w = 0; w < set.waivers.size() && entry.waived_by == no_index; ++w)
                    if (set.waivers[w].concept_index == duty.concept_index) {
                        entry.waived_by = set_index;
                        entry.waiver = w;
                    }
                for (auto const& change : set.changes)
                    for (auto const& [changed_duty, deadline] : change.deadlines)
                        if (changed_duty == duty_index && entry.changed_by == no_index) {
                            entry.changed_by = set_index;
                            entry.changed = &deadline;
                        }
            }
            duties.push_back(entry);
        }
    }
    for (auto const set_index : sets)
        for (auto const duty_index : program.exemption_sets[set_index].duties) duties.push_back({duty_index});
    std::stable_sort(duties.begin(), duties.end(), [&](DutyInForce const& a, DutyInForce const& b) {
        return program.duties[a.duty].concept_index < program.duties[b.duty].concept_index;
    });
    return duties;
}

}  // namespace pligt::engine

namespace pligt::engine {

namespace {

// A scenario's versions of laws: the definitions they end stop the day
// before, theirs join their laws' duties and the trigger index (in concept
// order, as the resolver keeps it), and each version joins its law's list
// in date order, so that results name it as the law version in force.
void add_versions(Program& changed, ScenarioDef const& scenario) {
    if (scenario.versions.empty()) return;
    for (auto const& end : scenario.ends) changed.duties[end.duty].valid.to = end.last;
    for (auto const& version : scenario.versions) {
        auto& law = changed.laws[version.law];
        auto const at = std::upper_bound(law.versions.begin(), law.versions.end(), version.version.from,
                                         [](Date from, VersionDef const& v) { return from < v.from; });
        law.versions.insert(at, version.version);
        for (auto const& duty : version.duties) {
            auto const index = static_cast<Index>(changed.duties.size());
            changed.duties.push_back(duty);
            law.duties.push_back(index);
            if (duty.residual) continue;
            for (Index which = 0; which < duty.triggers.size(); ++which)
                changed.duties_by_trigger[duty.triggers[which]].push_back({index, which, false, 0, 0});
        }
    }
    for (auto& entries : changed.duties_by_trigger)
        std::stable_sort(entries.begin(), entries.end(), [&](Program::TriggeredDuty a, Program::TriggeredDuty b) {
            return changed.duties[a.duty].concept_index < changed.duties[b.duty].concept_index;
        });
}

}  // namespace

Program with_scenario(Program const& program, ScenarioDef const& scenario) {
    Program changed = program;
    if (scenario.no_exemptions)
        for (auto& municipality : changed.municipalities) municipality.adoptions.clear();
    for (auto const& set : scenario.sets) {
        if (set.amends) changed.exemption_sets[set.set].amends = *set.amends;
        if (set.in_force) changed.exemption_sets[set.set].in_force = *set.in_force;
    }
    for (auto const& law : scenario.laws) changed.laws[law.law].in_force = law.in_force;
    for (auto const& adoption : scenario.every_municipality)
        for (auto& municipality : changed.municipalities) municipality.adoptions.push_back(adoption);
    for (auto const& adoption : scenario.adoptions)
        changed.municipalities[adoption.municipality].adoptions.push_back(adoption.adoption);
    add_versions(changed, scenario);
    for (auto const& effort : scenario.efforts)
        for (auto& duty : changed.duties)
            if (duty.concept_index == effort.concept_index) duty.effort_hours = effort.hours;
    index_trigger_periods(changed);  // a law's period, or a duty's versions, may have moved
    assign_duty_calendars(changed);  // a set's own duties count with its first amended law's calendar
    return changed;
}

}  // namespace pligt::engine
