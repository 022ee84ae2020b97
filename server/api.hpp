// The HTTP JSON API of `pligt serve`: routes, limits and problem details over
// cpp-httplib. This header does not include httplib.h (api.cpp is the one
// file that does), so the CLI and the tests that use ApiServer pay nothing
// for it. Contract: docs/api.md and docs/openapi.yaml.
#pragma once

#include "server/endpoints.hpp"
#include "server/program_holder.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace httplib {
class Server;
}

namespace pligt::server {

struct ApiOptions {
    ApiLimits limits;
    // A request that sends nothing for this long (a slow or half-sent one)
    // is dropped; the same bounds writing a response and an idle keep-alive.
    int timeout_seconds = 5;
    // Worker threads. A keep-alive connection holds one while it is open, so
    // this bounds the connections served at once; more wait for a worker.
    // An idle connection holds its worker until `timeout_seconds` pass, so
    // the pool is larger than the idle connections of a busy office's
    // browsers (docs/reliability.md); an idle thread costs only its stack.
    int threads = 256;
};

// Installs every route, the 404/405 fallbacks, the embedded web assets, the
// problem-details error handler, the limits and the request log on `server`.
// `programs` must outlive the server; each request copies its current rules once.
void install_routes(httplib::Server& server, ProgramHolder const& programs, ApiOptions const& options);

// An httplib::Server with the routes installed, for `pligt serve` and tests.
class ApiServer {
public:
    ApiServer(ProgramHolder const& programs, ApiOptions const& options);
    ~ApiServer();
    ApiServer(ApiServer const&) = delete;
    ApiServer& operator=(ApiServer const&) = delete;

    // Binds to host:port; port 0 picks a free port. The port bound, or nothing.
    std::optional<int> bind(std::string const& host, int port);
    // Serves until stop(); call after a successful bind().
    void run();
    // Safe from another thread, also while run() is still starting.
    void stop();

    // The bytes the server writes back on a connection that sends `input`
    // (one request or several, pipelined) and then closes: the same request
    // parsing, routing, limits and handlers as run(), in-process and without a
    // socket or another thread. For fuzzing (fuzz/fuzz_http.cpp).
    std::string answer(std::string_view input);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pligt::server
