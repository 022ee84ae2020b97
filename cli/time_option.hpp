// Reading the moment a command evaluates at (`--as-of`, `--at`): a date or a
// date-time, today when not given.
#pragma once

#include "dsl/date.hpp"

#include <optional>
#include <string>

namespace pligt::cli {

class Terminal;

Date today();

// Prints "pligt VERB: OPTION 'text': why" and returns nothing when invalid.
std::optional<Moment> read_moment_option(std::string const& text, std::string_view verb, std::string_view option,
                                         Terminal& terminal);

}  // namespace pligt::cli
