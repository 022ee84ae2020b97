// `pligt lsp [--rules DIR…] [--today DATE]`: the language server for editors
// (lsp/server.hpp), over stdin and stdout. This file is the loop: read a
// message, hand it to the server, write what it answers; check the rules
// when no more input waits.
#include "cli/rules_option.hpp"
#include "cli/terminal.hpp"
#include "cli/time_option.hpp"
#include "cli/verbs.hpp"
#include "lsp/framing.hpp"
#include "lsp/server.hpp"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <csignal>
#include <memory>

#include <poll.h>
#include <unistd.h>

namespace pligt::cli {
namespace {

struct LspOptions {
    std::vector<std::string> rules;
    std::string today;
};

bool write_all(std::string const& bytes) {
    for (std::size_t done = 0; done < bytes.size();) {
        auto const n = ::write(STDOUT_FILENO, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool input_waiting() {
    pollfd fd{STDIN_FILENO, POLLIN, 0};
    return ::poll(&fd, 1, 0) > 0;
}

int run_lsp(LspOptions const& options, Terminal& terminal) {
    // An editor that goes away shows as a failed write, ending the loop.
    std::signal(SIGPIPE, SIG_IGN);
    lsp::ServerOptions server_options;
    for (auto const& root : options.rules) server_options.rules.emplace_back(root);
    server_options.fallback = rule_paths({});
    server_options.today = today();
    server_options.version = PLIGT_VERSION;
    if (!options.today.empty()) {
        auto const moment = read_moment_option(options.today, "lsp", "--today", terminal);
        if (!moment) return 2;
        server_options.today = moment->date;
    }
    lsp::Server server{std::move(server_options)};
    lsp::MessageReader reader{[](char* buffer, std::size_t size) -> std::ptrdiff_t {
        for (;;) {
            auto const n = ::read(STDIN_FILENO, buffer, size);
            if (n < 0 && errno == EINTR) continue;
            return n;
        }
    }};
    auto const flush = [&] {
        for (auto const& message : server.take_output())
            if (!write_all(lsp::frame(message))) return false;
        return true;
    };
    for (;;) {
        auto const message = reader.next();
        if (message.kind == lsp::MessageReader::Message::Kind::end) break;
        if (message.kind == lsp::MessageReader::Message::Kind::bad) server.reject(message.error);
        else server.receive(message.body);
        if (server.exited()) break;
        // Check once a burst of edits is over: nothing read and waiting.
        if (server.check_pending() && !reader.buffered() && !input_waiting()) server.check();
        if (!flush()) return 1;  // the editor went away
    }
    flush();
    return server.exited() ? server.exit_code() : 1;
}

}  // namespace

void add_lsp(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<LspOptions>();  // must outlive parsing
    auto* verb = app.add_subcommand("lsp", "Serve editors over the Language Server Protocol (stdin and stdout)");
    verb->add_option("--rules", options->rules,
                     "A rule directory or file, repeatable; default: the editor's workspace folders")
        ->allow_extra_args(false);
    verb->add_option("--today", options->today, "The date hover counts example deadlines from; default: today");
    verb->callback([options, &terminal, &exit_code] { exit_code = run_lsp(*options, terminal); });
}

}  // namespace pligt::cli
