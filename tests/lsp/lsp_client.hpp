// A scripted LSP client for the tests: runs `pligt lsp` as the editor does,
// a child process spoken to over its stdin and stdout, and waits for each
// answer with a deadline, so a server that hangs fails the test instead of
// hanging it.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace pligt::testing {

class LspClient {
public:
    // `pligt lsp ARGUMENTS…`, run from the repository's root.
    explicit LspClient(std::vector<std::string> const& arguments);
    ~LspClient();
    LspClient(LspClient const&) = delete;
    LspClient& operator=(LspClient const&) = delete;

    void send(nlohmann::json const& message);
    void send_bytes(std::string const& bytes);  // as they are, framing and all
    // Sends a request and returns its answer; notifications that arrive
    // before it are kept for next_notification().
    nlohmann::json request(std::string const& method, nlohmann::json params);
    void notify(std::string const& method, nlohmann::json params);
    // The next message with this method (in the order received), waiting for it.
    std::optional<nlohmann::json> notification(std::string const& method,
                                               std::chrono::milliseconds wait = std::chrono::seconds{20});
    // The next message of any kind.
    std::optional<nlohmann::json> next(std::chrono::milliseconds wait = std::chrono::seconds{20});
    // Waits for the process to end; its exit status, or -1 when it did not
    // end in time (it is then killed).
    int wait_for_exit(std::chrono::milliseconds wait = std::chrono::seconds{20});
    void close_input();

    // initialize (with these capabilities) and initialized; the result.
    nlohmann::json initialize(nlohmann::json capabilities = nlohmann::json::object(),
                              nlohmann::json root_uri = nullptr);

private:
    bool read_message(std::chrono::steady_clock::time_point deadline, nlohmann::json& message);

    int pid_ = -1, in_ = -1, out_ = -1;
    int next_id_ = 1;
    std::string buffer_;
    std::vector<nlohmann::json> queued_;
};

std::string file_uri(std::string const& path);  // an absolute path's file: URI

}  // namespace pligt::testing
