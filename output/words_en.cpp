// The English catalogue, for legal advisors and readers outside Denmark:
// dates as 5 March 2024, times as 09:30; titles and labels stay in the law's
// language, quoted.
#include "output/words_catalogues.hpp"

#include <fmt/format.h>

#include <array>

namespace pligt::output {
namespace {

constexpr std::array<std::string_view, 12> months{"January",   "February", "March",    "April",
                                                  "May",       "June",     "July",     "August",
                                                  "September", "October",  "November", "December"};

std::string plural(std::int32_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

class English final : public Words {
public:
    std::string_view status(engine::Status status) const override { return engine::to_string(status); }
    std::string date(Date d) const override {
        return fmt::format("{} {} {}", d.day(), months[static_cast<std::size_t>(d.month() - 1)], d.year());
    }
    std::string moment(Moment at) const override {
        if (!at.has_time()) return date(at.date);
        return fmt::format("{} at {:02}:{:02}", date(at.date), at.minute / 60, at.minute % 60);
    }
    std::string span(Span span) const override {
        switch (span.unit) {
        case TimeUnit::hours: return plural(span.amount, "hour", "hours");
        case TimeUnit::days: return plural(span.amount, "day", "days");
        case TimeUnit::working_days: return plural(span.amount, "working day", "working days");
        case TimeUnit::weeks: return plural(span.amount, "week", "weeks");
        case TimeUnit::months: return plural(span.amount, "month", "months");
        case TimeUnit::years: return plural(span.amount, "year", "years");
        }
        return {};
    }
    std::string days(std::int32_t n) const override { return plural(n, "day", "days"); }
    std::string quoted(std::string_view text) const override { return fmt::format("“{}”", text); }
    std::string either(std::vector<std::string> const& items) const override { return joined(items, ", ", " or "); }
    std::string yes_no(bool yes) const override { return yes ? "yes" : "no"; }
    std::string not_given() const override { return "not given"; }
    std::string period(Date from, std::optional<Date> to) const override {
        return to ? fmt::format("from {} to {}", date(from), date(*to)) : fmt::format("from {}", date(from));
    }

    std::string on(std::string const& at) const override { return at; }
    std::string before(std::string_view event) const override { return "before " + quoted(event); }

    std::string rule(std::string_view title, std::string_view cite, std::string_view version) const override {
        return version.empty() ? fmt::format("The duty {} follows from {}.", quoted(title), cite)
                               : fmt::format("The duty {} follows from {} ({}).", quoted(title), cite, version);
    }
    std::string rule_of_set(std::string_view title, std::string_view cite, std::string_view municipality,
                            std::string_view set, std::string const& period) const override {
        return fmt::format("The duty {} follows from {}, as {} takes part in {} ({}).", quoted(title), cite,
                           municipality, quoted(set), period);
    }
    std::string opened(std::string_view event, std::string const& at, std::string const& facts) const override {
        return fmt::format("The case: {} on {}{}.", quoted(event), at, facts.empty() ? "" : " (" + facts + ")");
    }
    std::string carried(std::string_view old_cite, std::string_view law, std::string const& in_force,
                        std::string_view transition_cite) const override {
        return fmt::format("The duty arose under {} before {} came into force on {}, and is finished under {}.",
                           old_cite, law, in_force, transition_cite);
    }
    std::string residual(std::string_view excepted, std::string_view excepted_cite, std::string_view exception_cite,
                         std::string const& facts) const override {
        return fmt::format("The duty {} ({}) does not apply under {}{}, and this duty applies in its place.",
                           quoted(excepted), excepted_cite, exception_cite, facts.empty() ? "" : " (" + facts + ")");
    }
    std::string fact(std::string_view label, std::string const& value) const override {
        return fmt::format("{}: {}", label, value);
    }
    std::string facts(std::vector<std::string> const& items) const override { return joined(items, "; ", "; "); }

    std::string deadline_span(std::string const& span, std::string const& from, std::string const& due) const override {
        return fmt::format("The deadline is {} from {}: {}.", span, from, due);
    }
    std::string deadline_from_event(std::string const& span, std::string_view event, std::string const& at,
                                    std::string const& due) const override {
        return fmt::format("The deadline is {} from {} on {}: {}.", span, quoted(event), at, due);
    }
    std::string deadline_same_day(std::string const& due) const override {
        return fmt::format("The deadline is the same day, {}.", due);
    }
    std::string deadline_before(std::string_view event, std::string const& due) const override {
        return fmt::format("The deadline is before {}: {}.", quoted(event), due);
    }
    std::string deadline_before_pending(std::string_view event) const override {
        return fmt::format("The deadline is before {}, which has not happened yet.", quoted(event));
    }
    std::string deadline_on(std::string const& due) const override { return fmt::format("The deadline is {}.", due); }
    std::string deadline_at_age(std::string const& before, int years, int months, std::string_view label,
                                std::string const& value, std::string const& due) const override {
        auto const age = months ? fmt::format("{} years and {}", years, span(Span{months, TimeUnit::months}))
                                : fmt::format("{} years", years);
        return before.empty()
                   ? fmt::format("The deadline is the day the age of {} is reached (counted from {}: {}): {}.", age,
                                 label, value, due)
                   : fmt::format("The deadline is {} before the age of {} (counted from {}: {}): {}.", before, age,
                                 label, value, due);
    }
    std::string deadline_repeats(std::string const& interval, std::string const& due) const override {
        return fmt::format("The duty repeats: the deadline is {} after the previous one: {}.", interval, due);
    }
    std::string deadline_missing_fact(std::string_view label) const override {
        return fmt::format("The deadline cannot be computed: the case lacks {}.", label);
    }
    std::string no_deadline() const override { return "The law sets no deadline."; }
    std::string no_deadline_passed() const override {
        return "There is no deadline: the day it counts from had passed when the duty arose.";
    }
    std::string no_deadline_repeats() const override { return "The duty repeats without a statutory deadline."; }
    std::string deadline_changed(std::string_view set, std::string_view basis,
                                 std::string const& law_due) const override {
        return law_due.empty() ? fmt::format(
                                     "The deadline follows from {} (basis: {}); under the law the duty does "
                                     "not repeat.",
                                     quoted(set), basis)
                               : fmt::format("The deadline follows from {} (basis: {}); the law's own deadline is {}.",
                                             quoted(set), basis, law_due);
    }

    std::string met(std::string_view event, std::string const& at, bool on_time) const override {
        return fmt::format("Met: {} on {}{}.", quoted(event), at, on_time ? ", on time" : "");
    }
    std::string met_before(std::string_view event, std::string const& at) const override {
        return fmt::format("Met: {} on {}, before the duty arose.", quoted(event), at);
    }
    std::string met_kept(std::string_view event, std::string const& at, std::string_view old_law,
                         std::string_view transition_cite) const override {
        return fmt::format("Met: {} on {} under {}, which {} keeps in force.", quoted(event), at, old_law,
                           transition_cite);
    }
    std::string met_times(std::int32_t times, std::string const& events, std::string const& from,
                          std::string const& last) const override {
        return fmt::format("Met: {} times {} in the period from {}, the last on {}.", times, events, from, last);
    }
    std::string late(std::string_view event, std::string const& at, std::string const& over) const override {
        return fmt::format("Late: {} on {}, {}.", quoted(event), at, over);
    }
    std::string overdue(std::string const& events, std::string const& as_of, std::string const& over) const override {
        return fmt::format("Overdue: no {} recorded as of {}, {}.", events, as_of, over);
    }
    std::string overdue_times(std::int32_t times, std::string const& events, std::string const& from,
                              std::string const& as_of, std::string const& over) const override {
        return fmt::format("Overdue: fewer than {} times {} in the period from {} as of {}, {}.", times, events, from,
                           as_of, over);
    }
    std::string beyond(std::int32_t n, std::string const& due) const override {
        return n == 0 ? fmt::format("the deadline ({}) has passed", due) : fmt::format("{} past the deadline", days(n));
    }
    std::string pending(std::string const& events, std::string const& as_of, std::int32_t left) const override {
        return left == 0 ? fmt::format("Pending: no {} recorded as of {}; the deadline is today.", events, as_of)
                         : fmt::format("Pending: no {} recorded as of {}; {} left.", events, as_of, days(left));
    }
    std::string pending_open(std::string const& events) const override {
        return fmt::format("Pending: no {} recorded yet.", events);
    }
    std::string waived(std::string_view municipality, std::string_view set, std::string const& period,
                       std::string const& facts, std::string_view basis) const override {
        return fmt::format("Waived: {} takes part in {} ({}), which lifts the duty{}; basis: {}.", municipality,
                           quoted(set), period, facts.empty() ? "" : " (" + facts + ")", basis);
    }
    std::string excepted(std::string_view cite, std::string const& facts) const override {
        return fmt::format("Excepted under {}{}.", cite, facts.empty() ? "" : ": " + facts);
    }
    std::string instead(std::string_view title) const override {
        return fmt::format("The duty {} applies instead.", quoted(title));
    }
    std::string lapsed(std::string_view event, std::string const& at) const override {
        return fmt::format("Lapsed: {} on {}, before the duty was met or due.", quoted(event), at);
    }
    std::string target(std::string_view by, std::string const& at, std::string_view basis, bool past) const override {
        return fmt::format("{} has set a target: {} ({}){}. A target is not a statutory deadline.", by, at, basis,
                           past ? "; not met in time" : "");
    }

    std::string case_heading(std::string_view id, std::string_view municipality,
                             std::string const& as_of) const override {
        return fmt::format("Case {} · {} · as of {}", id, municipality, as_of);
    }
    std::string no_case_id() const override { return "(no id)"; }
    std::string due(std::string const& at) const override { return "due " + at; }
    std::string due_before(std::string_view event) const override { return "due before " + quoted(event); }
    std::string due_none() const override { return "no statutory deadline"; }
    std::string due_excepted() const override { return "nothing due: excepted"; }
    std::string replaced_by(std::string_view title) const override { return "replaced by " + quoted(title); }
    std::string target_short(std::string const& at, bool past) const override {
        return fmt::format("target {}{}", at, past ? " (passed)" : "");
    }
    std::string no_duties() const override {
        return "No duties: no event of this case opens a duty under the rules in force.";
    }
    std::string duty_count(std::size_t n) const override { return fmt::format("{} dut{}", n, n == 1 ? "y" : "ies"); }
    std::string statute_link() const override { return "The statute"; }

    std::string caseload_heading(std::string const& as_of, std::size_t cases, std::size_t open) const override {
        return fmt::format("Caseload as of {} · {} case{} · {} open dut{}", as_of, cases, cases == 1 ? "" : "s", open,
                           open == 1 ? "y" : "ies");
    }
    std::string caseload_counts(std::size_t overdue, std::size_t due_this_week) const override {
        return fmt::format("Overdue: {} · Due this week: {}", overdue, due_this_week);
    }
    std::string caseload_empty() const override { return "No open duties."; }
    std::string days_left(std::int32_t days, std::int32_t working_days) const override {
        auto const working = span(Span{working_days < 0 ? -working_days : working_days, TimeUnit::working_days});
        if (days < 0) return fmt::format("{} past the deadline ({})", this->days(-days), working);
        if (days == 0) return "due today";
        return fmt::format("{} left ({})", this->days(days), working);
    }
};

}  // namespace

Words const& english_words() {
    static English const words;
    return words;
}

}  // namespace pligt::output
