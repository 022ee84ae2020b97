#include "server/serve.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <thread>

#include <pthread.h>
#include <unistd.h>

namespace pligt::server {
namespace {

// Standard error, buffered: a request line is copied into a buffer, not
// written with a system call of its own while the other workers wait for
// the sink's lock (thousands of requests a second). The buffer is written
// out when full, at least once a second, and at once for a warning or an
// error and for the server's own lifecycle records (see flush_log).
class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    BufferedStderrSink() : file_{::fdopen(::dup(STDERR_FILENO), "w")} {
        if (file_) std::setvbuf(file_, nullptr, _IOFBF, 1 << 16);
    }
    ~BufferedStderrSink() override {
        if (file_) std::fclose(file_);  // writes what is left
    }
    BufferedStderrSink(BufferedStderrSink const&) = delete;
    BufferedStderrSink& operator=(BufferedStderrSink const&) = delete;

protected:
    void sink_it_(spdlog::details::log_msg const& msg) override {
        spdlog::memory_buf_t line;
        formatter_->format(msg, line);
        std::fwrite(line.data(), 1, line.size(), out());
    }
    void flush_() override { std::fflush(out()); }

private:
    std::FILE* out() const { return file_ ? file_ : stderr; }
    std::FILE* file_;
};

// Logs on stderr, one line per record: timestamp, level, logfmt fields.
void setup_logging() {
    auto logger = std::make_shared<spdlog::logger>("pligt", std::make_shared<BufferedStderrSink>());
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    spdlog::flush_every(std::chrono::seconds(1));
}

// Lifecycle records are read by people and scripts waiting for them
// ("listening on", "rules loaded"): out at once, not within the second.
void flush_log() { spdlog::default_logger()->flush(); }

}  // namespace

void log_reload(ReloadOutcome const& outcome, std::string_view why) {
    for (auto const& diagnostic : outcome.diagnostics) {
        auto const text = render(diagnostic);
        auto const line = text.substr(0, text.find('\n'));
        if (diagnostic.severity == Severity::error) spdlog::error("rules: {}", line);
        else spdlog::warn("rules: {}", line);
    }
    if (outcome.loaded)
        spdlog::info("rules loaded trigger={} files={} hash={} generation={}", why, outcome.rules->files,
                     outcome.rules->hash, outcome.rules->generation);
    else if (outcome.rules)
        spdlog::error("reload failed trigger={} errors={}; still serving hash={} generation={}", why,
                      outcome.diagnostics.size(), outcome.rules->hash, outcome.rules->generation);
    else spdlog::error("rules failed to load trigger={} errors={}", why, outcome.diagnostics.size());
    flush_log();
}

int serve(ServeOptions const& options) {
    setup_logging();
    ProgramHolder programs{options.rules};
    auto const first = programs.reload();
    log_reload(first, "start");
    if (!first.loaded) return 2;

    // The signals are taken by sigtimedwait below, in this thread only: block
    // them before any server thread exists, so every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGHUP);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    ApiServer server{programs, options.api};
    auto const port = server.bind(options.host, options.port);
    if (!port) {
        spdlog::error("cannot listen on {}:{}", options.host, options.port);
        return 2;
    }
    spdlog::info("listening on http://{}:{} pid={}", options.host, *port, ::getpid());
    flush_log();
    std::thread listener{[&server] { server.run(); }};

    auto fingerprint = options.watch ? watch_fingerprint(programs.roots()) : std::string{};
    timespec const poll{1, 0};
    for (;;) {
        int const signal = sigtimedwait(&signals, nullptr, &poll);
        if (signal == SIGINT || signal == SIGTERM) {
            spdlog::info("stopping signal={}", signal == SIGINT ? "SIGINT" : "SIGTERM");
            break;
        }
        if (signal == SIGHUP) {
            log_reload(programs.reload(), "SIGHUP");
            if (options.watch) fingerprint = watch_fingerprint(programs.roots());
        } else if (options.watch) {
            auto now = watch_fingerprint(programs.roots());
            if (now == fingerprint) continue;
            fingerprint = std::move(now);
            log_reload(programs.reload(), "watch");
        }
    }
    server.stop();
    listener.join();
    flush_log();
    return 0;
}

}  // namespace pligt::server
