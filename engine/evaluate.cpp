#include "engine/evaluate.hpp"

#include <algorithm>

namespace pligt::engine {
namespace {

// The value an operand reads; nothing when an optional attribute or a fact is
// absent (a comparison with nothing is false).
std::optional<Value> read(Program const& program, Case const& c, CaseEvent const& event, Operand const& operand) {
    switch (operand.kind) {
    case OperandKind::constant: return operand.constant;
    case OperandKind::attribute: {
        auto const v = c.attribute(event, operand.index);
        return v.present ? std::optional<Value>{v.value} : std::nullopt;
    }
    case OperandKind::fact: {
        auto const v = c.facts[operand.index];
        return v.present ? std::optional<Value>{v.value} : std::nullopt;
    }
    case OperandKind::age: {
        if (program.birthdate_fact == no_index) return std::nullopt;
        auto const birth = c.facts[program.birthdate_fact];
        if (!birth.present) return std::nullopt;
        return age_in_years(Date::from_days(static_cast<std::int32_t>(birth.value)), event.at.date);
    }
    }
    return std::nullopt;
}

bool holds(Program const& program, Case const& c, CaseEvent const& event, Index node_index) {
    auto const& node = program.conditions[node_index];
    switch (node.op) {
    case ConditionOp::always: return true;
    case ConditionOp::attribute:
    case ConditionOp::fact: {
        auto const v = read(program, c, event, node.left);
        return v && *v != 0;
    }
    case ConditionOp::compare: {
        auto const left = read(program, c, event, node.left);
        if (!left) return false;
        auto const right = node.right.constant;
        switch (node.comparator) {
        case Comparator::eq: return *left == right;
        case Comparator::ne: return *left != right;
        case Comparator::lt: return *left < right;
        case Comparator::le: return *left <= right;
        case Comparator::gt: return *left > right;
        case Comparator::ge: return *left >= right;
        }
        return false;
    }
    case ConditionOp::member: {
        auto const left = read(program, c, event, node.left);
        if (!left) return false;
        auto const first = program.member_values.begin() + node.first;
        return std::find(first, first + node.count, *left) != first + node.count;
    }
    case ConditionOp::all:
        for (Index i = 0; i < node.count; ++i)
            if (!holds(program, c, event, program.condition_children[node.first + i])) return false;
        return true;
    case ConditionOp::any:
        for (Index i = 0; i < node.count; ++i)
            if (holds(program, c, event, program.condition_children[node.first + i])) return true;
        return false;
    case ConditionOp::negate: return !holds(program, c, event, node.first);
    }
    return false;
}

bool adopted(MunicipalityDef const& municipality, Index set, Date on) {
    return std::any_of(municipality.adoptions.begin(), municipality.adoptions.end(),
                       [&](Adoption const& a) { return a.set == set && a.period.contains(on); });
}

// Whether a duty exists for a trigger on this date in this municipality: the
// law's duties while the law is in force; an exemption set's own duties only
// where and while the set is adopted.
bool in_force(Program const& program, DutyDef const& duty, MunicipalityDef const& municipality, Date on) {
    if (!duty.owned_by_set) return program.laws[duty.owner].in_force.contains(on);
    auto const& set = program.exemption_sets[duty.owner];
    return set.in_force.contains(on) && adopted(municipality, duty.owner, on);
}

// The first adopted exemption set that waives this law duty at the trigger.
std::pair<Index, Index> find_waiver(Program const& program, DutyDef const& duty, MunicipalityDef const& municipality,
                                    Date on) {
    if (duty.owned_by_set) return {no_index, no_index};
    for (auto const& adoption : municipality.adoptions) {
        if (!adoption.period.contains(on)) continue;
        auto const& set = program.exemption_sets[adoption.set];
        if (!set.in_force.contains(on)) continue;
        if (std::find(set.amends.begin(), set.amends.end(), duty.owner) == set.amends.end()) continue;
        for (Index w = 0; w < set.waivers.size(); ++w)
            if (set.waivers[w].concept_index == duty.concept_index) return {adoption.set, w};
    }
    return {no_index, no_index};
}

}  // namespace

std::string_view to_string(Status status) {
    switch (status) {
    case Status::pending: return "pending";
    case Status::met: return "met";
    case Status::late: return "late";
    case Status::overdue: return "overdue";
    case Status::waived: return "waived";
    }
    return "pending";
}

Moment deadline(Moment from, Span span) {
    switch (span.unit) {
    case TimeUnit::hours: return from.plus_hours(span.amount);
    case TimeUnit::days: return Moment::on(from.date.plus_days(span.amount));
    case TimeUnit::weeks: return Moment::on(from.date.plus_days(7 * span.amount));
    case TimeUnit::months: return Moment::on(from.date.plus_months(span.amount));
    case TimeUnit::years: return Moment::on(from.date.plus_years(span.amount));
    }
    return from;
}

void evaluate(Program const& program, Case const& c, Moment as_of, std::vector<DutyResult>& results) {
    results.clear();
    auto const& municipality = program.municipalities[c.municipality];
    // Events are sorted, so those known at as_of are a prefix.
    auto const known = static_cast<std::uint32_t>(
        std::find_if(c.events.begin(), c.events.end(),
                     [&](CaseEvent const& e) { return Moment::compare(e.at, as_of) > 0; }) -
        c.events.begin());

    for (std::uint32_t t = 0; t < known; ++t) {
        auto const& trigger = c.events[t];
        for (auto const duty_index : program.duties_by_trigger[trigger.event]) {
            auto const& duty = program.duties[duty_index];
            if (!in_force(program, duty, municipality, trigger.at.date)) continue;
            if (!duty.conditions.empty()) {
                auto const which = std::find(duty.triggers.begin(), duty.triggers.end(), trigger.event) - duty.triggers.begin();
                if (!holds(program, c, trigger, duty.conditions[static_cast<std::size_t>(which)])) continue;
            }
            DutyResult result;
            result.duty = duty_index;
            result.trigger = t;
            result.due = deadline(trigger.at, duty.due);

            // Fulfilled by the first such event at or after the trigger, where
            // "at" compares at the coarser precision of the two.
            for (std::uint32_t e = 0; e < known && result.done < 0; ++e) {
                auto const& candidate = c.events[e];
                if (Moment::compare(candidate.at, trigger.at) < 0) continue;
                if (std::find(duty.done_by.begin(), duty.done_by.end(), candidate.event) != duty.done_by.end())
                    result.done = static_cast<std::int32_t>(e);
            }

            std::tie(result.waived_by, result.waiver) = find_waiver(program, duty, municipality, trigger.at.date);
            if (result.waived_by != no_index) result.status = Status::waived;
            else if (result.done >= 0)
                result.status = Moment::compare(c.events[static_cast<std::size_t>(result.done)].at, result.due) <= 0
                                    ? Status::met
                                    : Status::late;
            else
                result.status = Moment::compare(as_of, result.due) > 0 ? Status::overdue : Status::pending;
            results.push_back(result);
        }
    }

    // Order by trigger time, then duty id; stable, so instances stay in order.
    std::stable_sort(results.begin(), results.end(), [&](DutyResult const& a, DutyResult const& b) {
        auto const& at_a = c.events[a.trigger].at;
        auto const& at_b = c.events[b.trigger].at;
        if (Moment::sorts_before(at_a, at_b)) return true;
        if (Moment::sorts_before(at_b, at_a)) return false;
        return program.duties[a.duty].concept_index < program.duties[b.duty].concept_index;
    });

    // Number the instances of duties that occur more than once.
    for (auto& result : results) {
        auto const concept_index = program.duties[result.duty].concept_index;
        std::uint16_t seen = 0, total = 0;
        for (auto const& other : results) {
            if (program.duties[other.duty].concept_index != concept_index) continue;
            ++total;
            if (&other <= &result) ++seen;
        }
        if (total > 1) result.instance = seen;
    }
}

}  // namespace pligt::engine
