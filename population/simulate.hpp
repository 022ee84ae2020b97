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
#include "population/generate.hpp"

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

// The population beside the public statistics its story was calibrated to:
// per statistic, the population's events per case by the year its cases
// started and in all; per municipality, its share of the cases beside its
// share of the children (its `population`).
struct CalibrationSummary {
    struct Figure {
        CalibrationFigure const* statistic = nullptr;
        std::vector<std::pair<int, double>> by_year;  // (year, events per case starting that year)
        double overall = 0;
    };
    struct Place {
        std::string_view id;
        std::uint64_t cases = 0;
        double share = 0, children_share = 0;
    };
    std::vector<std::pair<int, std::uint64_t>> cases_by_year;
    std::vector<Figure> figures;
    std::vector<Place> municipalities;  // those with children, in the program's order
};

// What a simulation found, as every writer shows it (the JSON of
// docs/simulation.md, the command line's table, the HTML report).
struct SimulationSummary {
    Moment as_of;
    std::uint64_t cases = 0, skipped = 0;
    std::vector<ScenarioSummary> scenarios;         // the baseline first
    std::optional<CalibrationSummary> calibration;  // with count_calibration
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
        std::vector<std::uint64_t> calibration_;  // see Simulation::calibration_
        void count_calibration(Case const& c, std::uint32_t weight);
    };

    // Also counts, per case, the events of each statistic (before the run),
    // by the year of the case's first `start` event (the story's root: the
    // first notification), or of its first event when it has none.
    void count_calibration(std::vector<CalibrationFigure> const& figures, Index start);

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
    CalibrationSummary calibration_summary() const;
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
    // Counted by the year a case starts (from first_year): cases, each
    // statistic's events, and cases by municipality.
    static constexpr int first_year = 1900, years = 301;
    std::vector<CalibrationFigure> const* figures_ = nullptr;
    Index start_event_ = no_index;
    std::size_t calibration_slot(std::size_t figure, int year) const {
        return years + municipalities_ + figure * years + static_cast<std::size_t>(year - first_year);
    }
    std::vector<std::uint64_t> calibration_;  // [years cases][municipalities cases][figure][year]
};

}  // namespace pligt::engine
