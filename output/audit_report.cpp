// The audit's HTML report (`pligt audit --report`): one self-contained file,
// charts as inline SVG (output/svg_chart.hpp), every number from the same
// counts as `pligt audit --json`.
#include "output/audit.hpp"
#include "output/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace pligt::output {
namespace {

using engine::AuditCounts;
using engine::AuditRow;
using engine::Status;

std::uint64_t due_count(AuditCounts const& counts) {
    return counts.met_with_deadline + counts.count(Status::late) + counts.count(Status::overdue);
}

std::string rate_text(AuditCounts const& counts) {
    auto const rate = counts.on_time_rate();
    return rate ? fmt::format("{:.1f} %", *rate * 100) : "";
}

std::string days_text(std::optional<double> days) { return days ? fmt::format("{}", std::round(*days * 10) / 10) : ""; }

std::string table(engine::Audit const& audit, std::vector<AuditRow> const& rows, bool by_year) {
    auto const& program = audit.program();
    std::string html = "<table><thead><tr><th scope=\"col\">duty</th>";
    if (by_year) html += "<th scope=\"col\">year</th>";
    for (auto const* column : {"opened", "met", "late", "overdue", "pending", "waived", "excepted", "lapsed", "on time",
                               "days late: median", "90th percentile"})
        html += fmt::format("<th scope=\"col\">{}</th>", column);
    html += "</tr></thead><tbody>\n";
    for (auto const& row : rows) {
        auto const& c = row.counts;
        auto const& duty = program.concepts[row.concept_index];
        html += fmt::format("<tr data-duty=\"{}\"{}><th scope=\"row\">{}</th>", escape_html(duty),
                            by_year ? fmt::format(" data-year=\"{}\"", row.year) : "", escape_html(duty));
        if (by_year) html += fmt::format("<td>{}</td>", row.year);
        html += fmt::format("<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
                            c.opened, c.count(Status::met), c.count(Status::late), c.count(Status::overdue),
                            c.count(Status::pending), c.count(Status::waived), c.count(Status::excepted),
                            c.count(Status::lapsed));
        html += fmt::format("<td class=\"rate\">{}</td><td>{}</td><td>{}</td></tr>\n", rate_text(c),
                            days_text(c.days_late.quantile(0.5)), days_text(c.days_late.quantile(0.9)));
    }
    return html + "</tbody></table>\n";
}

// The on-time rate per year of all duties together, and of the three duties
// with the most instances due.
std::string rate_by_year(engine::Audit const& audit) {
    auto const rows = audit.rows({false, true});
    std::map<int, AuditCounts> all;
    std::map<Index, std::uint64_t> volume;
    for (auto const& row : rows) {
        all[row.year].merge(row.counts);
        volume[row.concept_index] += due_count(row.counts);
    }
    std::vector<std::pair<std::uint64_t, Index>> ranked;
    for (auto const& [duty, n] : volume)
        if (n > 0) ranked.emplace_back(n, duty);
    std::sort(ranked.begin(), ranked.end(), [](auto const& a, auto const& b) { return a.first > b.first; });
    if (ranked.size() > 3) ranked.resize(3);

    std::vector<std::string> labels;
    for (auto const& [year, counts] : all)
        if (due_count(counts) > 0) labels.push_back(std::to_string(year));
    auto const rate_of = [](AuditCounts const& counts) { return counts.on_time_rate().value_or(0) * 100; };
    std::vector<Series> series{{"all duties", {}}};
    for (auto const& label : labels) series[0].values.push_back(rate_of(all[std::stoi(label)]));
    for (auto const& [n, duty] : ranked) {
        Series s{audit.program().concepts[duty], {}};
        for (auto const& label : labels) {
            AuditCounts counts;
            for (auto const& row : rows)
                if (row.concept_index == duty && row.year == std::stoi(label)) counts.merge(row.counts);
            s.values.push_back(rate_of(counts));
        }
        series.push_back(std::move(s));
    }
    return bar_chart("On-time rate per year of the trigger (%)", labels, series, "%", 1);
}

// How late the late and overdue instances were, in bands of calendar days.
std::string lateness_bands(engine::Audit const& audit) {
    struct Band {
        char const* label;
        std::int32_t up_to;
    };
    static constexpr Band bands[] = {{"the deadline's day", 0}, {"1 to 7 days", 7},        {"8 to 14 days", 14},
                                     {"15 to 30 days", 30},     {"31 to 90 days", 90},     {"91 to 180 days", 180},
                                     {"181 to 365 days", 365},  {"over a year", INT32_MAX}};
    std::vector<double> counts(std::size(bands), 0);
    for (auto const& row : audit.rows({}))
        for (auto const& [days, n] : row.counts.days_late.days()) {
            std::size_t band = 0;
            while (band + 1 < std::size(bands) && days > bands[band].up_to) ++band;
            counts[band] += static_cast<double>(n);
        }
    std::vector<std::string> labels;
    for (auto const& band : bands) labels.emplace_back(band.label);
    return bar_chart("Days late (late and overdue instances)", labels, {{"instances", counts}}, "instances");
}

// The municipalities by on-time rate, the lowest first (at most 30).
std::string municipalities_ranked(engine::Audit const& audit) {
    std::map<Index, AuditCounts> by_municipality;
    for (auto const& row : audit.rows({true, false})) by_municipality[row.municipality].merge(row.counts);
    std::vector<std::tuple<double, std::string, std::uint64_t>> ranked;
    for (auto const& [m, counts] : by_municipality)
        if (auto const rate = counts.on_time_rate())
            ranked.emplace_back(*rate * 100, audit.program().municipalities[m].id, due_count(counts));
    std::sort(ranked.begin(), ranked.end());
    if (ranked.size() > 30) ranked.resize(30);
    std::vector<std::string> labels;
    Series rates{"on time", {}};
    for (auto const& [rate, id, n] : ranked) {
        labels.push_back(fmt::format("{} ({} due)", id, n));
        rates.values.push_back(rate);
    }
    return bar_chart("Municipalities by on-time rate, the lowest first (%)", labels, {rates}, "%", 1);
}

}  // namespace

std::string audit_report_html(engine::Audit const& audit) {
    std::string html =
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>pligt audit</title><style>"
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a;max-width:80rem}"
        "table{border-collapse:collapse;margin:1rem 0;font-size:.85rem}"
        "th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:right}"
        "th[scope=row]{text-align:left}thead th{background:#eee}"
        "figure{margin:1rem 0}figcaption{font-weight:bold;margin-bottom:.3rem}svg{max-width:100%;height:auto}"
        "@media print{section{break-inside:avoid}}"
        "</style></head><body>\n";
    html += fmt::format("<h1>Audit of {} cases as of {}</h1>\n", audit.cases(), audit.as_of().to_string());
    html +=
        "<p>Each case is evaluated as <code>pligt check</code> evaluates it at that date. The on-time rate is the "
        "instances met by their deadline over those met by it, met late and still overdue; duties for which the "
        "statute sets no deadline are left out of it. Days late count from the deadline to when the duty was done, "
        "or to the date of the audit while it is still open; the median and 90th percentile are computed as a "
        "spreadsheet's PERCENTILE.INC computes them.</p>\n";
    html += "<section><h2>On-time rate per year</h2>\n" + rate_by_year(audit) + "</section>\n";
    html += "<section><h2>How late</h2>\n" + lateness_bands(audit) + "</section>\n";
    html += "<section><h2>Municipalities</h2>\n" + municipalities_ranked(audit) + "</section>\n";
    html += "<section><h2>By duty and year</h2>\n" + table(audit, audit.rows({false, true}), true) + "</section>\n";
    html += "<section><h2>By duty</h2>\n" + table(audit, audit.rows({}), false) + "</section>\n";
    return html + "</body></html>\n";
}

}  // namespace pligt::output
