// `pligt test [PATH…]`: runs the `test` blocks of rule files and reports each
// failed expectation where it is written. Ends with "N passed, M failed".
#include "authoring/test_runner.hpp"
#include "cli/rules_option.hpp"
#include "cli/terminal.hpp"
#include "cli/verbs.hpp"
#include "dsl/diagnostic.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <memory>

namespace pligt::cli {
namespace {

struct TestOptions {
    std::vector<std::string> paths;
    bool verbose = false;
    bool require_coverage = false;
};

int run_test(TestOptions const& options, Terminal& terminal) {
    auto const program = load_rules(options.paths, terminal);
    if (!program) return 2;
    std::vector<bool> tested;
    auto const outcomes = engine::run_tests(*program, &tested);
    int passed = 0, failed = 0;
    for (auto const& outcome : outcomes) {
        if (outcome.passed()) {
            ++passed;
            if (options.verbose)
                terminal.out() << terminal.paint("ok", Colour::green) << "   " << outcome.test->title << "\n";
            continue;
        }
        ++failed;
        for (auto const& failure : outcome.failures) {
            auto const& origin = failure.expectation->origin;
            auto const diagnostic = locate(program->sources[origin.source], origin.begin, origin.end, Severity::error,
                                           "test_failed", engine::failure_message(outcome, failure));
            terminal.out() << render(diagnostic);
        }
    }
    // Every duty of every law needs a test that finds it: a rule nobody
    // checked is a rule that may never fire.
    int untested = 0;
    for (Index d = 0; options.require_coverage && d < program->duties.size(); ++d) {
        if (tested[d]) continue;
        ++untested;
        auto const& duty = program->duties[d];
        auto const owner = duty.owned_by_set ? "exemption set " + program->exemption_sets[duty.owner].id
                                             : "law " + program->laws[duty.owner].id;
        terminal.out() << render(
            locate(program->sources[duty.origin.source], duty.origin.begin, duty.origin.end, Severity::error,
                   "untested_duty", fmt::format("duty '{}' of {} has no passing test that finds it", duty.id, owner)));
    }
    if (untested > 0) terminal.out() << fmt::format("{} dut{} without a test\n", untested, untested == 1 ? "y" : "ies");
    terminal.out() << fmt::format("{} passed, {} failed\n", passed, failed);
    return failed > 0 || untested > 0 ? 1 : 0;
}

}  // namespace

void add_test(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<TestOptions>();
    auto* verb = app.add_subcommand("test", "Run the tests written in rule files");
    verb->add_option("paths", options->paths,
                     "Rule directories or files; default: the shipped rules/ and municipalities/");
    verb->add_flag("-v,--verbose", options->verbose, "Also list the tests that pass");
    verb->add_flag("--require-coverage", options->require_coverage,
                   "Fail when a duty of a law or exemption set has no passing test that finds it");
    verb->callback([options, &terminal, &exit_code] { exit_code = run_test(*options, terminal); });
}

}  // namespace pligt::cli
