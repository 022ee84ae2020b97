#include "output/simulation_json.hpp"

#include <nlohmann/json.hpp>

namespace pligt::output {
namespace {

using engine::Tally;

void add_tally(nlohmann::ordered_json& out, Tally const& tally) {
    out["opened"] = tally.opened;
    for (auto const status : engine::all_statuses)
        out[std::string{to_string(status)}] = tally.by_status[static_cast<std::size_t>(status)];
    out["past_target"] = tally.past_target;
    out["hours"] = tally.hours;
}

// scenario − baseline, member by member.
nlohmann::ordered_json difference(Tally const& scenario, Tally const& baseline) {
    auto const minus = [](std::uint64_t a, std::uint64_t b) {
        return static_cast<std::int64_t>(a) - static_cast<std::int64_t>(b);
    };
    nlohmann::ordered_json out;
    out["opened"] = minus(scenario.opened, baseline.opened);
    for (auto const status : engine::all_statuses) {
        auto const s = static_cast<std::size_t>(status);
        out[std::string{to_string(status)}] = minus(scenario.by_status[s], baseline.by_status[s]);
    }
    out["past_target"] = minus(scenario.past_target, baseline.past_target);
    out["hours"] = scenario.hours - baseline.hours;
    return out;
}

nlohmann::ordered_json rows(std::vector<engine::SummaryRow> const& summary_rows, std::string const& key) {
    auto out = nlohmann::ordered_json::array();
    for (auto const& row : summary_rows) {
        nlohmann::ordered_json item{{key, row.id}};
        add_tally(item, row.tally);
        if (row.baseline) item["vs_baseline"] = difference(row.tally, *row.baseline);
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace

nlohmann::ordered_json simulation_json(engine::SimulationSummary const& summary) {
    nlohmann::ordered_json out;
    out["as_of"] = summary.as_of.to_string();
    out["cases"] = summary.cases;
    out["skipped"] = summary.skipped;
    auto& scenarios = out["scenarios"] = nlohmann::ordered_json::array();
    for (auto const& scenario : summary.scenarios) {
        nlohmann::ordered_json item;
        item["scenario"] = scenario.id;
        item["title"] = scenario.title;
        auto& totals = item["totals"] = nlohmann::ordered_json::object();
        add_tally(totals, scenario.totals.tally);
        if (scenario.totals.baseline)
            totals["vs_baseline"] = difference(scenario.totals.tally, *scenario.totals.baseline);
        item["duties"] = rows(scenario.duties, "duty");
        item["municipalities"] = rows(scenario.municipalities, "municipality");
        scenarios.push_back(std::move(item));
    }
    return out;
}

}  // namespace pligt::output
