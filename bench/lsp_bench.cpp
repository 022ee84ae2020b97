// The language server on the shipped rules (111 files, one program), in
// process: what a legal advisor waits for in the editor. Hover over a duty
// and over an event, completion after `on `, go to definition, every
// reference to an event across the workspace, and the re-check after an edit
// (the changed file parsed again, the program resolved and linted, the
// diagnostics compared with those last published).
//   build-bench/bench/pligt_lsp_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include "lsp/server.hpp"
#include "lsp/uri.hpp"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace {

using nlohmann::json;
using namespace pligt;

std::string const rules = PLIGT_SOURCE_DIR "/rules";
std::string const file = rules + "/serviceloven.pligt";

std::string read(std::string const& path) {
    std::ifstream in{path};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The place of `needle` (its first character plus `into`) in the text.
json place(std::string const& text, std::string const& needle, int into = 1) {
    auto const at = text.find(needle);
    if (at == std::string::npos) throw std::runtime_error{"not in the file: " + needle};
    int line = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < at; ++i)
        if (text[i] == '\n') ++line, start = i + 1;
    return {{"line", line}, {"character", static_cast<int>(at - start) + into}};
}

struct Session {
    lsp::Server server{
        lsp::ServerOptions{{rules, PLIGT_SOURCE_DIR "/municipalities"}, {}, Date::from_days(20429), "bench"}};
    std::string text = read(file);
    std::string uri = lsp::uri_of(file);
    int id = 1;

    Session() {
        server.receive(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}})");
        send("textDocument/didOpen",
             {{"textDocument", {{"uri", uri}, {"languageId", "pligt"}, {"version", 1}, {"text", text}}}}, false);
        server.check();
        server.take_output();
    }
    void send(std::string const& method, json params, bool request = true) {
        json message{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
        if (request) message["id"] = id++;
        server.receive(message.dump());
    }
    std::size_t ask(std::string const& method, json const& position) {
        send(method,
             {{"textDocument", {{"uri", uri}}}, {"position", position}, {"context", {{"includeDeclaration", true}}}});
        auto const out = server.take_output();
        return out.empty() ? 0 : out.back().size();
    }
};

Session& session() {
    static Session s;
    return s;
}

void request(benchmark::State& state, char const* method, char const* needle, int into) {
    auto& s = session();
    auto const position = place(s.text, needle, into);
    std::size_t bytes = 0;
    for (auto _ : state) bytes = s.ask(method, position);
    state.counters["answer_bytes"] = static_cast<double>(bytes);
}

void BM_HoverDuty(benchmark::State& state) { request(state, "textDocument/hover", "duty confirm_receipt", 6); }
void BM_HoverEvent(benchmark::State& state) { request(state, "textDocument/hover", "on notification_received", 4); }
void BM_Definition(benchmark::State& state) {
    request(state, "textDocument/definition", "on notification_received", 4);
}
void BM_ReferencesOfEvent(benchmark::State& state) {
    request(state, "textDocument/references", "on notification_received", 4);
}
void BM_CompletionAfterOn(benchmark::State& state) {
    request(state, "textDocument/completion", "on notification_received", 3);
}

// An edit in the middle of the law: a title changed and changed back, each
// followed by the check a pause in typing starts.
void BM_RecheckAfterEdit(benchmark::State& state) {
    auto& s = session();
    auto const at = place(s.text, "\"Bekræftelse af modtagelse", 1);
    int version = 2;
    bool flip = false;
    for (auto _ : state) {
        s.send("textDocument/didChange",
               {{"textDocument", {{"uri", s.uri}, {"version", version++}}},
                {"contentChanges",
                 {{{"range",
                    {{"start", at}, {"end", {{"line", at["line"]}, {"character", at["character"].get<int>() + 1}}}}},
                   {"text", (flip = !flip) ? "b" : "B"}}}}},
               false);
        s.server.check();
        benchmark::DoNotOptimize(s.server.take_output());
    }
}

}  // namespace

BENCHMARK(BM_HoverDuty)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HoverEvent)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Definition)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReferencesOfEvent)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompletionAfterOn)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RecheckAfterEdit)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
