// `pligt test [PATH…]`: runs the `test` blocks of rule files and reports each
// failed expectation where it is written. Ends with "N passed, M failed".
#include "cli/rules_option.hpp"
#include "cli/terminal.hpp"
#include "cli/verbs.hpp"
#include "dsl/diagnostic.hpp"
#include "engine/test_runner.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

namespace pligt::cli {
namespace {

struct TestOptions {
    std::vector<std::string> paths;
    bool verbose = false;
};

int run_test(TestOptions const& options, Terminal& terminal) {
    auto const program = load_rules(options.paths, terminal);
    if (!program) return 2;
    auto const outcomes = engine::run_tests(*program);
    int passed = 0, failed = 0;
    for (auto const& outcome : outcomes) {
        if (outcome.passed()) {
            ++passed;
            if (options.verbose) terminal.out() << terminal.paint("ok", Colour::green) << "   " << outcome.test->title << "\n";
            continue;
        }
        ++failed;
        for (auto const& failure : outcome.failures) {
            auto const& origin = failure.expectation->origin;
            auto const diagnostic =
                locate(program->sources[origin.source], origin.begin, origin.end, Severity::error, "test_failed",
                       fmt::format("test \"{}\": expected {}, found {}", outcome.test->title, failure.expected,
                                   failure.found));
            terminal.out() << render(diagnostic);
        }
    }
    terminal.out() << fmt::format("{} passed, {} failed\n", passed, failed);
    return failed > 0 ? 1 : 0;
}

}  // namespace

void add_test(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<TestOptions>();
    auto* verb = app.add_subcommand("test", "Run the tests written in rule files");
    verb->add_option("paths", options->paths,
                     "Rule directories or files; default: the shipped rules/ and municipalities/");
    verb->add_flag("-v,--verbose", options->verbose, "Also list the tests that pass");
    verb->callback([options, &terminal, &exit_code] { exit_code = run_test(*options, terminal); });
}

}  // namespace pligt::cli
