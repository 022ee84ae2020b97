// Checks beyond name resolution: rules that resolve, yet cannot mean what
// their author meant. A duty that can never trigger, adoptions that overlap
// or reach outside the periods of the set and of the laws it amends, two laws
// in force under one short name, a set that amends nothing in force, a duty
// waived twice. Each finding is a Diagnostic with a stable code:
//
//   never_triggers            warning  a duty of a set no municipality adopts,
//                                      or whose `where` can never hold
//   overlapping_adoption      error    one municipality adopts a set twice at once
//   adoption_outside_period   error    an adoption outside the set's period in
//                                      force, or on a day no amended law is in force
//   duplicate_short_name      error    two laws with one short name in force on a day
//   amends_nothing_in_force   warning  no amended law is in force during the set's period
//   duplicate_waiver          warning  a set waives the same duty twice
//
// and the verification of the law in time, listed in lint_time.cpp (every
// duty can be met, exceptions agree, waivers stay within their basis).
//
// Only what the rule files say is checked: scenarios are hypothetical changes
// of law and may adopt sets beyond these periods (language.md). The checks
// read a resolved Program, so a program with resolution errors is never
// linted; its load diagnostics are the findings.
//
// Conditions are folded, not solved (fold.hpp): no false alarms, some misses.
#pragma once

#include "dsl/diagnostic.hpp"
#include "dsl/program.hpp"

#include <filesystem>
#include <vector>

namespace pligt {

// Appends every finding to diagnostics, in no particular order.
void lint(Program const& program, Diagnostics& diagnostics);

// What `pligt lint PATH…` reports: the rule files loaded, and linted when
// they load; every finding in file and line order.
std::vector<Diagnostic> lint_paths(std::vector<std::filesystem::path> const& roots);

}  // namespace pligt
