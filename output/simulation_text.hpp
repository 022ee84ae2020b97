// `pligt simulate` without --json: per scenario one line of totals, the
// difference from the baseline, and a line per duty. Written from the same
// summary as the JSON and the HTML report.
#pragma once

#include "output/paint.hpp"
#include "population/simulate.hpp"
#include "population/uncertainty.hpp"

#include <ostream>

namespace pligt::output {

void write_simulation_text(std::ostream& out, engine::SimulationSummary const& summary, Paint const& paint);

// With --runs: per scenario the breaches (late and overdue) and the hours, as
// the median of the runs and the 90 % interval, and beside the baseline.
void write_uncertainty_text(std::ostream& out, engine::SimulationIntervals const& intervals);

}  // namespace pligt::output
