#include "server/program_holder.hpp"

#include "dsl/load.hpp"

#include <fmt/format.h>

namespace pligt::server {
namespace {

// FNV-1a, 64 bits: identifies a rule version, not a security boundary.
class Fnv1a {
public:
    void add(std::string_view bytes) {
        for (unsigned char const c : bytes) {
            state_ ^= c;
            state_ *= 0x100000001b3ULL;
        }
    }
    std::uint64_t value() const { return state_; }

private:
    std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::string rules_hash(std::vector<SourceFile> const& sources) {
    Fnv1a hash;
    for (auto const& source : sources) {
        auto const name = std::filesystem::path{source.name()}.filename().string();
        // Lengths first, so ("ab", "c") and ("a", "bc") differ.
        hash.add(fmt::format("{}:{}:", name.size(), source.text().size()));
        hash.add(name);
        hash.add(source.text());
    }
    return fmt::format("fnv1a64:{:016x}", hash.value());
}

std::string watch_fingerprint(std::vector<std::filesystem::path> const& roots) {
    namespace fs = std::filesystem;
    Diagnostics ignored;  // an unreadable root shows up in the reload's diagnostics
    std::string fingerprint;
    for (auto const& file : rule_files(roots, ignored)) {
        std::error_code error;
        auto const size = fs::file_size(file, error);
        auto const time = fs::last_write_time(file, error);
        fingerprint +=
            fmt::format("{}\t{}\t{}\n", file.string(), error ? 0 : size, error ? 0 : time.time_since_epoch().count());
    }
    return fingerprint;
}

ProgramHolder::ProgramHolder(std::vector<std::filesystem::path> roots) : roots_{std::move(roots)} {}

std::shared_ptr<LoadedRules const> ProgramHolder::current() const {
    std::lock_guard const lock{current_mutex_};
    return current_;
}

ReloadOutcome ProgramHolder::reload() {
    std::lock_guard const one_at_a_time{reload_mutex_};
    Diagnostics diagnostics;
    auto program = load_program(roots_, diagnostics);
    ReloadOutcome outcome;
    outcome.diagnostics = diagnostics.sorted();
    auto const previous = current();
    if (!program || diagnostics.has_errors()) {
        outcome.rules = previous;
        return outcome;
    }
    auto loaded = std::make_shared<LoadedRules>();
    loaded->hash = rules_hash(program->sources);
    loaded->files = program->sources.size();
    loaded->generation = previous ? previous->generation + 1 : 1;
    loaded->program = std::move(*program);
    loaded->case_parser =
        std::make_unique<engine::CaseParser const>(loaded->program);  // after the move: it points at it
    {
        std::lock_guard const lock{current_mutex_};
        current_ = loaded;
    }
    outcome.loaded = true;
    outcome.rules = std::move(loaded);
    return outcome;
}

}  // namespace pligt::server
