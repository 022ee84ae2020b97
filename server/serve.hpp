// `pligt serve` without its command line: load the rules, listen, reload on
// SIGHUP (and, with --watch, when a rule file changes), stop on SIGINT or
// SIGTERM. Logs go to stderr through spdlog; a reload that finds errors logs
// them and keeps the old rules serving.
#pragma once

#include "server/api.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace pligt::server {

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;  // 0: any free port (the log says which)
    std::vector<std::filesystem::path> rules;
    bool watch = false;
    ApiOptions api;
};

// Blocks until SIGINT or SIGTERM. Exit status: 0 after a clean stop, 2 when
// the rules have errors at start or the address cannot be bound.
int serve(ServeOptions const& options);

// What a reload logged, in one place for SIGHUP, --watch and the first load:
// "rules loaded …" at info, or each diagnostic and "reload failed …" at error.
void log_reload(ReloadOutcome const& outcome, std::string_view why);

}  // namespace pligt::server
