#include "server/assets.hpp"

#include <vector>

namespace pligt::server {
namespace {

std::string_view content_type_of(std::string_view path) {
    auto const ends_with = [&](std::string_view ext) { return path.ends_with(ext); };
    if (ends_with(".html")) return "text/html; charset=utf-8";
    if (ends_with(".css")) return "text/css; charset=utf-8";
    if (ends_with(".js") || ends_with(".mjs")) return "text/javascript; charset=utf-8";
    if (ends_with(".json")) return "application/json";
    if (ends_with(".svg")) return "image/svg+xml";
    if (ends_with(".png")) return "image/png";
    if (ends_with(".ico")) return "image/x-icon";
    if (ends_with(".txt")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

std::vector<Asset> const& assets() {
    static std::vector<Asset> const table = [] {
        std::vector<Asset> t;
        t.reserve(detail::embedded_file_count);
        for (std::size_t i = 0; i < detail::embedded_file_count; ++i) {
            auto const& f = detail::embedded_files[i];
            std::string_view const path{f.path};
            t.push_back({path, content_type_of(path), std::string_view{reinterpret_cast<char const*>(f.data), f.size}});
        }
        return t;
    }();
    return table;
}

}  // namespace

Asset const* find_asset(std::string_view request_path) {
    if (auto const q = request_path.find_first_of("?#"); q != std::string_view::npos)
        request_path = request_path.substr(0, q);
    if (request_path == "/") request_path = "/index.html";
    for (auto const& a : assets())
        if (a.path == request_path) return &a;
    return nullptr;
}

}  // namespace pligt::server
