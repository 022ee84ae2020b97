// `pligt check CASE.json --as-of 2024-06-01 --json` end to end on the shipped
// rules, in-process: read the case, evaluate it, explain every duty and dump
// the JSON as cli/check.cpp prints it (cli::json_text, compiled in from
// cli/terminal.cpp) and as the API writes it (to_json_text), which must be
// the same bytes. A case without the birthdate an age deadline needs is the
// CLI's error, not a result.
#include "fuzz/shipped.hpp"

#include "cli/terminal.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "engine/explain.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    using namespace pligt;
    using cli::json_text;
    auto const& program = fuzz::shipped_program();
    static Moment const as_of = Moment::on(*Date::parse("2024-06-01"));

    auto const c = engine::parse_case(program, std::string_view{reinterpret_cast<char const*>(data), size});
    if (!c) {
        nlohmann::ordered_json errors = nlohmann::ordered_json::array();
        for (auto const& error : c.error())
            errors.push_back(nlohmann::ordered_json::object({{"pointer", error.pointer}, {"detail", error.message}}));
        json_text(nlohmann::ordered_json{{"errors", errors}});
        return 0;
    }
    std::vector<engine::DutyResult> results;
    engine::evaluate(program, *c, as_of, results);
    if (std::any_of(results.begin(), results.end(), [](auto const& r) { return r.missing_age_fact; })) return 0;
    // The API writes the answer as text (to_json_text), the CLI dumps the
    // tree (to_json): the same bytes, or a client would see two contracts.
    auto const text = engine::to_json_text(program, *c, results, as_of);
    if (json_text(engine::to_json(program, *c, results, as_of)) != text)
        fuzz::fail("to_json_text writes what dumping to_json prints");
    return 0;
}
