// `pligt fmt` on any rule text that parses. Properties checked here, beyond
// "no crash": the formatted text formats to itself, parses without errors,
// and resolves as the original does (the same diagnostic codes; when the
// original resolves, a program of the same shape). A refusal (format()
// returning nothing, "file left unchanged") is the formatter's documented
// safety net, not a finding; its message must still name the file.
#include "fuzz/shipped.hpp"

#include "authoring/format.hpp"
#include "dsl/parse.hpp"
#include "dsl/resolve.hpp"
#include "dsl/source.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace pligt;

// What resolution made of a file, in terms that do not depend on layout.
struct Outcome {
    std::vector<std::pair<Severity, std::string>> diagnostics;  // severity and code, sorted
    bool resolved = false;
    std::vector<std::size_t> shape;

    friend bool operator==(Outcome const&, Outcome const&) = default;
};

Outcome resolve_outcome(SourceFile const& source, ast::File const& file) {
    Diagnostics diagnostics;
    auto const program = resolve({source}, {file}, diagnostics);
    Outcome outcome;
    for (auto const& d : diagnostics.sorted()) outcome.diagnostics.emplace_back(d.severity, d.code);
    std::sort(outcome.diagnostics.begin(), outcome.diagnostics.end());
    if (program) {
        outcome.resolved = true;
        outcome.shape = {program->vocabularies.size(),   program->calendars.size(), program->kinds.size(),
                         program->facts.size(),          program->events.size(),    program->laws.size(),
                         program->exemption_sets.size(), program->duties.size(),    program->municipalities.size(),
                         program->scenarios.size(),      program->tests.size(),     program->conditions.size()};
    }
    return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    SourceFile const source{"fuzz.pligt", std::string(reinterpret_cast<char const*>(data), size)};
    Diagnostics parsed;
    auto const file = parse(source, parsed);
    if (parsed.has_errors()) return 0;  // fmt never formats a file with syntax errors

    Diagnostics refused;
    auto const formatted = format(source, file, refused);
    if (!formatted) {
        if (!refused.has_errors()) fuzz::fail("a refusal is reported as an error");
        return 0;
    }

    SourceFile const again{"fuzz.pligt", *formatted};
    Diagnostics reparsed;
    auto const formatted_file = parse(again, reparsed);
    if (reparsed.has_errors()) fuzz::fail("the formatted text parses");

    Diagnostics second;
    auto const twice = format(again, formatted_file, second);
    if (!twice) fuzz::fail("the formatted text formats");
    if (*twice != *formatted) fuzz::fail("formatting is idempotent");

    if (resolve_outcome(source, file) != resolve_outcome(again, formatted_file))
        fuzz::fail("the formatted text resolves as the original does");
    return 0;
}
