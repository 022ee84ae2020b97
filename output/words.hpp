// The message catalogues: every word pligt says to a reader of a case's
// checklist or begrundelse, per language. The engine says no words of its
// own here (its `trace` is for legal advisors); titles and labels come from
// the rule files, and the sentences around them from a catalogue, one file
// per language (words_da.cpp, words_en.cpp). Arguments arrive already
// rendered in the catalogue's own way (dates through date(), spans through
// span()), so a sentence is one call.
#pragma once

#include "dsl/program.hpp"
#include "engine/evaluate.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pligt::output {

enum class Language { en, da };

// "da" or "en"; none for a language without a catalogue.
std::optional<Language> language_named(std::string_view code);
std::string_view language_code(Language language);
// The languages with a catalogue, for messages: "da, en".
std::string_view language_codes();
// The rules' own language (`language da` in a vocabulary) where a catalogue
// speaks it; English otherwise.
Language default_language(Program const& program);

// How a reader is answered: in which language, and whether the engine's
// trace comes beside the begrundelse (for legal advisors).
struct Wording {
    Language language = Language::en;
    bool trace = false;
};

class Words {
public:
    virtual ~Words() = default;

    // ---- values
    virtual std::string_view status(engine::Status status) const = 0;
    virtual std::string date(Date d) const = 0;       // 5. marts 2024 / 5 March 2024
    virtual std::string moment(Moment at) const = 0;  // with the time of day when known
    virtual std::string span(Span span) const = 0;    // 4 måneder, 6 hverdage / 4 months, 6 working days
    virtual std::string days(std::int32_t n) const = 0;
    virtual std::string quoted(std::string_view text) const = 0;
    virtual std::string either(std::vector<std::string> const& items) const = 0;  // a, b or c
    virtual std::string yes_no(bool yes) const = 0;
    virtual std::string not_given() const = 0;
    virtual std::string period(Date from, std::optional<Date> to) const = 0;
    virtual std::string on(std::string const& at) const = 0;       // den 5. marts 2024 / 5 March 2024
    virtual std::string before(std::string_view event) const = 0;  // før »…« / before “…”

    // ---- the begrundelse: the rule, the facts, what follows
    // The duty and the provision it follows from; `version` may be empty.
    virtual std::string rule(std::string_view title, std::string_view cite, std::string_view version) const = 0;
    // A duty of an exemption set, which the municipality had adopted.
    virtual std::string rule_of_set(std::string_view title, std::string_view cite, std::string_view municipality,
                                    std::string_view set, std::string const& period) const = 0;
    // The event that opened the duty, with the facts its condition reads
    // ("label: value", already joined).
    virtual std::string opened(std::string_view event, std::string const& at, std::string const& facts) const = 0;
    virtual std::string carried(std::string_view old_cite, std::string_view law, std::string const& in_force,
                                std::string_view transition_cite) const = 0;
    virtual std::string residual(std::string_view excepted, std::string_view excepted_cite,
                                 std::string_view exception_cite, std::string const& facts) const = 0;
    virtual std::string fact(std::string_view label, std::string const& value) const = 0;
    virtual std::string facts(std::vector<std::string> const& items) const = 0;

    virtual std::string deadline_span(std::string const& span, std::string const& from,
                                      std::string const& due) const = 0;
    virtual std::string deadline_from_event(std::string const& span, std::string_view event, std::string const& at,
                                            std::string const& due) const = 0;
    virtual std::string deadline_same_day(std::string const& due) const = 0;
    virtual std::string deadline_before(std::string_view event, std::string const& due) const = 0;
    virtual std::string deadline_before_pending(std::string_view event) const = 0;
    virtual std::string deadline_on(std::string const& due) const = 0;
    // An age deadline: at an age (`before` empty), or a span before it;
    // counted from a date fact (its label and value).
    virtual std::string deadline_at_age(std::string const& before, int years, int months, std::string_view label,
                                        std::string const& value, std::string const& due) const = 0;
    virtual std::string deadline_repeats(std::string const& interval, std::string const& due) const = 0;
    virtual std::string deadline_missing_fact(std::string_view label) const = 0;
    virtual std::string no_deadline() const = 0;
    virtual std::string no_deadline_passed() const = 0;
    virtual std::string no_deadline_repeats() const = 0;
    // An exemption set's own deadline; `law_due` the law's own (through on()
    // or before()), empty when the law's duty does not repeat.
    virtual std::string deadline_changed(std::string_view set, std::string_view basis,
                                         std::string const& law_due) const = 0;

    virtual std::string met(std::string_view event, std::string const& at, bool on_time) const = 0;
    virtual std::string met_before(std::string_view event, std::string const& at) const = 0;
    virtual std::string met_kept(std::string_view event, std::string const& at, std::string_view old_law,
                                 std::string_view transition_cite) const = 0;
    virtual std::string met_times(std::int32_t times, std::string const& events, std::string const& from,
                                  std::string const& last) const = 0;
    // `over`: how far past the deadline, from beyond().
    virtual std::string late(std::string_view event, std::string const& at, std::string const& over) const = 0;
    virtual std::string overdue(std::string const& events, std::string const& as_of, std::string const& over) const = 0;
    virtual std::string overdue_times(std::int32_t times, std::string const& events, std::string const& from,
                                      std::string const& as_of, std::string const& over) const = 0;
    virtual std::string beyond(std::int32_t days, std::string const& due) const = 0;
    virtual std::string pending(std::string const& events, std::string const& as_of, std::int32_t days_left) const = 0;
    virtual std::string pending_open(std::string const& events) const = 0;
    virtual std::string waived(std::string_view municipality, std::string_view set, std::string const& period,
                               std::string const& facts, std::string_view basis) const = 0;
    virtual std::string excepted(std::string_view cite, std::string const& facts) const = 0;
    virtual std::string instead(std::string_view title) const = 0;
    virtual std::string lapsed(std::string_view event, std::string const& at) const = 0;
    virtual std::string target(std::string_view by, std::string const& at, std::string_view basis, bool past) const = 0;

    // ---- the checklist
    virtual std::string case_heading(std::string_view id, std::string_view municipality,
                                     std::string const& as_of) const = 0;
    virtual std::string no_case_id() const = 0;
    virtual std::string due(std::string const& at) const = 0;
    virtual std::string due_before(std::string_view event) const = 0;
    virtual std::string due_none() const = 0;
    virtual std::string due_excepted() const = 0;
    virtual std::string replaced_by(std::string_view title) const = 0;
    virtual std::string target_short(std::string const& at, bool past) const = 0;
    virtual std::string no_duties() const = 0;
    virtual std::string duty_count(std::size_t n) const = 0;  // "4 pligter" / "4 duties"
    virtual std::string statute_link() const = 0;             // "Loven" / "The statute", before cite_url

    // ---- the caseload (Sagsoversigt)
    virtual std::string caseload_heading(std::string const& as_of, std::size_t cases, std::size_t open) const = 0;
    virtual std::string caseload_counts(std::size_t overdue, std::size_t due_this_week) const = 0;
    virtual std::string caseload_empty() const = 0;
    // Calendar and working days to the deadline; negative when past it.
    virtual std::string days_left(std::int32_t days, std::int32_t working_days) const = 0;
};

Words const& words(Language language);

}  // namespace pligt::output
