// Resolution of scenarios: hypothetical changes of law for simulation,
// kept apart from the program as written (engine/overlay.hpp applies them).
#include "dsl/resolver.hpp"

#include <algorithm>

namespace pligt::detail {

// The duties a scenario's versions bring in and end, while the scenario is
// resolved. Its new definitions stand in Program::duties (from `mark_`) only
// until it is done, so that apply_version treats them as any other; the
// program's own definitions are never changed: their ends under the
// scenario are kept apart, and finish() hands both to the scenario.
class ScenarioAmendments {
public:
    explicit ScenarioAmendments(Program& program)
        : program_{program}, mark_{static_cast<Index>(program.duties.size())} {}

    // The law's definitions in force on a day under the scenario so far, by
    // duty id: where a version of it starts.
    std::unordered_map<std::string, Index> start_version(Index law, Date day) {
        ended_to_.clear();
        std::unordered_map<std::string, Index> current;
        for (auto const d : program_.laws[law].duties)
            if (valid(d).contains(day)) current[program_.duties[d].id] = d;
        for (Index d = mark_; d < program_.duties.size(); ++d)
            if (program_.duties[d].owner == law && valid(d).contains(day)) current[program_.duties[d].id] = d;
        return current;
    }

    // A definition ends the day before `from`.
    void end(Index duty, Date from) {
        ended_to_[program_.duties[duty].id] = valid(duty).to;
        auto const last = Date::from_days(from.days() - 1);
        if (duty >= mark_) program_.duties[duty].valid.to = last;
        else ends_[duty] = last;
    }

    // A new definition starts on `from`, for the scenario's version `version`,
    // and holds until the definition it replaces would have ended (the law's
    // own next version of the duty), or until the law's next definition of
    // that id where it replaces none.
    void begin(Index duty, Index law, Date from, std::size_t version) {
        auto& def = program_.duties[duty];
        def.owner = law;
        def.valid.from = from;
        def.valid.to = std::nullopt;
        if (auto const it = ended_to_.find(def.id); it != ended_to_.end()) {
            def.valid.to = it->second;
        } else {
            for (auto const d : program_.laws[law].duties) {
                auto const& later = program_.duties[d];
                if (later.id == def.id && from < later.valid.from &&
                    (!def.valid.to || later.valid.from.days() - 1 < def.valid.to->days()))
                    def.valid.to = Date::from_days(later.valid.from.days() - 1);
            }
        }
        version_of_.resize(duty - mark_ + 1);
        version_of_[duty - mark_] = version;
    }

    // Moves the new definitions into the scenario's versions and the ends
    // into the scenario, leaving the program as written.
    void finish(ScenarioDef& scenario) {
        for (Index d = mark_; d < program_.duties.size(); ++d) {
            auto& def = program_.duties[d];
            auto const& concepts = program_.concepts;
            def.concept_index =
                static_cast<Index>(std::lower_bound(concepts.begin(), concepts.end(), def.id) - concepts.begin());
            def.kept_events.clear();  // a changed definition's copy of its base's links
            def.kept_by = def.carry_law = def.carry_transition = no_index;
            link_transitions(program_, def);
            scenario.versions[version_of_[d - mark_]].duties.push_back(std::move(def));
        }
        program_.duties.resize(mark_);
        for (auto const& [duty, last] : ends_) scenario.ends.push_back({duty, last});
        std::sort(scenario.ends.begin(), scenario.ends.end(),
                  [](ScenarioDef::DutyEnd const& a, ScenarioDef::DutyEnd const& b) { return a.duty < b.duty; });
    }

private:
    Period valid(Index duty) const {
        Period period = program_.duties[duty].valid;
        if (auto const it = ends_.find(duty); it != ends_.end()) period.to = it->second;
        return period;
    }

    Program& program_;
    Index mark_;
    std::unordered_map<Index, Date> ends_;
    std::unordered_map<std::string, std::optional<Date>> ended_to_;  // this version's ended definitions' own ends
    std::vector<std::size_t> version_of_;                            // by new definition, from mark_
};

void Resolver::declare_scenario_duties(ast::Scenario const& scenario) {
    for (auto const& item : scenario.items)
        if (auto const* version = boost::get<ast::ScenarioVersion>(&item))
            for (auto const& clause : version->items)
                if (auto const* duty = boost::get<ast::Duty>(&clause)) scenario_duty_ids_.insert(duty->name.text);
}

void Resolver::resolve_scenario(ast::Scenario const& scenario) {
    auto const index = static_cast<Index>(program_.scenarios.size());
    if (!declare(scenario_ids_, scenario_origins_, scenario.name, index, "scenario")) return;
    ScenarioDef def;
    def.id = scenario.name.text;
    def.title = scenario.title.value_or(ast::Token{}).text;
    def.origin = origin(scenario.name);
    ScenarioAmendments amended{program_};
    auto const municipality_named = [&](ast::Token const& name) {
        auto const m = program_.find_municipality(name.text);
        if (m == no_index)
            error(name, "unknown_municipality",
                  fmt::format("unknown municipality '{}'{}", name.text,
                              did_you_mean(name.text, keys_of(program_.municipality_ids))));
        return m;
    };
    for (auto const& item : scenario.items) {
        visit(
            item,
            [&](ast::SetOverride const& o) {
                ScenarioDef::SetOverride override_;
                override_.set = find_set(o.set);
                for (auto const& clause : o.items)
                    visit(
                        clause,
                        [&](ast::Amends const& a) {
                            std::vector<Index> laws;
                            for (auto const& name : a.names)
                                if (auto const law = find_law(name); law != no_index) laws.push_back(law);
                            override_.amends = laws;
                        },
                        [&](ast::InForce const& f) { override_.in_force = read_period(f); });
                if (override_.set != no_index) def.sets.push_back(std::move(override_));
            },
            [&](ast::LawOverride const& o) {
                auto const law = find_law(o.law);
                auto const period = read_period(o.in_force);
                if (law != no_index && period) def.laws.push_back({law, *period});
            },
            [&](ast::EveryAdopts const& o) {
                auto const set = find_set(o.adoption.set);
                auto const period = read_adoption_period(o.adoption);
                if (set != no_index && period) def.every_municipality.push_back(Adoption{set, *period, origin(o)});
            },
            [&](ast::MunicipalityAdopts const& o) {
                auto const municipality = municipality_named(o.municipality);
                auto const set = find_set(o.adoption.set);
                auto const period = read_adoption_period(o.adoption);
                if (municipality != no_index && set != no_index && period)
                    def.adoptions.push_back({municipality, Adoption{set, *period, origin(o)}});
            },
            [&](ast::EffortOverride const& o) {
                auto const concept_index = find_duty_concept(o.duty);
                auto const hours = read_hours(o.hours);
                if (concept_index != no_index && hours) def.efforts.push_back({concept_index, *hours});
            },
            [&](ast::NoExemptions const& o) {
                if (o.value.text != "exemptions")
                    error(o.value, "syntax", fmt::format("expected 'exemptions' after 'no', found '{}'", o.value.text));
                def.no_exemptions = true;
            },
            [&](ast::ScenarioVersion const& v) { resolve_scenario_version(v, def, amended); });
    }
    amended.finish(def);
    program_.scenarios.push_back(std::move(def));
}

// `version LAW "…" from DATE { … }` in a scenario: resolved as a version of
// the law's own (apply_version), against the duties in force on its date
// under the scenario so far; its definitions are kept by the scenario, and
// the program as written is left as it was (ScenarioAmendments).
void Resolver::resolve_scenario_version(ast::ScenarioVersion const& v, ScenarioDef& scenario,
                                        ScenarioAmendments& amended) {
    auto const law = find_law(v.law);
    auto const from = read_date(v.from);
    if (law == no_index || !from) return;
    auto const& law_def = program_.laws[law];
    auto const owner = fmt::format("law '{}'", law_def.id);
    Period in_force = law_def.in_force;  // as this scenario has it
    for (auto const& o : scenario.laws)
        if (o.law == law) in_force = o.in_force;
    if (!in_force.contains(*from)) {
        error(v.from, "version_outside_law",
              fmt::format("version '{}' starts on {}, when {} is not in force ({}{})", v.title.text, v.from.text, owner,
                          in_force.from.to_string(), in_force.to ? " to " + in_force.to->to_string() : " on"));
        return;
    }
    for (auto const& earlier : scenario.versions)
        if (earlier.law == law && *from <= earlier.version.from) {
            error(v.from, "version_order",
                  fmt::format("version '{}' starts on {}, not after this scenario's version before it ({}, {}); "
                              "write versions in the order they come into force",
                              v.title.text, v.from.text, earlier.version.title, earlier.version.from.to_string()));
            return;
        }
    for (auto const& item : v.items)
        if (auto const* duty = boost::get<ast::Duty>(&item))
            for (auto const& clause : duty->clauses)
                if (auto const* unless = boost::get<ast::Unless>(&clause); unless && unless->instead)
                    error(*unless->instead, "instead_in_scenario",
                          "a scenario's duty cannot leave another in its place (instead): write the duty left as "
                          "a duty of the law");

    auto current = amended.start_version(law, *from);
    auto const position = scenario.versions.size();
    scenario.versions.push_back({law, VersionDef{v.title.text, *from, {}, origin(v.title)}, {}});
    DutyScope const scope{law_def.vocabulary, owner, law};
    apply_version(
        v.items, scenario.versions[position].version, scope, current, [&](Index ended) { amended.end(ended, *from); },
        [&](Index begun) { amended.begin(begun, law, *from, position); });
}

}  // namespace pligt::detail
