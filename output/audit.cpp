#include "output/audit.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pligt::output {
namespace {

using engine::Status;

// The statuses as the contract names its counts, in its order.
constexpr std::pair<char const*, Status> counted[] = {{"met", Status::met},         {"late", Status::late},
                                                      {"overdue", Status::overdue}, {"pending", Status::pending},
                                                      {"waived", Status::waived},   {"excepted", Status::excepted},
                                                      {"lapsed", Status::lapsed}};

// A figure with at most 4 decimals, as it is printed in every format.
double rounded(double value) { return std::round(value * 10000.0) / 10000.0; }

std::string figure(std::optional<double> value) {
    if (!value) return {};
    return fmt::format("{}", rounded(*value));
}

}  // namespace

nlohmann::ordered_json audit_json(engine::Audit const& audit, engine::AuditKeys keys) {
    auto const& program = audit.program();
    auto const rows = audit.rows(keys);
    nlohmann::ordered_json by = nlohmann::ordered_json::array({"duty"});
    if (keys.municipality) by.push_back("municipality");
    if (keys.year) by.push_back("year");
    nlohmann::ordered_json out = {{"as_of", audit.as_of().to_string()},
                                  {"cases", audit.cases()},
                                  {"by", by},
                                  {"rows", nlohmann::ordered_json::array()}};
    for (auto const& row : rows) {
        nlohmann::ordered_json r = {{"duty", program.concepts[row.concept_index]}};
        if (keys.municipality) r["municipality"] = program.municipalities[row.municipality].id;
        if (keys.year) r["year"] = row.year;
        auto const& counts = row.counts;
        r["opened"] = counts.opened;
        for (auto const& [name, status] : counted) r[name] = counts.count(status);
        r["met_with_deadline"] = counts.met_with_deadline;
        r["past_target"] = counts.past_target;
        if (auto const rate = counts.on_time_rate()) r["on_time_rate"] = rounded(*rate);
        if (counts.days_late.count() > 0) {
            r["days_late_median"] = rounded(*counts.days_late.quantile(0.5));
            r["days_late_p90"] = rounded(*counts.days_late.quantile(0.9));
            r["working_days_late_median"] = rounded(*counts.working_days_late.quantile(0.5));
            r["working_days_late_p90"] = rounded(*counts.working_days_late.quantile(0.9));
        }
        out["rows"].push_back(std::move(r));
    }
    return out;
}

void write_audit_csv(std::ostream& out, engine::Audit const& audit, engine::AuditKeys keys) {
    auto const& program = audit.program();
    auto const rows = audit.rows(keys);
    out << "duty" << (keys.municipality ? ",municipality" : "") << (keys.year ? ",year" : "")
        << ",opened,met,late,overdue,pending,waived,excepted,lapsed,met_with_deadline,past_target,on_time_rate,"
           "days_late_median,days_late_p90,working_days_late_median,working_days_late_p90\n";
    for (auto const& row : rows) {
        auto const& counts = row.counts;
        out << program.concepts[row.concept_index];
        if (keys.municipality) out << ',' << program.municipalities[row.municipality].id;
        if (keys.year) out << ',' << row.year;
        out << ',' << counts.opened;
        for (auto const& [name, status] : counted) out << ',' << counts.count(status);
        out << ',' << counts.met_with_deadline << ',' << counts.past_target << ',' << figure(counts.on_time_rate())
            << ',' << figure(counts.days_late.quantile(0.5)) << ',' << figure(counts.days_late.quantile(0.9)) << ','
            << figure(counts.working_days_late.quantile(0.5)) << ',' << figure(counts.working_days_late.quantile(0.9))
            << '\n';
    }
}

void write_audit_table(std::ostream& out, engine::Audit const& audit, engine::AuditKeys keys) {
    auto const& program = audit.program();
    auto const rows = audit.rows(keys);
    std::size_t width = 4;
    for (auto const& row : rows) width = std::max(width, program.concepts[row.concept_index].size());
    out << fmt::format("{} cases as of {}\n\n", audit.cases(), audit.as_of().to_string());
    out << fmt::format("{:<{}}", "duty", width) << (keys.municipality ? fmt::format("  {:<16}", "municipality") : "")
        << (keys.year ? "  year" : "")
        << "   opened      met     late  overdue  pending   waived excepted  on time  late: median    p90\n";
    for (auto const& row : rows) {
        auto const& counts = row.counts;
        out << fmt::format("{:<{}}", program.concepts[row.concept_index], width);
        if (keys.municipality) out << fmt::format("  {:<16}", program.municipalities[row.municipality].id);
        if (keys.year) out << fmt::format("  {}", row.year);
        out << fmt::format(" {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}", counts.opened, counts.count(Status::met),
                           counts.count(Status::late), counts.count(Status::overdue), counts.count(Status::pending),
                           counts.count(Status::waived), counts.count(Status::excepted));
        auto const rate = counts.on_time_rate();
        out << fmt::format(" {:>8}", rate ? fmt::format("{:.1f} %", *rate * 100) : "-");
        auto const median = counts.days_late.quantile(0.5), p90 = counts.days_late.quantile(0.9);
        out << fmt::format(" {:>13} {:>6}\n", median ? figure(median) + " d" : "-", p90 ? figure(p90) + " d" : "-");
    }
}

}  // namespace pligt::output
