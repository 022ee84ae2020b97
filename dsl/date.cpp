#include "dsl/date.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>

namespace pligt {
namespace {

using namespace std::chrono;

year_month_day civil(Date date) { return year_month_day{sys_days{days{date.days()}}}; }

Date from_ymd(year_month_day ymd) { return Date::from_days(sys_days{ymd}.time_since_epoch().count()); }

// Reads exactly `width` digits at `pos`.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

}  // namespace

std::optional<Date> Date::from_civil(int y, int m, int d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    year_month_day const ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                             std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return from_ymd(ymd);
}

std::optional<Date> Date::parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto const y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
    if (!y || !m || !d) return std::nullopt;
    return from_civil(*y, *m, *d);
}

int Date::year() const { return static_cast<int>(civil(*this).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(civil(*this).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(civil(*this).day())); }

int Date::iso_weekday() const {
    return static_cast<int>(std::chrono::weekday{sys_days{std::chrono::days{days_}}}.iso_encoding());
}

Date Date::plus_months(int n) const {
    auto const ymd = civil(*this);
    year_month const target = ymd.year() / ymd.month() + months{n};
    std::chrono::day const month_end = (target / std::chrono::last).day();
    return from_ymd(target / std::min(ymd.day(), month_end));
}

std::string Date::to_string() const {
    auto const ymd = civil(*this);
    auto const y = static_cast<int>(ymd.year());
    auto const m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
    if (y < 0 || y > 9999) return fmt::format("{:04}-{:02}-{:02}", y, m, d);
    // Every date of every answer passes here: digits by hand, no format string.
    std::string text = "0000-00-00";
    auto const digit = [](unsigned v) { return static_cast<char>('0' + v % 10); };
    auto const year = static_cast<unsigned>(y);
    text[0] = digit(year / 1000);
    text[1] = digit(year / 100);
    text[2] = digit(year / 10);
    text[3] = digit(year);
    text[5] = digit(m / 10);
    text[6] = digit(m);
    text[8] = digit(d / 10);
    text[9] = digit(d);
    return text;
}

int age_in_years(Date birth, Date on) {
    int age = on.year() - birth.year();
    // The birthday in that year, clamped like any year arithmetic: 28 February
    // for someone born on 29 February.
    if (on < birth.plus_years(age)) --age;
    return age;
}

std::optional<Moment> Moment::parse(std::string_view text, std::string* error) {
    // "2019-03-04Z" as much as "2019-03-04T09:30+01:00": v1 does no time-zone conversion.
    constexpr std::string_view offset_error =
        "a time-zone offset is not accepted; give the local civil time without 'Z' or an offset";
    auto failed = [&](std::string_view why) -> std::optional<Moment> {
        if (error) *error = std::string{why};
        return std::nullopt;
    };
    if (text.size() < 10) return failed("expected a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM");
    auto const date_part = text.substr(0, 10);
    if (date_part[4] != '-' || date_part[7] != '-' || !digits(date_part, 0, 4) || !digits(date_part, 5, 2) ||
        !digits(date_part, 8, 2))
        return failed("expected a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM");
    auto const date = Date::parse(date_part);
    if (!date) return failed(fmt::format("'{}' is not a date in the calendar", date_part));
    if (text.size() == 10) return Moment::on(*date);

    auto const rest = text.substr(10);
    if (rest[0] == 'Z' || rest[0] == '+' || rest[0] == '-') return failed(offset_error);
    if (rest[0] != 'T' && rest[0] != ' ') return failed("expected a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM");
    auto const hour = digits(rest, 1, 2), minute = digits(rest, 4, 2);
    if (!hour || !minute || rest.size() < 6 || rest[3] != ':')
        return failed("expected a time of day HH:MM after the date");
    std::size_t used = 6;
    if (rest.size() >= 9 && rest[6] == ':' && digits(rest, 7, 2)) {
        if (*digits(rest, 7, 2) > 59) return failed("seconds must be 00-59");
        used = 9;
    }
    if (used < rest.size()) {
        auto const tail = rest.substr(used);
        if (tail[0] == 'Z' || tail[0] == '+' || tail[0] == '-') return failed(offset_error);
        return failed(fmt::format("unexpected '{}' after the time of day", tail));
    }
    if (*hour > 23 || *minute > 59) return failed("the time of day must be 00:00-23:59");
    return Moment::at(*date, *hour * 60 + *minute);
}

Moment Moment::plus_hours(std::int64_t hours) const {
    // A date-only moment: the hours end on a date, not at a time. Count from
    // the last minute of the day, so "24 hours" from 2019-03-04 ends on
    // 2019-03-05 whatever the unknown time of day was.
    std::int64_t const start = has_time() ? minute : 24 * 60 - 1;
    std::int64_t const end = start + hours * 60;
    auto const day_shift = static_cast<std::int32_t>(end / (24 * 60));
    auto const end_date = date.plus_days(day_shift);
    if (!has_time()) return Moment::on(end_date);
    return Moment::at(end_date, static_cast<int>(end % (24 * 60)));
}

std::string Moment::to_string() const {
    if (!has_time()) return date.to_string();
    auto text = date.to_string();
    auto const hours = minute / 60, minutes = minute % 60;
    char const time[] = {'T', static_cast<char>('0' + hours / 10),   static_cast<char>('0' + hours % 10),
                         ':', static_cast<char>('0' + minutes / 10), static_cast<char>('0' + minutes % 10)};
    return text.append(time, sizeof time);
}

}  // namespace pligt
