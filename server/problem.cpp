#include "server/problem.hpp"

#include <nlohmann/json.hpp>

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
    nlohmann::ordered_json body{{"type", "about:blank"},
                                {"title", reason_phrase(problem.status)},
                                {"status", problem.status},
                                {"detail", problem.detail},
                                {"instance", instance}};
    if (!problem.errors.empty()) {
        auto& errors = body["errors"] = nlohmann::ordered_json::array();
        for (auto const& error : problem.errors) {
            nlohmann::ordered_json item;
            if (error.parameter.empty()) item["pointer"] = error.pointer;
            else item["parameter"] = error.parameter;
            item["detail"] = error.detail;
            if (error.line > 0) {
                item["line"] = error.line;
                item["column"] = error.column;
            }
            errors.push_back(std::move(item));
        }
    }
    // Invalid UTF-8 echoed from a request must not make dump() throw.
    return {problem.status, "application/problem+json",
            body.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n", {}};
}

}  // namespace pligt::server
