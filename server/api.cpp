// Routes to endpoints, over cpp-httplib: the one file that includes httplib.h
// (style.md: compile time). Every request copies the current rules once and
// answers from that snapshot; every error leaves as problem details; every
// request is logged (method, path, status, duration — never the case).
#include "server/api.hpp"

#include "server/assets.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <ctime>
#include <limits>
#include <string_view>
#include <thread>

namespace pligt::server {
namespace {

struct Route {
    char const* path;
    char const* allow;  // the Allow header: GET routes also answer HEAD
};

constexpr std::array routes{
    Route{"/healthz", "GET, HEAD"},
    Route{"/version", "GET, HEAD"},
    Route{"/api/v1/check", "POST"},
    Route{"/api/v1/check/batch", "POST"},
    Route{"/api/v1/caseload", "POST"},
    Route{"/api/v1/statuses", "GET, HEAD"},
    Route{"/api/v1/municipalities", "GET, HEAD"},
    Route{"/api/v1/duties", "GET, HEAD"},
    Route{"/api/v1/vocabulary", "GET, HEAD"},
    Route{"/api/v1/deadline", "GET, HEAD"},
};

Date today() {
    std::time_t const now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return *Date::from_civil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

void respond(httplib::Response& res, Reply const& reply) {
    res.status = reply.status;
    if (!reply.allow.empty()) res.set_header("Allow", reply.allow);
    // httplib compresses a body sent as exactly "application/json" when the
    // client accepts it, and a browser accepts Brotli, which httplib runs at
    // its slowest quality: seconds for a caseload's answer, on a server that
    // is mostly reached over a local network. With the charset parameter
    // (the same media type) the answer goes as it is.
    auto const type =
        reply.content_type == "application/json" ? std::string{"application/json; charset=utf-8"} : reply.content_type;
    res.set_content(reply.body, type.c_str());
}

// When a request's routing began: set by the pre-routing handler, read by
// the logger on the same worker thread. Requests httplib rejects before
// routing (a malformed request line) are logged without a duration.
thread_local std::optional<std::chrono::steady_clock::time_point> request_start;

void log_request(httplib::Request const& req, httplib::Response const& res) {
    auto const start = std::exchange(request_start, std::nullopt);
    auto const duration =
        start
            ? fmt::format("{:.2f}",
                          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - *start).count())
            : std::string{"-"};
    auto const level = res.status >= 500 ? spdlog::level::err : spdlog::level::info;
    spdlog::log(level, "request method={} path={} status={} duration_ms={} bytes_in={} bytes_out={}", req.method,
                req.path, res.status, duration, req.body.size(), res.body.size());
}

Reply not_found(std::string_view path) {
    return problem_reply({404, fmt::format("no resource at '{}'; the API lives under /api/v1/", path), {}}, path);
}

using Endpoint = std::function<Reply(RequestContext const&, httplib::Request const&)>;

// A handler that takes one snapshot of the rules and calls the endpoint with it.
httplib::Server::Handler handler(ProgramHolder const& programs, ApiLimits limits, Endpoint endpoint) {
    return [&programs, limits, endpoint = std::move(endpoint)](httplib::Request const& req, httplib::Response& res) {
        auto const rules = programs.current();  // one snapshot for the whole request
        if (!rules) {
            respond(res, problem_reply({503, "no rules are loaded", {}}, req.path));
            return;
        }
        auto const accept_language = req.get_header_value("Accept-Language");
        RequestContext const context{*rules, limits, today(), req.path, accept_language};
        respond(res, endpoint(context, req));
    };
}

// Any method on any path no route took: a known path is 405 (OPTIONS: 204),
// an embedded web asset is served to GET, everything else is 404.
httplib::Server::Handler fallback() {
    return [](httplib::Request const& req, httplib::Response& res) {
        for (auto const& route : routes) {
            if (req.path != route.path) continue;
            if (req.method == "OPTIONS") {
                res.status = 204;
                res.set_header("Allow", std::string{route.allow} + ", OPTIONS");
                return;
            }
            Reply reply = problem_reply(
                {405, fmt::format("{} does not accept {}; it accepts {}", route.path, req.method, route.allow), {}},
                req.path);
            reply.allow = route.allow;
            respond(res, reply);
            return;
        }
        if (req.method == "GET" || req.method == "HEAD") {
            if (auto const* asset = find_asset(req.path)) {
                res.status = 200;
                res.set_content(std::string{asset->body}, std::string{asset->content_type}.c_str());
                return;
            }
        }
        respond(res, not_found(req.path));
    };
}

}  // namespace

void install_routes(httplib::Server& server, ProgramHolder const& programs, ApiOptions const& options) {
    auto const& limits = options.limits;
    auto const params = [](auto endpoint) {
        return [endpoint](RequestContext const& c, httplib::Request const& req) { return endpoint(c, req.params); };
    };
    auto const body = [](auto endpoint) {
        return [endpoint](RequestContext const& c, httplib::Request const& req) {
            return endpoint(c, req.get_header_value("Content-Type"), req.body, req.params);
        };
    };
    server.Get("/healthz", [](httplib::Request const&, httplib::Response& res) {
        res.set_content("{\"status\": \"ok\"}\n", "application/json");
    });
    server.Get("/version", handler(programs, limits, params(version)));
    server.Post("/api/v1/check", handler(programs, limits, body(check)));
    server.Post("/api/v1/check/batch", handler(programs, limits, body(check_batch)));
    server.Post("/api/v1/caseload", handler(programs, limits, body(caseload)));
    server.Get("/api/v1/statuses", handler(programs, limits, params(statuses)));
    server.Get("/api/v1/municipalities", handler(programs, limits, params(municipalities)));
    server.Get("/api/v1/duties", handler(programs, limits, params(duties)));
    server.Get("/api/v1/vocabulary", handler(programs, limits, params(vocabulary)));
    server.Get("/api/v1/deadline", handler(programs, limits, params(deadline)));
    server.Get(".*", fallback());
    server.Post(".*", fallback());
    server.Put(".*", fallback());
    server.Patch(".*", fallback());
    server.Delete(".*", fallback());
    server.Options(".*", fallback());

    server.set_payload_max_length(limits.max_body_bytes);
    server.set_read_timeout(options.timeout_seconds, 0);
    server.set_write_timeout(options.timeout_seconds, 0);
    server.set_keep_alive_timeout(options.timeout_seconds);
    // Answers are small: send them at once instead of waiting on Nagle's
    // algorithm and the client's delayed acknowledgement (40 ms a request).
    server.set_tcp_nodelay(true);
    // A client keeps its connection for as many requests as it likes
    // (cpp-httplib closes it after 5 by default, a reconnect each time).
    server.set_keep_alive_max_count(std::numeric_limits<std::size_t>::max());
    server.new_task_queue = [threads = options.threads] {
        return new httplib::ThreadPool(static_cast<std::size_t>(threads));
    };

    server.set_pre_routing_handler([](httplib::Request const&, httplib::Response&) {
        request_start = std::chrono::steady_clock::now();
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // Statuses httplib sets itself (413, 400 for a bad request, 414, …) get a
    // problem body too; replies that already have one keep it.
    server.set_error_handler(httplib::Server::HandlerWithResponse{
        [max = limits.max_body_bytes](httplib::Request const& req, httplib::Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            auto const detail = res.status == 413   ? fmt::format("the body is larger than {} bytes", max)
                                : res.status == 404 ? fmt::format("no resource at '{}'", req.path)
                                : res.status == 400
                                    ? std::string{"the request could not be read: malformed, or sent too slowly"}
                                    : std::string{reason_phrase(res.status)};
            auto const status = res.status;
            respond(res, problem_reply({status, detail, {}}, req.path));
            return httplib::Server::HandlerResponse::Handled;
        }});
    server.set_exception_handler([](httplib::Request const& req, httplib::Response& res, std::exception_ptr error) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(error);
        } catch (std::exception const& e) {
            what = e.what();
        } catch (...) {
        }
        spdlog::error("internal error method={} path={}: {}", req.method, req.path, what);
        respond(res, problem_reply({500, "internal error; the request was not processed", {}}, req.path));
    });
    server.set_logger(log_request);
}

namespace {

// httplib's Stream over memory: reads the request bytes, collects the reply.
class MemoryStream : public httplib::Stream {
public:
    explicit MemoryStream(std::string_view input) : input_{input} {}
    bool is_readable() const override { return true; }
    bool is_writable() const override { return true; }
    ssize_t read(char* ptr, size_t size) override {
        auto const n = std::min(size, input_.size());
        input_.copy(ptr, n);
        input_.remove_prefix(n);
        return static_cast<ssize_t>(n);
    }
    ssize_t write(char const* ptr, size_t size) override {
        output_.append(ptr, size);
        return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override { loopback(ip, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { loopback(ip, port); }
    socket_t socket() const override { return 0; }
    std::string const& output() const { return output_; }

private:
    static void loopback(std::string& ip, int& port) {
        ip = "127.0.0.1";
        port = 0;
    }
    std::string_view input_;
    std::string output_;
};

// Server::process_request, which a listening server calls per request, is
// protected: this opens it to ApiServer::answer.
struct InProcessServer : httplib::Server {
    using httplib::Server::process_request;
    std::size_t keep_alive_max_count() const { return keep_alive_max_count_; }
};

}  // namespace

struct ApiServer::Impl {
    InProcessServer server;
    // stop() may come before run() has begun listening (httplib's stop() then
    // does nothing): run() sees `stopping` and returns instead.
    std::atomic<bool> started{false}, finished{false}, stopping{false};
    int listening = -1;  // the listening socket, kept by the socket options
};

ApiServer::ApiServer(ProgramHolder const& programs, ApiOptions const& options) : impl_{std::make_unique<Impl>()} {
    install_routes(impl_->server, programs, options);
    // httplib's default options set SO_REUSEPORT, with which a second `pligt
    // serve` on a port in use starts and takes part of its connections. With
    // SO_REUSEADDR alone it fails, and a restart still binds while the old
    // connections linger. The socket is kept for bind() to widen its backlog.
    impl_->server.set_socket_options([impl = impl_.get()](socket_t socket) {
        int const yes = 1;
        ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        impl->listening = socket;
    });
}

ApiServer::~ApiServer() = default;

std::optional<int> ApiServer::bind(std::string const& host, int port) {
    int bound = -1;
    if (port == 0) bound = impl_->server.bind_to_any_port(host);
    else if (impl_->server.bind_to_port(host, port)) bound = port;
    if (bound <= 0) return std::nullopt;
    // httplib listens with a backlog of 5: in a burst of connections, the
    // handshakes beyond it are dropped and their clients retry only after
    // 1 s, then 3 s. The kernel's maximum absorbs a burst instead.
    ::listen(impl_->listening, SOMAXCONN);
    return bound;
}

void ApiServer::run() {
    impl_->started = true;
    if (!impl_->stopping) impl_->server.listen_after_bind();
    impl_->finished = true;
}

std::string ApiServer::answer(std::string_view input) {
    MemoryStream stream{input};
    // As httplib's keep-alive loop: the last request allowed closes the
    // connection. Each request reads at least a line, so the input bounds it.
    auto const max_requests = impl_->server.keep_alive_max_count();
    bool closed = false;
    for (std::size_t i = 0; i < max_requests && !closed; ++i)
        if (!impl_->server.process_request(stream, i + 1 == max_requests, closed, nullptr)) break;
    return stream.output();
}

void ApiServer::stop() {
    impl_->stopping = true;
    if (!impl_->started) return;
    for (int i = 0; i < 5000 && !impl_->finished && !impl_->server.is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    impl_->server.stop();
}

}  // namespace pligt::server
