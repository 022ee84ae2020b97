#include "server/serve.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <ctime>
#include <thread>

#include <pthread.h>
#include <unistd.h>

namespace pligt::server {
namespace {

// Logs on stderr, one line per record: timestamp, level, logfmt fields.
void setup_logging() {
    auto logger = spdlog::stderr_color_mt("pligt");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
    spdlog::set_default_logger(logger);
    spdlog::flush_on(spdlog::level::info);
}

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
    else
        spdlog::error("rules failed to load trigger={} errors={}", why, outcome.diagnostics.size());
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
    return 0;
}

}  // namespace pligt::server
