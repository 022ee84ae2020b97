#include "cli/story_option.hpp"

#include "cli/data_dir.hpp"
#include "cli/terminal.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace pligt::cli {

void add_population_options(CLI::App& verb, PopulationOptions& options) {
    verb.add_option("--seed", options.seed, "The random seed; the same seed draws the same cases (default 1)");
    verb.add_option("--from", options.from, "Cases start on or after this date (default 2019-01-01)");
    verb.add_option("--to", options.to,
                    "Cases start on or before this date, and nothing after it is known (default 2024-12-31)");
    verb.add_option("--story", options.story,
                    "The story to draw cases from (JSON); default: the shipped simulation/child_welfare.json")
        ->type_name("FILE");
}

std::optional<engine::Story> load_story(Program const& program, std::string const& path, Terminal& terminal) {
    // The shipped story, wherever pligt is run from.
    auto const file =
        path.empty() ? (shipped_data_dir() / "simulation" / "child_welfare.json").string() : path;
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
        for (auto const& error : story.error()) {
            if (error.line > 0)
                terminal.err() << fmt::format("{}:{}:{}: error: {}\n", file, error.line, error.column, error.message);
            else
                terminal.err() << fmt::format("{}: error: {}{}\n", file,
                                              error.pointer.empty() ? "" : "at " + error.pointer + ": ", error.message);
        }
        return std::nullopt;
    }
    return std::move(story).value();
}

std::optional<engine::Population> read_population(PopulationOptions const& options, std::uint64_t cases,
                                                  std::string_view verb, Terminal& terminal) {
    auto const read = [&](std::string const& text, std::string_view option) {
        auto const date = Date::parse(text);
        if (!date) terminal.err() << fmt::format("pligt {}: {} '{}': expected a date (YYYY-MM-DD)\n", verb, option, text);
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
