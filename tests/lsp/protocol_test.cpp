// The server's answers to broken and unexpected input, in process: every
// request gets an answer (an error where it must), nothing is thrown, and
// the server goes on serving. Also the framing reader and the positions an
// editor counts in (UTF-16 code units unless agreed otherwise).
#include "lsp/framing.hpp"
#include "lsp/server.hpp"
#include "lsp/text_positions.hpp"
#include "lsp/uri.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

using nlohmann::json;
using namespace pligt::lsp;

std::string const fixtures = PLIGT_SOURCE_DIR "/tests/fixtures/lsp";

Server server() {
    return Server{ServerOptions{{fixtures}, {}, pligt::Date::from_days(20429), "test"}};  // 2025-12-07
}

std::vector<json> answers(Server& s) {
    std::vector<json> out;
    for (auto const& text : s.take_output()) out.push_back(json::parse(text));
    return out;
}

json request(Server& s, int id, std::string const& method, json params = json::object()) {
    s.receive(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump());
    for (auto const& message : answers(s))
        if (message.contains("id") && message["id"] == id) return message;
    FAIL("no answer to " << method);
    return {};
}

void initialize(Server& s) {
    auto const answer = request(s, 1, "initialize", {{"capabilities", json::object()}});
    REQUIRE(answer.contains("result"));
}

// Messages read from a string, as the stdio loop reads them.
std::vector<MessageReader::Message> read_all(std::string input) {
    std::size_t at = 0;
    MessageReader reader{[&](char* buffer, std::size_t size) -> std::ptrdiff_t {
        auto const n = std::min(size, input.size() - at);
        std::copy_n(input.data() + at, n, buffer);
        at += n;
        return static_cast<std::ptrdiff_t>(n);
    }};
    std::vector<MessageReader::Message> out;
    for (int i = 0; i < 100; ++i) {
        auto message = reader.next();
        if (message.kind == MessageReader::Message::Kind::end) break;
        out.push_back(std::move(message));
    }
    return out;
}

}  // namespace

TEST_CASE("lsp protocol: a request before initialize is refused, then initialize works") {
    auto s = server();
    CHECK(request(s, 7, "textDocument/hover")["error"] ==
          json{{"code", -32002}, {"message", "the server is not initialized yet"}});
    initialize(s);
    CHECK(request(s, 2, "initialize")["error"] ==
          json{{"code", -32600}, {"message", "the server is already initialized"}});
}

TEST_CASE("lsp protocol: unknown methods, bad params and broken JSON get JSON-RPC errors") {
    auto s = server();
    initialize(s);
    CHECK(request(s, 2, "textDocument/rename")["error"] ==
          json{{"code", -32601}, {"message", "unknown method 'textDocument/rename'"}});
    CHECK(request(s, 3, "textDocument/hover",
                  {{"textDocument", {{"uri", pligt::lsp::uri_of(fixtures + "/act.pligt")}}}})["error"] ==
          json{{"code", -32602}, {"message", "'position' is missing"}});
    CHECK(
        request(s, 4, "textDocument/hover",
                {{"textDocument", {{"uri", "untitled:1"}}}, {"position", {{"line", 0}, {"character", 0}}}})["error"] ==
        json{{"code", -32602}, {"message", "only file: URIs name rule files: untitled:1"}});
    CHECK(request(s, 5, "textDocument/hover",
                  {{"textDocument", {{"uri", "file:///nowhere/x.pligt"}}},
                   {"position", {{"line", 0}, {"character", 0}}}})["error"] ==
          json{{"code", -32803}, {"message", "the document is not a rule file of the workspace; open it first"}});
    CHECK(request(s, 6, "workspace/executeCommand", {{"command", "rm -rf"}})["error"] ==
          json{{"code", -32602}, {"message", "unknown command 'rm -rf'"}});

    s.receive("{\"jsonrpc\": \"2.0\", \"id\": 8, \"method\": ");
    CHECK(answers(s) == std::vector<json>{{{"jsonrpc", "2.0"},
                                           {"id", nullptr},
                                           {"error", {{"code", -32700}, {"message", "the message is not JSON"}}}}});
    s.receive("[1, 2]");
    CHECK(answers(s)[0]["error"]["code"] == -32600);
    s.receive(R"({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"})");
    CHECK(answers(s)[0]["error"] ==
          json{{"code", -32600}, {"message", "a request's 'id' must be a string or a whole number"}});
    // An unknown notification is dropped without an answer.
    s.receive(R"({"jsonrpc": "2.0", "method": "$/somethingNew", "params": {}})");
    CHECK(answers(s).empty());
    // A notification with bad params is logged, not answered.
    s.receive(R"({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {}})");
    CHECK(
        answers(s) ==
        std::vector<json>{{{"jsonrpc", "2.0"},
                           {"method", "window/logMessage"},
                           {"params", {{"type", 1}, {"message", "textDocument/didOpen: 'textDocument' is missing"}}}}});
    // And the server still answers.
    CHECK(request(s, 9, "shutdown")["result"].is_null());
    s.receive(R"({"jsonrpc": "2.0", "method": "exit"})");
    CHECK(s.exited());
    CHECK(s.exit_code() == 0);
}

TEST_CASE("lsp protocol: exit without shutdown ends with status 1") {
    auto s = server();
    initialize(s);
    s.receive(R"({"jsonrpc": "2.0", "method": "exit"})");
    CHECK(s.exited());
    CHECK(s.exit_code() == 1);
}

TEST_CASE("lsp protocol: a rule file over 1 MiB gets the error loading it would give, and is not parsed") {
    auto s = server();
    initialize(s);
    s.check();
    answers(s);
    auto const uri = uri_of("/tmp/huge.pligt");
    std::string text(std::size_t{1} << 21, '#');
    s.receive(
        json{{"jsonrpc", "2.0"},
             {"method", "textDocument/didOpen"},
             {"params", {{"textDocument", {{"uri", uri}, {"languageId", "pligt"}, {"version", 1}, {"text", text}}}}}}
            .dump());
    s.check();
    auto const out = answers(s);
    REQUIRE(out.size() == 1);
    CHECK(
        out[0]["params"]["diagnostics"] ==
        json::array({{{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
                      {"severity", 1},
                      {"code", "unreadable"},
                      {"source", "pligt"},
                      {"message", "the file is larger than 1048576 bytes (1 MiB), the most a rule file may hold"}}}));
}

TEST_CASE("lsp framing: lengths are trusted only when sound, and reading goes on after a bad message") {
    auto const messages = read_all(
        "Content-Length: 2\r\n\r\n{}"
        "Content-Type: x\r\n\r\n"                               // no length
        "Content-Length: 12abc\r\n\r\n"                         // not a number
        "content-length: 4\r\nContent-Type: utf-8\r\n\r\nnull"  // any case, other headers ignored
        "Content-Length: 99999999999\r\n\r\nabc"                // larger than 8 MiB, skipped to the end
    );
    REQUIRE(messages.size() == 5);
    CHECK(messages[0].body == "{}");
    CHECK(messages[1].error == "the message header has no Content-Length");
    CHECK(messages[2].error == "Content-Length is not a number");
    CHECK(messages[3].body == "null");
    CHECK(messages[4].error == "the message is larger than 8 MiB");
    auto const endless = read_all(std::string(10000, 'x'));
    REQUIRE(endless.size() == 1);
    CHECK(endless[0].error == "the message header is longer than 8192 bytes");
    auto const cut = read_all("Content-Length: 10\r\n\r\n{\"a\"");
    REQUIRE(cut.size() == 1);
    CHECK(cut[0].error == "the input ends inside a message");
    CHECK(frame("{}") == "Content-Length: 2\r\n\r\n{}");
}

TEST_CASE("lsp positions: UTF-16 code units by default, UTF-8 and UTF-32 when agreed") {
    std::string const text = "title \"Høring 🙂 x\"\nnext";
    LineMap const lines{text};
    auto const x = text.find(" x\"") + 1;
    CHECK(lines.position(x, Encoding::utf16) == TextPosition{0, 17});  // ø is one unit, the emoji two
    CHECK(lines.position(x, Encoding::utf8) == TextPosition{0, 20});   // bytes
    CHECK(lines.position(x, Encoding::utf32) == TextPosition{0, 16});
    CHECK(lines.offset({0, 17}, Encoding::utf16) == x);
    CHECK(lines.offset({0, 20}, Encoding::utf8) == x);
    CHECK(lines.offset({1, 2}, Encoding::utf16) == text.find("next") + 2);
    CHECK(lines.offset({1, 99}, Encoding::utf16) == text.size());  // past the end of a line: its end
    CHECK(lines.offset({9, 0}, Encoding::utf16) == text.size());
    // A diagnostic's 1-based column in characters.
    CHECK(lines.from_line_column(1, 18, Encoding::utf16) == TextPosition{0, 18});
}

TEST_CASE("lsp uris: file URIs to paths and back, percent-encoding both ways") {
    CHECK(path_of("file:///home/r%C3%A5dgiver/rules/a%20b.pligt") ==
          std::optional<std::string>{"/home/rådgiver/rules/a b.pligt"});
    CHECK(path_of("file://localhost/x.pligt") == std::optional<std::string>{"/x.pligt"});
    CHECK(path_of("untitled:Untitled-1") == std::nullopt);
    CHECK(path_of("file:///a%00b") == std::nullopt);
    CHECK(uri_of("/home/rådgiver/a b.pligt") == "file:///home/r%C3%A5dgiver/a%20b.pligt");
}

namespace {

// A server whose editor said `capabilities`, with act.pligt open.
json ask_with(json const& capabilities, std::string const& method, json const& position, json* initialized = nullptr) {
    auto s = server();
    auto const answer = request(s, 1, "initialize", {{"capabilities", capabilities}});
    if (initialized) *initialized = answer["result"];
    auto const uri = uri_of(fixtures + "/act.pligt");
    s.receive(
        json{{"jsonrpc", "2.0"},
             {"method", "textDocument/didOpen"},
             {"params",
              {{"textDocument",
                {{"uri", uri}, {"languageId", "pligt"}, {"version", 1}, {"text", "law x {\n  duty a {\n  }\n}\n\n"}}}}}}
            .dump());
    return request(s, 2, method, {{"textDocument", {{"uri", uri}}}, {"position", position}})["result"];
}

}  // namespace

TEST_CASE("lsp capabilities: plain-text hover, snippets and UTF-8 positions only where the editor takes them") {
    json const markdown_only = {{"textDocument", {{"hover", {{"contentFormat", {"plaintext"}}}}}}};
    CHECK(ask_with(markdown_only, "textDocument/hover", {{"line", 0}, {"character", 4}})["contents"]["kind"] ==
          "plaintext");
    CHECK(ask_with(json::object(), "textDocument/hover", {{"line", 0}, {"character", 4}})["contents"]["kind"] ==
          "markdown");

    auto const labels_and_formats = [](json const& list) {
        std::vector<std::string> out;
        for (auto const& item : list["items"])
            out.push_back(item["label"].get<std::string>() + (item.contains("insertText") ? " (snippet)" : ""));
        return out;
    };
    json const snippets = {{"textDocument", {{"completion", {{"completionItem", {{"snippetSupport", true}}}}}}}};
    CHECK(labels_and_formats(ask_with(snippets, "textDocument/completion", {{"line", 4}, {"character", 0}})) ==
          std::vector<std::string>{"vocabulary", "calendar", "law", "exemptions", "municipality", "scenario", "test",
                                   "test (snippet)"});
    CHECK(labels_and_formats(ask_with(json::object(), "textDocument/completion", {{"line", 4}, {"character", 0}})) ==
          std::vector<std::string>{"vocabulary", "calendar", "law", "exemptions", "municipality", "scenario", "test"});
    // In a duty, its clauses.
    CHECK(labels_and_formats(ask_with(json::object(), "textDocument/completion", {{"line", 2}, {"character", 0}})) ==
          std::vector<std::string>{"cite", "on", "unless", "due", "no deadline", "wording", "target", "dated by",
                                   "done by", "lapses on", "effort"});

    json result;
    ask_with({{"general", {{"positionEncodings", {"utf-32", "utf-8", "utf-16"}}}}}, "textDocument/hover",
             {{"line", 0}, {"character", 0}}, &result);
    CHECK(result["capabilities"]["positionEncoding"] == "utf-32");
    ask_with({{"general", {{"positionEncodings", {"utf-8"}}}}}, "textDocument/hover", {{"line", 0}, {"character", 0}},
             &result);
    CHECK(result["capabilities"]["positionEncoding"] == "utf-8");
}
