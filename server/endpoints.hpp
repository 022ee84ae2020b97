// What each API endpoint answers, without HTTP: the request's body, media
// type and query parameters in, a Reply out. api.cpp maps routes to these,
// so httplib stays in one file and each endpoint can be read (and tested)
// as a plain function over one snapshot of the rules.
#pragma once

#include "dsl/date.hpp"
#include "output/words.hpp"
#include "server/problem.hpp"
#include "server/program_holder.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace pligt::server {

// Bounds on what one request may ask of the server. The body limit is
// enforced by the HTTP layer before a handler runs; the others here.
struct ApiLimits {
    std::size_t max_body_bytes = 1024 * 1024;
    int max_depth = 32;              // nesting of arrays and objects in a body
    std::size_t max_events = 10000;  // per case
    std::size_t max_batch = 1000;    // cases per batch
};

// Query parameters as decoded from the URL (httplib::Params is this type).
using Params = std::multimap<std::string, std::string>;

// The moment the request arrived at: today's date where `as_of`/`at` is not given.
struct RequestContext {
    LoadedRules const& rules;
    ApiLimits const& limits;
    Date today;
    std::string_view path;  // for the problem's `instance`
    // The request's Accept-Language header: the language a check answers
    // in, where the rules' own does not (empty: not sent).
    std::string_view accept_language = {};
};

// POST /api/v1/check[?as_of=][&trace=true]: exactly what `pligt check --json`
// prints, its `why` in the language Accept-Language asks for (da or en; the
// rules' own otherwise).
Reply check(RequestContext const& request, std::string_view content_type, std::string_view body, Params const& params);
// POST /api/v1/check/batch[?as_of=]: a JSON array of cases, or JSONL (one a
// line); one result per case, in order, each the `check` object or the
// `{"errors": […]}` that `pligt check --json` prints for a bad case.
Reply check_batch(RequestContext const& request, std::string_view content_type, std::string_view body,
                  Params const& params);

// POST /api/v1/caseload: {"as_of", "within_days", "cases": [...]} in; every
// open duty across the cases out, overdue first: what `pligt caseload --json`
// prints for the same cases.
Reply caseload(RequestContext const& request, std::string_view content_type, std::string_view body,
               Params const& params);

// GET /api/v1/statuses: each status's id with its words in English and
// Danish (the catalogues of output/words.hpp), so the web page names them as the CLI does.
Reply statuses(RequestContext const& request, Params const& params);
// GET /api/v1/municipalities: id, name, code and region of each.
Reply municipalities(RequestContext const& request, Params const& params);
// GET /api/v1/duties[?municipality=][&at=]: what `pligt duties --json` prints.
Reply duties(RequestContext const& request, Params const& params);
// GET /api/v1/vocabulary: the events, attributes, facts and kinds a case may
// use, with their titles and types: what a client needs to build a case form.
Reply vocabulary(RequestContext const& request, Params const& params);
// GET /api/v1/deadline?from=&span=[&calendar=]: what `pligt deadline --json` prints.
Reply deadline(RequestContext const& request, Params const& params);
// GET /version: the program's version and the rule files' content hash.
Reply version(RequestContext const& request, Params const& params);

// A problem with a query parameter: 400 naming it.
Reply bad_parameter(RequestContext const& request, std::string parameter, std::string detail);

// Unknown, repeated or missing parameters: a 400 reply, or nothing when the
// query is acceptable. `required` must be present; `allowed` may be.
std::optional<Reply> check_params(RequestContext const& request, Params const& params,
                                  std::initializer_list<std::string_view> required,
                                  std::initializer_list<std::string_view> allowed);

// The parameter's value, or "" when absent.
std::string param(Params const& params, std::string const& name);

// How a check is worded for this request: the first language of
// Accept-Language (by quality) that pligt speaks, else the rules' own; the
// engine's trace beside the begrundelse when `trace=true`. A 400 in `error`
// (and nothing) for a `trace` other than true or false.
std::optional<output::Wording> read_wording(RequestContext const& request, Params const& params, Reply& error);

// An ordered_json dumped as the API sends it (indented, newline-terminated,
// invalid UTF-8 replaced rather than thrown).
std::string dump(nlohmann::ordered_json const& json);

}  // namespace pligt::server
