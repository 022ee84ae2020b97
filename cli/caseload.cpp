// `pligt caseload CASES [--as-of D] [--within DAYS] [--json | --csv]
// [--lang da|en]`: every open duty across many cases (a JSONL file, or a
// directory of case files), overdue first. Contract: docs/cli.md.
#include "engine/caseload.hpp"
#include "cli/case_lines.hpp"
#include "cli/language_option.hpp"
#include "cli/rules_option.hpp"
#include "cli/terminal.hpp"
#include "cli/time_option.hpp"
#include "cli/verbs.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "output/caseload.hpp"
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

struct CaseloadOptions {
    std::string cases;
    std::string as_of;
    std::vector<std::string> rules;
    std::int32_t within = -1;  // -1: no bound
    bool json = false;
    bool csv = false;
    std::string lang;
};

// Reads every case and adds its open rows; each case that cannot be read or
// checked is reported with where it is, and makes the whole answer fail.
class CaseloadReader {
public:
    CaseloadReader(Program const& program, Moment as_of, std::optional<std::int32_t> within, Terminal& terminal)
        : program_{program}, parser_{program}, as_of_{as_of}, within_{within}, terminal_{terminal} {}

    // `where`: the file, or "FILE:LINE" for a line of a JSONL file; `line`:
    // that line's number, for errors where malformed JSON stopped.
    void add(std::string_view text, std::string const& where, int line) {
        auto const index = cases_++;
        auto c = parser_.parse(text);
        if (!c) {
            for (auto error : output::input_errors(c.error())) {
                if (error.line > 0 && line > 0) error.line = line;
                report(error.line > 0 && line > 0 ? where.substr(0, where.rfind(':')) : where, error);
            }
            return;
        }
        results_.clear();
        engine::evaluate(program_, *c, as_of_, results_);
        if (auto const lacking = engine::lacking_fact(program_, results_)) {
            report(where, output::input_error(*lacking));
            return;
        }
        engine::add_open_rows(program_, *c, index, results_, as_of_, within_, rows_);
    }

    void fail(std::string message) {
        terminal_.err() << message;
        ++failures_;
    }

    std::size_t cases() const { return cases_; }
    bool failed() const { return failures_ > 0; }
    std::vector<engine::CaseloadRow>& rows() { return rows_; }

private:
    void report(std::string_view where, output::InputError const& error) {
        terminal_.err() << output::error_line(where, error);
        ++failures_;
    }

    Program const& program_;
    engine::CaseParser parser_;
    Moment as_of_;
    std::optional<std::int32_t> within_;
    Terminal& terminal_;
    std::size_t cases_ = 0;
    std::size_t failures_ = 0;
    std::vector<engine::DutyResult> results_;
    std::vector<engine::CaseloadRow> rows_;
};

void read_lines(std::istream& in, std::string const& name, CaseloadReader& reader) {
    std::string line;
    int number = 0;
    for (;;) {
        auto const read = read_case_line(in, line);
        if (read == LineRead::end) break;
        ++number;
        if (read == LineRead::too_long) {
            reader.fail(fmt::format("{}:{}: error: {}\n", name, number, too_long_line_message()));
            continue;
        }
        if (line.ends_with('\r')) line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        reader.add(line, fmt::format("{}:{}", name, number), number);
    }
    if (in.bad()) reader.fail(fmt::format("{}: error: reading the cases failed\n", name));
}

// Every *.json file of the directory, by name.
void read_directory(std::filesystem::path const& dir, CaseloadReader& reader) {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (std::filesystem::directory_iterator it{dir, error}, end; !error && it != end; it.increment(error))
        if (it->path().extension() == ".json" && it->is_regular_file(error)) files.push_back(it->path());
    if (error) {
        reader.fail(fmt::format("{}: error: cannot read the directory: {}\n", dir.string(), error.message()));
        return;
    }
    std::sort(files.begin(), files.end());
    for (auto const& file : files) {
        std::ifstream in{file, std::ios::binary};
        std::string text;
        if (in && std::filesystem::file_size(file, error) <= max_case_line_bytes && !error) {
            std::ostringstream buffer;
            buffer << in.rdbuf();
            text = buffer.str();
        }
        if (!in || error || text.size() > max_case_line_bytes) {
            reader.fail(fmt::format("{}: error: cannot read the case file (at most {} bytes)\n", file.string(),
                                    max_case_line_bytes));
            continue;
        }
        reader.add(text, file.string(), 0);
    }
}

int run_caseload(CaseloadOptions const& options, Terminal& terminal) {
    if (options.json && options.csv) {
        terminal.err() << "caseload: error: --json and --csv: choose one\n";
        return 2;
    }
    auto const as_of_option = read_moment_option(options.as_of, "caseload", "--as-of", terminal);
    if (!as_of_option) return 2;
    auto const as_of = *as_of_option;
    auto const program = load_rules(options.rules, terminal);
    if (!program) return 2;
    auto const language = read_language_option(options.lang, *program, "caseload", terminal);
    if (!language) return 2;

    std::optional<std::int32_t> within;
    if (options.within >= 0) within = options.within;
    CaseloadReader reader{*program, as_of, within, terminal};
    std::error_code error;
    if (options.cases == "-") {
        read_lines(std::cin, "-", reader);
    } else if (std::filesystem::is_directory(options.cases, error)) {
        read_directory(options.cases, reader);
    } else {
        std::ifstream in{options.cases, std::ios::binary};
        if (!in) {
            terminal.err() << fmt::format(
                "{}: error: cannot read the cases (a JSONL file or a directory of case files)\n", options.cases);
            return 2;
        }
        read_lines(in, options.cases, reader);
    }
    if (reader.failed()) return 2;

    auto& rows = reader.rows();
    engine::sort_caseload(*program, rows);
    auto const summary = engine::summarize_caseload(rows, reader.cases(), as_of);
    if (options.json) {
        std::string text;
        output::JsonText json{text};
        output::write_caseload_json(json, *program, rows, summary, as_of);
        terminal.out() << text << "\n";
    } else if (options.csv) {
        output::write_caseload_csv(terminal.out(), *program, rows);
    } else {
        output::write_caseload_table(
            terminal.out(), *program, rows, summary, as_of, *language,
            [&](std::string_view text, output::Colour colour) { return terminal.paint(text, colour); });
    }
    return summary.overdue > 0 ? 1 : 0;
}

}  // namespace

void add_caseload(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<CaseloadOptions>();  // must outlive parsing
    auto* verb = app.add_subcommand("caseload", "Every open duty across many cases, overdue first");
    verb->add_option("cases", options->cases,
                     "The cases: a JSONL file (one case a line; '-' reads standard input) or a directory of case "
                     "files (*.json)")
        ->required();
    verb->add_option("--as-of", options->as_of,
                     "Evaluate at the end of this date (YYYY-MM-DD) or at this time (YYYY-MM-DDTHH:MM); "
                     "default: today");
    verb->add_option("--within", options->within, "Keep only what is overdue or due within this many days")
        ->check(CLI::Range(0, 36500));
    add_rules_option(*verb, options->rules);
    verb->add_flag("--json", options->json, "Print one JSON object instead of a table");
    verb->add_flag("--csv", options->csv, "Print the rows as CSV (RFC 4180), for a spreadsheet");
    add_language_option(*verb, options->lang);
    verb->callback([options, &terminal, &exit_code] { exit_code = run_caseload(*options, terminal); });
}

}  // namespace pligt::cli
