#include "lsp/server.hpp"

#include "authoring/format.hpp"
#include "lsp/features.hpp"
#include "lsp/uri.hpp"
#include "lsp/workspace.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace pligt::lsp {
namespace {

using json = nlohmann::json;

// JSON-RPC's and LSP's error codes.
constexpr int parse_error = -32700, invalid_request = -32600, method_not_found = -32601, invalid_params = -32602,
              internal_error = -32603, server_not_initialized = -32002, request_failed = -32803;

// An error answer to a request, thrown by a handler and caught once.
struct Failure : std::runtime_error {
    Failure(int code, std::string const& message) : std::runtime_error{message}, code{code} {}
    int code;
};

json const& member(json const& object, char const* name) {
    if (!object.is_object() || !object.contains(name))
        throw Failure{invalid_params, fmt::format("'{}' is missing", name)};
    return object.at(name);
}
std::string text_member(json const& object, char const* name) {
    auto const& value = member(object, name);
    if (!value.is_string()) throw Failure{invalid_params, fmt::format("'{}' must be a string", name)};
    return value.get<std::string>();
}
int integer_member(json const& object, char const* name) {
    auto const& value = member(object, name);
    if (!value.is_number_integer() || value.get<std::int64_t>() < 0 || value.get<std::int64_t>() > INT32_MAX)
        throw Failure{invalid_params, fmt::format("'{}' must be a whole number from 0", name)};
    return value.get<int>();
}

// A capability at a path of objects, or null.
json const* capability(json const& params, std::initializer_list<char const*> path) {
    json const* at = &params;
    for (auto const* name : {"capabilities", "textDocument"}) {
        if (!at->is_object() || !at->contains(name)) return nullptr;
        at = &(*at)[name];
    }
    for (auto const* name : path) {
        if (!at->is_object() || !at->contains(name)) return nullptr;
        at = &(*at)[name];
    }
    return at;
}

// Markdown unless the editor lists hover formats without it; snippets only
// where it says it takes them.
ClientAbilities client_abilities(json const& params) {
    ClientAbilities abilities;
    if (auto const* formats = capability(params, {"hover", "contentFormat"}); formats && formats->is_array())
        abilities.markdown = std::find(formats->begin(), formats->end(), "markdown") != formats->end();
    auto const* snippets = capability(params, {"completion", "completionItem", "snippetSupport"});
    abilities.snippets = snippets && *snippets == true;
    return abilities;
}

std::string_view encoding_name(Encoding encoding) {
    switch (encoding) {
    case Encoding::utf8: return "utf-8";
    case Encoding::utf16: return "utf-16";
    case Encoding::utf32: return "utf-32";
    }
    return "utf-16";
}

}  // namespace

struct Server::State {
    ServerOptions options;
    Workspace workspace;
    Encoding encoding = Encoding::utf16;
    ClientAbilities abilities;
    bool initialized = false, shut_down = false, exited = false;
    std::vector<std::string> output;
    std::map<std::string, json> published;  // by URI: the diagnostics last sent

    void send(json const& message) { output.push_back(message.dump(-1, ' ', false, json::error_handler_t::replace)); }
    void respond(json const& id, json result) { send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}); }
    void fail(json const& id, int code, std::string const& message) {
        send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
    }
    void notify(std::string const& method, json params) {
        send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
    }

    json dispatch(std::string const& method, json const& params);
    void notification(std::string const& method, json const& params);
    json initialize(json const& params);
    void publish();

    // The document a request names, and the byte offset of its position.
    std::string path_of_document(json const& params) {
        auto const uri = text_member(member(params, "textDocument"), "uri");
        auto path = path_of(uri);
        if (!path) throw Failure{invalid_params, "only file: URIs name rule files: " + uri};
        return *path;
    }
    Document document(json const& params) {
        if (workspace.stale()) check();
        auto const found = workspace.find(path_of_document(params));
        if (!found) throw Failure{request_failed, "the document is not a rule file of the workspace; open it first"};
        return Document{*found->project, found->file, encoding, abilities};
    }
    std::size_t offset(Document const& d, json const& params) {
        auto const& position = member(params, "position");
        return LineMap{d.text()}.offset({integer_member(position, "line"), integer_member(position, "character")},
                                        encoding);
    }
    void check() {
        workspace.check();
        publish();
    }
    std::string apply_changes(std::string const& path, json const& changes);
};

json Server::State::initialize(json const& params) {
    if (!params.is_object()) throw Failure{invalid_params, "initialize takes an object"};
    // The first encoding the client offers that pligt speaks; UTF-16 when it offers none.
    if (auto const general = params.find("capabilities"); general != params.end() && general->is_object())
        if (auto const g = general->find("general"); g != general->end() && g->is_object())
            if (auto const offered = g->find("positionEncodings"); offered != g->end() && offered->is_array())
                for (auto const& e : *offered) {
                    if (e == "utf-16") break;
                    if (e == "utf-8") {
                        encoding = Encoding::utf8;
                        break;
                    }
                    if (e == "utf-32") {
                        encoding = Encoding::utf32;
                        break;
                    }
                }
    abilities = client_abilities(params);
    std::vector<std::filesystem::path> roots = options.rules;
    if (roots.empty()) {
        std::vector<std::string> folders;
        if (auto const f = params.find("workspaceFolders"); f != params.end() && f->is_array())
            for (auto const& folder : *f)
                if (folder.is_object() && folder.contains("uri") && folder["uri"].is_string())
                    folders.push_back(folder["uri"].get<std::string>());
        if (folders.empty())
            if (auto const root = params.find("rootUri"); root != params.end() && root->is_string())
                folders.push_back(root->get<std::string>());
        for (auto const& uri : folders) {
            auto const path = path_of(uri);
            if (!path) continue;
            std::error_code error;
            std::filesystem::path const folder{*path};
            // A folder with rules/ in it is a checkout of the rules: what
            // `pligt` reads without arguments. Any other is rules itself.
            if (std::filesystem::is_directory(folder / "rules", error)) {
                roots.push_back(folder / "rules");
                if (std::filesystem::is_directory(folder / "municipalities", error))
                    roots.push_back(folder / "municipalities");
            } else {
                roots.push_back(folder);
            }
        }
    }
    if (roots.empty()) roots = options.fallback;
    workspace.load(std::move(roots));
    initialized = true;
    return {{"capabilities",
             {{"positionEncoding", encoding_name(encoding)},
              {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
              {"hoverProvider", true},
              {"definitionProvider", true},
              {"referencesProvider", true},
              {"completionProvider", {{"triggerCharacters", {" ", "{", ","}}, {"resolveProvider", false}}},
              {"documentFormattingProvider", true},
              {"documentSymbolProvider", true},
              {"documentHighlightProvider", true},
              {"workspaceSymbolProvider", true},
              {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
              {"codeLensProvider", {{"resolveProvider", false}}},
              {"executeCommandProvider", {{"commands", {"pligt.runTests"}}}}}},
            {"serverInfo", {{"name", "pligt"}, {"version", options.version}}}};
}

// Edits in order, each on the text the previous one left (LSP 3.17);
// without a range a change is the whole text.
std::string Server::State::apply_changes(std::string const& path, json const& changes) {
    if (!changes.is_array()) throw Failure{invalid_params, "'contentChanges' must be an array"};
    std::string text;
    if (auto const found = workspace.find(path)) text = found->project->files()[found->file].source.text();
    for (auto const& change : changes) {
        auto const replacement = text_member(change, "text");
        if (!change.contains("range")) {
            text = replacement;
            continue;
        }
        auto const& range = change["range"];
        LineMap const lines{text};
        auto const point = [&](char const* name) {
            auto const& p = member(range, name);
            return lines.offset({integer_member(p, "line"), integer_member(p, "character")}, encoding);
        };
        auto const begin = point("start"), end = std::max(begin, point("end"));
        text.replace(begin, end - begin, replacement);
        if (text.size() > (std::size_t{16} << 20)) throw Failure{invalid_params, "the document is larger than 16 MiB"};
    }
    return text;
}

void Server::State::notification(std::string const& method, json const& params) {
    if (method == "exit") {
        exited = true;
        return;
    }
    if (!initialized) return;  // notifications before initialize are dropped, as the protocol says
    if (method == "textDocument/didOpen") {
        auto const& document = member(params, "textDocument");
        auto const path = path_of(text_member(document, "uri"));
        if (path) workspace.open(*path, text_member(document, "text"));
    } else if (method == "textDocument/didChange") {
        auto const path = path_of_document(params);
        workspace.change(path, apply_changes(path, member(params, "contentChanges")));
    } else if (method == "textDocument/didClose") {
        auto const uri = text_member(member(params, "textDocument"), "uri");
        if (auto const path = path_of(uri)) workspace.close(*path);
    } else if (method == "workspace/didChangeWatchedFiles") {
        for (auto const& change : member(params, "changes"))
            if (auto const path = path_of(text_member(change, "uri"))) workspace.changed_on_disk(*path);
    }
    // didSave, initialized, $/cancelRequest, $/setTrace: nothing to do.
}

json Server::State::dispatch(std::string const& method, json const& params) {
    if (method == "initialize") {
        if (initialized) throw Failure{invalid_request, "the server is already initialized"};
        return initialize(params);
    }
    if (!initialized) throw Failure{server_not_initialized, "the server is not initialized yet"};
    if (shut_down) throw Failure{invalid_request, "the server is shutting down"};
    if (method == "shutdown") {
        shut_down = true;
        return nullptr;
    }
    if (method == "textDocument/hover") {
        auto const d = document(params);
        return hover(d, offset(d, params), options.today);
    }
    if (method == "textDocument/definition") {
        auto const d = document(params);
        return definition(d, offset(d, params));
    }
    if (method == "textDocument/references") {
        auto const d = document(params);
        bool include = true;
        if (auto const c = params.find("context");
            c != params.end() && c->is_object() && c->contains("includeDeclaration"))
            include = (*c)["includeDeclaration"] == true;
        return references(d, offset(d, params), include);
    }
    if (method == "textDocument/completion") {
        auto const d = document(params);
        return completion(d, offset(d, params));
    }
    if (method == "textDocument/documentSymbol") return document_symbols(document(params));
    if (method == "textDocument/documentHighlight") {
        auto const d = document(params);
        return highlights(d, offset(d, params));
    }
    if (method == "textDocument/codeAction") {
        auto const uri = text_member(member(params, "textDocument"), "uri");
        auto const& context = member(params, "context");
        return code_actions(uri, member(context, "diagnostics"));
    }
    if (method == "workspace/symbol") {
        if (workspace.stale()) check();
        return workspace_symbols(workspace.main(), text_member(params, "query"), encoding);
    }
    if (method == "textDocument/codeLens") {
        auto const d = document(params);
        return code_lenses(d, text_member(member(params, "textDocument"), "uri"));
    }
    if (method == "textDocument/formatting") {
        auto const d = document(params);
        Diagnostics diagnostics;
        auto const formatted = format(d.rule_file().source, diagnostics);
        if (!formatted) {
            auto const found = diagnostics.sorted();
            throw Failure{request_failed,
                          found.empty()
                              ? "the file cannot be formatted"
                              : "not formatted: " + found.front().message +
                                    (found.front().line > 0 ? fmt::format(" (line {})", found.front().line) : "")};
        }
        if (*formatted == d.text()) return json::array();
        return json::array({{{"range", range_json(d.text(), 0, d.text().size(), encoding)}, {"newText", *formatted}}});
    }
    if (method == "workspace/executeCommand") {
        if (text_member(params, "command") != "pligt.runTests")
            throw Failure{invalid_params, "unknown command '" + text_member(params, "command") + "'"};
        auto const& arguments = member(params, "arguments");
        if (!arguments.is_array() || arguments.empty() || !arguments[0].is_string())
            throw Failure{invalid_params, "pligt.runTests takes the document's URI"};
        auto const d = document({{"textDocument", {{"uri", arguments[0]}}}});
        auto const run = run_tests(d);
        if (!run) throw Failure{request_failed, "the rules have errors (see the problems); fix them to run the tests"};
        auto const summary = fmt::format("{} passed, {} failed", run->passed, run->failed);
        notify("window/showMessage", {{"type", run->failed > 0 ? 1 : 3}, {"message", "pligt test: " + summary}});
        return {{"passed", run->passed}, {"failed", run->failed}, {"failures", run->failures}, {"summary", summary}};
    }
    throw Failure{method_not_found, "unknown method '" + method + "'"};
}

// Sends each file's diagnostics where they changed since last sent; a file
// that left the workspace gets an empty list.
void Server::State::publish() {
    std::map<std::string, json> now;
    workspace.for_each_file([&](Project const& project, std::size_t i) {
        auto const& file = project.files()[i];
        auto list = json::array();
        LineMap const lines{file.source.text()};
        for (auto const& d : project.diagnostics_of(i)) {
            auto const start = lines.from_line_column(d.line, d.column, encoding);
            auto const end = lines.from_line_column(d.line, d.column + d.length, encoding);
            list.push_back({{"range",
                             {{"start", {{"line", start.line}, {"character", start.character}}},
                              {"end", {{"line", end.line}, {"character", end.character}}}}},
                            {"severity", d.severity == Severity::error ? 1 : 2},
                            {"code", d.code},
                            {"source", "pligt"},
                            {"message", d.message}});
        }
        now[uri_of(file.path)] = std::move(list);
    });
    for (auto const& d : workspace.unreadable()) {
        auto& list = now[uri_of(d.file)];
        if (list.is_null()) list = json::array();
        list.push_back(
            {{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
             {"severity", 1},
             {"code", d.code},
             {"source", "pligt"},
             {"message", d.message}});
    }
    for (auto const& [uri, list] : published)
        if (!now.count(uri) && !list.empty())
            notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
    for (auto const& [uri, list] : now) {
        auto const it = published.find(uri);
        if (it != published.end() ? it->second == list : list.empty()) continue;
        notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", list}});
    }
    published = std::move(now);
}

Server::Server(ServerOptions options) : state_{std::make_unique<State>()} { state_->options = std::move(options); }
Server::~Server() = default;

void Server::receive(std::string_view body) {
    auto& s = *state_;
    json message = json::parse(body, nullptr, false);
    if (message.is_discarded()) {
        s.fail(nullptr, parse_error, "the message is not JSON");
        return;
    }
    if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
        // A response to a request of ours (none are sent) or nonsense.
        if (message.is_object() && message.contains("id") && !message.contains("result") && !message.contains("error"))
            s.fail(message["id"], invalid_request, "a request needs a 'method'");
        else if (!message.is_object()) s.fail(nullptr, invalid_request, "a message must be a JSON object");
        return;
    }
    auto const method = message["method"].get<std::string>();
    json const params = message.contains("params") ? message["params"] : json::object();
    bool const request = message.contains("id");
    json const id = request ? message["id"] : json{};
    if (request && !id.is_string() && !id.is_number_integer()) {
        s.fail(nullptr, invalid_request, "a request's 'id' must be a string or a whole number");
        return;
    }
    try {
        if (request) s.respond(id, s.dispatch(method, params));
        else s.notification(method, params);
    } catch (Failure const& failure) {
        // A notification has no answer: the editor's log says what was wrong.
        if (request) s.fail(id, failure.code, failure.what());
        else s.notify("window/logMessage", {{"type", 1}, {"message", method + ": " + failure.what()}});
    } catch (std::exception const& error) {
        if (request) s.fail(id, internal_error, std::string{"internal error: "} + error.what());
        else s.notify("window/logMessage", {{"type", 1}, {"message", method + ": internal error: " + error.what()}});
    }
}

void Server::reject(std::string const& why) { state_->fail(nullptr, parse_error, why); }

bool Server::check_pending() const { return state_->initialized && state_->workspace.stale(); }
void Server::check() {
    if (state_->initialized) state_->check();
}

std::vector<std::string> Server::take_output() { return std::exchange(state_->output, {}); }
bool Server::exited() const { return state_->exited; }
int Server::exit_code() const { return state_->shut_down ? 0 : 1; }

}  // namespace pligt::lsp
