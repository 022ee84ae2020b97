#include "server/request_body.hpp"

#include "engine/case.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace pligt::server {

std::string media_type(std::string_view content_type) {
    content_type = content_type.substr(0, content_type.find(';'));
    std::string type;
    for (char const c : content_type)
        if (!std::isspace(static_cast<unsigned char>(c)))
            type += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return type;
}

bool is_jsonl(std::string const& type) { return type == "application/x-ndjson" || type == "application/jsonl"; }

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

std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
    auto const before = text.substr(0, offset);
    auto const line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
    auto const line_start = before.rfind('\n');
    auto const column = static_cast<int>(offset - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
    return {line, column};
}

FieldError json_error(RequestContext const& request, std::string_view text) {
    auto const c = engine::parse_case(request.rules.program, text);
    if (c || c.error().empty()) return {"", {}, "invalid JSON"};
    auto const& error = c.error().front();
    return {"", {}, error.message, error.line, error.column};
}

Reply unsupported(RequestContext const& request, std::string_view content_type, std::string_view expected) {
    return problem_reply(
        {415, fmt::format("send {}, not '{}'", expected, content_type.empty() ? "(none)" : content_type), {}},
        request.path);
}

std::vector<std::pair<int, std::string_view>> json_lines(std::string_view body) {
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
    return lines;
}

Reply nests_too_deeply(RequestContext const& request, std::string_view body, std::size_t at, int max_depth) {
    auto const [line, column] = line_column(body, at);
    return problem_reply(
        {400,
         "the JSON nests too deeply",
         {{"", {}, fmt::format("arrays and objects nest deeper than {} levels", max_depth), line, column}}},
        request.path);
}

}  // namespace pligt::server
