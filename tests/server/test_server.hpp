// A pligt API server inside the test process: the fictional rules of
// tests/fixtures (or any given rule paths), bound to a free port on
// 127.0.0.1, serving on its own thread until the object is destroyed. Tests
// talk to it over real HTTP with httplib::Client.
#pragma once

#include "server/api.hpp"
#include "server/program_holder.hpp"
#include "tests/support/temp_dir.hpp"

#include <httplib.h>

#include <filesystem>
#include <thread>
#include <vector>

namespace pligt::testing {

// tests/fixtures: example_events, example_act, pilot_scheme, towns.
std::vector<std::filesystem::path> fixture_rules();

class TestServer {
public:
    explicit TestServer(std::vector<std::filesystem::path> rules = fixture_rules(), server::ApiOptions options = {});
    ~TestServer();
    TestServer(TestServer const&) = delete;
    TestServer& operator=(TestServer const&) = delete;

    int port() const { return port_; }
    server::ProgramHolder& programs() { return programs_; }
    // A client with short timeouts, so a broken server fails a test instead of hanging it.
    httplib::Client client() const;

private:
    server::ProgramHolder programs_;
    server::ApiServer server_;
    int port_ = 0;
    std::thread thread_;
};

// Sends raw bytes to 127.0.0.1:port and reads until the server closes the
// connection or `wait_seconds` pass: for requests httplib::Client will not
// send (a half-sent body, a path with "..", a broken request line).
struct RawExchange {
    std::string received;
    bool closed = false;  // the server closed the connection within the wait
};
RawExchange raw_exchange(int port, std::string const& bytes, int wait_seconds);

void write_file(std::filesystem::path const& path, std::string const& text);

// The rules of tests/fixtures copied into `dir`, so a test can break and fix them.
void copy_fixture_rules(std::filesystem::path const& dir);

}  // namespace pligt::testing
