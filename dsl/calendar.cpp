#include "dsl/calendar.hpp"

#include <array>
#include <utility>

namespace pligt {
namespace {

// The precomputed range: wide enough for any case a caseworker or a
// simulation meets. Outside it the calendar walks day by day, still correct.
constexpr int first_precomputed_year = 1900;
constexpr int last_precomputed_year = 2199;

constexpr std::array<char const*, 7> weekday_names{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                   "Friday", "Saturday", "Sunday"};

bool is_weekend(std::uint8_t weekend, Date date) { return (weekend >> (date.iso_weekday() - 1)) & 1U; }

// The year whose occurrence of a holiday could fall on `date`: the date's own
// year for a fixed holiday, the year of the Easter a movable one counts from
// (Easter + 280 days falls in the next year).
int rule_year(HolidayRule const& holiday, Date date) {
    return holiday.from_easter ? date.plus_days(-holiday.easter_offset).year() : date.year();
}

}  // namespace

Date easter_sunday(int year) {
    int const a = year % 19;
    int const b = year / 100;
    int const c = year % 100;
    int const d = b / 4;
    int const e = b % 4;
    int const f = (b + 8) / 25;
    int const g = (b - f + 1) / 3;
    int const h = (19 * a + b - d - g + 15) % 30;
    int const i = c / 4;
    int const k = c % 4;
    int const l = (32 + 2 * e + 2 * i - h - k) % 7;
    int const m = (a + 11 * h + 22 * l) / 451;
    int const month = (h + l - 7 * m + 114) / 31;
    int const day = (h + l - 7 * m + 114) % 31 + 1;
    return *Date::from_civil(year, month, day);  // always 22 March to 25 April
}

std::optional<Date> HolidayRule::in_year(int year) const {
    if (year < from_year || year > until_year || year < 1 || year > 9999) return std::nullopt;
    if (from_easter) return easter_sunday(year).plus_days(easter_offset);
    return Date::from_civil(year, month, day);  // nothing for 02-29 in a common year
}

Calendar::Calendar(std::string id, std::string title, std::uint8_t weekend, std::vector<HolidayRule> holidays)
    : id_{std::move(id)},
      title_{std::move(title)},
      weekend_{weekend},
      holidays_{std::move(holidays)},
      first_{*Date::from_civil(first_precomputed_year, 1, 1)} {
    auto const end = *Date::from_civil(last_precomputed_year + 1, 1, 1);
    auto const size = static_cast<std::size_t>(end.days() - first_.days());
    std::vector<bool> off(size, false);
    for (std::size_t i = 0; i < size; ++i)
        off[i] = is_weekend(weekend_, first_.plus_days(static_cast<std::int32_t>(i)));
    for (auto const& holiday : holidays_)
        for (int year = rule_year(holiday, first_); year <= rule_year(holiday, end); ++year)
            if (auto const date = holiday.in_year(year); date && first_ <= *date && *date < end)
                off[static_cast<std::size_t>(date->days() - first_.days())] = true;
    working_before_.resize(size + 1);
    working_before_[0] = 0;
    for (std::size_t i = 0; i < size; ++i) working_before_[i + 1] = working_before_[i] + (off[i] ? 0 : 1);
    working_days_.reserve(static_cast<std::size_t>(working_before_.back()));
    for (std::size_t i = 0; i < size; ++i)
        if (!off[i]) working_days_.push_back(static_cast<std::int32_t>(i));
}

bool Calendar::is_working_day(Date date) const {
    auto const i = static_cast<std::int64_t>(date.days()) - first_.days();
    if (i >= 0 && i + 1 < static_cast<std::int64_t>(working_before_.size())) {
        auto const at = static_cast<std::size_t>(i);
        return working_before_[at + 1] != working_before_[at];
    }
    return !day_off_name(date);
}

std::optional<std::string> Calendar::day_off_name(Date date) const {
    // The holiday's name wins over the weekend's: "Juledag", not "Sunday".
    for (auto const& holiday : holidays_)
        if (holiday.in_year(rule_year(holiday, date)) == date) return holiday.name;
    if (is_weekend(weekend_, date)) return std::string{weekday_names[static_cast<std::size_t>(date.iso_weekday() - 1)]};
    return std::nullopt;
}

Date Calendar::add_working_days(Date from, int n) const {
    if (n <= 0) return from;
    auto const i = static_cast<std::int64_t>(from.days()) - first_.days();
    if (i >= 0 && i + 1 < static_cast<std::int64_t>(working_before_.size())) {
        // Working days in [first_, from] plus n: the ordinal, counted from
        // first_, of the n-th working day after `from`.
        auto const ordinal = static_cast<std::int64_t>(working_before_[static_cast<std::size_t>(i) + 1]) + n;
        if (ordinal <= static_cast<std::int64_t>(working_days_.size()))
            return first_.plus_days(working_days_[static_cast<std::size_t>(ordinal - 1)]);
    }
    // Outside the precomputed years: walk.
    Date date = from;
    for (int counted = 0; counted < n;) {
        date = date.plus_days(1);
        if (is_working_day(date)) ++counted;
    }
    return date;
}

std::int32_t Calendar::working_days_between(Date from, Date to) const {
    if (to < from) return -working_days_between(to, from);
    auto const a = static_cast<std::int64_t>(from.days()) - first_.days();
    auto const b = static_cast<std::int64_t>(to.days()) - first_.days();
    if (a >= 0 && b + 1 < static_cast<std::int64_t>(working_before_.size()))
        return working_before_[static_cast<std::size_t>(b) + 1] - working_before_[static_cast<std::size_t>(a) + 1];
    // Outside the precomputed years: walk.
    std::int32_t count = 0;
    for (Date date = from.plus_days(1); date <= to; date = date.plus_days(1))
        if (is_working_day(date)) ++count;
    return count;
}

std::vector<Calendar::Skipped> Calendar::days_off(Date from, Date to) const {
    std::vector<Skipped> skipped;
    for (Date date = from.plus_days(1); date <= to; date = date.plus_days(1))
        if (!is_working_day(date)) skipped.push_back({date, *day_off_name(date)});
    return skipped;
}

}  // namespace pligt
