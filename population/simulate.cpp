#include "population/simulate.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pligt::engine {

Tally& Tally::operator+=(Tally const& other) {
    opened += other.opened;
    for (std::size_t s = 0; s < status_count; ++s) by_status[s] += other.by_status[s];
    past_target += other.past_target;
    hours += other.hours;
    return *this;
}

Simulation::Simulation(std::vector<SimulatedProgram> programs, Moment as_of)
    : programs_{std::move(programs)}, as_of_{as_of} {
    concepts_ = baseline().concepts.size();
    municipalities_ = baseline().municipalities.size();
    tallies_.assign(programs_.size() * concepts_ * municipalities_, {});
}

Simulation::Accumulator::Accumulator(Simulation const& simulation)
    : simulation_{&simulation}, tallies_(simulation.tallies_.size()) {}

void Simulation::Accumulator::add(Case const& c) {
    ++cases_;
    auto const& simulation = *simulation_;
    for (std::size_t p = 0; p < simulation.programs_.size(); ++p) {
        auto const& program = *simulation.programs_[p].program;
        evaluate(program, c, simulation.as_of_, results_);
        for (auto const& result : results_) {
            auto const& duty = program.duties[result.duty];
            auto& tally = tallies_[simulation.slot(p, duty.concept_index, c.municipality)];
            ++tally.opened;
            ++tally.by_status[static_cast<std::size_t>(result.status)];
            tally.past_target += result.past_target;
            if (result.status != Status::waived && result.status != Status::excepted && result.status != Status::lapsed)
                tally.hours += duty.effort_hours;
        }
    }
}

void Simulation::merge(Accumulator const& accumulator) {
    for (std::size_t i = 0; i < tallies_.size(); ++i) tallies_[i] += accumulator.tallies_[i];
    cases_ += accumulator.cases_;
}

namespace {

constexpr Status all_statuses[] = {Status::pending, Status::met,      Status::late,  Status::overdue,
                                   Status::waived,  Status::excepted, Status::lapsed};

nlohmann::ordered_json tally_json(Tally const& tally) {
    nlohmann::ordered_json out;
    out["opened"] = tally.opened;
    for (auto const status : all_statuses)
        out[std::string{to_string(status)}] = tally.by_status[static_cast<std::size_t>(status)];
    out["past_target"] = tally.past_target;
    out["hours"] = tally.hours;
    return out;
}

// scenario − baseline, member by member.
nlohmann::ordered_json difference(Tally const& scenario, Tally const& baseline) {
    nlohmann::ordered_json out;
    out["opened"] = static_cast<std::int64_t>(scenario.opened) - static_cast<std::int64_t>(baseline.opened);
    for (auto const status : all_statuses) {
        auto const s = static_cast<std::size_t>(status);
        out[std::string{to_string(status)}] =
            static_cast<std::int64_t>(scenario.by_status[s]) - static_cast<std::int64_t>(baseline.by_status[s]);
    }
    out["past_target"] =
        static_cast<std::int64_t>(scenario.past_target) - static_cast<std::int64_t>(baseline.past_target);
    out["hours"] = scenario.hours - baseline.hours;
    return out;
}

}  // namespace

nlohmann::ordered_json Simulation::to_json(std::uint64_t skipped) const {
    auto const& base = baseline();
    nlohmann::ordered_json out;
    out["as_of"] = as_of_.to_string();
    out["cases"] = cases_;
    out["skipped"] = skipped;
    auto& programs = out["scenarios"] = nlohmann::ordered_json::array();

    // Sums per program: overall, per duty, per municipality.
    auto const totals = [&](std::size_t p) {
        Tally total;
        std::vector<Tally> duties(concepts_), municipalities(municipalities_);
        for (Index d = 0; d < concepts_; ++d)
            for (Index m = 0; m < municipalities_; ++m) {
                auto const& t = tally(p, d, m);
                total += t;
                duties[d] += t;
                municipalities[m] += t;
            }
        return std::make_tuple(total, duties, municipalities);
    };
    auto const [base_total, base_duties, base_municipalities] = totals(0);

    for (std::size_t p = 0; p < programs_.size(); ++p) {
        auto const [total, duties, municipalities] = totals(p);
        nlohmann::ordered_json item;
        item["scenario"] = programs_[p].id;
        item["title"] = programs_[p].title;
        item["totals"] = tally_json(total);
        if (p > 0) item["totals"]["vs_baseline"] = difference(total, base_total);
        auto& duty_rows = item["duties"] = nlohmann::ordered_json::array();
        for (Index d = 0; d < concepts_; ++d) {
            if (duties[d].opened == 0 && base_duties[d].opened == 0) continue;
            nlohmann::ordered_json row{{"duty", base.concepts[d]}};
            row.update(tally_json(duties[d]));
            if (p > 0) row["vs_baseline"] = difference(duties[d], base_duties[d]);
            duty_rows.push_back(std::move(row));
        }
        auto& municipality_rows = item["municipalities"] = nlohmann::ordered_json::array();
        for (Index m = 0; m < municipalities_; ++m) {
            if (municipalities[m].opened == 0 && base_municipalities[m].opened == 0) continue;
            nlohmann::ordered_json row{{"municipality", base.municipalities[m].id}};
            row.update(tally_json(municipalities[m]));
            if (p > 0) row["vs_baseline"] = difference(municipalities[m], base_municipalities[m]);
            municipality_rows.push_back(std::move(row));
        }
        programs.push_back(std::move(item));
    }
    return out;
}

std::string Simulation::to_csv() const {
    std::string out = "scenario,duty,municipality,opened";
    for (auto const status : all_statuses) out += fmt::format(",{}", to_string(status));
    out += ",past_target,hours\n";
    auto const& base = baseline();
    for (std::size_t p = 0; p < programs_.size(); ++p)
        for (Index d = 0; d < concepts_; ++d)
            for (Index m = 0; m < municipalities_; ++m) {
                auto const& t = tally(p, d, m);
                if (t.opened == 0) continue;
                out +=
                    fmt::format("{},{},{},{}", programs_[p].id, base.concepts[d], base.municipalities[m].id, t.opened);
                for (auto const status : all_statuses)
                    out += fmt::format(",{}", t.by_status[static_cast<std::size_t>(status)]);
                out += fmt::format(",{},{}\n", t.past_target, t.hours);
            }
    return out;
}

}  // namespace pligt::engine
