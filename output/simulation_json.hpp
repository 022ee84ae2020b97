// `pligt simulate --json` (docs/simulation.md): per scenario the totals, and
// the counts per duty and per municipality, each scenario with its
// difference from the baseline. Written from the typed summary, as the
// command line's table and the HTML report are, so the numbers agree.
#pragma once

#include "population/simulate.hpp"
#include "population/uncertainty.hpp"

#include <nlohmann/json_fwd.hpp>

namespace pligt::output {

nlohmann::ordered_json simulation_json(engine::SimulationSummary const& summary);

// `"uncertainty"` beside it with --runs: {"runs", "method", "interval": 0.9,
// "scenarios": [{"scenario", "totals", "duties", "municipalities"}]}, each
// figure {"median", "low", "high"} (and "vs_baseline" the same for a scenario).
nlohmann::ordered_json uncertainty_json(engine::SimulationIntervals const& intervals);

}  // namespace pligt::output
