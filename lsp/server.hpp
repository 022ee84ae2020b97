// `pligt lsp`: a Language Server Protocol 3.17 server for rule files.
//
// The server is a function from messages in to messages out, with no I/O of
// its own: cli/lsp.cpp reads stdin and writes stdout, the tests and the
// fuzzer call it directly. It answers every request (an error where it cannot:
// a broken message, an unknown method, a request before `initialize`), never
// throws, and keeps going.
//
// The workspace is one program: the rule directories given with --rules, or
// else the workspace folders the editor sends (a folder with `rules/` in it
// stands for its `rules/` and `municipalities/`, as `pligt` does without
// arguments). A rule file opened from outside it is a program of its own, as
// `pligt lint FILE` reads it.
//
// Checking is deferred while input waits: a burst of keystrokes re-parses
// each change's file at once (names stay current for hover and completion)
// but resolves and lints the program once, when the burst is over.
#pragma once

#include "dsl/date.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pligt::lsp {

struct ServerOptions {
    std::vector<std::filesystem::path> rules;     // empty: the client's workspace folders
    std::vector<std::filesystem::path> fallback;  // when there are neither: the shipped rules
    Date today;                                   // the example trigger a deadline's hover counts from
    std::string version;                          // serverInfo's
};

class Server {
public:
    explicit Server(ServerOptions options);
    ~Server();
    Server(Server const&) = delete;
    Server& operator=(Server const&) = delete;

    // One message's JSON text.
    void receive(std::string_view body);
    // A message whose framing was wrong (framing.hpp): a parse error is sent.
    void reject(std::string const& why);
    // Resolves and lints what changed since the last check, and publishes
    // the diagnostics that differ from those last published.
    bool check_pending() const;
    void check();

    // The messages to send, in order, as JSON texts (unframed).
    std::vector<std::string> take_output();
    bool exited() const;
    // 0 after `shutdown` then `exit`, 1 after `exit` alone (as the protocol says).
    int exit_code() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace pligt::lsp
