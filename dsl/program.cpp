#include "dsl/program.hpp"

#include <fmt/format.h>

namespace pligt {

std::string to_string(Span span) {
    static char const* const singular[] = {"hour", "day", "week", "month", "year"};
    auto const unit = singular[static_cast<int>(span.unit)];
    return fmt::format("{} {}{}", span.amount, unit, span.amount == 1 ? "" : "s");
}

}  // namespace pligt
