// Civil dates and moments. The law counts days and months, never seconds, so a
// Date is a day number (days since 1970-01-01) and a Moment is a day plus an
// optional minute of the day. A case may record an event by date only; the
// product contract compares a date-only value with a date-time at the coarser
// precision (same date = same moment), which Moment::compare implements.
//
// Dates live in dsl/ because rule files contain them (in force periods,
// adoptions); the engine does the arithmetic with the same type.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pligt {

class Date {
public:
    constexpr Date() = default;
    static constexpr Date from_days(std::int32_t days) { return Date{days}; }
    // Returns nothing for an impossible date (2023-02-30, month 13, year 0).
    static std::optional<Date> from_civil(int year, int month, int day);
    // Strict YYYY-MM-DD.
    static std::optional<Date> parse(std::string_view text);

    constexpr std::int32_t days() const { return days_; }
    int year() const;
    int month() const;
    int day() const;
    // 1 = Monday … 7 = Sunday (ISO 8601).
    int iso_weekday() const;

    constexpr Date plus_days(std::int32_t n) const { return Date{days_ + n}; }
    // "Within 4 months" of 31 October ends on the last day of February: clamp
    // the day to the target month, never roll into the next.
    Date plus_months(int n) const;
    Date plus_years(int n) const { return plus_months(12 * n); }

    std::string to_string() const;  // YYYY-MM-DD

    friend constexpr auto operator<=>(Date, Date) = default;

private:
    constexpr explicit Date(std::int32_t days) : days_{days} {}
    std::int32_t days_ = 0;
};

// Whole years from birth to a date. In a common year the birthday of someone
// born on 29 February is 28 February, as year arithmetic clamps to month end.
int age_in_years(Date birth, Date on);

// A point in civil time: a date, with or without a time of day.
struct Moment {
    Date date;
    std::int16_t minute = -1;  // minute of the day, -1 when only the date is known

    static Moment on(Date d) { return Moment{d, -1}; }
    static Moment at(Date d, int minute_of_day) { return Moment{d, static_cast<std::int16_t>(minute_of_day)}; }
    // YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]; seconds are dropped, an offset or Z
    // is an error (no time-zone conversion). The error says what is wrong.
    static std::optional<Moment> parse(std::string_view text, std::string* error = nullptr);

    bool has_time() const { return minute >= 0; }
    Moment plus_hours(std::int64_t hours) const;
    std::string to_string() const;  // YYYY-MM-DD or YYYY-MM-DDTHH:MM

    // At the coarser precision of the two: if either is date-only, only the
    // dates are compared.
    // Inline: the evaluator compares moments in its innermost loops.
    static std::strong_ordering compare(Moment a, Moment b) {
        if (a.date != b.date || !a.has_time() || !b.has_time()) return a.date <=> b.date;
        return a.minute <=> b.minute;
    }
    // Strict total order for sorting: a date-only value sorts before the
    // date-times of the same day.
    static bool sorts_before(Moment a, Moment b) {
        if (a.date != b.date) return a.date < b.date;
        return a.minute < b.minute;
    }
};

}  // namespace pligt
