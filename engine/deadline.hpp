// Deadline arithmetic on a real calendar: a span from a moment, and the
// birthday-based deadlines. One place, so the CLI's `deadline` verb and every
// duty count the same way.
#pragma once

#include "dsl/calendar.hpp"
#include "dsl/date.hpp"
#include "dsl/program.hpp"

namespace pligt::engine {

// The deadline of a span counted from a moment: months and years clamp to the
// month's end; hours keep the time of day (or, from a date-only moment, end on
// a date: see Moment::plus_hours); working days skip the calendar's days off
// and do not count the day itself; every other unit gives a date.
Moment deadline(Moment from, Span span, Calendar const& calendar);

// The same span counted backwards from a date (for "6 months before age 18").
Date before(Date date, Span span);

// The day someone born on `birth` reaches `years` years and `months` months.
// A 29 February birthday falls on 28 February in a common year.
Date age_reached(Date birth, int years, int months);

// The calendar that counts a duty's working days (DutyDef::calendar, see
// assign_duty_calendars), or Monday to Friday when it has none.
Calendar const& calendar_of(Program const& program, DutyDef const& duty);

}  // namespace pligt::engine
