// The text a user types for `pligt deadline FROM SPAN`: a span ("6 working
// days") and a moment ("2019-03-04T09:30"). The input is read whole with
// every parser, and as SPAN, a line break, FROM. A span that parses is
// counted with engine::deadline on the shipped default calendar, from the
// moment when that parses too, else from a fixed one. Properties: whatever
// parses prints back to the same text form and parses to the same value.
#include "fuzz/shipped.hpp"

#include "engine/deadline.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace pligt;

void check_moment(std::string_view text) {
    std::string why;
    auto const moment = Moment::parse(text, &why);
    if (!moment) {
        if (why.empty()) fuzz::fail("a moment that does not parse says why");
        return;
    }
    auto const again = Moment::parse(moment->to_string());
    if (!again || again->date != moment->date || again->minute != moment->minute)
        fuzz::fail("a moment prints and parses back to itself");
}

void check_date(std::string_view text) {
    auto const date = Date::parse(text);
    if (!date) return;
    if (date->to_string() != text) fuzz::fail("a date prints as it was written");
    if (Date::from_civil(date->year(), date->month(), date->day()) != date)
        fuzz::fail("a date's year, month and day make the same date");
}

void check_span(std::string_view text) {
    auto const span = parse_span(text);
    if (!span) return;
    auto const again = parse_span(to_string(*span));
    if (!again || again->amount != span->amount || again->unit != span->unit)
        fuzz::fail("a span prints and parses back to itself");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto const& program = fuzz::shipped_program();
    auto const& calendar = program.calendars[program.default_calendar];
    std::string_view const text{reinterpret_cast<char const*>(data), size};

    check_moment(text);
    check_date(text);
    check_span(text);
    parse_time_unit(text);

    auto const line_break = text.find('\n');
    auto const span_text = text.substr(0, line_break);
    auto const from_text = line_break == std::string_view::npos ? std::string_view{} : text.substr(line_break + 1);
    check_span(span_text);
    check_moment(from_text);
    auto const span = parse_span(span_text);
    if (!span) return 0;
    auto const from = Moment::parse(from_text).value_or(Moment::at(*Date::parse("2019-03-04"), 9 * 60 + 30));
    auto const due = engine::deadline(from, *span, calendar);
    // Month arithmetic goes through std::chrono::year, which holds years up
    // to 32767 only: past that the result wraps (see docs/reliability.md,
    // "Fuzzing"). Dates are 0001-9999 (Date::parse), so the properties are
    // checked for deadlines within those years.
    std::int64_t months = 0;
    if (span->unit == TimeUnit::months) months = span->amount;
    if (span->unit == TimeUnit::years) months = std::int64_t{12} * span->amount;
    std::int64_t const end_month = std::int64_t{from.date.year()} * 12 + (from.date.month() - 1) + months;
    if (end_month / 12 <= 9999) {
        if (Moment::compare(due, from) < 0) fuzz::fail("a deadline does not come before its start");
        if (months > 0 && std::int64_t{due.date.year()} * 12 + (due.date.month() - 1) != end_month)
            fuzz::fail("N months after a date fall in the N-th month after it");
    }
    due.to_string();
    if (span->unit != TimeUnit::hours && span->unit != TimeUnit::working_days)
        engine::before(from.date, *span).to_string();
    if (span->unit == TimeUnit::working_days) calendar.days_off(from.date, due.date);  // as `pligt deadline`
    return 0;
}
