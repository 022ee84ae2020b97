// `pligt audit CASES.jsonl [--as-of DATE] [--by municipality,year] [--json |
// --csv] [--report FILE.html] [--threads N] [--on-error fail|skip] [--rules DIR…]`: real case
// logs counted per duty (and municipality and year of the trigger): met on
// time, late, overdue, …, the on-time rate and how late the late ones were
// (population/audit.hpp). Contract: docs/cli.md.
#include "output/audit.hpp"
#include "cli/bulk_memory.hpp"
#include "cli/case_lines.hpp"
#include "cli/rules_option.hpp"
#include "cli/temporary_file.hpp"
#include "cli/terminal.hpp"
#include "cli/time_option.hpp"
#include "cli/verbs.hpp"
#include "population/audit.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

namespace pligt::cli {
namespace {

struct AuditOptions {
    std::string cases;
    std::string as_of;
    std::string by = "year";
    bool json = false, csv = false;
    unsigned threads = 0;
    std::string on_error = "fail";
    std::string report;
    std::vector<std::string> rules;
};

// The report whole or not at all (a temporary file renamed over the target).
bool write_report(std::string const& path, std::string const& html, Terminal& terminal) {
    TemporaryFile file{path};
    if (file.write(html) && file.commit()) return true;
    terminal.err() << fmt::format("{}: error: {}; file left unchanged\n", path, file.error());
    return false;
}

// `municipality,year` (and `duty`, which every row has) to the keys.
std::optional<engine::AuditKeys> read_keys(std::string const& text, Terminal& terminal) {
    engine::AuditKeys keys;
    std::stringstream list{text};
    for (std::string key; std::getline(list, key, ',');) {
        if (key == "municipality") keys.municipality = true;
        else if (key == "year") keys.year = true;
        else if (key != "duty" && !key.empty()) {
            terminal.err() << fmt::format("pligt audit: --by '{}': unknown key '{}' (duty, municipality, year)\n", text,
                                          key);
            return std::nullopt;
        }
    }
    return keys;
}

int run_audit(AuditOptions const& options, Terminal& terminal) {
    keep_large_buffers_in_heap();
    if (options.json && options.csv) {
        terminal.err() << "pligt audit: --json and --csv: choose one\n";
        return 2;
    }
    auto const keys = read_keys(options.by, terminal);
    if (!keys) return 2;
    auto const as_of = read_moment_option(options.as_of, "audit", "--as-of", terminal);
    if (!as_of) return 2;
    auto const program = load_rules(options.rules, terminal);
    if (!program) return 2;

    std::ifstream in{options.cases, std::ios::binary};
    if (!in) {
        terminal.err() << fmt::format("{}: error: cannot read the cases file\n", options.cases);
        return 2;
    }
    bool const skip = options.on_error == "skip";
    std::uintmax_t read_bytes = 0;
    std::vector<engine::BadLine> too_long;
    engine::RunOptions run;
    run.threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    run.skip_bad_lines = skip;

    engine::Audit audit{*program, *as_of};
    std::vector<engine::Audit::Accumulator> accumulators;
    for (unsigned t = 0; t < run.threads; ++t) accumulators.push_back(audit.accumulator());
    auto outcome =
        engine::run_cases(*program, file_line_source(in, read_bytes, too_long, skip), run,
                          [&](unsigned worker, std::uint64_t, engine::Case const& c) { accumulators[worker].add(c); });
    merge_too_long(outcome, too_long, skip);
    report_bad_lines(terminal.err(), options.cases, outcome.bad_lines, skip);
    if (!skip && !outcome.bad_lines.empty()) return 2;
    if (in.bad()) {
        terminal.err() << fmt::format("{}: error: reading the cases file failed\n", options.cases);
        return 2;
    }
    for (auto const& accumulator : accumulators) audit.merge(accumulator);

    if (!options.report.empty() && !write_report(options.report, output::audit_report_html(audit), terminal)) return 2;
    if (options.json) terminal.out() << output::audit_json(audit, *keys).dump(2) << "\n";
    else if (options.csv) output::write_audit_csv(terminal.out(), audit, *keys);
    else output::write_audit_table(terminal.out(), audit, *keys);
    return 0;
}

}  // namespace

void add_audit(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<AuditOptions>();  // must outlive parsing
    auto* verb = app.add_subcommand("audit", "Count real case logs per duty: on time, late, overdue, and how late");
    verb->add_option("cases", options->cases, "The cases, one JSON object a line (JSONL)")->required();
    verb->add_option("--as-of", options->as_of, "Evaluate every case at this date; default: today");
    verb->add_option("--by", options->by, "Count by these keys besides the duty: municipality, year (comma-separated)")
        ->capture_default_str();
    verb->add_flag("--json", options->json, "Print the rows as JSON");
    verb->add_flag("--csv", options->csv, "Print the rows as CSV");
    verb->add_option("--report", options->report, "Also write a self-contained HTML report with charts to this file");
    verb->add_option("--threads", options->threads, "Worker threads; default: one per core");
    verb->add_option("--on-error", options->on_error, "A malformed case: fail (default) or skip it with a warning")
        ->check(CLI::IsMember({"fail", "skip"}));
    add_rules_option(*verb, options->rules);
    verb->callback([options, &terminal, &exit_code] { exit_code = run_audit(*options, terminal); });
}

}  // namespace pligt::cli
