// Reading a story (engine/generate.hpp): JSON to a checked Story, every
// event, attribute, kind value, fact and step name checked against the
// vocabulary and the steps before it, each problem named by its JSON Pointer.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "dsl/diagnostic.hpp"
#include "engine/json_document.hpp"
#include "population/generate.hpp"

namespace pligt::engine {
namespace {

using nlohmann::json;

// A value as an error message shows it: a scalar as written (a long text
// cut), a list or an object by its type, never its whole contents.
std::string brief(json const& v) {
    if (v.is_array() || v.is_object()) return std::string{"an "} + v.type_name();
    auto const text = v.dump(-1, ' ', false, json::error_handler_t::replace);
    return text.size() > 60 ? text.substr(0, 57) + "…" : text;
}

// A member's text, or "" when it is absent or not a text.
std::string text_member(json const& object, char const* key) {
    auto const it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::optional<int> parse_minute(std::string const& text) {  // HH:MM
    int h = 0, m = 0;
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    if (std::from_chars(text.data(), text.data() + 2, h).ptr != text.data() + 2) return std::nullopt;
    if (std::from_chars(text.data() + 3, text.data() + 5, m).ptr != text.data() + 5) return std::nullopt;
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

// Reads a story, checking every name against the vocabulary. Each problem is
// recorded with its pointer and reading goes on, so one run shows them all.
class StoryReader {
public:
    explicit StoryReader(Program const& program) : program_{program} {}

    StoryResult read(json const& document) {
        if (!document.is_object()) return error("", "a story is a JSON object"), fail(std::move(errors_));
        Story story;
        for (auto const& [key, value] : document.items()) {
            if (key == "note") continue;
            if (key == "facts") read_facts(value, "/facts", story);
            else if (key == "steps") read_steps(value, "/steps", story);
            else if (key == "calibration") read_calibration(value, "/calibration", story);
            else
                error("/" + pointer_token(key),
                      fmt::format("unknown field '{}' (a story has note, facts, steps and calibration){}", key,
                                  did_you_mean(key, {"note", "facts", "steps", "calibration"})));
        }
        if (!document.contains("steps")) error("", "the story has no \"steps\"");
        if (!errors_.empty()) return fail(std::move(errors_));
        return story;
    }

private:
    void error(std::string pointer, std::string message) {
        errors_.push_back({std::move(pointer), std::move(message)});
    }

    std::optional<double> probability(json const& v, std::string const& pointer) {
        if (v.is_number() && v.get<double>() >= 0 && v.get<double>() <= 1) return v.get<double>();
        return error(pointer, fmt::format("expected a probability from 0 to 1, found {}", brief(v))), std::nullopt;
    }
    // Days, hours and counts stay far from where date arithmetic overflows.
    std::optional<std::int64_t> whole(json const& v, std::string const& pointer, std::int64_t min = -100000,
                                      std::int64_t max = 100000) {
        if (v.is_number_unsigned()
                ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(max) &&
                      (min <= 0 || v.get<std::uint64_t>() >= static_cast<std::uint64_t>(min))
                : v.is_number_integer() && v.get<std::int64_t>() >= min && v.get<std::int64_t>() <= max)
            return v.get<std::int64_t>();
        return error(pointer, fmt::format("expected a whole number from {} to {}, found {}", min, max, brief(v))),
               std::nullopt;
    }
    std::optional<Date> date(json const& v, std::string const& pointer) {
        if (auto const d = v.is_string() ? Date::parse(v.get<std::string>()) : std::nullopt) return d;
        return error(pointer, fmt::format("expected a date (YYYY-MM-DD), found {}", brief(v))), std::nullopt;
    }
    // The object at `pointer`, checking its keys against `known`.
    bool object(json const& v, std::string const& pointer, std::vector<std::string_view> const& known) {
        if (!v.is_object()) return error(pointer, fmt::format("expected an object, found {}", brief(v))), false;
        for (auto const& [key, value] : v.items())
            if (!known.empty() && std::find(known.begin(), known.end(), key) == known.end())
                error(pointer + "/" + pointer_token(key),
                      fmt::format("unknown field '{}'{}", key, did_you_mean(key, known)));
        return true;
    }

    // A value of an attribute's type, from JSON or from an object key (`choice`).
    std::optional<Value> value(json const& v, Type const& type, std::string const& pointer, bool key = false) {
        switch (type.base) {
        case BaseType::boolean:
            if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
            if (key && (v == "true" || v == "false")) return v == "true" ? 1 : 0;
            break;
        case BaseType::integer: {
            if (v.is_number_integer()) return v.get<Value>();
            Value n = 0;
            auto const s = v.is_string() ? v.get<std::string>() : std::string{};
            if (key && !s.empty() && std::from_chars(s.data(), s.data() + s.size(), n).ptr == s.data() + s.size())
                return n;
            break;
        }
        case BaseType::date:
            if (auto const d = v.is_string() ? Date::parse(v.get<std::string>()) : std::nullopt) return d->days();
            break;
        case BaseType::text: return std::nullopt;  // only as a constant, kept as text
        case BaseType::kind: {
            auto const& kind = program_.kinds[type.kind];
            if (!v.is_string()) break;
            auto const name = v.get<std::string>();
            auto const it = std::find(kind.values.begin(), kind.values.end(), name);
            if (it != kind.values.end()) return static_cast<Value>(it - kind.values.begin());
            std::vector<std::string_view> const known(kind.values.begin(), kind.values.end());
            return error(pointer,
                         fmt::format("unknown value '{}' of kind '{}'{}", name, kind.id, did_you_mean(name, known))),
                   std::nullopt;
        }
        }
        static char const* const names[] = {"true or false", "a whole number", "a date (YYYY-MM-DD)", "a text"};
        return error(pointer, fmt::format("expected {}, found {}", names[static_cast<int>(type.base)], brief(v))),
               std::nullopt;
    }

    Index attribute_of(Index event, std::string const& name, std::string const& pointer) {
        auto const& attributes = program_.events[event].attributes;
        for (Index i = 0; i < attributes.size(); ++i)
            if (attributes[i].id == name) return i;
        error(pointer, fmt::format("unknown attribute '{}' of event '{}'{}", name, program_.events[event].id,
                                   attributes.empty() ? std::string{" (it has no attributes)"}
                                                      : did_you_mean_id(name, attributes)));
        return no_index;
    }

    // `"calibration": [{"figure", "event", ["where": {ATTRIBUTE: VALUE}],
    // "per_case", "year", "source", ["estimate"], ["note"]}, …]`.
    void read_calibration(json const& list, std::string const& pointer, Story& story) {
        if (!list.is_array())
            return error(pointer, fmt::format("expected a list of statistics, found {}", brief(list)));
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto const p = fmt::format("{}/{}", pointer, i);
            auto const& spec = list[i];
            if (!object(spec, p, {"figure", "event", "where", "per_case", "year", "source", "estimate", "note"}))
                continue;
            CalibrationFigure figure;
            auto const required_text = [&](char const* key, std::string& into) {
                if (spec.contains(key) && spec[key].is_string() && !spec[key].get<std::string>().empty())
                    into = spec[key].get<std::string>();
                else error(p + "/" + key, fmt::format("expected a text: the statistic's {}", key));
            };
            required_text("figure", figure.figure);
            required_text("source", figure.source);
            auto const event_name =
                spec.contains("event") && spec["event"].is_string() ? spec["event"].get<std::string>() : std::string{};
            figure.event = program_.find_event(event_name);
            if (figure.event == no_index)
                error(p + "/event", spec.contains("event") && spec["event"].is_string()
                                        ? fmt::format("unknown event '{}'{}", event_name,
                                                      did_you_mean_id(event_name, program_.events))
                                        : std::string{"expected the name of the event the statistic counts"});
            if (spec.contains("where") && figure.event != no_index && object(spec["where"], p + "/where", {})) {
                auto const& where = spec["where"];
                if (where.size() != 1) {
                    error(p + "/where", "expected one attribute and the value it has: {\"kind\": \"placement\"}");
                } else {
                    auto const only = where.begin();  // (items() would hand out a proxy that dies here)
                    auto const name = only.key();
                    auto const& v = only.value();
                    auto const wp = p + "/where/" + pointer_token(name);
                    figure.attribute = attribute_of(figure.event, name, wp);
                    if (figure.attribute != no_index) {
                        auto const& type = program_.events[figure.event].attributes[figure.attribute].type;
                        if (auto const parsed = value(v, type, wp)) figure.value = *parsed;
                        else figure.attribute = no_index;
                    }
                }
            }
            if (spec.contains("per_case") && spec["per_case"].is_number() && spec["per_case"].get<double>() >= 0 &&
                spec["per_case"].get<double>() <= 1000)
                figure.per_case = spec["per_case"].get<double>();
            else error(p + "/per_case", "expected the statistic per notified child, a number from 0 to 1000");
            if (spec.contains("year")) {
                if (auto const year = whole(spec["year"], p + "/year", 1900, 2100))
                    figure.year = static_cast<int>(*year);
            } else {
                error(p + "/year", "expected the year the statistic is of");
            }
            if (spec.contains("estimate")) {
                if (spec["estimate"].is_boolean()) figure.estimate = spec["estimate"].get<bool>();
                else error(p + "/estimate", fmt::format("expected true or false, found {}", brief(spec["estimate"])));
            }
            story.calibration.push_back(std::move(figure));
        }
    }

    void read_facts(json const& facts, std::string const& pointer, Story& story) {
        if (!facts.is_object()) return error(pointer, "expected an object of facts");
        for (auto const& [name, spec] : facts.items()) {
            auto const p = pointer + "/" + pointer_token(name);
            auto const fact = program_.find_fact(name);
            if (fact == no_index) {
                error(p, fmt::format("unknown fact '{}'{}", name, did_you_mean_id(name, program_.facts)));
                continue;
            }
            if (program_.facts[fact].type.base == BaseType::boolean) {
                if (!spec.is_object() || !spec.contains("bernoulli")) {
                    error(p, "a true-or-false fact is drawn with {\"bernoulli\": P}");
                    continue;
                }
                if (!object(spec, p, {"bernoulli", "note"})) continue;
                if (auto const chance = probability(spec["bernoulli"], p + "/bernoulli"))
                    story.flags.push_back({fact, *chance});
                continue;
            }
            if (program_.facts[fact].type.base != BaseType::date || story.age_fact != no_index) {
                error(p,
                      "a fact drawn is a date (one, a birthday from \"age_weights\") or true or false "
                      "({\"bernoulli\": P})");
                continue;
            }
            if (!object(spec, p, {"age_weights", "note"})) continue;
            auto const& weights = spec.contains("age_weights") ? spec["age_weights"] : json{};
            double total = 0;
            for (auto const& w : weights) total += w.is_number() && w.get<double>() >= 0 ? w.get<double>() : -1e300;
            // At most one weight per year of a lifetime, as an age in the rules.
            if (!weights.is_array() || weights.empty() || weights.size() > 151 || !(total > 0)) {
                error(p + "/age_weights",
                      "expected a list of weights (not negative), one per year of age from 0, at most 151");
                continue;
            }
            story.age_fact = fact;
            double sum = 0;
            for (auto const& w : weights) story.age_cumulative.push_back((sum += w.get<double>()) / total);
        }
    }

    Index step_index(Story const& story, json const& name, std::string const& pointer) {
        for (Index i = 0; i < story.steps.size(); ++i)
            if (name.is_string() && story.steps[i].id == name.get<std::string>()) return i;
        auto const text = name.is_string() ? name.get<std::string>() : brief(name);
        error(pointer, fmt::format("unknown step '{}'{} (a step may only name the steps before it)", text,
                                   did_you_mean_id(text, story.steps)));
        return no_index;
    }

    void read_steps(json const& steps, std::string const& pointer, Story& story) {
        if (!steps.is_array() || steps.empty())
            return error(pointer, "expected a list of steps, the first starting the case");
        for (std::size_t i = 0; i < steps.size(); ++i) {
            auto const p = fmt::format("{}/{}", pointer, i);
            if (object(steps[i], p,
                       {"id", "note", "event", "after", "probability", "once", "when", "municipalities", "period",
                        "delay", "time", "attributes", "repeat"}))
                read_step(steps[i], p, story);
        }
    }

    void read_step(json const& spec, std::string const& p, Story& story) {
        Step step;
        if (spec.contains("id") && spec["id"].is_string()) step.id = spec["id"].get<std::string>();
        else error(p, "a step needs an \"id\", a text");
        for (auto const& other : story.steps)
            if (other.id == step.id) error(p + "/id", fmt::format("a second step '{}'", step.id));
        auto const event_name = text_member(spec, "event");
        step.event = program_.find_event(event_name);
        if (!spec.contains("event")) {
            error(p, "a step needs an \"event\", the name of the event it records");
        } else if (!spec["event"].is_string()) {
            error(p + "/event", fmt::format("expected the name of an event, a text, found {}", brief(spec["event"])));
        } else if (step.event == no_index) {
            error(p + "/event",
                  fmt::format("unknown event '{}'{}", event_name, did_you_mean_id(event_name, program_.events)));
        }
        bool const root = story.steps.empty();
        if (spec.contains("after") == root)
            error(root ? p + "/after" : p, root ? "the first step starts the case and follows no step"
                                                : "a step needs \"after\": the step (or list of steps) it follows");
        if (!root && spec.contains("after")) {
            auto const& after = spec["after"];
            auto const list = after.is_array() ? after : json::array({after});
            for (std::size_t i = 0; i < list.size(); ++i)
                step.after.push_back(
                    step_index(story, list[i], after.is_array() ? fmt::format("{}/after/{}", p, i) : p + "/after"));
        }
        bool const parents_ok = std::find(step.after.begin(), step.after.end(), no_index) == step.after.end();
        // `when` and `copy` read the followed event: every step followed must record the same one.
        Index followed = parents_ok && !step.after.empty() ? story.steps[step.after[0]].event : no_index;
        for (auto const a : step.after)
            if (parents_ok && story.steps[a].event != followed) followed = no_index;
        ReadsFollowed const reads_followed = [&](std::string const& name, std::string const& pointer) -> Index {
            if (!parents_ok) return no_index;  // an unknown step followed, already reported
            if (followed == no_index)
                return error(pointer, "reads the event followed, but the steps followed record different events"),
                       no_index;
            auto const attribute = attribute_of(followed, name, pointer);
            for (auto const a : step.after) {
                auto const& drawn = story.steps[a].attributes;
                if (attribute != no_index && !program_.events[followed].attributes[attribute].default_value &&
                    std::none_of(drawn.begin(), drawn.end(),
                                 [&](StoryAttribute const& s) { return s.attribute == attribute; }))
                    return error(pointer, fmt::format("step '{}' does not draw '{}'", story.steps[a].id, name)),
                           no_index;
            }
            return attribute;
        };
        if (spec.contains("probability"))
            step.probability = probability(spec["probability"], p + "/probability").value_or(0);
        if (spec.contains("once")) {
            if (spec["once"].is_boolean()) step.once = spec["once"].get<bool>();
            else error(p + "/once", fmt::format("expected true or false, found {}", brief(spec["once"])));
        }
        if (spec.contains("when") && !spec["when"].is_object())
            error(p + "/when",
                  fmt::format("expected an object {{\"ATTRIBUTE\": [VALUES]}}, found {}", brief(spec["when"])));
        else if (spec.contains("when"))
            for (auto const& item : spec["when"].items()) {
                // Named, not a structured binding: the lambda below captures it (clang-14).
                auto const& name = item.key();
                auto const& values = item.value();
                auto const wp = p + "/when/" + pointer_token(name);
                StepCondition condition;
                // A fact the story draws true or false, or else an attribute of the event followed.
                auto const flag = std::find_if(story.flags.begin(), story.flags.end(),
                                               [&](StoryFlag const& f) { return program_.facts[f.fact].id == name; });
                Type type;
                if (flag != story.flags.end()) {
                    condition.fact = static_cast<Index>(flag - story.flags.begin());
                    type = program_.facts[flag->fact].type;
                } else {
                    condition.attribute = reads_followed(name, wp);
                    if (condition.attribute == no_index) continue;
                    type = program_.events[followed].attributes[condition.attribute].type;
                }
                auto const list = values.is_array() ? values : json::array({values});
                for (std::size_t i = 0; i < list.size(); ++i)
                    if (auto v = value(list[i], type, values.is_array() ? fmt::format("{}/{}", wp, i) : wp))
                        condition.values.push_back(*v);
                step.when.push_back(std::move(condition));
            }
        if (spec.contains("municipalities"))
            read_municipalities(spec["municipalities"], p + "/municipalities", root, step);
        if (spec.contains("period") && object(spec["period"], p + "/period", {"from", "to"})) {
            if (spec["period"].contains("from")) step.period_from = date(spec["period"]["from"], p + "/period/from");
            if (spec["period"].contains("to")) step.period_to = date(spec["period"]["to"], p + "/period/to");
        }
        if (spec.contains("delay")) read_delay(spec["delay"], p + "/delay", root, story, step.delay);
        if (spec.contains("time")) {
            auto const& time = spec["time"];
            if (step.delay.hours) error(p + "/time", "an hours delay keeps the time of the step it follows");
            else if (time != "date" && object(time, p + "/time", {"from", "to"})) {
                auto const from = parse_minute(text_member(time, "from"));
                auto const to = parse_minute(text_member(time, "to"));
                if (!from || !to || *to < *from)
                    error(p + "/time", "expected \"date\" or {\"from\": \"HH:MM\", \"to\": \"HH:MM\"}");
                else step.time_of_day = true, step.time_from = *from, step.time_to = *to;
            }
        }
        if (step.delay.hours && parents_ok)
            for (auto const a : step.after)
                if (!story.steps[a].time_of_day && !story.steps[a].delay.hours)
                    error(p + "/delay",
                          fmt::format("an hours delay needs a time of day, and step '{}' has none", story.steps[a].id));
        if (step.event != no_index && spec.contains("attributes") && object(spec["attributes"], p + "/attributes", {}))
            for (auto const& [name, draw] : spec["attributes"].items()) {
                auto const ap = p + "/attributes/" + pointer_token(name);
                auto const attribute = attribute_of(step.event, name, ap);
                if (attribute != no_index) read_draw(draw, ap, attribute, step, reads_followed);
            }
        if (step.event != no_index)
            for (Index i = 0; i < program_.events[step.event].attributes.size(); ++i) {
                auto const& a = program_.events[step.event].attributes[i];
                // An ill-drawn attribute is reported once, not also as missing.
                bool const named =
                    spec.contains("attributes") && spec["attributes"].is_object() && spec["attributes"].contains(a.id);
                if (!named && !a.default_value && !a.type.optional)
                    error(p + "/attributes", fmt::format("event '{}' needs the attribute '{}'", event_name, a.id));
            }
        std::sort(step.attributes.begin(), step.attributes.end(),
                  [](StoryAttribute const& a, StoryAttribute const& b) { return a.attribute < b.attribute; });
        if (spec.contains("repeat")) read_repeat(spec["repeat"], p + "/repeat", story, step);
        story.steps.push_back(std::move(step));
    }

    void read_municipalities(json const& list, std::string const& p, bool root, Step& step) {
        if (root) return error(p, "the first step starts every case; only a later step can be kept to municipalities");
        if (!list.is_array() || list.empty()) return error(p, "expected a list of municipality ids");
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto const name = list[i].is_string() ? list[i].get<std::string>() : brief(list[i]);
            Index found = no_index;
            for (Index m = 0; m < program_.municipalities.size(); ++m)
                if (program_.municipalities[m].id == name) found = m;
            if (found != no_index) {
                step.municipalities.push_back(found);
                continue;
            }
            error(fmt::format("{}/{}", p, i),
                  fmt::format("unknown municipality '{}'{}", name, did_you_mean_id(name, program_.municipalities)));
        }
        std::sort(step.municipalities.begin(), step.municipalities.end());
    }

    void read_delay(json const& spec, std::string const& p, bool root, Story const& story, Delay& delay) {
        if (root) return error(p, "the first step starts on a day drawn from the period; it has no delay");
        if (!object(spec, p, {"unit", "min", "within", "share", "late_min", "max", "from"})) return;
        auto const unit = !spec.contains("unit")     ? std::string{"days"}
                          : spec["unit"].is_string() ? spec["unit"].get<std::string>()
                                                     : brief(spec["unit"]);
        if (unit != "days" && unit != "hours")
            error(p + "/unit", fmt::format("expected \"days\" or \"hours\", found '{}'", unit));
        delay.hours = unit == "hours";
        auto const number = [&](char const* key, std::int64_t fallback) {
            return spec.contains(key) ? whole(spec[key], p + "/" + key).value_or(fallback) : fallback;
        };
        delay.min = number("min", 0);
        delay.within = number("within", delay.min);
        delay.late_min = number("late_min", delay.within + 1);
        delay.max = number("max", delay.late_min);
        if (spec.contains("share")) delay.share = probability(spec["share"], p + "/share").value_or(1);
        if (spec.contains("from") && object(spec["from"], p + "/from", {"fact", "years", "months"})) {
            auto const& from = spec["from"];
            auto const name = text_member(from, "fact");
            if (story.age_fact == no_index || program_.facts[story.age_fact].id != name)
                error(p + "/from/fact", fmt::format("{} is not a fact the story draws",
                                                    from.contains("fact") ? brief(from["fact"]) : "(none)"));
            else if (delay.hours) error(p + "/from", "a delay from a fact counts days");
            delay.from_fact = story.age_fact;
            // An anniversary within a lifetime, as an age in the rules.
            if (from.contains("years"))
                delay.from_years = static_cast<int>(whole(from["years"], p + "/from/years", 0, 150).value_or(0));
            if (from.contains("months"))
                delay.from_months = static_cast<int>(whole(from["months"], p + "/from/months", 0, 11).value_or(0));
        }
        if ((delay.min < 0 && delay.from_fact == no_index) || delay.within < delay.min ||
            delay.late_min < delay.within || delay.max < delay.late_min)
            error(p, "expected 0 <= min <= within < late_min <= max (min may be negative only from a fact)");
    }

    using ReadsFollowed = std::function<Index(std::string const&, std::string const&)>;
    void read_draw(json const& spec, std::string const& p, Index attribute, Step& step,
                   ReadsFollowed const& reads_followed) {
        auto const& type = program_.events[step.event].attributes[attribute].type;
        StoryAttribute result{attribute, {}, {}};
        auto& draw = result.draw;
        if (!spec.is_object() || spec.size() != 1)
            return error(p,
                         "expected one of {\"constant\": V}, {\"bernoulli\": P}, {\"choice\": {V: W}}, "
                         "{\"uniform\": [LOW, HIGH]}, {\"copy\": ATTRIBUTE}");
        // Not a structured binding of `*spec.items().begin()`: that binds to a
        // proxy whose iterator dies with the full expression (ASan saw it).
        auto const first = spec.begin();
        std::string const how = first.key();
        json const& v = first.value();
        auto const vp = p + "/" + pointer_token(how);
        bool ok = true;
        if (how == "constant" && type.base == BaseType::text) {
            if (!v.is_string()) return error(vp, fmt::format("expected a text, found {}", brief(v)));
            result.text = v.dump();
        } else if (how == "constant") {
            auto const c = value(v, type, vp);
            ok = c.has_value();
            draw.constant = c.value_or(0);
        } else if (how == "bernoulli" && type.base == BaseType::boolean) {
            draw.kind = Draw::Kind::bernoulli;
            draw.probability = probability(v, vp).value_or(0);
        } else if (how == "choice" && v.is_object() && !v.empty() &&
                   (type.base == BaseType::kind || type.base == BaseType::integer || type.base == BaseType::boolean)) {
            draw.kind = Draw::Kind::choice;
            double total = 0;
            for (auto const& [name, weight] : v.items()) {
                auto const c = value(json(name), type, vp + "/" + pointer_token(name), true);
                if (!weight.is_number() || weight.get<double>() < 0)
                    error(vp + "/" + pointer_token(name), "expected a weight, a number not below 0");
                if (!c || !weight.is_number()) continue;
                draw.values.push_back(*c);
                draw.cumulative.push_back(total += weight.get<double>());
            }
            for (auto& c : draw.cumulative) c /= total > 0 ? total : 1;
        } else if (how == "uniform" && type.base == BaseType::integer && v.is_array() && v.size() == 2 &&
                   v[0].is_number_integer() && v[1].is_number_integer() && v[0] <= v[1]) {
            // Bounded, so that HIGH - LOW + 1 fits the generator's arithmetic.
            constexpr std::int64_t bound = 1000000000;
            auto const low = whole(v[0], vp + "/0", -bound, bound), high = whole(v[1], vp + "/1", -bound, bound);
            if (!low || !high) return;
            draw.kind = Draw::Kind::uniform;
            draw.low = *low, draw.high = *high;
        } else if (how == "copy" && v.is_string()) {
            draw.kind = Draw::Kind::copy;
            draw.copy_from = reads_followed(v.get<std::string>(), vp);
            ok = draw.copy_from != no_index;
        } else {
            return error(p, fmt::format("'{}' cannot draw a value of this attribute (bernoulli: bool; choice: a kind, "
                                        "bool or int; uniform: int [LOW, HIGH]; constant; copy)",
                                        how));
        }
        if (ok) step.attributes.push_back(std::move(result));
    }

    void read_repeat(json const& spec, std::string const& p, Story const& story, Step& step) {
        if (!object(spec, p, {"probability", "every", "times", "until"})) return;
        step.repeats = true;
        auto& r = step.repeat;
        if (spec.contains("probability"))
            r.probability = probability(spec["probability"], p + "/probability").value_or(0);
        auto const& every = spec.contains("every") ? spec["every"] : json{};
        if (every.is_array() && every.size() == 2 && every[0].is_number_integer() && every[1].is_number_integer() &&
            every[0] >= 1 && every[0] <= every[1] && every[1] <= 100000)
            r.min_days = every[0].get<std::int64_t>(), r.max_days = every[1].get<std::int64_t>();
        else error(p + "/every", "expected [MIN, MAX] days between occurrences, 1 <= MIN <= MAX <= 100000");
        auto const times = spec.contains("times") ? whole(spec["times"], p + "/times") : std::optional<std::int64_t>{0};
        r.times = static_cast<int>(times.value_or(0));
        if (times && *times < 1) error(p + "/times", "expected the most further occurrences, at least 1");
        if (spec.contains("until")) r.until = step_index(story, spec["until"], p + "/until");
    }

    Program const& program_;
    std::vector<StoryError> errors_;
};
}  // namespace

StoryResult parse_story(Program const& program, std::string_view text) {
    json document;
    std::vector<JsonProblem> problems;
    if (!read_json(text, document, problems))
        return fail(
            std::vector<StoryError>{{"", problems.front().message, problems.front().line, problems.front().column}});
    auto result = StoryReader{program}.read(document);
    if (problems.empty()) return result;
    std::vector<StoryError> errors;
    for (auto const& problem : problems) errors.push_back({problem.pointer, problem.message});
    if (!result) errors.insert(errors.end(), result.error().begin(), result.error().end());
    return fail(std::move(errors));
}

}  // namespace pligt::engine
