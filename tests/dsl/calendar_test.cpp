// Calendars of working days: Easter by the Gregorian computus, holidays fixed
// or movable and bounded by years, and counting N working days with the
// trigger day not counted. The calendar here is built in the test, shaped
// like the Danish one, so the counting facts of law.md §5 can be checked
// without the rule files.
#include "dsl/calendar.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace {

using pligt::Calendar;
using pligt::Date;
using pligt::HolidayRule;

Date date(std::string const& text) {
    auto const parsed = Date::parse(text);
    REQUIRE_MESSAGE(parsed.has_value(), "not a date: ", text);
    return *parsed;
}

constexpr std::uint8_t saturday = 1U << 5;
constexpr std::uint8_t sunday = 1U << 6;

HolidayRule fixed(std::string name, int month, int day) {
    HolidayRule rule;
    rule.name = std::move(name);
    rule.month = month;
    rule.day = day;
    return rule;
}

HolidayRule easter(std::string name, int offset, int until_year = 9999) {
    HolidayRule rule;
    rule.name = std::move(name);
    rule.from_easter = true;
    rule.easter_offset = offset;
    rule.until_year = until_year;
    return rule;
}

// The helligdage: Sundays are in the weekend, so påskedag and pinsedag only
// give a name to a day that is off anyway.
std::vector<HolidayRule> helligdage() {
    return {fixed("Nytårsdag", 1, 1),
            easter("Skærtorsdag", -3),
            easter("Langfredag", -2),
            easter("Påskedag", 0),
            easter("2. påskedag", 1),
            easter("Store bededag", 26, 2023),
            easter("Kristi himmelfartsdag", 39),
            easter("Pinsedag", 49),
            easter("2. pinsedag", 50),
            fixed("Juledag", 12, 25),
            fixed("2. juledag", 12, 26)};
}

// The helligdage, Grundlovsdag, 24 and 31 December.
std::vector<HolidayRule> closing_days() {
    auto holidays = helligdage();
    holidays.push_back(fixed("Grundlovsdag", 6, 5));
    holidays.push_back(fixed("Juleaftensdag", 12, 24));
    holidays.push_back(fixed("Nytårsaftensdag", 12, 31));
    return holidays;
}

// Monday to Friday minus the closing days: the recommended default of law.md §5.
Calendar workdays() { return Calendar{"workdays", "Working days", saturday | sunday, closing_days()}; }

// "date name" per skipped day, for readable comparisons.
std::vector<std::string> listed(std::vector<Calendar::Skipped> const& skipped) {
    std::vector<std::string> lines;
    for (auto const& day : skipped) lines.push_back(day.date.to_string() + " " + day.name);
    return lines;
}

}  // namespace

TEST_CASE("easter_sunday gives the Easter dates of law.md for 2017 to 2026") {
    CHECK(pligt::easter_sunday(2017).to_string() == "2017-04-16");
    CHECK(pligt::easter_sunday(2018).to_string() == "2018-04-01");
    CHECK(pligt::easter_sunday(2019).to_string() == "2019-04-21");
    CHECK(pligt::easter_sunday(2020).to_string() == "2020-04-12");
    CHECK(pligt::easter_sunday(2021).to_string() == "2021-04-04");
    CHECK(pligt::easter_sunday(2022).to_string() == "2022-04-17");
    CHECK(pligt::easter_sunday(2023).to_string() == "2023-04-09");
    CHECK(pligt::easter_sunday(2024).to_string() == "2024-03-31");
    CHECK(pligt::easter_sunday(2025).to_string() == "2025-04-20");
    CHECK(pligt::easter_sunday(2026).to_string() == "2026-04-05");
}

TEST_CASE("easter_sunday reaches the earliest and latest possible dates") {
    CHECK(pligt::easter_sunday(1818).to_string() == "1818-03-22");
    CHECK(pligt::easter_sunday(2285).to_string() == "2285-03-22");
    CHECK(pligt::easter_sunday(2038).to_string() == "2038-04-25");
}

TEST_CASE("a holiday is observed only within its years") {
    auto const bededag = easter("Store bededag", 26, 2023);
    CHECK(bededag.in_year(2023) == date("2023-05-05"));
    CHECK(bededag.in_year(2022) == date("2022-05-13"));
    CHECK_FALSE(bededag.in_year(2024).has_value());

    auto grundlovsdag = fixed("Grundlovsdag", 6, 5);
    grundlovsdag.from_year = 1849;
    CHECK(grundlovsdag.in_year(1849) == date("1849-06-05"));
    CHECK_FALSE(grundlovsdag.in_year(1848).has_value());
}

TEST_CASE("a fixed holiday on 29 February is not observed in a common year") {
    auto const leap = fixed("Leap day", 2, 29);
    CHECK(leap.in_year(2024) == date("2024-02-29"));
    CHECK_FALSE(leap.in_year(2023).has_value());
}

TEST_CASE("a movable holiday far from Easter falls in the next year") {
    auto const late = easter("Late", 280);  // Easter 2024 + 280 days
    CHECK(late.in_year(2024) == date("2025-01-05"));
    Calendar const calendar{"c", "C", 0, {late}};
    CHECK_FALSE(calendar.is_working_day(date("2025-01-05")));
    CHECK(calendar.day_off_name(date("2025-01-05")) == "Late");
    CHECK(calendar.is_working_day(date("2024-01-05")));
}

TEST_CASE("day_off_name names the holiday before the weekday") {
    auto const calendar = workdays();
    CHECK(calendar.day_off_name(date("2024-03-31")) == "Påskedag");  // a Sunday
    CHECK(calendar.day_off_name(date("2022-12-25")) == "Juledag");   // a Sunday
    CHECK(calendar.day_off_name(date("2024-03-30")) == "Saturday");
    CHECK(calendar.day_off_name(date("2024-04-07")) == "Sunday");
    CHECK(calendar.day_off_name(date("2024-06-05")) == "Grundlovsdag");
    CHECK_FALSE(calendar.day_off_name(date("2024-04-02")).has_value());
}

TEST_CASE("store bededag is a day off until 2023 and a working day from 2024") {
    auto const calendar = workdays();
    CHECK_FALSE(calendar.is_working_day(date("2023-05-05")));
    CHECK(calendar.day_off_name(date("2023-05-05")) == "Store bededag");
    CHECK(calendar.is_working_day(date("2024-04-26")));  // Easter 2024 + 26 days
}

TEST_CASE("6 working days from Wed 2024-12-18 end on 2025-01-02 when 24 and 31 December are off") {
    auto const calendar = workdays();
    CHECK(calendar.add_working_days(date("2024-12-18"), 6).to_string() == "2025-01-02");
    CHECK(listed(calendar.days_off(date("2024-12-18"), date("2025-01-02"))) ==
          std::vector<std::string>{"2024-12-21 Saturday", "2024-12-22 Sunday", "2024-12-24 Juleaftensdag",
                                   "2024-12-25 Juledag", "2024-12-26 2. juledag", "2024-12-28 Saturday",
                                   "2024-12-29 Sunday", "2024-12-31 Nytårsaftensdag", "2025-01-01 Nytårsdag"});
}

TEST_CASE("6 working days from Wed 2024-12-18 end on 2024-12-30 with the helligdage alone") {
    Calendar const calendar{"helligdage", "Helligdage", saturday | sunday, helligdage()};
    CHECK(calendar.add_working_days(date("2024-12-18"), 6).to_string() == "2024-12-30");
}

TEST_CASE("6 working days from Wed 2024-12-18 end on 2024-12-28 when Saturdays count") {
    Calendar const calendar{"hverdage", "Hverdage", sunday, closing_days()};
    CHECK(calendar.add_working_days(date("2024-12-18"), 6).to_string() == "2024-12-28");
}

TEST_CASE("6 working days from Fri 2023-04-28 skip store bededag and end on 2023-05-09") {
    auto const calendar = workdays();
    CHECK(calendar.add_working_days(date("2023-04-28"), 6).to_string() == "2023-05-09");
    CHECK(listed(calendar.days_off(date("2023-04-28"), date("2023-05-09"))) ==
          std::vector<std::string>{"2023-04-29 Saturday", "2023-04-30 Sunday", "2023-05-05 Store bededag",
                                   "2023-05-06 Saturday", "2023-05-07 Sunday"});
}

TEST_CASE("6 working days from Mon 2024-04-22 end on 2024-04-30, with no store bededag in 2024") {
    auto const calendar = workdays();
    CHECK(calendar.add_working_days(date("2024-04-22"), 6).to_string() == "2024-04-30");
    CHECK(listed(calendar.days_off(date("2024-04-22"), date("2024-04-30"))) ==
          std::vector<std::string>{"2024-04-27 Saturday", "2024-04-28 Sunday"});
}

TEST_CASE("6 working days from Tue 2024-03-26 skip Easter 2024 and end on 2024-04-08") {
    auto const calendar = workdays();
    CHECK(calendar.add_working_days(date("2024-03-26"), 6).to_string() == "2024-04-08");
    CHECK(listed(calendar.days_off(date("2024-03-26"), date("2024-04-08"))) ==
          std::vector<std::string>{"2024-03-28 Skærtorsdag", "2024-03-29 Langfredag", "2024-03-30 Saturday",
                                   "2024-03-31 Påskedag", "2024-04-01 2. påskedag", "2024-04-06 Saturday",
                                   "2024-04-07 Sunday"});
}

TEST_CASE("the trigger day is not counted, even when it is a day off") {
    auto const calendar = workdays();
    CHECK(calendar.add_working_days(date("2024-04-27"), 1).to_string() == "2024-04-29");  // from a Saturday
    CHECK(calendar.add_working_days(date("2024-04-28"), 1).to_string() == "2024-04-29");  // from a Sunday
    CHECK(calendar.add_working_days(date("2024-04-29"), 1).to_string() == "2024-04-30");  // from a Monday
    CHECK(listed(calendar.days_off(date("2024-04-27"), date("2024-04-29"))) ==
          std::vector<std::string>{"2024-04-28 Sunday"});
}

TEST_CASE("days_off is empty when nothing was skipped") {
    auto const calendar = workdays();
    CHECK(calendar.days_off(date("2024-04-22"), date("2024-04-26")).empty());
    CHECK(calendar.days_off(date("2024-04-22"), date("2024-04-22")).empty());
}

TEST_CASE("working days are counted outside the precomputed years by walking") {
    auto const calendar = workdays();
    // Easter 2285 is on 22 March, its earliest date.
    CHECK(calendar.add_working_days(date("2285-03-18"), 3).to_string() == "2285-03-26");
    CHECK(calendar.day_off_name(date("2285-03-19")) == "Skærtorsdag");
    CHECK(calendar.add_working_days(date("1850-03-20"), 5).to_string() == "1850-03-27");
}

TEST_CASE("working days are counted across the edges of the precomputed years") {
    auto const calendar = workdays();
    CHECK(calendar.add_working_days(date("2199-12-28"), 10).to_string() == "2200-01-14");
    CHECK(calendar.add_working_days(date("1899-12-20"), 10).to_string() == "1900-01-08");
    CHECK(listed(calendar.days_off(date("1899-12-20"), date("1900-01-08"))) ==
          std::vector<std::string>{"1899-12-23 Saturday", "1899-12-24 Juleaftensdag", "1899-12-25 Juledag",
                                   "1899-12-26 2. juledag", "1899-12-30 Saturday", "1899-12-31 Nytårsaftensdag",
                                   "1900-01-01 Nytårsdag", "1900-01-06 Saturday", "1900-01-07 Sunday"});
}

TEST_CASE("a long working-day span agrees with counting day by day") {
    auto const calendar = workdays();
    Date const from = date("2019-03-04");
    Date walked = from;
    for (int counted = 0; counted < 500;) {
        walked = walked.plus_days(1);
        if (calendar.is_working_day(walked)) ++counted;
    }
    CHECK(calendar.add_working_days(from, 500).to_string() == walked.to_string());
}
