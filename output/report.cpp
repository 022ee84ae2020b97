#include "output/report.hpp"

#include "output/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace pligt::engine {
namespace {

using output::bar_chart;
using output::Series;
std::string escape(std::string_view text) { return output::escape_html(text); }

std::string period_text(Period const& period) {
    return period.to ? fmt::format("{} to {}", period.from.to_string(), period.to->to_string())
                     : fmt::format("from {}", period.from.to_string());
}

constexpr char const* columns[] = {"opened", "met",      "late",   "overdue",    "pending",
                                   "waived", "excepted", "lapsed", "past_target"};

// A column's count: the instances opened, those of a status, or those past a target.
std::uint64_t count(Tally const& tally, std::string_view column) {
    if (column == "opened") return tally.opened;
    if (column == "past_target") return tally.past_target;
    return tally.by_status[static_cast<std::size_t>(*parse_status(column))];
}

std::string table(std::vector<SummaryRow> const& rows, std::string const& heading) {
    std::string html = fmt::format("<table><thead><tr><th scope=\"col\">{}</th>", escape(heading));
    for (auto const* column : columns) html += fmt::format("<th scope=\"col\">{}</th>", column);
    html += "<th scope=\"col\">hours</th><th scope=\"col\">hours vs baseline</th></tr></thead><tbody>\n";
    for (auto const& row : rows) {
        html += fmt::format("<tr><th scope=\"row\">{}</th>", escape(row.id));
        for (auto const* column : columns) html += fmt::format("<td>{}</td>", count(row.tally, column));
        html += fmt::format("<td>{:.1f}</td><td>{}</td></tr>\n", row.tally.hours,
                            row.baseline ? fmt::format("{:+.1f}", row.tally.hours - row.baseline->hours) : "");
    }
    return html + "</tbody></table>\n";
}

// The value of the row with this id, or 0 where the scenario has none.
double value_of(std::vector<SummaryRow> const& rows, std::string_view id, double (*pick)(Tally const&)) {
    for (auto const& row : rows)
        if (row.id == id) return pick(row.tally);
    return 0.0;
}

double hours_of(Tally const& tally) { return tally.hours; }
double breaches_of(Tally const& tally) {
    return static_cast<double>(tally.by_status[static_cast<std::size_t>(Status::overdue)] +
                               tally.by_status[static_cast<std::size_t>(Status::late)]);
}

}  // namespace

std::vector<std::string> describe_scenario(Program const& program, ScenarioDef const& scenario) {
    std::vector<std::string> lines;
    if (scenario.no_exemptions) lines.push_back("no municipality adopts any exemption set");
    for (auto const& set : scenario.sets) {
        auto const& id = program.exemption_sets[set.set].id;
        if (set.amends) {
            std::string laws;
            for (auto const law : *set.amends) laws += (laws.empty() ? "" : ", ") + program.laws[law].id;
            lines.push_back(fmt::format("exemption set {} amends {}", id, laws));
        }
        if (set.in_force)
            lines.push_back(fmt::format("exemption set {} is in force {}", id, period_text(*set.in_force)));
    }
    for (auto const& law : scenario.laws)
        lines.push_back(fmt::format("law {} is in force {}", program.laws[law.law].id, period_text(law.in_force)));
    for (auto const& adoption : scenario.every_municipality)
        lines.push_back(fmt::format("every municipality adopts {} {}", program.exemption_sets[adoption.set].id,
                                    period_text(adoption.period)));
    for (auto const& a : scenario.adoptions)
        lines.push_back(fmt::format("{} adopts {} {}", program.municipalities[a.municipality].id,
                                    program.exemption_sets[a.adoption.set].id, period_text(a.adoption.period)));
    for (auto const& effort : scenario.efforts)
        lines.push_back(fmt::format("{} takes {} hours", program.concepts[effort.concept_index], effort.hours));
    for (auto const& version : scenario.versions) {
        auto const& law = program.laws[version.law];
        auto const day_before = Date::from_days(version.version.from.days() - 1);
        std::string what;
        for (auto const& duty : version.duties) {
            bool const had = std::any_of(law.duties.begin(), law.duties.end(), [&](Index d) {
                return program.duties[d].id == duty.id && program.duties[d].valid.contains(day_before);
            });
            what += fmt::format("{}{} {}", what.empty() ? "" : ", ", had ? "changes" : "adds", duty.id);
        }
        for (auto const& end : scenario.ends) {
            auto const& duty = program.duties[end.duty];
            bool const replaced = std::any_of(version.duties.begin(), version.duties.end(),
                                              [&](DutyDef const& d) { return d.id == duty.id; });
            if (duty.owner == version.law && !duty.owned_by_set && end.last == day_before && !replaced)
                what += fmt::format("{}repeals {}", what.empty() ? "" : ", ", duty.id);
        }
        lines.push_back(fmt::format("law {} amended from {} by \"{}\"{}", law.id, version.version.from.to_string(),
                                    version.version.title, what.empty() ? "" : ": " + what));
    }
    return lines;
}

namespace {

std::string interval_cell(Interval const& i, char const* sign = "") {
    return fmt::format("<td>{}{:.0f}<br><small>{}{:.0f} to {}{:.0f}</small></td>", i.median > 0 ? sign : "", i.median,
                       i.low > 0 ? sign : "", i.low, i.high > 0 ? sign : "", i.high);
}

// Per scenario, its totals and each duty: the figures a policymaker weighs,
// each as the median of the runs over its 90 % interval.
std::string intervals_section(SimulationIntervals const& intervals) {
    auto const late = static_cast<std::size_t>(Status::late);
    auto const overdue = static_cast<std::size_t>(Status::overdue);
    auto const waived = static_cast<std::size_t>(Status::waived);
    std::string html = fmt::format(
        "<section id=\"intervals\"><h2>How sure the figures are</h2>\n<p>Across {} runs ({}): each figure is the "
        "median of the runs, over its 90 % interval (the 5th to the 95th percentile). The interval covers the chance "
        "in which cases arrive, not the story's assumptions or the rules' reading of the law (docs/simulation.md)."
        "</p>\n",
        intervals.runs,
        intervals.method == "seeds" ? "populations drawn with successive seeds" : "bootstrap resamples of the cases");
    for (auto const& scenario : intervals.scenarios) {
        bool const beside = scenario.totals.vs_baseline.has_value();
        html += fmt::format(
            "<h3>{}</h3>\n<table><thead><tr><th scope=\"col\">duty</th><th scope=\"col\">opened"
            "</th><th scope=\"col\">late</th><th scope=\"col\">overdue</th><th scope=\"col\">"
            "waived</th><th scope=\"col\">hours</th>{}</tr></thead><tbody>\n",
            escape(scenario.id),
            beside ? "<th scope=\"col\">late vs baseline</th><th scope=\"col\">overdue vs baseline"
                     "</th><th scope=\"col\">hours vs baseline</th>"
                   : "");
        auto const row = [&](std::string_view name, RowIntervals const& r) {
            auto const& t = r.tally;
            html += fmt::format("<tr><th scope=\"row\">{}</th>", escape(name)) + interval_cell(t.opened) +
                    interval_cell(t.by_status[late]) + interval_cell(t.by_status[overdue]) +
                    interval_cell(t.by_status[waived]) + interval_cell(t.hours);
            if (r.vs_baseline)
                html += interval_cell(r.vs_baseline->by_status[late], "+") +
                        interval_cell(r.vs_baseline->by_status[overdue], "+") +
                        interval_cell(r.vs_baseline->hours, "+");
            else if (beside) html += "<td></td><td></td><td></td>";
            html += "</tr>\n";
        };
        row("all duties", scenario.totals);
        for (auto const& r : scenario.duties) row(r.id, r);
        html += "</tbody></table>\n";
    }
    return html + "</section>\n";
}

// The cases a scenario changes: how many, which duties move in how many,
// and the first few cases, each with the commands that show it both ways.
std::string affected_section(ScenarioSummary const& scenario, std::uint64_t cases, ReportOptions const& options) {
    auto const& affected = *scenario.affected;
    std::string html = fmt::format(
        "<h3>Cases that change</h3>\n<p>{} of {} cases ({:.1f} %) have a duty that moves (an instance under one side "
        "only, or with another status); a case is one child's.</p>\n",
        affected.cases, cases, cases ? 100.0 * static_cast<double>(affected.cases) / static_cast<double>(cases) : 0.0);
    if (affected.duties.empty()) return html;
    html +=
        "<table class=\"affected\"><thead><tr><th scope=\"col\">duty</th><th scope=\"col\">cases in which it "
        "moves</th></tr></thead><tbody>\n";
    for (auto const& [duty, count] : affected.duties)
        html += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", escape(duty), count);
    html += "</tbody></table>\n<p>For example:</p>\n<ul class=\"examples\">\n";
    for (auto const& example : affected.examples) {
        std::string duties;
        for (auto const duty : example.duties) duties += (duties.empty() ? "" : ", ") + std::string{duty};
        html += fmt::format("<li>{}line {}: {}", example.id.empty() ? "" : "case " + escape(example.id) + ", ",
                            example.line, escape(duties));
        if (options.check_command)
            html +=
                fmt::format("<br><code>{}</code><br><code>{}</code>", escape(options.check_command(example.line, {})),
                            escape(options.check_command(example.line, scenario.id)));
        html += "</li>\n";
    }
    return html + "</ul>\n";
}

// The drawn population beside the public statistics its story was calibrated
// to, each cited; and each municipality's share of the cases beside its share
// of the children, the ten furthest apart first.
std::string calibration_section(CalibrationSummary const& calibration) {
    std::string html =
        "<section id=\"calibration\"><h2>The population beside the statistics</h2>\n<p>A case is one child "
        "notified about. Each statistic, as the story was calibrated to it, per case; beside it the drawn "
        "population's own figure, in all and by the year its cases started (years with few cases vary most, and a "
        "case that started near the end of the period has not yet had all its events).</p>\n"
        "<table class=\"calibration\"><thead><tr><th scope=\"col\">per case</th><th scope=\"col\">statistic"
        "</th><th scope=\"col\">source</th><th scope=\"col\">population</th>";
    for (auto const& [year, cases] : calibration.cases_by_year) html += fmt::format("<th scope=\"col\">{}</th>", year);
    html += "</tr></thead><tbody>\n";
    for (auto const& figure : calibration.figures) {
        auto const& s = *figure.statistic;
        html += fmt::format(
            "<tr><th scope=\"row\">{}</th><td>{:.3f}</td><td style=\"text-align:left\">{} ({}){}"
            "</td><td>{:.3f}</td>",
            escape(s.figure), s.per_case, escape(s.source), s.year, s.estimate ? ", an estimate" : "", figure.overall);
        for (auto const& [year, value] : figure.by_year) html += fmt::format("<td>{:.3f}</td>", value);
        html += "</tr>\n";
    }
    html += "<tr><th scope=\"row\">cases</th><td></td><td></td><td></td>";
    for (auto const& [year, cases] : calibration.cases_by_year) html += fmt::format("<td>{}</td>", cases);
    html += "</tr>\n</tbody></table>\n";

    auto places = calibration.municipalities;
    std::stable_sort(places.begin(), places.end(), [](auto const& a, auto const& b) {
        return std::abs(a.share - a.children_share) > std::abs(b.share - b.children_share);
    });
    if (places.size() > 10) places.resize(10);
    html +=
        "<p>Cases are drawn in proportion to each municipality's children aged 0-17 (its population, with its "
        "source, in municipalities/). The ten municipalities furthest from their share:</p>\n<table "
        "class=\"municipal-shares\"><thead><tr><th scope=\"col\">municipality</th><th scope=\"col\">cases</th>"
        "<th scope=\"col\">share of the cases</th><th scope=\"col\">share of the children</th></tr></thead>"
        "<tbody>\n";
    for (auto const& m : places)
        html += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td><td>{:.2f} %</td><td>{:.2f} %</td></tr>\n",
                            escape(m.id), m.cases, 100 * m.share, 100 * m.children_share);
    return html + "</tbody></table></section>\n";
}

}  // namespace

std::string report_html(Program const& program, SimulationSummary const& result, ReportOptions const& options) {
    auto const* intervals = options.intervals;
    auto const& scenarios = result.scenarios;
    std::string html =
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>pligt simulation</title><style>"
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a;max-width:80rem}"
        "table{border-collapse:collapse;margin:1rem 0;font-size:.85rem}"
        "th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:right}"
        "th[scope=row]{text-align:left}thead th{background:#eee}"
        "figure{margin:1rem 0}figcaption{font-weight:bold;margin-bottom:.3rem}"
        "@media print{section{break-inside:avoid}}"
        "</style></head><body>\n";
    html += fmt::format("<h1>Simulation of {} cases as of {}</h1>\n", result.cases, escape(result.as_of.to_string()));
    if (auto const skipped = result.skipped; skipped > 0)
        html += fmt::format("<p>{} malformed case{} skipped.</p>\n", skipped, skipped == 1 ? " was" : "s were");

    html += "<h2>Scenarios</h2>\n<dl>\n";
    for (auto const& scenario : scenarios) {
        auto const id = scenario.id;
        html += fmt::format("<dt><strong>{}</strong>: {}</dt>\n", escape(id), escape(scenario.title));
        for (auto const& s : program.scenarios)
            if (s.id == id)
                for (auto const& line : describe_scenario(program, s)) html += "<dd>" + escape(line) + "</dd>\n";
    }
    html += "</dl>\n";

    // Summary table: one row a scenario.
    html += "<h2>Totals</h2>\n<table><thead><tr><th scope=\"col\">scenario</th>";
    for (auto const* column : columns) html += fmt::format("<th scope=\"col\">{}</th>", column);
    html += "<th scope=\"col\">hours</th></tr></thead><tbody>\n";
    for (auto const& scenario : scenarios) {
        auto const& totals = scenario.totals.tally;
        html += fmt::format("<tr><th scope=\"row\">{}</th>", escape(scenario.id));
        for (auto const* column : columns) html += fmt::format("<td>{}</td>", count(totals, column));
        html += fmt::format("<td>{:.1f}</td></tr>\n", totals.hours);
    }
    html += "</tbody></table>\n";
    if (intervals) html += intervals_section(*intervals);
    if (result.calibration) html += calibration_section(*result.calibration);

    // Charts: hours by duty; breaches by municipality (the most first).
    std::vector<std::string> duties;
    for (auto const& scenario : scenarios)
        for (auto const& row : scenario.duties)
            if (std::find(duties.begin(), duties.end(), row.id) == duties.end()) duties.emplace_back(row.id);
    std::vector<Series> hours;
    for (auto const& scenario : scenarios) {
        Series s{std::string{scenario.id}, {}};
        for (auto const& duty : duties) s.values.push_back(value_of(scenario.duties, duty, hours_of));
        hours.push_back(std::move(s));
    }
    html += "<h2>Caseworker hours by duty</h2>\n" + bar_chart("Caseworker hours by duty", duties, hours, "hours");

    std::vector<std::pair<double, std::string>> ranked;
    for (auto const& row : scenarios[0].municipalities) ranked.emplace_back(breaches_of(row.tally), row.id);
    std::sort(ranked.begin(), ranked.end(), [](auto const& a, auto const& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (ranked.size() > 25) ranked.resize(25);
    std::vector<std::string> municipalities;
    for (auto const& [breaches, id] : ranked) municipalities.push_back(id);
    std::vector<Series> breach_series;
    for (auto const& scenario : scenarios) {
        Series s{std::string{scenario.id}, {}};
        for (auto const& id : municipalities) s.values.push_back(value_of(scenario.municipalities, id, breaches_of));
        breach_series.push_back(std::move(s));
    }
    html +=
        "<h2>Deadline breaches by municipality</h2>\n<p>Overdue and late duties; the 25 municipalities with the most "
        "under the baseline.</p>\n" +
        bar_chart("Deadline breaches (overdue + late)", municipalities, breach_series, "breaches");

    for (auto const& scenario : scenarios) {
        html += fmt::format("<section><h2>{}: {}</h2>\n", escape(scenario.id), escape(scenario.title));
        if (scenario.affected) html += affected_section(scenario, result.cases, options);
        html += "<h3>By duty</h3>\n" + table(scenario.duties, "duty");
        html += "<h3>By municipality</h3>\n" + table(scenario.municipalities, "municipality");
        html += "</section>\n";
    }
    return html + "</body></html>\n";
}

}  // namespace pligt::engine
