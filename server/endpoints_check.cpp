// POST /api/v1/check and /api/v1/check/batch: a case (or many) in, the
// `pligt check --json` object out, written by output/check_json from the
// typed results (never parsed back). The engine reads the case; this file adds
// what a server needs before it: the media type, a nesting limit checked on
// the raw text (before any parser recurses), and a cap on events per case.
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "output/check_json.hpp"
#include "output/errors.hpp"
#include "output/json_text.hpp"
#include "server/checked_case.hpp"
#include "server/endpoints.hpp"
#include "server/request_body.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace pligt::server {
namespace {

using nlohmann::json;

Outcome failed(int status, std::string detail, std::vector<FieldError> errors) {
    return {status, std::move(detail), std::move(errors), {}, {}};
}

// The answer as the next value of `json`: the check object (`pligt check
// --json`'s), or `{"errors": […]}` for a case that cannot be checked.
void write_outcome(output::JsonText& json, RequestContext const& request, Outcome const& outcome, Moment as_of,
                   output::Wording const& wording) {
    if (outcome.status == 200)
        output::write_check_json(json, request.rules.program, outcome.c, outcome.results, as_of, wording);
    else output::write_errors_object(json, outcome.errors);
}

Outcome too_many_events(RequestContext const& request, std::size_t count) {
    return failed(413, "the case has too many events",
                  {{"/events",
                    {},
                    fmt::format("a case holds at most {} events; this one has {}", request.limits.max_events, count)}});
}

// A case that fits the vocabulary: evaluated and answered.
Outcome check_case(RequestContext const& request, engine::Case c, Moment as_of) {
    auto const& program = request.rules.program;
    std::vector<engine::DutyResult> results;
    engine::evaluate(program, c, as_of, results);
    if (auto const lacking = engine::lacking_fact(program, results))
        return failed(422, "the case lacks a fact a deadline needs", {output::input_error(*lacking)});
    return {200, {}, {}, std::move(c), std::move(results)};
}

Reply too_many_cases(RequestContext const& request, std::size_t count) {
    return problem_reply(
        {413,
         "the batch has too many cases",
         {{"", {}, fmt::format("a batch holds at most {} cases; this one has {}", request.limits.max_batch, count)}}},
        request.path);
}

}  // namespace

Outcome check_text(RequestContext const& request, std::string_view text, Moment as_of) {
    if (auto const at = too_deep(text, request.limits.max_depth)) {
        auto const [line, column] = line_column(text, *at);
        return failed(400, "the JSON nests too deeply",
                      {{"",
                        {},
                        fmt::format("arrays and objects nest deeper than {} levels", request.limits.max_depth),
                        line,
                        column}});
    }
    // Most cases are plain (what case systems and `pligt generate` write):
    // read in one pass, as the simulator reads them, without a JSON tree.
    // Anything else, and every error, takes the path below.
    if (auto const* parser = request.rules.case_parser.get()) {
        engine::Case c;
        if (parser->parse_plain(text, c)) {
            if (c.events.size() > request.limits.max_events) return too_many_events(request, c.events.size());
            return check_case(request, std::move(c), as_of);
        }
    }
    auto const document = json::parse(text, nullptr, false);
    if (document.is_discarded()) return failed(400, "the body is not valid JSON", {json_error(request, text)});
    return check_document(request, document, as_of);
}

std::optional<Moment> read_as_of(RequestContext const& request, Params const& params, Reply& error) {
    auto const text = param(params, "as_of");
    if (text.empty()) return Moment::on(request.today);
    std::string why;
    auto const as_of = Moment::parse(text, &why);
    if (!as_of) error = bad_parameter(request, "as_of", fmt::format("'{}': {}", text, why));
    return as_of;
}

Outcome check_document(RequestContext const& request, json const& document, Moment as_of) {
    if (document.is_object() && document.contains("events") && document["events"].is_array() &&
        document["events"].size() > request.limits.max_events)
        return too_many_events(request, document["events"].size());
    auto c = engine::read_case(request.rules.program, document);
    if (!c) return failed(422, "the case does not fit the rules' vocabulary", output::input_errors(c.error()));
    return check_case(request, std::move(c).value(), as_of);
}

Reply check(RequestContext const& request, std::string_view content_type, std::string_view body, Params const& params) {
    if (auto bad = check_params(request, params, {}, {"as_of", "trace"})) return *bad;
    Reply error;
    auto const as_of = read_as_of(request, params, error);
    if (!as_of) return error;
    auto const wording = read_wording(request, params, error);
    if (!wording) return error;
    if (media_type(content_type) != "application/json") return unsupported(request, content_type, "application/json");
    auto const outcome = check_text(request, body, *as_of);
    if (outcome.status != 200) return problem_reply({outcome.status, outcome.detail, outcome.errors}, request.path);
    auto answer = output::check_json_text(request.rules.program, outcome.c, outcome.results, *as_of, *wording);
    answer += '\n';  // as dump() lays it out
    return {200, "application/json", std::move(answer), {}};
}

Reply check_batch(RequestContext const& request, std::string_view content_type, std::string_view body,
                  Params const& params) {
    if (auto bad = check_params(request, params, {}, {"as_of", "trace"})) return *bad;
    Reply error;
    auto const as_of = read_as_of(request, params, error);
    if (!as_of) return error;
    auto const wording = read_wording(request, params, error);
    if (!wording) return error;
    auto const type = media_type(content_type);

    if (is_jsonl(type)) {
        // One case a line; blank lines are skipped, a bad line is that case's error.
        auto const lines = json_lines(body);
        if (lines.size() > request.limits.max_batch) return too_many_cases(request, lines.size());
        std::string out;
        for (auto const& [line_number, line] : lines) {
            auto outcome = check_text(request, line, *as_of);
            for (auto& e : outcome.errors)
                if (e.line > 0) e.line = line_number;  // the body's line, not the case's
            output::JsonText json{out, false};
            write_outcome(json, request, outcome, *as_of, *wording);
            out += '\n';
        }
        return {200, type, std::move(out), {}};
    }
    if (type != "application/json")
        return unsupported(request, content_type, "application/json (an array of cases) or application/x-ndjson");

    auto const depth = request.limits.max_depth + 1;  // +1: the batch's own array
    if (auto const at = too_deep(body, depth)) return nests_too_deeply(request, body, *at, depth);
    auto const document = json::parse(body, nullptr, false);
    if (document.is_discarded())
        return problem_reply({400, "the body is not valid JSON", {json_error(request, body)}}, request.path);
    if (!document.is_array())
        return problem_reply({422,
                              "a batch is a JSON array of cases",
                              {{"", {}, fmt::format("expected an array of cases, found {}", document.type_name())}}},
                             request.path);
    if (document.size() > request.limits.max_batch) return too_many_cases(request, document.size());
    std::string out;
    output::JsonText json{out};
    json.begin_array();
    for (auto const& c : document) write_outcome(json, request, check_document(request, c, *as_of), *as_of, *wording);
    json.end_array();
    out += '\n';
    return {200, "application/json", std::move(out), {}};
}

}  // namespace pligt::server
