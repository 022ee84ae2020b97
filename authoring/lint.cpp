#include "authoring/lint.hpp"

#include "authoring/fold.hpp"
#include "authoring/lint_checks.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pligt {
namespace {

// ---- periods and places, in the words of the messages

// "2017-07-01 to 2022-12-31", "from 2024-01-01": as `pligt check` explains periods.
std::string period_text(Period const& period) {
    return period.to ? fmt::format("{} to {}", period.from.to_string(), period.to->to_string())
                     : fmt::format("from {}", period.from.to_string());
}

// "from 2017-10-01 to 2021-12-31", as an adoption is written.
std::string adoption_text(Period const& period) {
    return period.to ? fmt::format("from {} to {}", period.from.to_string(), period.to->to_string())
                     : fmt::format("from {}", period.from.to_string());
}

std::string where(Program const& program, Origin const& origin) {
    auto const& source = program.sources[origin.source];
    auto const at = source.position(origin.begin);
    return fmt::format("{}:{}:{}", source.name(), at.line, at.column);
}

// The first day both periods contain, if any.
std::optional<Date> first_common_day(Period const& a, Period const& b) {
    Date const from = std::max(a.from, b.from);
    if ((a.to && *a.to < from) || (b.to && *b.to < from)) return std::nullopt;
    return from;
}

bool within(Period const& inner, Period const& outer) {
    if (inner.from < outer.from) return false;
    return !outer.to || (inner.to && *inner.to <= *outer.to);
}

// The first day of `period` on which none of `covers` is in force, if any.
// Open-ended periods are unbounded.
std::optional<Date> first_uncovered_day(Period const& period, std::vector<Period> const& covers) {
    Date day = period.from;
    while (true) {
        // Of the periods containing the day, the one that reaches furthest.
        Period const* reach = nullptr;
        for (auto const& cover : covers)
            if (cover.contains(day) && (!reach || (reach->to && (!cover.to || *reach->to < *cover.to)))) reach = &cover;
        if (!reach) return day;
        if (!reach->to) return std::nullopt;
        if (period.to && *period.to <= *reach->to) return std::nullopt;
        day = reach->to->plus_days(1);
    }
}

}  // namespace

void report(Diagnostics& diagnostics, Program const& program, Origin const& origin, Severity severity, std::string code,
            std::string message) {
    diagnostics.add(locate(program.sources[origin.source], origin.begin, origin.end, severity, std::move(code),
                           std::move(message)));
}

namespace {

// Where a duty's `where` condition is written. The Program keeps its text,
// not its place, so find the text after `where` following the duty's name;
// the duty's name when it cannot be found.
Origin condition_origin(Program const& program, DutyDef const& duty) {
    auto const& text = program.sources[duty.origin.source].text();
    auto const& condition = duty.condition_text;
    if (condition.empty()) return duty.origin;  // several `on` clauses
    for (auto at = text.find(condition, duty.origin.end); at != std::string::npos; at = text.find(condition, at + 1)) {
        auto before = at;
        while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t' || text[before - 1] == '\n' ||
                              text[before - 1] == '\r'))
            --before;
        if (before < at && before >= 5 && text.compare(before - 5, 5, "where") == 0)
            return Origin{duty.origin.source, static_cast<std::uint32_t>(at),
                          static_cast<std::uint32_t>(at + condition.size())};
    }
    return duty.origin;
}

// ---- the checks

void never_triggers(Program const& program, Diagnostics& diagnostics) {
    std::vector<bool> adopted(program.exemption_sets.size(), false);
    for (auto const& municipality : program.municipalities)
        for (auto const& adoption : municipality.adoptions) adopted[adoption.set] = true;
    for (auto const& duty : program.duties) {
        if (duty.owned_by_set && !adopted[duty.owner]) {
            report(diagnostics, program, duty.origin, Severity::warning, "never_triggers",
                   fmt::format("duty '{}' never triggers: no municipality adopts exemption set '{}'", duty.id,
                               program.exemption_sets[duty.owner].id));
            continue;
        }
        if (duty.conditions.empty()) continue;
        bool never = true;
        for (std::size_t i = 0; i < duty.conditions.size() && never; ++i)
            never = Folder{program, duty.triggers[i]}.truth(duty.conditions[i]) == Truth::never;
        if (never)
            report(diagnostics, program, condition_origin(program, duty), Severity::warning, "never_triggers",
                   fmt::format("duty '{}' never triggers: its condition can never hold", duty.id));
    }
}

void check_adoptions(Program const& program, Diagnostics& diagnostics) {
    for (auto const& municipality : program.municipalities) {
        auto const& adoptions = municipality.adoptions;
        for (std::size_t j = 0; j < adoptions.size(); ++j) {
            auto const& adoption = adoptions[j];
            auto const& set = program.exemption_sets[adoption.set];
            auto const adopts = fmt::format("municipality '{}' adopts exemption set '{}' {}", municipality.id, set.id,
                                            adoption_text(adoption.period));
            for (std::size_t i = 0; i < j; ++i) {
                if (adoptions[i].set != adoption.set || !first_common_day(adoptions[i].period, adoption.period))
                    continue;
                report(diagnostics, program, adoption.origin, Severity::error, "overlapping_adoption",
                       fmt::format("{}, overlapping its adoption {} at {}", adopts, adoption_text(adoptions[i].period),
                                   where(program, adoptions[i].origin)));
                break;
            }
            if (!within(adoption.period, set.in_force))
                report(diagnostics, program, adoption.origin, Severity::error, "adoption_outside_period",
                       fmt::format("{}, outside the set's period in force ({})", adopts, period_text(set.in_force)));
            if (set.amends.empty()) continue;
            std::vector<Period> laws;
            std::string names;
            for (auto const law : set.amends) {
                laws.push_back(program.laws[law].in_force);
                names += fmt::format("{}{} {}", names.empty() ? "" : "; ", program.laws[law].id,
                                     period_text(program.laws[law].in_force));
            }
            if (auto const day = first_uncovered_day(adoption.period, laws))
                report(diagnostics, program, adoption.origin, Severity::error, "adoption_outside_period",
                       fmt::format("{}, but on {} no law the set amends is in force ({})", adopts, day->to_string(),
                                   names));
        }
    }
}

void duplicate_short_names(Program const& program, Diagnostics& diagnostics) {
    auto const& laws = program.laws;
    for (std::size_t j = 0; j < laws.size(); ++j) {
        if (laws[j].short_name.empty()) continue;
        for (std::size_t i = 0; i < j; ++i) {
            if (laws[i].short_name != laws[j].short_name) continue;
            auto const day = first_common_day(laws[i].in_force, laws[j].in_force);
            if (!day) continue;
            report(diagnostics, program, laws[j].origin, Severity::error, "duplicate_short_name",
                   fmt::format("law '{}' has the short name '{}' of law '{}' at {}, and both are in force on {}",
                               laws[j].id, laws[j].short_name, laws[i].id, where(program, laws[i].origin),
                               day->to_string()));
            break;
        }
    }
}

void amends_nothing_in_force(Program const& program, Diagnostics& diagnostics) {
    for (auto const& set : program.exemption_sets) {
        if (set.amends.empty()) continue;
        std::string names;
        bool any = false;
        for (auto const law : set.amends) {
            any |= first_common_day(set.in_force, program.laws[law].in_force).has_value();
            names += fmt::format("{}{} {}", names.empty() ? "" : "; ", program.laws[law].id,
                                 period_text(program.laws[law].in_force));
        }
        if (!any)
            report(diagnostics, program, set.origin, Severity::warning, "amends_nothing_in_force",
                   fmt::format("exemption set '{}' ({}) amends no law in force during its period ({})", set.id,
                               period_text(set.in_force), names));
    }
}

void duplicate_waivers(Program const& program, Diagnostics& diagnostics) {
    for (auto const& set : program.exemption_sets)
        for (std::size_t j = 0; j < set.waivers.size(); ++j)
            for (std::size_t i = 0; i < j; ++i) {
                if (set.waivers[i].duty != set.waivers[j].duty) continue;
                report(diagnostics, program, set.waivers[j].origin, Severity::warning, "duplicate_waiver",
                       fmt::format("exemption set '{}' waives duty '{}' twice; first at {}", set.id,
                                   set.waivers[j].duty, where(program, set.waivers[i].origin)));
                break;
            }
}

}  // namespace

void lint(Program const& program, Diagnostics& diagnostics) {
    verify_law_in_time(program, diagnostics);
    never_triggers(program, diagnostics);
    check_adoptions(program, diagnostics);
    duplicate_short_names(program, diagnostics);
    amends_nothing_in_force(program, diagnostics);
    duplicate_waivers(program, diagnostics);
}

std::vector<Diagnostic> lint_paths(std::vector<std::filesystem::path> const& roots) {
    Diagnostics diagnostics;
    if (auto const program = load_program(roots, diagnostics)) lint(*program, diagnostics);
    return diagnostics.sorted();
}

}  // namespace pligt
