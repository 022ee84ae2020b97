#include "population/simulate_run.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace pligt::engine {
namespace {

// A bounded queue of batches: the reader waits when the workers fall behind.
class BatchQueue {
public:
    explicit BatchQueue(std::size_t capacity) : capacity_{capacity} {}

    void push(std::vector<CaseLine> batch) {
        std::unique_lock lock{mutex_};
        not_full_.wait(lock, [&] { return queue_.size() < capacity_ || closed_; });
        if (closed_) return;
        queue_.push_back(std::move(batch));
        not_empty_.notify_one();
    }

    std::optional<std::vector<CaseLine>> pop() {
        std::unique_lock lock{mutex_};
        not_empty_.wait(lock, [&] { return !queue_.empty() || closed_; });
        if (queue_.empty()) return std::nullopt;
        auto batch = std::move(queue_.front());
        queue_.pop_front();
        not_full_.notify_one();
        return batch;
    }

    // No more batches; waiting workers drain what is queued and stop.
    void close() {
        std::lock_guard lock{mutex_};
        closed_ = true;
        not_empty_.notify_all();
        not_full_.notify_all();
    }

private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable not_empty_, not_full_;
    std::deque<std::vector<CaseLine>> queue_;
    bool closed_ = false;
};

constexpr std::size_t batch_size = 512;

}  // namespace

RunOutcome run_simulation(Simulation& simulation, LineSource const& source, RunOptions const& options,
                          std::function<std::uint32_t(std::uint64_t line)> const& weight) {
    std::vector<Simulation::Accumulator> accumulators;
    for (unsigned t = 0; t < std::max(1u, options.threads); ++t) accumulators.push_back(simulation.accumulator());
    auto outcome =
        run_cases(simulation.baseline(), source, options, [&](unsigned worker, std::uint64_t line, Case const& c) {
            if (!weight) return accumulators[worker].add(c, 1, line);
            if (auto const w = weight(line); w > 0) accumulators[worker].add(c, w, line);
        });
    for (auto const& accumulator : accumulators) simulation.merge(accumulator);
    return outcome;
}

RunOutcome run_cases(Program const& program, LineSource const& source, RunOptions const& options,
                     CaseHandler const& handle) {
    unsigned const threads = std::max(1u, options.threads);
    BatchQueue queue{threads * 4};
    std::atomic<bool> failed{false};
    std::mutex bad_mutex;
    RunOutcome outcome;

    CaseParser const parser{program};

    auto const work = [&](unsigned worker) {
        std::vector<BadLine> bad;
        Case plain;  // reused, so a plain line allocates nothing
        while (auto batch = queue.pop()) {
            for (auto const& line : *batch) {
                if (line.text.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
                if (parser.parse_plain(line.text, plain)) {
                    handle(worker, line.number, plain);
                    continue;
                }
                auto c = parse_case(program, line.text);
                if (c) {
                    handle(worker, line.number, *c);
                    continue;
                }
                for (auto const& error : c.error())
                    bad.push_back({line.number, error.pointer,
                                   error.line > 0 ? error.message + " (column " + std::to_string(error.column) + ")"
                                                  : error.message});
                if (!options.skip_bad_lines) failed = true;
            }
            if (failed) break;
        }
        std::lock_guard lock{bad_mutex};
        outcome.bad_lines.insert(outcome.bad_lines.end(), bad.begin(), bad.end());
    };

    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) workers.emplace_back(work, t);

    std::uint64_t read = 0;
    for (;;) {
        if (failed || (options.stop && options.stop->load())) break;
        std::vector<CaseLine> batch;
        if (!source(batch, batch_size)) {
            if (!batch.empty()) queue.push(std::move(batch));
            break;
        }
        read += batch.size();
        queue.push(std::move(batch));
        if (options.progress) options.progress(read);
    }
    queue.close();
    for (auto& worker : workers) worker.join();

    std::sort(outcome.bad_lines.begin(), outcome.bad_lines.end(),
              [](BadLine const& a, BadLine const& b) { return a.number < b.number; });
    if (options.skip_bad_lines) {
        std::uint64_t last = 0;
        for (auto const& bad : outcome.bad_lines)
            if (bad.number != last) {
                ++outcome.skipped;
                last = bad.number;
            }
    } else if (!outcome.bad_lines.empty()) {
        // Report the first bad line (all its errors); later ones may not have been read.
        auto const first = outcome.bad_lines.front().number;
        outcome.bad_lines.erase(std::remove_if(outcome.bad_lines.begin(), outcome.bad_lines.end(),
                                               [&](BadLine const& b) { return b.number != first; }),
                                outcome.bad_lines.end());
    }
    outcome.stopped = options.stop && options.stop->load();
    return outcome;
}

}  // namespace pligt::engine
