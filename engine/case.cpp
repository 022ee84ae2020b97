#include "engine/case.hpp"

#include "dsl/diagnostic.hpp"
#include "engine/deadline.hpp"
#include "engine/json_document.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace pligt::engine {
namespace {

using nlohmann::json;

std::string_view type_name(json const& value) { return value.type_name(); }

std::string describe(Type const& type, Program const& program) {
    switch (type.base) {
    case BaseType::boolean: return "true or false";
    case BaseType::integer: return "a whole number";
    case BaseType::date: return "a date (YYYY-MM-DD)";
    case BaseType::text: return "a text";
    case BaseType::kind: {
        auto const& kind = program.kinds[type.kind];
        std::string values;
        for (auto const& v : kind.values) values += (values.empty() ? "" : ", ") + v;
        return fmt::format("one of {} ({})", kind.id, values);
    }
    }
    return {};
}

// A type by name: "bool", "int", "date", "text" or the kind's id.
std::string type_label(Type const& type, Program const& program) {
    static char const* const names[] = {"bool", "int", "date", "text"};
    return type.base == BaseType::kind ? program.kinds[type.kind].id : names[static_cast<int>(type.base)];
}

class CaseReader {
public:
    explicit CaseReader(Program const& program) : program_{program} {}

    CaseResult read(json const& document) {
        if (!document.is_object()) {
            error("", fmt::format("a case is a JSON object, not {}", type_name(document)));
            return fail(std::move(errors_));
        }
        Case result;
        result.facts.assign(program_.facts.size(), {});
        bool saw_municipality = false, saw_events = false;
        for (auto const& [key, value] : document.items()) {
            auto const pointer = "/" + pointer_token(key);
            if (key == "id") read_id(value, pointer, result);
            else if (key == "municipality") {
                saw_municipality = true;
                read_municipality(value, pointer, result);
            } else if (key == "facts") read_facts(value, pointer, result);
            else if (key == "events") {
                saw_events = true;
                read_events(value, pointer, result);
            } else
                error(pointer, fmt::format("unknown field '{}' (a case has id, municipality, facts and events){}", key,
                                           did_you_mean(key, {"id", "municipality", "facts", "events"})));
        }
        if (!saw_municipality) error("", "the case names no municipality (\"municipality\": id or code)");
        if (!saw_events) error("", "the case has no \"events\" list");
        if (!errors_.empty()) return fail(std::move(errors_));
        order_events(program_, result);
        return result;
    }

private:
    void error(std::string pointer, std::string message) {
        errors_.push_back({std::move(pointer), std::move(message)});
    }

    void read_id(json const& value, std::string const& pointer, Case& result) {
        if (value.is_string()) result.id = value.get<std::string>();
        else if (value.is_number_integer()) result.id = value.dump();
        else error(pointer, fmt::format("expected the case id as a text, found {}", type_name(value)));
    }

    void read_municipality(json const& value, std::string const& pointer, Case& result) {
        std::string name;
        if (value.is_string()) name = value.get<std::string>();
        else if (value.is_number_unsigned()) name = std::to_string(value.get<std::uint64_t>());
        else {
            error(pointer, fmt::format("expected a municipality id or code, found {}", type_name(value)));
            return;
        }
        result.municipality = find_municipality(program_, name);
        if (result.municipality != no_index) return;
        error(pointer,
              fmt::format("unknown municipality '{}'{}", name, did_you_mean_id(name, program_.municipalities)));
    }

    // A typed value, or an error at the pointer.
    std::optional<Value> read_value(json const& value, Type const& type, std::string const& pointer) {
        auto const mismatch = [&] {
            error(pointer, fmt::format("expected {}, found {}", describe(type, program_),
                                       value.is_string() ? fmt::format("\"{}\"", value.get<std::string>())
                                                         : std::string{type_name(value)}));
            return std::nullopt;
        };
        switch (type.base) {
        case BaseType::boolean:
            if (!value.is_boolean()) return mismatch();
            return value.get<bool>() ? 1 : 0;
        case BaseType::integer:
            if (!value.is_number_integer()) return mismatch();
            if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
                return mismatch();
            return value.get<std::int64_t>();
        case BaseType::date: {
            if (!value.is_string()) return mismatch();
            auto const text = value.get<std::string>();
            if (auto const date = Date::parse(text)) return date->days();
            std::string why;
            if (Moment::parse(text, &why)) why = "expected a date without a time of day";
            error(pointer, fmt::format("'{}' is not a date: {}", text, why));
            return std::nullopt;
        }
        case BaseType::text:
            if (!value.is_string()) return mismatch();
            return 0;
        case BaseType::kind: {
            if (!value.is_string()) return mismatch();
            auto const text = value.get<std::string>();
            auto const& kind = program_.kinds[type.kind];
            auto const it = std::find(kind.values.begin(), kind.values.end(), text);
            if (it != kind.values.end()) return static_cast<Value>(it - kind.values.begin());
            std::vector<std::string_view> const known(kind.values.begin(), kind.values.end());
            error(pointer, fmt::format("unknown value '{}' of kind '{}'{}", text, kind.id, did_you_mean(text, known)));
            return std::nullopt;
        }
        }
        return std::nullopt;
    }

    void read_facts(json const& facts, std::string const& pointer, Case& result) {
        if (!facts.is_object()) {
            error(pointer, fmt::format("expected an object of facts, found {}", type_name(facts)));
            return;
        }
        for (auto const& [key, value] : facts.items()) {
            auto const fact_pointer = pointer + "/" + pointer_token(key);
            auto const fact = program_.find_fact(key);
            if (fact == no_index) {
                error(fact_pointer, fmt::format("unknown fact '{}'{}", key, did_you_mean_id(key, program_.facts)));
                continue;
            }
            if (auto const v = read_value(value, program_.facts[fact].type, fact_pointer))
                result.facts[fact] = AttributeValue{*v, true};
        }
    }

    void read_events(json const& events, std::string const& pointer, Case& result) {
        if (!events.is_array()) {
            error(pointer, fmt::format("expected a list of events, found {}", type_name(events)));
            return;
        }
        for (std::size_t i = 0; i < events.size(); ++i)
            read_event(events[i], fmt::format("{}/{}", pointer, i), static_cast<std::uint32_t>(i), result);
    }

    void read_event(json const& object, std::string const& pointer, std::uint32_t position, Case& result) {
        if (!object.is_object()) {
            error(pointer, fmt::format("expected an event object, found {}", type_name(object)));
            return;
        }
        auto const name = object.find("event");
        if (name == object.end() || !name->is_string()) {
            error(name == object.end() ? pointer : pointer + "/event",
                  "an event needs \"event\": the name of the event, as a text");
            return;
        }
        auto const event_name = name->get<std::string>();
        auto const event_index = program_.find_event(event_name);
        if (event_index == no_index) {
            error(pointer + "/event",
                  fmt::format("unknown event '{}'{}", event_name, did_you_mean_id(event_name, program_.events)));
            return;
        }
        auto const& event = program_.events[event_index];
        if (event.derived()) {
            error(pointer + "/event",
                  fmt::format("event '{}' is {}'s birthday at {} years{}: pligt derives it from the {} "
                              "(facts/{}), so a case does not record it",
                              event_name, program_.age_subject, event.birthday_years,
                              event.birthday_months ? fmt::format(" {} months", event.birthday_months) : "",
                              program_.facts[program_.age_fact].id, program_.facts[program_.age_fact].id));
            return;
        }
        CaseEvent parsed{event_index, {}, static_cast<std::uint32_t>(result.attribute_values.size()), position};
        result.attribute_values.resize(result.attribute_values.size() + event.attributes.size());
        auto const values = result.attribute_values.begin() + parsed.attributes;

        bool ok = true;
        auto const at = object.find("at");
        if (at == object.end()) {
            error(pointer, fmt::format("event '{}' has no \"at\" (YYYY-MM-DD or YYYY-MM-DDTHH:MM)", event_name));
            ok = false;
        } else if (!at->is_string()) {
            error(pointer + "/at", fmt::format("expected a date or date-time as a text, found {}", type_name(*at)));
            ok = false;
        } else {
            std::string why;
            auto const moment = Moment::parse(at->get<std::string>(), &why);
            if (moment) parsed.at = *moment;
            else {
                error(pointer + "/at", fmt::format("'{}': {}", at->get<std::string>(), why));
                ok = false;
            }
        }
        for (auto const& [key, value] : object.items()) {
            if (key == "event" || key == "at") continue;
            auto const attribute_pointer = pointer + "/" + pointer_token(key);
            // clang-14 cannot capture a structured binding, so `key` is captured by name.
            auto const attribute = std::find_if(event.attributes.begin(), event.attributes.end(),
                                                [&, &key = key](AttributeDef const& a) { return a.id == key; });
            if (attribute == event.attributes.end()) {
                error(attribute_pointer,
                      fmt::format("unknown attribute '{}' of event '{}'{}", key, event_name,
                                  event.attributes.empty() ? std::string{" (it has no attributes)"}
                                                           : did_you_mean_id(key, event.attributes)));
                ok = false;
                continue;
            }
            // An ill-typed value is reported once, not also as missing.
            auto const v = read_value(value, attribute->type, attribute_pointer);
            values[attribute - event.attributes.begin()] = AttributeValue{v.value_or(0), true};
            if (!v) ok = false;
        }
        for (std::size_t i = 0; i < event.attributes.size(); ++i) {
            auto const& attribute = event.attributes[i];
            if (values[static_cast<std::ptrdiff_t>(i)].present) continue;
            if (attribute.default_value)
                values[static_cast<std::ptrdiff_t>(i)] = AttributeValue{*attribute.default_value, true};
            else if (!attribute.type.optional) {
                error(pointer, fmt::format("event '{}' needs the attribute '{}' ({})", event_name, attribute.id,
                                           type_label(attribute.type, program_)));
                ok = false;
            }
        }
        if (ok) result.events.push_back(parsed);
    }

    Program const& program_;
    std::vector<CaseError> errors_;
};

}  // namespace

Index find_municipality(Program const& program, std::string_view name) {
    if (!name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        int code = 0;
        auto const [end, error] = std::from_chars(name.data(), name.data() + name.size(), code);
        if (error != std::errc{} || end != name.data() + name.size()) return no_index;
        return program.find_municipality_code(code);
    }
    return program.find_municipality(std::string{name});
}

CaseResult read_case(Program const& program, json const& document) { return CaseReader{program}.read(document); }

CaseResult parse_case(Program const& program, std::string_view text) {
    json document;
    std::vector<JsonProblem> problems;
    if (!read_json(text, document, problems))
        return fail(
            std::vector<CaseError>{{"", problems.front().message, problems.front().line, problems.front().column}});
    auto result = read_case(program, document);
    if (problems.empty()) return result;
    std::vector<CaseError> errors;
    for (auto const& problem : problems) errors.push_back({problem.pointer, problem.message});
    if (!result) errors.insert(errors.end(), result.error().begin(), result.error().end());
    return fail(std::move(errors));
}

}  // namespace pligt::engine

namespace pligt::engine {
namespace {

// A cursor over one line. Every method returns false (or nothing) where the
// text leaves the plain form; the caller then hands the line to parse_case.
class PlainJson {
public:
    explicit PlainJson(std::string_view text) : p_{text.data()}, end_{text.data() + text.size()} {}

    void skip_space() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
    }
    bool at_end() {
        skip_space();
        return p_ == end_;
    }
    // The next non-space character is `c`; consumed.
    bool take(char c) {
        skip_space();
        if (p_ == end_ || *p_ != c) return false;
        ++p_;
        return true;
    }
    bool peek(char c) {
        skip_space();
        return p_ != end_ && *p_ == c;
    }
    // A string of printable ASCII without escapes.
    bool string(std::string_view& out) {
        if (!take('"')) return false;
        auto const start = p_;
        for (; p_ != end_; ++p_) {
            auto const c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                out = std::string_view{start, static_cast<std::size_t>(p_ - start)};
                ++p_;
                return true;
            }
            if (c < 0x20 || c > 0x7E || c == '\\') return false;
        }
        return false;
    }
    // A whole number of at most 18 digits, so it fits any JSON integer type;
    // not "-0", and no fraction or exponent. The token's text is kept.
    bool integer(std::int64_t& value, std::string_view& token) {
        skip_space();
        auto const start = p_;
        bool const negative = p_ != end_ && *p_ == '-';
        if (negative) ++p_;
        auto const digits = p_;
        std::int64_t v = 0;
        for (; p_ != end_ && *p_ >= '0' && *p_ <= '9'; ++p_)
            if (p_ - digits < 18) v = v * 10 + (*p_ - '0');  // past 18 digits: refused below
        auto const count = p_ - digits;
        if (count == 0 || count > 18 || (*digits == '0' && count > 1)) return false;
        if (negative && v == 0) return false;
        if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
        value = negative ? -v : v;
        token = std::string_view{start, static_cast<std::size_t>(p_ - start)};
        return true;
    }
    bool literal(std::string_view word) {
        skip_space();
        auto const left = static_cast<std::size_t>(end_ - p_);
        if (left < word.size() || std::string_view{p_, word.size()} != word) return false;
        p_ += word.size();
        return true;
    }

private:
    char const* p_;
    char const* end_;
};

// A value of `type` in the plain form, exactly as read_value would accept it.
bool plain_value(PlainJson& in, Type const& type, Program const& program, Value& out) {
    switch (type.base) {
    case BaseType::boolean:
        if (in.literal("true")) out = 1;
        else if (in.literal("false")) out = 0;
        else return false;
        return true;
    case BaseType::integer: {
        std::string_view token;
        return in.integer(out, token);
    }
    case BaseType::date: {
        std::string_view text;
        if (!in.string(text)) return false;
        auto const date = Date::parse(text);
        if (!date) return false;
        out = date->days();
        return true;
    }
    case BaseType::text: {
        std::string_view text;
        out = 0;
        return in.string(text);
    }
    case BaseType::kind: {
        std::string_view text;
        if (!in.string(text)) return false;
        auto const& values = program.kinds[type.kind].values;
        auto const it = std::find(values.begin(), values.end(), text);
        if (it == values.end()) return false;
        out = static_cast<Value>(it - values.begin());
        return true;
    }
    }
    return false;
}

// The members of an object, `member(key)` reading each value; an empty
// object is allowed.
template <typename F>
bool plain_object(PlainJson& in, F&& member) {
    if (!in.take('{')) return false;
    if (in.take('}')) return true;
    do {
        std::string_view key;
        if (!in.string(key) || !in.take(':') || !member(key)) return false;
    } while (in.take(','));
    return in.take('}');
}

}  // namespace

CaseParser::CaseParser(Program const& program) : program_{&program} {
    // A derived event is refused by parse_case, which says why.
    for (auto const& [id, index] : program.event_ids)
        if (!program.events[index].derived()) events_.emplace(id, index);
    for (auto const& [id, index] : program.fact_ids) facts_.emplace(id, index);
    for (auto const& [id, index] : program.municipality_ids) municipalities_.emplace(id, index);
}

CaseResult CaseParser::parse(std::string_view text) const {
    Case c;
    if (parse_plain(text, c)) return c;
    return parse_case(*program_, text);
}

bool CaseParser::parse_plain(std::string_view text, Case& out) const {
    auto const& program = *program_;
    auto const lookup = [](auto const& map, std::string_view key) {
        auto const it = map.find(key);
        return it == map.end() ? no_index : it->second;
    };
    out.id.clear();
    out.municipality = no_index;
    out.facts.assign(program.facts.size(), {});
    out.events.clear();
    out.attribute_values.clear();

    PlainJson in{text};
    bool saw_id = false, saw_municipality = false, saw_facts = false, saw_events = false;
    auto const facts = [&](std::string_view key) {
        auto const fact = lookup(facts_, key);
        if (fact == no_index || out.facts[fact].present) return false;  // unknown or repeated
        Value value = 0;
        if (!plain_value(in, program.facts[fact].type, program, value)) return false;
        out.facts[fact] = AttributeValue{value, true};
        return true;
    };
    auto const event = [&](std::uint32_t position) {
        Index event_index = no_index;
        std::string_view at;
        bool saw_at = false;
        auto const offset = static_cast<std::uint32_t>(out.attribute_values.size());
        bool const ok = plain_object(in, [&](std::string_view key) {
            if (key == "event") {
                std::string_view name;
                if (event_index != no_index || !in.string(name)) return false;
                event_index = lookup(events_, name);
                if (event_index == no_index) return false;
                out.attribute_values.resize(offset + program.events[event_index].attributes.size());
                return true;
            }
            if (key == "at") {
                if (saw_at || !in.string(at)) return false;
                saw_at = true;
                return true;
            }
            if (event_index == no_index) return false;  // an attribute before the event's name
            auto const& attributes = program.events[event_index].attributes;
            auto const attribute =
                std::find_if(attributes.begin(), attributes.end(), [&](AttributeDef const& a) { return a.id == key; });
            if (attribute == attributes.end()) return false;
            auto& slot = out.attribute_values[offset + static_cast<std::size_t>(attribute - attributes.begin())];
            if (slot.present) return false;
            Value value = 0;
            if (!plain_value(in, attribute->type, program, value)) return false;
            slot = AttributeValue{value, true};
            return true;
        });
        if (!ok || event_index == no_index || !saw_at) return false;
        auto const moment = Moment::parse(at);
        if (!moment) return false;
        auto const& attributes = program.events[event_index].attributes;
        for (std::size_t i = 0; i < attributes.size(); ++i) {
            auto& slot = out.attribute_values[offset + i];
            if (slot.present) continue;
            if (attributes[i].default_value) slot = AttributeValue{*attributes[i].default_value, true};
            else if (!attributes[i].type.optional) return false;
        }
        out.events.push_back(CaseEvent{event_index, *moment, offset, position});
        return true;
    };

    bool const ok = plain_object(in, [&](std::string_view key) {
        if (key == "id") {
            if (saw_id) return false;
            saw_id = true;
            if (in.peek('"')) {
                std::string_view id;
                if (!in.string(id)) return false;
                out.id.assign(id);
                return true;
            }
            std::int64_t value = 0;
            std::string_view token;
            if (!in.integer(value, token)) return false;
            out.id.assign(token);  // as nlohmann's dump() writes it
            return true;
        }
        if (key == "municipality") {
            if (saw_municipality) return false;
            saw_municipality = true;
            if (in.peek('"')) {
                std::string_view name;
                if (!in.string(name)) return false;
                bool const digits =
                    !name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
                out.municipality = digits ? find_municipality(program, name) : lookup(municipalities_, name);
            } else {
                std::int64_t value = 0;
                std::string_view token;
                if (!in.integer(value, token) || value < 0) return false;
                out.municipality = find_municipality(program, token);
            }
            return out.municipality != no_index;
        }
        if (key == "facts") {
            if (saw_facts) return false;
            saw_facts = true;
            return plain_object(in, facts);
        }
        if (key == "events") {
            if (saw_events) return false;
            saw_events = true;
            if (!in.take('[')) return false;
            if (in.take(']')) return true;
            std::uint32_t position = 0;
            do {
                if (!event(position++)) return false;
            } while (in.take(','));
            return in.take(']');
        }
        return false;  // an unknown field
    });
    if (!ok || !in.at_end() || !saw_municipality || !saw_events) return false;
    order_events(*program_, out);
    return true;
}

void order_events(Program const& program, Case& c) {
    if (program.age_fact != no_index && !program.birthday_events.empty()) {
        auto const birth = c.facts[program.age_fact];
        if (birth.present) {
            auto const born = Date::from_days(static_cast<std::int32_t>(birth.value));
            auto const offset = static_cast<std::uint32_t>(c.attribute_values.size());  // no attributes
            for (auto const e : program.birthday_events) {
                auto const& event = program.events[e];
                auto const on = age_reached(born, event.birthday_years, event.birthday_months);
                c.events.push_back(CaseEvent{e, Moment::on(on), offset, derived_position});
            }
        }
    }
    std::stable_sort(c.events.begin(), c.events.end(),
                     [](CaseEvent const& a, CaseEvent const& b) { return Moment::sorts_before(a.at, b.at); });
}

}  // namespace pligt::engine
