// Resolution of in-language tests, and the lookups scenarios share with them.
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
