// `pligt simulate [--scenario ID]… (--cases FILE.jsonl | --generate N) [--as-of DATE]
// [--threads N] [--json | --csv FILE] [--on-error fail|skip] [--rules DIR…]`:
// a population of cases under the law as written and under each scenario.
#include "cli/bulk_memory.hpp"
#include "cli/case_lines.hpp"
#include "cli/rules_option.hpp"
#include "cli/scenario_option.hpp"
#include "cli/story_option.hpp"
#include "cli/temporary_file.hpp"
#include "cli/terminal.hpp"
#include "cli/time_option.hpp"
#include "cli/verbs.hpp"
#include "dsl/diagnostic.hpp"
#include "engine/overlay.hpp"
#include "output/report.hpp"
#include "output/simulation_json.hpp"
#include "output/simulation_text.hpp"
#include "output/uncertainty_csv.hpp"
#include "population/simulate_run.hpp"
#include "population/uncertainty.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

namespace pligt::cli {
namespace {

struct SimulateOptions {
    std::vector<std::string> scenarios;
    std::string cases;
    std::uint64_t generate = 0;
    PopulationOptions population;
    std::string as_of;
    unsigned threads = 0;
    unsigned runs = 1;
    bool json = false;
    std::string csv;
    std::string report;
    std::string on_error = "fail";
    std::vector<std::string> rules;
};

std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) { interrupted = true; }

// A line of text for the terminal, rewritten in place.
void show_progress(std::uint64_t cases, std::chrono::steady_clock::time_point start, std::uintmax_t read_bytes,
                   std::uintmax_t total_bytes) {
    auto const seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto const rate = seconds > 0 ? static_cast<double>(cases) / seconds : 0.0;
    std::string left;
    if (total_bytes > 0 && read_bytes > 0 && seconds > 0.5) {
        auto const remaining = seconds * static_cast<double>(total_bytes - std::min(read_bytes, total_bytes)) /
                               static_cast<double>(read_bytes);
        left = fmt::format(", about {:.0f} s left", remaining);
    }
    std::cerr << fmt::format("\r{} cases, {:.0f} a second{}   ", cases, rate, left) << std::flush;
}

// The CSV and the report, each whole or not at all: both go to temporary
// files first, and are renamed over their targets only when both are
// written, so a full disk changes neither.
template <typename Csv, typename Report>
bool write_outputs(SimulateOptions const& options, Csv const& csv, Report const& report, Terminal& terminal) {
    std::vector<std::pair<std::string, std::unique_ptr<TemporaryFile>>> files;
    auto const write = [&](std::string const& path, auto const& text) {
        if (path.empty()) return true;
        auto& file = files.emplace_back(path, std::make_unique<TemporaryFile>(path)).second;
        if (file->write(text())) return true;
        terminal.err() << fmt::format("{}: error: {}; file left unchanged\n", path, file->error());
        return false;
    };
    if (!write(options.csv, csv) || !write(options.report, report)) return false;
    for (auto const& [path, file] : files) {
        if (file->commit()) continue;
        terminal.err() << fmt::format("{}: error: {}; file left unchanged\n", path, file->error());
        return false;
    }
    return true;
}

// A word for a shell: as it is when it is plain, else in single quotes.
std::string shell_word(std::string const& word) {
    bool const plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) ||
               std::string_view{"-_./=:@+,"}.find(c) != std::string_view::npos;
    });
    if (plain) return word;
    std::string quoted = "'";
    for (char const c : word) quoted += c == '\'' ? std::string{"'\\''"} : std::string(1, c);
    return quoted + "'";
}

std::string rules_arguments(SimulateOptions const& options) {
    std::string out;
    for (auto const& directory : options.rules) out += " --rules " + shell_word(directory);
    return out;
}

// The command that prints the case on a line of the input: the file's line,
// or the generated case of that number (case n does not depend on how many
// are drawn).
std::string case_command(SimulateOptions const& options, std::uint64_t line) {
    if (options.generate == 0) return fmt::format("sed -n '{}p' {}", line, shell_word(options.cases));
    auto const& population = options.population;
    return fmt::format("pligt generate --seed {} --from {} --to {}{}{} --cases {} | tail -n 1", population.seed,
                       population.from, population.to,
                       population.story.empty() ? "" : " --story " + shell_word(population.story),
                       rules_arguments(options), line);
}

// The cases drawn from the story slice by slice, so memory holds only the
// batches in flight.
engine::LineSource generated_source(Program const& program, std::shared_ptr<engine::Story const> story,
                                    engine::Population population) {
    auto next = std::make_shared<std::uint64_t>(1);
    return
        [&program, story = std::move(story), population, next](std::vector<engine::CaseLine>& batch, std::size_t size) {
            auto const remaining = population.cases + 1 - *next;
            auto slice = population;
            slice.first = *next;
            slice.cases = std::min<std::uint64_t>(size, remaining);
            std::string text;
            engine::generate(program, *story, slice, [&text](std::string_view chunk) { text.append(chunk); });
            std::size_t start = 0;
            for (auto end = text.find('\n'); end != std::string::npos; start = end + 1, end = text.find('\n', start))
                batch.push_back({(*next)++, text.substr(start, end - start)});
            return batch.size() == size && *next <= population.cases;
        };
}

int run_simulate(SimulateOptions const& options, Terminal& terminal) {
    keep_large_buffers_in_heap();
    if (options.cases.empty() && options.generate == 0) {
        terminal.err() << "pligt simulate: give the cases: --cases FILE.jsonl, or --generate N\n";
        return 2;
    }
    auto const as_of = read_moment_option(options.as_of, "simulate", "--as-of", terminal);
    if (!as_of) return 2;
    auto const program = load_rules(options.rules, terminal);
    if (!program) return 2;

    // The baseline and each scenario's program, built once and shared read-only.
    std::vector<std::unique_ptr<Program>> scenario_programs;
    std::vector<engine::SimulatedProgram> programs{{"baseline", "The law and adoptions as written", &*program}};
    for (auto const& id : options.scenarios) {
        auto const* it = find_scenario(*program, id, "simulate", terminal);
        if (!it) return 2;
        scenario_programs.push_back(std::make_unique<Program>(engine::with_scenario(*program, *it)));
        programs.push_back({it->id, it->title, scenario_programs.back().get()});
    }

    // The cases: read from a file as a stream, or drawn slice by slice from
    // the story; either way memory holds only the batches in flight.
    std::ifstream in;
    std::uintmax_t total_bytes = 0;
    std::uintmax_t read_bytes = 0;
    engine::LineSource source;
    std::vector<engine::BadLine> too_long_lines;  // refused by the reader, unparsed
    std::shared_ptr<engine::Story const> shared_story;
    engine::Population population_drawn;
    if (options.generate > 0) {
        auto const population = read_population(options.population, options.generate, "simulate", terminal);
        if (!population) return 2;
        auto story = load_story(*program, options.population.story, terminal);
        if (!story) return 2;
        shared_story = std::make_shared<engine::Story const>(std::move(*story));
        population_drawn = *population;
        source = generated_source(*program, shared_story, *population);
    } else {
        in.open(options.cases, std::ios::binary);
        if (!in) {
            terminal.err() << fmt::format("{}: error: cannot read the cases file\n", options.cases);
            return 2;
        }
        std::error_code size_error;
        total_bytes = std::filesystem::file_size(options.cases, size_error);
        if (size_error) total_bytes = 0;
        source = file_line_source(in, read_bytes, too_long_lines, options.on_error == "skip");
    }

    engine::Simulation simulation{programs, *as_of};
    // A drawn population is set beside the statistics its story was calibrated to.
    if (shared_story && !shared_story->calibration.empty())
        simulation.count_calibration(shared_story->calibration, shared_story->steps.front().event);
    engine::RunOptions run;
    run.threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    run.skip_bad_lines = options.on_error == "skip";
    run.stop = &interrupted;
    auto const start = std::chrono::steady_clock::now();
    bool const on_terminal = isatty(STDERR_FILENO) == 1;
    auto last_shown = start;
    if (on_terminal)
        run.progress = [&](std::uint64_t cases) {
            auto const now = std::chrono::steady_clock::now();
            if (now - last_shown < std::chrono::milliseconds{200}) return;
            last_shown = now;
            if (options.generate > 0) show_progress(cases, start, cases, options.generate);
            else show_progress(cases, start, read_bytes, total_bytes);
        };
    auto const previous_handler = std::signal(SIGINT, on_interrupt);
    auto outcome = engine::run_simulation(simulation, source, run);
    std::signal(SIGINT, previous_handler);
    if (on_terminal) std::cerr << "\r" << std::string(60, ' ') << "\r";
    merge_too_long(outcome, too_long_lines, run.skip_bad_lines);

    auto const input = options.generate > 0 ? std::string{"generated case"} : options.cases;
    report_bad_lines(terminal.err(), input, outcome.bad_lines, run.skip_bad_lines);
    if (outcome.stopped) {
        terminal.err() << "pligt simulate: interrupted; nothing written\n";
        return 130;
    }
    if (!run.skip_bad_lines && !outcome.bad_lines.empty()) return 2;
    if (options.generate == 0 && in.bad()) {
        terminal.err() << fmt::format("{}: error: reading the cases file failed\n", options.cases);
        return 2;
    }

    auto const summary = simulation.summary(outcome.skipped);

    // --runs N: the same simulation on N populations (seeds) or resamples
    // (bootstrap), for each figure's interval (population/uncertainty.hpp).
    std::optional<engine::SimulationIntervals> uncertainty;
    if (options.runs > 1) {
        engine::RunOptions again = run;
        again.progress = {};
        again.stop = &interrupted;
        again.skip_bad_lines = true;  // the bad lines were reported, and skipped or fatal, above
        // The runs side by side, one thread each (its reader and worker
        // pipelined): drawing a population is one thread's work, so runs in
        // parallel use the cores better than one run's workers would.
        // A summary names its rows by views into its simulation: each is kept until the end.
        unsigned const first = options.generate > 0 ? 1 : 0;  // the first seed's run is the one above
        std::vector<std::unique_ptr<engine::Simulation>> runs(options.runs);
        again.threads = 1;
        std::atomic<unsigned> next{first};
        auto const work = [&] {
            for (unsigned r; (r = next++) < options.runs && !interrupted;) {
                runs[r] = std::make_unique<engine::Simulation>(programs, *as_of);
                if (options.generate > 0) {
                    auto drawn = population_drawn;
                    drawn.seed += r;
                    engine::run_simulation(*runs[r], generated_source(*program, shared_story, drawn), again);
                } else {
                    std::ifstream file{options.cases, std::ios::binary};
                    std::uintmax_t ignored = 0;
                    std::vector<engine::BadLine> long_lines;
                    engine::run_simulation(*runs[r], file_line_source(file, ignored, long_lines, true), again,
                                           [seed = options.population.seed, r](std::uint64_t line) {
                                               return engine::bootstrap_weight(seed, r, line);
                                           });
                }
            }
        };
        std::vector<std::thread> workers;
        for (unsigned t = 0; t < std::min(run.threads, options.runs - first); ++t) workers.emplace_back(work);
        for (auto& worker : workers) worker.join();
        if (interrupted) {
            terminal.err() << "pligt simulate: interrupted; nothing written\n";
            return 130;
        }
        std::vector<engine::SimulationSummary> summaries;
        if (first == 1) summaries.push_back(summary);
        for (unsigned r = first; r < options.runs; ++r) summaries.push_back(runs[r]->summary(0));
        uncertainty = engine::intervals_of(summaries, options.generate > 0 ? "seeds" : "bootstrap");
    }

    // With --runs, the CSV holds the intervals and the report shows them.
    engine::ReportOptions report;
    report.intervals = uncertainty ? &*uncertainty : nullptr;
    report.check_command = [&options, as_of = as_of->to_string()](std::uint64_t line, std::string_view scenario) {
        return case_command(options, line) + " | pligt check - --as-of " + as_of + rules_arguments(options) +
               (scenario.empty() ? "" : " --scenario " + std::string{scenario});
    };
    if (!write_outputs(
            options,
            [&] { return report.intervals ? output::uncertainty_csv(*report.intervals) : simulation.to_csv(); },
            [&] { return engine::report_html(*program, summary, report); }, terminal))
        return 2;
    if (options.json) {
        auto json = output::simulation_json(summary);
        if (uncertainty) json["uncertainty"] = output::uncertainty_json(*uncertainty);
        terminal.out() << json.dump(2) << "\n";
        return 0;
    }
    output::write_simulation_text(terminal.out(), summary, [&](std::string_view text, output::Colour colour) {
        return terminal.paint(text, colour);
    });
    if (uncertainty) output::write_uncertainty_text(terminal.out(), *uncertainty);
    return 0;
}

}  // namespace

void add_simulate(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<SimulateOptions>();
    auto* verb = app.add_subcommand("simulate", "Evaluate a population of cases under the law and under scenarios");
    verb->add_option("--scenario", options->scenarios, "A scenario of the rule files; repeat for several")
        ->allow_extra_args(false)
        ->type_name("ID");
    auto* cases = verb->add_option("--cases", options->cases, "The cases, one JSON object a line (JSONL)");
    auto* generate = verb->add_option("--generate", options->generate,
                                      "Instead of a file, draw this many cases from the story (as pligt generate)");
    cases->excludes(generate);
    add_population_options(*verb, options->population);
    verb->add_option("--as-of", options->as_of, "Evaluate every case at this date; default: today");
    verb->add_option("--threads", options->threads, "Worker threads; default: one per core");
    verb->add_option("--runs", options->runs,
                     "Run N times (populations drawn with seeds S, S+1, …, or bootstrap resamples of --cases) and "
                     "give each figure's median and 90 % interval")
        ->check(CLI::Range(1u, 1000u));
    verb->add_flag("--json", options->json, "Print the result as JSON");
    verb->add_option("--csv", options->csv, "Also write one row per scenario, duty and municipality to this file");
    verb->add_option("--report", options->report, "Also write a self-contained HTML report with charts to this file");
    verb->add_option("--on-error", options->on_error, "A malformed case: fail (default) or skip it with a warning")
        ->check(CLI::IsMember({"fail", "skip"}));
    add_rules_option(*verb, options->rules);
    verb->callback([options, &terminal, &exit_code] { exit_code = run_simulate(*options, terminal); });
}

}  // namespace pligt::cli
