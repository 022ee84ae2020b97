#include "tests/server/test_server.hpp"

#include <doctest/doctest.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <random>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace pligt::testing {

namespace fs = std::filesystem;

std::vector<fs::path> fixture_rules() {
    fs::path const dir{PLIGT_SOURCE_DIR "/tests/fixtures"};
    return {dir / "example_events.pligt", dir / "example_act.pligt", dir / "pilot_scheme.pligt", dir / "towns.pligt"};
}

TestServer::TestServer(std::vector<fs::path> rules, server::ApiOptions options)
    : programs_{std::move(rules)}, server_{programs_, options} {
    spdlog::set_level(spdlog::level::warn);  // request logs would drown the test output
    auto const loaded = programs_.reload();
    REQUIRE_MESSAGE(loaded.loaded, "the test rules do not load");
    auto const port = server_.bind("127.0.0.1", 0);
    REQUIRE_MESSAGE(port.has_value(), "cannot bind a free port on 127.0.0.1");
    port_ = *port;
    thread_ = std::thread{[this] { server_.run(); }};
}

TestServer::~TestServer() {
    server_.stop();
    thread_.join();
}

httplib::Client TestServer::client() const {
    httplib::Client client{"127.0.0.1", port_};
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(10, 0);
    client.set_write_timeout(10, 0);
    return client;
}

RawExchange raw_exchange(int port, std::string const& bytes, int wait_seconds) {
    RawExchange result;
    int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr const*>(&address), sizeof address) != 0) {
        ::close(fd);
        FAIL("cannot connect to the test server");
    }
    (void)::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait_seconds);
    char buffer[4096];
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, 100) <= 0) continue;
        auto const n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            result.closed = true;
            break;
        }
        result.received.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return result;
}

void write_file(fs::path const& path, std::string const& text) {
    std::ofstream out{path, std::ios::binary | std::ios::trunc};
    out << text;
}

void copy_fixture_rules(fs::path const& dir) {
    for (auto const& file : fixture_rules())
        fs::copy_file(file, dir / file.filename(), fs::copy_options::overwrite_existing);
}

}  // namespace pligt::testing
