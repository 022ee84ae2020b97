// Runs the tests written in rule files (`test "…" { case {…} as of …
// expect … }`): each case is evaluated exactly as `pligt check` would, and
// each expectation compared with what was found.
#pragma once

#include "dsl/program.hpp"
#include "engine/case.hpp"

#include <string>
#include <vector>

namespace pligt::engine {

// The case a test block describes, resolved like a case file.
Case case_of(Program const& program, TestDef const& test);

struct ExpectationFailure {
    TestDef::Expectation const* expectation = nullptr;
    std::string expected;  // "child_investigation waived due 2019-07-05"
    std::string found;     // "child_investigation pending due 2019-07-05", "no such duty"
};

struct TestOutcome {
    TestDef const* test = nullptr;
    std::vector<ExpectationFailure> failures;
    bool passed() const { return failures.empty(); }
};

// "test \"TITLE\": expected …, found …", as `pligt test` and the editor say it.
std::string failure_message(TestOutcome const& outcome, ExpectationFailure const& failure);

// With `tested`, also marks each duty (by Program::duties index, so a duty of
// each law separately) that a passing expectation found an instance of.
std::vector<TestOutcome> run_tests(Program const& program, std::vector<bool>* tested = nullptr);

}  // namespace pligt::engine
