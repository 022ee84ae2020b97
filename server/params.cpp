// The small rules every endpoint shares: strict query parameters (an unknown
// or repeated one is an error, never ignored) and one way to send JSON.
#include "dsl/diagnostic.hpp"
#include "server/endpoints.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
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

namespace {

// The language Accept-Language ranks highest among those pligt speaks
// (RFC 9110, section 12.5.4: "da, en;q=0.8", a region such as "en-GB" counts as its
// language, q=0 refuses); none when it names none of them.
std::optional<output::Language> accepted_language(std::string_view header) {
    std::optional<output::Language> best;
    double best_quality = 0;
    while (!header.empty()) {
        auto const comma = header.find(',');
        auto item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        auto const semicolon = item.find(';');
        auto tag = item.substr(0, semicolon);
        double quality = 1;
        if (semicolon != std::string_view::npos) {
            auto parameter = item.substr(semicolon + 1);
            parameter.remove_prefix(std::min(parameter.find_first_not_of(' '), parameter.size()));
            if (parameter.starts_with("q=") || parameter.starts_with("Q="))
                quality = std::strtod(std::string{parameter.substr(2)}.c_str(), nullptr);
        }
        tag.remove_prefix(std::min(tag.find_first_not_of(" \t"), tag.size()));
        tag = tag.substr(0, tag.find_first_of(" \t-"));
        std::string code;
        for (char const c : tag) code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto const language = output::language_named(code);
        if (language && quality > best_quality) {
            best = language;
            best_quality = quality;
        }
    }
    return best;
}

}  // namespace

std::optional<output::Wording> read_wording(RequestContext const& request, Params const& params, Reply& error) {
    output::Wording wording{output::default_language(request.rules.program), false};
    if (auto const language = accepted_language(request.accept_language)) wording.language = *language;
    auto const trace = param(params, "trace");
    if (trace == "true") wording.trace = true;
    else if (!trace.empty() && trace != "false") {
        error = bad_parameter(request, "trace", fmt::format("'{}': expected true or false", trace));
        return std::nullopt;
    }
    return wording;
}

}  // namespace pligt::server
