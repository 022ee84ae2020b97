#include "engine/deadline.hpp"

namespace pligt::engine {

Moment deadline(Moment from, Span span, Calendar const& calendar) {
    switch (span.unit) {
    case TimeUnit::hours: return from.plus_hours(span.amount);
    case TimeUnit::days: return Moment::on(from.date.plus_days(span.amount));
    case TimeUnit::working_days: return Moment::on(calendar.add_working_days(from.date, span.amount));
    case TimeUnit::weeks: return Moment::on(from.date.plus_days(7 * span.amount));
    case TimeUnit::months: return Moment::on(from.date.plus_months(span.amount));
    case TimeUnit::years: return Moment::on(from.date.plus_years(span.amount));
    }
    return from;
}

Date before(Date date, Span span) {
    switch (span.unit) {
    case TimeUnit::days: return date.plus_days(-span.amount);
    case TimeUnit::weeks: return date.plus_days(-7 * span.amount);
    case TimeUnit::months: return date.plus_months(-span.amount);
    case TimeUnit::years: return date.plus_years(-span.amount);
    case TimeUnit::hours:
    case TimeUnit::working_days: break;  // rejected by the resolver
    }
    return date;
}

Date age_reached(Date birth, int years, int months) { return birth.plus_months(12 * years + months); }

Calendar const& calendar_of(Program const& program, DutyDef const& duty) {
    if (duty.calendar != no_index) return program.calendars[duty.calendar];
    static Calendar const weekdays_only{"", "", 0b1100000, {}};
    return weekdays_only;
}

}  // namespace pligt::engine
