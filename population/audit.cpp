#include "population/audit.hpp"

#include "engine/deadline.hpp"

#include <cmath>

namespace pligt::engine {

void Lateness::merge(Lateness const& other) {
    for (auto const& [days, n] : other.days_) days_[days] += n;
}

std::uint64_t Lateness::count() const {
    std::uint64_t n = 0;
    for (auto const& [days, count] : days_) n += count;
    return n;
}

std::optional<double> Lateness::quantile(double q) const {
    auto const n = count();
    if (n == 0) return std::nullopt;
    // The values at ranks floor(h) and floor(h) + 1 (0-based), h = (n - 1) q.
    double const h = static_cast<double>(n - 1) * q;
    auto const lower_rank = static_cast<std::uint64_t>(std::floor(h));
    auto const value_at = [&](std::uint64_t rank) {
        std::uint64_t seen = 0;
        for (auto const& [days, count] : days_) {
            seen += count;
            if (rank < seen) return static_cast<double>(days);
        }
        return static_cast<double>(days_.rbegin()->first);
    };
    double const lower = value_at(lower_rank);
    double const upper = value_at(std::min(lower_rank + 1, n - 1));
    return lower + (h - static_cast<double>(lower_rank)) * (upper - lower);
}

std::optional<double> AuditCounts::on_time_rate() const {
    auto const due = met_with_deadline + count(Status::late) + count(Status::overdue);
    if (due == 0) return std::nullopt;
    return static_cast<double>(met_with_deadline) / static_cast<double>(due);
}

void AuditCounts::merge(AuditCounts const& other) {
    opened += other.opened;
    for (std::size_t s = 0; s < status_count; ++s) by_status[s] += other.by_status[s];
    met_with_deadline += other.met_with_deadline;
    past_target += other.past_target;
    days_late.merge(other.days_late);
    working_days_late.merge(other.working_days_late);
}

Audit::Audit(Program const& program, Moment as_of) : program_{program}, as_of_{as_of} {}

void Audit::Accumulator::add(Case const& c) {
    ++cases_;
    auto const& audit = *audit_;
    auto const& program = audit.program_;
    evaluate(program, c, audit.as_of_, results_);
    for (auto const& result : results_) {
        auto const& duty = program.duties[result.duty];
        auto& counts = rows_[{duty.concept_index, c.municipality, c.events[result.trigger].at.date.year()}];
        ++counts.opened;
        ++counts.by_status[static_cast<std::size_t>(result.status)];
        counts.past_target += result.past_target;
        if (result.status == Status::met && !result.no_deadline) ++counts.met_with_deadline;
        if (result.status != Status::late && result.status != Status::overdue) continue;
        // Late: done after the deadline; overdue: still open at the as-of date.
        auto const at =
            result.status == Status::late ? c.events[static_cast<std::size_t>(result.done)].at.date : audit.as_of_.date;
        counts.days_late.add(at.days() - result.due.date.days());
        counts.working_days_late.add(calendar_of(program, duty).working_days_between(result.due.date, at));
    }
}

void Audit::merge(Accumulator const& accumulator) {
    for (auto const& [key, counts] : accumulator.rows_) rows_[key].merge(counts);
    cases_ += accumulator.cases_;
}

std::vector<AuditRow> Audit::rows(AuditKeys keys) const {
    // Concept indices are in id order (Program::concepts is sorted), and
    // municipality indices in the program's order, so the map's order is
    // the rows' order.
    std::map<std::tuple<Index, Index, int>, AuditCounts> summed;
    for (auto const& [key, counts] : rows_) {
        auto const& [concept_index, municipality, year] = key;
        summed[{concept_index, keys.municipality ? municipality : no_index, keys.year ? year : 0}].merge(counts);
    }
    std::vector<AuditRow> out;
    out.reserve(summed.size());
    for (auto const& [key, counts] : summed)
        out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), counts});
    return out;
}

}  // namespace pligt::engine
