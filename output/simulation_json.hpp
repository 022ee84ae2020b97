// `pligt simulate --json` (docs/simulation.md): per scenario the totals, and
// the counts per duty and per municipality, each scenario with its
// difference from the baseline. Written from the typed summary, as the
// command line's table and the HTML report are, so the numbers agree.
#pragma once

#include "population/simulate.hpp"

#include <nlohmann/json_fwd.hpp>

namespace pligt::output {

nlohmann::ordered_json simulation_json(engine::SimulationSummary const& summary);

}  // namespace pligt::output
