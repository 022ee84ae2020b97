#include "engine/evaluate.hpp"

#include "engine/deadline.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pligt::engine {
namespace {

// What a condition reads: the case, the events known at the evaluation
// moment (a prefix of the case's events) and the event it is asked about.
struct ConditionScope {
    Program const& program;
    Case const& c;
    std::uint32_t known;
};

bool contains(std::vector<Index> const& events, Index event) {
    return std::find(events.begin(), events.end(), event) != events.end();
}

bool state_holds(ConditionScope const& scope, std::uint32_t e, Index state) {
    auto const last = latest_state_event(scope.program, scope.c, scope.known, e, state);
    return last != none &&
           contains(scope.program.states[state].starts, scope.c.events[static_cast<std::size_t>(last)].event);
}

// The value an operand reads at case event `e`; nothing when an optional
// attribute or a fact is absent (a comparison with nothing is false).
[[gnu::always_inline]] inline std::optional<Value> read(ConditionScope const& scope, std::uint32_t e,
                                                        Operand const& operand) {
    auto const& program = scope.program;
    auto const& c = scope.c;
    switch (operand.kind) {
    case OperandKind::constant: return operand.constant;
    case OperandKind::attribute: {
        auto const v = c.attribute(c.events[e], operand.index);
        return v.present ? std::optional<Value>{v.value} : std::nullopt;
    }
    case OperandKind::fact: {
        auto const v = c.facts[operand.index];
        return v.present ? std::optional<Value>{v.value} : std::nullopt;
    }
    case OperandKind::age: {
        if (program.age_fact == no_index) return std::nullopt;
        auto const birth = c.facts[program.age_fact];
        if (!birth.present) return std::nullopt;
        return age_in_years(Date::from_days(static_cast<std::int32_t>(birth.value)), c.events[e].at.date);
    }
    case OperandKind::state: return state_holds(scope, e, operand.index) ? 1 : 0;
    }
    return std::nullopt;
}

// Whether the condition rooted at `node_index` holds at case event `e`.
bool holds(ConditionScope const& scope, std::uint32_t e, Index node_index) {
    auto const& program = scope.program;
    auto const& node = program.conditions[node_index];
    switch (node.op) {
    case ConditionOp::always: return true;
    case ConditionOp::attribute:
    case ConditionOp::fact:
    case ConditionOp::state: {
        auto const v = read(scope, e, node.left);
        return v && *v != 0;
    }
    case ConditionOp::compare: {
        auto const left = read(scope, e, node.left);
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
        auto const left = read(scope, e, node.left);
        if (!left) return false;
        if (node.right.index == 1) return *left >= 0 && *left < 64 && ((node.right.constant >> *left) & 1) != 0;
        auto const first = program.member_values.begin() + node.first;
        return std::find(first, first + node.count, *left) != first + node.count;
    }
    case ConditionOp::all:
        for (Index i = 0; i < node.count; ++i)
            if (!holds(scope, e, program.condition_operands[node.first + i])) return false;
        return true;
    case ConditionOp::any:
        for (Index i = 0; i < node.count; ++i)
            if (holds(scope, e, program.condition_operands[node.first + i])) return true;
        return false;
    case ConditionOp::negate: return !holds(scope, e, node.first);
    }
    return false;
}

// As of a date means the end of that day, so a deadline at a time of day on
// that date has passed; otherwise moments compare at the coarser precision.
bool has_passed(Moment due, Moment as_of) {
    if (!as_of.has_time() && due.has_time()) return due.date <= as_of.date;
    return Moment::compare(as_of, due) > 0;
}

bool adopted(MunicipalityDef const& municipality, Index set, Date on) {
    return std::any_of(municipality.adoptions.begin(), municipality.adoptions.end(),
                       [&](Adoption const& a) { return a.set == set && a.period.contains(on); });
}

// The sets in force, adopted by the municipality on this date, that amend the law.
template <typename F>
void for_each_adopted_set(Program const& program, MunicipalityDef const& municipality, Index law, Date on, F&& f) {
    for (auto const& adoption : municipality.adoptions) {
        if (!adoption.period.contains(on)) continue;
        auto const& set = program.exemption_sets[adoption.set];
        if (!set.in_force.contains(on)) continue;
        if (std::find(set.amends.begin(), set.amends.end(), law) == set.amends.end()) continue;
        if (f(adoption.set, set)) return;
    }
}

// Where each event type occurs among the events known at as_of: its first
// occurrence, and from each event the next of the same type. Every search of
// the evaluator ("the first fulfilling event after the trigger", "the latest
// anchor before it") then visits only events of the types it asks for,
// instead of every event of the case once per duty instance.
//
// One per thread, reused: `first` is left all `end` after each case, so it is
// built and cleared in time linear in the case's events, whatever the
// program's vocabulary.
class EventChains {
public:
    static constexpr std::uint32_t end = static_cast<std::uint32_t>(-1);

    EventChains(Case const& c, std::uint32_t known, std::size_t event_types) : c_{c}, known_{known} {
        if (first_.size() < event_types) first_.resize(event_types, end);
        if (next_.size() < known) next_.resize(known);
        for (auto e = known; e-- > 0;) {
            auto& first = first_[c.events[e].event];
            next_[e] = first;
            first = e;
        }
    }
    ~EventChains() {
        for (std::uint32_t e = 0; e < known_; ++e) first_[c_.events[e].event] = end;
    }
    EventChains(EventChains const&) = delete;
    EventChains& operator=(EventChains const&) = delete;

    // The first event of a type at index `from` or later; `end` if none.
    std::uint32_t first_from(Index type, std::uint32_t from) const {
        auto e = first_[type];
        while (e < from) e = next_[e];
        return e;
    }
    std::uint32_t next(std::uint32_t e) const { return next_[e]; }

private:
    Case const& c_;
    std::uint32_t known_;
    static thread_local std::vector<std::uint32_t> first_;  // by event type
    static thread_local std::vector<std::uint32_t> next_;   // by case event
};

thread_local std::vector<std::uint32_t> EventChains::first_;
thread_local std::vector<std::uint32_t> EventChains::next_;

// Evaluates the parts of one instance that do not depend on its deadline.
class InstanceEvaluator {
public:
    InstanceEvaluator(Program const& program, Case const& c, Moment as_of, std::uint32_t known,
                      EventChains const& chains)
        : program_{program},
          c_{c},
          as_of_{as_of},
          known_{known},
          chains_{chains},
          scope_{program, c, known},
          targets_{program.municipalities[c.municipality].targets},
          has_targets_{!targets_.empty()},
          adopts_{!program.municipalities[c.municipality].adoptions.empty()} {}

    // `which`: the trigger's position in duty.triggers; `decided_on`: the
    // date that chose this definition (the trigger's, unless `dated by`).
    // Inlined on purpose: the hot path, once an instance.
    [[gnu::always_inline]] void run(std::uint32_t t, Index duty_index, std::size_t which, Date decided_on,
                                    std::vector<DutyResult>& results) const {
        // Written in place: a result is large, and most instances are one.
        auto& result = results.emplace_back();
        auto const* rule = first_instance(t, duty_index, which, decided_on, result);
        if (program_.duties[duty_index].carry_law != no_index) carry(t, result, rule);
        // Repetitions: each due an interval after the previous one was done,
        // or after its deadline when it was not (with a count, `done by …,
        // N times`, each period runs from the previous deadline); only up to
        // the evaluation moment, plus the one still pending. An excepted instance has none
        // (evaluate opens what its exception leaves).
        if (!rule->recurs || result.status == Status::excepted) return;
        // What every repetition takes from the first, copied: `result` moves
        // when `results` grows.
        DutyResult const first = result;
        duty_index = first.duty;
        auto const& duty = program_.duties[duty_index];
        auto const& calendar = calendar_of(program_, duty);
        for (int cycle = 1; cycle < 1000; ++cycle) {
            auto const& previous = results.back();
            if (previous.status != Status::met && previous.status != Status::late && previous.status != Status::overdue)
                return;
            DutyResult next;
            next.duty = duty_index;
            next.trigger = t;
            next.cycle = static_cast<std::uint16_t>(cycle);
            next.changed_by = first.changed_by;
            next.decided_on = first.decided_on;
            next.transition_law = first.transition_law;
            next.transition = first.transition;
            next.carried_from = first.carried_from;
            next.previous = previous.done;
            bool const periods = duty.done_count > 1;
            next.from =
                previous.done >= 0 && !periods ? c_.events[static_cast<std::size_t>(previous.done)].at : previous.due;
            if (ended_before(*rule, t, next.from)) return;
            next.interval = interval(duty, *rule, previous);
            if (next.interval.amount > 0) {
                next.due = deadline(next.from, next.interval, calendar);
            } else {  // `otherwise no deadline`, and no interval recorded
                next.due = next.from;
                next.no_deadline = true;
            }
            // Under a changed deadline, the law's own repetition counts from
            // the same start with the law's interval. When the law does not
            // repeat, a repetition has no law_due (explain.cpp leaves it out).
            if (next.changed_by != no_index && duty.due.recurs)
                next.law_due = deadline(next.from, interval(duty, duty.due, previous), calendar);
            if (periods) next.done = counted_fulfilment(duty, first_later_than(previous.due), next);
            else
                next.done =
                    previous.done >= 0 ? find_fulfilment(duty, static_cast<std::uint32_t>(previous.done) + 1) : none;
            settle(duty, t, next, rule);
            results.push_back(next);
        }
    }

    // The date that decides for a definition: see Dating in program.hpp.
    Date deciding_date(DutyDef const& duty, Dating const& dated, std::uint32_t t, std::size_t which) const {
        auto const& trigger = c_.events[t];
        switch (dated.kind) {
        case Dating::Kind::trigger: return trigger.at.date;
        case Dating::Kind::event: {
            // The act the duty concerns: the event its `before` deadline
            // waits for, when that is the one named, else the next such event.
            if (duty.due.kind == DeadlineDef::Kind::before_event && duty.due.event == dated.event) {
                DutyResult probe;
                first_deadline(duty.due, t, which, calendar_of(program_, duty), probe);
                return probe.due_before == no_index ? probe.due.date : as_of_.date;
            }
            auto const e = chains_.first_from(dated.event, t + 1);
            return e == EventChains::end ? as_of_.date : c_.events[e].at.date;
        }
        case Dating::Kind::deadline: {
            DutyResult probe;
            first_deadline(duty.due, t, which, calendar_of(program_, duty), probe);
            return probe.due_before != no_index || probe.missing_age_fact || probe.no_deadline ? as_of_.date
                                                                                               : probe.due.date;
        }
        }
        return trigger.at.date;
    }

    // `unless COND instead DUTY`: the exception removed this instance but
    // leaves the named duty in its place, opened by the same trigger and
    // governed by the same version of the law. Called by evaluate, not by
    // run, so that run stays free of recursion.
    void open_residual(std::uint32_t t, DutyResult const excepted, std::vector<DutyResult>& results) const {
        auto const& duty = program_.duties[excepted.duty];
        auto const& exception = duty.exceptions[excepted.exception];
        if (exception.instead == no_index) return;
        auto const concept_index = program_.duties[exception.instead].concept_index;
        auto const& siblings =
            duty.owned_by_set ? program_.exemption_sets[duty.owner].duties : program_.laws[duty.owner].duties;
        Index residual = no_index;
        for (auto const d : siblings)
            if (program_.duties[d].concept_index == concept_index &&
                program_.duties[d].valid.contains(excepted.decided_on))
                residual = d;
        if (residual == no_index) return;  // not in this version of the law
        auto const& def = program_.duties[residual];
        auto const which = static_cast<std::size_t>(
            std::find(def.triggers.begin(), def.triggers.end(), c_.events[t].event) - def.triggers.begin());
        if (which == def.triggers.size()) return;  // resolve requires the same triggers
        if (!def.conditions.empty() && !holds(scope_, t, def.conditions[which])) return;
        auto const first = results.size();
        run(t, residual, which, excepted.decided_on, results);
        for (auto i = first; i < results.size(); ++i) {
            results[i].residual_of = excepted.duty;
            results[i].residual_exception = excepted.exception;
        }
    }

private:
    // The first (or only) deadline of an instance, and its status; returns
    // the deadline rule that gave it (the law's, or a set's change).
    DeadlineDef const* first_instance(std::uint32_t t, Index duty_index, std::size_t which, Date decided_on,
                                      DutyResult& result) const {
        auto const& duty = program_.duties[duty_index];
        auto const& trigger = c_.events[t];
        auto const& municipality = program_.municipalities[c_.municipality];
        auto const on = trigger.at.date;
        auto const& calendar = calendar_of(program_, duty);

        result.duty = duty_index;
        result.trigger = t;
        result.decided_on = decided_on;

        // An exemption set may change the deadline; the law's stays on record.
        auto const* rule = &duty.due;
        if (adopts_ && !duty.owned_by_set)
            for_each_adopted_set(program_, municipality, duty.owner, on,
                                 [&](Index set_index, ExemptionSetDef const& set) {
                                     for (auto const& change : set.changes)
                                         for (auto const& [changed_duty, deadline] : change.deadlines)
                                             if (changed_duty == duty_index) {
                                                 rule = &deadline;
                                                 result.changed_by = set_index;
                                                 return true;
                                             }
                                     return false;
                                 });
        if (result.changed_by != no_index) {
            DutyResult law;
            first_deadline(duty.due, t, which, calendar, law);
            result.law_due = law.due;
            result.law_due_before = law.due_before;
        }
        first_deadline(*rule, t, which, calendar, result);

        if (!duty.exceptions.empty() && which < duty.triggers.size())
            for (Index e = 0; e < duty.exceptions.size() && result.exception == no_index; ++e)
                if (holds(scope_, t, duty.exceptions[e].conditions[which])) result.exception = e;
        if (adopts_ && !duty.owned_by_set && result.exception == no_index) find_waiver(duty, t, which, result);

        result.done = duty.done_count > 1 ? counted_fulfilment(duty, search_start(duty, t), result)
                                          : find_fulfilment(duty, search_start(duty, t));
        if (result.done < 0 && !duty.kept_events.empty()) keep_older_fulfilment(duty, result);
        settle(duty, t, result, rule);
        find_target(duty, t, result);
        return rule;
    }

    // Where the search for a fulfilling event starts: at the trigger; with
    // `also before`, at the case's first event, or at the look-back's bound:
    // the span before the trigger's date, or just after the latest `since`
    // event before the trigger.
    std::uint32_t search_start(DutyDef const& duty, std::uint32_t t) const {
        if (!duty.done_also_before) return first_not_before(t);
        if (duty.look_back_since != no_index) {
            std::uint32_t from = 0;
            for (auto e = chains_.first_from(duty.look_back_since, 0); e < t; e = chains_.next(e)) from = e + 1;
            return from;
        }
        if (duty.look_back.amount == 0) return 0;
        auto const bound = before(c_.events[t].at.date, duty.look_back);
        std::uint32_t e = 0;
        while (e < t && c_.events[e].at.date < bound) ++e;
        return e;
    }

    // A transitional provision of a later law: an instance still open when
    // that law came into force continues under it, from the same trigger,
    // as the same instance (a `finish` clause of a `transition`).
    void carry(std::uint32_t t, DutyResult& result, DeadlineDef const*& rule) const {
        auto const& old = program_.duties[result.duty];
        auto const& law = program_.laws[old.carry_law];
        auto const change = law.in_force.from;
        auto const& trigger = c_.events[t];
        if (as_of_.date < change || !(trigger.at.date < change)) return;
        switch (result.status) {
        case Status::pending:
        case Status::overdue: break;
        case Status::met:
        case Status::late:
            if (c_.events[static_cast<std::size_t>(result.done)].at.date < change) return;  // finished before
            break;
        default: return;  // waived, excepted or lapsed: nothing open to finish
        }
        auto const successor = old.carry_to;
        if (successor == no_index) return;
        auto const& duty = program_.duties[successor];
        std::size_t which = duty.triggers.size();  // none: a trigger the successor does not have
        for (std::size_t i = 0; i < duty.triggers.size(); ++i)
            if (duty.triggers[i] == trigger.event) which = i;
        auto const from = result.duty;
        result = DutyResult{};
        rule = first_instance(t, successor, which, change, result);
        result.transition_law = old.carry_law;
        result.transition = old.carry_transition;
        result.carried_from = from;
    }

    // `keep EVENT for DUTY`: with nothing done under this law, an event made
    // before it came into force (under the older law) fulfils the duty; the
    // latest such event counts.
    void keep_older_fulfilment(DutyDef const& duty, DutyResult& result) const {
        auto const change = program_.laws[duty.owner].in_force.from;
        auto found = EventChains::end;
        for (auto const type : duty.kept_events)
            for (auto e = chains_.first_from(type, 0); e != EventChains::end && c_.events[e].at.date < change;
                 e = chains_.next(e))
                if (found == EventChains::end || e > found) found = e;
        if (found == EventChains::end) return;
        result.done = static_cast<std::int32_t>(found);
        result.kept_by = duty.kept_by;
    }

    // A goal beside the deadline: the duty's own (an exemption set's), else
    // the municipality's published case-processing time for it.
    void find_target(DutyDef const& duty, std::uint32_t t, DutyResult& result) const {
        if (!has_targets_ && !duty.has_target) return;  // most municipalities, most duties
        if (result.status == Status::waived || result.status == Status::excepted || result.status == Status::lapsed)
            return;
        DeadlineDef const* rule = nullptr;
        if (duty.target) {
            rule = &duty.target->rule;
            result.target_source = 1;
        } else {
            auto const& targets = targets_;
            for (Index i = 0; i < targets.size() && !rule; ++i)
                if (targets[i].concept_index == duty.concept_index) {
                    rule = &targets[i].rule;
                    result.target_source = 2;
                    result.target_index = i;
                }
        }
        if (!rule) return;
        DutyResult probe;
        first_deadline(*rule, t, 0, calendar_of(program_, duty), probe);
        result.target = probe.due;
        result.past_target = result.done >= 0
                                 ? Moment::compare(c_.events[static_cast<std::size_t>(result.done)].at, probe.due) > 0
                                 : has_passed(probe.due, as_of_);
    }

    // Index of the first event that does not come before the trigger `t`
    // (coarse comparison). Every event of an earlier date comes before it, so
    // the search starts at the first event of the trigger's date.
    std::uint32_t first_not_before(std::uint32_t t) const {
        auto const at = c_.events[t].at;
        std::uint32_t e = t;
        while (e > 0 && c_.events[e - 1].at.date == at.date) --e;
        while (e < known_ && Moment::compare(c_.events[e].at, at) < 0) ++e;
        return e;
    }

    void first_deadline(DeadlineDef const& rule, std::uint32_t t, std::size_t which, Calendar const& calendar,
                        DutyResult& result) const {
        auto const& trigger = c_.events[t];
        result.from = trigger.at;
        switch (rule.kind) {
        case DeadlineDef::Kind::within: {
            auto span = rule.span;
            if (!rule.span_attribute.empty()) span.amount = recorded_span(rule, t, which);
            if (rule.anchor != no_index) {
                // The latest anchor event at or before the trigger. Events
                // are sorted, so those at or before it come first.
                for (auto e = chains_.first_from(rule.anchor, 0);
                     e != EventChains::end && Moment::compare(c_.events[e].at, trigger.at) <= 0; e = chains_.next(e))
                    result.anchor = static_cast<std::int32_t>(e);
                if (result.anchor >= 0) result.from = c_.events[static_cast<std::size_t>(result.anchor)].at;
            }
            result.due = deadline(result.from, span, calendar);
            return;
        }
        case DeadlineDef::Kind::before_event:
            if (program_.events[rule.event].derived()) return before_birthday(rule, t, result);
            for (auto e = chains_.first_from(rule.event, t + 1); e != EventChains::end; e = chains_.next(e)) {
                auto const& candidate = c_.events[e];
                if (rule.matching != no_index && which < rule.matching_in_trigger.size()) {
                    auto const a = c_.attribute(trigger, rule.matching_in_trigger[which]);
                    auto const b = c_.attribute(candidate, rule.matching);
                    if (!a.present || !b.present || a.value != b.value) continue;
                }
                result.due = candidate.at;
                return;
            }
            result.due = trigger.at;
            result.due_before = rule.event;
            return;
        case DeadlineDef::Kind::at_age:
        case DeadlineDef::Kind::before_age: {
            auto const birth = program_.age_fact == no_index ? AttributeValue{} : c_.facts[program_.age_fact];
            if (!birth.present) {
                result.missing_age_fact = true;
                result.due = trigger.at;
                return;
            }
            auto const reached = age_reached(Date::from_days(static_cast<std::int32_t>(birth.value)), rule.years,
                                             rule.kind == DeadlineDef::Kind::at_age ? rule.months : 0);
            result.from = Moment::on(reached);
            result.due = Moment::on(rule.kind == DeadlineDef::Kind::at_age ? reached : before(reached, rule.span));
            if (rule.none_if_passed && result.due.date < trigger.at.date) {  // `from` keeps the birthday
                result.due = trigger.at;
                result.no_deadline = true;
            }
            return;
        }
        case DeadlineDef::Kind::none:
            result.due = trigger.at;
            result.no_deadline = true;
            return;
        case DeadlineDef::Kind::earliest:
        case DeadlineDef::Kind::latest:
        case DeadlineDef::Kind::first: choose_deadline(rule, t, which, calendar, result); return;
        }
    }

    // `before BIRTHDAY`: unlike a recorded event, a birthday is known from
    // the age fact before it comes, so its date is the deadline as soon as
    // the duty opens. One that has passed never comes: the instance waits.
    void before_birthday(DeadlineDef const& rule, std::uint32_t t, DutyResult& result) const {
        auto const& trigger = c_.events[t];
        auto const birth = program_.age_fact == no_index ? AttributeValue{} : c_.facts[program_.age_fact];
        result.due = trigger.at;
        if (!birth.present) {
            result.missing_age_fact = true;
            return;
        }
        auto const& birthday = program_.events[rule.event];
        auto const on = age_reached(Date::from_days(static_cast<std::int32_t>(birth.value)), birthday.birthday_years,
                                    birthday.birthday_months);
        if (trigger.at.date <= on) result.due = Moment::on(on);
        else result.due_before = rule.event;
    }

    // A form `within ATTRIBUTE UNIT`: the whole number the trigger records,
    // or 0 where it records none (or none sensible), when the form does not
    // apply.
    std::int32_t recorded_span(DeadlineDef const& form, std::uint32_t t, std::size_t which) const {
        if (which >= form.span_attribute.size()) return 0;
        auto const value = c_.attribute(c_.events[t], form.span_attribute[which]);
        return value.present && value.value > 0 && value.value <= 1200 ? static_cast<std::int32_t>(value.value) : 0;
    }

    // `earliest of` / `latest of` / `first of`: each form that applies (its
    // `where` holds; a span read from the trigger is recorded) is computed;
    // a `before EVENT` that has not happened yet has no date. The first
    // takes the first form that applies, in the order written. The earliest
    // is the first date known (an open event can only come later and so not
    // move it, unless it happens first, when it has a date); while none is
    // known it waits for the event. The latest waits while any form is open.
    void choose_deadline(DeadlineDef const& rule, std::uint32_t t, std::size_t which, Calendar const& calendar,
                         DutyResult& result) const {
        bool const earliest = rule.kind == DeadlineDef::Kind::earliest;
        bool chosen = false, open = false;
        DutyResult best, waiting;
        for (std::size_t i = 0; i < rule.alternatives.size(); ++i) {
            auto const& form = rule.alternatives[i];
            if (!form.where.empty() && (which >= form.where.size() || !holds(scope_, t, form.where[which]))) continue;
            if (!form.span_attribute.empty() && recorded_span(form, t, which) == 0) continue;
            DutyResult candidate;
            first_deadline(form, t, which, calendar, candidate);
            if (rule.kind == DeadlineDef::Kind::first) {
                best = candidate;
                best.chosen_form = static_cast<std::int8_t>(i);
                chosen = true;
                break;
            }
            if (candidate.due_before != no_index || candidate.missing_age_fact) {
                if (!open) waiting = candidate;
                open = true;
                continue;
            }
            bool const better = !chosen || (earliest ? Moment::compare(candidate.due, best.due) < 0
                                                     : Moment::compare(candidate.due, best.due) > 0);
            if (better) best = candidate;
            chosen = true;
        }
        DutyResult const& pick = (chosen && (earliest || !open)) ? best : waiting;
        result.chosen_form = pick.chosen_form;
        result.due = pick.due;
        result.from = pick.from;
        result.anchor = pick.anchor;
        result.due_before = pick.due_before;
        result.missing_age_fact = pick.missing_age_fact;
        result.no_deadline = pick.no_deadline;               // `no deadline`, a form of `first of`
        if (!chosen && !open) result.due = c_.events[t].at;  // no form applies: resolve forbids it
    }

    // The first waiver, of a set the municipality had adopted (and in force)
    // on the date that decides for that waiver, that covers this instance.
    void find_waiver(DutyDef const& duty, std::uint32_t t, std::size_t which, DutyResult& result) const {
        auto const& municipality = program_.municipalities[c_.municipality];
        auto const& trigger = c_.events[t];
        for (auto const& adoption : municipality.adoptions) {
            auto const& set = program_.exemption_sets[adoption.set];
            if (std::find(set.amends.begin(), set.amends.end(), duty.owner) == set.amends.end()) continue;
            for (Index w = 0; w < set.waivers.size(); ++w) {
                auto const& waiver = set.waivers[w];
                if (waiver.concept_index != duty.concept_index) continue;
                Date on = result.decided_on;
                if (!(waiver.dated == duty.dated)) on = deciding_date(duty, waiver.dated, t, which);
                if (!adoption.period.contains(on) || !set.in_force.contains(on)) continue;
                if (!waiver.conditions.empty()) {
                    auto const it = std::find_if(waiver.conditions.begin(), waiver.conditions.end(),
                                                 [&](auto const& entry) { return entry.first == trigger.event; });
                    if (it == waiver.conditions.end() || !holds(scope_, t, it->second)) continue;
                }
                result.waived_by = adoption.set;
                result.waiver = w;
                return;
            }
        }
    }

    // The first fulfilling event from index `from` on, whose condition
    // holds: the earliest over the duty's ways of being done.
    std::int32_t find_fulfilment(DutyDef const& duty, std::uint32_t from) const {
        auto found = EventChains::end;
        for (auto const& fulfilment : duty.done_by)
            for (auto e = chains_.first_from(fulfilment.event, from); e < found; e = chains_.next(e))
                if (fulfilment.condition == no_index || holds(scope_, e, fulfilment.condition)) {
                    found = e;
                    break;
                }
        return found == EventChains::end ? none : static_cast<std::int32_t>(found);
    }

    // `done by …, N times`: the Nth fulfilling event from index `from`, if
    // it falls within the period, by its deadline; one after the deadline
    // belongs to the next period, so this one was not done.
    std::int32_t counted_fulfilment(DutyDef const& duty, std::uint32_t from, DutyResult const& period) const {
        std::int32_t found = none;
        for (unsigned k = 0; k < duty.done_count; ++k) {
            found = find_fulfilment(duty, from);
            if (found < 0) return none;
            from = static_cast<std::uint32_t>(found) + 1;
        }
        bool const dated = period.due_before == no_index && !period.missing_age_fact && !period.no_deadline;
        if (dated && Moment::compare(c_.events[static_cast<std::size_t>(found)].at, period.due) > 0) return none;
        return found;
    }

    // Index of the first known event after a deadline: where the next period
    // of a count begins (an event on a date deadline's day is within it).
    std::uint32_t first_later_than(Moment due) const {
        auto const& events = c_.events;
        auto const it = std::partition_point(events.begin(), events.begin() + known_,
                                             [&](CaseEvent const& e) { return Moment::compare(e.at, due) <= 0; });
        return static_cast<std::uint32_t>(it - events.begin());
    }

    // The first event of `events` after the trigger, known at as_of.
    std::int32_t first_after(std::vector<Index> const& events, std::uint32_t t) const {
        auto found = EventChains::end;
        for (auto const type : events) found = std::min(found, chains_.first_from(type, t + 1));
        return found == EventChains::end ? none : static_cast<std::int32_t>(found);
    }

    // Whether the recurrence's `until` event came at or before a moment.
    bool ended_before(DeadlineDef const& rule, std::uint32_t t, Moment at) const {
        auto const end = first_after(rule.until, t);
        return end >= 0 && Moment::compare(c_.events[static_cast<std::size_t>(end)].at, at) <= 0;
    }

    // The interval of the next repetition: the fixed one; or the one the
    // previous fulfilling event records, else the `otherwise` one (amount 0
    // for `otherwise no deadline`). A previous instance not done recorded
    // nothing, so the interval before it holds.
    Span interval(DutyDef const& duty, DeadlineDef const& rule, DutyResult const& previous) const {
        if (rule.every_attribute.empty()) return rule.every;
        if (previous.done < 0) return previous.cycle > 0 ? previous.interval : rule.every;
        auto const& done = c_.events[static_cast<std::size_t>(previous.done)];
        for (std::size_t f = 0; f < duty.done_by.size(); ++f) {
            if (duty.done_by[f].event != done.event || rule.every_attribute[f] == no_index) continue;
            auto const value = c_.attribute(done, rule.every_attribute[f]);
            if (value.present && value.value > 0 && value.value <= 1200)
                return Span{static_cast<std::int32_t>(value.value), rule.every_attribute_unit};
        }
        return rule.every;
    }

    // The status, from what happened by the as-of moment.
    void settle(DutyDef const& duty, std::uint32_t t, DutyResult& result, DeadlineDef const* rule) const {
        if (result.exception != no_index) {
            result.status = Status::excepted;
            return;
        }
        if (result.waived_by != no_index) {
            result.status = Status::waived;
            return;
        }
        std::optional<Moment> done;
        if (result.done >= 0) done = c_.events[static_cast<std::size_t>(result.done)].at;

        // Its purpose ended first: a lapse event, or the end of a recurrence,
        // before the deadline and before it was done.
        std::int32_t ended = first_after(duty.lapses_on, t);
        if (rule->recurs) {
            auto const until = first_after(rule->until, t);
            if (until >= 0 && (ended < 0 || until < ended)) ended = until;
        }
        if (ended >= 0) {
            auto const end = c_.events[static_cast<std::size_t>(ended)].at;
            // A date deadline runs to the end of its day, so an end on the
            // due date (or at the due minute) still comes before the duty was
            // breached. An open `before EVENT` or an age deadline without its
            // age fact has no date yet: any end comes before it.
            bool const before_due = result.due_before != no_index || result.missing_age_fact || result.no_deadline ||
                                    Moment::compare(end, result.due) <= 0;
            bool const done_first = done && Moment::compare(*done, end) <= 0;
            if (before_due && !done_first) {
                result.status = Status::lapsed;
                result.lapsed_on = ended;
                result.done = none;
                return;
            }
        }
        if (done) {
            // An open `before EVENT` deadline is not passed yet: done is on time.
            bool const on_time = result.due_before != no_index || result.no_deadline || result.kept_by != no_index ||
                                 Moment::compare(*done, result.due) <= 0;
            result.status = on_time ? Status::met : Status::late;
        } else if (result.due_before != no_index || result.missing_age_fact || result.no_deadline) {
            result.status = Status::pending;
        } else {
            result.status = has_passed(result.due, as_of_) ? Status::overdue : Status::pending;
        }
    }

    Program const& program_;
    Case const& c_;
    Moment as_of_;
    std::uint32_t known_;
    EventChains const& chains_;
    ConditionScope scope_;
    std::vector<TargetDef> const& targets_;  // the municipality's published case-processing times
    bool has_targets_;
    bool adopts_;  // whether the municipality ever adopted an exemption set (most never did)
};

// Whether a duty exists for a trigger on this date in this municipality: the
// law's duties while the law is in force; an exemption set's own duties only
// where and while the set is adopted.
bool in_force(Program const& program, DutyDef const& duty, MunicipalityDef const& municipality, Date on) {
    if (!duty.owned_by_set) return program.laws[duty.owner].in_force.contains(on) && duty.valid.contains(on);
    auto const& set = program.exemption_sets[duty.owner];
    return set.in_force.contains(on) && adopted(municipality, duty.owner, on);
}

}  // namespace

std::int32_t latest_state_event(Program const& program, Case const& c, std::uint32_t known, std::uint32_t e,
                                Index state) {
    auto const& def = program.states[state];
    auto const& events = c.events;
    auto const at = events[e].at;
    auto last = e;
    while (last + 1 < known && Moment::compare(events[last + 1].at, at) <= 0) ++last;
    for (auto i = last + 1; i-- > 0;)
        if (contains(def.ends, events[i].event) || contains(def.starts, events[i].event))
            return static_cast<std::int32_t>(i);
    return none;
}

std::string_view to_string(Status status) {
    switch (status) {
    case Status::pending: return "pending";
    case Status::met: return "met";
    case Status::late: return "late";
    case Status::overdue: return "overdue";
    case Status::waived: return "waived";
    case Status::excepted: return "excepted";
    case Status::lapsed: return "lapsed";
    }
    return "pending";
}

std::optional<Status> parse_status(std::string_view text) {
    for (auto status : {Status::pending, Status::met, Status::late, Status::overdue, Status::waived, Status::excepted,
                        Status::lapsed})
        if (to_string(status) == text) return status;
    return std::nullopt;
}

namespace {

// A matter carried across a change of law is one instance: the later law's
// instance of the same duty for the same matter (opened by, or counted from,
// the carried instance's trigger) is not a second one.
// The concept and trigger of an instance carried across a change of law.
struct CarriedMatter {
    Index concept_index;
    std::uint32_t trigger;
};

void drop_instances_carried_elsewhere(Program const& program, std::vector<CarriedMatter> const& carried,
                                      std::vector<DutyResult>& results) {
    auto const same_matter = [&](DutyResult const& r) {
        if (r.transition != no_index) return false;
        for (auto const& matter : carried)
            if ((r.trigger == matter.trigger || r.anchor == static_cast<std::int32_t>(matter.trigger)) &&
                program.duties[r.duty].concept_index == matter.concept_index)
                return true;
        return false;
    };
    results.erase(std::remove_if(results.begin(), results.end(), same_matter), results.end());
}

}  // namespace

void evaluate(Program const& program, Case const& c, Moment as_of, std::vector<DutyResult>& results) {
    results.clear();
    auto const& municipality = program.municipalities[c.municipality];
    // Events are sorted, so those known at as_of are a prefix; most cases
    // are evaluated after their last event, so look from the end.
    auto known = static_cast<std::uint32_t>(c.events.size());
    while (known > 0 && Moment::compare(c.events[known - 1].at, as_of) > 0) --known;
    EventChains const chains{c, known, program.events.size()};
    InstanceEvaluator const instances{program, c, as_of, known, chains};
    ConditionScope const scope{program, c, known};
    thread_local std::vector<CarriedMatter> carried;  // a handful, reused
    carried.clear();

    for (std::uint32_t t = 0; t < known; ++t) {
        auto const& trigger = c.events[t];
        // The duties this event can open on this day: the interval of the
        // event's index holding the day (most events have a few, the latest
        // last), so other versions and laws are never read.
        auto const day = trigger.at.date.days();
        auto const& index = program.triggers_by_date[trigger.event];
        auto i = index.starts.size() - 1;
        while (index.starts[i] > day) --i;
        auto const* entry_begin = index.entries.data() + (i == 0 ? 0 : index.ends[i - 1]);
        auto const* entry_end = index.entries.data() + index.ends[i];
        for (auto const* it = entry_begin; it != entry_end; ++it) {
            auto const& entry = *it;
            auto const duty_index = entry.duty;
            auto const which = entry.which;
            auto const& duty = program.duties[duty_index];
            auto const on = entry.by_period ? trigger.at.date : instances.deciding_date(duty, duty.dated, t, which);
            if (!entry.by_period && !in_force(program, duty, municipality, on)) continue;
            if (!duty.conditions.empty() && !holds(scope, t, duty.conditions[which])) continue;
            auto const first = results.size();
            instances.run(t, duty_index, which, on, results);
            if (results[first].status == Status::excepted) instances.open_residual(t, results[first], results);
            if (results[first].transition != no_index)
                carried.push_back({program.duties[results[first].duty].concept_index, t});
            else if (results[first].status == Status::excepted)  // what it leaves may have been carried
                for (auto r = first + 1; r < results.size(); ++r)
                    if (results[r].transition != no_index && results[r].cycle == 0)
                        carried.push_back({program.duties[results[r].duty].concept_index, t});
        }
    }
    if (!carried.empty()) drop_instances_carried_elsewhere(program, carried, results);

    // Order by trigger time, then duty id; stable, so instances stay in order.
    // A case has a handful of instances, pushed almost in order (triggers are
    // visited in time order), so an insertion sort: stable, and unlike
    // std::stable_sort it allocates no buffer per case.
    auto const comes_before = [&](DutyResult const& a, DutyResult const& b) {
        auto const& at_a = c.events[a.trigger].at;
        auto const& at_b = c.events[b.trigger].at;
        if (Moment::sorts_before(at_a, at_b)) return true;
        if (Moment::sorts_before(at_b, at_a)) return false;
        return program.duties[a.duty].concept_index < program.duties[b.duty].concept_index;
    };
    for (std::size_t i = 1; i < results.size(); ++i) {
        if (!comes_before(results[i], results[i - 1])) continue;
        DutyResult moved = results[i];
        std::size_t j = i;
        for (; j > 0 && comes_before(moved, results[j - 1]); --j) results[j] = results[j - 1];
        results[j] = moved;
    }

    // Number the instances of duties that occur more than once: count each
    // duty's instances, then number them in order. The counters are per
    // thread and left at zero, so this is linear and allocates once.
    struct Counter {
        std::uint16_t total = 0, numbered = 0;
    };
    thread_local std::vector<Counter> counters;
    if (counters.size() < program.concepts.size()) counters.resize(program.concepts.size());
    thread_local std::vector<Index> concept_of;  // per result, read from its DutyDef once
    concept_of.clear();
    for (auto const& result : results) {
        concept_of.push_back(program.duties[result.duty].concept_index);
        ++counters[concept_of.back()].total;
    }
    for (std::size_t r = 0; r < results.size(); ++r) {
        auto& counter = counters[concept_of[r]];
        if (counter.total > 1) results[r].instance = ++counter.numbered;
    }
    for (auto const concept_index : concept_of) counters[concept_index] = {};
}

std::optional<CaseError> lacking_fact(Program const& program, std::vector<DutyResult> const& results) {
    for (auto const& result : results) {
        if (!result.missing_age_fact) continue;
        auto const& duty = program.duties[result.duty];
        return CaseError{"/facts", fmt::format("the case has no {}, which duty {} needs for its deadline ({})",
                                               program.facts[program.age_fact].id, duty.id, duty.due.text)};
    }
    return std::nullopt;
}

}  // namespace pligt::engine
