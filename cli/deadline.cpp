// `pligt deadline FROM SPAN [--calendar ID] [--rules DIR…] [--json]`: when a
// span counted from a moment ends, and which days off a working-day span
// skipped on the way. The same arithmetic as a duty's deadline in `check`
// (engine::deadline), so a caseworker can verify one by hand. Contract:
// docs/cli.md.
#include "engine/deadline.hpp"
#include "cli/rules_option.hpp"
#include "cli/terminal.hpp"
#include "cli/verbs.hpp"
#include "dsl/diagnostic.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace pligt::cli {
namespace {

struct DeadlineOptions {
    std::string from;
    std::string span;
    std::string calendar;
    std::vector<std::string> rules;
    bool json = false;
};

constexpr std::string_view unit_names[] = {"hours", "days", "working days", "weeks", "months", "years"};

// Why SPAN is not "N UNIT", as specifically as the text allows.
std::string span_error(std::string_view text) {
    auto const expected = fmt::format("expected 'N UNIT' with N from 1 to 100000 and UNIT one of {}",
                                      "hours, days, working days, weeks, months or years");
    auto const start = text.find_first_not_of(' ');
    if (start == std::string_view::npos) return expected;
    text.remove_prefix(start);
    auto const space = text.find(' ');
    if (space == std::string_view::npos) return expected;
    auto const unit_start = text.find_first_not_of(' ', space);
    auto const unit = text.substr(unit_start == std::string_view::npos ? text.size() : unit_start);
    if (unit.empty() || parse_time_unit(unit)) return expected;
    auto const suggestion =
        did_you_mean(unit, std::vector<std::string_view>(std::begin(unit_names), std::end(unit_names)));
    if (suggestion.empty()) return expected;
    return fmt::format("unknown unit '{}'{}", unit, suggestion);
}

// The calendar named by --calendar, else the default; an error when there is none.
Calendar const* find_calendar(Program const& program, std::string const& id, Terminal& terminal) {
    if (id.empty()) {
        if (program.default_calendar != no_index) return &program.calendars[program.default_calendar];
        terminal.err() << "pligt deadline: no calendar is marked default in the rule files; name one with --calendar\n";
        return nullptr;
    }
    std::vector<std::string_view> known;
    for (auto const& calendar : program.calendars) {
        if (calendar.id() == id) return &calendar;
        known.push_back(calendar.id());
    }
    auto message = fmt::format("pligt deadline: unknown calendar '{}'", id);
    if (auto const suggestion = did_you_mean(id, known); !suggestion.empty()) message += suggestion;
    else if (known.empty()) message += "; the rule files declare no calendar";
    else message += fmt::format("; the rule files declare '{}'", fmt::join(known, "', '"));
    terminal.err() << message << "\n";
    return nullptr;
}

int run_deadline(DeadlineOptions const& options, Terminal& terminal) {
    std::string why;
    auto const from = Moment::parse(options.from, &why);
    if (!from) {
        terminal.err() << fmt::format("pligt deadline: FROM '{}': {}\n", options.from, why);
        return 2;
    }
    auto const span = parse_span(options.span);
    if (!span) {
        terminal.err() << fmt::format("pligt deadline: SPAN '{}': {}\n", options.span, span_error(options.span));
        return 2;
    }
    auto const program = load_rules(options.rules, terminal);
    if (!program) return 2;

    // Only working days read the calendar, but a misspelt --calendar is an
    // error whatever the unit, so a typo never passes silently.
    std::optional<Calendar> no_days_off;
    Calendar const* calendar = nullptr;
    if (!options.calendar.empty() || span->unit == TimeUnit::working_days) {
        calendar = find_calendar(*program, options.calendar, terminal);
        if (!calendar) return 2;
    } else {
        calendar = &no_days_off.emplace("", "", std::uint8_t{0}, std::vector<HolidayRule>{});
    }

    // Dates end with 9999-12-31, the last YYYY-MM-DD: a deadline past it is no
    // date to print. Months and years are checked before counting, as a
    // count past the calendar's years would wrap around.
    auto const beyond_calendar = [&] {
        terminal.err() << fmt::format("pligt deadline: SPAN '{}': the deadline falls after 9999-12-31, the last date\n",
                                      options.span);
        return 2;
    };
    std::int64_t const months = span->unit == TimeUnit::years    ? 12 * std::int64_t{span->amount}
                                : span->unit == TimeUnit::months ? span->amount
                                                                 : 0;
    if (from->date.year() + (from->date.month() - 1 + months) / 12 > 9999) return beyond_calendar();
    auto const due = engine::deadline(*from, *span, *calendar);
    if (due.date.year() > 9999) return beyond_calendar();
    std::vector<Calendar::Skipped> skipped;
    if (span->unit == TimeUnit::working_days) skipped = calendar->days_off(from->date, due.date);

    if (options.json) {
        auto days = nlohmann::ordered_json::array();
        for (auto const& day : skipped)
            days.push_back(nlohmann::ordered_json::object({{"date", day.date.to_string()}, {"name", day.name}}));
        nlohmann::ordered_json const json{
            {"from", from->to_string()}, {"span", to_string(*span)}, {"due", due.to_string()}, {"skipped", days}};
        terminal.out() << json.dump(2) << "\n";
        return 0;
    }
    terminal.out() << due.to_string() << "\n";
    for (auto const& day : skipped) terminal.out() << day.date.to_string() << " " << day.name << "\n";
    return 0;
}

}  // namespace

void add_deadline(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<DeadlineOptions>();  // must outlive parsing
    auto* verb = app.add_subcommand("deadline", "Count a span from a date: the due date and the days off it skipped");
    verb->add_option("from", options->from, "Count from this date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM)")->required();
    verb->add_option("span", options->span,
                     "The span, quoted: \"N UNIT\" with UNIT hours, days, working days, weeks, months or years")
        ->required();
    verb->add_option("--calendar", options->calendar,
                     "Count working days in this calendar (its id); default: the one the rule files mark default")
        ->type_name("ID");
    add_rules_option(*verb, options->rules);
    verb->add_flag("--json", options->json, "Print one JSON object instead of lines");
    verb->callback([options, &terminal, &exit_code] { exit_code = run_deadline(*options, terminal); });
}

}  // namespace pligt::cli
