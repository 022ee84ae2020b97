// POST /api/v1/caseload: `{"as_of", "within_days", "cases": [...]}` in (or
// the cases as JSON Lines, with as_of and within_days in the query), the
// rows `pligt caseload --json` prints out (output/caseload). Every case is
// read and checked as POST /api/v1/check reads it; one that cannot be is a
// 422 naming it by its place in `cases`. JSON Lines is the fast way for a
// large caseload: each line is read in one pass, with no tree of the whole.
#include "engine/caseload.hpp"
#include "output/caseload.hpp"
#include "server/checked_case.hpp"
#include "server/endpoints.hpp"
#include "server/request_body.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>

namespace pligt::server {
namespace {

using nlohmann::json;

// Enough to show what is wrong without an answer as long as the request.
constexpr std::size_t max_reported_errors = 100;

Reply unprocessable(RequestContext const& request, std::string detail, std::vector<FieldError> errors) {
    return problem_reply({422, std::move(detail), std::move(errors)}, request.path);
}

Reply too_many_cases(RequestContext const& request, std::size_t count) {
    return problem_reply({413,
                          "the caseload has too many cases",
                          {{"/cases",
                            {},
                            fmt::format("a caseload request holds at most {} cases; this one has {}; send the "
                                        "rest in another request",
                                        request.limits.max_batch, count)}}},
                         request.path);
}

// The rows of every case, in the desk's order; or a 422 with the errors of
// each case that cannot be checked (their pointers under /cases/N).
class Desk {
public:
    // `pretty`: laid out as `pligt caseload --json` prints it; else on one
    // line, as a program reading JSON Lines wants it (and half the bytes).
    Desk(RequestContext const& request, Moment as_of, std::optional<std::int32_t> within, bool pretty)
        : request_{request}, as_of_{as_of}, within_{within}, pretty_{pretty} {}

    void add(Outcome outcome, int line = 0) {
        auto const index = cases_++;
        if (outcome.status != 200) {
            for (auto& error : outcome.errors) {
                if (errors_.size() >= max_reported_errors) break;
                error.pointer = fmt::format("/cases/{}{}", index, error.pointer);
                if (error.line > 0 && line > 0) error.line = line;  // the body's line, not the case's
                errors_.push_back(std::move(error));
            }
            return;
        }
        if (errors_.empty())
            engine::add_open_rows(request_.rules.program, outcome.c, index, outcome.results, as_of_, within_, rows_);
    }

    Reply answer() {
        if (!errors_.empty()) return unprocessable(request_, "some cases cannot be checked", std::move(errors_));
        auto const& program = request_.rules.program;
        engine::sort_caseload(program, rows_);
        std::string out;
        output::JsonText json{out, pretty_};
        output::write_caseload_json(json, program, rows_, engine::summarize_caseload(rows_, cases_, as_of_), as_of_);
        out += '\n';
        return {200, "application/json", std::move(out), {}};
    }

private:
    RequestContext const& request_;
    Moment as_of_;
    std::optional<std::int32_t> within_;
    bool pretty_;
    std::size_t cases_ = 0;
    std::vector<FieldError> errors_;
    std::vector<engine::CaseloadRow> rows_;
};

// application/x-ndjson: one case a line, blank lines skipped; as_of and
// within_days in the query.
Reply caseload_lines(RequestContext const& request, std::string_view body, Params const& params) {
    if (auto bad = check_params(request, params, {}, {"as_of", "within_days"})) return *bad;
    Reply error;
    auto const as_of = read_as_of(request, params, error);
    if (!as_of) return error;
    std::optional<std::int32_t> within;
    if (auto const text = param(params, "within_days"); !text.empty()) {
        std::int32_t days = -1;
        auto const [end, code] = std::from_chars(text.data(), text.data() + text.size(), days);
        if (code != std::errc{} || end != text.data() + text.size() || days < 0 || days > 36500)
            return bad_parameter(request, "within_days",
                                 fmt::format("'{}': expected a whole number of days from 0 to 36500", text));
        within = days;
    }
    auto const lines = json_lines(body);
    if (lines.size() > request.limits.max_batch) return too_many_cases(request, lines.size());
    Desk desk{request, *as_of, within, false};
    for (auto const& [line_number, line] : lines) desk.add(check_text(request, line, *as_of), line_number);
    return desk.answer();
}

}  // namespace

Reply caseload(RequestContext const& request, std::string_view content_type, std::string_view body,
               Params const& params) {
    auto const type = media_type(content_type);
    if (is_jsonl(type)) return caseload_lines(request, body, params);
    if (auto bad = check_params(request, params, {}, {})) return *bad;
    if (type != "application/json")
        return unsupported(request, content_type, "application/json, or application/x-ndjson (one case a line)");
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
    if (cases->size() > request.limits.max_batch) return too_many_cases(request, cases->size());
    Desk desk{request, as_of, within, true};
    for (auto const& c : *cases) desk.add(check_document(request, c, as_of));
    return desk.answer();
}

}  // namespace pligt::server
