// The rules a running server answers with: one immutable Program, shared by
// every request thread, and replaced whole on reload. A request copies the
// shared_ptr once at its start and answers from that snapshot to the end, so
// a reload never changes the rules under a request in flight, and the old
// program lives until the last request holding it finishes. A reload that
// finds errors keeps the old program serving; the caller logs the diagnostics.
#pragma once

#include "dsl/diagnostic.hpp"
#include "dsl/program.hpp"
#include "engine/case.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace pligt::server {

struct LoadedRules {
    // Built in place and never moved: case_parser points at `program`.
    LoadedRules() = default;
    LoadedRules(LoadedRules const&) = delete;
    LoadedRules& operator=(LoadedRules const&) = delete;

    Program program;
    std::string hash;              // "fnv1a64:<16 hex digits>" over the rule files' names and text
    std::size_t files = 0;         // how many rule files
    std::uint64_t generation = 0;  // 1 for the first load, +1 per successful reload
    // The simulator's one-pass case reader over `program`, for the check
    // endpoints; null when the rules were assembled without it.
    std::unique_ptr<engine::CaseParser const> case_parser;
};

struct ReloadOutcome {
    bool loaded = false;                       // false: the previous rules (if any) still serve
    std::vector<Diagnostic> diagnostics;       // errors and warnings, sorted by file and line
    std::shared_ptr<LoadedRules const> rules;  // what serves now (may be null before the first load)
};

class ProgramHolder {
public:
    explicit ProgramHolder(std::vector<std::filesystem::path> roots);

    // The rules serving now; null only before the first successful load.
    std::shared_ptr<LoadedRules const> current() const;

    // Reads, parses and resolves the rule files again; swaps the new program
    // in only when it has no errors. One reload at a time.
    ReloadOutcome reload();

    std::vector<std::filesystem::path> const& roots() const { return roots_; }

private:
    std::vector<std::filesystem::path> roots_;
    mutable std::mutex current_mutex_;  // guards only the pointer copy and swap
    std::shared_ptr<LoadedRules const> current_;
    std::mutex reload_mutex_;
};

// The content hash of the rule files: their file names (not directories, so
// a checkout's location does not matter) and texts, in load order.
std::string rules_hash(std::vector<SourceFile> const& sources);

// What --watch compares between polls: each rule file's path, size and
// modification time. A change means "reload".
std::string watch_fingerprint(std::vector<std::filesystem::path> const& roots);

}  // namespace pligt::server
