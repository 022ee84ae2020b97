// `pligt lint [PATH…] [--json]`: every problem in the rule files, from syntax
// errors to adoptions outside the law's period (dsl/lint.hpp), in gcc's
// layout or as a JSON array. Silent when clean. Exit 1 on any finding, error
// or warning; 2 when a path is missing or a file cannot be read.
#include "authoring/lint.hpp"
#include "cli/rules_option.hpp"
#include "cli/terminal.hpp"
#include "cli/verbs.hpp"
#include "dsl/diagnostic.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>

namespace pligt::cli {
namespace {

struct LintOptions {
    std::vector<std::string> paths;
    bool json = false;
};

// Load diagnostics are findings like the lint's own; an unreadable input is
// not a finding but a job lint could not do.
bool unreadable(Diagnostic const& diagnostic) { return diagnostic.code == "unreadable"; }

std::string counted(std::size_t n, std::string_view noun) { return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s"); }

int run_lint(LintOptions const& options, Terminal& terminal) {
    auto const found = lint_paths(rule_paths(options.paths));
    bool const failed = std::any_of(found.begin(), found.end(), unreadable);

    if (options.json) {
        auto out = nlohmann::ordered_json::array();
        for (auto const& d : found)
            out.push_back({{"file", d.file},
                           {"line", d.line},
                           {"column", d.column},
                           {"severity", to_string(d.severity)},
                           {"code", d.code},
                           {"message", d.message}});
        terminal.out() << json_text(out) << "\n";
    } else {
        std::size_t errors = 0, warnings = 0;
        for (auto const& d : found) {
            if (unreadable(d)) {
                terminal.err() << render(d);
                continue;
            }
            terminal.out() << render(d);
            ++(d.severity == Severity::error ? errors : warnings);
        }
        if (errors + warnings > 0)
            terminal.out() << counted(errors, "error") << ", " << counted(warnings, "warning") << "\n";
    }
    if (failed) return 2;
    return found.empty() ? 0 : 1;
}

}  // namespace

void add_lint(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<LintOptions>();  // must outlive parsing
    auto* verb = app.add_subcommand("lint", "Report every problem in rule files, beyond what loading them finds");
    verb->add_option("paths", options->paths,
                     "Rule directories or files; default: the shipped rules/ and municipalities/");
    verb->add_flag("--json", options->json, "Print the findings as a JSON array");
    verb->callback([options, &terminal, &exit_code] { exit_code = run_lint(*options, terminal); });
}

}  // namespace pligt::cli
