// The simulation report: one self-contained HTML file (no script, font or
// image fetched from anywhere) with what each scenario changes, tables per
// duty and municipality, and charts drawn as inline SVG. It is drawn from the
// same summary as `pligt simulate --json` and the table, so the numbers agree.
#pragma once

#include "dsl/program.hpp"
#include "population/simulate.hpp"

#include <string>

namespace pligt::engine {

std::string report_html(Program const& program, SimulationSummary const& result);

// What a scenario overrides, one sentence a line.
std::vector<std::string> describe_scenario(Program const& program, ScenarioDef const& scenario);

}  // namespace pligt::engine
