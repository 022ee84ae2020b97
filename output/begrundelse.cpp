#include "output/begrundelse.hpp"

#include "engine/explain.hpp"

#include <algorithm>

namespace pligt::output {
namespace {

using engine::DutyResult;
using engine::Status;

class Writer {
public:
    Writer(Program const& program, engine::Case const& c, DutyResult const& result, Moment as_of, Words const& words)
        : program_{program},
          c_{c},
          result_{result},
          as_of_{as_of},
          w_{words},
          duty_{program.duties[result.duty]},
          trigger_{c.events[result.trigger]},
          municipality_{program.municipalities[c.municipality]} {}

    std::vector<std::string> sentences() {
        rule();
        facts();
        if (result_.status != Status::excepted) deadline();
        outcome();
        target();
        return std::move(out_);
    }

private:
    std::string_view label(Index event) const {
        auto const& def = program_.events[event];
        return def.title.empty() ? std::string_view{def.id} : std::string_view{def.title};
    }
    std::string_view event_label(engine::CaseEvent const& e) const { return label(e.event); }
    engine::CaseEvent const& event(std::int32_t index) const { return c_.events[static_cast<std::size_t>(index)]; }
    std::string when(Moment at) const { return w_.moment(at); }

    std::string value_text(Type const& type, engine::AttributeValue value) const {
        if (!value.present) return w_.not_given();
        switch (type.base) {
        case BaseType::boolean: return w_.yes_no(value.value != 0);
        case BaseType::integer: return std::to_string(value.value);
        case BaseType::date: return w_.date(Date::from_days(static_cast<std::int32_t>(value.value)));
        case BaseType::kind: {
            auto const& kind = program_.kinds[type.kind];
            auto const i = static_cast<std::size_t>(value.value);
            return i < kind.values.size() ? kind.title_of(i) : w_.not_given();
        }
        case BaseType::text: break;
        }
        return w_.not_given();
    }

    // The facts a condition reads, each with the case's value at the trigger:
    // the attributes of the event, the case's facts, the states.
    std::string condition_facts(Index root) const {
        if (root == no_index) return {};
        std::vector<Operand> operands;
        collect(root, operands);
        std::vector<std::string> items;
        auto const& event = program_.events[trigger_.event];
        for (auto const& operand : operands) {
            switch (operand.kind) {
            case OperandKind::attribute: {
                auto const& attribute = event.attributes[operand.index];
                items.push_back(w_.fact(attribute.title.empty() ? attribute.id : attribute.title,
                                        value_text(attribute.type, c_.attribute(trigger_, operand.index))));
                break;
            }
            case OperandKind::fact:
            case OperandKind::age: {
                auto const index = operand.kind == OperandKind::age ? program_.age_fact : operand.index;
                if (index == no_index) break;
                auto const& fact = program_.facts[index];
                items.push_back(
                    w_.fact(fact.title.empty() ? fact.id : fact.title, value_text(fact.type, c_.facts[index])));
                break;
            }
            case OperandKind::state: {
                auto const& state = program_.states[operand.index];
                auto const last = engine::latest_state_event(program_, c_, static_cast<std::uint32_t>(c_.events.size()),
                                                             result_.trigger, operand.index);
                bool const holds = last != engine::none && std::find(state.starts.begin(), state.starts.end(),
                                                                     event_of(last)) != state.starts.end();
                items.push_back(w_.fact(state.title.empty() ? state.id : state.title, w_.yes_no(holds)));
                break;
            }
            case OperandKind::constant: break;
            }
        }
        return w_.facts(items);
    }
    Index event_of(std::int32_t index) const { return event(index).event; }

    void collect(Index root, std::vector<Operand>& operands) const {
        auto const& node = program_.conditions[root];
        auto const add = [&](Operand const& operand) {
            if (operand.kind == OperandKind::constant) return;
            bool const seen = std::any_of(operands.begin(), operands.end(), [&](Operand const& o) {
                return o.kind == operand.kind && o.index == operand.index;
            });
            if (!seen) operands.push_back(operand);
        };
        add(node.left);
        add(node.right);
        switch (node.op) {
        case ConditionOp::all:
        case ConditionOp::any:
            for (Index i = 0; i < node.count; ++i) collect(program_.condition_operands[node.first + i], operands);
            break;
        case ConditionOp::negate: collect(node.first, operands); break;
        default: break;
        }
    }

    // The root of a duty's condition for the trigger's event.
    Index trigger_condition(DutyDef const& duty) const {
        auto const which = static_cast<std::size_t>(
            std::find(duty.triggers.begin(), duty.triggers.end(), trigger_.event) - duty.triggers.begin());
        return which < duty.conditions.size() ? duty.conditions[which] : no_index;
    }

    std::string period_of(Index set) const {
        auto const* adoption = engine::adoption_at(municipality_, set, trigger_.at.date);
        auto const& period = adoption ? adoption->period : program_.exemption_sets[set].in_force;
        return w_.period(period.from, period.to);
    }

    void rule() {
        if (duty_.owned_by_set) {
            auto const& set = program_.exemption_sets[duty_.owner];
            out_.push_back(w_.rule_of_set(duty_.title, engine::citation(program_, duty_), municipality_.name, set.title,
                                          period_of(duty_.owner)));
            return;
        }
        auto const* version = engine::law_version(program_, result_);
        out_.push_back(w_.rule(duty_.title, engine::citation(program_, duty_),
                               version ? std::string_view{version->title} : std::string_view{}));
    }

    void facts() {
        auto const& opened_by = result_.carried_from != no_index ? program_.duties[result_.carried_from] : duty_;
        out_.push_back(
            w_.opened(event_label(trigger_), when(trigger_.at), condition_facts(trigger_condition(opened_by))));
        if (result_.residual_of != no_index) {
            auto const& excepted = program_.duties[result_.residual_of];
            auto const& exception = excepted.exceptions[result_.residual_exception];
            out_.push_back(w_.residual(excepted.title, engine::citation(program_, excepted),
                                       engine::citation(program_, excepted, exception.cite),
                                       condition_facts(exception_condition(excepted, exception))));
        }
        if (auto const* transition = engine::transition_of(program_, result_)) {
            auto const& law = program_.laws[duty_.owner];
            auto const old_cite = result_.carried_from != no_index
                                      ? engine::citation(program_, program_.duties[result_.carried_from])
                                      : program_.laws[transition->from_law].title;
            out_.push_back(w_.carried(old_cite, law.title, w_.date(law.in_force.from),
                                      engine::citation(program_, duty_, transition->cite)));
        }
    }

    Index exception_condition(DutyDef const& duty, ExceptionDef const& exception) const {
        auto const which = static_cast<std::size_t>(
            std::find(duty.triggers.begin(), duty.triggers.end(), trigger_.event) - duty.triggers.begin());
        return which < exception.conditions.size() ? exception.conditions[which] : no_index;
    }

    void deadline() {
        auto const& rule = engine::rule_of(program_, result_);
        out_.push_back(deadline_sentence(rule));
        if (result_.changed_by != no_index) {
            auto const& set = program_.exemption_sets[result_.changed_by];
            std::string law_due;
            if (engine::has_law_due(program_, result_))
                law_due = result_.law_due_before != no_index ? w_.before(label(result_.law_due_before))
                                                             : w_.on(when(result_.law_due));
            out_.push_back(w_.deadline_changed(set.title, set.basis, law_due));
        }
    }

    std::string deadline_sentence(DeadlineDef const& rule) const {
        auto const due = when(result_.due);
        if (result_.cycle > 0)
            return result_.no_deadline ? w_.no_deadline_repeats() : w_.deadline_repeats(w_.span(result_.interval), due);
        if (result_.missing_age_fact) return w_.deadline_missing_fact(age_fact_label());
        if (result_.due_before != no_index) return w_.deadline_before_pending(label(result_.due_before));
        using Kind = DeadlineDef::Kind;
        if (result_.no_deadline)
            return rule.kind == Kind::at_age || rule.kind == Kind::before_age ? w_.no_deadline_passed()
                                                                              : w_.no_deadline();
        switch (rule.kind) {
        case Kind::within:
            if (rule.span.amount == 0) return w_.deadline_same_day(due);
            if (rule.anchor != no_index && result_.anchor >= 0) {
                auto const& anchor = event(result_.anchor);
                return w_.deadline_from_event(w_.span(rule.span), event_label(anchor), when(anchor.at), due);
            }
            return w_.deadline_span(w_.span(rule.span), when(trigger_.at), due);
        case Kind::before_event: return w_.deadline_before(label(rule.event), due);
        case Kind::at_age:
        case Kind::before_age: {
            auto const value = program_.age_fact == no_index ? engine::AttributeValue{} : c_.facts[program_.age_fact];
            return w_.deadline_at_age(
                rule.kind == Kind::before_age ? w_.span(rule.span) : std::string{}, rule.years, rule.months,
                age_fact_label(),
                value.present ? w_.date(Date::from_days(static_cast<std::int32_t>(value.value))) : w_.not_given(), due);
        }
        case Kind::none: return w_.no_deadline();
        case Kind::first:
        case Kind::earliest:
        case Kind::latest: break;
        }
        return w_.deadline_on(due);
    }

    std::string_view age_fact_label() const {
        if (program_.age_fact == no_index) return {};
        auto const& fact = program_.facts[program_.age_fact];
        return fact.title.empty() ? std::string_view{fact.id} : std::string_view{fact.title};
    }

    std::string done_names() const {
        std::vector<std::string> names;
        for (auto const& f : duty_.done_by) {
            auto name = w_.quoted(label(f.event));
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
        }
        return w_.either(names);
    }

    void outcome() {
        switch (result_.status) {
        case Status::waived: {
            auto const& set = program_.exemption_sets[result_.waived_by];
            auto const& waiver = set.waivers[result_.waiver];
            Index root = no_index;
            for (auto const& [event, condition] : waiver.conditions)
                if (event == trigger_.event) root = condition;
            out_.push_back(w_.waived(municipality_.name, set.title, period_of(result_.waived_by), condition_facts(root),
                                     set.basis));
            if (waiver.instead != no_index) out_.push_back(w_.instead(program_.duties[waiver.instead].title));
            return;
        }
        case Status::excepted: {
            auto const& exception = duty_.exceptions[result_.exception];
            out_.push_back(w_.excepted(engine::citation(program_, duty_, exception.cite),
                                       condition_facts(exception_condition(duty_, exception))));
            if (exception.instead != no_index) out_.push_back(w_.instead(program_.duties[exception.instead].title));
            return;
        }
        case Status::lapsed: {
            auto const& lapsed = event(result_.lapsed_on);
            out_.push_back(w_.lapsed(event_label(lapsed), when(lapsed.at)));
            return;
        }
        case Status::met:
        case Status::late: {
            auto const& done = event(result_.done);
            if (result_.kept_by != no_index) {
                auto const& law = program_.laws[duty_.owner];
                auto const& transition = law.transitions[result_.kept_by];
                out_.push_back(w_.met_kept(event_label(done), when(done.at), program_.laws[transition.from_law].title,
                                           engine::citation(program_, duty_, transition.cite)));
            } else if (static_cast<std::uint32_t>(result_.done) < result_.trigger &&
                       Moment::compare(done.at, trigger_.at) < 0) {
                out_.push_back(w_.met_before(event_label(done), when(done.at)));
            } else if (duty_.done_count > 1 && result_.status == Status::met) {
                out_.push_back(w_.met_times(duty_.done_count, done_names(), when(result_.from), when(done.at)));
            } else if (result_.status == Status::met) {
                out_.push_back(w_.met(event_label(done), when(done.at), !result_.no_deadline));
            } else {
                out_.push_back(w_.late(event_label(done), when(done.at), beyond(done.at)));
            }
            return;
        }
        case Status::overdue:
            if (duty_.done_count > 1)
                out_.push_back(
                    w_.overdue_times(duty_.done_count, done_names(), when(result_.from), when(as_of_), beyond(as_of_)));
            else out_.push_back(w_.overdue(done_names(), when(as_of_), beyond(as_of_)));
            return;
        case Status::pending:
            if (result_.due_before != no_index || result_.missing_age_fact || result_.no_deadline)
                out_.push_back(w_.pending_open(done_names()));
            else out_.push_back(w_.pending(done_names(), when(as_of_), result_.due.date.days() - as_of_.date.days()));
            return;
        }
    }

    std::string beyond(Moment at) const {
        return w_.beyond(at.date.days() - result_.due.date.days(), when(result_.due));
    }

    void target() {
        auto const target = engine::target_of(program_, c_, result_);
        if (!target) return;
        std::string_view const by = target->by_kind == "municipality"
                                        ? std::string_view{municipality_.name}
                                        : std::string_view{program_.exemption_sets[duty_.owner].title};
        out_.push_back(w_.target(by, when(target->at), target->basis, target->past));
    }

    Program const& program_;
    engine::Case const& c_;
    DutyResult const& result_;
    Moment as_of_;
    Words const& w_;
    DutyDef const& duty_;
    engine::CaseEvent const& trigger_;
    MunicipalityDef const& municipality_;
    std::vector<std::string> out_;
};

}  // namespace

std::vector<std::string> begrundelse(Program const& program, engine::Case const& c, engine::DutyResult const& result,
                                     Moment as_of, Words const& words) {
    return Writer{program, c, result, as_of, words}.sentences();
}

std::string paragraph(std::vector<std::string> const& sentences) {
    std::string text;
    for (auto const& sentence : sentences) text += (text.empty() ? "" : " ") + sentence;
    return text;
}

}  // namespace pligt::output
