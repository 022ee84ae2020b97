// The law as it stands in one municipality on one date: the duties in force,
// and which of them an adopted exemption set waives or changes, and the
// set's own duties that exist there. What `pligt duties` shows; evaluation
// applies the same rules per duty instance (with the instance's conditions).
#pragma once

#include "dsl/program.hpp"

#include <vector>

namespace pligt::engine {

struct DutyInForce {
    Index duty = no_index;        // into Program::duties
    Index waived_by = no_index;   // exemption set
    Index waiver = no_index;      // into its waivers
    Index changed_by = no_index;  // exemption set
    DeadlineDef const* changed = nullptr;
};

// Without a municipality: the duties of the laws in force on the date.
// With one: also its adopted sets' waivers, changes and own duties.
std::vector<DutyInForce> duties_in_force(Program const& program, Index municipality, Date at);

// The adoption of a set by a municipality in force on a date, if any.
Adoption const* adoption_on(MunicipalityDef const& municipality, Index set, Date on);

}  // namespace pligt::engine

namespace pligt::engine {

// The program as a scenario would make it: laws and exemption sets in force
// for other periods, adoptions by every municipality or one, none at all,
// other effort estimates, laws amended from a date (a bill). The copy is built once per scenario and, like the
// program, never changed afterwards.
Program with_scenario(Program const& program, ScenarioDef const& scenario);

}  // namespace pligt::engine
