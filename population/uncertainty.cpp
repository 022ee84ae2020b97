#include "population/uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace pligt::engine {
namespace {

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// The figures of a tally, in a fixed order, for the quantiles.
std::vector<double> figures(Tally const& tally) {
    std::vector<double> out{static_cast<double>(tally.opened)};
    for (auto const n : tally.by_status) out.push_back(static_cast<double>(n));
    out.push_back(static_cast<double>(tally.past_target));
    out.push_back(tally.hours);
    return out;
}
std::vector<double> difference(Tally const& scenario, Tally const& baseline) {
    auto a = figures(scenario);
    auto const b = figures(baseline);
    for (std::size_t i = 0; i < a.size(); ++i) a[i] -= b[i];
    return a;
}

// Per figure, its values over the runs to an interval.
TallyIntervals intervals(std::vector<std::vector<double>> const& per_run) {
    auto const interval = [&](std::size_t figure) {
        std::vector<double> values;
        for (auto const& run : per_run) values.push_back(run[figure]);
        return Interval{quantile_of(values, 0.5), quantile_of(values, 0.05), quantile_of(values, 0.95)};
    };
    TallyIntervals out;
    out.opened = interval(0);
    for (std::size_t s = 0; s < status_count; ++s) out.by_status[s] = interval(1 + s);
    out.past_target = interval(1 + status_count);
    out.hours = interval(2 + status_count);
    return out;
}

RowIntervals row_intervals(std::string id, std::vector<SummaryRow const*> const& rows) {
    std::vector<std::vector<double>> own, versus;
    bool compared = false;
    for (auto const* row : rows) {
        own.push_back(row ? figures(row->tally) : figures(Tally{}));
        compared = compared || (row && row->baseline);
        versus.push_back(row && row->baseline ? difference(row->tally, *row->baseline) : figures(Tally{}));
    }
    RowIntervals out{std::move(id), intervals(own), std::nullopt};
    if (compared) out.vs_baseline = intervals(versus);
    return out;
}

// The rows of every run by id: the first run's order, then rows only later runs have.
std::vector<RowIntervals> rows_of(std::vector<SimulationSummary> const& runs, std::size_t scenario,
                                  std::function<std::vector<SummaryRow> const&(ScenarioSummary const&)> const& pick) {
    std::vector<std::string> ids;
    for (auto const& run : runs)
        for (auto const& row : pick(run.scenarios[scenario]))
            if (std::find(ids.begin(), ids.end(), row.id) == ids.end()) ids.emplace_back(row.id);
    std::vector<RowIntervals> out;
    for (auto const& id : ids) {
        std::vector<SummaryRow const*> rows;
        for (auto const& run : runs) {
            auto const& list = pick(run.scenarios[scenario]);
            auto const it = std::find_if(list.begin(), list.end(), [&](SummaryRow const& r) { return r.id == id; });
            rows.push_back(it == list.end() ? nullptr : &*it);
        }
        out.push_back(row_intervals(id, rows));
    }
    return out;
}

}  // namespace

std::uint32_t bootstrap_weight(std::uint64_t seed, unsigned run, std::uint64_t line) {
    auto const bits = splitmix(splitmix(splitmix(seed) ^ run) ^ line);
    double const u = static_cast<double>(bits >> 11) * 0x1.0p-53;  // uniform in [0, 1)
    // The inverse of Poisson(1)'s distribution function.
    double p = std::exp(-1.0), cumulative = p;
    std::uint32_t k = 0;
    while (u >= cumulative && k < 8) {
        ++k;
        p /= k;
        cumulative += p;
    }
    return k;
}

double quantile_of(std::vector<double> values, double q) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    double const h = static_cast<double>(values.size() - 1) * q;
    auto const lower = static_cast<std::size_t>(std::floor(h));
    auto const upper = std::min(lower + 1, values.size() - 1);
    return values[lower] + (h - static_cast<double>(lower)) * (values[upper] - values[lower]);
}

SimulationIntervals intervals_of(std::vector<SimulationSummary> const& runs, std::string method) {
    SimulationIntervals out{static_cast<unsigned>(runs.size()), std::move(method), {}};
    if (runs.empty()) return out;
    for (std::size_t s = 0; s < runs.front().scenarios.size(); ++s) {
        std::vector<SummaryRow const*> totals;
        for (auto const& run : runs) totals.push_back(&run.scenarios[s].totals);
        ScenarioIntervals scenario{std::string{runs.front().scenarios[s].id}, row_intervals({}, totals), {}, {}};
        scenario.duties = rows_of(
            runs, s, [](ScenarioSummary const& x) -> auto const& { return x.duties; });
        scenario.municipalities = rows_of(
            runs, s, [](ScenarioSummary const& x) -> auto const& { return x.municipalities; });
        out.scenarios.push_back(std::move(scenario));
    }
    return out;
}

}  // namespace pligt::engine
