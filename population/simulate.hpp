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

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

// A row of a simulation's summary: the counts of one scenario for a duty, a
// municipality or in all, and the baseline's for the same row (none for the
// baseline itself).
struct SummaryRow {
    std::string_view id;  // the duty's or the municipality's; empty for the totals
    Tally tally;
    std::optional<Tally> baseline;
};

// The cases a scenario changes against the baseline: a case changes when
// one of its duties "moves" (an instance present on one side only, or with
// another status). A case is one child's, so cases are children.
struct AffectedCase {
    std::uint64_t line = 0;                // its line in the input (the case number, for generated cases)
    std::string id;                        // the case's id; may be empty
    std::vector<std::string_view> duties;  // the duties that move, by id
};
struct Affected {
    std::uint64_t cases = 0;
    std::vector<std::pair<std::string_view, std::uint64_t>> duties;  // cases in which each duty moves, most first
    std::vector<AffectedCase> examples;                              // the first few, by line
};

struct ScenarioSummary {
    std::string_view id, title;
    SummaryRow totals;
    // The rows with an instance under this scenario or the baseline, in the
    // order of the duties' ids and of the municipalities.
    std::vector<SummaryRow> duties, municipalities;
    std::optional<Affected> affected;  // none for the baseline
};

// What a simulation found, as every writer shows it (the JSON of
// docs/simulation.md, the command line's table, the HTML report).
struct SimulationSummary {
    Moment as_of;
    std::uint64_t cases = 0, skipped = 0;
    std::vector<ScenarioSummary> scenarios;  // the baseline first
};

struct SimulatedProgram {
    std::string id;  // "baseline" or the scenario's id
    std::string title;
    Program const* program = nullptr;
};

class Simulation {
    // What one scenario changes, counted by an accumulator and then summed.
    struct Changes {
        std::uint64_t cases = 0;
        std::vector<std::uint64_t> by_concept;
        std::vector<std::pair<std::uint64_t, std::pair<std::string, std::vector<Index>>>> examples;  // by line
    };

public:
    static constexpr std::size_t affected_examples = 5;

    Simulation(std::vector<SimulatedProgram> programs, Moment as_of);

    class Accumulator {
    public:
        // Counts the case `weight` times (a bootstrap's resample), evaluating it
        // once; `line` names it among the examples of cases a scenario changes.
        void add(Case const& c, std::uint32_t weight = 1, std::uint64_t line = 0);
        std::uint64_t cases() const { return cases_; }

    private:
        friend class Simulation;
        explicit Accumulator(Simulation const& simulation);
        Simulation const* simulation_;
        std::vector<Tally> tallies_;  // [program][concept][municipality]
        std::vector<DutyResult> results_;
        std::uint64_t cases_ = 0;
        // The baseline's instances of the case being counted, and this
        // scenario's, as (concept, status) in concept order.
        std::vector<std::pair<Index, Status>> baseline_instances_, instances_;
        std::vector<Changes> changes_;  // by program; [0] unused
        std::vector<Index> moved_;
        void compare(std::size_t program, Case const& c, std::uint32_t weight, std::uint64_t line);
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

    // The result: per program, totals, per duty and per municipality, each
    // scenario beside the baseline. Points into the programs.
    SimulationSummary summary(std::uint64_t skipped) const;
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
    std::vector<Changes> changes_;
};

}  // namespace pligt::engine
