// `pligt serve [--port 8080] [--host 127.0.0.1] [--rules DIR…] [--watch]
// [--max-body BYTES] [--timeout SECONDS]`: the JSON API (docs/api.md) and the
// web page. The server itself is server/serve.hpp; this file only reads the
// options.
#include "server/serve.hpp"
#include "cli/rules_option.hpp"
#include "cli/verbs.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace pligt::cli {

void add_serve(CLI::App& app, Terminal&, int& exit_code) {
    struct ServeArguments {
        server::ServeOptions options;
        std::vector<std::string> rules;
    };
    auto arguments = std::make_shared<ServeArguments>();  // must outlive parsing
    auto& options = arguments->options;
    auto& limits = options.api.limits;
    auto* verb = app.add_subcommand("serve", "Serve the JSON API and the web page; SIGHUP reloads the rules");
    verb->add_option("--port", options.port, "The TCP port; 0 picks a free one (the log says which)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    verb->add_option("--host", options.host, "The address to listen on")->capture_default_str();
    add_rules_option(*verb, arguments->rules);
    verb->add_flag("--watch", options.watch, "Reload the rules when a rule file changes (checked every second)");
    verb->add_option("--max-body", limits.max_body_bytes, "The largest request body accepted, in bytes")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
    verb->add_option("--max-batch", limits.max_batch, "The most cases one batch may hold")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
    verb->add_option("--max-events", limits.max_events, "The most events one case may hold")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{10000000}));
    verb->add_option("--timeout", options.api.timeout_seconds,
                     "Drop a request that sends nothing for this many seconds")
        ->capture_default_str()
        ->check(CLI::Range(1, 3600));
    verb->add_option("--threads", options.api.threads,
                     "Worker threads: the most connections served at once (each keep-alive connection holds one)")
        ->capture_default_str()
        ->check(CLI::Range(1, 1024));
    verb->callback([arguments, &exit_code] {
        arguments->options.rules = rule_paths(arguments->rules);
        exit_code = server::serve(arguments->options);
    });
}

}  // namespace pligt::cli
