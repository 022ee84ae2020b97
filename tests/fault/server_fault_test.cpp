// The server while clients misbehave: slow senders, idle connections,
// malformed HTTP, a body that never ends, and a reload of broken rules.
// Meanwhile a normal client's POST /api/v1/check must get the right answer
// within two seconds. The server runs in-process on 127.0.0.1 with a short
// timeout (1 or 2 s); every loop is bounded in count and time.
#include "tests/fault/fault_support.hpp"
#include "tests/server/test_server.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::string const request_case =
    R"({"municipality": "town_b", "events": [{"event": "request_received", "at": "2022-03-01", "kind": "complaint"}]})";
constexpr auto bound = 2s;

pligt::server::ApiOptions short_timeout(int seconds = 1) {
    pligt::server::ApiOptions options;
    options.timeout_seconds = seconds;
    return options;
}

struct Answer {
    int status = 0;  // 0: no answer
    std::string body;
    Clock::duration took{};
};

// A normal client: a new connection, one check.
Answer check(int port) {
    httplib::Client client{"127.0.0.1", port};
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(10, 0);
    client.set_write_timeout(5, 0);
    auto const start = Clock::now();
    auto const result = client.Post("/api/v1/check?as_of=2022-06-01", request_case, "application/json");
    Answer answer;
    answer.took = Clock::now() - start;
    if (result) {
        answer.status = result->status;
        answer.body = result->body;
    }
    return answer;
}

// The check answered as before the fault, within the bound.
void check_served(int port, std::string const& expected) {
    auto const answer = check(port);
    INFO("took ", std::chrono::duration<double>(answer.took).count(), " s");
    CHECK(answer.status == 200);
    CHECK(answer.body == expected);
    CHECK(answer.took < bound);
}

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

// A TCP connection to the server, closed at the end of scope.
class Connection {
public:
    explicit Connection(int port) : fd_{::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)} {
        REQUIRE(fd_ >= 0);
        auto const address = loopback(port);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr const*>(&address), sizeof address) == 0);
    }
    // `count` connections begun at once, as a burst of clients would; each
    // connected, or failed, within `wait`.
    static std::vector<std::unique_ptr<Connection>> burst(int port, int count, Clock::duration wait) {
        std::vector<std::unique_ptr<Connection>> connections;
        std::vector<pollfd> pending;
        auto const address = loopback(port);
        for (int i = 0; i < count; ++i) {
            int const fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
            REQUIRE(fd >= 0);
            connections.push_back(std::unique_ptr<Connection>{new Connection{fd, Adopt{}}});
            if (::connect(fd, reinterpret_cast<sockaddr const*>(&address), sizeof address) != 0) {
                REQUIRE(errno == EINPROGRESS);
                pending.push_back({fd, POLLOUT, 0});
            }
        }
        auto const deadline = Clock::now() + wait;
        while (!pending.empty() && Clock::now() < deadline) {
            ::poll(pending.data(), pending.size(), 20);
            std::erase_if(pending, [](pollfd const& p) { return p.revents != 0; });
        }
        CHECK_MESSAGE(pending.empty(), pending.size(), " connections still not accepted");
        return connections;
    }
    ~Connection() { ::close(fd_); }
    Connection(Connection const&) = delete;
    Connection& operator=(Connection const&) = delete;

    void send(std::string_view bytes) const { (void)::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL); }

    // Reads what comes until the server closes the connection or `wait` passes.
    struct Received {
        std::string bytes;
        bool closed = false;
    };
    Received receive(Clock::duration wait) const {
        Received received;
        auto const deadline = Clock::now() + wait;
        char buffer[4096];
        while (Clock::now() < deadline) {
            pollfd ready{fd_, POLLIN, 0};
            if (::poll(&ready, 1, 20) <= 0) continue;
            auto const n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) {
                received.closed = true;
                break;
            }
            received.bytes.append(buffer, static_cast<std::size_t>(n));
        }
        return received;
    }
    // Whether the server has closed the connection, without waiting.
    bool closed() const {
        pollfd ready{fd_, POLLIN, 0};
        char byte;
        return ::poll(&ready, 1, 0) > 0 && ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) <= 0;
    }

private:
    struct Adopt {};
    Connection(int fd, Adopt) : fd_{fd} {}
    int fd_;
};

// Sends a byte of `text` on every connection each 300 ms, `rounds` times.
void trickle(std::vector<std::unique_ptr<Connection>> const& connections, std::string const& text, int rounds) {
    for (int i = 0; i < rounds; ++i) {
        for (auto const& connection : connections)
            connection->send(text.substr(static_cast<std::size_t>(i) % text.size(), 1));
        std::this_thread::sleep_for(300ms);
    }
}

std::string const slow_request = "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(100, 'a');

}  // namespace

// The slow clients get a 2 s timeout, so that a stall of the test machine
// between two of their bytes does not drop them early.
TEST_CASE("clients sending their headers a byte every 300 ms do not keep a normal client waiting") {
    pligt::testing::TestServer server{pligt::testing::fixture_rules(), short_timeout(2)};
    auto const expected = check(server.port()).body;
    REQUIRE(!expected.empty());

    std::vector<std::unique_ptr<Connection>> slow;
    for (int i = 0; i < 16; ++i) slow.push_back(std::make_unique<Connection>(server.port()));
    auto sender = std::async(std::launch::async, [&] { trickle(slow, slow_request, 10); });  // 3 s
    for (int i = 0; i < 3; ++i) {
        std::this_thread::sleep_for(500ms);
        check_served(server.port(), expected);
    }
    sender.get();
    // The timeout is per read, as in cpp-httplib: a byte in time keeps a
    // request alive (docs/reliability.md). Silence drops it.
    for (auto const& connection : slow) CHECK(!connection->closed());
    for (auto const& connection : slow) CHECK(connection->receive(4s).closed);
    check_served(server.port(), expected);
}

TEST_CASE("as many slow clients as worker threads make a new client wait until one is dropped") {
    auto options = short_timeout(2);
    options.threads = 4;
    pligt::testing::TestServer server{pligt::testing::fixture_rules(), options};
    auto const expected = check(server.port()).body;

    std::vector<std::unique_ptr<Connection>> slow;
    for (int i = 0; i < options.threads; ++i) slow.push_back(std::make_unique<Connection>(server.port()));
    auto sender = std::async(std::launch::async, [&] { trickle(slow, slow_request, 7); });  // 2.1 s, then silence
    std::this_thread::sleep_for(300ms);
    auto const answer = check(server.port());  // waits for a worker: until the first slow one is dropped
    sender.get();
    auto const seconds = std::chrono::duration<double>(answer.took).count();
    INFO("took ", seconds, " s");
    CHECK(answer.status == 200);
    CHECK(answer.body == expected);
    CHECK(seconds > 1.5);  // the slow clients held every worker while they sent
    CHECK(seconds < 7.0);  // and lost them a timeout after they stopped
}

// With the defaults: the idle connections would hold their workers for the
// whole timeout (5 s), so there must be more workers than connections. The
// connections close at the end, so the test need not wait out the timeout.
TEST_CASE("a hundred idle connections, opened at once, do not keep a normal client waiting") {
    pligt::testing::TestServer server;
    auto const expected = check(server.port()).body;

    // Within the bound: no handshake of the burst dropped and retried a second later.
    auto const idle = Connection::burst(server.port(), 100, bound);
    for (int i = 0; i < 3; ++i) check_served(server.port(), expected);
    for (auto const& connection : idle) CHECK(!connection->closed());
}

TEST_CASE("a burst of 200 clients, each sending a request at once, is answered within the bound") {
    pligt::testing::TestServer server;
    auto const start = Clock::now();
    auto const clients = Connection::burst(server.port(), 200, bound);
    for (auto const& client : clients) client->send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    int answered = 0;
    for (auto const& client : clients) {
        auto const remaining = std::max(Clock::duration{}, start + bound - Clock::now());
        auto const received = client->receive(remaining);
        answered += received.closed && received.bytes.starts_with("HTTP/1.1 200 ");
    }
    CHECK(answered == 200);
}

TEST_CASE("more idle connections than worker threads make a new client wait, at most for the timeout") {
    auto options = short_timeout();
    options.threads = 4;
    pligt::testing::TestServer server{pligt::testing::fixture_rules(), options};
    auto const expected = check(server.port()).body;

    // Four hold the workers; two more and the client wait in line.
    auto const idle = Connection::burst(server.port(), 6, bound);
    auto const answer = check(server.port());
    auto const seconds = std::chrono::duration<double>(answer.took).count();
    INFO("took ", seconds, " s");
    CHECK(answer.status == 200);
    CHECK(answer.body == expected);
    CHECK(seconds > 0.8);
    CHECK(seconds < 2.5);  // the timeout, and time to spare on a busy machine
}

TEST_CASE("a second server cannot bind a port in use") {
    pligt::testing::TestServer server;
    pligt::server::ProgramHolder programs{pligt::testing::fixture_rules()};
    pligt::server::ApiServer second{programs, {}};
    CHECK(!second.bind("127.0.0.1", server.port()).has_value());
    CHECK(check(server.port()).status == 200);
}

TEST_CASE("malformed HTTP gets a 4xx or a closed connection, and the server goes on answering") {
    pligt::testing::TestServer server{pligt::testing::fixture_rules(), short_timeout()};
    auto const expected = check(server.port()).body;

    std::string const post = "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
    struct Probe {
        char const* name;
        std::string bytes;
        int status;  // the answer's status; 0: any 4xx or none
    };
    std::vector<Probe> const probes{
        {"a garbage request line", "GARBAGE\r\n\r\n", 400},
        {"no HTTP version", "GET /healthz\r\n\r\n", 400},
        {"an unknown HTTP version", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 400},
        {"binary bytes", std::string("\x00\x01\x02\xff\r\n\r\n", 8), 400},
        {"bare line feeds", "GET /healthz HTTP/1.1\nHost: x\n\n", 0},
        {"a header line without a colon, which httplib ignores", "GET /healthz HTTP/1.1\r\nHost: x\r\nNo colon\r\n\r\n",
         200},
        {"a header line of 100 000 bytes",
         "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100000, 'a') + "\r\n\r\n", 400},
        {"a request line of 20 000 bytes", "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 414},
        {"a Content-Length that is no number", post + "Content-Length: abc\r\n\r\n{}", 400},
        {"a negative Content-Length", post + "Content-Length: -1\r\n\r\n{}", 413},
        {"a Content-Length past 64 bits", post + "Content-Length: 99999999999999999999999\r\n\r\n{}", 413},
        {"a chunk size that is no number", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400},
        {"a chunk size of 2^64 - 1", post + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n{}\r\n0\r\n\r\n",
         400},
        {"a chunk larger than --max-body",
         post + "Transfer-Encoding: chunked\r\n\r\n200000\r\n" + std::string(0x200000, ' ') + "\r\n0\r\n\r\n", 0},
        {"a chunked body cut off", post + "Transfer-Encoding: chunked\r\n\r\n10\r\n{}", 400},
    };
    // All at once, each on its own connection: each waits at most for the timeout.
    std::vector<std::future<Connection::Received>> exchanges;
    for (auto const& probe : probes)
        exchanges.push_back(std::async(std::launch::async, [&server, &probe] {
            Connection const connection{server.port()};
            connection.send(probe.bytes);
            return connection.receive(5s);
        }));
    check_served(server.port(), expected);
    for (std::size_t i = 0; i < probes.size(); ++i) {
        auto const received = exchanges[i].get();
        INFO(probes[i].name, ": ", received.bytes.substr(0, 200));
        CHECK(received.closed);
        if (probes[i].status != 0) {
            CHECK(received.bytes.starts_with(fmt::format("HTTP/1.1 {} ", probes[i].status)));
        } else {
            CHECK((received.bytes.empty() || received.bytes.starts_with("HTTP/1.1 4")));
        }
    }
    check_served(server.port(), expected);
}

TEST_CASE("a body that never ends is dropped after the timeout, and others are served meanwhile") {
    pligt::testing::TestServer server{pligt::testing::fixture_rules(), short_timeout()};
    auto const expected = check(server.port()).body;

    Connection const endless{server.port()};
    auto const start = Clock::now();
    endless.send(
        "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 1000000\r\n\r\n{\"municipality\": \"to");
    check_served(server.port(), expected);
    auto const received = endless.receive(5s);
    auto const seconds = std::chrono::duration<double>(Clock::now() - start).count();
    INFO("dropped after ", seconds, " s: ", received.bytes.substr(0, 200));
    CHECK(received.closed);
    CHECK(received.bytes.starts_with("HTTP/1.1 400 "));
    CHECK(seconds > 0.9);
    CHECK(seconds < 3.5);  // the read timeout, then the keep-alive timeout
    check_served(server.port(), expected);
}

TEST_CASE("reloads of broken rule files leave the old rules answering every request meanwhile") {
    pligt::testing::TempDir dir;
    pligt::testing::copy_fixture_rules(dir.path());
    pligt::testing::TestServer server{{dir.path()}, short_timeout()};
    auto const expected = check(server.port()).body;
    auto const first = server.programs().current();
    auto const act = dir.path() / "example_act.pligt";
    auto const good = pligt::fault::read_bytes(act);

    std::atomic<bool> done{false};
    auto client = std::async(std::launch::async, [&] {
        std::vector<Answer> answers;
        for (int i = 0; i < 200 && !done; ++i) {
            answers.push_back(check(server.port()));
            std::this_thread::sleep_for(20ms);
        }
        return answers;
    });

    auto const deep = "law deep \"Deep\" {\n  duty d \"D\" {\n    on request_received where " +
                      std::string(100000, '(') + "urgent" + std::string(100000, ')') + "\n  }\n}\n";
    std::vector<std::pair<char const*, std::string>> const broken{
        {"a syntax error", good.substr(0, good.size() / 2)},
        {"binary bytes", std::string("\x7f"
                                     "ELF\x02\x01\x01\x00\xff\xfe",
                                     10)},
        {"conditions nested 100 000 deep", deep},
        {"a file over the size limit", std::string(2 << 20, '#')},
    };
    for (auto const& [what, text] : broken) {
        INFO(what);
        pligt::fault::write_bytes(act, text);
        auto const outcome = server.programs().reload();
        CHECK(!outcome.loaded);
        CHECK(!outcome.diagnostics.empty());
        CHECK(server.programs().current() == first);
        std::this_thread::sleep_for(100ms);
    }
    fs::remove(act);
    CHECK(!server.programs().reload().loaded);  // example_act is gone: its towns' adoptions do not resolve
    CHECK(server.programs().current() == first);
    done = true;

    auto const answers = client.get();
    CHECK(answers.size() >= 5);
    for (auto const& answer : answers) {
        CHECK(answer.status == 200);
        CHECK(answer.body == expected);
        CHECK(answer.took < bound);
    }
}
