// `pligt check CASE.json [--as-of DATE] [--rules DIR…] [--scenario ID]
// [--json] [--lang da|en] [--explain DUTY] [--trace]`: the duties of one
// case, their deadlines, statuses and begrundelse, in the rules' language
// unless told; under a scenario, as that change of law would make them.
// Contract: docs/cli.md.
#include "cli/language_option.hpp"
#include "cli/rules_option.hpp"
#include "cli/scenario_option.hpp"
#include "cli/terminal.hpp"
#include "cli/time_option.hpp"
#include "cli/verbs.hpp"
#include "dsl/diagnostic.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "engine/overlay.hpp"
#include "output/check_json.hpp"
#include "output/checklist.hpp"
#include "output/errors.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace pligt::cli {
namespace {

struct CheckOptions {
    std::string case_file;
    std::string as_of;
    std::vector<std::string> rules;
    std::string scenario;  // empty: the law as written
    bool json = false;
    std::string lang;     // empty: the rules' own language
    std::string explain;  // a duty id: its begrundelse alone
    bool trace = false;
};

std::optional<std::string> read_file(std::string const& path) {
    if (path == "-") {
        std::ostringstream text;
        text << std::cin.rdbuf();
        return text.str();
    }
    std::error_code error;  // a directory opens, but reads as nothing
    if (std::filesystem::is_directory(path, error)) return std::nullopt;
    std::ifstream in{path, std::ios::binary};
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return text.str();
}

int run_check(CheckOptions const& options, Terminal& terminal) {
    auto const as_of_option = read_moment_option(options.as_of, "check", "--as-of", terminal);
    if (!as_of_option) return 2;
    auto const as_of = *as_of_option;
    auto program = load_rules(options.rules, terminal);
    if (!program) return 2;
    if (!options.scenario.empty()) {
        auto const* scenario = find_scenario(*program, options.scenario, "check", terminal);
        if (!scenario) return 2;
        // On stderr, so that the checklist and the JSON keep their shape.
        terminal.err() << fmt::format(
            "pligt check: under scenario {} \"{}\": a change of law for simulation, not "
            "the law in force\n",
            scenario->id, scenario->title);
        program = engine::with_scenario(*program, *scenario);
    }
    auto const language = read_language_option(options.lang, *program, "check", terminal);
    if (!language) return 2;
    output::Wording const wording{*language, options.trace};
    if (!options.explain.empty() && options.json) {
        terminal.err() << "check: error: --explain prints a begrundelse as text: leave out --json\n";
        return 2;
    }
    if (!options.explain.empty() &&
        !std::binary_search(program->concepts.begin(), program->concepts.end(), options.explain)) {
        terminal.err() << fmt::format("check: error: --explain: no duty '{}' in the rules{}\n", options.explain,
                                      did_you_mean_id(options.explain, program->duties));
        return 2;
    }

    auto const text = read_file(options.case_file);
    if (!text) {
        terminal.err() << fmt::format("{}: error: cannot read the case file\n", options.case_file);
        return 2;
    }
    auto const c = engine::parse_case(*program, *text);
    if (!c) {
        auto const errors = output::input_errors(c.error());
        for (auto const& error : errors) terminal.err() << output::error_line(options.case_file, error);
        if (options.json) terminal.out() << output::errors_json_text(errors) << "\n";
        return 2;
    }

    std::vector<engine::DutyResult> results;
    engine::evaluate(*program, *c, as_of, results);
    if (auto const lacking = engine::lacking_fact(*program, results)) {
        auto const error = output::input_error(*lacking);
        terminal.err() << output::error_line(options.case_file, error);
        if (options.json) terminal.out() << output::errors_json_text({error}) << "\n";
        return 2;
    }
    if (options.json) {
        terminal.out() << output::check_json_text(*program, *c, results, as_of, wording) << "\n";
    } else if (!options.explain.empty()) {
        if (!output::write_explanation(terminal.out(), *program, *c, results, as_of, options.explain, wording)) {
            terminal.err() << fmt::format("{}: error: the case has no instance of duty '{}' as of {}\n",
                                          options.case_file, options.explain, as_of.to_string());
            return 2;
        }
    } else {
        output::write_checklist(
            terminal.out(), *program, *c, results, as_of, wording,
            [&](std::string_view text, output::Colour colour) { return terminal.paint(text, colour); });
    }

    bool const breached = std::any_of(results.begin(), results.end(), [](engine::DutyResult const& r) {
        return r.status == engine::Status::overdue || r.status == engine::Status::late;
    });
    return breached ? 1 : 0;
}

}  // namespace

void add_check(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<CheckOptions>();  // must outlive parsing
    auto* verb = app.add_subcommand("check", "Show the duties of a case: deadlines, status and why");
    verb->add_option("case", options->case_file, "The case, as JSON ('-' reads standard input)")->required();
    verb->add_option("--as-of", options->as_of,
                     "Evaluate at the end of this date (YYYY-MM-DD) or at this time (YYYY-MM-DDTHH:MM); "
                     "default: today");
    add_rules_option(*verb, options->rules);
    verb->add_option("--scenario", options->scenario,
                     "Evaluate under this scenario of the rule files: a change of law for simulation, not the law");
    verb->add_flag("--json", options->json, "Print one JSON object instead of a checklist");
    add_language_option(*verb, options->lang);
    verb->add_option("--explain", options->explain,
                     "Print only this duty's begrundelse, as a paragraph to paste into the journal");
    verb->add_flag("--trace", options->trace, "Add the engine's trace of each step (for legal advisors)");
    verb->callback([options, &terminal, &exit_code] { exit_code = run_check(*options, terminal); });
}

}  // namespace pligt::cli
