// The audit of real case logs (`pligt audit`): for each duty, and by
// municipality and year of the trigger where asked, how many instances were
// met on time, late, overdue, pending, waived, excepted or lapsed; the
// on-time rate; and how late the late ones were, in calendar and working
// days. The inspector's question ("in how many of our cases was the
// investigation completed within 4 months, by year?") is a row of it.
//
// Every count is what `pligt check` says of each case at the as-of date: the
// audit evaluates each case exactly as check does and counts its results.
// Two choices the counts make plain:
// - An instance without a statutory deadline (the statute sets none) counts
//   as met or pending, never in the on-time rate: a rate of duties without a
//   time limit would say nothing. `met_with_deadline` is the rate's met.
// - An overdue instance is late by the days from its deadline to the as-of
//   date (it is still open), a late one by the days to when it was done.
// Targets (a municipality's or a programme's goals) are counted apart, as
// `past_target`, and never as late.
//
// Streamed like the simulator: one accumulator per worker thread, merged at
// the end; memory holds the rows, not the cases.
#pragma once

#include "dsl/program.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "population/simulate.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace pligt::engine {

// Days late, as a count of instances per whole number of days: exact
// percentiles in little memory, however many instances.
class Lateness {
public:
    void add(std::int32_t days) { ++days_[days]; }
    void merge(Lateness const& other);
    std::uint64_t count() const;
    // The q-quantile (0 to 1) by linear interpolation between the two
    // nearest ranks, as a spreadsheet's PERCENTILE.INC computes it: the
    // median of 1, 2, 3, 10 is 2.5, the 90th percentile 7.9. None when empty.
    std::optional<double> quantile(double q) const;
    std::map<std::int32_t, std::uint64_t> const& days() const { return days_; }

private:
    std::map<std::int32_t, std::uint64_t> days_;
};

struct AuditCounts {
    std::uint64_t opened = 0;
    std::array<std::uint64_t, status_count> by_status{};  // indexed by Status
    std::uint64_t met_with_deadline = 0;
    std::uint64_t past_target = 0;
    Lateness days_late, working_days_late;  // late and overdue instances

    std::uint64_t count(Status status) const { return by_status[static_cast<std::size_t>(status)]; }
    // met on time / (met on time + late + overdue), among instances with a
    // deadline; none when no such instance was due yet.
    std::optional<double> on_time_rate() const;
    void merge(AuditCounts const& other);
};

// What a row is counted by, beyond the duty.
struct AuditKeys {
    bool municipality = false;
    bool year = false;
};

struct AuditRow {
    Index concept_index = no_index;  // into Program::concepts
    Index municipality = no_index;   // no_index unless counted by municipality
    int year = 0;                    // 0 unless counted by year
    AuditCounts counts;
};

// Counts every instance by duty, municipality and year; rows() sums them
// up to the keys a reader asks for, so one pass gives the table, the CSV and
// every view of the report.
class Audit {
public:
    Audit(Program const& program, Moment as_of);

    class Accumulator {
    public:
        void add(Case const& c);

    private:
        friend class Audit;
        explicit Accumulator(Audit const& audit) : audit_{&audit} {}
        Audit const* audit_;
        std::map<std::tuple<Index, Index, int>, AuditCounts> rows_;
        std::vector<DutyResult> results_;
        std::uint64_t cases_ = 0;
    };

    Accumulator accumulator() const { return Accumulator{*this}; }
    void merge(Accumulator const& accumulator);

    // By duty id, then municipality (in the program's order), then year;
    // municipality no_index and year 0 where not counted by them.
    std::vector<AuditRow> rows(AuditKeys keys) const;
    std::uint64_t cases() const { return cases_; }
    Moment as_of() const { return as_of_; }
    Program const& program() const { return program_; }

private:
    Program const& program_;
    Moment as_of_;
    std::map<std::tuple<Index, Index, int>, AuditCounts> rows_;
    std::uint64_t cases_ = 0;
};

}  // namespace pligt::engine
