// What the tests of many cases share: a list of case lines as the stream the
// simulator and the audit read, and percentiles computed again, apart from
// the code under test, as a spreadsheet's PERCENTILE.INC computes them.
#pragma once

#include "population/simulate_run.hpp"

#include <string>
#include <vector>

namespace pligt::testing {

// The lines as a LineSource, numbered from 1; `lines` must outlive it.
engine::LineSource source_of(std::vector<std::string> const& lines);

// Sorted values, linear between the two nearest ranks (q from 0 to 1).
double spreadsheet_percentile(std::vector<double> values, double q);

}  // namespace pligt::testing
