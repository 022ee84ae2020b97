#include "dsl/lint.hpp"

#include "dsl/diagnostic.hpp"

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
            if (cover.contains(day) && (!reach || (reach->to && (!cover.to || *reach->to < *cover.to))))
                reach = &cover;
        if (!reach) return day;
        if (!reach->to) return std::nullopt;
        if (period.to && *period.to <= *reach->to) return std::nullopt;
        day = reach->to->plus_days(1);
    }
}

void report(Diagnostics& diagnostics, Program const& program, Origin const& origin, Severity severity,
            std::string code, std::string message) {
    diagnostics.add(locate(program.sources[origin.source], origin.begin, origin.end, severity, std::move(code),
                           std::move(message)));
}

// ---- conditions that can never hold

enum class Truth { never, always, unknown };

// The values one operand may take under a conjunction of comparisons. Every
// comparison that holds needs the value present (an absent value compares
// false), so a positive constraint also rules out absence; a negated one
// (`not urgent`) holds for an absent value and constrains only a present one.
struct Domain {
    Value low = std::numeric_limits<Value>::min();
    Value high = std::numeric_limits<Value>::max();
    std::optional<std::vector<Value>> allowed;  // from == and in {…}
    std::vector<Value> excluded;                // from != and not in {…}
    bool present = false;                       // some positive constraint needs a value

    void keep_only(std::vector<Value> values) {
        std::sort(values.begin(), values.end());
        if (allowed) {
            std::vector<Value> both;
            std::set_intersection(allowed->begin(), allowed->end(), values.begin(), values.end(),
                                  std::back_inserter(both));
            values = std::move(both);
        }
        allowed = std::move(values);
    }

    void constrain(Comparator comparator, Value v) {
        constexpr Value min = std::numeric_limits<Value>::min(), max = std::numeric_limits<Value>::max();
        switch (comparator) {
        case Comparator::eq: keep_only({v}); break;
        case Comparator::ne: excluded.push_back(v); break;
        case Comparator::lt:
            if (v == min) keep_only({});
            else high = std::min(high, v - 1);
            break;
        case Comparator::le: high = std::min(high, v); break;
        case Comparator::gt:
            if (v == max) keep_only({});
            else low = std::max(low, v + 1);
            break;
        case Comparator::ge: low = std::max(low, v); break;
        }
    }

    bool admits(Value v) const {
        return low <= v && v <= high && std::find(excluded.begin(), excluded.end(), v) == excluded.end();
    }

    bool empty() const {
        if (allowed) return std::none_of(allowed->begin(), allowed->end(), [&](Value v) { return admits(v); });
        if (low > high) return true;
        // Wide ranges always keep a value; a narrow one may be all excluded.
        auto const width = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
        if (width >= excluded.size()) return false;
        for (Value v = low;; ++v) {
            if (admits(v)) return false;
            if (v == high) return true;
        }
    }
};

Comparator inverse(Comparator comparator) {
    switch (comparator) {
    case Comparator::eq: return Comparator::ne;
    case Comparator::ne: return Comparator::eq;
    case Comparator::lt: return Comparator::ge;
    case Comparator::le: return Comparator::gt;
    case Comparator::gt: return Comparator::le;
    case Comparator::ge: return Comparator::lt;
    }
    return comparator;
}

// Folds the conditions compiled for one trigger event.
class Folder {
public:
    Folder(Program const& program, Index event) : program_{program}, event_{event} {}

    Truth truth(Index index) const {
        auto const& node = program_.conditions[index];
        switch (node.op) {
        case ConditionOp::always: return Truth::always;
        case ConditionOp::negate: {
            auto const inner = truth(node.first);
            return inner == Truth::unknown ? inner : inner == Truth::always ? Truth::never : Truth::always;
        }
        case ConditionOp::all:
        case ConditionOp::any: {
            bool const conjunction = node.op == ConditionOp::all;
            Truth const decisive = conjunction ? Truth::never : Truth::always;
            bool all_opposite = true;
            for (Index i = 0; i < node.count; ++i) {
                auto const child = truth(program_.condition_children[node.first + i]);
                if (child == decisive) return decisive;
                all_opposite &= child != Truth::unknown;
            }
            if (all_opposite) return conjunction ? Truth::always : Truth::never;
            return conjunction && contradictory(index) ? Truth::never : Truth::unknown;
        }
        default: return Truth::unknown;
        }
    }

private:
    using Key = std::pair<OperandKind, Index>;
    struct Atom {
        Index node;
        bool negated;
    };

    // The comparisons a conjunction requires, through nested `and`, `not not`
    // and `not (a or b)`.
    void collect(Index index, bool negated, std::vector<Atom>& atoms) const {
        auto const& node = program_.conditions[index];
        switch (node.op) {
        case ConditionOp::negate: collect(node.first, !negated, atoms); break;
        case ConditionOp::all:
        case ConditionOp::any:
            if ((node.op == ConditionOp::all) == !negated)
                for (Index i = 0; i < node.count; ++i)
                    collect(program_.condition_children[node.first + i], negated, atoms);
            break;
        case ConditionOp::always: break;
        default: atoms.push_back(Atom{index, negated});
        }
    }

    // The values an operand's type allows: a bool is 0 or 1, a kind one of its values.
    Domain domain_of(Operand const& operand) const {
        Type type{BaseType::integer};
        if (operand.kind == OperandKind::attribute && event_ != no_index)
            type = program_.events[event_].attributes[operand.index].type;
        else if (operand.kind == OperandKind::fact)
            type = program_.facts[operand.index].type;
        Domain domain;
        if (type.base == BaseType::boolean) {
            domain.low = 0;
            domain.high = 1;
        } else if (type.base == BaseType::kind) {
            domain.low = 0;
            domain.high = static_cast<Value>(program_.kinds[type.kind].values.size()) - 1;
        }
        return domain;
    }

    void apply(Domain& domain, ConditionNode const& node, bool negated) const {
        switch (node.op) {
        case ConditionOp::attribute:
        case ConditionOp::fact: domain.constrain(negated ? Comparator::ne : Comparator::eq, 1); break;
        case ConditionOp::compare:
            domain.constrain(negated ? inverse(node.comparator) : node.comparator, node.right.constant);
            break;
        case ConditionOp::member: {
            std::vector<Value> const values(program_.member_values.begin() + node.first,
                                            program_.member_values.begin() + node.first + node.count);
            if (negated) domain.excluded.insert(domain.excluded.end(), values.begin(), values.end());
            else domain.keep_only(values);
            break;
        }
        default: break;
        }
    }

    bool contradictory(Index conjunction) const {
        std::vector<Atom> atoms;
        collect(conjunction, false, atoms);
        std::map<Key, Domain> domains;
        for (auto const& atom : atoms) {
            auto const& node = program_.conditions[atom.node];
            auto const key = Key{node.left.kind, node.left.index};
            auto it = domains.find(key);
            if (it == domains.end()) it = domains.emplace(key, domain_of(node.left)).first;
            apply(it->second, node, atom.negated);
            it->second.present |= !atom.negated;
        }
        return std::any_of(domains.begin(), domains.end(),
                           [](auto const& entry) { return entry.second.present && entry.second.empty(); });
    }

    Program const& program_;
    Index event_;
};

// Where a duty's `where` condition is written. The Program keeps its text,
// not its place, so find the text after `where` following the duty's name;
// the duty's name when it cannot be found.
Origin condition_origin(Program const& program, DutyDef const& duty) {
    auto const& text = program.sources[duty.origin.source].text();
    auto const& condition = duty.condition_text;
    for (auto at = text.find(condition, duty.origin.end); at != std::string::npos;
         at = text.find(condition, at + 1)) {
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
            auto const adopts = fmt::format("municipality '{}' adopts exemption set '{}' {}", municipality.id,
                                            set.id, adoption_text(adoption.period));
            for (std::size_t i = 0; i < j; ++i) {
                if (adoptions[i].set != adoption.set || !first_common_day(adoptions[i].period, adoption.period))
                    continue;
                report(diagnostics, program, adoption.origin, Severity::error, "overlapping_adoption",
                       fmt::format("{}, overlapping its adoption {} at {}", adopts,
                                   adoption_text(adoptions[i].period), where(program, adoptions[i].origin)));
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

// Every duty can be met, and means something: a duty fulfilled by its own
// trigger can never be open; an `earliest of` whose every form has a
// condition leaves some instances without a deadline.
void cannot_be_breached_or_met(Program const& program, Diagnostics& diagnostics) {
    for (auto const& duty : program.duties) {
        for (auto const& f : duty.done_by)
            if (f.condition == no_index &&
                std::find(duty.triggers.begin(), duty.triggers.end(), f.event) != duty.triggers.end()) {
                report(diagnostics, program, duty.origin, Severity::warning, "fulfilled_by_trigger",
                       fmt::format("duty '{}' is done by '{}', which also opens it: every instance is met at once",
                                   duty.id, program.events[f.event].id));
                break;
            }
        auto const& due = duty.due;
        if ((due.kind == DeadlineDef::Kind::earliest || due.kind == DeadlineDef::Kind::latest) &&
            std::all_of(due.alternatives.begin(), due.alternatives.end(),
                        [](DeadlineDef const& form) { return !form.where.empty(); }))
            report(diagnostics, program, duty.origin, Severity::error, "deadline_may_be_missing",
                   fmt::format("duty '{}': every form of '{}' has a condition, so where none holds the duty has "
                               "no deadline; give one form without 'where'",
                               duty.id, due.text));
        if (due.kind == DeadlineDef::Kind::before_event &&
            std::find(duty.triggers.begin(), duty.triggers.end(), due.event) != duty.triggers.end() &&
            duty.triggers.size() == 1)
            report(diagnostics, program, duty.origin, Severity::warning, "deadline_is_next_trigger",
                   fmt::format("duty '{}' is due before the next '{}', the event that opens it: each instance is "
                               "due when the next one opens",
                               duty.id, program.events[due.event].id));
    }
}

// The exceptions of one duty do not contradict: one that holds wherever the
// duty triggers leaves no instance, and two with the same condition but
// different citations give two bases for one exception.
void contradicting_exceptions(Program const& program, Diagnostics& diagnostics) {
    for (auto const& duty : program.duties) {
        for (std::size_t j = 0; j < duty.exceptions.size(); ++j) {
            auto const& exception = duty.exceptions[j];
            bool always = !exception.conditions.empty();
            for (std::size_t i = 0; i < exception.conditions.size() && always; ++i)
                always = Folder{program, duty.triggers[i]}.truth(exception.conditions[i]) == Truth::always;
            if (always || (!duty.condition_text.empty() && exception.condition_text == duty.condition_text))
                report(diagnostics, program, duty.origin, Severity::error, "exception_always_holds",
                       fmt::format("duty '{}': the exception 'unless {}' holds wherever the duty opens, so every "
                                   "instance is excepted",
                                   duty.id, exception.condition_text));
            for (std::size_t i = 0; i < j; ++i)
                if (duty.exceptions[i].condition_text == exception.condition_text &&
                    duty.exceptions[i].cite != exception.cite)
                    report(diagnostics, program, duty.origin, Severity::error, "contradicting_exceptions",
                           fmt::format("duty '{}': the exception 'unless {}' is cited both as '{}' and as '{}'",
                                       duty.id, exception.condition_text, duty.exceptions[i].cite, exception.cite));
        }
    }
}

// A law's first version starts when the law does: before it the duties
// would have no version to name.
void versions_cover_the_law(Program const& program, Diagnostics& diagnostics) {
    for (auto const& law : program.laws)
        if (!law.versions.empty() && law.in_force.from < law.versions.front().from)
            report(diagnostics, program, law.versions.front().origin, Severity::warning, "version_gap",
                   fmt::format("law '{}' is in force from {}, but its first version '{}' only from {}", law.id,
                               law.in_force.from.to_string(), law.versions.front().title,
                               law.versions.front().from.to_string()));
}

}  // namespace

void lint(Program const& program, Diagnostics& diagnostics) {
    cannot_be_breached_or_met(program, diagnostics);
    contradicting_exceptions(program, diagnostics);
    versions_cover_the_law(program, diagnostics);
    never_triggers(program, diagnostics);
    check_adoptions(program, diagnostics);
    duplicate_short_names(program, diagnostics);
    amends_nothing_in_force(program, diagnostics);
    duplicate_waivers(program, diagnostics);
}

}  // namespace pligt
