// A calendar of working days, as a rule file declares it: which weekdays are
// the weekend and which days are holidays, fixed (12-24) or movable with
// Easter (easter + 39 days), each optionally bounded by years (a holiday that
// was abolished). Whether a day such as 5 June counts is a legal choice, so it
// is data, never code.
//
// Working days are precomputed over a wide range of years when the program
// is loaded, so "within N working days" costs a lookup, not a walk through
// the calendar, on the evaluation path.
#pragma once

#include "dsl/date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pligt {

// Easter Sunday of a Gregorian year (the anonymous Gregorian computus).
Date easter_sunday(int year);

struct HolidayRule {
    std::string name;
    bool from_easter = false;
    int month = 0, day = 0;  // when fixed
    int easter_offset = 0;   // days from Easter Sunday, when movable
    int from_year = 1;       // first year observed
    int until_year = 9999;   // last year observed
    // The holiday's date in a year, if observed that year.
    std::optional<Date> in_year(int year) const;
};

class Calendar {
public:
    // weekend: bit (ISO weekday - 1) set for each weekend day (Saturday = bit 5).
    Calendar(std::string id, std::string title, std::uint8_t weekend, std::vector<HolidayRule> holidays);

    std::string const& id() const { return id_; }
    std::string const& title() const { return title_; }
    std::uint8_t weekend() const { return weekend_; }
    std::vector<HolidayRule> const& holidays() const { return holidays_; }

    bool is_working_day(Date date) const;
    // Why a day is not a working day: the holiday's name, or the weekday's
    // English name for a weekend day; nothing for a working day.
    std::optional<std::string> day_off_name(Date date) const;

    // The n-th working day after `from` (n >= 1). The day itself is not
    // counted, whether or not it is a working day.
    Date add_working_days(Date from, int n) const;

    // How many working days lie in (from, to]: the working days left from
    // `from` to a deadline on `to`; negative, counting (to, from], when `to`
    // is before `from`.
    std::int32_t working_days_between(Date from, Date to) const;

    struct Skipped {
        Date date;
        std::string name;
    };
    // The days off in (from, to], in order: what a working-day deadline skipped.
    std::vector<Skipped> days_off(Date from, Date to) const;

private:
    std::string id_;
    std::string title_;
    std::uint8_t weekend_ = 0;
    std::vector<HolidayRule> holidays_;
    // Precomputed: working_before_[i] = working days in [first_, first_ + i).
    Date first_;
    std::vector<std::int32_t> working_before_;
    // working_days_[k] = the (k+1)-th working day, as days after first_: the
    // n-th working day after a date is one lookup.
    std::vector<std::int32_t> working_days_;
};

}  // namespace pligt
