// Policy simulation: a population of cases evaluated under the law as written
// (the baseline) and under each scenario, counted per duty and municipality.
//
// Each worker thread owns an Accumulator: it evaluates a case under every
// program into its own tallies, with no lock and no shared write; the
// tallies are summed once at the end. Scenario programs are copies of the
// baseline with overrides applied (engine/overlay.hpp), so event, duty and
// municipality indices are the same in all of them and a case is read once.
#pragma once

#include "dsl/program.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace pligt::engine {

inline constexpr std::size_t status_count = 7;

struct Tally {
    std::uint64_t opened = 0;
    std::array<std::uint64_t, status_count> by_status{};  // indexed by Status
    // Instances past a target (a municipality's or a programme's goal):
    // counted apart, never among the breaches (late, overdue).
    std::uint64_t past_target = 0;
    double hours = 0;  // effort of the instances that required work (not waived, excepted or lapsed)

    Tally& operator+=(Tally const& other);
};

struct SimulatedProgram {
    std::string id;  // "baseline" or the scenario's id
    std::string title;
    Program const* program = nullptr;
};

class Simulation {
public:
    Simulation(std::vector<SimulatedProgram> programs, Moment as_of);

    class Accumulator {
    public:
        void add(Case const& c);
        std::uint64_t cases() const { return cases_; }

    private:
        friend class Simulation;
        explicit Accumulator(Simulation const& simulation);
        Simulation const* simulation_;
        std::vector<Tally> tallies_;  // [program][concept][municipality]
        std::vector<DutyResult> results_;
        std::uint64_t cases_ = 0;
    };

    Accumulator accumulator() const { return Accumulator{*this}; }
    void merge(Accumulator const& accumulator);

    std::uint64_t cases() const { return cases_; }
    std::vector<SimulatedProgram> const& programs() const { return programs_; }
    Moment as_of() const { return as_of_; }
    Program const& baseline() const { return *programs_.front().program; }
    Tally const& tally(std::size_t program, Index concept_index, Index municipality) const {
        return tallies_[slot(program, concept_index, municipality)];
    }

    // The result as JSON: per program, totals, per duty and per municipality,
    // each scenario with its difference from the baseline.
    nlohmann::ordered_json to_json(std::uint64_t skipped) const;
    // One row per program, duty and municipality with any instance.
    std::string to_csv() const;

private:
    std::size_t slot(std::size_t program, Index concept_index, Index municipality) const {
        return (program * concepts_ + concept_index) * municipalities_ + municipality;
    }
    std::vector<SimulatedProgram> programs_;
    Moment as_of_;
    std::size_t concepts_ = 0, municipalities_ = 0;
    std::vector<Tally> tallies_;
    std::uint64_t cases_ = 0;
};

}  // namespace pligt::engine
