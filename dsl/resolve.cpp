// Resolution driver, shared helpers, vocabulary, calendars, municipalities.
#include "dsl/resolve.hpp"

#include "dsl/resolver.hpp"

#include <algorithm>
#include <charconv>

namespace pligt {
namespace detail {

std::vector<std::string_view> keys_of(std::unordered_map<std::string, Index> const& map) {
    std::vector<std::string_view> keys;
    keys.reserve(map.size());
    for (auto const& [key, value] : map) keys.push_back(key);
    std::sort(keys.begin(), keys.end());  // deterministic suggestions
    return keys;
}

std::optional<std::int64_t> read_integer(std::string const& text) {
    std::int64_t value = 0;
    auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

void Resolver::run() {
    // Names first, so declarations may refer to each other in any order and
    // in any file.
    for_each_declaration([this](ast::Vocabulary const& v) { declare_kinds(v); });
    for_each_declaration([this](ast::Vocabulary const& v) { declare_vocabulary_items(v); });
    for_each_declaration([this](ast::Vocabulary const& v) { declare_age_origin(v); });
    for_each_declaration([this](ast::Vocabulary const& v) { declare_language(v); });
    for_each_declaration([this](ast::Vocabulary const& v) { declare_states(v); });
    for_each_declaration([this](ast::Calendar const& c) { resolve_calendar(c); });
    for_each_declaration([this](ast::Law const& law) { declare_law(law); });
    for_each_declaration([this](ast::ExemptionSet const& set) { declare_set(set); });
    for_each_declaration([this](ast::Law const& law) { resolve_law(law); });
    for_each_declaration([this](ast::Law const& law) { resolve_transitions(law); });
    for_each_declaration([this](ast::ExemptionSet const& set) { resolve_exemption_set(set); });
    for_each_declaration([this](ast::Municipality const& m) { resolve_municipality(m); });
    for_each_declaration([this](ast::Scenario const& s) { declare_scenario_duties(s); });
    index_program();
    for_each_declaration([this](ast::Scenario const& s) { resolve_scenario(s); });
    for_each_declaration([this](ast::Test const& t) { resolve_test(t); });
}

// ---- helpers

void Resolver::error(ast::Located const& at, std::string code, std::string message) {
    diagnostics_.error(source(), at.begin, at.end, std::move(code), std::move(message));
}

void Resolver::warning(ast::Located const& at, std::string code, std::string message) {
    diagnostics_.warning(source(), at.begin, at.end, std::move(code), std::move(message));
}

Origin Resolver::origin(ast::Located const& at) const {
    return Origin{current_source_, static_cast<std::uint32_t>(at.begin), static_cast<std::uint32_t>(at.end)};
}

std::string Resolver::where(Origin const& o) const {
    auto const& file = program_.sources[o.source];
    auto const at = file.position(o.begin);
    return fmt::format("{}:{}:{}", file.name(), at.line, at.column);
}

std::string Resolver::text_of(ast::Located const& at) const {
    return source().text().substr(at.begin, at.end - at.begin);
}

bool Resolver::declare(std::unordered_map<std::string, Index>& names, std::unordered_map<std::string, Origin>& origins,
                       ast::Token const& name, Index index, std::string_view what, std::string_view scope) {
    auto const [it, inserted] = names.emplace(name.text, index);
    if (!inserted) {
        error(
            name, "duplicate_id",
            fmt::format("duplicate {} '{}'{}; first defined at {}", what, name.text, scope, where(origins[name.text])));
        return false;
    }
    origins[name.text] = origin(name);
    return true;
}

bool Resolver::first_definition(std::unordered_map<std::string, Origin>& origins, ast::Token const& name) {
    auto const it = origins.find(name.text);
    return it != origins.end() && it->second.begin == name.begin && it->second.source == current_source_;
}

std::optional<Date> Resolver::read_date(ast::Token const& token) {
    if (auto const d = Date::parse(token.text)) return d;
    error(token, "invalid_date", fmt::format("'{}' is not a date in the calendar", token.text));
    return std::nullopt;
}

std::optional<Moment> Resolver::read_moment(ast::Token const& token) {
    std::string why;
    if (auto const m = Moment::parse(token.text, &why)) return m;
    error(token, "invalid_date", fmt::format("'{}': {}", token.text, why));
    return std::nullopt;
}

std::optional<Period> Resolver::read_period(ast::InForce const& in_force) {
    auto const from = read_date(in_force.from);
    std::optional<Date> to;
    if (in_force.to) {
        to = read_date(*in_force.to);
        if (!to) return std::nullopt;
        if (from && *to < *from) {
            error(*in_force.to, "empty_period",
                  fmt::format("the period ends ({}) before it starts ({})", in_force.to->text, in_force.from.text));
            return std::nullopt;
        }
    }
    if (!from) return std::nullopt;
    return Period{*from, to};
}

std::optional<Period> Resolver::read_adoption_period(ast::Adopts const& adopts) {
    ast::InForce const period{
        {adopts.from.begin, adopts.to ? adopts.to->end : adopts.from.end}, adopts.from, adopts.to};
    return read_period(period);
}

std::optional<std::int64_t> Resolver::read_count(ast::Token const& token, std::int64_t min, std::int64_t max) {
    auto const n = read_integer(token.text);
    if (n && *n >= min && *n <= max) return n;
    error(token, "invalid_number",
          fmt::format("expected a whole number from {} to {}, found '{}'", min, max, token.text));
    return std::nullopt;
}

// An effort: hours, decimals allowed. Bounded like a span, so that no
// estimate overflows the simulator's sums.
std::optional<double> Resolver::read_hours(ast::Token const& token) {
    constexpr double max_hours = 100000;
    double hours = 0;
    auto const [end, failure] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), hours);
    if (failure == std::errc{} && end == token.text.data() + token.text.size() && hours >= 0 && hours <= max_hours)
        return hours;
    error(token, "invalid_number",
          fmt::format("expected a number of hours from 0 to {}, found '{}'", max_hours, token.text));
    return std::nullopt;
}

std::optional<Type> Resolver::read_type(ast::TypeRef const& ref) {
    Type type;
    type.optional = ref.optional;
    auto const& name = ref.name.text;
    if (name == "bool") type.base = BaseType::boolean;
    else if (name == "int") type.base = BaseType::integer;
    else if (name == "date") type.base = BaseType::date;
    else if (name == "text") type.base = BaseType::text;
    else if (auto const it = kind_ids_.find(name); it != kind_ids_.end()) {
        type.base = BaseType::kind;
        type.kind = it->second;
    } else {
        auto known = keys_of(kind_ids_);
        for (std::string_view builtin : {"bool", "int", "date", "text"}) known.push_back(builtin);
        error(ref.name, "unknown_type",
              fmt::format("unknown type '{}' (bool, int, date, text or a kind){}", name, did_you_mean(name, known)));
        return std::nullopt;
    }
    return type;
}

std::optional<Value> Resolver::read_value(ast::Token const& token, Type const& type) {
    auto const& text = token.text;
    switch (type.base) {
    case BaseType::boolean:
        if (text == "true" || text == "false") return text == "true" ? 1 : 0;
        error(token, "type_mismatch", fmt::format("expected true or false, found '{}'", text));
        return std::nullopt;
    case BaseType::integer:
        if (auto const n = read_integer(text)) return *n;
        error(token, "type_mismatch", fmt::format("expected a whole number, found '{}'", text));
        return std::nullopt;
    case BaseType::date:
        if (auto const d = read_date(token)) return d->days();
        return std::nullopt;
    case BaseType::kind: {
        auto const& kind = program_.kinds[type.kind];
        auto const it = std::find(kind.values.begin(), kind.values.end(), text);
        if (it != kind.values.end()) return static_cast<Value>(it - kind.values.begin());
        std::vector<std::string_view> const known(kind.values.begin(), kind.values.end());
        error(token, "unknown_kind_value",
              fmt::format("unknown value '{}' of kind '{}'{}", text, kind.id, did_you_mean(text, known)));
        return std::nullopt;
    }
    case BaseType::text: return 0;
    }
    return std::nullopt;
}

namespace {

// The most of each unit: more than any law counts, and little enough that no
// deadline counted from a date of the calendar (to 9999) wraps around the
// years the date arithmetic holds (100000 years came out as year -29052).
std::int32_t max_span(TimeUnit unit) {
    switch (unit) {
    case TimeUnit::hours:
    case TimeUnit::days:
    case TimeUnit::working_days: return 100000;
    case TimeUnit::weeks: return 10000;
    case TimeUnit::months: return 2400;
    case TimeUnit::years: return 200;
    }
    return 100000;
}

}  // namespace

std::optional<Span> Resolver::read_span(ast::Duration const& duration, std::int64_t least) {
    auto const unit = parse_time_unit(duration.unit.text);
    auto const amount = read_count(duration.amount, least, unit ? max_span(*unit) : 100000);
    if (!amount) return std::nullopt;
    if (unit) return Span{static_cast<std::int32_t>(*amount), *unit};
    error(duration.unit, "unknown_unit",
          fmt::format("unknown unit '{}' (hours, days, working days, weeks, months or years){}", duration.unit.text,
                      did_you_mean(duration.unit.text, {"hours", "days", "weeks", "months", "years"})));
    return std::nullopt;
}

Index Resolver::find_event(ast::Token const& name, Index vocabulary, std::string_view owner) {
    auto const index = program_.find_event(name.text);
    if (index != no_index && (vocabulary == no_index || program_.events[index].vocabulary == vocabulary)) return index;
    std::vector<std::string_view> known;
    for (auto const& event : program_.events)
        if (vocabulary == no_index || event.vocabulary == vocabulary) known.push_back(event.id);
    if (index != no_index)
        error(name, "unknown_event",
              fmt::format("event '{}' belongs to vocabulary '{}', which {} does not use", name.text,
                          program_.vocabularies[program_.events[index].vocabulary].id, owner));
    else error(name, "unknown_event", fmt::format("unknown event '{}'{}", name.text, did_you_mean(name.text, known)));
    return no_index;
}

Index Resolver::find_duty_concept(ast::Token const& name) {
    auto const& concepts = program_.concepts;
    auto const it = std::lower_bound(concepts.begin(), concepts.end(), name.text);
    if (it != concepts.end() && *it == name.text) return static_cast<Index>(it - concepts.begin());
    if (broken_duties_.count(name.text)) return no_index;  // its own error is reported
    std::vector<std::string_view> const known(concepts.begin(), concepts.end());
    error(name, "unknown_duty", fmt::format("unknown duty '{}'{}", name.text, did_you_mean(name.text, known)));
    return no_index;
}

// ---- vocabulary

void Resolver::declare_kinds(ast::Vocabulary const& vocabulary) {
    auto const index = static_cast<Index>(program_.vocabularies.size());
    if (!declare(vocabulary_ids_, vocabulary_origins_, vocabulary.name, index, "vocabulary")) return;
    program_.vocabularies.push_back(
        {vocabulary.name.text, vocabulary.title.value_or(ast::Token{}).text, origin(vocabulary.name)});
    for (auto const& item : vocabulary.items) {
        auto const* kind = boost::get<ast::Kind>(&item);
        if (!kind) continue;
        auto const kind_index = static_cast<Index>(program_.kinds.size());
        if (!declare(kind_ids_, kind_origins_, kind->name, kind_index, "kind")) continue;
        KindDef def{kind->name.text, {}, {}, origin(kind->name)};
        for (auto const& value : kind->values) {
            auto const& name = value.name;
            if (std::find(def.values.begin(), def.values.end(), name.text) != def.values.end()) {
                error(name, "duplicate_id", fmt::format("duplicate value '{}' in kind '{}'", name.text, def.id));
                continue;
            }
            def.values.push_back(name.text);
            def.titles.push_back(value.title.value_or(ast::Token{}).text);
        }
        program_.kinds.push_back(std::move(def));
    }
}

void Resolver::declare_vocabulary_items(ast::Vocabulary const& vocabulary) {
    if (!first_definition(vocabulary_origins_, vocabulary.name)) return;  // a duplicate, already reported
    Index const vocabulary_index = vocabulary_ids_.at(vocabulary.name.text);
    for (auto const& item : vocabulary.items) {
        visit(
            item, [](ast::Kind const&) {}, [](ast::State const&) {}, [](ast::AgeOrigin const&) {},
            [](ast::Language const&) {},
            [&](ast::Fact const& fact) {
                auto const type = read_type(fact.type);
                auto const index = static_cast<Index>(program_.facts.size());
                if (!declare(program_.fact_ids, fact_origins_, fact.name, index, "fact") || !type) return;
                program_.facts.push_back({fact.name.text, fact.title.value_or(ast::Token{}).text, *type,
                                          vocabulary_index, origin(fact.name)});
            },
            [&](ast::Event const& event) {
                auto const index = static_cast<Index>(program_.events.size());
                if (!declare(program_.event_ids, event_origins_, event.name, index, "event")) return;
                EventDef def{
                    event.name.text, event.title.value_or(ast::Token{}).text, vocabulary_index, {}, origin(event.name)};
                if (event.birthday) {
                    auto const& b = *event.birthday;
                    auto const years = read_integer(b.years.text);
                    auto const months = b.months ? read_integer(b.months->text) : std::optional<std::int64_t>{0};
                    if (!years || *years < 0 || *years > 150)
                        error(b.years, "invalid_age", "an age is a whole number of years from 0 to 150");
                    else if (!months || *months < 0 || *months > 11)
                        error(*b.months, "invalid_age", "the months of an age run from 0 to 11");
                    else {
                        def.birthday_years = static_cast<int>(*years);
                        def.birthday_months = static_cast<int>(*months);
                    }
                    if (!event.attributes.empty())
                        error(
                            event.attributes.front().name, "birthday_attribute",
                            fmt::format("event '{}' is a birthday, derived from the case's facts; it has no attributes "
                                        "a case could give",
                                        def.id));
                }
                for (auto const& attribute : event.attributes) {
                    auto const duplicate = std::any_of(def.attributes.begin(), def.attributes.end(),
                                                       [&](auto const& a) { return a.id == attribute.name.text; });
                    if (duplicate) {
                        error(attribute.name, "duplicate_id",
                              fmt::format("duplicate attribute '{}' of event '{}'", attribute.name.text, def.id));
                        continue;
                    }
                    if (attribute.name.text == "event" || attribute.name.text == "at") {
                        error(
                            attribute.name, "reserved_name",
                            fmt::format("'{}' is reserved for the event's own fields in a case", attribute.name.text));
                        continue;
                    }
                    auto const type = read_type(attribute.type);
                    if (!type) continue;
                    AttributeDef a{attribute.name.text, attribute.title.value_or(ast::Token{}).text, *type, {}};
                    if (attribute.default_value) {
                        if (type->optional)
                            error(*attribute.default_value, "optional_with_default",
                                  "an optional attribute ('?') has no default; drop one of them");
                        // A default in error still counts as given: a case or test that
                        // leaves the attribute out is not wrong as well.
                        a.default_value = read_value(*attribute.default_value, *type).value_or(0);
                    }
                    def.attributes.push_back(std::move(a));
                }
                program_.events.push_back(std::move(def));
            });
    }
}

// A state's events may be declared anywhere in its vocabulary, so states
// come after every event.
void Resolver::declare_states(ast::Vocabulary const& vocabulary) {
    if (!first_definition(vocabulary_origins_, vocabulary.name)) return;  // a duplicate, already reported
    auto const it = vocabulary_ids_.find(vocabulary.name.text);
    for (auto const& item : vocabulary.items)
        if (auto const* event = boost::get<ast::Event>(&item); event && event->birthday)
            needs_age(*event->birthday, fmt::format("the birthday '{}'", event->name.text));
    for (auto const& item : vocabulary.items) {
        auto const* state = boost::get<ast::State>(&item);
        if (!state) continue;
        auto const& name = state->name;
        if (program_.find_fact(name.text) != no_index || name.text == "age") {
            error(name, "duplicate_id",
                  fmt::format("'{}' is already a fact; a state needs a name of its own", name.text));
            continue;
        }
        auto const index = static_cast<Index>(program_.states.size());
        if (!declare(program_.state_ids, state_origins_, name, index, "state")) continue;
        StateDef def{name.text, state->title.value_or(ast::Token{}).text, it->second, {}, {}, origin(name)};
        auto const owner = fmt::format("state '{}'", def.id);
        bool ok = true;
        for (auto const& [tokens, events] :
             {std::pair{&state->starts, &def.starts}, std::pair{&state->ends, &def.ends}})
            for (auto const& event : *tokens) {
                auto const e = find_event(event, it->second, owner);
                if (e == no_index) ok = false;
                else events->push_back(e);
            }
        for (auto const start : def.starts)
            if (std::find(def.ends.begin(), def.ends.end(), start) != def.ends.end()) {
                error(*state, "state_start_is_end",
                      fmt::format("event '{}' both starts and ends {}", program_.events[start].id, owner));
                ok = false;
            }
        if (ok) program_.states.push_back(std::move(def));
        else program_.state_ids.erase(name.text);
    }
}

// ---- calendars

void Resolver::resolve_calendar(ast::Calendar const& calendar) {
    auto const index = static_cast<Index>(program_.calendars.size());
    if (!declare(calendar_ids_, calendar_origins_, calendar.name, index, "calendar")) return;
    static char const* const weekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                           "friday", "saturday", "sunday"};
    std::uint8_t weekend = 0;
    bool has_weekend = false;
    std::vector<HolidayRule> holidays;
    for (auto const& item : calendar.items) {
        visit(
            item,
            [&](ast::Weekend const& w) {
                if (has_weekend)
                    error(w, "duplicate_clause", fmt::format("calendar '{}' has a second weekend", calendar.name.text));
                has_weekend = true;
                for (auto const& day : w.days) {
                    auto const it = std::find(std::begin(weekdays), std::end(weekdays), day.text);
                    if (it == std::end(weekdays)) {
                        error(day, "unknown_weekday",
                              fmt::format("unknown weekday '{}'{}", day.text,
                                          did_you_mean(day.text, {std::begin(weekdays), std::end(weekdays)})));
                        continue;
                    }
                    weekend |= static_cast<std::uint8_t>(1u << (it - std::begin(weekdays)));
                }
            },
            [&](ast::Holiday const& h) {
                HolidayRule rule;
                rule.name = h.title.text;
                bool ok = visit(
                    h.on,
                    [&](ast::Token const& month_day) {
                        rule.month = std::stoi(month_day.text.substr(0, 2));
                        rule.day = std::stoi(month_day.text.substr(3, 2));
                        // 2000 is a leap year, so 02-29 is accepted as a day of the year.
                        if (!Date::from_civil(2000, rule.month, rule.day)) {
                            error(month_day, "invalid_date",
                                  fmt::format("'{}' is not a day of the year", month_day.text));
                            return false;
                        }
                        return true;
                    },
                    [&](ast::EasterOffset const& easter) {
                        rule.from_easter = true;
                        if (easter.days.text.empty()) return true;
                        auto const days = read_count(easter.days, 0, 366);
                        if (!days) return false;
                        rule.easter_offset = static_cast<int>(easter.sign == "-" ? -*days : *days);
                        return true;
                    });
                for (auto const& bound : h.bounds) {
                    auto const year = read_count(bound.year, 1, 9999);
                    if (!year) ok = false;
                    else if (bound.word == "from") rule.from_year = static_cast<int>(*year);
                    else rule.until_year = static_cast<int>(*year);
                }
                if (rule.until_year < rule.from_year) {
                    error(h, "empty_period", fmt::format("holiday '{}' is observed in no year", rule.name));
                    ok = false;
                }
                if (ok) holidays.push_back(std::move(rule));
            });
    }
    if (weekend == 0x7F) {
        error(calendar.name, "no_working_days",
              fmt::format("calendar '{}' has no working day: its weekend is every day", calendar.name.text));
        return;
    }
    if (calendar.is_default) {
        if (program_.default_calendar != no_index)
            error(calendar.name, "duplicate_default",
                  fmt::format("calendar '{}' is marked default, as is '{}'", calendar.name.text,
                              program_.calendars[program_.default_calendar].id()));
        else program_.default_calendar = index;
    }
    program_.calendars.emplace_back(calendar.name.text, calendar.title.value_or(ast::Token{}).text, weekend,
                                    std::move(holidays));
}

// ---- municipalities

void Resolver::resolve_municipality(ast::Municipality const& municipality) {
    auto const index = static_cast<Index>(program_.municipalities.size());
    if (!declare(program_.municipality_ids, municipality_origins_, municipality.name, index, "municipality")) return;
    MunicipalityDef def;
    def.id = municipality.name.text;
    def.origin = origin(municipality.name);
    auto const owner = fmt::format("municipality '{}'", def.id);
    if (municipality.title) def.name = municipality.title->text;
    else error(municipality.name, "missing_title", fmt::format("{} has no name in quotes after its id", owner));
    ast::Code const* code = nullptr;
    ast::Region const* region = nullptr;
    ast::Population const* population = nullptr;
    for (auto const& item : municipality.items) {
        visit(
            item,
            [&](ast::Code const& c) {
                if (!once(code, c, "code", owner)) return;
                auto const n = read_count(c.value, 1, 9999);
                if (!n) return;
                def.code = static_cast<int>(*n);
                auto const [it, inserted] = program_.municipality_codes.emplace(def.code, index);
                if (!inserted)
                    error(c.value, "duplicate_id",
                          fmt::format("code {} is also the code of municipality '{}'", def.code,
                                      program_.municipalities[it->second].id));
            },
            [&](ast::Region const& c) {
                if (once(region, c, "region", owner)) def.region = c.value.text;
            },
            [&](ast::Population const& c) {
                if (!once(population, c, "population", owner)) return;
                auto const n = read_count(c.count, 0, 100000000);
                if (!n) return;
                def.population = *n;
                def.population_estimated = c.provenance == "estimate";
                def.population_note = c.note.text;
            },
            [&](ast::MunicipalityTarget const& c) {
                auto const known = std::any_of(program_.duties.begin(), program_.duties.end(),
                                               [&](DutyDef const& d) { return d.id == c.duty.text; });
                if (!known) {
                    if (broken_duties_.count(c.duty.text)) return;
                    std::vector<std::string_view> ids;
                    for (auto const& d : program_.duties) ids.push_back(d.id);
                    error(c.duty, "unknown_duty",
                          fmt::format("unknown duty '{}': no law or exemption set defines it{}", c.duty.text,
                                      did_you_mean(c.duty.text, ids)));
                    return;
                }
                DutyDef const* duty = nullptr;
                for (auto const& d : program_.duties)
                    if (d.id == c.duty.text) duty = &d;
                // A set's own duty counts with its first amended law's vocabulary and calendar.
                auto const& amends =
                    duty->owned_by_set ? program_.exemption_sets[duty->owner].amends : std::vector<Index>{};
                auto const law_index = !duty->owned_by_set ? duty->owner : amends.empty() ? no_index : amends.front();
                DutyScope const scope{law_index == no_index ? no_index : program_.laws[law_index].vocabulary, owner,
                                      law_index, false};
                if (auto rule = resolve_target_rule(c.rule, scope, *duty))
                    def.targets.push_back(TargetDef{c.duty.text, no_index, std::move(*rule), c.basis.text, origin(c)});
            },
            [&](ast::Adopts const& c) {
                auto const set = find_set(c.set);
                if (set == no_index) return;
                if (auto const period = read_adoption_period(c))
                    def.adoptions.push_back(Adoption{set, *period, origin(c)});
            });
    }
    if (!code) error(municipality.name, "missing_clause", fmt::format("{} has no code", owner));
    if (!region) error(municipality.name, "missing_clause", fmt::format("{} has no region", owner));
    program_.municipalities.push_back(std::move(def));
}

// Once for every vocabulary together, after every fact is declared: the
// fact may come from another vocabulary than the declaration. A birthday is
// checked in declare_states, once every vocabulary has had its say.
void Resolver::declare_age_origin(ast::Vocabulary const& vocabulary) {
    for (auto const& item : vocabulary.items) {
        auto const* origin_item = boost::get<ast::AgeOrigin>(&item);
        if (!origin_item) continue;
        auto const& age = *origin_item;
        if (age_origin_) {
            error(age, "duplicate_clause",
                  fmt::format("the rules already say what an age counts from, at {}: one 'age of … from' in all",
                              where(origin(*age_origin_))));
            continue;
        }
        age_origin_ = &age;
        if (age.subject.text.empty())
            error(age.subject, "missing_title",
                  "say whose age it is, as an explanation names them (e.g. \"the applicant\")");
        auto const fact = program_.find_fact(age.fact.text);
        if (fact == no_index) {
            std::vector<std::string_view> dates;
            for (auto const& f : program_.facts)
                if (f.type.base == BaseType::date) dates.push_back(f.id);
            error(age.fact, "unknown_name",
                  fmt::format("unknown fact '{}': an age counts from a date fact{}", age.fact.text,
                              did_you_mean(age.fact.text, dates)));
            continue;
        }
        if (program_.facts[fact].type.base != BaseType::date) {
            error(age.fact, "type_mismatch",
                  fmt::format("an age counts from a date, and fact '{}' is not one (declare it '{}: date')",
                              age.fact.text, age.fact.text));
            continue;
        }
        age_fact_ = fact;
        program_.age_subject = age.subject.text;
    }
}

// One language for all the rules: a reader is answered in one, and the
// labels and titles are written in it. A code is a language's ISO 639 code
// in lower case (`da`, `en`); which languages a reader can be answered in is
// the writers' business (output/).
void Resolver::declare_language(ast::Vocabulary const& vocabulary) {
    for (auto const& item : vocabulary.items) {
        auto const* language = boost::get<ast::Language>(&item);
        if (!language) continue;
        auto const& code = language->value;
        if (language_) {
            error(*language, "duplicate_clause",
                  fmt::format("the rules already name their language, at {}: one 'language' in all",
                              where(origin(*language_))));
            continue;
        }
        language_ = language;
        bool const letters =
            code.text.size() >= 2 && code.text.size() <= 3 &&
            std::all_of(code.text.begin(), code.text.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
        if (!letters) {
            error(code, "invalid_language",
                  fmt::format("'{}' is not a language code: write its ISO 639 code in lower case (e.g. da, en)",
                              code.text));
            continue;
        }
        program_.language = code.text;
    }
}

void Resolver::needs_age(ast::Located const& at, std::string_view what) {
    if (age_declared()) return;
    error(at, "unknown_name",
          fmt::format("{} counts from a date no vocabulary names: declare one with 'age of \"…\" from FACT'", what));
}

void link_transitions(Program& program, DutyDef& duty) {
    for (Index l = 0; l < program.laws.size(); ++l) {
        auto const& transitions = program.laws[l].transitions;
        for (Index t = 0; t < transitions.size(); ++t) {
            auto const& transition = transitions[t];
            auto const& finish = transition.finish_concepts;
            if (transition.from_law == duty.owner &&
                std::find(finish.begin(), finish.end(), duty.concept_index) != finish.end()) {
                duty.carry_law = l;
                duty.carry_transition = t;
            }
            if (l != duty.owner) continue;
            for (auto const& keep : transition.keeps)
                if (std::find(keep.duty_concepts.begin(), keep.duty_concepts.end(), duty.concept_index) !=
                    keep.duty_concepts.end()) {
                    duty.kept_events.insert(duty.kept_events.end(), keep.events.begin(), keep.events.end());
                    duty.kept_by = t;
                }
        }
    }
}

void Resolver::index_program() {
    auto& concepts = program_.concepts;
    for (auto const& duty : program_.duties) concepts.push_back(duty.id);
    concepts.insert(concepts.end(), scenario_duty_ids_.begin(), scenario_duty_ids_.end());
    std::sort(concepts.begin(), concepts.end());
    concepts.erase(std::unique(concepts.begin(), concepts.end()), concepts.end());
    auto const concept_of = [&](std::string const& id) {
        return static_cast<Index>(std::lower_bound(concepts.begin(), concepts.end(), id) - concepts.begin());
    };
    for (auto& duty : program_.duties) duty.concept_index = concept_of(duty.id);
    for (auto& set : program_.exemption_sets) {
        for (auto& waiver : set.waivers) waiver.concept_index = concept_of(waiver.duty);
        for (auto& change : set.changes) change.concept_index = concept_of(change.duty);
    }
    for (auto& duty : program_.duties)
        if (duty.target) duty.target->concept_index = duty.concept_index;
    for (auto& municipality : program_.municipalities)
        for (auto& target : municipality.targets) target.concept_index = concept_of(target.duty);
    for (auto& law : program_.laws)
        for (auto& transition : law.transitions) {
            for (auto const& id : transition.finish) transition.finish_concepts.push_back(concept_of(id));
            for (auto& keep : transition.keeps)
                for (auto const& id : keep.duties) keep.duty_concepts.push_back(concept_of(id));
        }
    for (auto& duty : program_.duties)
        if (!duty.owned_by_set) link_transitions(program_, duty);

    program_.duties_by_trigger.assign(program_.events.size(), {});
    for (Index d = 0; d < program_.duties.size(); ++d) {
        auto const& triggers = program_.duties[d].triggers;
        if (program_.duties[d].residual) continue;  // opened by the exception that leaves it
        for (Index which = 0; which < triggers.size(); ++which)
            program_.duties_by_trigger[triggers[which]].push_back({d, which, false, 0, 0});
    }
    for (auto& duties : program_.duties_by_trigger)
        std::stable_sort(duties.begin(), duties.end(), [&](Program::TriggeredDuty a, Program::TriggeredDuty b) {
            return program_.duties[a.duty].concept_index < program_.duties[b.duty].concept_index;
        });
    index_trigger_periods(program_);
    assign_duty_calendars(program_);
    program_.age_fact = age_fact();
    for (Index e = 0; e < program_.events.size(); ++e)
        if (program_.events[e].derived()) program_.birthday_events.push_back(e);
}

}  // namespace detail

std::optional<Program> resolve(std::vector<SourceFile> sources, std::vector<ast::File> const& files,
                               Diagnostics& diagnostics) {
    Program program;
    program.sources = std::move(sources);
    bool const had_errors = diagnostics.has_errors();
    detail::Resolver{program, files, diagnostics}.run();
    if (had_errors || diagnostics.has_errors()) return std::nullopt;
    return program;
}

}  // namespace pligt
