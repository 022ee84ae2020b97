// POST /api/v1/caseload: `{"as_of", "within_days", "cases": [...]}` in, the
// rows `pligt caseload --json` prints out (output/caseload). Every case is
// read and checked as POST /api/v1/check reads it; one that cannot be is a
// 422 naming it by its place in `cases`.
#include "engine/caseload.hpp"
#include "output/caseload.hpp"
#include "server/checked_case.hpp"
#include "server/endpoints.hpp"
#include "server/request_body.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pligt::server {
namespace {

using nlohmann::json;

// Enough to show what is wrong without an answer as long as the request.
constexpr std::size_t max_reported_errors = 100;

Reply unprocessable(RequestContext const& request, std::string detail, std::vector<FieldError> errors) {
    return problem_reply({422, std::move(detail), std::move(errors)}, request.path);
}

}  // namespace

Reply caseload(RequestContext const& request, std::string_view content_type, std::string_view body,
               Params const& params) {
    if (auto bad = check_params(request, params, {}, {})) return *bad;
    if (media_type(content_type) != "application/json") return unsupported(request, content_type, "application/json");
    auto const depth = request.limits.max_depth + 2;  // the request's object and its `cases`
    if (auto const at = too_deep(body, depth)) return nests_too_deeply(request, body, *at, depth);
    auto const document = json::parse(body, nullptr, false);
    if (document.is_discarded())
        return problem_reply({400, "the body is not valid JSON", {json_error(request, body)}}, request.path);
    if (!document.is_object())
        return unprocessable(
            request, "a caseload request is a JSON object",
            {{"",
              {},
              fmt::format("expected {{\"as_of\", \"within_days\", \"cases\"}}, found {}", document.type_name())}});

    std::vector<FieldError> errors;
    for (auto const& [key, value] : document.items())
        if (key != "as_of" && key != "within_days" && key != "cases")
            errors.push_back(
                {"/" + key, {}, fmt::format("unknown member '{}': expected as_of, within_days or cases", key)});
    auto as_of = Moment::on(request.today);
    if (auto const it = document.find("as_of"); it != document.end()) {
        std::string why = "expected a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM)";
        auto const parsed = it->is_string() ? Moment::parse(it->get<std::string>(), &why) : std::nullopt;
        if (parsed) as_of = *parsed;
        else errors.push_back({"/as_of", {}, why});
    }
    std::optional<std::int32_t> within;
    if (auto const it = document.find("within_days"); it != document.end()) {
        if (it->is_number_integer() && it->get<std::int64_t>() >= 0 && it->get<std::int64_t>() <= 36500)
            within = static_cast<std::int32_t>(it->get<std::int64_t>());
        else errors.push_back({"/within_days", {}, "expected a whole number of days from 0 to 36500"});
    }
    auto const cases = document.find("cases");
    if (cases == document.end() || !cases->is_array()) errors.push_back({"/cases", {}, "expected an array of cases"});
    if (!errors.empty()) return unprocessable(request, "the caseload request is not valid", std::move(errors));
    if (cases->size() > request.limits.max_batch)
        return problem_reply({413,
                              "the caseload has too many cases",
                              {{"/cases",
                                {},
                                fmt::format("a caseload request holds at most {} cases; this one has {}; send the "
                                            "rest in another request",
                                            request.limits.max_batch, cases->size())}}},
                             request.path);

    auto const& program = request.rules.program;
    std::vector<engine::CaseloadRow> rows;
    for (std::size_t i = 0; i < cases->size(); ++i) {
        auto outcome = check_document(request, (*cases)[i], as_of);
        if (outcome.status != 200) {
            for (auto& error : outcome.errors) {
                if (errors.size() >= max_reported_errors) break;
                error.pointer = fmt::format("/cases/{}{}", i, error.pointer);
                errors.push_back(std::move(error));
            }
            continue;
        }
        if (errors.empty()) engine::add_open_rows(program, outcome.c, i, outcome.results, as_of, within, rows);
    }
    if (!errors.empty()) return unprocessable(request, "some cases cannot be checked", std::move(errors));

    engine::sort_caseload(program, rows);
    std::string out;
    output::JsonText json{out};
    output::write_caseload_json(json, program, rows, engine::summarize_caseload(rows, cases->size(), as_of), as_of);
    out += '\n';
    return {200, "application/json", std::move(out), {}};
}

}  // namespace pligt::server
