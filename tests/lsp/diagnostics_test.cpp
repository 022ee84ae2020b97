// The editor shows what `pligt lint` prints: for every rule file of the
// bad-input corpus (tests/bad/rules), the diagnostics the server publishes
// have the code, severity, message, line, column and underline length of
// `pligt lint --json FILE`'s findings (lint_paths, the function the verb
// prints), in the same order. Files an editor can hold (UTF-8) are opened
// in one session, each a program of its own as it lies outside the
// workspace; files that are not UTF-8, which no editor would send as they
// are, are read from disk by a server given them with --rules.
#include "authoring/lint.hpp"
#include "tests/lsp/lsp_client.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using pligt::testing::file_uri;
using pligt::testing::LspClient;

std::vector<fs::path> bad_rule_files() {
    std::vector<fs::path> found;
    for (auto const& entry : fs::recursive_directory_iterator{PLIGT_SOURCE_DIR "/tests/bad/rules"})
        if (entry.is_regular_file() && entry.path().extension() == ".pligt") found.push_back(entry.path());
    std::sort(found.begin(), found.end());
    return found;
}

std::string read(fs::path const& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool is_utf8(std::string const& text) {
    try {
        (void)json(text).dump();
        return true;
    } catch (json::exception const&) {
        return false;
    }
}

// An LSP position (UTF-16 units) as lint's 1-based column in characters,
// counted in the text as pligt reads it (a leading byte-order mark dropped).
int column_of(std::string text, int line, int character) {
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    std::size_t at = 0;
    for (int l = 0; l < line; ++l) at = text.find('\n', at) + 1;
    int column = 1;
    for (int units = 0; at < text.size() && text[at] != '\n' && units < character; ++column) {
        auto const lead = static_cast<unsigned char>(text[at]);
        units += lead >= 0xF0 ? 2 : 1;
        do ++at;
        while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80);
    }
    return column;
}

// The published diagnostics in lint's terms: line, column, length, severity, code, message.
json as_lint(json const& published, std::string const& text) {
    auto out = json::array();
    for (auto const& d : published) {
        auto const& start = d["range"]["start"];
        auto const& end = d["range"]["end"];
        bool const whole_file = d["code"] == "unreadable";
        int const line = whole_file ? 0 : start["line"].get<int>() + 1;
        int const column = whole_file ? 0 : column_of(text, start["line"], start["character"]);
        int const length = whole_file ? 0 : column_of(text, end["line"], end["character"]) - column;
        out.push_back({line, column, length, d["severity"] == 1 ? "error" : "warning", d["code"], d["message"]});
    }
    return out;
}

// lint's findings; the underline as an editor's range holds it: a caret
// past the end of its line (a brace missing at the end of the file) is an
// empty range there, as a range cannot reach beyond its line.
json linted(fs::path const& file) {
    auto out = json::array();
    for (auto const& d : pligt::lint_paths({file})) {
        auto const characters = static_cast<int>(std::count_if(d.source_line.begin(), d.source_line.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        }));
        auto const length = d.line == 0 ? 0 : std::max(0, std::min(d.length, characters - d.column + 1));
        out.push_back({d.line, d.column, length, to_string(d.severity), d.code, d.message});
    }
    return out;
}

std::optional<json> published_for(LspClient& client, std::string const& uri) {
    for (int i = 0; i < 50; ++i) {
        auto message = client.notification("textDocument/publishDiagnostics");
        if (!message) return std::nullopt;
        if ((*message)["params"]["uri"] == uri) return (*message)["params"]["diagnostics"];
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("lsp diagnostics: every bad rule file shows in the editor what pligt lint reports") {
    LspClient client{{"--rules", "tests/fixtures/lsp"}};
    client.initialize();
    int compared = 0;
    for (auto const& file : bad_rule_files()) {
        auto const text = read(file);
        if (!is_utf8(text)) continue;
        auto const uri = file_uri(file.string());
        CAPTURE(file.string());
        client.notify("textDocument/didOpen",
                      {{"textDocument", {{"uri", uri}, {"languageId", "pligt"}, {"version", 1}, {"text", text}}}});
        auto const published = published_for(client, uri);
        REQUIRE(published);
        auto const expected = linted(file);
        CHECK(!expected.empty());
        CHECK(as_lint(*published, text) == expected);
        client.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
        // Closed, it leaves the editor's problems.
        auto const cleared = published_for(client, uri);
        REQUIRE(cleared);
        CHECK(*cleared == json::array());
        ++compared;
    }
    CHECK(compared > 300);
}

TEST_CASE("lsp diagnostics: a rule file that is not UTF-8, read from disk, shows what pligt lint reports") {
    int compared = 0;
    for (auto const& file : bad_rule_files()) {
        auto const text = read(file);
        if (is_utf8(text)) continue;
        CAPTURE(file.string());
        LspClient client{{"--rules", file.string()}};
        client.initialize();
        auto const published = published_for(client, file_uri(file.string()));
        REQUIRE(published);
        CHECK(as_lint(*published, text) == linted(file));
        ++compared;
    }
    CHECK(compared == 7);
}
