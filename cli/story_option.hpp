// The population options `generate` and `simulate --generate` share: the
// story file (default: the shipped one) and the period cases start in.
#pragma once

#include "dsl/program.hpp"
#include "population/generate.hpp"

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace pligt::cli {

class Terminal;

struct PopulationOptions {
    std::uint64_t seed = 1;
    std::string from = "2019-01-01", to = "2024-12-31";
    std::string story;
};

void add_population_options(CLI::App& verb, PopulationOptions& options);

// Reads and checks the story; prints every problem with its JSON Pointer.
std::optional<engine::Story> load_story(Program const& program, std::string const& path, Terminal& terminal);

// The population's seed and period; prints what is wrong with them.
std::optional<engine::Population> read_population(PopulationOptions const& options, std::uint64_t cases,
                                                  std::string_view verb, Terminal& terminal);

}  // namespace pligt::cli
