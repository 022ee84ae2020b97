#include "cli/time_option.hpp"

#include "cli/terminal.hpp"

#include <fmt/format.h>

#include <ctime>
#include <ostream>

namespace pligt::cli {

Date today() {
    std::time_t const now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return *Date::from_civil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

std::optional<Moment> read_moment_option(std::string const& text, std::string_view verb, std::string_view option,
                                         Terminal& terminal) {
    if (text.empty()) return Moment::on(today());
    std::string why;
    auto const parsed = Moment::parse(text, &why);
    if (!parsed) terminal.err() << fmt::format("pligt {}: {} '{}': {}\n", verb, option, text, why);
    return parsed;
}

}  // namespace pligt::cli
