// `pligt diff OLD NEW [--laws] [--cases FILE.jsonl] [--as-of DATE] [--examples N]
// [--rules DIR…] [--json]`, or `pligt diff --scenario ID …`: what a change to
// the rule files, a change of law, or a scenario's (a bill's) does to the
// duties and to a population of cases; contract in docs/cli.md.
#include "population/diff.hpp"
#include "cli/bulk_memory.hpp"
#include "cli/case_lines.hpp"
#include "cli/rules_option.hpp"
#include "cli/scenario_option.hpp"
#include "cli/terminal.hpp"
#include "cli/time_option.hpp"
#include "cli/verbs.hpp"
#include "dsl/diagnostic.hpp"
#include "engine/overlay.hpp"
#include "output/report.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <memory>

namespace pligt::cli {
namespace {

struct DiffOptions {
    std::string old_side, new_side;
    bool laws = false;
    std::string scenario;  // --scenario: the law as written against this scenario
    std::string cases;
    std::string as_of;
    std::size_t examples = 3;
    bool json = false;
    std::vector<std::string> rules;
};

using engine::CaseChange;
using engine::ItemKind;

std::string label(std::string_view aspect) {
    if (aspect == "cite") return "citation";
    if (aspect == "on") return "triggered by";
    if (aspect == "where") return "condition";
    if (aspect == "unless") return "exceptions";
    if (aspect == "due") return "deadline";
    if (aspect == "done_by") return "done by";
    if (aspect == "lapses_on") return "lapses on";
    if (aspect == "instead") return "replaced by";
    return std::string{aspect};
}

// `duty answer "Answer the request" (office_act, OA s. 2)` or `quick_pilot waives answer`.
std::string headline(engine::DiffItem const& item) {
    switch (item.kind) {
    case ItemKind::duty: return fmt::format("duty {} \"{}\" ({}, {})", item.duty, item.title, item.owner, item.cite);
    case ItemKind::waiver: return fmt::format("{} waives {}", item.owner, item.duty);
    case ItemKind::change: return fmt::format("{} changes the deadline of {}", item.owner, item.duty);
    }
    return {};
}

std::string period_text(Period const& period) {
    return period.to ? fmt::format("in force {} to {}", period.from.to_string(), period.to->to_string())
                     : fmt::format("in force from {}", period.from.to_string());
}

std::string side_text(engine::CaseDuty const* duty) {
    if (!duty) return "(absent)";
    return duty->due.empty() ? duty->status : fmt::format("{}, due {}", duty->status, duty->due);
}

std::string difference_text(engine::DutyDifference const& d) {
    return fmt::format("{}{}: {} → {}", d.duty, d.instance > 1 ? fmt::format(" #{}", d.instance) : "",
                       side_text(d.old_duty ? &*d.old_duty : nullptr), side_text(d.new_duty ? &*d.new_duty : nullptr));
}

std::string case_name(engine::CaseComparison const& c) {
    return c.id.empty() ? fmt::format("line {}", c.line) : fmt::format("line {}, case {}", c.line, c.id);
}

// The two sides in words: the old and the new rules, or the two laws.
std::string old_name(DiffOptions const& options) {
    if (!options.scenario.empty()) return "the law as written";
    return options.laws ? options.old_side : "the old rules";
}
std::string new_name(DiffOptions const& options) {
    if (!options.scenario.empty()) return "scenario " + options.scenario;
    return options.laws ? options.new_side : "the new rules";
}

std::string kind_text(CaseChange kind, DiffOptions const& options) {
    switch (kind) {
    case CaseChange::duty_added: return "with a duty only under " + new_name(options);
    case CaseChange::duty_removed: return "with a duty only under " + old_name(options);
    case CaseChange::status_changed: return "with a duty whose status changes";
    case CaseChange::reads_only_in_old: return "readable only under " + old_name(options);
    case CaseChange::reads_only_in_new: return "readable only under " + new_name(options);
    }
    return {};
}

nlohmann::ordered_json item_json(engine::DiffItem const& item) {
    nlohmann::ordered_json row{{"kind", engine::to_string(item.kind)}, {"duty", item.duty}, {"law", item.owner}};
    for (auto const& [aspect, text] : item.aspects)
        if (aspect == "cite") row["cite"] = item.cite;
        else if (text != "(none)") row[aspect] = text;
    return row;
}

nlohmann::ordered_json side_json(engine::CaseDuty const& duty) {
    nlohmann::ordered_json side{{"status", duty.status}};
    if (!duty.due.empty()) side["due"] = duty.due;
    return side;
}

// What a scenario changes, in words (describe_scenario); empty for two rule sets or laws.
struct ScenarioSide {
    std::string id, title;
    std::vector<std::string> changes;
};

nlohmann::ordered_json to_json(engine::RulesDiff const& diff, engine::CasesDiff const* cases, Moment as_of,
                               ScenarioSide const* scenario) {
    nlohmann::ordered_json out;
    if (scenario) out["scenario"] = {{"id", scenario->id}, {"title", scenario->title}, {"changes", scenario->changes}};
    auto& added = out["added"] = nlohmann::ordered_json::array();
    for (auto const& item : diff.added) added.push_back(item_json(item));
    auto& removed = out["removed"] = nlohmann::ordered_json::array();
    for (auto const& item : diff.removed) removed.push_back(item_json(item));
    auto& changed = out["changed"] = nlohmann::ordered_json::array();
    for (auto const& entry : diff.changed) {
        nlohmann::ordered_json row{
            {"kind", engine::to_string(entry.item.kind)}, {"duty", entry.item.duty}, {"law", entry.item.owner}};
        if (!entry.old_owner.empty()) row["old_law"] = entry.old_owner;
        auto& changes = row["changes"] = nlohmann::ordered_json::array();
        for (auto const& c : entry.changes)
            changes.push_back({{"aspect", c.aspect}, {"old", c.old_text}, {"new", c.new_text}});
        changed.push_back(std::move(row));
    }
    if (!cases) return out;
    nlohmann::ordered_json summary{{"as_of", as_of.to_string()}, {"total", cases->total}, {"changed", cases->changed}};
    nlohmann::ordered_json by_kind = nlohmann::ordered_json::object();
    auto examples = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < engine::case_change_count; ++k) {
        auto const kind = engine::to_string(static_cast<CaseChange>(k));
        by_kind[std::string{kind}] = cases->by_kind[k];
        for (auto const& c : cases->examples[k]) {
            nlohmann::ordered_json example{{"kind", kind}, {"line", c.line}};
            if (!c.id.empty()) example["case"] = c.id;
            if (!c.old_error.empty()) example["old_error"] = c.old_error;
            if (!c.new_error.empty()) example["new_error"] = c.new_error;
            auto differences = nlohmann::ordered_json::array();
            for (auto const& d : c.differences) {
                nlohmann::ordered_json row{{"duty", d.duty}, {"instance", d.instance}};
                if (d.old_duty) row["old"] = side_json(*d.old_duty);
                if (d.new_duty) row["new"] = side_json(*d.new_duty);
                differences.push_back(std::move(row));
            }
            if (!differences.empty()) example["differences"] = std::move(differences);
            examples.push_back(std::move(example));
        }
    }
    summary["by_kind"] = std::move(by_kind);
    summary["examples"] = std::move(examples);
    out["cases"] = std::move(summary);
    return out;
}

void print_items(std::ostream& out, std::string_view title, char mark, std::vector<engine::DiffItem> const& items) {
    if (items.empty()) return;
    out << fmt::format("\n{} ({})\n", title, items.size());
    for (auto const& item : items) {
        out << fmt::format("  {} {}\n", mark, headline(item));
        if (item.kind == ItemKind::duty) continue;
        for (auto const& [aspect, text] : item.aspects)
            if (text != "(none)") out << fmt::format("      {}: {}\n", label(aspect), text);
    }
}

void print_text(std::ostream& out, Terminal const& terminal, std::string const& heading, engine::RulesDiff const& diff,
                engine::CasesDiff const* cases, Moment as_of, DiffOptions const& options,
                ScenarioSide const* scenario) {
    out << terminal.paint(heading, Colour::bold) << "\n";
    if (scenario)
        for (auto const& line : scenario->changes) out << "  " << line << "\n";
    if (diff.empty()) out << "\nNo duty, waiver or change of deadline differs.\n";
    print_items(out, "Added", '+', diff.added);
    print_items(out, "Removed", '-', diff.removed);
    if (!diff.changed.empty()) {
        out << fmt::format("\nChanged ({})\n", diff.changed.size());
        for (auto const& entry : diff.changed) {
            out << fmt::format("  ~ {}\n", headline(entry.item));
            for (auto const& c : entry.changes)
                out << fmt::format("      {}: {} → {}\n", label(c.aspect), c.old_text, c.new_text);
        }
    }
    if (!cases) return;
    out << "\n"
        << terminal.paint(fmt::format("Cases in {} as of {}: {} of {} change", options.cases, as_of.to_string(),
                                      cases->changed, cases->total),
                          Colour::bold)
        << "\n";
    for (std::size_t k = 0; k < engine::case_change_count; ++k) {
        if (cases->by_kind[k] == 0) continue;
        auto const kind = static_cast<CaseChange>(k);
        out << fmt::format("\n  {} case{} {}{}\n", cases->by_kind[k], cases->by_kind[k] == 1 ? "" : "s",
                           kind_text(kind, options),
                           cases->examples[k].size() < cases->by_kind[k] ? ", for example:" : ":");
        for (auto const& c : cases->examples[k]) {
            out << fmt::format("    {}\n", case_name(c));
            if (!c.old_error.empty()) out << fmt::format("      under {}: {}\n", old_name(options), c.old_error);
            if (!c.new_error.empty()) out << fmt::format("      under {}: {}\n", new_name(options), c.new_error);
            for (auto const& d : c.differences) out << fmt::format("      {}\n", difference_text(d));
        }
    }
}

// Reads the cases and compares each under both programs; nothing when a line
// reads under neither (reported as `FILE:LINE: error: …`).
std::optional<engine::CasesDiff> compare_cases(Program const& old_program, Program const& new_program,
                                               DiffOptions const& options, Moment as_of, Terminal& terminal) {
    std::ifstream in{options.cases, std::ios::binary};
    std::error_code error;  // a directory opens, but reads as no lines
    if (!in || std::filesystem::is_directory(options.cases, error)) {
        terminal.err() << fmt::format("{}: error: cannot read the cases file\n", options.cases);
        return std::nullopt;
    }
    engine::CasesDiff cases;
    std::uint64_t number = 0;
    std::string line;
    for (;;) {
        auto const read = read_case_line(in, line);
        if (read == LineRead::end) break;
        ++number;
        if (read == LineRead::too_long) {
            terminal.err() << fmt::format("{}:{}: error: {}\n", options.cases, number, too_long_line_message());
            return std::nullopt;
        }
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto const comparison = engine::compare_case(old_program, new_program, line, number, as_of);
        if (comparison.unreadable()) {
            terminal.err() << fmt::format("{}:{}: error: {}\n", options.cases, number, comparison.old_error);
            return std::nullopt;
        }
        cases.add(comparison, options.examples);
    }
    if (in.bad()) {
        terminal.err() << fmt::format("{}: error: reading the cases file failed\n", options.cases);
        return std::nullopt;
    }
    return cases;
}

// One side of --laws: `LAW` (its latest text) or `LAW@DATE` (the version in
// force on that date).
struct LawSide {
    engine::LawText text;
    bool dated = false;
};

std::optional<LawSide> find_law(Program const& program, std::string const& side, Terminal& terminal) {
    auto const at = side.find('@');
    auto const id = side.substr(0, at);
    LawSide found;
    found.text.law = program.find_law(id);
    if (found.text.law == no_index) {
        terminal.err() << fmt::format("pligt diff: unknown law '{}'{}\n", id, did_you_mean_id(id, program.laws));
        return std::nullopt;
    }
    auto const& law = program.laws[found.text.law];
    found.text.on = engine::latest_text(law);
    if (at == std::string::npos) return found;
    auto const date = Date::parse(side.substr(at + 1));
    if (!date) {
        terminal.err() << fmt::format("pligt diff: '{}': expected a date after '@' (LAW@YYYY-MM-DD)\n", side);
        return std::nullopt;
    }
    if (!law.in_force.contains(*date)) {
        terminal.err() << fmt::format("pligt diff: '{}': law '{}' is not in force on {} ({})\n", side, law.id,
                                      date->to_string(), period_text(law.in_force));
        return std::nullopt;
    }
    found.text.on = *date;
    found.dated = true;
    return found;
}

// `office_act (OA, in force 2020-01-01 to 2023-12-31)`, and with a date
// `office_act as of 2021-06-01 (Consolidated Act 2 of 2021)`.
std::string side_heading(Program const& program, LawSide const& side) {
    auto const& law = program.laws[side.text.law];
    if (!side.dated) return fmt::format("{} ({}, {})", law.id, law.short_name, period_text(law.in_force));
    auto const* version = law.version_on(side.text.on);
    return fmt::format("{} as of {}{}", law.id, side.text.on.to_string(),
                       version ? " (" + version->title + ")" : std::string{});
}

int run_diff(DiffOptions const& options, Terminal& terminal) {
    keep_large_buffers_in_heap();
    bool const by_scenario = !options.scenario.empty();
    if (by_scenario && (options.laws || !options.old_side.empty())) {
        terminal.err() << "pligt diff: --scenario compares the law as written (the shipped rules, or --rules) with "
                          "the scenario: leave out OLD, NEW and --laws\n";
        return 2;
    }
    if (!by_scenario && (options.old_side.empty() || options.new_side.empty())) {
        terminal.err() << "pligt diff: give OLD and NEW (two rule directories, or with --laws two laws), or "
                          "--scenario ID\n";
        return 2;
    }
    if (!by_scenario && !options.laws && !options.rules.empty()) {
        terminal.err() << "pligt diff: --rules names the program whose laws --laws compares; without --laws, "
                          "OLD and NEW are the rule directories\n";
        return 2;
    }
    auto const as_of = read_moment_option(options.as_of, "diff", "--as-of", terminal);
    if (!as_of) return 2;

    engine::RulesDiff diff;
    std::string heading;
    std::optional<engine::CasesDiff> cases;
    std::optional<ScenarioSide> scenario_side;
    if (!options.scenario.empty()) {
        auto const program = load_rules(options.rules, terminal);
        if (!program) return 2;
        auto const* scenario = find_scenario(*program, options.scenario, "diff", terminal);
        if (!scenario) return 2;
        auto const amended = engine::with_scenario(*program, *scenario);
        heading = fmt::format("The law as written → scenario {} \"{}\"", scenario->id, scenario->title);
        scenario_side = ScenarioSide{scenario->id, scenario->title, engine::describe_scenario(*program, *scenario)};
        diff = engine::diff_scenario(*program, amended, *scenario);
        if (!options.cases.empty()) {
            cases = compare_cases(*program, amended, options, *as_of, terminal);
            if (!cases) return 2;
        }
    } else if (options.laws) {
        auto const program = load_rules(options.rules, terminal);
        if (!program) return 2;
        auto const old_side = find_law(*program, options.old_side, terminal);
        auto const new_side = find_law(*program, options.new_side, terminal);
        if (!old_side || !new_side) return 2;
        auto const old_law = old_side->text.law, new_law = new_side->text.law;
        if (old_law == new_law && (!old_side->dated || !new_side->dated)) {
            terminal.err() << fmt::format(
                "pligt diff: to compare two versions of law '{}', give each its date: "
                "{}@YYYY-MM-DD\n",
                program->laws[old_law].id, program->laws[old_law].id);
            return 2;
        }
        heading = fmt::format("Law {} → {}", side_heading(*program, *old_side), side_heading(*program, *new_side));
        diff = engine::diff_laws(*program, old_side->text, new_side->text);
        if (!options.cases.empty()) {
            // Each law (or version) as if it alone had been in force all along.
            auto const alone = [&](LawSide const& keep, LawSide const& other) {
                auto out = keep.text.law == other.text.law
                               ? *program
                               : engine::with_law_alone(*program, keep.text.law, other.text.law);
                return keep.dated ? engine::with_text_alone(out, keep.text.law, keep.text.on) : out;
            };
            auto const old_program = alone(*old_side, *new_side);
            auto const new_program = alone(*new_side, *old_side);
            cases = compare_cases(old_program, new_program, options, *as_of, terminal);
            if (!cases) return 2;
        }
    } else {
        auto const old_program = load_rules({options.old_side}, terminal);
        auto const new_program = load_rules({options.new_side}, terminal);
        if (!old_program || !new_program) return 2;
        heading = fmt::format("Rules {} → {}", options.old_side, options.new_side);
        diff = engine::diff_programs(*old_program, *new_program);
        if (!options.cases.empty()) {
            cases = compare_cases(*old_program, *new_program, options, *as_of, terminal);
            if (!cases) return 2;
        }
    }

    auto const* scenario = scenario_side ? &*scenario_side : nullptr;
    if (options.json) terminal.out() << to_json(diff, cases ? &*cases : nullptr, *as_of, scenario).dump(2) << "\n";
    else print_text(terminal.out(), terminal, heading, diff, cases ? &*cases : nullptr, *as_of, options, scenario);
    return diff.empty() && (!cases || cases->changed == 0) ? 0 : 1;
}

}  // namespace

void add_diff(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<DiffOptions>();
    auto* verb = app.add_subcommand(
        "diff", "Compare two versions of the rules, two laws, or the law with a scenario: duties and cases");
    verb->add_option(
        "old", options->old_side,
        "The old rule directory or file (with --laws: a law id, or LAW@DATE for its version on that date)");
    verb->add_option(
        "new", options->new_side,
        "The new rule directory or file (with --laws: a law id, or LAW@DATE for its version on that date)");
    verb->add_option("--scenario", options->scenario,
                     "Compare the law as written (the shipped rules, or --rules) with this scenario of it (a bill)");
    verb->add_flag("--laws", options->laws,
                   "OLD and NEW are two laws of one program (the shipped one, or --rules), or two versions of one "
                   "law (LAW@DATE LAW@DATE)");
    verb->add_option("--cases", options->cases, "Also compare these cases, one JSON object a line (JSONL)");
    verb->add_option("--as-of", options->as_of, "Evaluate the cases at this date; default: today");
    verb->add_option("--examples", options->examples, "Examples of each kind of case difference; default: 3");
    verb->add_flag("--json", options->json, "Print one JSON object");
    add_rules_option(*verb, options->rules);
    verb->callback([options, &terminal, &exit_code] { exit_code = run_diff(*options, terminal); });
}

}  // namespace pligt::cli
