// A scripted editor session against `pligt lsp`: the messages an editor
// sends while a legal advisor opens a rule file with a mistake, fixes it,
// reads a duty, follows an event to its declaration, completes a trigger,
// formats the file and runs its tests, with the exact answers each must get.
// The workspace is tests/fixtures/lsp (a vocabulary, an act with two tests,
// an exemption set and a town), over the real process and its stdio.
#include "tests/lsp/lsp_client.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace {

using nlohmann::json;
using pligt::testing::file_uri;
using pligt::testing::LspClient;

std::string const fixtures = PLIGT_SOURCE_DIR "/tests/fixtures/lsp";
std::string const act_uri = file_uri(fixtures + "/act.pligt");
std::string const events_uri = file_uri(fixtures + "/events.pligt");
std::string const towns_uri = file_uri(fixtures + "/towns.pligt");

std::string read(std::string const& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string replaced(std::string text, std::string const& from, std::string const& to) {
    auto const at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

json range(int line, int from, int to) {
    return {{"start", {{"line", line}, {"character", from}}}, {"end", {{"line", line}, {"character", to}}}};
}
json at(int line, int character) { return {{"line", line}, {"character", character}}; }
json document(std::string const& uri) { return {{"uri", uri}}; }
json place(std::string const& uri, int line, int character) {
    return {{"textDocument", document(uri)}, {"position", at(line, character)}};
}

void open(LspClient& client, std::string const& uri, std::string const& text) {
    client.notify("textDocument/didOpen",
                  {{"textDocument", {{"uri", uri}, {"languageId", "pligt"}, {"version", 1}, {"text", text}}}});
}

// The line and character (UTF-16 units) of `needle`'s first character plus `into`.
json find(std::string const& text, std::string const& needle, int into = 0) {
    auto const offset = text.find(needle);
    REQUIRE_MESSAGE(offset != std::string::npos, needle);
    int line = 0, character = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            character = 0;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++character;
        }
    }
    return at(line, character + into);
}

// The range of `name` where `needle` (which starts with it, or holds it
// after `skip` characters) is written.
json range_of(std::string const& text, std::string const& needle, int skip, int length) {
    auto const start = find(text, needle, skip);
    return {{"start", start}, {"end", at(start["line"], start["character"].get<int>() + length)}};
}

LspClient started() { return LspClient{{"--rules", "tests/fixtures/lsp", "--today", "2026-12-07"}}; }

}  // namespace

TEST_CASE("lsp: initialize answers the capabilities the server has") {
    auto client = started();
    auto const answer = client.initialize();
    CHECK(answer["result"] == json::parse(R"({
      "capabilities": {
        "positionEncoding": "utf-16",
        "textDocumentSync": {"openClose": true, "change": 2, "save": {"includeText": false}},
        "hoverProvider": true,
        "definitionProvider": true,
        "referencesProvider": true,
        "completionProvider": {"triggerCharacters": [" ", "{", ","], "resolveProvider": false},
        "documentFormattingProvider": true,
        "documentSymbolProvider": true,
        "documentHighlightProvider": true,
        "workspaceSymbolProvider": true,
        "codeActionProvider": {"codeActionKinds": ["quickfix"]},
        "codeLensProvider": {"resolveProvider": false},
        "executeCommandProvider": {"commands": ["pligt.runTests"]}
      },
      "serverInfo": {"name": "pligt", "version": ")" PLIGT_VERSION R"("}
    })"));
    CHECK(client.request("shutdown", nullptr)["result"].is_null());
    client.notify("exit", nullptr);
    CHECK(client.wait_for_exit() == 0);
}

TEST_CASE("lsp: a session: a mistake shown and cleared, hover, definition, completion, formatting, tests") {
    auto client = started();
    client.initialize();
    auto const text = read(fixtures + "/act.pligt");

    // A misspelt trigger: the diagnostic `pligt lint` gives, on the name.
    open(client, act_uri,
         replaced(text, "    on request_received\n    due within 4", "    on requst_received\n    due within 4"));
    auto published = client.notification("textDocument/publishDiagnostics");
    REQUIRE(published);
    CHECK((*published)["params"] ==
          json{{"uri", act_uri},
               {"diagnostics",
                {{{"range", range(9, 7, 22)},
                  {"severity", 1},
                  {"code", "unknown_event"},
                  {"source", "pligt"},
                  {"message", "unknown event 'requst_received'; did you mean 'request_received'?"}}}}});

    // The quick fix the diagnostic offers: the name it suggests, in its place.
    auto const diagnostic = (*published)["params"]["diagnostics"][0];
    CHECK(
        client.request("textDocument/codeAction", {{"textDocument", document(act_uri)},
                                                   {"range", range(9, 7, 22)},
                                                   {"context", {{"diagnostics", {diagnostic}}}}})["result"] ==
        json::array(
            {{{"title", "Change to 'request_received'"},
              {"kind", "quickfix"},
              {"diagnostics", {diagnostic}},
              {"isPreferred", true},
              {"edit", {{"changes", {{act_uri, {{{"range", range(9, 7, 22)}, {"newText", "request_received"}}}}}}}}}}));

    // Fixed by an incremental edit: the diagnostic goes.
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", act_uri}, {"version", 2}}},
                                             {"contentChanges", {{{"range", range(9, 7, 13)}, {"text", "request"}}}}});
    published = client.notification("textDocument/publishDiagnostics");
    REQUIRE(published);
    CHECK((*published)["params"] == json{{"uri", act_uri}, {"diagnostics", json::array()}});

    SUBCASE("hover over a duty: title, citation, law, deadline and its date from today") {
        auto const hover = client.request("textDocument/hover", place(act_uri, 7, 8))["result"];
        CHECK(hover["range"] == range(7, 7, 13));
        CHECK(hover["contents"]["kind"] == "markdown");
        CHECK(hover["contents"]["value"] ==
              "**duty** `answer` — Svar på anmodningen\n\n"
              "Declared in act.pligt:8\n\n---\n"
              "**KL § 2, stk. 1** — Lov om kontoret (KL)\n\n"
              "- Deadline: within 4 months\n"
              "- Example: opened today (7 December 2026): due 7 April 2027\n");
    }
    SUBCASE("hover over a span and a date: what they give from today") {
        CHECK(client.request("textDocument/hover", place(act_uri, 10, 16))["result"]["contents"]["value"] ==
              "**4 months** from today (7 December 2026): 7 April 2027");
        CHECK(client.request("textDocument/hover", place(act_uri, 17, 17))["result"]["contents"]["value"] ==
              "**10 working days** from today (7 December 2026): 21 December 2026 (working days of calendar "
              "office_days)");
        CHECK(client.request("textDocument/hover", place(act_uri, 3, 16))["result"]["contents"]["value"] ==
              "**1 January 2020**, a Wednesday — 2532 days ago");
    }
    SUBCASE("hover over a value: its title and kind") {
        CHECK(client.request("textDocument/hover", place(act_uri, 16, 40))["result"]["contents"]["value"] ==
              "**value** `complaint` — Klage\n\nDeclared in events.pligt:7\n\nValue of kind `request_kind`\n");
    }
    SUBCASE("go to definition: every kind of declared name, across files") {
        auto const events = read(fixtures + "/events.pligt");
        auto const towns = read(fixtures + "/towns.pligt");
        struct Jump {
            std::string uri, text, needle;
            int into;
            std::string target_uri, target_text, target_needle;
            int skip, length;
        };
        std::vector<Jump> const jumps{
            {act_uri, text, "uses office", 6, events_uri, events, "vocabulary office", 11, 6},
            {act_uri, text, "calendar office_days", 10, events_uri, events, "calendar office_days", 9, 11},
            {act_uri, text, "done by request_answered", 9, events_uri, events, "event request_answered", 6, 16},
            {act_uri, text, "municipality town", 14, towns_uri, towns, "municipality town", 13, 4},
            {act_uri, text, "expect answer", 8, act_uri, text, "duty answer", 5, 6},
            {act_uri, text, "kind appeal", 6, events_uri, events, "appeal \"Anke\"", 0, 6},
            {act_uri, text, "where kind", 7, events_uri, events, "kind: request_kind", 0, 4},
            {events_uri, events, "kind: request_kind", 8, events_uri, events, "kind request_kind", 5, 12},
            {events_uri, events, "from birthdate", 6, events_uri, events, "fact birthdate", 5, 9},
            {towns_uri, towns, "amends office_act", 8, act_uri, text, "law office_act", 4, 10},
            {towns_uri, towns, "adopts pilot", 8, towns_uri, towns, "exemptions pilot", 11, 5},
            {towns_uri, towns, "where urgent", 7, events_uri, events, "urgent: bool", 0, 6},
        };
        for (auto const& jump : jumps) {
            CAPTURE(jump.needle);
            open(client, jump.uri, jump.text);
            CHECK(client.request("textDocument/definition",
                                 {{"textDocument", document(jump.uri)},
                                  {"position", find(jump.text, jump.needle, jump.into)}})["result"] ==
                  json::array({{{"uri", jump.target_uri},
                                {"range", range_of(jump.target_text, jump.target_needle, jump.skip, jump.length)}}}));
        }
    }
    SUBCASE("hover over an event, an attribute, a municipality and a calendar: label and declaration") {
        CHECK(client.request("textDocument/hover", place(act_uri, 9, 10))["result"]["contents"]["value"] ==
              "**event** `request_received` — Anmodning modtaget\n\nDeclared in events.pligt:11\n\n"
              "Attributes:\n- `kind`: `request_kind` — Slags anmodning\n- `urgent`: `bool` — Hastesag\n\n"
              "Opens: `answer`, `hearing`\n");
        CHECK(client.request("textDocument/hover", place(act_uri, 16, 30))["result"]["contents"]["value"] ==
              "**attribute** `kind` — Slags anmodning\n\nDeclared in events.pligt:12\n\n"
              "Attribute of event `request_received`: `request_kind`\n");
        CHECK(client.request("textDocument/hover", place(act_uri, 24, 18))["result"]["contents"]["value"] ==
              "**municipality** `town` — Byen\n\nDeclared in towns.pligt:9\n\nCode 901, north\n"
              "- adopts pilot from 1 January 2024 to 31 December 2025\n");
        CHECK(client.request("textDocument/hover", place(act_uri, 5, 14))["result"]["contents"]["value"] ==
              "**calendar** `office_days` — Kontordage\n\nDeclared in events.pligt:19\n");
    }
    SUBCASE("completion where an id goes: attributes in `where`, events after `done by`, duties after `waive`") {
        auto const labels = [&](std::string const& uri, json const& position) {
            std::vector<std::string> out;
            auto const answer =
                client.request("textDocument/completion", place(uri, position["line"], position["character"]));
            for (auto const& item : answer["result"]["items"]) out.push_back(item["label"]);
            return out;
        };
        auto const where = replaced(text, "where kind == complaint", "where ");
        client.notify("textDocument/didChange",
                      {{"textDocument", {{"uri", act_uri}, {"version", 3}}}, {"contentChanges", {{{"text", where}}}}});
        CHECK(labels(act_uri, find(where, "where ", 6)) ==
              std::vector<std::string>{"kind", "urgent", "birthdate", "age", "not"});
        auto const done_by = replaced(text, "done by hearing_held", "done by ");
        client.notify("textDocument/didChange", {{"textDocument", {{"uri", act_uri}, {"version", 4}}},
                                                 {"contentChanges", {{{"text", done_by}}}}});
        CHECK(labels(act_uri, find(done_by, "done by \n", 8)) ==
              std::vector<std::string>{"hearing_held", "request_answered", "request_received"});
        auto const value = replaced(text, "where kind == complaint", "where kind == ");
        client.notify("textDocument/didChange",
                      {{"textDocument", {{"uri", act_uri}, {"version", 5}}}, {"contentChanges", {{{"text", value}}}}});
        CHECK(labels(act_uri, find(value, "kind == ", 8)) == std::vector<std::string>{"appeal", "complaint"});
        client.notify("textDocument/didChange",
                      {{"textDocument", {{"uri", act_uri}, {"version", 6}}}, {"contentChanges", {{{"text", text}}}}});
        auto const waive = replaced(read(fixtures + "/towns.pligt"), "waive hearing where urgent", "waive h");
        open(client, towns_uri, waive);
        CHECK(labels(towns_uri, find(waive, "waive h", 7)) == std::vector<std::string>{"hearing"});
    }
    SUBCASE("go to definition: an event in another file, an attribute of the trigger") {
        CHECK(client.request("textDocument/definition", place(act_uri, 11, 12))["result"] ==
              json::array({{{"uri", events_uri}, {"range", range(14, 8, 24)}}}));
        CHECK(client.request("textDocument/definition", place(act_uri, 16, 30))["result"] ==
              json::array({{{"uri", events_uri}, {"range", range(11, 4, 8)}}}));
    }
    SUBCASE("find references: a duty in its tests and in the exemption set that waives it") {
        auto const found =
            client.request("textDocument/references", {{"textDocument", document(act_uri)},
                                                       {"position", at(14, 8)},
                                                       {"context", {{"includeDeclaration", true}}}})["result"];
        CHECK(found == json::array({{{"uri", act_uri}, {"range", range(14, 7, 14)}},
                                    {{"uri", act_uri}, {"range", range(29, 12, 19)}},
                                    {{"uri", act_uri}, {"range", range(38, 9, 16)}},
                                    {{"uri", towns_uri}, {"range", range(5, 8, 15)}}}));
    }
    SUBCASE("highlights in the file, and symbols across the workspace") {
        CHECK(client.request("textDocument/documentHighlight", place(act_uri, 14, 8))["result"] ==
              json::array({{{"range", range(14, 7, 14)}, {"kind", 3}},
                           {{"range", range(29, 12, 19)}, {"kind", 2}},
                           {{"range", range(38, 9, 16)}, {"kind", 2}}}));
        CHECK(client.request("workspace/symbol", {{"query", "HØRING"}})["result"] ==
              json::array({{{"name", "hearing"},
                            {"kind", 12},
                            {"location", {{"uri", act_uri}, {"range", range(14, 7, 14)}}},
                            {"containerName", "law office_act"}},
                           {{"name", "hearing_held"},
                            {"kind", 24},
                            {"location", {{"uri", events_uri}, {"range", range(15, 8, 20)}}}}}));
    }
    SUBCASE("document symbols: the law with its duties, then the tests") {
        auto const symbols =
            client.request("textDocument/documentSymbol", {{"textDocument", document(act_uri)}})["result"];
        REQUIRE(symbols.size() == 3);
        CHECK(symbols[0]["name"] == "office_act");
        CHECK(symbols[0]["detail"] == "Lov om kontoret");
        CHECK(symbols[0]["kind"] == 2);
        CHECK(symbols[0]["range"] == json{{"start", at(1, 0)}, {"end", at(20, 1)}});
        CHECK(symbols[0]["children"] ==
              json::parse(R"json([{"name": "answer", "detail": "Svar på anmodningen (§ 2, stk. 1)", "kind": 12,
                                "range": {"start": {"line": 7, "character": 2}, "end": {"line": 12, "character": 3}},
                                "selectionRange": {"start": {"line": 7, "character": 7}, "end": {"line": 7, "character": 13}}},
                               {"name": "hearing", "detail": "Høring i klagesager (§ 3)", "kind": 12,
                                "range": {"start": {"line": 14, "character": 2}, "end": {"line": 19, "character": 3}},
                                "selectionRange": {"start": {"line": 14, "character": 7}, "end": {"line": 14, "character": 14}}}])json"));
        CHECK(symbols[1]["name"] == "an answer is due in four months");
        CHECK(symbols[2]["name"] == "a complaint is heard within ten working days");
    }
    SUBCASE("a code lens and the command run the file's tests") {
        CHECK(client.request("textDocument/codeLens", {{"textDocument", document(act_uri)}})["result"] ==
              json::array({{{"range", range(22, 0, 0)},
                            {"command",
                             {{"title", "▶ Run the 2 tests of this file"},
                              {"command", "pligt.runTests"},
                              {"arguments", {act_uri}}}}}}));
        CHECK(client.request("workspace/executeCommand",
                             {{"command", "pligt.runTests"}, {"arguments", {act_uri}}})["result"] ==
              json{{"passed", 2}, {"failed", 0}, {"failures", json::array()}, {"summary", "2 passed, 0 failed"}});
        auto const message = client.notification("window/showMessage");
        REQUIRE(message);
        CHECK((*message)["params"] == json{{"type", 3}, {"message", "pligt test: 2 passed, 0 failed"}});
    }
    SUBCASE("a failing expectation is reported where it is written") {
        client.notify("textDocument/didChange",
                      {{"textDocument", {{"uri", act_uri}, {"version", 3}}},
                       {"contentChanges", {{{"text", replaced(text, "due 2024-07-05", "due 2024-07-06")}}}}});
        auto const run = client.request("workspace/executeCommand",
                                        {{"command", "pligt.runTests"}, {"arguments", {act_uri}}})["result"];
        CHECK(run["passed"] == 1);
        CHECK(run["failures"] == json::array({{{"range", {{"start", at(28, 2)}, {"end", at(28, 38)}}},
                                               {"message",
                                                "test \"an answer is due in four months\": expected answer pending due "
                                                "2024-07-06, found answer pending due 2024-07-05"}}}));
    }
    SUBCASE("completion after `on `: the declared events, with their titles") {
        client.notify("textDocument/didChange", {{"textDocument", {{"uri", act_uri}, {"version", 3}}},
                                                 {"contentChanges", {{{"range", range(9, 7, 23)}, {"text", ""}}}}});
        CHECK(client.request("textDocument/completion", place(act_uri, 9, 7))["result"] == json::parse(R"({
          "isIncomplete": false,
          "items": [{"label": "hearing_held", "kind": 23, "detail": "Høring holdt"},
                    {"label": "request_answered", "kind": 23, "detail": "Svar sendt"},
                    {"label": "request_received", "kind": 23, "detail": "Anmodning modtaget"}]})"));
    }
    SUBCASE("formatting: pligt fmt's layout, the comment kept") {
        client.notify(
            "textDocument/didChange",
            {{"textDocument", {{"uri", act_uri}, {"version", 3}}},
             {"contentChanges", {{{"text", replaced(text, "  short \"KL\"", "short    \"KL\"   # the short name")}}}}});
        auto const edits = client.request(
            "textDocument/formatting",
            {{"textDocument", document(act_uri)}, {"options", {{"tabSize", 2}, {"insertSpaces", true}}}})["result"];
        REQUIRE(edits.size() == 1);
        CHECK(edits[0]["range"] == json{{"start", at(0, 0)}, {"end", at(40, 0)}});
        CHECK(edits[0]["newText"] == replaced(text, "  short \"KL\"", "  short \"KL\"  # the short name"));
    }

    CHECK(client.request("shutdown", nullptr)["result"].is_null());
    client.notify("exit", nullptr);
    CHECK(client.wait_for_exit() == 0);
}
