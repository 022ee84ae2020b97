// Drawing cases from a story (engine/generate.hpp) and writing them as JSON
// lines. The hot path allocates nothing per case: occurrences and values go
// into vectors reused from case to case, and every name, date and time is
// copied from text rendered once.
#include "population/generate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>

namespace pligt::engine {
namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// xoshiro256** (Blackman and Vigna), seeded through splitmix64 as its authors
// advise. Our own distributions on top, so every platform draws the same.
class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& s : s_) s = splitmix64(seed);
    }
    std::uint64_t next() {
        auto const result = rotl(s_[1] * 5, 7) * 9;
        auto const t = s_[1] << 17;
        s_[2] ^= s_[0], s_[3] ^= s_[1], s_[1] ^= s_[2], s_[0] ^= s_[3], s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    bool chance(double p) { return unit() < p; }
    // Uniform in [low, high], by multiplying into the range (Lemire): the
    // bias, below 2^-40 for our ranges, does not matter here.
    std::int64_t between(std::int64_t low, std::int64_t high) {
        auto const range = static_cast<unsigned __int128>(static_cast<std::uint64_t>(high - low) + 1);
        return low + static_cast<std::int64_t>((static_cast<unsigned __int128>(next()) * range) >> 64);
    }
    // An index into cumulative weights ending in 1.
    std::size_t pick(std::vector<double> const& cumulative) {
        auto const u = unit();
        auto const it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
        return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
};

// Date-only sorts before the date-times of its day, as Moment::sorts_before.
std::int64_t sort_key(Moment m) { return std::int64_t{m.date.days()} * 1441 + m.minute + 1; }

class Generator {
public:
    Generator(Program const& program, Story const& story, Population const& population)
        : program_{program}, story_{story}, population_{population} {
        for (auto const& m : program.municipalities) {
            population_total_ += std::max<std::int64_t>(m.population, 0);
            population_cumulative_.push_back(population_total_);
            municipality_text_.push_back(",\"municipality\":" + nlohmann::json(m.id).dump());
        }
        for (auto const& kind : program.kinds) {
            kind_text_.emplace_back();
            for (auto const& v : kind.values) kind_text_.back().push_back(nlohmann::json(v).dump());
        }
        for (auto const& step : story.steps) {
            auto const& event = program.events[step.event];
            step_text_.push_back("{\"event\":" + nlohmann::json(event.id).dump() + ",\"at\":\"");
            attribute_text_.emplace_back();
            for (auto const& a : step.attributes)
                attribute_text_.back().push_back(",\"" + event.attributes[a.attribute].id + "\":");
        }
        if (story.age_fact != no_index) facts_text_ = nlohmann::json(program.facts[story.age_fact].id).dump() + ":\"";
        for (auto const& flag : story.flags)
            flag_text_.push_back(nlohmann::json(program.facts[flag.fact].id).dump() + ":true");
        flags_.resize(story.flags.size());
        // Every date a case can show: birthdays up to the oldest age before `from`, events up to `to`.
        auto const years = static_cast<int>(story.age_cumulative.size()) + 1;
        first_day_ = population.from.plus_years(-years).days();
        for (auto d = first_day_; d <= population.to.days(); ++d) dates_ += Date::from_days(d).to_string();
        id_text_ = fmt::format("{{\"id\":\"gen-{}-", population.seed);
        begin_.resize(story.steps.size());
        end_.resize(story.steps.size());
    }

    bool has_population() const { return population_total_ > 0; }

    void write_case(std::uint64_t n, fmt::memory_buffer& out) {
        Rng rng{n ^ splitmix_of(population_.seed)};
        draw(rng);
        append(out, id_text_);
        append_number(out, static_cast<std::int64_t>(n));
        out.push_back('"');
        append(out, municipality_text_[municipality_]);
        // The facts drawn: the birthday, and each true-or-false fact that came out true.
        bool facts = false;
        auto const open_fact = [&] {
            append(out, facts ? "," : ",\"facts\":{");
            facts = true;
        };
        if (story_.age_fact != no_index) {
            open_fact();
            append(out, facts_text_);
            append_date(out, birth_);
            out.push_back('"');
        }
        for (std::size_t f = 0; f < flags_.size(); ++f)
            if (flags_[f]) {
                open_fact();
                append(out, flag_text_[f]);
            }
        if (facts) out.push_back('}');
        append(out, ",\"events\":[");
        for (std::size_t i = 0; i < order_.size(); ++i) {
            auto const& o = occurrences_[order_[i]];
            auto const& step = story_.steps[o.step];
            if (i > 0) out.push_back(',');
            append(out, step_text_[o.step]);
            append_date(out, o.at.date);
            if (o.at.has_time()) {
                char const time[] = {
                    'T', static_cast<char>('0' + o.at.minute / 600),     static_cast<char>('0' + o.at.minute / 60 % 10),
                    ':', static_cast<char>('0' + o.at.minute % 60 / 10), static_cast<char>('0' + o.at.minute % 10)};
                out.append(time, time + sizeof time);
            }
            out.push_back('"');
            auto const& attributes = program_.events[step.event].attributes;
            for (std::size_t a = 0; a < step.attributes.size(); ++a) {
                auto const& drawn = step.attributes[a];
                append(out, attribute_text_[o.step][a]);
                auto const v = values_[o.values + drawn.attribute];
                auto const& type = attributes[drawn.attribute].type;
                if (!drawn.text.empty()) append(out, drawn.text);
                else if (type.base == BaseType::boolean) append(out, v ? "true" : "false");
                else if (type.base == BaseType::kind) append(out, kind_text_[type.kind][static_cast<std::size_t>(v)]);
                else if (type.base == BaseType::date) {
                    out.push_back('"');
                    append_date(out, Date::from_days(static_cast<std::int32_t>(v)));
                    out.push_back('"');
                } else append_number(out, v);
            }
            out.push_back('}');
        }
        append(out, "]}\n");
    }

private:
    struct Occurrence {
        Moment at;
        Index step = 0;
        std::uint32_t values = 0;  // offset in values_ of the event's attributes
    };

    static std::uint64_t splitmix_of(std::uint64_t seed) { return splitmix64(seed); }
    static void append(fmt::memory_buffer& out, std::string_view text) {
        out.append(text.data(), text.data() + text.size());
    }
    static void append_number(fmt::memory_buffer& out, std::int64_t n) {
        char digits[24];
        auto const end = std::to_chars(digits, digits + sizeof digits, n).ptr;
        out.append(digits, end);
    }
    void append_date(fmt::memory_buffer& out, Date d) const {
        auto const i = static_cast<std::size_t>(d.days() - first_day_) * 10;
        if (d.days() >= first_day_ && i < dates_.size()) out.append(dates_.data() + i, dates_.data() + i + 10);
        else append(out, d.to_string());
    }

    void draw(Rng& rng) {
        occurrences_.clear();
        values_.clear();
        order_.clear();
        municipality_ =
            static_cast<Index>(std::upper_bound(population_cumulative_.begin(), population_cumulative_.end(),
                                                rng.between(0, population_total_ - 1)) -
                               population_cumulative_.begin());
        auto const start = population_.from.plus_days(
            static_cast<std::int32_t>(rng.between(0, population_.to.days() - population_.from.days())));
        if (story_.age_fact != no_index) {
            auto const age = static_cast<int>(rng.pick(story_.age_cumulative));
            auto const earliest = start.plus_years(-age - 1).plus_days(1), latest = start.plus_years(-age);
            birth_ = earliest.plus_days(static_cast<std::int32_t>(rng.between(0, latest.days() - earliest.days())));
        }
        for (std::size_t f = 0; f < flags_.size(); ++f) flags_[f] = rng.chance(story_.flags[f].probability);
        for (Index s = 0; s < story_.steps.size(); ++s) {
            auto const& step = story_.steps[s];
            begin_[s] = occurrences_.size();
            if (s == 0) occur(s, at_time(step, start, rng), no_index, rng);
            bool done = false;
            if (!step.municipalities.empty() &&
                !std::binary_search(step.municipalities.begin(), step.municipalities.end(), municipality_)) {
                end_[s] = occurrences_.size();
                continue;
            }
            for (auto const parent_step : step.after)
                for (auto i = begin_[parent_step]; i < end_[parent_step] && !(step.once && done); ++i) {
                    auto const parent = occurrences_[i];
                    if (step.period_from && parent.at.date < *step.period_from) continue;
                    if (step.period_to && parent.at.date > *step.period_to) continue;
                    if (!holds(step, parent)) continue;
                    if (!rng.chance(step.probability)) continue;
                    done |= occur(s, delayed(step, parent.at, rng), static_cast<Index>(i), rng);
                }
            end_[s] = occurrences_.size();
        }
        for (std::uint32_t i = 0; i < occurrences_.size(); ++i) {  // insertion sort: stable, and nearly sorted
            auto const key = sort_key(occurrences_[i].at);
            auto j = order_.size();
            order_.push_back(i);
            for (; j > 0 && sort_key(occurrences_[order_[j - 1]].at) > key; --j) order_[j] = order_[j - 1];
            order_[j] = i;
        }
    }

    // Every `when` condition of a step, on the occurrence it follows.
    bool holds(Step const& step, Occurrence const& parent) const {
        for (auto const& c : step.when) {
            auto const value =
                c.fact != no_index ? Value{flags_[c.fact] ? 1 : 0} : values_[parent.values + c.attribute];
            if (std::find(c.values.begin(), c.values.end(), value) == c.values.end()) return false;
        }
        return true;
    }

    Moment at_time(Step const& step, Date day, Rng& rng) {
        if (!step.time_of_day) return Moment::on(day);
        return Moment::at(day, static_cast<int>(rng.between(step.time_from, step.time_to)));
    }

    Moment delayed(Step const& step, Moment from, Rng& rng) {
        auto const& d = step.delay;
        int const scale = d.hours ? 60 : 1;
        auto const amount = rng.chance(d.share) ? rng.between(d.min * scale, d.within * scale)
                                                : rng.between(d.late_min * scale, d.max * scale);
        if (d.hours) {
            auto const minutes = from.minute + amount;
            return Moment::at(from.date.plus_days(static_cast<std::int32_t>(minutes / 1440)),
                              static_cast<int>(minutes % 1440));
        }
        auto const anchor = d.from_fact != no_index ? birth_.plus_months(12 * d.from_years + d.from_months) : from.date;
        return at_time(step, std::max(anchor.plus_days(static_cast<std::int32_t>(amount)), from.date), rng);
    }

    // Records an occurrence and its repetitions; false when it falls after the period.
    bool occur(Index s, Moment at, Index parent, Rng& rng) {
        auto const& step = story_.steps[s];
        if (!add(s, at, parent, rng)) return false;
        if (!step.repeats) return true;
        auto limit = std::numeric_limits<std::int64_t>::max();
        if (step.repeat.until != no_index)
            for (auto i = begin_[step.repeat.until]; i < end_[step.repeat.until]; ++i)
                limit = std::min(limit, sort_key(occurrences_[i].at));
        for (int k = 0; k < step.repeat.times && rng.chance(step.repeat.probability); ++k) {
            auto const day =
                at.date.plus_days(static_cast<std::int32_t>(rng.between(step.repeat.min_days, step.repeat.max_days)));
            // A time drawn afresh, or the time of an hours delay kept.
            at = step.time_of_day || !at.has_time() ? at_time(step, day, rng) : Moment::at(day, at.minute);
            if (sort_key(at) > limit || !add(s, at, parent, rng)) break;
        }
        return true;
    }

    bool add(Index s, Moment at, Index parent, Rng& rng) {
        if (at.date > population_.to) return false;
        auto const& step = story_.steps[s];
        auto const& attributes = program_.events[step.event].attributes;
        auto const offset = static_cast<std::uint32_t>(values_.size());
        for (auto const& a : attributes) values_.push_back(a.default_value.value_or(0));
        for (auto const& a : step.attributes) {
            auto& v = values_[offset + a.attribute];
            switch (a.draw.kind) {
            case Draw::Kind::constant: v = a.draw.constant; break;
            case Draw::Kind::bernoulli: v = rng.chance(a.draw.probability) ? 1 : 0; break;
            case Draw::Kind::choice: v = a.draw.values[rng.pick(a.draw.cumulative)]; break;
            case Draw::Kind::uniform: v = rng.between(a.draw.low, a.draw.high); break;
            case Draw::Kind::copy: v = values_[occurrences_[parent].values + a.draw.copy_from]; break;
            }
        }
        occurrences_.push_back({at, s, offset});
        return true;
    }

    Program const& program_;
    Story const& story_;
    Population const& population_;
    std::int64_t population_total_ = 0;
    std::vector<std::int64_t> population_cumulative_;
    std::vector<std::string> municipality_text_, step_text_, flag_text_;
    std::vector<bool> flags_;  // this case's true-or-false facts, parallel to Story::flags
    std::vector<std::vector<std::string>> kind_text_, attribute_text_;
    std::string facts_text_, id_text_, dates_;
    std::int32_t first_day_ = 0;

    Index municipality_ = 0;
    Date birth_;
    std::vector<Occurrence> occurrences_;
    std::vector<Value> values_;
    std::vector<std::uint32_t> order_;
    std::vector<std::size_t> begin_, end_;
};

}  // namespace

std::optional<std::string> generate(Program const& program, Story const& story, Population const& population,
                                    std::function<void(std::string_view)> const& write) {
    if (population.to < population.from) return "the period ends before it starts";
    Generator generator{program, story, population};
    if (!generator.has_population()) return "no municipality has children to draw cases from";
    fmt::memory_buffer out;
    for (std::uint64_t n = population.first; n < population.first + population.cases; ++n) {
        generator.write_case(n, out);
        if (out.size() >= (std::size_t{1} << 22)) {
            write({out.data(), out.size()});
            out.clear();
        }
    }
    if (out.size() > 0) write({out.data(), out.size()});
    return std::nullopt;
}

}  // namespace pligt::engine
