// What every endpoint that reads a JSON body checks before a parser sees it:
// the media type, the nesting depth (on the raw text, so no parser recurses
// too deep), and, when it does not parse, where and why.
#pragma once

#include "server/endpoints.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pligt::server {

// "application/json; charset=utf-8" is "application/json": parameters and
// case do not matter.
std::string media_type(std::string_view content_type);

// The JSON Lines media types: application/x-ndjson and application/jsonl.
bool is_jsonl(std::string const& type);

// The cases of a JSON Lines body, each with its line number (from 1):
// blank lines are skipped, a line's final '\r' dropped.
std::vector<std::pair<int, std::string_view>> json_lines(std::string_view body);

// Where the text first nests deeper than `max_depth` arrays and objects, or
// nothing. A scan of the raw bytes, so no parser ever sees a deeper document.
std::optional<std::size_t> too_deep(std::string_view text, int max_depth);

// The line and column (1-based, in bytes) of an offset.
std::pair<int, int> line_column(std::string_view text, std::size_t offset);

// Why text that failed to parse is not JSON, with the line and column where
// the parser stopped: the engine's case reader words it (and keeps
// nlohmann's exceptions inside engine/case.cpp).
FieldError json_error(RequestContext const& request, std::string_view text);

// 415 naming what the endpoint takes.
Reply unsupported(RequestContext const& request, std::string_view content_type, std::string_view expected);

// 400 for a body nesting deeper than `max_depth`, at the offset too_deep found.
Reply nests_too_deeply(RequestContext const& request, std::string_view body, std::size_t at, int max_depth);

}  // namespace pligt::server
