#include "engine/explain.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pligt::engine {

Adoption const* adoption_at(MunicipalityDef const& municipality, Index set, Date on) {
    for (auto const& adoption : municipality.adoptions)
        if (adoption.set == set && adoption.period.contains(on)) return &adoption;
    return nullptr;
}

DeadlineDef const& rule_of(Program const& program, DutyResult const& result) {
    auto const& duty = program.duties[result.duty];
    if (result.changed_by != no_index)
        for (auto const& change : program.exemption_sets[result.changed_by].changes)
            for (auto const& [changed, deadline] : change.deadlines)
                if (changed == result.duty) return deadline;
    return duty.due;
}

// A repetition that only the changed deadline has (the law's own does not
// repeat) has no law deadline to show.
bool has_law_due(Program const& program, DutyResult const& result) {
    return result.changed_by != no_index && (result.cycle == 0 || program.duties[result.duty].due.recurs);
}

TransitionDef const* transition_of(Program const& program, DutyResult const& result) {
    return result.transition == no_index ? nullptr
                                         : &program.laws[result.transition_law].transitions[result.transition];
}

namespace {

std::string period_text(Period const& period) {
    return period.to ? fmt::format("{} to {}", period.from.to_string(), period.to->to_string())
                     : fmt::format("from {}", period.from.to_string());
}

std::string days(std::int32_t n) { return fmt::format("{} day{}", n, n == 1 ? "" : "s"); }

std::string event_at(Program const& program, CaseEvent const& e) {
    return fmt::format("{} on {}", program.events[e.event].id, e.at.to_string());
}

// The rule that gave the deadline, in words.
std::string deadline_text(Program const& program, Case const& c, DutyResult const& result, DeadlineDef const& rule) {
    auto const& trigger = c.events[result.trigger];
    if (result.cycle > 0 && result.no_deadline)
        return fmt::format("repeats without a statutory deadline: {} recorded no interval for the next",
                           result.previous >= 0 ? event_at(program, c.events[static_cast<std::size_t>(result.previous)])
                                                : std::string{"the previous instance"});
    if (result.cycle > 0 && program.duties[result.duty].done_count > 1)
        return fmt::format("the next period: due {} after the previous one ended ({}): {}", to_string(result.interval),
                           result.from.to_string(), result.due.to_string());
    if (result.cycle > 0) {
        auto const base =
            result.previous >= 0
                ? "after the previous instance was done (" +
                      event_at(program, c.events[static_cast<std::size_t>(result.previous)]) + ")"
                : "after the previous instance's deadline (" + result.from.to_string() + "), as it was not done";
        return fmt::format("repeats: due {} {}: {}", to_string(result.interval), base, result.due.to_string());
    }
    if (result.missing_age_fact)
        return fmt::format("due {}: the case has no {} to count from", rule.text, program.facts[program.age_fact].id);
    if (result.no_deadline && rule.kind == DeadlineDef::Kind::at_age)
        return fmt::format("due {}: that day ({}) had passed when the duty opened ({}), so there is no deadline",
                           rule.text, result.from.to_string(), trigger.at.to_string());
    if (result.no_deadline && rule.kind == DeadlineDef::Kind::before_age)
        return fmt::format(
            "due {}: {} reaches {} on {}, and {} before that had passed when the duty opened "
            "({}), so there is no deadline",
            rule.text, program.age_subject, rule.years, result.from.to_string(), to_string(rule.span),
            trigger.at.to_string());
    switch (rule.kind) {
    case DeadlineDef::Kind::within: {
        std::string from = trigger.at.to_string();
        if (rule.anchor != no_index)
            from = result.anchor >= 0 ? event_at(program, c.events[static_cast<std::size_t>(result.anchor)])
                                      : fmt::format("{} (no {} before it, so counted from the trigger)", from,
                                                    program.events[rule.anchor].id);
        if (rule.span.amount == 0) return fmt::format("due the day it opens: {}", result.due.to_string());
        auto text = fmt::format("due {} after {}: {}", to_string(rule.span), from, result.due.to_string());
        if (rule.span.unit == TimeUnit::hours && !result.from.has_time())
            text += " (no time of day recorded, so the deadline is the date on which the hours end)";
        else if ((rule.span.unit == TimeUnit::months || rule.span.unit == TimeUnit::years) &&
                 result.due.date.day() != result.from.date.day())
            text += " (clamped to the last day of the month)";
        return text;
    }
    case DeadlineDef::Kind::before_event:
        return result.due_before != no_index
                   ? fmt::format("due before {}, which has not happened yet", program.events[rule.event].id)
                   : fmt::format("due before {}: {}", program.events[rule.event].id, result.due.to_string());
    case DeadlineDef::Kind::at_age:
        return fmt::format("due {} (from the {}): {}", rule.text, program.facts[program.age_fact].id,
                           result.due.to_string());
    case DeadlineDef::Kind::before_age:
        return fmt::format("due {}: {} reaches {} on {}, so due {}", rule.text, program.age_subject, rule.years,
                           result.from.to_string(), result.due.to_string());
    case DeadlineDef::Kind::none: return "no statutory deadline: the law sets no time for it";
    case DeadlineDef::Kind::first: {
        if (result.chosen_form < 0 || static_cast<std::size_t>(result.chosen_form) >= rule.alternatives.size())
            return fmt::format("due at the first of ({}) that applies: none does", rule.text);
        auto const& form = rule.alternatives[static_cast<std::size_t>(result.chosen_form)];
        if (form.kind == DeadlineDef::Kind::none)
            return fmt::format("no statutory deadline: the first form that applies in {} is '{}'", rule.text,
                               form.text);
        // A span read from the trigger: the time it records.
        std::string span;
        auto const& triggers = program.duties[result.duty].triggers;
        auto const which =
            static_cast<std::size_t>(std::find(triggers.begin(), triggers.end(), trigger.event) - triggers.begin());
        if (which < form.span_attribute.size())
            if (auto const value = c.attribute(trigger, form.span_attribute[which]); value.present)
                span = fmt::format(" ({}, as recorded on {})",
                                   to_string(Span{static_cast<std::int32_t>(value.value), form.span.unit}),
                                   program.events[trigger.event].id);
        if (result.due_before != no_index)
            return fmt::format("due at the first form that applies, {}{}: {} has not happened yet", form.text, span,
                               program.events[result.due_before].id);
        return fmt::format("due at the first form that applies, {}{}: {}", form.text, span, result.due.to_string());
    }
    case DeadlineDef::Kind::earliest:
    case DeadlineDef::Kind::latest: {
        std::string forms;
        for (auto const& form : rule.alternatives) forms += (forms.empty() ? "" : ", ") + form.text;
        auto const word = rule.kind == DeadlineDef::Kind::earliest ? "earliest" : "latest";
        if (result.due_before != no_index)
            return fmt::format("due at the {} of ({}): {} has not happened yet", word, forms,
                               program.events[result.due_before].id);
        return fmt::format("due at the {} of ({}): {}", word, forms, result.due.to_string());
    }
    }
    return {};
}

// The law's short name before a paragraph of it, as a reader quotes it; an
// exemption set's duty keeps its citation as written.
std::string quoted(Program const& program, DutyDef const& duty, std::string const& paragraph) {
    if (duty.owned_by_set) return paragraph;
    auto const& law = program.laws[duty.owner];
    return law.short_name.empty() ? paragraph : fmt::format("{} {}", law.short_name, paragraph);
}

// How far a moment is past a deadline, in days; on the deadline's own date
// (a deadline at a time of day) the deadline itself, not "0 days".
std::string beyond(Moment at, Moment due, std::string_view word) {
    auto const n = at.date.days() - due.date.days();
    return n == 0 ? fmt::format("{} the deadline ({})", word, due.to_string())
                  : fmt::format("{} {} the deadline", days(n), word);
}

// The `where` of the `on` clause that names this event.
std::string const& condition_of(DutyDef const& duty, Index event) {
    for (std::size_t i = 0; i < duty.triggers.size() && i < duty.trigger_conditions.size(); ++i)
        if (duty.triggers[i] == event) return duty.trigger_conditions[i];
    return duty.condition_text;
}

// The trigger, and for a birthday what it is.
std::string trigger_text(Program const& program, CaseEvent const& trigger) {
    auto const& event = program.events[trigger.event];
    if (!event.derived()) return event_at(program, trigger);
    return fmt::format("{} (the birthday at {} years{}, from the {})", event_at(program, trigger), event.birthday_years,
                       event.birthday_months ? fmt::format(" {} months", event.birthday_months) : "",
                       program.facts[program.age_fact].id);
}

// How far back an earlier fulfilling event counts, in words.
std::string look_back_words(Program const& program, DutyDef const& duty) {
    if (duty.look_back_since != no_index)
        return fmt::format("an earlier one counts back to the last {} before it",
                           program.events[duty.look_back_since].id);
    if (duty.look_back.amount > 0) return fmt::format("an earlier one counts back {}", to_string(duty.look_back));
    return "an earlier one counts";
}

// The states the trigger's condition asks about, each with what made it
// hold or not at the trigger.
void collect_states(Program const& program, Index node_index, std::vector<Index>& states) {
    auto const& node = program.conditions[node_index];
    auto const add = [&](Operand const& operand) {
        if (operand.kind == OperandKind::state &&
            std::find(states.begin(), states.end(), operand.index) == states.end())
            states.push_back(operand.index);
    };
    add(node.left);
    add(node.right);
    switch (node.op) {
    case ConditionOp::all:
    case ConditionOp::any:
        for (Index i = 0; i < node.count; ++i)
            collect_states(program, program.condition_operands[node.first + i], states);
        break;
    case ConditionOp::negate: collect_states(program, node.first, states); break;
    default: break;
    }
}

std::vector<std::string> states_text(Program const& program, Case const& c, DutyResult const& result) {
    auto const& duty = program.duties[result.duty];
    auto const& trigger = c.events[result.trigger];
    auto const which = std::find(duty.triggers.begin(), duty.triggers.end(), trigger.event) - duty.triggers.begin();
    if (duty.conditions.empty() || static_cast<std::size_t>(which) >= duty.conditions.size()) return {};
    std::vector<Index> states;
    collect_states(program, duty.conditions[static_cast<std::size_t>(which)], states);
    std::vector<std::string> lines;
    for (auto const state : states) {
        auto const& def = program.states[state];
        auto const last =
            latest_state_event(program, c, static_cast<std::uint32_t>(c.events.size()), result.trigger, state);
        if (last == none) {
            lines.push_back(fmt::format("not {} on {}: nothing before it starts it", def.id, trigger.at.to_string()));
            continue;
        }
        auto const& decided = c.events[static_cast<std::size_t>(last)];
        if (std::find(def.starts.begin(), def.starts.end(), decided.event) != def.starts.end())
            lines.push_back(fmt::format("{} on {}: {}, not ended since", def.id, trigger.at.to_string(),
                                        event_at(program, decided)));
        else
            lines.push_back(
                fmt::format("not {} on {}: {}", def.id, trigger.at.to_string(), event_at(program, decided)));
    }
    return lines;
}

}  // namespace

std::string citation(Program const& program, DutyDef const& duty) { return quoted(program, duty, duty.cite); }

std::string citation(Program const& program, DutyDef const& duty, std::string const& paragraph) {
    return quoted(program, duty, paragraph);
}

VersionDef const* law_version(Program const& program, DutyResult const& result) {
    auto const& duty = program.duties[result.duty];
    if (duty.owned_by_set) return nullptr;
    return program.laws[duty.owner].version_on(result.decided_on);
}

std::string paragraph_anchor(LawDef const& law, std::string_view cite) {
    if (law.anchor_marker.empty()) return {};
    auto at = cite.find(law.anchor_marker);
    if (at == std::string_view::npos) return {};
    // After the last of repeated markers (a doubled section sign before
    // "56-59"), and the spaces.
    while (cite.substr(at, law.anchor_marker.size()) == law.anchor_marker) at += law.anchor_marker.size();
    auto const is_digit = [](char c) { return c >= '0' && c <= '9'; };
    while (at < cite.size() && cite[at] == ' ') ++at;
    std::string number;
    while (at < cite.size() && is_digit(cite[at])) number += cite[at++];
    if (number.empty()) return {};
    // A lettered paragraph ("155 b"): one lower-case letter on its own.
    if (at + 1 < cite.size() && cite[at] == ' ' && cite[at + 1] >= 'a' && cite[at + 1] <= 'z' &&
        (at + 2 == cite.size() || cite[at + 2] == ',' || cite[at + 2] == ' ' || cite[at + 2] == '.'))
        number += cite[at + 1];
    return law.anchor_prefix + number;
}

std::string cite_url(Program const& program, DutyResult const& result) {
    auto const& duty = program.duties[result.duty];
    if (duty.owned_by_set) return program.exemption_sets[duty.owner].url;
    auto const* version = law_version(program, result);
    if (!version || version->url.empty()) return {};
    return version->url + paragraph_anchor(program.laws[duty.owner], duty.cite);
}

namespace {

// The law's short name before a paragraph of one of its own provisions.
std::string law_quoted(LawDef const& law, std::string const& paragraph) {
    return law.short_name.empty() ? paragraph : fmt::format("{} {}", law.short_name, paragraph);
}

}  // namespace

std::optional<TargetView> target_of(Program const& program, Case const& c, DutyResult const& result) {
    if (result.target_source == 0) return std::nullopt;
    auto const& duty = program.duties[result.duty];
    TargetView view;
    view.at = result.target;
    view.past = result.past_target;
    if (result.target_source == 1) {
        view.by_kind = "exemptions";
        view.by = program.exemption_sets[duty.owner].id;
        view.basis = duty.target->basis;
    } else {
        auto const& municipality = program.municipalities[c.municipality];
        view.by_kind = "municipality";
        view.by = municipality.id;
        view.basis = municipality.targets[result.target_index].basis;
    }
    return view;
}

std::vector<std::string> why(Program const& program, Case const& c, DutyResult const& result, Moment as_of) {
    auto const& duty = program.duties[result.duty];
    auto const& trigger = c.events[result.trigger];
    auto const& municipality = program.municipalities[c.municipality];
    auto const on = trigger.at.date;
    std::vector<std::string> lines;

    if (result.carried_from != no_index) {
        // Opened under the older law: say so in its own words.
        auto const& old = program.duties[result.carried_from];
        auto opened =
            fmt::format("{} opened this duty under {}", trigger_text(program, trigger), program.laws[old.owner].id);
        if (auto const condition = condition_of(old, trigger.event); !condition.empty())
            opened += fmt::format(" (where {})", condition);
        lines.push_back(fmt::format("{}: {}", opened, citation(program, old)));
    } else if (result.residual_of != no_index) {
        // Left in the place of an excepted duty.
        auto const& excepted = program.duties[result.residual_of];
        auto const& exception = excepted.exceptions[result.residual_exception];
        lines.push_back(fmt::format("{} opened {}, but {} excepts it ({}), leaving this duty in its place: {}",
                                    trigger_text(program, trigger), excepted.id, exception.condition_text,
                                    quoted(program, excepted, exception.cite), citation(program, duty)));
    } else {
        auto opened = fmt::format("{} opens this duty", trigger_text(program, trigger));
        if (auto const condition = condition_of(duty, trigger.event); !condition.empty())
            opened += fmt::format(" (where {})", condition);
        lines.push_back(fmt::format("{}: {}", opened, citation(program, duty)));
    }
    for (auto const& line : states_text(program, c, result)) lines.push_back(line);

    if (duty.owned_by_set) {
        auto const& set = program.exemption_sets[duty.owner];
        auto const* adoption = adoption_at(municipality, duty.owner, on);
        lines.push_back(fmt::format("a duty of exemption set {}, which {} had adopted ({}) on {}", set.id,
                                    municipality.id, adoption ? period_text(adoption->period) : "?", on.to_string()));
    } else if (auto const* transition = transition_of(program, result)) {
        auto const& law = program.laws[duty.owner];
        lines.push_back(fmt::format("still open when {} came into force on {}, so finished under it: {} (from {})",
                                    law.id, law.in_force.from.to_string(), law_quoted(law, transition->cite),
                                    program.laws[transition->from_law].id));
    } else {
        auto const& law = program.laws[duty.owner];
        auto const decided = result.decided_on;
        auto line = fmt::format("{} was in force on {} ({})", law.id, decided.to_string(), period_text(law.in_force));
        if (!(decided == on))
            line += fmt::format(", the date that decides ({})", duty.dated.kind == Dating::Kind::deadline
                                                                    ? std::string{"the deadline"}
                                                                    : program.events[duty.dated.event].id);
        lines.push_back(std::move(line));
    }
    if (auto const* version = law_version(program, result))
        lines.push_back(fmt::format("version in force then: {} (from {})", version->title, version->from.to_string()));

    if (result.status == Status::excepted) {
        auto const& exception = duty.exceptions[result.exception];
        lines.push_back(
            fmt::format("excepted: {} ({})", exception.condition_text, quoted(program, duty, exception.cite)));
        if (!exception.instead_id.empty()) lines.push_back(fmt::format("replaced by {}", exception.instead_id));
        return lines;
    }
    lines.push_back(deadline_text(program, c, result, rule_of(program, result)));
    if (result.changed_by != no_index) {
        auto const& set = program.exemption_sets[result.changed_by];
        lines.push_back(
            fmt::format("deadline changed by exemption set {} (basis: {}); the law's own: {}", set.id, set.basis,
                        !has_law_due(program, result)       ? std::string{"no repetition"}
                        : result.law_due_before != no_index ? "before " + program.events[result.law_due_before].id
                                                            : result.law_due.to_string()));
    }

    auto const plain_names = [&] {
        std::string names;
        for (auto const& f : duty.done_by) names += (names.empty() ? "" : " or ") + program.events[f.event].id;
        return names;
    }();
    // `done by …, N times`: what the period needs.
    auto const done_names =
        duty.done_count > 1 ? fmt::format("{} × {} in the period", duty.done_count, plain_names) : plain_names;
    switch (result.status) {
    case Status::waived: {
        auto const& set = program.exemption_sets[result.waived_by];
        auto const& waiver = set.waivers[result.waiver];
        auto const* adoption = adoption_at(municipality, result.waived_by, on);
        lines.push_back(fmt::format("waived: {} had adopted exemption set {} ({}) on {}{}; basis: {}", municipality.id,
                                    set.id, adoption ? period_text(adoption->period) : "?", on.to_string(),
                                    waiver.condition_text.empty() ? "" : ", and " + waiver.condition_text, set.basis));
        if (!waiver.instead_id.empty()) lines.push_back(fmt::format("replaced by {}", waiver.instead_id));
        break;
    }
    case Status::lapsed:
        lines.push_back(fmt::format("lapsed: {} came before it was due or done",
                                    event_at(program, c.events[static_cast<std::size_t>(result.lapsed_on)])));
        break;
    case Status::met:
    case Status::late: {
        auto const& done = c.events[static_cast<std::size_t>(result.done)];
        if (result.kept_by != no_index) {
            auto const& law = program.laws[duty.owner];
            auto const& transition = law.transitions[result.kept_by];
            lines.push_back(fmt::format("done by {}, made under {} before {} came into force and kept by {}",
                                        event_at(program, done), program.laws[transition.from_law].id, law.id,
                                        law_quoted(law, transition.cite)));
        } else if (static_cast<std::uint32_t>(result.done) < result.trigger &&
                   Moment::compare(done.at, trigger.at) < 0) {
            lines.push_back(fmt::format("done by {}, before this duty opened: {}", event_at(program, done),
                                        look_back_words(program, duty)));
        } else if (duty.done_count > 1)
            lines.push_back(fmt::format("done by {} × {} in the period from {}, the last on {}, on time",
                                        duty.done_count, plain_names, result.from.to_string(), done.at.to_string()));
        else if (result.status == Status::met)
            lines.push_back(
                fmt::format("done by {}{}", event_at(program, done), result.no_deadline ? "" : ", on time"));
        else
            lines.push_back(
                fmt::format("done by {}, {}", event_at(program, done), beyond(done.at, result.due, "after")));
        break;
    }
    case Status::overdue:
        if (duty.done_count > 1)
            lines.push_back(fmt::format("fewer than {} {} in the period from {} to {}; {}", duty.done_count,
                                        plain_names, result.from.to_string(), result.due.to_string(),
                                        beyond(as_of, result.due, "past")));
        else
            lines.push_back(
                fmt::format("no {} by {}: {}", done_names, as_of.to_string(), beyond(as_of, result.due, "past")));
        break;
    case Status::pending:
        if (result.due_before != no_index || result.missing_age_fact || result.no_deadline) {
            lines.push_back(fmt::format("not yet done ({})", done_names));
        } else {
            auto const left = result.due.date.days() - as_of.date.days();
            lines.push_back(fmt::format("not yet done ({}); {} as of {}", done_names,
                                        left == 0 ? std::string{"due today"} : days(left) + " left",
                                        as_of.to_string()));
        }
        break;
    case Status::excepted: break;
    }
    if (auto const target = target_of(program, c, result))
        lines.push_back(fmt::format("target of {} {}: {} ({}){}; a target is not a statutory deadline",
                                    target->by_kind == "municipality" ? "municipality" : "exemption set", target->by,
                                    target->at.to_string(), target->basis, target->past ? ", not met in time" : ""));
    return lines;
}

Explained explain(Program const& program, Case const& c, DutyResult const& result) {
    auto const& duty = program.duties[result.duty];
    auto const event_at = [&](CaseEvent const& e) { return EventAt{program.events[e.event].id, e.at}; };
    auto const due = [&](Moment at, Index before) {
        return DueView{at, before == no_index ? std::string_view{} : std::string_view{program.events[before].id}};
    };

    Explained out;
    out.result = &result;
    out.duty = duty.id;
    out.instance = result.instance;
    out.title = duty.title;
    out.law = duty.owned_by_set ? program.exemption_sets[duty.owner].id : program.laws[duty.owner].id;
    out.version = law_version(program, result);
    out.cite = citation(program, duty);
    out.cite_url = cite_url(program, result);
    if (auto const* transition = transition_of(program, result))
        out.transition = Explained::Transition{law_quoted(program.laws[duty.owner], transition->cite),
                                               program.laws[transition->from_law].id};
    out.triggered_by = event_at(c.events[result.trigger]);
    if (has_due(result)) out.due = due(result.due, result.due_before);
    if (has_law_due(program, result)) out.law_due = due(result.law_due, result.law_due_before);
    out.status = result.status;
    out.target = target_of(program, c, result);
    if (result.status == Status::waived) {
        auto const& set = program.exemption_sets[result.waived_by];
        out.waived_by = Explained::Waiver{set.id, set.basis};
        auto const& waiver = set.waivers[result.waiver];
        out.replaced_by = waiver.instead_id;
        if (waiver.instead != no_index) out.replaced_by_title = program.duties[waiver.instead].title;
    }
    if (result.status == Status::excepted) {
        auto const& exception = duty.exceptions[result.exception];
        out.excepted_by = Explained::Exception{quoted(program, duty, exception.cite), exception.condition_text};
        out.replaced_by = exception.instead_id;
        if (exception.instead != no_index) out.replaced_by_title = program.duties[exception.instead].title;
    }
    if (result.done >= 0) out.done_by = event_at(c.events[static_cast<std::size_t>(result.done)]);
    return out;
}

}  // namespace pligt::engine
