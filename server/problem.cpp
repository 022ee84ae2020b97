#include "server/problem.hpp"

#include "output/json_text.hpp"

namespace pligt::server {

std::string_view reason_phrase(int status) {
    switch (status) {
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Server Error" : "Client Error";
    }
}

Reply problem_reply(Problem const& problem, std::string_view instance) {
    // JsonText replaces invalid UTF-8 echoed from a request, as nlohmann's
    // `replace` handler would, instead of failing.
    std::string body;
    output::JsonText json{body};
    json.begin_object();
    json.member("type", "about:blank");
    json.member("title", reason_phrase(problem.status));
    json.key("status");
    json.value(std::int64_t{problem.status});
    json.member("detail", problem.detail);
    json.member("instance", instance);
    if (!problem.errors.empty()) {
        json.key("errors");
        output::write_errors(json, problem.errors);
    }
    json.end_object();
    body += "\n";
    return {problem.status, "application/problem+json", std::move(body), {}};
}

}  // namespace pligt::server
