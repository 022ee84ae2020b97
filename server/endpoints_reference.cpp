// The read-only endpoints: what the rules know (municipalities, duties in
// force, the vocabulary of a case), deadline arithmetic, and which rules
// serve. Each answers from one snapshot of the rules and changes nothing.
#include "dsl/diagnostic.hpp"
#include "engine/case.hpp"
#include "engine/deadline.hpp"
#include "output/duties_report.hpp"
#include "output/words.hpp"
#include "server/endpoints.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace pligt::server {
namespace {

using nlohmann::ordered_json;

Reply ok(ordered_json const& json) { return {200, "application/json", dump(json), {}}; }

// A type as the vocabulary endpoint spells it; a kind adds its id and values.
void add_type(ordered_json& out, Type const& type, Program const& program) {
    static char const* const names[] = {"bool", "int", "date", "text", "kind"};
    out["type"] = names[static_cast<int>(type.base)];
    if (type.base == BaseType::kind) {
        auto const& kind = program.kinds[type.kind];
        out["kind"] = kind.id;
        out["values"] = kind.values;
        if (std::any_of(kind.titles.begin(), kind.titles.end(), [](auto const& t) { return !t.empty(); })) {
            auto titles = ordered_json::object();
            for (std::size_t i = 0; i < kind.values.size(); ++i) titles[kind.values[i]] = kind.title_of(i);
            out["value_titles"] = std::move(titles);
        }
    }
}

// A default as a case would write it.
ordered_json value_json(Value value, Type const& type, Program const& program) {
    switch (type.base) {
    case BaseType::boolean: return value != 0;
    case BaseType::integer: return value;
    case BaseType::date: return Date::from_days(static_cast<std::int32_t>(value)).to_string();
    case BaseType::kind: return program.kinds[type.kind].values[static_cast<std::size_t>(value)];
    case BaseType::text: break;
    }
    return nullptr;
}

}  // namespace

Reply municipalities(RequestContext const& request, Params const& params) {
    if (auto bad = check_params(request, params, {}, {})) return *bad;
    auto list = ordered_json::array();
    for (auto const& m : request.rules.program.municipalities) {
        ordered_json item{{"id", m.id}, {"name", m.name}, {"code", m.code}};
        if (!m.region.empty()) item["region"] = m.region;
        list.push_back(std::move(item));
    }
    return ok({{"municipalities", std::move(list)}});
}

Reply statuses(RequestContext const& request, Params const& params) {
    if (auto bad = check_params(request, params, {}, {})) return *bad;
    auto list = ordered_json::array();
    for (auto const status : engine::all_statuses)
        list.push_back({{"id", engine::to_string(status)},
                        {"en", output::words(output::Language::en).status(status)},
                        {"da", output::words(output::Language::da).status(status)}});
    return ok({{"statuses", std::move(list)}});
}

Reply duties(RequestContext const& request, Params const& params) {
    if (auto bad = check_params(request, params, {}, {"municipality", "at"})) return *bad;
    auto const& program = request.rules.program;
    Date at = request.today;
    if (auto const text = param(params, "at"); !text.empty()) {
        std::string why;
        auto const moment = Moment::parse(text, &why);
        if (!moment) return bad_parameter(request, "at", fmt::format("'{}': {}", text, why));
        at = moment->date;
    }
    Index municipality = no_index;
    if (auto const name = param(params, "municipality"); !name.empty()) {
        municipality = engine::find_municipality(program, name);
        if (municipality == no_index) {
            return bad_parameter(
                request, "municipality",
                fmt::format("unknown municipality '{}'{}", name, did_you_mean_id(name, program.municipalities)));
        }
    }
    return ok(engine::duties_json(engine::duties_report(program, municipality, at)));
}

Reply vocabulary(RequestContext const& request, Params const& params) {
    if (auto bad = check_params(request, params, {}, {})) return *bad;
    auto const& program = request.rules.program;
    auto const vocabulary_id = [&](Index v) { return v == no_index ? std::string{} : program.vocabularies[v].id; };

    auto vocabularies = ordered_json::array();
    for (auto const& v : program.vocabularies) vocabularies.push_back({{"id", v.id}, {"title", v.title}});
    auto kinds = ordered_json::array();
    for (auto const& k : program.kinds) {
        ordered_json kind{{"id", k.id}, {"values", k.values}};
        if (std::any_of(k.titles.begin(), k.titles.end(), [](auto const& t) { return !t.empty(); })) {
            auto titles = ordered_json::object();
            for (std::size_t i = 0; i < k.values.size(); ++i) titles[k.values[i]] = k.title_of(i);
            kind["value_titles"] = std::move(titles);
        }
        kinds.push_back(std::move(kind));
    }
    auto facts = ordered_json::array();
    for (auto const& f : program.facts) {
        ordered_json item{{"id", f.id}, {"title", f.title}, {"vocabulary", vocabulary_id(f.vocabulary)}};
        add_type(item, f.type, program);
        facts.push_back(std::move(item));
    }
    auto events = ordered_json::array();
    for (auto const& e : program.events) {
        auto attributes = ordered_json::array();
        for (auto const& a : e.attributes) {
            ordered_json item{{"id", a.id}, {"title", a.title}};
            add_type(item, a.type, program);
            item["optional"] = a.type.optional;
            if (a.default_value && a.type.base != BaseType::text)
                item["default"] = value_json(*a.default_value, a.type, program);
            attributes.push_back(std::move(item));
        }
        events.push_back({{"id", e.id},
                          {"title", e.title},
                          {"vocabulary", vocabulary_id(e.vocabulary)},
                          {"attributes", std::move(attributes)}});
        if (e.derived()) events.back()["birthday"] = {{"years", e.birthday_years}, {"months", e.birthday_months}};
    }
    auto const event_ids = [&](std::vector<Index> const& list) {
        auto ids = ordered_json::array();
        for (auto const e : list) ids.push_back(program.events[e].id);
        return ids;
    };
    auto states = ordered_json::array();
    for (auto const& s : program.states)
        states.push_back({{"id", s.id}, {"title", s.title}, {"from", event_ids(s.starts)}, {"to", event_ids(s.ends)}});
    return ok({{"vocabularies", std::move(vocabularies)},
               {"kinds", std::move(kinds)},
               {"facts", std::move(facts)},
               {"events", std::move(events)},
               {"states", std::move(states)}});
}

Reply deadline(RequestContext const& request, Params const& params) {
    if (auto bad = check_params(request, params, {"from", "span"}, {"calendar"})) return *bad;
    auto const& program = request.rules.program;
    auto const from_text = param(params, "from");
    std::string why;
    auto const from = Moment::parse(from_text, &why);
    if (!from) return bad_parameter(request, "from", fmt::format("'{}': {}", from_text, why));
    auto const span_text = param(params, "span");
    auto const span = parse_span(span_text);
    if (!span)
        return bad_parameter(request, "span",
                             fmt::format("'{}': expected 'N UNIT' with N from 1 to 100000 and UNIT one of hours, "
                                         "days, working days, weeks, months or years",
                                         span_text));

    // As `pligt deadline`: a named calendar must exist whatever the unit;
    // working days need one (the default when none is named).
    auto const calendar_id = param(params, "calendar");
    std::optional<Calendar> no_days_off;
    Calendar const* calendar = nullptr;
    if (!calendar_id.empty()) {
        auto const index = program.find_calendar(calendar_id);
        if (index == no_index) {
            std::vector<std::string_view> known;
            for (auto const& c : program.calendars) known.push_back(c.id());
            return bad_parameter(request, "calendar",
                                 fmt::format("unknown calendar '{}'{}", calendar_id, did_you_mean(calendar_id, known)));
        }
        calendar = &program.calendars[index];
    } else if (span->unit == TimeUnit::working_days) {
        if (program.default_calendar == no_index)
            return bad_parameter(request, "calendar",
                                 "no calendar is marked default in the rule files; name one with 'calendar'");
        calendar = &program.calendars[program.default_calendar];
    } else {
        calendar = &no_days_off.emplace("", "", std::uint8_t{0}, std::vector<HolidayRule>{});
    }

    auto const due = engine::deadline(*from, *span, *calendar);
    auto skipped = ordered_json::array();
    if (span->unit == TimeUnit::working_days)
        for (auto const& day : calendar->days_off(from->date, due.date))
            skipped.push_back({{"date", day.date.to_string()}, {"name", day.name}});
    return ok(
        {{"from", from->to_string()}, {"span", to_string(*span)}, {"due", due.to_string()}, {"skipped", skipped}});
}

Reply version(RequestContext const& request, Params const& params) {
    if (auto bad = check_params(request, params, {}, {})) return *bad;
    return ok({{"version", PLIGT_VERSION},
               {"rules_hash", request.rules.hash},
               {"rule_files", request.rules.files},
               {"generation", request.rules.generation}});
}

}  // namespace pligt::server
