#include "dsl/program.hpp"

#include <fmt/format.h>

#include <charconv>

namespace pligt {

std::optional<TimeUnit> parse_time_unit(std::string_view word) {
    static std::pair<std::string_view, TimeUnit> const units[] = {
        {"hour", TimeUnit::hours},   {"hours", TimeUnit::hours},   {"day", TimeUnit::days},
        {"days", TimeUnit::days},    {"working day", TimeUnit::working_days}, {"working days", TimeUnit::working_days},
        {"week", TimeUnit::weeks},   {"weeks", TimeUnit::weeks},   {"month", TimeUnit::months},
        {"months", TimeUnit::months}, {"year", TimeUnit::years},   {"years", TimeUnit::years}};
    for (auto const& [name, unit] : units)
        if (word == name) return unit;
    return std::nullopt;
}

std::optional<Span> parse_span(std::string_view text) {
    auto const trim = [](std::string_view s) {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
        return s;
    };
    text = trim(text);
    auto const space = text.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    std::int32_t amount = 0;
    auto const digits = text.substr(0, space);
    auto const [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), amount);
    if (error != std::errc{} || end != digits.data() + digits.size() || amount < 1 || amount > 100000)
        return std::nullopt;
    // Collapse inner runs of spaces: "6  working   days".
    std::string unit;
    for (char c : trim(text.substr(space)))
        if (c != ' ' || (!unit.empty() && unit.back() != ' ')) unit += c;
    auto const parsed = parse_time_unit(unit);
    if (!parsed) return std::nullopt;
    return Span{amount, *parsed};
}

std::string to_string(Span span) {
    static char const* const singular[] = {"hour", "day", "working day", "week", "month", "year"};
    auto const unit = singular[static_cast<int>(span.unit)];
    return fmt::format("{} {}{}", span.amount, unit, span.amount == 1 ? "" : "s");
}

void assign_duty_calendars(Program& program) {
    for (auto& duty : program.duties) {
        Index law = duty.owner;
        if (duty.owned_by_set) {
            auto const& amends = program.exemption_sets[duty.owner].amends;
            law = amends.empty() ? no_index : amends.front();
        }
        Index const own = law == no_index ? no_index : program.laws[law].calendar;
        duty.calendar = own == no_index ? program.default_calendar : own;
    }
}

std::string look_back_text(Program const& program, DutyDef const& duty) {
    if (!duty.done_also_before) return {};
    std::string text = ", also before";
    if (duty.look_back.amount > 0) text += " within " + to_string(duty.look_back);
    if (duty.look_back_since != no_index) text += " since " + program.events[duty.look_back_since].id;
    return text;
}

std::string triggers_text(Program const& program, DutyDef const& duty) {
    std::string text;
    if (duty.trigger_clauses.size() > 1) {
        for (auto const& clause : duty.trigger_clauses) text += (text.empty() ? "" : "; ") + clause;
        return text;
    }
    for (auto const e : duty.triggers) text += (text.empty() ? "" : " or ") + program.events[e].id;
    return text;
}

}  // namespace pligt
