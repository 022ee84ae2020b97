// The engine's hot paths on the shipped law (both laws, all 98
// municipalities) and the shipped story's population, in memory: reading a
// case line, evaluating a case, and a whole simulation over a JSONL file.
// Figures and targets: docs/performance.md.
#include "dsl/diagnostic.hpp"
#include "dsl/load.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "engine/overlay.hpp"
#include "output/check_json.hpp"
#include "population/generate.hpp"
#include "population/simulate_run.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace pligt;

std::filesystem::path const source_dir{PLIGT_SOURCE_DIR};
Moment const as_of = *Moment::parse("2025-01-01", nullptr);

[[noreturn]] void die(std::string const& why) {
    std::fprintf(stderr, "pligt_bench: %s\n", why.c_str());
    std::exit(2);
}

Program const& shipped() {
    static Program const program = [] {
        Diagnostics diagnostics;
        auto p = load_program({source_dir / "rules", source_dir / "municipalities"}, diagnostics);
        if (!p) die("the shipped rules do not load");
        return std::move(*p);
    }();
    return program;
}

// `count` generated case lines (seed 1, 2019-01-01 to 2024-12-31, as pligt generate).
std::vector<std::string> generated_lines(std::size_t count) {
    std::ifstream in{source_dir / "simulation" / "child_welfare.json", std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    auto story = engine::parse_story(shipped(), text.str());
    if (!story) die("the shipped story does not load");
    engine::Population population{count, 1, *Date::parse("2019-01-01"), *Date::parse("2024-12-31"), 1};
    std::string all;
    if (engine::generate(shipped(), *story, population, [&](std::string_view chunk) { all.append(chunk); }))
        die("cannot generate cases");
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (auto end = all.find('\n'); end != std::string::npos; start = end + 1, end = all.find('\n', start))
        lines.push_back(all.substr(start, end - start));
    return lines;
}

std::size_t constexpr population_size = 100'000;

std::vector<std::string> const& lines() {
    static auto const result = generated_lines(population_size);
    return result;
}

std::vector<engine::Case> const& cases() {
    static auto const result = [] {
        // Read as `pligt simulate` reads, and copied in file order so each
        // case's vectors lie together as a streamed case's would; cases moved
        // out of a JSON tree keep its scattered allocations and measure the
        // allocator's layout instead of the evaluator.
        engine::CaseParser const parser{shipped()};
        std::vector<engine::Case> parsed;
        parsed.reserve(lines().size());
        engine::Case c;
        for (auto const& line : lines()) {
            if (!parser.parse_plain(line, c)) die("a generated case is not plain");
            parsed.push_back(c);
        }
        return parsed;
    }();
    return result;
}

// One evaluation a case, round-robin over the population; items/s is
// evaluations a second on one thread.
void BM_Evaluate(benchmark::State& state) {
    auto const& program = shipped();
    auto const& population = cases();
    std::vector<engine::DutyResult> results;
    std::size_t i = 0, instances = 0;
    for (auto _ : state) {
        engine::evaluate(program, population[i], as_of, results);
        instances += results.size();
        benchmark::DoNotOptimize(results.data());
        if (++i == population.size()) i = 0;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.counters["instances_per_case"] =
        benchmark::Counter(static_cast<double>(instances) / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_Evaluate);

// One case line read into a Case (engine::parse_case), round-robin.
void BM_ParseCase(benchmark::State& state) {
    auto const& program = shipped();
    auto const& text = lines();
    std::size_t i = 0, bytes = 0;
    for (auto _ : state) {
        auto c = engine::parse_case(program, text[i]);
        benchmark::DoNotOptimize(c);
        bytes += text[i].size();
        if (++i == text.size()) i = 0;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_ParseCase);

// The simulator's reader (engine::CaseParser): the same Case as parse_case,
// read in one pass into a reused Case.
void BM_ParsePlain(benchmark::State& state) {
    engine::CaseParser const parser{shipped()};
    auto const& text = lines();
    engine::Case c;
    std::size_t i = 0, bytes = 0;
    for (auto _ : state) {
        if (!parser.parse_plain(text[i], c)) die("a generated case is not plain");
        benchmark::DoNotOptimize(c.events.data());
        bytes += text[i].size();
        if (++i == text.size()) i = 0;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_ParsePlain);

// What `POST /api/v1/check` does for one case, less HTTP: read the JSON text
// (the one-pass reader; the example is plain), evaluate, explain and print
// the answer (examples/aarhus_concern_2019.json, as of 2019-06-01, as
// bench/load.sh).
void BM_CheckJson(benchmark::State& state) {
    auto const& program = shipped();
    engine::CaseParser const parser{program};
    std::ifstream in{source_dir / "examples" / "aarhus_concern_2019.json", std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    auto const body = text.str();
    auto const at = *Moment::parse("2019-06-01", nullptr);
    std::vector<engine::DutyResult> results;
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto const c = parser.parse(body);
        if (!c) die("the example case does not parse");
        engine::evaluate(program, *c, at, results);
        auto const answer = output::check_json_text(program, *c, results, at, {output::default_language(program)});
        bytes += answer.size();
        benchmark::DoNotOptimize(answer.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_CheckJson);

// A whole simulation as `pligt simulate --cases FILE --scenario
// national_rollout --scenario no_exemptions --threads N` runs it: a JSONL file
// of Arg(0) cases read line by line, parsed and evaluated under three
// programs. The file is written once into the temporary directory.
void BM_Simulate(benchmark::State& state) {
    auto const count = static_cast<std::size_t>(state.range(0));
    auto const threads = static_cast<unsigned>(state.range(1));
    auto const& program = shipped();
    auto const file = std::filesystem::temp_directory_path() / ("pligt_bench_" + std::to_string(count) + ".jsonl");
    if (!std::filesystem::exists(file)) {
        std::ofstream out{file, std::ios::binary};
        auto const& text = lines();
        for (std::size_t i = 0; i < count; ++i) out << text[i % text.size()] << '\n';
    }
    std::vector<std::unique_ptr<Program>> scenario_programs;
    std::vector<engine::SimulatedProgram> programs{{"baseline", "", &program}};
    for (auto const* id : {"national_rollout", "no_exemptions"}) {
        auto const it = std::find_if(program.scenarios.begin(), program.scenarios.end(),
                                     [&](ScenarioDef const& s) { return s.id == id; });
        if (it == program.scenarios.end()) die(std::string{"no scenario "} + id);
        scenario_programs.push_back(std::make_unique<Program>(engine::with_scenario(program, *it)));
        programs.push_back({it->id, it->title, scenario_programs.back().get()});
    }
    for (auto _ : state) {
        std::ifstream in{file, std::ios::binary};
        std::uint64_t number = 0;
        engine::LineSource const source = [&](std::vector<engine::CaseLine>& batch, std::size_t size) {
            for (std::string line; batch.size() < size && std::getline(in, line);)
                batch.push_back({++number, std::move(line)});
            return batch.size() == size;
        };
        engine::Simulation simulation{programs, as_of};
        engine::RunOptions options;
        options.threads = threads;
        auto const outcome = engine::run_simulation(simulation, source, options);
        if (!outcome.bad_lines.empty() || simulation.cases() != count) die("the simulation failed");
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * count));
}
BENCHMARK(BM_Simulate)->Args({100'000, 1})->Args({100'000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
