// `pligt lsp` on any input, two ways, chosen by the first byte:
//   'R' and then raw bytes: the editor's side of the stream (headers, bodies,
//       garbage), read as the stdio loop reads it;
//   anything else: the bytes are a rule file an editor opens; the server is
//       asked hover, definition, references and completion at places across
//       it, its outline, lenses and formatting, and shut down.
// Properties beyond "no crash": every request gets exactly one answer with
// its id, and every message the server sends is JSON.
#include "lsp/framing.hpp"
#include "lsp/server.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

using nlohmann::json;
using namespace pligt;

[[noreturn]] void fail(char const* property) {
    std::fprintf(stderr, "fuzz: property broken: %s\n", property);
    std::abort();
}

lsp::ServerOptions options() {
    return lsp::ServerOptions{{PLIGT_SOURCE_DIR "/tests/fixtures/lsp"}, {}, Date::from_days(20000), "fuzz"};
}

void start(lsp::Server& server) {
    server.receive(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}})");
    server.receive(R"({"jsonrpc":"2.0","method":"initialized","params":{}})");
}

// Every message is JSON; the answers to `id` number exactly one.
void expect_answers(lsp::Server& server, int id, int count) {
    int answers = 0;
    for (auto const& text : server.take_output()) {
        auto const message = json::parse(text, nullptr, false);
        if (message.is_discarded()) fail("the server sent a message that is not JSON");
        if (message.contains("id") && message["id"] == id) ++answers;
    }
    if (count >= 0 && answers != count) fail("a request got no answer, or more than one");
}

void raw_stream(std::string const& input) {
    lsp::Server server{options()};
    start(server);
    std::size_t at = 0;
    lsp::MessageReader reader{[&](char* buffer, std::size_t size) -> std::ptrdiff_t {
        auto const n = std::min(size, input.size() - at);
        std::copy_n(input.data() + at, n, buffer);
        at += n;
        return static_cast<std::ptrdiff_t>(n);
    }};
    for (int i = 0; i < 64 && !server.exited(); ++i) {
        auto const message = reader.next();
        if (message.kind == lsp::MessageReader::Message::Kind::end) break;
        if (message.kind == lsp::MessageReader::Message::Kind::bad) server.reject(message.error);
        else server.receive(message.body);
        if (server.check_pending()) server.check();
        expect_answers(server, -1, -1);
    }
}

void rule_file(std::string const& text) {
    lsp::Server server{options()};
    start(server);
    std::string const uri = "file:///fuzz/input.pligt";
    server.receive(
        json{{"jsonrpc", "2.0"},
             {"method", "textDocument/didOpen"},
             {"params", {{"textDocument", {{"uri", uri}, {"languageId", "pligt"}, {"version", 1}, {"text", text}}}}}}
            .dump(-1, ' ', false, json::error_handler_t::replace));
    server.check();
    expect_answers(server, -1, -1);
    int id = 1;
    auto const ask = [&](std::string const& method, json params) {
        params["textDocument"] = {{"uri", uri}};
        server.receive(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump());
        expect_answers(server, id++, 1);
    };
    // Places spread over the text: line and character from its bytes.
    for (std::size_t i = 0; i < 6 && i < text.size(); ++i) {
        auto const byte = static_cast<unsigned char>(text[i * text.size() / 6]);
        json const position = {{"line", byte % 40}, {"character", (byte * 7) % 90}};
        ask("textDocument/hover", {{"position", position}});
        ask("textDocument/definition", {{"position", position}});
        ask("textDocument/references", {{"position", position}, {"context", {{"includeDeclaration", true}}}});
        ask("textDocument/completion", {{"position", position}});
    }
    ask("textDocument/documentSymbol", json::object());
    ask("textDocument/codeLens", json::object());
    ask("textDocument/formatting", {{"options", {{"tabSize", 2}, {"insertSpaces", true}}}});
    server.receive(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", "shutdown"}}.dump());
    expect_answers(server, id, 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0 || size > (std::size_t{1} << 16)) return 0;
    std::string const input{reinterpret_cast<char const*>(data) + 1, size - 1};
    if (data[0] == 'R') raw_stream(input);
    else rule_file(input);
    return 0;
}
