// The simulation report: one self-contained HTML file (no script, font or
// image fetched from anywhere) with what each scenario changes, tables per
// duty and municipality, and charts drawn as inline SVG. It is drawn from the
// same summary as `pligt simulate --json` and the table, so the numbers agree.
#pragma once

#include "dsl/program.hpp"
#include "population/simulate.hpp"
#include "population/uncertainty.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace pligt::engine {

struct ReportOptions {
    // --runs: each scenario's figures also as a median and a 90 % interval.
    SimulationIntervals const* intervals = nullptr;
    // The command that shows the case on a line under a scenario (empty: the
    // law as written), for the examples of cases a scenario changes; none:
    // the examples are named without it.
    std::function<std::string(std::uint64_t line, std::string_view scenario)> check_command;
};

std::string report_html(Program const& program, SimulationSummary const& result, ReportOptions const& options = {});

// What a scenario overrides, one sentence a line.
std::vector<std::string> describe_scenario(Program const& program, ScenarioDef const& scenario);

}  // namespace pligt::engine
