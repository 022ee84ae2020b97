// Reloading the rules while serving: a broken rule file keeps the old
// program answering; a fixed one swaps the new program in. Once in process
// (ProgramHolder::reload), once with the real `pligt serve` and SIGHUP.
#include "tests/server/test_server.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <csignal>

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string const request_case =
    R"({"municipality": "town_b", "events": [{"event": "request_received", "at": "2022-03-01", "kind": "complaint"}]})";

// The due date of duty `answer` in the check of request_case.
std::string answer_due(httplib::Client& client) {
    auto const result = client.Post("/api/v1/check?as_of=2022-06-01", request_case, "application/json");
    REQUIRE(result);
    REQUIRE(result->status == 200);
    auto const check = json::parse(result->body);
    for (auto const& duty : check["duties"])
        if (duty["duty"] == "answer") return duty["due"].get<std::string>();
    FAIL("no duty 'answer' in the check");
    return {};
}

std::string rules_hash(httplib::Client& client) {
    auto const result = client.Get("/version");
    REQUIRE(result);
    return json::parse(result->body)["rules_hash"].get<std::string>();
}

// example_act with the answer deadline changed, or with a syntax error.
std::string example_act(std::string const& answer_due) {
    std::ifstream in{PLIGT_SOURCE_DIR "/tests/fixtures/example_act.pligt"};
    std::stringstream text;
    text << in.rdbuf();
    auto rules = text.str();
    auto const at = rules.find("due within 4 months");
    REQUIRE(at != std::string::npos);
    return rules.replace(at, std::string{"due within 4 months"}.size(), answer_due);
}

std::string read_all(fs::path const& file) {
    std::ifstream in{file};
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Polls the child's log until it holds `count` occurrences of `needle`, for at most 20 seconds.
bool wait_for_log(fs::path const& log, std::string const& needle, int count = 1) {
    for (int i = 0; i < 200; ++i) {
        auto const text = read_all(log);
        int found = 0;
        for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++found;
        if (found >= count) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

// `pligt serve` as a child process, stopped (and, if need be, killed) at the end of scope.
class ServeProcess {
public:
    ServeProcess(fs::path const& rules, fs::path const& log) {
        std::vector<std::string> arguments{PLIGT_BINARY, "serve", "--port", "0", "--rules", rules.string()};
        std::vector<char*> argv;
        for (auto& a : arguments) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&files, 1, 2);
        int const failed = posix_spawn(&pid_, PLIGT_BINARY, &files, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&files);
        REQUIRE_MESSAGE(failed == 0, "cannot start ", PLIGT_BINARY);
    }
    ~ServeProcess() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        for (int i = 0; i < 100; ++i) {
            if (::waitpid(pid_, &status_, WNOHANG) == pid_) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status_, 0);
    }
    ServeProcess(ServeProcess const&) = delete;
    ServeProcess& operator=(ServeProcess const&) = delete;
    pid_t pid() const { return pid_; }

private:
    pid_t pid_ = 0;
    int status_ = 0;
};

}  // namespace

TEST_CASE("a reload with a broken rule file keeps the old program; a fixed one swaps the new one in") {
    pligt::testing::TempDir dir;
    pligt::testing::copy_fixture_rules(dir.path());
    pligt::testing::TestServer server{{dir.path()}};
    auto client = server.client();
    CHECK(answer_due(client) == "2022-07-01");
    auto const first = server.programs().current();
    CHECK(first->generation == 1);

    pligt::testing::write_file(dir.path() / "example_act.pligt", example_act("dew within 5 months"));
    auto const broken = server.programs().reload();
    CHECK(!broken.loaded);
    REQUIRE(!broken.diagnostics.empty());
    CHECK(broken.diagnostics.front().file.ends_with("example_act.pligt"));
    CHECK(server.programs().current() == first);
    CHECK(answer_due(client) == "2022-07-01");
    CHECK(rules_hash(client) == first->hash);

    pligt::testing::write_file(dir.path() / "example_act.pligt", example_act("due within 5 months"));
    auto const fixed = server.programs().reload();
    CHECK(fixed.loaded);
    CHECK(fixed.rules->generation == 2);
    CHECK(answer_due(client) == "2022-08-01");
    CHECK(rules_hash(client) != first->hash);
    CHECK(first->program.municipalities.size() == 2);  // a snapshot held across the swap stays whole
}

TEST_CASE("kill -HUP: a broken rule file leaves pligt serve answering with the old rules, a fixed one with the new") {
    pligt::testing::TempDir dir;
    auto const rules = dir.path() / "rules";
    fs::create_directories(rules);
    pligt::testing::copy_fixture_rules(rules);
    auto const log = dir.path() / "serve.log";
    ServeProcess serve{rules, log};

    REQUIRE_MESSAGE(wait_for_log(log, "listening on http://127.0.0.1:"), read_all(log));
    std::smatch match;
    auto const text = read_all(log);
    REQUIRE(std::regex_search(text, match, std::regex{R"(listening on http://127\.0\.0\.1:(\d+))"}));
    httplib::Client client{"127.0.0.1", std::stoi(match[1])};
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(10, 0);
    CHECK(answer_due(client) == "2022-07-01");
    auto const old_hash = rules_hash(client);

    pligt::testing::write_file(rules / "example_act.pligt", example_act("dew within 5 months"));
    REQUIRE(::kill(serve.pid(), SIGHUP) == 0);
    REQUIRE_MESSAGE(wait_for_log(log, "reload failed trigger=SIGHUP"), read_all(log));
    CHECK(read_all(log).find("example_act.pligt:") != std::string::npos);  // the diagnostic, logged
    CHECK(answer_due(client) == "2022-07-01");
    CHECK(rules_hash(client) == old_hash);

    pligt::testing::write_file(rules / "example_act.pligt", example_act("due within 5 months"));
    REQUIRE(::kill(serve.pid(), SIGHUP) == 0);
    REQUIRE_MESSAGE(wait_for_log(log, "rules loaded trigger=SIGHUP"), read_all(log));
    CHECK(answer_due(client) == "2022-08-01");
    CHECK(rules_hash(client) != old_hash);
    // The request log names method, path and status, never the case.
    auto const final_log = read_all(log);
    CHECK(final_log.find("request method=POST path=/api/v1/check status=200") != std::string::npos);
    CHECK(final_log.find("request_received") == std::string::npos);
}
