// `pligt simulate --runs N --csv FILE`: each figure's median and 90 %
// interval, one row a figure of a scenario's totals, duty or municipality
// (the same numbers as the JSON's "uncertainty"; docs/cli.md).
#pragma once

#include "population/uncertainty.hpp"

#include <string>

namespace pligt::output {

std::string uncertainty_csv(engine::SimulationIntervals const& intervals);

}  // namespace pligt::output
