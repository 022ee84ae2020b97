// One case of a request, read and evaluated: what the check endpoints and
// the caseload answer from. Defined in endpoints_check.cpp.
#pragma once

#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "server/endpoints.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pligt::server {

// One case's answer: 200 with the case and its results, or a status and the
// errors (their pointers into the case).
struct Outcome {
    int status = 200;
    std::string detail;
    std::vector<FieldError> errors;
    engine::Case c;
    std::vector<engine::DutyResult> results;
};

// A case as a JSON value: its events within the limit, read against the
// rules' vocabulary, evaluated as of `as_of`, with every fact its deadlines
// need.
Outcome check_document(RequestContext const& request, nlohmann::json const& document, Moment as_of);

// A case as text: within the nesting limit, read in one pass when it is in
// the plain form (CaseParser), else as check_document reads it; malformed
// JSON is a 400 with where the parser stopped.
Outcome check_text(RequestContext const& request, std::string_view text, Moment as_of);

// The request's `as_of` query parameter, or today; a 400 in `error` (and
// nothing) when it is not a date or date-time.
std::optional<Moment> read_as_of(RequestContext const& request, Params const& params, Reply& error);

}  // namespace pligt::server
