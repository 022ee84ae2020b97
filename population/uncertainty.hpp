// How sure a simulation's figures are: the same simulation run N times, on N
// populations drawn with different seeds (`--generate`), or on N bootstrap
// resamples of real cases (`--cases`), and each figure reported as the
// median of the runs with a 90 % interval (their 5th and 95th percentiles,
// as PERCENTILE.INC computes them).
//
// What the interval covers: the chance in which cases arrive (which cases a
// population happens to hold). What it does not: the story's own
// assumptions (the rates and delays it draws from), the rules' reading of
// the law, or a municipality's practice changing; docs/simulation.md says so
// to the reader.
//
// The bootstrap is a Poisson bootstrap: each case counts w times in a
// resample, w drawn from Poisson(1) by a hash of the seed, the run and the
// case's line, so a resample needs one pass over the file, any number of
// threads give the same resample, and a case is evaluated once a run.
#pragma once

#include "population/simulate.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pligt::engine {

// How many times the case on `line` counts in resample `run` (0 to 8; mean 1).
std::uint32_t bootstrap_weight(std::uint64_t seed, unsigned run, std::uint64_t line);

// PERCENTILE.INC of the values (q from 0 to 1).
double quantile_of(std::vector<double> values, double q);

struct Interval {
    double median = 0, low = 0, high = 0;
};

struct TallyIntervals {
    Interval opened;
    std::array<Interval, status_count> by_status;  // indexed by Status
    Interval past_target, hours;
};

struct RowIntervals {
    std::string id;  // the duty's or the municipality's; empty for the totals
    TallyIntervals tally;
    std::optional<TallyIntervals> vs_baseline;  // scenario − baseline, run by run
};

struct ScenarioIntervals {
    std::string id;
    RowIntervals totals;
    std::vector<RowIntervals> duties, municipalities;  // the rows of any run, in the first run's order then new
};

struct SimulationIntervals {
    unsigned runs = 0;
    std::string method;  // "seeds" or "bootstrap"
    std::vector<ScenarioIntervals> scenarios;
};

// The runs' summaries (same scenarios, in the same order) to intervals; a
// row a run lacks counts as 0 in that run.
SimulationIntervals intervals_of(std::vector<SimulationSummary> const& runs, std::string method);

}  // namespace pligt::engine
