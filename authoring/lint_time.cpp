// The verification of the law in time: what lint proves of each version of
// a law and of each exemption set, beyond names and periods.
//
//   fulfilled_by_trigger     warning  a duty done by the event that opens it
//   deadline_may_be_missing  error    every form of an `earliest of` has a condition
//   deadline_is_next_trigger warning  due before the next of its own trigger
//   deadline_before_trigger  error    an age deadline every instance has passed when it opens
//   before_unreachable       error    due before a birthday every instance opens after
//   cannot_be_met            error    no fulfilling event can count
//   exception_always_holds   error    an exception that removes every instance
//   contradicting_exceptions error    one exception cited as two paragraphs
//   version_gap              warning  a law in force before its first version
//   basis_not_stated         warning  a set waives or changes without `covers`
//   outside_basis            error    a set waives or changes a duty its basis does not cover
//
// Ages are folded as lint folds every condition: a trigger's youngest age is
// its birthday's, or the lowest `age` its clause's conjunction allows; an
// `or` bounds nothing, so a miss is possible and a false alarm is not.
#include "authoring/fold.hpp"
#include "authoring/lint_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pligt {
namespace {

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
        // A form read from an attribute is conditional too: it counts only
        // where the trigger records the attribute.
        if (!due.alternatives.empty() &&
            std::all_of(due.alternatives.begin(), due.alternatives.end(),
                        [](DeadlineDef const& form) { return !form.where.empty() || !form.span_attribute.empty(); }))
            report(diagnostics, program, duty.origin, Severity::error, "deadline_may_be_missing",
                   fmt::format("duty '{}': every form of '{}' has a condition, so where none holds the duty has "
                               "no deadline; give one form without 'where' that reads no attribute",
                               duty.id, due.text));
        // `first of`: a form that always applies ends the choice; any form
        // written after it never counts.
        if (due.kind == DeadlineDef::Kind::first) {
            auto const always =
                std::find_if(due.alternatives.begin(), due.alternatives.end(),
                             [](DeadlineDef const& f) { return f.where.empty() && f.span_attribute.empty(); });
            if (always != due.alternatives.end() && always + 1 != due.alternatives.end())
                report(diagnostics, program, duty.origin, Severity::warning, "unreachable_form",
                       fmt::format("duty '{}': in '{}', '{}' always applies, so the forms after it never count; put "
                                   "it last",
                                   duty.id, due.text, always->text));
        }
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

// The youngest age, in months, at which the trigger at `which` can open the
// duty: a birthday's own age, or the lowest `age` its clause allows.
std::optional<int> youngest_months(Program const& program, DutyDef const& duty, std::size_t which) {
    auto const& event = program.events[duty.triggers[which]];
    std::optional<int> months;
    if (event.derived()) months = 12 * event.birthday_years + event.birthday_months;
    if (which < duty.conditions.size())
        if (auto const years = Folder{program, duty.triggers[which]}.lowest(duty.conditions[which], OperandKind::age))
            months = std::max(months.value_or(0), static_cast<int>(std::clamp<Value>(*years, 0, 200)) * 12);
    return months;
}

std::string age_text(int months) {
    auto const years = fmt::format("{} year{}", months / 12, months / 12 == 1 ? "" : "s");
    return months % 12 ? fmt::format("{} {} month{}", years, months % 12, months % 12 == 1 ? "" : "s") : years;
}

// The latest an age deadline can fall, in months of age: `at age Y M` at
// Y years M months; `S before age Y` at most S before Y (a span of days or
// weeks counts as a month less, which errs towards no finding).
std::optional<int> deadline_months(DeadlineDef const& rule) {
    switch (rule.kind) {
    case DeadlineDef::Kind::at_age: return 12 * rule.years + rule.months;
    case DeadlineDef::Kind::before_age:
        switch (rule.span.unit) {
        case TimeUnit::months: return 12 * rule.years - rule.span.amount;
        case TimeUnit::years: return 12 * (rule.years - rule.span.amount);
        default: return 12 * rule.years - 1;
        }
    default: return std::nullopt;
    }
}

// A deadline every instance has passed when it opens, or waits for a
// birthday that has passed; a fulfilling birthday that has passed.
void unreachable_by_age(Program const& program, Diagnostics& diagnostics) {
    for (auto const& duty : program.duties) {
        std::vector<DeadlineDef const*> forms{&duty.due};
        if (duty.due.kind == DeadlineDef::Kind::earliest)
            for (auto const& form : duty.due.alternatives)
                if (form.where.empty()) forms.push_back(&form);
        bool reported = false;
        for (std::size_t which = 0; which < duty.triggers.size() && !reported; ++which) {
            auto const youngest = youngest_months(program, duty, which);
            if (!youngest) continue;
            auto const trigger = program.events[duty.triggers[which]].id;
            for (auto const* form : forms) {
                if (auto const latest = deadline_months(*form); latest && *youngest > *latest) {
                    report(diagnostics, program, duty.origin, Severity::error, "deadline_before_trigger",
                           fmt::format("duty '{}' opens on '{}' at {} or older, but is due {}: every instance is "
                                       "due before it opens",
                                       duty.id, trigger, age_text(*youngest), form->text));
                    reported = true;
                    break;
                }
                if (form->kind == DeadlineDef::Kind::before_event && program.events[form->event].derived()) {
                    auto const& birthday = program.events[form->event];
                    auto const at = 12 * birthday.birthday_years + birthday.birthday_months;
                    if (*youngest >= at) {
                        report(diagnostics, program, duty.origin, Severity::error, "before_unreachable",
                               fmt::format("duty '{}' is due before '{}', the birthday at {}, but opens on '{}' at {} "
                                           "or older, when it has passed",
                                           duty.id, birthday.id, age_text(at), trigger, age_text(*youngest)));
                        reported = true;
                        break;
                    }
                }
            }
            if (reported || duty.done_also_before) continue;
            for (auto const& f : duty.done_by) {
                auto const& event = program.events[f.event];
                if (!event.derived() || duty.done_by.size() > 1) continue;
                auto const at = 12 * event.birthday_years + event.birthday_months;
                if (*youngest > at) {
                    report(diagnostics, program, duty.origin, Severity::error, "cannot_be_met",
                           fmt::format("duty '{}' is done by '{}', the birthday at {}, but opens on '{}' at {} or "
                                       "older, when it has passed",
                                       duty.id, event.id, age_text(at), trigger, age_text(*youngest)));
                    reported = true;
                }
            }
        }
    }
}

// A duty none of whose fulfilling events can ever count.
void fulfilments_never_hold(Program const& program, Diagnostics& diagnostics) {
    for (auto const& duty : program.duties) {
        bool const never =
            !duty.done_by.empty() && std::all_of(duty.done_by.begin(), duty.done_by.end(), [&](FulfilmentDef const& f) {
                return f.condition != no_index && Folder{program, f.event}.truth(f.condition) == Truth::never;
            });
        if (never)
            report(diagnostics, program, duty.origin, Severity::error, "cannot_be_met",
                   fmt::format("duty '{}' cannot be met: the condition of every event that would fulfil it can "
                               "never hold",
                               duty.id));
    }
}

// Whether a citation lies within a covered paragraph: the same text, or
// the paragraph followed by a finer part of it after a comma ("Art. 5" covers
// "Art. 5, para. 2" and "Art. 5, para. 2" covers "Art. 5, para. 2, point b",
// but "Art. 5" does not cover "Art. 5a").
bool covered_by(std::string_view cite, std::string_view paragraph) {
    return cite == paragraph || (cite.size() > paragraph.size() && cite.substr(0, paragraph.size()) == paragraph &&
                                 cite[paragraph.size()] == ',');
}

// An exemption set removes only what its basis covers: every definition of
// a waived or changed duty, in every version of every amended law, cites a
// covered paragraph.
void waivers_within_basis(Program const& program, Diagnostics& diagnostics) {
    for (auto const& set : program.exemption_sets) {
        if (set.waivers.empty() && set.changes.empty()) continue;
        if (set.covers.empty()) {
            report(diagnostics, program, set.origin, Severity::warning, "basis_not_stated",
                   fmt::format("exemption set '{}' waives or changes duties but does not say which paragraphs its "
                               "basis covers (covers LAW \"PARAGRAPH\", …), so they cannot be checked against it",
                               set.id));
            continue;
        }
        auto const check = [&](Index concept_index, std::string_view verb, Origin const& origin) {
            std::vector<std::string> reported;
            for (auto const law : set.amends)
                for (auto const d : program.laws[law].duties) {
                    auto const& duty = program.duties[d];
                    if (duty.concept_index != concept_index) continue;
                    bool covered = false;
                    std::string paragraphs;
                    for (auto const& cover : set.covers) {
                        if (cover.law != law) continue;
                        covered |= covered_by(duty.cite, cover.paragraph);
                        paragraphs += (paragraphs.empty() ? "" : ", ") + cover.paragraph;
                    }
                    if (covered || std::find(reported.begin(), reported.end(), duty.cite) != reported.end()) continue;
                    reported.push_back(duty.cite);
                    report(diagnostics, program, origin, Severity::error, "outside_basis",
                           fmt::format("exemption set '{}' {} '{}', which {} cites as {}, but its basis covers {}",
                                       set.id, verb, duty.id, program.laws[law].id, duty.cite,
                                       paragraphs.empty() ? std::string{"nothing of that law"} : "only " + paragraphs));
                }
        };
        for (auto const& waiver : set.waivers) check(waiver.concept_index, "waives", waiver.origin);
        for (auto const& change : set.changes) check(change.concept_index, "changes", change.origin);
    }
}

}  // namespace

void verify_law_in_time(Program const& program, Diagnostics& diagnostics) {
    cannot_be_breached_or_met(program, diagnostics);
    unreachable_by_age(program, diagnostics);
    fulfilments_never_hold(program, diagnostics);
    contradicting_exceptions(program, diagnostics);
    versions_cover_the_law(program, diagnostics);
    waivers_within_basis(program, diagnostics);
}

}  // namespace pligt
