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

void print_duties(nlohmann::ordered_json const& report, Terminal& terminal) {
    auto& out = terminal.out();
    for (auto const& duty : report["duties"]) {
        out << fmt::format("{} · {} · {}{}\n", terminal.paint(duty["duty"].get<std::string>(), Colour::bold),
                           duty["title"].get<std::string>(), duty["cite"].get<std::string>(),
                           duty.contains("law_version") ? " (" + duty["law_version"].get<std::string>() + ")" : "");
        std::string on;
        for (auto const& e : duty["on"]) on += (on.empty() ? "" : " or ") + e.get<std::string>();
        if (duty.contains("where")) on += " where " + duty["where"].get<std::string>();
        if (duty.contains("on_clauses")) {
            on.clear();
            for (auto const& clause : duty["on_clauses"])
                on += (on.empty() ? "" : "; ") + clause.get<std::string>().substr(3);  // without "on "
        }
        std::string done;
        for (auto const& e : duty["done_by"]) done += (done.empty() ? "" : " or ") + e.get<std::string>();
        if (duty.contains("times")) done += fmt::format(", {} times", duty["times"].get<int>());
        if (duty.contains("also_before")) done += ", " + duty["also_before"].get<std::string>();
        out << fmt::format("    on {} · due {} · done by {}\n", on, duty["due"].get<std::string>(), done);
        if (duty.contains("wording")) out << fmt::format("    «{}»\n", duty["wording"].get<std::string>());
        if (duty.contains("unless"))
            for (auto const& e : duty["unless"])
                out << fmt::format("    unless {} ({}){}\n", e["condition"].get<std::string>(),
                                   e["cite"].get<std::string>(),
                                   e.contains("instead") ? ", instead " + e["instead"].get<std::string>() : "");
        if (duty.contains("waived_by")) {
            auto const& w = duty["waived_by"];
            out << "    "
                << terminal.paint(fmt::format("waived by {}", w["exemptions"].get<std::string>()), Colour::blue)
                << (w.contains("where") ? " where " + w["where"].get<std::string>() : "")
                << (w.contains("replaced_by") ? ", replaced by " + w["replaced_by"].get<std::string>() : "") << " ("
                << w["basis"].get<std::string>() << ")\n";
        }
        if (duty.contains("changed_by"))
            out << "    "
                << terminal.paint(fmt::format("due {} under {}", duty["changed_by"]["due"].get<std::string>(),
                                              duty["changed_by"]["exemptions"].get<std::string>()),
                                  Colour::blue)
                << "\n";
    }
}

// The duty × municipality matrix, one column a duty (numbered, with a legend)
// and one line a municipality.
void print_matrix(nlohmann::ordered_json const& matrix, Terminal& terminal) {
    auto& out = terminal.out();
    auto const& columns = matrix["duties"];
    out << terminal.paint(fmt::format("Duties in force on {}", matrix["at"].get<std::string>()), Colour::bold)
        << "\n\n";
    for (std::size_t c = 0; c < columns.size(); ++c)
        out << fmt::format("{:>4}  {:<32} {}\n", c + 1, columns[c]["duty"].get<std::string>(),
                           columns[c]["cite"].get<std::string>());
    out << "\n" << fmt::format("{:<20} {:>4} ", "municipality", "code");
    for (std::size_t c = 0; c < columns.size(); ++c) out << fmt::format("{:>3}", c + 1);
    out << "\n";
    for (auto const& m : matrix["municipalities"]) {
        std::string line = fmt::format("{:<20} {:>4} ", m["municipality"].get<std::string>(), m["code"].get<int>());
        std::string blanks;  // held back, so a line never ends in blanks
        for (auto const& column : columns) {
            auto const& cells = m["duties"];
            auto const id = column["duty"].get<std::string>();
            auto const cell = cells.contains(id) ? cells[id].get<std::string>() : std::string{"none"};
            if (cell == "none") {
                blanks += "   ";
                continue;
            }
            line += blanks + "  ";
            blanks.clear();
            if (cell == "applies") line += "·";
            else if (cell == "waived") line += terminal.paint("W", Colour::blue);
            else if (cell == "waived where") line += terminal.paint("w", Colour::blue);
            else if (cell == "changed") line += terminal.paint("C", Colour::blue);
            else line += terminal.paint("+", Colour::blue);
        }
        out << line << "\n";
    }
    out << "\n· applies   W waived   w waived where a condition holds   C deadline changed\n"
           "+ added by an exemption set   (blank) does not exist there\n";
}

int run_duties(DutiesOptions const& options, Terminal& terminal) {
    auto const at = read_moment_option(options.at, "duties", "--at", terminal);
    if (!at) return 2;
    auto const program = load_rules(options.rules, terminal);
    if (!program) return 2;
    if (options.coverage) return print_coverage(options, *program, terminal);
    if (options.format == "markdown") {
        terminal.out() << engine::coverage_markdown(*program);
        return 0;
    }
    if (options.all) {
        auto const matrix = engine::duties_matrix(*program, at->date);
        if (options.json || options.format == "json") terminal.out() << matrix.dump(2) << "\n";
        else print_matrix(matrix, terminal);
        return 0;
    }
    Index municipality = no_index;
    if (!options.municipality.empty()) {
        municipality = engine::find_municipality(*program, options.municipality);
        if (municipality == no_index) {
            std::vector<std::string_view> known;
            for (auto const& m : program->municipalities) known.push_back(m.id);
            terminal.err() << fmt::format("pligt duties: unknown municipality '{}'{}\n", options.municipality,
                                          did_you_mean(options.municipality, known));
            return 2;
        }
    }
    auto const report = engine::duties_report(*program, municipality, at->date);
    if (options.json || options.format == "json") {
        terminal.out() << report.dump(2) << "\n";
        return 0;
    }
    terminal.out() << terminal.paint(
                          municipality == no_index
                              ? fmt::format("Duties in force on {}", report["at"].get<std::string>())
                              : fmt::format("Duties in {} ({}) on {}", program->municipalities[municipality].name,
                                            program->municipalities[municipality].id, report["at"].get<std::string>()),
                          Colour::bold)
                   << "\n\n";
    print_duties(report, terminal);
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
