// What lint's files share: how a finding is reported, and the checks kept in
// files of their own (lint.cpp runs them all).
#pragma once

#include "dsl/diagnostic.hpp"
#include "dsl/program.hpp"

#include <string>

namespace pligt {

void report(Diagnostics& diagnostics, Program const& program, Origin const& origin, Severity severity, std::string code,
            std::string message);

// The verification of the law in time (lint_time.cpp): per law version, every
// duty can be met, exceptions do not contradict, and an exemption set removes
// only what its basis covers.
void verify_law_in_time(Program const& program, Diagnostics& diagnostics);

}  // namespace pligt
