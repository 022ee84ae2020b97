// file:// URIs, as editors name documents, to paths and back (RFC 8089 and
// RFC 3986's percent-encoding). Other schemes (untitled:, git:) name no file
// on disk and give no path.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pligt::lsp {

std::optional<std::string> path_of(std::string_view uri);
std::string uri_of(std::string_view path);

}  // namespace pligt::lsp
