// Case JSON against the shipped program, through both readers: parse_case
// (`pligt check`, the API) and CaseParser (the simulator's one-pass reader).
// They must agree on every input: both succeed with the same Case, field by
// field, or both fail with the same errors. A case that reads is evaluated
// as of a fixed day and as of its last event.
#include "fuzz/shipped.hpp"

#include "engine/case.hpp"
#include "engine/evaluate.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace {

using namespace pligt;
using engine::AttributeValue;
using engine::Case;
using engine::CaseError;

bool same(AttributeValue a, AttributeValue b) { return a.present == b.present && a.value == b.value; }
bool same(Moment a, Moment b) { return a.date == b.date && a.minute == b.minute; }

bool same_values(std::vector<AttributeValue> const& a, std::vector<AttributeValue> const& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i])) return false;
    return true;
}

bool same_case(Case const& a, Case const& b) {
    if (a.id != b.id || a.municipality != b.municipality || a.events.size() != b.events.size()) return false;
    for (std::size_t i = 0; i < a.events.size(); ++i) {
        auto const &x = a.events[i], &y = b.events[i];
        if (x.event != y.event || !same(x.at, y.at) || x.attributes != y.attributes || x.position != y.position)
            return false;
    }
    return same_values(a.facts, b.facts) && same_values(a.attribute_values, b.attribute_values);
}

bool same_errors(std::vector<CaseError> const& a, std::vector<CaseError> const& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].pointer != b[i].pointer || a[i].message != b[i].message || a[i].line != b[i].line ||
            a[i].column != b[i].column)
            return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto const& program = fuzz::shipped_program();
    static engine::CaseParser const parser{program};
    std::string_view const text{reinterpret_cast<char const*>(data), size};

    auto const slow = engine::parse_case(program, text);
    auto const fast = parser.parse(text);
    if (slow.ok() != fast.ok()) fuzz::fail("parse_case and CaseParser agree on success");
    if (!slow) {
        if (slow.error().empty()) fuzz::fail("a failed read says why");
        if (!same_errors(slow.error(), fast.error())) fuzz::fail("parse_case and CaseParser give the same errors");
        return 0;
    }
    if (!same_case(*slow, *fast)) fuzz::fail("parse_case and CaseParser read the same case");

    std::vector<engine::DutyResult> results;
    engine::evaluate(program, *slow, Moment::on(*Date::parse("2024-06-01")), results);
    if (!slow->events.empty()) engine::evaluate(program, *slow, slow->events.back().at, results);
    return 0;
}
