// The `pligt.runTests` command: the tests written in one file, run exactly
// as `pligt test` runs them, each failed expectation where it is written.
#include "authoring/test_runner.hpp"
#include "lsp/features.hpp"

namespace pligt::lsp {

std::optional<TestRun> run_tests(Document const& document) {
    auto const* program = document.project.program();
    if (!program || !document.project.complete()) return std::nullopt;
    TestRun run;
    for (auto const& outcome : engine::run_tests(*program)) {
        if (program->sources[outcome.test->origin.source].name() != document.rule_file().path) continue;
        if (outcome.passed()) {
            ++run.passed;
            continue;
        }
        ++run.failed;
        for (auto const& failure : outcome.failures) {
            auto const& origin = failure.expectation->origin;
            run.failures.push_back({{"range", range_json(document.text(), origin.begin, origin.end, document.encoding)},
                                    {"message", engine::failure_message(outcome, failure)}});
        }
    }
    return run;
}

}  // namespace pligt::lsp
