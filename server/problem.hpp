// RFC 9457 problem details: how every HTTP error of the API looks. The
// `errors` member names each offending field the way `pligt check --json`
// does ({"pointer": "/events/1/at", "detail": …}), so a client reads the
// same objects from the CLI and from the server; a bad query parameter is
// named by "parameter" instead of "pointer".
#pragma once

#include "output/errors.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pligt::server {

// One offending field or parameter: the shape the CLI prints too.
using FieldError = output::InputError;

struct Problem {
    int status = 500;
    std::string detail;
    std::vector<FieldError> errors;
};

// What a handler answers: a status, a media type and the body as sent.
struct Reply {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::string allow;  // the Allow header of a 405
};

// The HTTP reason phrase ("Unprocessable Content"), the problem's title.
std::string_view reason_phrase(int status);

// {"type": "about:blank", "title", "status", "detail", "instance", "errors"?}
// as application/problem+json; `instance` is the request path.
Reply problem_reply(Problem const& problem, std::string_view instance);

}  // namespace pligt::server
