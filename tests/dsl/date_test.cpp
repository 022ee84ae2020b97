// Civil dates and moments: strict reading, month arithmetic that clamps, ages
// from a 29 February birthday, and hours that keep the clock time.
#include "dsl/date.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using pligt::Date;
using pligt::Moment;

Date date(std::string const& text) {
    auto const parsed = Date::parse(text);
    REQUIRE_MESSAGE(parsed.has_value(), "not a date: ", text);
    return *parsed;
}

Moment moment(std::string const& text) {
    std::string error;
    auto const parsed = Moment::parse(text, &error);
    REQUIRE_MESSAGE(parsed.has_value(), "not a moment: ", text, ": ", error);
    return *parsed;
}

// The message Moment::parse gives for text it rejects.
std::string moment_error(std::string const& text) {
    std::string error;
    auto const parsed = Moment::parse(text, &error);
    CHECK_MESSAGE(!parsed.has_value(), "accepted: ", text);
    return error;
}

}  // namespace

TEST_CASE("Date::parse reads YYYY-MM-DD into its year, month and day") {
    auto const d = date("2019-03-05");
    CHECK(d.year() == 2019);
    CHECK(d.month() == 3);
    CHECK(d.day() == 5);
    CHECK(d.to_string() == "2019-03-05");
    CHECK(date("1970-01-01").days() == 0);
    CHECK(date("1970-01-02").days() == 1);
    CHECK(date("2024-02-29").to_string() == "2024-02-29");
    CHECK(date("0001-01-01").to_string() == "0001-01-01");
    CHECK(date("9999-12-31").to_string() == "9999-12-31");
}

TEST_CASE("Date::parse rejects impossible dates") {
    CHECK_FALSE(Date::parse("2023-02-30"));
    CHECK_FALSE(Date::parse("2023-02-29"));  // not a leap year
    CHECK_FALSE(Date::parse("2019-04-31"));
    CHECK_FALSE(Date::parse("2023-13-01"));
    CHECK_FALSE(Date::parse("2023-00-10"));
    CHECK_FALSE(Date::parse("2023-01-00"));
    CHECK_FALSE(Date::parse("2023-01-32"));
    CHECK_FALSE(Date::parse("0000-01-01"));
}

TEST_CASE("Date::parse accepts only the strict YYYY-MM-DD form") {
    CHECK_FALSE(Date::parse("2019-3-05"));
    CHECK_FALSE(Date::parse("2019-03-5"));
    CHECK_FALSE(Date::parse("19-03-05"));
    CHECK_FALSE(Date::parse("2019/03/05"));
    CHECK_FALSE(Date::parse("20190305"));
    CHECK_FALSE(Date::parse(" 2019-03-05"));
    CHECK_FALSE(Date::parse("2019-03-05 "));
    CHECK_FALSE(Date::parse("2019-03-05T10:00"));
    CHECK_FALSE(Date::parse("+019-03-05"));
    CHECK_FALSE(Date::parse("2019-03-0a"));
    CHECK_FALSE(Date::parse(""));
}

TEST_CASE("Date::from_civil rejects what Date::parse rejects") {
    CHECK(Date::from_civil(2024, 2, 29) == date("2024-02-29"));
    CHECK_FALSE(Date::from_civil(2023, 2, 30));
    CHECK_FALSE(Date::from_civil(2023, 13, 1));
    CHECK_FALSE(Date::from_civil(0, 1, 1));
    CHECK_FALSE(Date::from_civil(2023, 1, -1));
}

TEST_CASE("plus_months keeps the day when the target month has it") {
    CHECK(date("2019-03-05").plus_months(4) == date("2019-07-05"));
    CHECK(date("2019-01-31").plus_months(2) == date("2019-03-31"));
    CHECK(date("2019-03-05").plus_months(0) == date("2019-03-05"));
    CHECK(date("2019-03-05").plus_months(-3) == date("2018-12-05"));
}

TEST_CASE("plus_months clamps to the last day of a shorter month") {
    CHECK(date("2023-10-31").plus_months(4) == date("2024-02-29"));  // leap year
    CHECK(date("2024-10-31").plus_months(4) == date("2025-02-28"));  // common year
    CHECK(date("2019-01-31").plus_months(1) == date("2019-02-28"));
    CHECK(date("2019-05-31").plus_months(1) == date("2019-06-30"));
    CHECK(date("2019-03-31").plus_months(-1) == date("2019-02-28"));
}

TEST_CASE("plus_months carries into the next year") {
    CHECK(date("2019-11-30").plus_months(3) == date("2020-02-29"));
    CHECK(date("2019-12-31").plus_months(2) == date("2020-02-29"));
    CHECK(date("2019-12-15").plus_months(1) == date("2020-01-15"));
    CHECK(date("2019-10-01").plus_months(27) == date("2022-01-01"));
}

TEST_CASE("plus_years from 29 February lands on 28 February in a common year") {
    auto const leap_day = date("2012-02-29");
    CHECK(leap_day.plus_years(1) == date("2013-02-28"));
    CHECK(leap_day.plus_years(4) == date("2016-02-29"));
    CHECK(leap_day.plus_years(18) == date("2030-02-28"));
    CHECK(date("2019-03-05").plus_years(2) == date("2021-03-05"));
}

TEST_CASE("plus_days crosses month and year ends") {
    CHECK(date("2019-02-28").plus_days(1) == date("2019-03-01"));
    CHECK(date("2020-02-28").plus_days(1) == date("2020-02-29"));
    CHECK(date("2019-12-31").plus_days(1) == date("2020-01-01"));
    CHECK(date("2019-03-01").plus_days(-1) == date("2019-02-28"));
}

TEST_CASE("iso_weekday counts Monday as 1 and Sunday as 7") {
    CHECK(date("2019-03-04").iso_weekday() == 1);  // a Monday
    CHECK(date("2019-03-08").iso_weekday() == 5);
    CHECK(date("2019-03-09").iso_weekday() == 6);
    CHECK(date("2019-03-10").iso_weekday() == 7);
    CHECK(date("1970-01-01").iso_weekday() == 4);  // a Thursday
    CHECK(date("2024-02-29").iso_weekday() == 4);
}

TEST_CASE("age_in_years counts whole years and turns on the birthday") {
    auto const birth = date("2011-05-14");
    CHECK(pligt::age_in_years(birth, date("2011-05-14")) == 0);
    CHECK(pligt::age_in_years(birth, date("2019-05-13")) == 7);
    CHECK(pligt::age_in_years(birth, date("2019-05-14")) == 8);
    CHECK(pligt::age_in_years(birth, date("2019-12-31")) == 8);
    CHECK(pligt::age_in_years(birth, date("2029-05-13")) == 17);
    CHECK(pligt::age_in_years(birth, date("2029-05-14")) == 18);
}

TEST_CASE("age_in_years: a child born on 29 February has a birthday on 28 February in a common year") {
    auto const birth = date("2012-02-29");
    CHECK(pligt::age_in_years(birth, date("2013-02-27")) == 0);
    CHECK(pligt::age_in_years(birth, date("2013-02-28")) == 1);
    CHECK(pligt::age_in_years(birth, date("2030-02-27")) == 17);
    CHECK(pligt::age_in_years(birth, date("2030-02-28")) == 18);
    // In a leap year the birthday is 29 February itself.
    CHECK(pligt::age_in_years(birth, date("2016-02-28")) == 3);
    CHECK(pligt::age_in_years(birth, date("2016-02-29")) == 4);
}

TEST_CASE("Moment::parse reads a date without a time of day") {
    auto const m = moment("2019-03-04");
    CHECK_FALSE(m.has_time());
    CHECK(m.date == date("2019-03-04"));
    CHECK(m.to_string() == "2019-03-04");
}

TEST_CASE("Moment::parse reads a date-time to the minute and drops seconds") {
    auto const m = moment("2019-03-04T09:30");
    REQUIRE(m.has_time());
    CHECK(m.date == date("2019-03-04"));
    CHECK(m.minute == 9 * 60 + 30);
    CHECK(m.to_string() == "2019-03-04T09:30");

    auto const with_seconds = moment("2019-03-04T09:30:59");
    CHECK(with_seconds.minute == 9 * 60 + 30);
    CHECK(with_seconds.to_string() == "2019-03-04T09:30");

    CHECK(moment("2019-03-04T00:00").to_string() == "2019-03-04T00:00");
    CHECK(moment("2019-03-04T23:59").to_string() == "2019-03-04T23:59");
}

TEST_CASE("Moment::parse rejects 'Z' and offsets: v1 does no time-zone conversion") {
    std::string const message =
        "a time-zone offset is not accepted; give the local civil time without 'Z' or an offset";
    CHECK(moment_error("2019-03-04T09:30Z") == message);
    CHECK(moment_error("2019-03-04T09:30+01:00") == message);
    CHECK(moment_error("2019-03-04T09:30-05:00") == message);
    CHECK(moment_error("2019-03-04T09:30:15Z") == message);
    CHECK(moment_error("2019-03-04Z") == message);
    CHECK(moment_error("2019-03-04+01:00") == message);
}

TEST_CASE("Moment::parse rejects a time of day outside 00:00-23:59") {
    CHECK(moment_error("2019-03-04T24:00") == "the time of day must be 00:00-23:59");
    CHECK(moment_error("2019-03-04T12:60") == "the time of day must be 00:00-23:59");
    CHECK(moment_error("2019-03-04T12:30:60") == "seconds must be 00-59");
}

TEST_CASE("Moment::parse says what is wrong with a malformed value") {
    CHECK(moment_error("2019-02-30") == "'2019-02-30' is not a date in the calendar");
    CHECK(moment_error("2019-02-30T10:00") == "'2019-02-30' is not a date in the calendar");
    CHECK(moment_error("yesterday") == "expected a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM");
    CHECK(moment_error("2019-3-4") == "expected a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM");
    CHECK(moment_error("2019-03-04x") == "expected a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM");
    CHECK(moment_error("2019-03-04T9:30") == "expected a time of day HH:MM after the date");
    CHECK(moment_error("2019-03-04T") == "expected a time of day HH:MM after the date");
    CHECK(moment_error("2019-03-04T09:30 ") == "unexpected ' ' after the time of day");
    CHECK(moment_error("2019-03-04T09:30:5") == "unexpected ':5' after the time of day");
}

TEST_CASE("plus_hours keeps the clock time: 24 hours is the same time next day") {
    CHECK(moment("2019-03-04T09:30").plus_hours(24).to_string() == "2019-03-05T09:30");
    CHECK(moment("2019-03-04T09:30").plus_hours(1).to_string() == "2019-03-04T10:30");
    CHECK(moment("2019-03-04T09:30").plus_hours(14).to_string() == "2019-03-04T23:30");
    CHECK(moment("2019-03-04T09:30").plus_hours(15).to_string() == "2019-03-05T00:30");
    CHECK(moment("2019-03-04T09:30").plus_hours(72).to_string() == "2019-03-07T09:30");
}

TEST_CASE("plus_hours crosses month and year ends") {
    CHECK(moment("2019-02-28T20:00").plus_hours(5).to_string() == "2019-03-01T01:00");
    CHECK(moment("2020-02-28T20:00").plus_hours(5).to_string() == "2020-02-29T01:00");
    CHECK(moment("2019-12-31T23:30").plus_hours(1).to_string() == "2020-01-01T00:30");
    CHECK(moment("2019-12-31T12:00").plus_hours(24).to_string() == "2020-01-01T12:00");
}

TEST_CASE("plus_hours from a date-only moment ends on the date the hours end") {
    auto const due = moment("2019-03-04").plus_hours(24);
    CHECK_FALSE(due.has_time());
    CHECK(due.to_string() == "2019-03-05");
    CHECK(moment("2019-03-04").plus_hours(48).to_string() == "2019-03-06");
    CHECK(moment("2019-12-31").plus_hours(24).to_string() == "2020-01-01");
    CHECK(moment("2019-02-28").plus_hours(24).to_string() == "2019-03-01");
}

TEST_CASE("Moment::compare compares only dates when either side has no time of day") {
    auto const day = moment("2019-03-05");
    CHECK(Moment::compare(day, moment("2019-03-05T10:00")) == std::strong_ordering::equal);
    CHECK(Moment::compare(moment("2019-03-05T23:59"), day) == std::strong_ordering::equal);
    CHECK(Moment::compare(moment("2019-03-04T23:59"), day) == std::strong_ordering::less);
    CHECK(Moment::compare(day, moment("2019-03-06T00:00")) == std::strong_ordering::less);
    CHECK(Moment::compare(day, moment("2019-03-04")) == std::strong_ordering::greater);
}

TEST_CASE("Moment::compare compares the time of day when both sides have one") {
    CHECK(Moment::compare(moment("2019-03-05T09:00"), moment("2019-03-05T10:00")) == std::strong_ordering::less);
    CHECK(Moment::compare(moment("2019-03-05T10:00"), moment("2019-03-05T10:00:30")) == std::strong_ordering::equal);
    CHECK(Moment::compare(moment("2019-03-05T10:01"), moment("2019-03-05T10:00")) == std::strong_ordering::greater);
}

TEST_CASE("sorts_before puts a date-only moment before the date-times of its day") {
    CHECK(Moment::sorts_before(moment("2019-03-05"), moment("2019-03-05T00:00")));
    CHECK_FALSE(Moment::sorts_before(moment("2019-03-05T00:00"), moment("2019-03-05")));
    CHECK_FALSE(Moment::sorts_before(moment("2019-03-05"), moment("2019-03-05")));
    CHECK(Moment::sorts_before(moment("2019-03-04T23:59"), moment("2019-03-05")));
    CHECK(Moment::sorts_before(moment("2019-03-05T09:00"), moment("2019-03-05T09:01")));
}
