// `pligt duties [--municipality ID | --all] [--at DATE] [--rules DIR…] [--json]`:
// the duties in force on a date, with what a municipality's exemptions waive,
// change or add; --all shows that for every municipality. `--coverage`: the
// traceability table of the laws' paragraph inventories (docs/coverage.md).
#include "authoring/coverage.hpp"
#include "authoring/paragraphs.hpp"
#include "authoring/traceability.hpp"
#include "cli/rules_option.hpp"
#include "cli/terminal.hpp"
#include "cli/time_option.hpp"
#include "cli/verbs.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/load.hpp"
#include "engine/case.hpp"
#include "output/duties_report.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>

namespace pligt::cli {
namespace {

struct DutiesOptions {
    std::string municipality;
    bool all = false;
    std::string at;
    std::vector<std::string> rules;
    bool json = false;
    std::string format = "text";
    bool coverage = false;
};

// The paragraph inventories under the rule directories, checked against the
// rules; the table on stdout, or every error on stderr and status 2.
int print_coverage(DutiesOptions const& options, Program const& program, Terminal& terminal) {
    Diagnostics diagnostics;
    std::vector<ParagraphInventory> inventories;
    for (auto const& path : paragraph_files(rule_paths(options.rules)))
        if (auto text = read_rule_file(path, diagnostics))
            if (auto inventory = read_paragraphs(SourceFile{path.string(), std::move(*text)}, diagnostics))
                inventories.push_back(std::move(*inventory));
    if (!diagnostics.has_errors()) engine::check_traceability(program, inventories, diagnostics);
    for (auto const& diagnostic : diagnostics.sorted()) terminal.err() << render(diagnostic);
    if (diagnostics.has_errors()) return 2;
    terminal.out() << engine::traceability_markdown(program, inventories);
    return 0;
}

int run_duties(DutiesOptions const& options, Terminal& terminal) {
    auto const at = read_moment_option(options.at, "duties", "--at", terminal);
    if (!at) return 2;
    auto const program = load_rules(options.rules, terminal);
    if (!program) return 2;
    if (options.coverage) return print_coverage(options, *program, terminal);
    auto const paint = [&](std::string_view text, output::Colour colour) { return terminal.paint(text, colour); };
    if (options.format == "markdown") {
        terminal.out() << engine::coverage_markdown(*program);
        return 0;
    }
    if (options.all) {
        auto const matrix = engine::duties_matrix(*program, at->date);
        if (options.json || options.format == "json") terminal.out() << engine::matrix_json(matrix).dump(2) << "\n";
        else engine::write_matrix_text(terminal.out(), matrix, paint);
        return 0;
    }
    Index municipality = no_index;
    if (!options.municipality.empty()) {
        municipality = engine::find_municipality(*program, options.municipality);
        if (municipality == no_index) {
            terminal.err() << fmt::format("pligt duties: unknown municipality '{}'{}\n", options.municipality,
                                          did_you_mean_id(options.municipality, program->municipalities));
            return 2;
        }
    }
    auto const report = engine::duties_report(*program, municipality, at->date);
    if (options.json || options.format == "json") {
        terminal.out() << engine::duties_json(report).dump(2) << "\n";
        return 0;
    }
    engine::write_duties_text(terminal.out(), report, paint);
    return 0;
}

}  // namespace

void add_duties(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<DutiesOptions>();
    auto* verb = app.add_subcommand("duties", "List the duties in force on a date, and what exemptions change");
    auto* one = verb->add_option("--municipality", options->municipality,
                                 "Show what this municipality's exemptions waive, change or add (id or code)");
    verb->add_flag("--all", options->all, "Every municipality: what its exemptions change")->excludes(one);
    verb->add_option("--at,--as-of", options->at,
                     "The date (YYYY-MM-DD): the law and version in force then; default: today");
    add_rules_option(*verb, options->rules);
    verb->add_flag("--json", options->json, "Print JSON instead of text (the same as --format json)");
    verb->add_option("--format", options->format,
                     "text, json, or markdown: the reference of every law, exemption set and unconfirmed note "
                     "(docs/rules.md)")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    verb->add_flag("--coverage", options->coverage,
                   "The traceability table (docs/coverage.md): every paragraph of each law's inventory "
                   "(*.paragraphs beside the rule files) with the duties that encode it or why none does")
        ->excludes(one)
        ->excludes("--all")
        ->excludes("--json");
    verb->callback([options, &terminal, &exit_code] { exit_code = run_duties(*options, terminal); });
}

}  // namespace pligt::cli
