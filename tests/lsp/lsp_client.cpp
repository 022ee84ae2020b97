#include "tests/lsp/lsp_client.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <csignal>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace pligt::testing {

LspClient::LspClient(std::vector<std::string> const& arguments) {
    int to_child[2], from_child[2];
    if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0)
        throw std::runtime_error{"pipe failed"};
    std::vector<std::string> argv_strings{PLIGT_BINARY, "lsp"};
    argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
        ::dup2(to_child[0], STDIN_FILENO);
        ::dup2(from_child[1], STDOUT_FILENO);
        if (::chdir(PLIGT_SOURCE_DIR) != 0) ::_exit(127);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    in_ = to_child[1];
    out_ = from_child[0];
    ::signal(SIGPIPE, SIG_IGN);  // a server that died shows as a failed write, not a dead test
}

LspClient::~LspClient() {
    if (in_ >= 0) ::close(in_);
    if (pid_ > 0) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
        }
    }
    if (out_ >= 0) ::close(out_);
}

void LspClient::send_bytes(std::string const& bytes) {
    for (std::size_t done = 0; done < bytes.size();) {
        auto const n = ::write(in_, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            FAIL("the server stopped reading its input");
            return;
        }
        done += static_cast<std::size_t>(n);
    }
}

void LspClient::send(nlohmann::json const& message) {
    auto const body = message.dump();
    send_bytes("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
}

void LspClient::close_input() {
    if (in_ >= 0) ::close(in_);
    in_ = -1;
}

bool LspClient::read_message(std::chrono::steady_clock::time_point deadline, nlohmann::json& message) {
    for (;;) {
        if (auto const end = buffer_.find("\r\n\r\n"); end != std::string::npos) {
            auto const at = buffer_.find("Content-Length: ");
            REQUIRE(at != std::string::npos);
            auto const length = std::stoul(buffer_.substr(at + 16, end - at - 16));
            if (buffer_.size() >= end + 4 + length) {
                message = nlohmann::json::parse(buffer_.substr(end + 4, length));
                buffer_.erase(0, end + 4 + length);
                return true;
            }
        }
        auto const left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pollfd fd{out_, POLLIN, 0};
        if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0) continue;
        char chunk[65536];
        auto const n = ::read(out_, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(n));
    }
}

std::optional<nlohmann::json> LspClient::next(std::chrono::milliseconds wait) {
    if (!queued_.empty()) {
        auto message = queued_.front();
        queued_.erase(queued_.begin());
        return message;
    }
    nlohmann::json message;
    if (!read_message(std::chrono::steady_clock::now() + wait, message)) return std::nullopt;
    return message;
}

nlohmann::json LspClient::request(std::string const& method, nlohmann::json params) {
    auto const id = next_id_++;
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
    nlohmann::json message;
    while (read_message(deadline, message)) {
        if (message.contains("id") && message["id"] == id && !message.contains("method")) return message;
        queued_.push_back(std::move(message));
    }
    FAIL("no answer to " << method << " within 20 s");
    return {};
}

void LspClient::notify(std::string const& method, nlohmann::json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

std::optional<nlohmann::json> LspClient::notification(std::string const& method, std::chrono::milliseconds wait) {
    for (auto it = queued_.begin(); it != queued_.end(); ++it)
        if (it->value("method", "") == method) {
            auto message = *it;
            queued_.erase(it);
            return message;
        }
    auto const deadline = std::chrono::steady_clock::now() + wait;
    nlohmann::json message;
    while (read_message(deadline, message)) {
        if (message.value("method", "") == method) return message;
        queued_.push_back(std::move(message));
    }
    return std::nullopt;
}

int LspClient::wait_for_exit(std::chrono::milliseconds wait) {
    auto const deadline = std::chrono::steady_clock::now() + wait;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        auto const done = ::waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        ::usleep(5000);
    }
    return -1;
}

nlohmann::json LspClient::initialize(nlohmann::json capabilities, nlohmann::json root_uri) {
    auto answer =
        request("initialize", {{"processId", nullptr}, {"rootUri", root_uri}, {"capabilities", capabilities}});
    notify("initialized", nlohmann::json::object());
    return answer;
}

std::string file_uri(std::string const& path) {
    std::string uri = "file://";
    for (char const c : path) {
        bool const kept =
            std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
        if (kept) {
            uri += c;
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(c));
            uri += escaped;
        }
    }
    return uri;
}

}  // namespace pligt::testing
