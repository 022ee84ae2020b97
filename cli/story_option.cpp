#include "cli/story_option.hpp"

#include "cli/data_dir.hpp"
#include "cli/terminal.hpp"
#include "output/errors.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace pligt::cli {

void add_population_options(CLI::App& verb, PopulationOptions& options) {
    verb.add_option("--seed", options.seed, "The random seed; the same seed draws the same cases (default 1)");
    verb.add_option("--from", options.from, "Cases start on or after this date (default 2019-01-01)");
    verb.add_option("--to", options.to,
                    "Cases start on or before this date, and nothing after it is known (default 2024-12-31)");
    verb.add_option("--story", options.story,
                    "The story to draw cases from (JSON); default: the shipped story of the rules' vocabulary, "
                    "simulation/VOCABULARY.json (simulation/child_welfare.json for the shipped rules)")
        ->type_name("FILE");
}

namespace {

// The shipped story told for the rules' vocabulary: the story of a domain is
// named after its vocabulary, so other rules find theirs, or say they have none.
std::optional<std::string> default_story(Program const& program, Terminal& terminal) {
    auto const folder = shipped_data_dir();
    std::vector<std::string> tried;
    for (auto const& vocabulary : program.vocabularies) {
        auto const name = "simulation/" + vocabulary.id + ".json";
        std::error_code error;
        if (std::filesystem::is_regular_file(folder / name, error)) return (folder / name).string();
        tried.push_back(name);
    }
    terminal.err() << fmt::format(
        "pligt: error: no --story given, and no story is shipped for the rules' "
        "vocabulary{}: give one with --story FILE\n",
        tried.empty() ? std::string{" (they declare none)"} : fmt::format(" (none of {})", fmt::join(tried, ", ")));
    return std::nullopt;
}

}  // namespace

std::optional<engine::Story> load_story(Program const& program, std::string const& path, Terminal& terminal) {
    auto const shipped = path.empty() ? default_story(program, terminal) : std::optional<std::string>{path};
    if (!shipped) return std::nullopt;
    auto const& file = *shipped;
    std::ifstream in{file, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    std::error_code error;  // a directory opens, but reads as nothing
    if (!in || in.bad() || std::filesystem::is_directory(file, error)) {
        terminal.err() << fmt::format("{}: error: cannot read the story file\n", file);
        return std::nullopt;
    }
    auto story = engine::parse_story(program, text.str());
    if (!story) {
        for (auto const& error : story.error()) terminal.err() << output::error_line(file, output::input_error(error));
        return std::nullopt;
    }
    return std::move(story).value();
}

std::optional<engine::Population> read_population(PopulationOptions const& options, std::uint64_t cases,
                                                  std::string_view verb, Terminal& terminal) {
    auto const read = [&](std::string const& text, std::string_view option) {
        auto const date = Date::parse(text);
        if (!date)
            terminal.err() << fmt::format("pligt {}: {} '{}': expected a date (YYYY-MM-DD)\n", verb, option, text);
        return date;
    };
    auto const from = read(options.from, "--from");
    auto const to = read(options.to, "--to");
    if (!from || !to) return std::nullopt;
    if (*to < *from) {
        terminal.err() << fmt::format("pligt {}: --to {} is before --from {}\n", verb, options.to, options.from);
        return std::nullopt;
    }
    return engine::Population{cases, options.seed, *from, *to, 1};
}

}  // namespace pligt::cli
