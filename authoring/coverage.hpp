// The rules reference (docs/rules.md): every law's duties with citation,
// trigger, deadline, fulfilling events and exceptions; every exemption set's
// waivers, changes and own duties; the municipalities' adoptions; and every
// `# unconfirmed:` note in the rule files, so what is not yet confirmed
// from a statute's text is listed where readers look.
#pragma once

#include "dsl/program.hpp"

#include <string>

namespace pligt::engine {

std::string coverage_markdown(Program const& program);

}  // namespace pligt::engine
