// `pligt check CASE.json --as-of 2024-06-01 --json` end to end on the shipped
// rules, in-process: read the case, evaluate it, and write what the CLI and
// the API answer (output/check_json, or output/errors for a case that cannot
// be checked). The text must be the JSON nlohmann would print for the same
// document, pretty and compact (a batch of JSON Lines), byte for byte: the
// contract the clients were written against.
#include "fuzz/shipped.hpp"

#include "cli/terminal.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "output/check_json.hpp"
#include "output/errors.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

void same_as_nlohmann(std::string const& pretty, std::string const& compact) {
    auto const document = nlohmann::ordered_json::parse(pretty);
    if (pligt::cli::json_text(document) != pretty) pligt::fuzz::fail("the pretty text is not what nlohmann prints");
    if (document.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) != compact)
        pligt::fuzz::fail("the compact text is not what nlohmann prints");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    using namespace pligt;
    auto const& program = fuzz::shipped_program();
    static Moment const as_of = Moment::on(*Date::parse("2024-06-01"));

    auto const c = engine::parse_case(program, std::string_view{reinterpret_cast<char const*>(data), size});
    if (!c) {
        auto const errors = output::input_errors(c.error());
        std::string compact;
        output::JsonText json{compact, false};
        output::write_errors_object(json, errors);
        same_as_nlohmann(output::errors_json_text(errors), compact);
        return 0;
    }
    std::vector<engine::DutyResult> results;
    engine::evaluate(program, *c, as_of, results);
    if (engine::lacking_fact(program, results)) return 0;  // the CLI's error, not a result
    same_as_nlohmann(
        output::check_json_text(program, *c, results, as_of, {output::default_language(program), true}),
        output::check_json_text(program, *c, results, as_of, {output::default_language(program), true}, false));
    return 0;
}
