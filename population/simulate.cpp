#include "population/simulate.hpp"

#include <fmt/format.h>

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

void Simulation::Accumulator::add(Case const& c, std::uint32_t weight) {
    cases_ += weight;
    auto const& simulation = *simulation_;
    for (std::size_t p = 0; p < simulation.programs_.size(); ++p) {
        auto const& program = *simulation.programs_[p].program;
        evaluate(program, c, simulation.as_of_, results_);
        for (auto const& result : results_) {
            auto const& duty = program.duties[result.duty];
            auto& tally = tallies_[simulation.slot(p, duty.concept_index, c.municipality)];
            tally.opened += weight;
            tally.by_status[static_cast<std::size_t>(result.status)] += weight;
            tally.past_target += result.past_target ? weight : 0;
            if (result.status != Status::waived && result.status != Status::excepted && result.status != Status::lapsed)
                tally.hours += duty.effort_hours * weight;
        }
    }
}

void Simulation::merge(Accumulator const& accumulator) {
    for (std::size_t i = 0; i < tallies_.size(); ++i) tallies_[i] += accumulator.tallies_[i];
    cases_ += accumulator.cases_;
}

SimulationSummary Simulation::summary(std::uint64_t skipped) const {
    auto const& base = baseline();
    SimulationSummary out{as_of_, cases_, skipped, {}};

    // Sums per program: overall, per duty, per municipality.
    struct Sums {
        Tally total;
        std::vector<Tally> duties, municipalities;
    };
    auto const sums = [&](std::size_t p) {
        Sums s{{}, std::vector<Tally>(concepts_), std::vector<Tally>(municipalities_)};
        for (Index d = 0; d < concepts_; ++d)
            for (Index m = 0; m < municipalities_; ++m) {
                auto const& t = tally(p, d, m);
                s.total += t;
                s.duties[d] += t;
                s.municipalities[m] += t;
            }
        return s;
    };
    auto const base_sums = sums(0);
    auto const beside = [](std::size_t p, Tally const& baseline) {
        return p > 0 ? std::optional<Tally>{baseline} : std::nullopt;
    };

    for (std::size_t p = 0; p < programs_.size(); ++p) {
        auto const program_sums = p == 0 ? base_sums : sums(p);
        ScenarioSummary scenario{
            programs_[p].id, programs_[p].title, {{}, program_sums.total, beside(p, base_sums.total)}, {}, {}};
        for (Index d = 0; d < concepts_; ++d) {
            if (program_sums.duties[d].opened == 0 && base_sums.duties[d].opened == 0) continue;
            scenario.duties.push_back({base.concepts[d], program_sums.duties[d], beside(p, base_sums.duties[d])});
        }
        for (Index m = 0; m < municipalities_; ++m) {
            if (program_sums.municipalities[m].opened == 0 && base_sums.municipalities[m].opened == 0) continue;
            scenario.municipalities.push_back(
                {base.municipalities[m].id, program_sums.municipalities[m], beside(p, base_sums.municipalities[m])});
        }
        out.scenarios.push_back(std::move(scenario));
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
