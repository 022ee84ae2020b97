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
        if (auto const& affected = scenario.affected) {
            auto& a = item["affected"] = nlohmann::ordered_json::object();
            a["cases"] = affected->cases;
            auto& duties = a["duties"] = nlohmann::ordered_json::array();
            for (auto const& [duty, cases] : affected->duties) duties.push_back({{"duty", duty}, {"cases", cases}});
            auto& examples = a["examples"] = nlohmann::ordered_json::array();
            for (auto const& example : affected->examples) {
                nlohmann::ordered_json e{{"line", example.line}};
                if (!example.id.empty()) e["case"] = example.id;
                e["duties"] = example.duties;
                examples.push_back(std::move(e));
            }
        }
        scenarios.push_back(std::move(item));
    }
    if (auto const& calibration = summary.calibration) {
        auto& c = out["calibration"] = nlohmann::ordered_json::object();
        auto& years = c["cases_by_year"] = nlohmann::ordered_json::object();
        for (auto const& [year, cases] : calibration->cases_by_year) years[std::to_string(year)] = cases;
        auto& figures = c["statistics"] = nlohmann::ordered_json::array();
        for (auto const& figure : calibration->figures) {
            auto const& statistic = *figure.statistic;
            nlohmann::ordered_json f{{"figure", statistic.figure},     {"per_case", statistic.per_case},
                                     {"year", statistic.year},         {"source", statistic.source},
                                     {"estimate", statistic.estimate}, {"observed", figure.overall}};
            auto& by_year = f["observed_by_year"] = nlohmann::ordered_json::object();
            for (auto const& [year, value] : figure.by_year) by_year[std::to_string(year)] = value;
            figures.push_back(std::move(f));
        }
        auto& places = c["municipalities"] = nlohmann::ordered_json::array();
        for (auto const& m : calibration->municipalities)
            places.push_back({{"municipality", m.id},
                              {"cases", m.cases},
                              {"share_of_cases", m.share},
                              {"share_of_children", m.children_share}});
    }
    return out;
}

namespace {

nlohmann::ordered_json interval_json(engine::Interval const& interval) {
    return {{"median", interval.median}, {"low", interval.low}, {"high", interval.high}};
}

nlohmann::ordered_json tally_intervals_json(engine::TallyIntervals const& tally) {
    nlohmann::ordered_json out;
    out["opened"] = interval_json(tally.opened);
    for (auto const status : engine::all_statuses)
        out[std::string{to_string(status)}] = interval_json(tally.by_status[static_cast<std::size_t>(status)]);
    out["past_target"] = interval_json(tally.past_target);
    out["hours"] = interval_json(tally.hours);
    return out;
}

nlohmann::ordered_json row_intervals_json(engine::RowIntervals const& row, char const* key) {
    nlohmann::ordered_json out;
    if (key) out[key] = row.id;
    auto const figures = tally_intervals_json(row.tally);
    for (auto const& [name, value] : figures.items()) out[name] = value;
    if (row.vs_baseline) out["vs_baseline"] = tally_intervals_json(*row.vs_baseline);
    return out;
}

}  // namespace

nlohmann::ordered_json uncertainty_json(engine::SimulationIntervals const& intervals) {
    nlohmann::ordered_json out;
    out["runs"] = intervals.runs;
    out["method"] = intervals.method;
    out["interval"] = 0.9;
    auto& scenarios = out["scenarios"] = nlohmann::ordered_json::array();
    for (auto const& scenario : intervals.scenarios) {
        nlohmann::ordered_json item;
        item["scenario"] = scenario.id;
        item["totals"] = row_intervals_json(scenario.totals, nullptr);
        item["duties"] = nlohmann::ordered_json::array();
        for (auto const& row : scenario.duties) item["duties"].push_back(row_intervals_json(row, "duty"));
        item["municipalities"] = nlohmann::ordered_json::array();
        for (auto const& row : scenario.municipalities)
            item["municipalities"].push_back(row_intervals_json(row, "municipality"));
        scenarios.push_back(std::move(item));
    }
    return out;
}

}  // namespace pligt::output
