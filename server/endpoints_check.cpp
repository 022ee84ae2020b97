// POST /api/v1/check and /api/v1/check/batch: a case (or many) in, the
// `pligt check --json` object out. The engine reads the case; this file adds
// what a server needs before it: the media type, a nesting limit checked on
// the raw text (before any parser recurses), and a cap on events per case.
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "engine/explain.hpp"
#include "server/endpoints.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace pligt::server {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// "application/json; charset=utf-8" is "application/json": parameters and
// case do not matter.
std::string media_type(std::string_view content_type) {
    content_type = content_type.substr(0, content_type.find(';'));
    std::string type;
    for (char const c : content_type)
        if (!std::isspace(static_cast<unsigned char>(c))) type += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return type;
}

bool is_jsonl(std::string const& type) { return type == "application/x-ndjson" || type == "application/jsonl"; }

// Where the text first nests deeper than `max_depth` arrays and objects, or
// nothing. A scan of the raw bytes, so no parser ever sees a deeper document.
std::optional<std::size_t> too_deep(std::string_view text, int max_depth) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::nullopt;
}

// The line and column (1-based, in bytes) of an offset.
std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
    auto const before = text.substr(0, offset);
    auto const line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
    auto const line_start = before.rfind('\n');
    auto const column = static_cast<int>(offset - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
    return {line, column};
}

// One case's answer: 200 with the check object (as text: engine::to_json_text),
// or a status and the errors.
struct Outcome {
    int status = 200;
    std::string detail;
    std::string result;
    std::vector<FieldError> errors;
};

Outcome failed(int status, std::string detail, std::vector<FieldError> errors) {
    return {status, std::move(detail), {}, std::move(errors)};
}

Outcome too_many_events(RequestContext const& request, std::size_t count) {
    return failed(413, "the case has too many events",
                  {{"/events", {}, fmt::format("a case holds at most {} events; this one has {}",
                                               request.limits.max_events, count)}});
}

// A case that fits the vocabulary: evaluated and answered.
Outcome check_case(RequestContext const& request, engine::Case const& c, Moment as_of) {
    auto const& program = request.rules.program;
    std::vector<engine::DutyResult> results;
    engine::evaluate(program, c, as_of, results);
    if (auto const lacking = engine::lacking_fact(program, results))
        return failed(422, "the case lacks a fact a deadline needs", {{lacking->pointer, {}, lacking->message}});
    return {200, {}, engine::to_json_text(program, c, results, as_of), {}};
}

Outcome check_document(RequestContext const& request, json const& document, Moment as_of) {
    if (document.is_object() && document.contains("events") && document["events"].is_array() &&
        document["events"].size() > request.limits.max_events)
        return too_many_events(request, document["events"].size());
    auto const c = engine::read_case(request.rules.program, document);
    if (!c) {
        std::vector<FieldError> errors;
        for (auto const& error : c.error()) errors.push_back({error.pointer, {}, error.message});
        return failed(422, "the case does not fit the rules' vocabulary", std::move(errors));
    }
    return check_case(request, *c, as_of);
}

// Why text that failed to parse is not JSON, with the line and column where
// the parser stopped: the engine's case reader words it (and keeps
// nlohmann's exceptions inside engine/case.cpp).
FieldError json_error(RequestContext const& request, std::string_view text) {
    auto const c = engine::parse_case(request.rules.program, text);
    if (c || c.error().empty()) return {"", {}, "invalid JSON"};
    auto const& error = c.error().front();
    return {"", {}, error.message, error.line, error.column};
}

Outcome check_text(RequestContext const& request, std::string_view text, Moment as_of) {
    if (auto const at = too_deep(text, request.limits.max_depth)) {
        auto const [line, column] = line_column(text, *at);
        return failed(400, "the JSON nests too deeply",
                      {{"", {}, fmt::format("arrays and objects nest deeper than {} levels", request.limits.max_depth),
                        line, column}});
    }
    // Most cases are plain (what case systems and `pligt generate` write):
    // read in one pass, as the simulator reads them, without a JSON tree.
    // Anything else, and every error, takes the path below.
    if (auto const* parser = request.rules.case_parser.get()) {
        engine::Case c;
        if (parser->parse_plain(text, c)) {
            if (c.events.size() > request.limits.max_events) return too_many_events(request, c.events.size());
            return check_case(request, c, as_of);
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

Reply unsupported(RequestContext const& request, std::string_view content_type, std::string_view expected) {
    return problem_reply({415, fmt::format("send {}, not '{}'", expected, content_type.empty() ? "(none)" : content_type),
                          {}},
                         request.path);
}

// `{"errors": […]}`, as `pligt check --json` prints for a bad case; a
// malformed line of JSONL also says where it stopped.
ordered_json errors_json(std::vector<FieldError> const& errors) {
    auto list = ordered_json::array();
    for (auto const& error : errors) {
        ordered_json item{{"pointer", error.pointer}, {"detail", error.detail}};
        if (error.line > 0) {
            item["line"] = error.line;
            item["column"] = error.column;
        }
        list.push_back(std::move(item));
    }
    return ordered_json{{"errors", std::move(list)}};
}

Reply too_many_cases(RequestContext const& request, std::size_t count) {
    return problem_reply({413, "the batch has too many cases",
                          {{"", {}, fmt::format("a batch holds at most {} cases; this one has {}",
                                                request.limits.max_batch, count)}}},
                         request.path);
}

}  // namespace

Reply check(RequestContext const& request, std::string_view content_type, std::string_view body,
            Params const& params) {
    if (auto bad = check_params(request, params, {}, {"as_of"})) return *bad;
    Reply error;
    auto const as_of = read_as_of(request, params, error);
    if (!as_of) return error;
    if (media_type(content_type) != "application/json") return unsupported(request, content_type, "application/json");
    auto const outcome = check_text(request, body, *as_of);
    if (outcome.status != 200) return problem_reply({outcome.status, outcome.detail, outcome.errors}, request.path);
    return {200, "application/json", outcome.result + "\n", {}};  // as dump() lays it out
}

Reply check_batch(RequestContext const& request, std::string_view content_type, std::string_view body,
                  Params const& params) {
    if (auto bad = check_params(request, params, {}, {"as_of"})) return *bad;
    Reply error;
    auto const as_of = read_as_of(request, params, error);
    if (!as_of) return error;
    auto const type = media_type(content_type);
    auto const item = [](Outcome const& outcome) {
        return outcome.status == 200 ? ordered_json::parse(outcome.result) : errors_json(outcome.errors);
    };

    if (is_jsonl(type)) {
        // One case a line; blank lines are skipped, a bad line is that case's error.
        std::vector<std::pair<int, std::string_view>> lines;
        int number = 0;
        for (std::size_t start = 0; start < body.size();) {
            auto end = body.find('\n', start);
            if (end == std::string_view::npos) end = body.size();
            auto line = body.substr(start, end - start);
            ++number;
            if (line.ends_with('\r')) line.remove_suffix(1);
            if (line.find_first_not_of(" \t") != std::string_view::npos) lines.emplace_back(number, line);
            start = end + 1;
        }
        if (lines.size() > request.limits.max_batch) return too_many_cases(request, lines.size());
        std::string out;
        for (auto const& [line_number, line] : lines) {
            auto outcome = check_text(request, line, *as_of);
            for (auto& e : outcome.errors)
                if (e.line > 0) e.line = line_number;  // the body's line, not the case's
            out += item(outcome).dump(-1, ' ', false, ordered_json::error_handler_t::replace) + "\n";
        }
        return {200, type, std::move(out), {}};
    }
    if (type != "application/json")
        return unsupported(request, content_type, "application/json (an array of cases) or application/x-ndjson");

    if (auto const at = too_deep(body, request.limits.max_depth + 1)) {  // +1: the batch's own array
        auto const [line, column] = line_column(body, *at);
        return problem_reply({400, "the JSON nests too deeply",
                              {{"", {}, fmt::format("arrays and objects nest deeper than {} levels",
                                                    request.limits.max_depth + 1), line, column}}},
                             request.path);
    }
    auto const document = json::parse(body, nullptr, false);
    if (document.is_discarded())
        return problem_reply({400, "the body is not valid JSON", {json_error(request, body)}}, request.path);
    if (!document.is_array())
        return problem_reply({422, "a batch is a JSON array of cases",
                              {{"", {}, fmt::format("expected an array of cases, found {}", document.type_name())}}},
                             request.path);
    if (document.size() > request.limits.max_batch) return too_many_cases(request, document.size());
    auto results = ordered_json::array();
    for (auto const& c : document) results.push_back(item(check_document(request, c, *as_of)));
    return {200, "application/json", dump(results), {}};
}

}  // namespace pligt::server
