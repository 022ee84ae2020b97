#include "output/uncertainty_csv.hpp"

#include <fmt/format.h>

namespace pligt::output {
namespace {

// A figure's name and its interval, in the JSON's order.
template <typename F>
void each_figure(engine::TallyIntervals const& tally, F&& f) {
    f("opened", tally.opened);
    for (auto const status : engine::all_statuses)
        f(to_string(status), tally.by_status[static_cast<std::size_t>(status)]);
    f("past_target", tally.past_target);
    f("hours", tally.hours);
}

void rows(std::string& out, std::string_view scenario, std::string_view duty, std::string_view municipality,
          engine::RowIntervals const& row) {
    std::vector<engine::Interval> differences;
    if (row.vs_baseline)
        each_figure(*row.vs_baseline, [&](auto, engine::Interval const& i) { differences.push_back(i); });
    std::size_t n = 0;
    each_figure(row.tally, [&](std::string_view figure, engine::Interval const& i) {
        out += fmt::format("{},{},{},{},{},{},{}", scenario, duty, municipality, figure, i.median, i.low, i.high);
        if (n < differences.size())
            out += fmt::format(",{},{},{}\n", differences[n].median, differences[n].low, differences[n].high);
        else out += ",,,\n";
        ++n;
    });
}

}  // namespace

std::string uncertainty_csv(engine::SimulationIntervals const& intervals) {
    std::string out =
        "scenario,duty,municipality,figure,median,low,high,vs_baseline_median,vs_baseline_low,vs_baseline_high\n";
    for (auto const& scenario : intervals.scenarios) {
        rows(out, scenario.id, "", "", scenario.totals);
        for (auto const& row : scenario.duties) rows(out, scenario.id, row.id, "", row);
        for (auto const& row : scenario.municipalities) rows(out, scenario.id, "", row.id, row);
    }
    return out;
}

}  // namespace pligt::output
