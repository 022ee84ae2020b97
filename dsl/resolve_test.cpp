// Resolution of scenarios (overrides for simulation) and in-language tests.
#include "dsl/resolver.hpp"

#include <algorithm>

namespace pligt::detail {

Index Resolver::find_set(ast::Token const& name) {
    auto const index = program_.find_exemption_set(name.text);
    if (index != no_index) return index;
    error(name, "unknown_exemption_set",
          fmt::format("unknown exemption set '{}'{}", name.text, did_you_mean(name.text, keys_of(set_names_))));
    return no_index;
}

Index Resolver::find_law(ast::Token const& name) {
    auto const index = program_.find_law(name.text);
    if (index != no_index) return index;
    error(name, "unknown_law",
          fmt::format("unknown law '{}'{}", name.text, did_you_mean(name.text, keys_of(law_names_))));
    return no_index;
}

void Resolver::resolve_scenario(ast::Scenario const& scenario) {
    auto const index = static_cast<Index>(program_.scenarios.size());
    if (!declare(scenario_ids_, scenario_origins_, scenario.name, index, "scenario")) return;
    ScenarioDef def;
    def.id = scenario.name.text;
    def.title = scenario.title.value_or(ast::Token{}).text;
    def.origin = origin(scenario.name);
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
            });
    }
    program_.scenarios.push_back(std::move(def));
}

void Resolver::resolve_test(ast::Test const& test) {
    TestDef def;
    def.title = test.title.text;
    def.origin = origin(test.title);
    bool saw_municipality = false;
    for (auto const& item : test.case_.items) {
        visit(
            item,
            [&](ast::CaseMunicipality const& m) {
                saw_municipality = true;
                auto const& name = m.value.text;
                bool const numeric =
                    !name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
                def.municipality = numeric ? [&] {
                    auto const code = read_integer(name);  // a code wider than int names none
                    return code && *code <= INT32_MAX ? program_.find_municipality_code(static_cast<int>(*code))
                                                      : no_index;
                }()
                                           : program_.find_municipality(name);
                if (def.municipality == no_index)
                    error(m.value, "unknown_municipality",
                          fmt::format("unknown municipality '{}'{}", name,
                                      did_you_mean(name, keys_of(program_.municipality_ids))));
            },
            [&](ast::CaseValue const& v) {
                auto const fact = program_.find_fact(v.name.text);
                if (fact == no_index) {
                    error(v.name, "unknown_name",
                          fmt::format("'{}' is not a fact; an event is written EVENT at DATE{}", v.name.text,
                                      did_you_mean(v.name.text, keys_of(program_.fact_ids))));
                    return;
                }
                if (auto const value = read_value(v.value, program_.facts[fact].type))
                    def.facts.emplace_back(fact, *value);
            },
            [&](ast::CaseEvent const& e) {
                auto const event_index = find_event(e.event, no_index, "the test");
                auto const at = read_moment(e.at);
                if (event_index == no_index || !at) return;
                auto const& event = program_.events[event_index];
                if (event.derived()) {
                    error(e.event, "derived_event",
                          fmt::format("event '{}' is a birthday, derived from the fact '{}': give that fact "
                                      "instead",
                                      event.id, age_fact() == no_index ? "" : program_.facts[age_fact()].id));
                    return;
                }
                TestDef::Event parsed{event_index, *at, {}};
                std::vector<bool> given(event.attributes.size(), false);
                for (auto const& attribute : e.attributes) {
                    auto const it = std::find_if(event.attributes.begin(), event.attributes.end(),
                                                 [&](AttributeDef const& a) { return a.id == attribute.name.text; });
                    if (it == event.attributes.end()) {
                        error(attribute.name, "unknown_name",
                              fmt::format("unknown attribute '{}' of event '{}'{}", attribute.name.text, event.id,
                                          did_you_mean_id(attribute.name.text, event.attributes)));
                        continue;
                    }
                    auto const index = static_cast<Index>(it - event.attributes.begin());
                    given[index] = true;
                    if (auto const value = read_value(attribute.value, it->type))
                        parsed.attributes.emplace_back(index, *value);
                }
                for (Index i = 0; i < event.attributes.size(); ++i) {
                    auto const& attribute = event.attributes[i];
                    if (given[i] || attribute.type.optional) continue;
                    if (attribute.default_value) parsed.attributes.emplace_back(i, *attribute.default_value);
                    else
                        error(e.event, "missing_attribute",
                              fmt::format("event '{}' needs the attribute '{}'", event.id, attribute.id));
                }
                def.events.push_back(std::move(parsed));
            });
    }
    if (!saw_municipality)
        error(test.case_, "missing_clause", "the test's case names no municipality (municipality ID)");
    if (auto const as_of = read_moment(test.as_of)) def.as_of = *as_of;
    for (auto const& expectation : test.expectations) {
        TestDef::Expectation e;
        e.absent = expectation.absent;
        e.duty = expectation.duty.text;
        e.origin = origin(expectation);
        e.concept_index = find_duty_concept(expectation.duty);
        if (expectation.instance) {
            auto const n = read_count(*expectation.instance, 1, 10000);
            if (n) e.instance = static_cast<int>(*n);
        }
        if (expectation.status) e.status = expectation.status->text;
        if (expectation.due) {
            if (expectation.due->before) e.due_before = find_event(expectation.due->value, no_index, "the test");
            else if (expectation.due->value.text == "none") e.no_due = true;
            else e.due = read_moment(expectation.due->value);
        }
        if (expectation.cite) e.cite = expectation.cite->text;
        {}
        // `expect duty #2 met` parses as `expect duty` and a comment: say so
        // rather than let the expectation check less than it reads.
        auto const& text = source().text();
        auto const after = text.find_first_not_of(" \t", expectation.end);
        if (after != std::string::npos && text[after] == '#' && after + 1 < text.size() && text[after + 1] >= '0' &&
            text[after + 1] <= '9')
            error(expectation.duty, "syntax",
                  fmt::format("'#' starts a comment, so '{}' is not read; write 'instance {}'",
                              text.substr(after, text.find('\n', after) - after), text[after + 1]));
        if (e.absent && (expectation.status || expectation.due || expectation.cite))
            error(expectation.duty, "syntax", "'expect no DUTY [instance N]' takes no status, due date or citation");
        def.expectations.push_back(std::move(e));
    }
    program_.tests.push_back(std::move(def));
}

}  // namespace pligt::detail
