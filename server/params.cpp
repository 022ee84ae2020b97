// The small rules every endpoint shares: strict query parameters (an unknown
// or repeated one is an error, never ignored) and one way to send JSON.
#include "dsl/diagnostic.hpp"
#include "server/endpoints.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <vector>

namespace pligt::server {

std::string dump(nlohmann::ordered_json const& json) {
    return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string param(Params const& params, std::string const& name) {
    auto const it = params.find(name);
    return it == params.end() ? std::string{} : it->second;
}

Reply bad_parameter(RequestContext const& request, std::string parameter, std::string detail) {
    Problem problem{400, fmt::format("the query parameter '{}' is not valid", parameter), {}};
    problem.errors.push_back({{}, std::move(parameter), std::move(detail)});
    return problem_reply(problem, request.path);
}

std::optional<Reply> check_params(RequestContext const& request, Params const& params,
                                  std::initializer_list<std::string_view> required,
                                  std::initializer_list<std::string_view> allowed) {
    std::vector<std::string_view> known{required};
    known.insert(known.end(), allowed.begin(), allowed.end());
    Problem problem{400, "the query parameters are not valid", {}};
    for (auto it = params.begin(); it != params.end(); it = params.upper_bound(it->first)) {
        auto const& name = it->first;
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            auto const expected = known.empty() ? std::string{"this endpoint takes no parameters"}
                                                : fmt::format("expected one of {}", fmt::join(known, ", "));
            auto const suggestion = did_you_mean(name, known);
            problem.errors.push_back(
                {{},
                 name,
                 fmt::format("unknown parameter '{}'{}", name, suggestion.empty() ? "; " + expected : suggestion)});
        } else if (params.count(name) > 1) {
            problem.errors.push_back(
                {{}, name, fmt::format("'{}' is given {} times; give it once", name, params.count(name))});
        }
    }
    for (auto const name : required)
        if (params.find(std::string{name}) == params.end())
            problem.errors.push_back({{}, std::string{name}, fmt::format("'{}' is required", name)});
    if (problem.errors.empty()) return std::nullopt;
    return problem_reply(problem, request.path);
}

}  // namespace pligt::server
