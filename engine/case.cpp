#include "engine/case.hpp"

#include "dsl/diagnostic.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace pligt::engine {
namespace {

using nlohmann::json;

// RFC 6901: '~' and '/' in a key are escaped.
std::string pointer_token(std::string_view key) {
    std::string escaped;
    for (char c : key) {
        if (c == '~') escaped += "~0";
        else if (c == '/') escaped += "~1";
        else escaped += c;
    }
    return escaped;
}

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
        std::stable_sort(result.events.begin(), result.events.end(),
                         [](CaseEvent const& a, CaseEvent const& b) { return Moment::sorts_before(a.at, b.at); });
        return result;
    }

private:
    void error(std::string pointer, std::string message) { errors_.push_back({std::move(pointer), std::move(message)}); }

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
        std::vector<std::string_view> known;
        for (auto const& m : program_.municipalities) known.push_back(m.id);
        error(pointer, fmt::format("unknown municipality '{}'{}", name, did_you_mean(name, known)));
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
                std::vector<std::string_view> known;
                for (auto const& f : program_.facts) known.push_back(f.id);
                error(fact_pointer, fmt::format("unknown fact '{}'{}", key, did_you_mean(key, known)));
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
            std::vector<std::string_view> known;
            for (auto const& e : program_.events) known.push_back(e.id);
            error(pointer + "/event", fmt::format("unknown event '{}'{}", event_name, did_you_mean(event_name, known)));
            return;
        }
        auto const& event = program_.events[event_index];
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
            auto const attribute = std::find_if(event.attributes.begin(), event.attributes.end(),
                                                [&](AttributeDef const& a) { return a.id == key; });
            if (attribute == event.attributes.end()) {
                std::vector<std::string_view> known;
                for (auto const& a : event.attributes) known.push_back(a.id);
                error(attribute_pointer,
                      fmt::format("unknown attribute '{}' of event '{}'{}", key, event_name,
                                  known.empty() ? std::string{" (it has no attributes)"} : did_you_mean(key, known)));
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
            if (attribute.default_value) values[static_cast<std::ptrdiff_t>(i)] = AttributeValue{*attribute.default_value, true};
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
    try {
        document = json::parse(text.begin(), text.end());
    } catch (json::parse_error const& e) {
        // nlohmann counts bytes; turn the offset into a line and column.
        std::size_t const offset = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        int line = 1, column = 1;
        for (std::size_t i = 0; i < offset; ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
                ++column;
            }
        }
        std::string message = e.what();
        if (auto const colon = message.rfind(": "); colon != std::string::npos) message = message.substr(colon + 2);
        return fail(std::vector<CaseError>{{"", "invalid JSON: " + message, line, column}});
    }
    return read_case(program, document);
}

}  // namespace pligt::engine
