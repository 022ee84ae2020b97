// Runs a simulation over a stream of cases on several threads: one reader
// hands out batches of lines through a bounded queue (so memory stays bounded
// however large the file), each worker reads and evaluates its batches into
// its own accumulator, and the accumulators are merged at the end.
#pragma once

#include "population/simulate.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace pligt::engine {

struct CaseLine {
    std::uint64_t number = 0;  // 1-based line number in the input
    std::string text;
};

// Fills `batch` with up to `size` lines; false when the input is exhausted.
using LineSource = std::function<bool(std::vector<CaseLine>& batch, std::size_t size)>;

struct BadLine {
    std::uint64_t number = 0;
    std::string pointer;  // JSON Pointer, "" for the whole line
    std::string message;
};

struct RunOptions {
    unsigned threads = 1;
    bool skip_bad_lines = false;              // else the first bad line stops the run
    std::atomic<bool> const* stop = nullptr;  // set from outside (Ctrl-C) to stop early
    // Called now and then from the reader with the cases read so far.
    std::function<void(std::uint64_t cases)> progress;
};

struct RunOutcome {
    std::uint64_t skipped = 0;
    std::vector<BadLine> bad_lines;  // in line order; with fail, just the first
    bool stopped = false;            // by `stop`
};

// Reads the cases on options.threads workers and hands each to `handle`
// with its worker's number (0 to threads - 1), so that a caller keeps one
// accumulator per worker and needs no lock, and its line number (from 1).
// The simulation and the audit are both this loop.
using CaseHandler = std::function<void(unsigned worker, std::uint64_t line, Case const& c)>;
RunOutcome run_cases(Program const& program, LineSource const& source, RunOptions const& options,
                     CaseHandler const& handle);

// `weight` (none: 1 each) says how many times each case, by its line
// number, counts: a bootstrap's resample (population/uncertainty.hpp).
RunOutcome run_simulation(Simulation& simulation, LineSource const& source, RunOptions const& options,
                          std::function<std::uint32_t(std::uint64_t line)> const& weight = {});

}  // namespace pligt::engine
