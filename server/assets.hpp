// The web page's files, embedded in the binary at build time.
//
// Every file under server/web/ is turned into a byte array by embed_assets.cmake
// when pligt is built, so `pligt serve` needs nothing beside the executable and
// can never be tricked into serving a file from disk: find_asset looks only in
// that fixed table. "/" is the page itself, index.html.
#pragma once

#include <cstddef>
#include <string_view>

namespace pligt::server {

struct Asset {
    std::string_view path;          // "/index.html", "/app.js", ...
    std::string_view content_type;  // with "; charset=utf-8" for text
    std::string_view body;
};

// The embedded file for a request path ("/" means "/index.html"; a query
// string is ignored), or nullptr when there is none.
Asset const* find_asset(std::string_view request_path);

namespace detail {
// The generated table (assets_data.cpp in the build directory).
struct EmbeddedFile {
    char const* path;  // relative to server/web/, with a leading '/'
    unsigned char const* data;
    std::size_t size;
};
extern EmbeddedFile const embedded_files[];
extern std::size_t const embedded_file_count;
}  // namespace detail

}  // namespace pligt::server
