#include "authoring/test_runner.hpp"

#include "engine/evaluate.hpp"
#include "engine/explain.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pligt::engine {
namespace {

std::string due_text(Program const& program, Moment due, Index before) {
    return before != no_index ? "before " + program.events[before].id : due.to_string();
}

std::string describe(Program const& program, DutyResult const& result, bool with_cite = false) {
    auto text = fmt::format("{}{} {}", program.duties[result.duty].id,
                            result.instance > 0 ? fmt::format(" instance {}", result.instance) : std::string{},
                            to_string(result.status));
    if (has_due(result)) text += " due " + due_text(program, result.due, result.due_before);
    else if (result.no_deadline) text += " due none";
    if (with_cite) text += fmt::format(" cite \"{}\"", citation(program, program.duties[result.duty]));
    return text;
}

}  // namespace

Case case_of(Program const& program, TestDef const& test) {
    Case c;
    c.id = test.title;
    c.municipality = test.municipality;
    c.facts.assign(program.facts.size(), {});
    for (auto const& [fact, value] : test.facts) c.facts[fact] = AttributeValue{value, true};
    std::uint32_t position = 0;
    for (auto const& event : test.events) {
        auto const& def = program.events[event.event];
        CaseEvent e{event.event, event.at, static_cast<std::uint32_t>(c.attribute_values.size()), position++};
        c.attribute_values.resize(c.attribute_values.size() + def.attributes.size());
        for (auto const& [attribute, value] : event.attributes)
            c.attribute_values[e.attributes + attribute] = AttributeValue{value, true};
        c.events.push_back(e);
    }
    order_events(program, c);
    return c;
}

std::string failure_message(TestOutcome const& outcome, ExpectationFailure const& failure) {
    return fmt::format("test \"{}\": expected {}, found {}", outcome.test->title, failure.expected, failure.found);
}

std::vector<TestOutcome> run_tests(Program const& program, std::vector<bool>* tested) {
    if (tested) tested->assign(program.duties.size(), false);
    std::vector<TestOutcome> outcomes;
    std::vector<DutyResult> results;
    for (auto const& test : program.tests) {
        TestOutcome outcome{&test, {}};
        auto const c = case_of(program, test);
        evaluate(program, c, test.as_of, results);
        for (auto const& expectation : test.expectations) {
            std::vector<DutyResult const*> instances;
            for (auto const& r : results)
                if (program.duties[r.duty].concept_index == expectation.concept_index) instances.push_back(&r);
            std::string expected = expectation.duty;
            if (expectation.instance > 0) expected += fmt::format(" instance {}", expectation.instance);
            if (!expectation.status.empty()) expected += " " + expectation.status;
            if (expectation.due || expectation.due_before != no_index)
                expected += " due " + due_text(program, expectation.due.value_or(Moment{}), expectation.due_before);
            if (expectation.no_due) expected += " due none";
            if (!expectation.cite.empty()) expected += fmt::format(" cite \"{}\"", expectation.cite);

            if (expectation.absent) {
                // `expect no DUTY instance N`: fewer than N instances.
                auto const allowed = static_cast<std::size_t>(std::max(expectation.instance, 1) - 1);
                if (instances.size() > allowed)
                    outcome.failures.push_back(
                        {&expectation, expected.insert(0, "no "), describe(program, *instances[allowed])});
                continue;
            }
            auto const wanted = static_cast<std::size_t>(std::max(expectation.instance, 1));
            if (instances.size() < wanted) {
                outcome.failures.push_back({&expectation, expected,
                                            instances.empty()
                                                ? fmt::format("no {} in the case", expectation.duty)
                                                : fmt::format("{} instance{} of {}", instances.size(),
                                                              instances.size() == 1 ? "" : "s", expectation.duty)});
                continue;
            }
            auto const& found = *instances[wanted - 1];
            bool ok = expectation.status.empty() || to_string(found.status) == expectation.status;
            if (expectation.due_before != no_index) ok &= has_due(found) && found.due_before == expectation.due_before;
            if (expectation.due)
                ok &= has_due(found) && found.due_before == no_index && found.due.date == expectation.due->date &&
                      found.due.minute == expectation.due->minute;
            if (expectation.no_due) ok &= found.no_deadline;
            if (!expectation.cite.empty()) ok &= citation(program, program.duties[found.duty]) == expectation.cite;
            if (!ok)
                outcome.failures.push_back(
                    {&expectation, expected, describe(program, found, !expectation.cite.empty())});
            else if (tested) (*tested)[found.duty] = true;
        }
        outcomes.push_back(std::move(outcome));
    }
    return outcomes;
}

}  // namespace pligt::engine
