// `pligt generate --cases N [--seed S] [--from DATE --to DATE] [--story FILE]
// [--rules DIR…]`: a synthetic population of cases, one case JSON per line,
// drawn from a story (docs/simulation.md).
#include "population/generate.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/bulk_memory.hpp"
#include "cli/rules_option.hpp"
#include "cli/story_option.hpp"
#include "cli/terminal.hpp"
#include "cli/verbs.hpp"

namespace pligt::cli {
namespace {

struct GenerateOptions {
    std::uint64_t cases = 0;
    PopulationOptions population;
    std::vector<std::string> rules;
};

int run_generate(GenerateOptions const& options, Terminal& terminal) {
    keep_large_buffers_in_heap();
    auto const population = read_population(options.population, options.cases, "generate", terminal);
    if (!population) return 2;
    auto const program = load_rules(options.rules, terminal);
    if (!program) return 2;
    auto const story = load_story(*program, options.population.story, terminal);
    if (!story) return 2;
    auto& out = terminal.out();
    auto const failure = engine::generate(*program, *story, *population, [&out](std::string_view chunk) {
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    });
    if (failure) {
        terminal.err() << fmt::format("pligt generate: {}\n", *failure);
        return 2;
    }
    out.flush();
    return out ? 0 : 2;
}

}  // namespace

void add_generate(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<GenerateOptions>();  // must outlive parsing
    auto* verb = app.add_subcommand("generate", "Write a synthetic population of cases, one case JSON per line");
    verb->add_option("--cases", options->cases, "How many cases")->required();
    add_population_options(*verb, options->population);
    add_rules_option(*verb, options->rules);
    verb->callback([options, &terminal, &exit_code] { exit_code = run_generate(*options, terminal); });
}

}  // namespace pligt::cli
