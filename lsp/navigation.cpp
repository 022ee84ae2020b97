// Go to definition, find references, the outline and the test lens.
#include "lsp/features.hpp"
#include "lsp/uri.hpp"

#include <algorithm>
#include <cctype>

namespace pligt::lsp {
namespace {

// LSP's SymbolKind numbers for what pligt declares.
int symbol_kind(SymbolKind kind) {
    switch (kind) {
    case SymbolKind::vocabulary: return 3;      // Namespace
    case SymbolKind::law: return 2;             // Module
    case SymbolKind::version: return 9;         // Constructor: a law made anew
    case SymbolKind::duty: return 12;           // Function
    case SymbolKind::event: return 24;          // Event
    case SymbolKind::attribute: return 8;       // Field
    case SymbolKind::fact: return 7;            // Property
    case SymbolKind::kind: return 10;           // Enum
    case SymbolKind::value: return 22;          // EnumMember
    case SymbolKind::state: return 14;          // Constant
    case SymbolKind::calendar: return 4;        // Package
    case SymbolKind::exemption_set: return 11;  // Interface
    case SymbolKind::municipality: return 5;    // Class
    case SymbolKind::scenario: return 19;       // Object
    case SymbolKind::test: return 6;            // Method
    case SymbolKind::transition: return 17;     // Boolean… no better fit: Key
    case SymbolKind::condition_name: return 13;
    }
    return 13;
}

// Lower case for matching a query: ASCII, and the Latin-1 letters titles
// are written in (Æ Ø Å É … are U+00C0 to U+00DE, two bytes in UTF-8, their
// small letters 0x20 further on).
std::string folded(std::string text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto const c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            text[i] = static_cast<char>(std::tolower(c));
        } else if (c == 0xC3 && i + 1 < text.size()) {
            auto const next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) text[i + 1] = static_cast<char>(next + 0x20);
            ++i;
        }
    }
    return text;
}

nlohmann::json outline_json(OutlineItem const& item, std::string_view text, Encoding encoding) {
    nlohmann::json out = {{"name", item.name.empty() ? std::string{to_string(item.kind)} : item.name},
                          {"kind", symbol_kind(item.kind)},
                          {"range", range_json(text, item.begin, item.end, encoding)},
                          {"selectionRange", range_json(text, item.name_begin, item.name_end, encoding)}};
    if (!item.detail.empty()) out["detail"] = item.detail;
    if (!item.children.empty()) {
        out["children"] = nlohmann::json::array();
        for (auto const& child : item.children) out["children"].push_back(outline_json(child, text, encoding));
    }
    return out;
}

}  // namespace

nlohmann::json range_json(std::string_view text, std::size_t begin, std::size_t end, Encoding encoding) {
    LineMap const lines{text};
    auto const start = lines.position(begin, encoding);
    auto const stop = lines.position(end, encoding);
    return {{"start", {{"line", start.line}, {"character", start.character}}},
            {"end", {{"line", stop.line}, {"character", stop.character}}}};
}

nlohmann::json location_json(Project const& project, Place const& place, Encoding encoding) {
    auto const& file = project.files()[place.file];
    return {{"uri", uri_of(file.path)}, {"range", range_json(file.source.text(), place.begin, place.end, encoding)}};
}

nlohmann::json definition(Document const& document, std::size_t offset) {
    auto const* at = occurrence_at(document.rule_file().index, offset);
    if (!at) return nullptr;
    auto out = nlohmann::json::array();
    for (auto const& place : document.project.declarations(*at))
        out.push_back(location_json(document.project, place, document.encoding));
    return out;
}

nlohmann::json references(Document const& document, std::size_t offset, bool include_declaration) {
    auto const* at = occurrence_at(document.rule_file().index, offset);
    if (!at) return nullptr;
    auto out = nlohmann::json::array();
    for (auto const& place : document.project.references(*at, include_declaration))
        out.push_back(location_json(document.project, place, document.encoding));
    return out;
}

nlohmann::json highlights(Document const& document, std::size_t offset) {
    auto const* at = occurrence_at(document.rule_file().index, offset);
    if (!at) return nullptr;
    auto out = nlohmann::json::array();
    auto const key = document.project.key_of(*at);
    if (!key) return out;
    for (auto const& o : document.rule_file().index.occurrences)
        if (o.id == key->id && document.project.key_of(o) == key)
            out.push_back({{"range", range_json(document.text(), o.begin, o.end, document.encoding)},
                           {"kind", o.declaration ? 3 : 2}});  // Write : Read
    return out;
}

nlohmann::json workspace_symbols(Project const& project, std::string const& query, Encoding encoding) {
    auto const wanted = folded(query);
    auto out = nlohmann::json::array();
    for (std::size_t f = 0; f < project.files().size(); ++f)
        for (auto const& o : project.files()[f].index.occurrences) {
            if (!o.declaration || out.size() >= 200) continue;
            if (folded(o.id).find(wanted) == std::string::npos && folded(o.title).find(wanted) == std::string::npos)
                continue;
            nlohmann::json symbol = {{"name", o.id},
                                     {"kind", symbol_kind(o.kind)},
                                     {"location", location_json(project, {f, o.begin, o.end}, encoding)}};
            auto const container = !o.owner.empty() ? o.owner : o.scope;
            if (!container.empty()) symbol["containerName"] = container;
            out.push_back(std::move(symbol));
        }
    return out;
}

nlohmann::json document_symbols(Document const& document) {
    auto out = nlohmann::json::array();
    for (auto const& item : document.rule_file().index.outline)
        out.push_back(outline_json(item, document.text(), document.encoding));
    return out;
}

nlohmann::json code_lenses(Document const& document, std::string const& uri) {
    auto out = nlohmann::json::array();
    OutlineItem const* first = nullptr;
    int tests = 0;
    for (auto const& item : document.rule_file().index.outline)
        if (item.kind == SymbolKind::test && ++tests == 1) first = &item;
    if (!first) return out;
    auto const title = tests == 1 ? std::string{"▶ Run the test of this file"}
                                  : "▶ Run the " + std::to_string(tests) + " tests of this file";
    out.push_back({{"range", range_json(document.text(), first->begin, first->begin, document.encoding)},
                   {"command", {{"title", title}, {"command", "pligt.runTests"}, {"arguments", {uri}}}}});
    return out;
}

}  // namespace pligt::lsp
