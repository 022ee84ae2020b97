// `pligt check CASE.json [--as-of DATE] [--rules DIR…] [--json]`: the duties
// of one case, their deadlines, statuses and why. Contract: docs/cli.md.
#include "cli/rules_option.hpp"
#include "cli/terminal.hpp"
#include "cli/time_option.hpp"
#include "cli/verbs.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "engine/explain.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

namespace pligt::cli {
namespace {

struct CheckOptions {
    std::string case_file;
    std::string as_of;
    std::vector<std::string> rules;
    bool json = false;
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

Colour colour_of(std::string_view status) {
    if (status == "overdue" || status == "late") return Colour::red;
    if (status == "met") return Colour::green;
    if (status == "pending") return Colour::yellow;
    return Colour::blue;  // waived, excepted, lapsed
}

// The checklist a caseworker reads: one block per duty, its reasons indented.
void print_checklist(nlohmann::ordered_json const& result, std::string const& municipality_name, Terminal& terminal) {
    auto& out = terminal.out();
    out << terminal.paint(fmt::format("Case {} · {} ({}) · as of {}", result.value("case", "(no id)"),
                                      municipality_name, result["municipality"].get<std::string>(),
                                      result["as_of"].get<std::string>()),
                          Colour::bold)
        << "\n";
    std::map<std::string, int> counts;
    for (auto const& duty : result["duties"]) {
        auto const status = duty["status"].get<std::string>();
        ++counts[status];
        auto title = duty["title"].get<std::string>();
        if (duty.contains("instance")) title += fmt::format(" (#{})", duty["instance"].get<int>());
        out << "\n  " << terminal.paint(fmt::format("{:<8}", status), colour_of(status)) << " " << title << " · "
            << duty["cite"].get<std::string>() << "\n";
        // `due` is a date, {"before": EVENT}, or absent: the statute sets
        // none, or the duty is excepted.
        std::string due = duty["status"] == "excepted" ? "nothing due: excepted" : "no statutory deadline";
        if (duty.contains("replaced_by")) due += ", replaced by " + duty["replaced_by"].get<std::string>();
        if (duty.contains("due"))
            due = duty["due"].is_string() ? "due " + duty["due"].get<std::string>()
                                          : "due before " + duty["due"]["before"].get<std::string>();
        if (duty.contains("target"))
            due += fmt::format(" · target {}{}", duty["target"].get<std::string>(),
                               duty["past_target"].get<bool>() ? " (passed)" : "");
        out << "           " << terminal.paint(fmt::format("{} · {}", duty["duty"].get<std::string>(), due), Colour::grey)
            << "\n";
        for (auto const& line : duty["why"]) out << "           - " << line.get<std::string>() << "\n";
    }
    if (result["duties"].empty()) {
        out << "\n  No duties: no event of this case opens a duty under the rules in force.\n";
        return;
    }
    std::string summary;
    for (auto const& [status, count] : counts) summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", count, status);
    out << fmt::format("\n{} dut{}: {}\n", result["duties"].size(), result["duties"].size() == 1 ? "y" : "ies", summary);
}

int run_check(CheckOptions const& options, Terminal& terminal) {
    auto const as_of_option = read_moment_option(options.as_of, "check", "--as-of", terminal);
    if (!as_of_option) return 2;
    auto const as_of = *as_of_option;
    auto const program = load_rules(options.rules, terminal);
    if (!program) return 2;

    auto const text = read_file(options.case_file);
    if (!text) {
        terminal.err() << fmt::format("{}: error: cannot read the case file\n", options.case_file);
        return 2;
    }
    auto const c = engine::parse_case(*program, *text);
    if (!c) {
        nlohmann::ordered_json errors = nlohmann::ordered_json::array();
        for (auto const& error : c.error()) {
            if (error.line > 0)
                terminal.err() << fmt::format("{}:{}:{}: error: {}\n", options.case_file, error.line, error.column,
                                              error.message);
            else
                terminal.err() << fmt::format("{}: error: {}{}\n", options.case_file,
                                              error.pointer.empty() ? "" : "at " + error.pointer + ": ", error.message);
            errors.push_back(nlohmann::ordered_json::object({{"pointer", error.pointer}, {"detail", error.message}}));
        }
        if (options.json) terminal.out() << json_text(nlohmann::ordered_json{{"errors", errors}}) << "\n";
        return 2;
    }

    std::vector<engine::DutyResult> results;
    engine::evaluate(*program, *c, as_of, results);
    if (auto const lacking = engine::lacking_fact(*program, results)) {
        terminal.err() << fmt::format("{}: error: at {}: {}\n", options.case_file, lacking->pointer, lacking->message);
        if (options.json)
            terminal.out() << json_text({{"errors", {{{"pointer", lacking->pointer}, {"detail", lacking->message}}}}})
                           << "\n";
        return 2;
    }
    auto const json = engine::to_json(*program, *c, results, as_of);
    if (options.json) terminal.out() << json_text(json) << "\n";
    else print_checklist(json, program->municipalities[c->municipality].name, terminal);

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
    verb->add_flag("--json", options->json, "Print one JSON object instead of a checklist");
    verb->callback([options, &terminal, &exit_code] { exit_code = run_check(*options, terminal); });
}

}  // namespace pligt::cli
