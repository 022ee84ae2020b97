#include "dsl/program.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>

namespace pligt {

std::optional<TimeUnit> parse_time_unit(std::string_view word) {
    static std::pair<std::string_view, TimeUnit> const units[] = {{"hour", TimeUnit::hours},
                                                                  {"hours", TimeUnit::hours},
                                                                  {"day", TimeUnit::days},
                                                                  {"days", TimeUnit::days},
                                                                  {"working day", TimeUnit::working_days},
                                                                  {"working days", TimeUnit::working_days},
                                                                  {"week", TimeUnit::weeks},
                                                                  {"weeks", TimeUnit::weeks},
                                                                  {"month", TimeUnit::months},
                                                                  {"months", TimeUnit::months},
                                                                  {"year", TimeUnit::years},
                                                                  {"years", TimeUnit::years}};
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

std::string times_text(DutyDef const& duty) {
    return duty.done_count > 1 ? ", " + std::to_string(duty.done_count) + " times" : std::string{};
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

void index_trigger_periods(Program& program) {
    for (auto& entries : program.duties_by_trigger)
        for (auto& entry : entries) {
            auto const& duty = program.duties[entry.duty];
            entry.by_period = !duty.owned_by_set && duty.dated.kind == Dating::Kind::trigger;
            if (!entry.by_period) continue;
            auto const& law = program.laws[duty.owner].in_force;
            entry.from = std::max(law.from, duty.valid.from).days();
            entry.to = std::numeric_limits<std::int32_t>::max();
            if (law.to) entry.to = law.to->days();
            if (duty.valid.to) entry.to = std::min(entry.to, duty.valid.to->days());
        }
    program.triggers_by_date.assign(program.duties_by_trigger.size(), {});
    for (std::size_t event = 0; event < program.duties_by_trigger.size(); ++event) {
        auto const& entries = program.duties_by_trigger[event];
        auto& index = program.triggers_by_date[event];
        std::vector<std::int32_t> starts{std::numeric_limits<std::int32_t>::min()};
        for (auto const& entry : entries)
            if (entry.by_period) {
                starts.push_back(entry.from);
                if (entry.to < std::numeric_limits<std::int32_t>::max()) starts.push_back(entry.to + 1);
            }
        std::sort(starts.begin(), starts.end());
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        for (std::size_t i = 0; i < starts.size(); ++i) {
            auto const day = starts[i];  // every day of the interval holds the same entries
            for (auto const& entry : entries)
                if (!entry.by_period || (entry.from <= day && day <= entry.to)) index.entries.push_back(entry);
            index.ends.push_back(static_cast<std::uint32_t>(index.entries.size()));
        }
        index.starts = std::move(starts);
    }
    for (auto& duty : program.duties) {
        duty.carry_to = no_index;
        if (duty.carry_law == no_index) continue;
        auto const& law = program.laws[duty.carry_law];
        for (auto const d : law.duties)
            if (program.duties[d].concept_index == duty.concept_index &&
                program.duties[d].valid.contains(law.in_force.from))
                duty.carry_to = d;
    }
}

}  // namespace pligt
