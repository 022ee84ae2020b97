#include "output/simulation_text.hpp"

#include <fmt/format.h>

namespace pligt::output {
namespace {

std::uint64_t count(engine::Tally const& tally, engine::Status status) {
    return tally.by_status[static_cast<std::size_t>(status)];
}

std::int64_t minus(std::uint64_t a, std::uint64_t b) {
    return static_cast<std::int64_t>(a) - static_cast<std::int64_t>(b);
}

}  // namespace

void write_simulation_text(std::ostream& out, engine::SimulationSummary const& summary, Paint const& paint) {
    using engine::Status;
    out << paint(fmt::format("{} cases as of {}{}", summary.cases, summary.as_of.to_string(),
                             summary.skipped ? fmt::format(" ({} skipped)", summary.skipped) : ""),
                 Colour::bold)
        << "\n";
    for (auto const& scenario : summary.scenarios) {
        auto const& totals = scenario.totals.tally;
        out << fmt::format("\n{} · {}\n", scenario.id, scenario.title);
        out << fmt::format(
            "  {} duties opened: {} met, {} late, {} overdue, {} pending, {} waived, {} excepted, {} lapsed; "
            "{}{:.0f} caseworker hours\n",
            totals.opened, count(totals, Status::met), count(totals, Status::late), count(totals, Status::overdue),
            count(totals, Status::pending), count(totals, Status::waived), count(totals, Status::excepted),
            count(totals, Status::lapsed),
            totals.past_target ? fmt::format("{} past a target (not a breach); ", totals.past_target) : "",
            totals.hours);
        if (auto const& base = scenario.totals.baseline)
            out << fmt::format("  against the baseline: {:+} waived, {:+} overdue or late, {:+.0f} hours\n",
                               minus(count(totals, Status::waived), count(*base, Status::waived)),
                               minus(count(totals, Status::overdue), count(*base, Status::overdue)) +
                                   minus(count(totals, Status::late), count(*base, Status::late)),
                               totals.hours - base->hours);
        if (auto const& affected = scenario.affected) {
            std::string duties;
            for (std::size_t i = 0; i < affected->duties.size() && i < 3; ++i)
                duties +=
                    fmt::format("{}{} ({})", i ? ", " : "", affected->duties[i].first, affected->duties[i].second);
            std::string examples;
            for (auto const& e : affected->examples)
                examples += fmt::format("{}{}", examples.empty() ? "" : ", ",
                                        e.id.empty() ? fmt::format("line {}", e.line) : e.id);
            out << fmt::format("  {} {}{}{}\n", affected->cases, affected->cases == 1 ? "case changes" : "cases change",
                               duties.empty() ? "" : ": " + duties,
                               examples.empty() ? "" : "; for example " + examples);
        }
        for (auto const& duty : scenario.duties)
            out << fmt::format("    {:<32} {:>8} opened {:>8} waived {:>8} overdue {:>10.0f} h\n", duty.id,
                               duty.tally.opened, count(duty.tally, Status::waived), count(duty.tally, Status::overdue),
                               duty.tally.hours);
    }
}

namespace {

std::string interval_text(engine::Interval const& i, char const* format) {
    return fmt::format(fmt::runtime(format), i.median) + " [" + fmt::format(fmt::runtime(format), i.low) + " to " +
           fmt::format(fmt::runtime(format), i.high) + "]";
}

}  // namespace

void write_uncertainty_text(std::ostream& out, engine::SimulationIntervals const& intervals) {
    out << fmt::format(
        "\nAcross {} runs ({}): median [90 % interval]\n", intervals.runs,
        intervals.method == "seeds" ? "populations drawn with successive seeds" : "bootstrap resamples of the cases");
    for (auto const& scenario : intervals.scenarios) {
        auto const& t = scenario.totals.tally;
        auto const late = static_cast<std::size_t>(engine::Status::late);
        auto const overdue = static_cast<std::size_t>(engine::Status::overdue);
        out << fmt::format("  {:<24} late {}  overdue {}  hours {}\n", scenario.id,
                           interval_text(t.by_status[late], "{:.0f}"), interval_text(t.by_status[overdue], "{:.0f}"),
                           interval_text(t.hours, "{:.0f}"));
        if (auto const& v = scenario.totals.vs_baseline)
            out << fmt::format("  {:<24} vs baseline: late {}  overdue {}  hours {}\n", "",
                               interval_text(v->by_status[late], "{:+.0f}"),
                               interval_text(v->by_status[overdue], "{:+.0f}"), interval_text(v->hours, "{:+.0f}"));
    }
}

}  // namespace pligt::output
