// A synthetic population of cases, drawn from a "story": a small JSON file,
// shipped beside the rules, that says which events a case has, in what order,
// how likely each is, how long after what, and with which attribute values
// (format and calibration: docs/simulation.md). The engine knows no domain:
// every event, attribute, kind value and fact in a story is checked against
// the Program's vocabulary, and municipalities are drawn by their `children`.
//
// Trade-offs: the generator is built for millions of cases a second, so a
// case is never a JSON object. Each case draws from its own random stream,
// seeded from (seed, case number) with splitmix64 into xoshiro256**, and all
// distributions are our own, so the bytes are the same on every platform and
// any range of cases can be drawn on its own. Lines are written into a large
// buffer handed to the caller's sink.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/date.hpp"
#include "dsl/program.hpp"
#include "dsl/result.hpp"

namespace pligt::engine {

// How a value is drawn for an attribute.
struct Draw {
    enum class Kind : std::uint8_t {
        constant,   // {"constant": V}
        bernoulli,  // {"bernoulli": P}: true with probability P
        choice,     // {"choice": {"a": W, …}}: a kind value (or int) by weight
        uniform,    // {"uniform": [LOW, HIGH]}: a whole number, both included
        copy,       // {"copy": "ATTR"}: the value of ATTR on the occurrence it follows
    };
    Kind kind = Kind::constant;
    Value constant = 0;
    double probability = 0;
    std::vector<Value> values;       // choice: the values …
    std::vector<double> cumulative;  // … and their cumulative weights, normalised to 1
    Value low = 0, high = 0;
    Index copy_from = no_index;  // attribute index in the event followed
};

struct StoryAttribute {
    Index attribute = no_index;  // in the step's event
    Draw draw;
    std::string text;  // a text constant, already escaped for JSON
};

// When a step happens relative to the occurrence it follows (or to a birthday).
struct Delay {
    bool hours = false;          // "unit": "hours" (minutes are drawn) or "days"
    Index from_fact = no_index;  // "from": {"fact", "years", "months"}: count from that anniversary
    int from_years = 0, from_months = 0;
    // With probability `share` uniform in [min, within], else uniform in
    // [late_min, max] (late_min defaults to within + 1): on time, late.
    std::int64_t min = 0, within = 0, late_min = 0, max = 0;
    double share = 1;
};

struct Repeat {
    double probability = 1;                   // of each further occurrence
    std::int64_t min_days = 0, max_days = 0;  // "every": [MIN, MAX] days after the previous one
    int times = 0;                            // at most this many further occurrences
    Index until = no_index;                   // a step: none after its first occurrence
};

// `"when": {"NAME": [VALUES], …}`: each named attribute of the event followed,
// or fact drawn for the case, must have one of its values.
struct StepCondition {
    Index attribute = no_index;  // of the event followed; or
    Index fact = no_index;       // a boolean fact the story draws (into Story::flags)
    std::vector<Value> values;
};

struct Step {
    std::string id;
    Index event = no_index;
    std::vector<Index> after;         // steps; empty for the root
    double probability = 1;           // for each occurrence followed
    bool once = false;                // at most one occurrence per case
    std::vector<StepCondition> when;  // all must hold
    // `"municipalities": [ID, …]`: only in cases of these municipalities
    // (Program::municipalities indices, sorted); empty: in every case.
    std::vector<Index> municipalities;
    std::optional<Date> period_from, period_to;  // the followed occurrence's date must lie within
    Delay delay;
    bool time_of_day = false;  // days: draw a time between time_from and time_to (minutes)
    int time_from = 0, time_to = 0;
    std::vector<StoryAttribute> attributes;  // in the event's attribute order
    bool repeats = false;
    Repeat repeat;
};

// A boolean fact drawn for each case: `{"bernoulli": P}`.
struct StoryFlag {
    Index fact = no_index;
    double probability = 0;
};

// A public statistic the story was calibrated to, per case (a case is one
// notified child): how many events of a kind a case has (`"calibration"` in
// the story; docs/simulation.md). The report puts the population's own
// figure beside it.
struct CalibrationFigure {
    std::string figure;  // what is counted, in words
    Index event = no_index;
    Index attribute = no_index;  // with `where`: the attribute, and the value it must have
    Value value = 0;
    double per_case = 0;    // the statistic, per notified child
    int year = 0;           // the year the statistic is of
    std::string source;     // where it was published, and the numbers it was derived from
    bool estimate = false;  // derived with an assumption of the story's, not published as such
};

struct Story {
    std::vector<CalibrationFigure> calibration;
    std::vector<Step> steps;             // steps[0] is the root, which starts the case
    Index age_fact = no_index;           // a date fact drawn as a birthday …
    std::vector<double> age_cumulative;  // … from the age in whole years at the case's start
    std::vector<StoryFlag> flags;        // boolean facts, written when true
};

struct StoryError {
    std::string pointer;  // JSON Pointer into the story file
    std::string message;
    int line = 0, column = 0;  // for malformed JSON text, where the parser stopped
};

using StoryResult = Result<Story, std::vector<StoryError>>;

// Reads and checks a story against the program's vocabulary; every problem is
// reported with its JSON Pointer.
StoryResult parse_story(Program const& program, std::string_view text);

struct Population {
    std::uint64_t cases = 0;
    std::uint64_t seed = 1;
    Date from, to;            // cases start in [from, to]; nothing after `to` is known
    std::uint64_t first = 1;  // the number of the first case, for drawing a slice
};

// Writes one case JSON per line (the case contract of docs/cli.md), with ids
// "gen-<seed>-<n>", events in time order. Nothing when no municipality has
// children: the error is returned.
std::optional<std::string> generate(Program const& program, Story const& story, Population const& population,
                                    std::function<void(std::string_view)> const& write);

}  // namespace pligt::engine
