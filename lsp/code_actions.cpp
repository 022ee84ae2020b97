// Quick fixes: where a diagnostic suggests the name that was meant ("unknown
// event 'notification_recieved'; did you mean 'notification_received'?"),
// one action puts that name in place of the misspelt one. The suggestion is
// read from the message, which dsl/diagnostic.cpp's did_you_mean() words
// the same way for every kind of name.
#include "lsp/features.hpp"

namespace pligt::lsp {

nlohmann::json code_actions(std::string const& uri, nlohmann::json const& diagnostics) {
    auto out = nlohmann::json::array();
    if (!diagnostics.is_array()) return out;
    static constexpr std::string_view marker = "did you mean '";
    for (auto const& d : diagnostics) {
        if (!d.is_object() || !d.contains("message") || !d["message"].is_string() || !d.contains("range")) continue;
        auto const message = d["message"].get<std::string>();
        auto const at = message.rfind(marker);
        if (at == std::string::npos) continue;
        auto const end = message.find('\'', at + marker.size());
        if (end == std::string::npos) continue;
        auto const name = message.substr(at + marker.size(), end - at - marker.size());
        out.push_back({{"title", "Change to '" + name + "'"},
                       {"kind", "quickfix"},
                       {"diagnostics", nlohmann::json::array({d})},
                       {"isPreferred", true},
                       {"edit", {{"changes", {{uri, {{{"range", d["range"]}, {"newText", name}}}}}}}}});
    }
    return out;
}

}  // namespace pligt::lsp
