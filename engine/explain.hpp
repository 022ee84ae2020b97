// Results in words: the `pligt check --json` object (the contract in
// docs/cli.md), with a `why` list a caseworker can read. Off the hot path:
// this is where names, titles and citations are looked up again.
#pragma once

#include "dsl/program.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pligt::engine {

// The citation as a reader quotes it: the law's short name and the paragraph
// ("EA s. 12(3)"); an exemption set's duty keeps its citation as written.
std::string citation(Program const& program, DutyDef const& duty);

// The version of the duty's law that governs the instance (on its deciding
// date); none for an exemption set's duty or a law without versions.
VersionDef const* law_version(Program const& program, DutyResult const& result);
// The statute's address for the citation: the governing version's ELI
// address, or the exemption set's; empty when the rules record none.
std::string cite_url(Program const& program, DutyResult const& result);

// A target beside the deadline, and who set it.
struct TargetView {
    Moment at;
    bool past = false;
    std::string by_kind;  // "municipality" or "exemptions"
    std::string by;       // its id
    std::string basis;
};
std::optional<TargetView> target_of(Program const& program, Case const& c, DutyResult const& result);

std::vector<std::string> why(Program const& program, Case const& c, DutyResult const& result, Moment as_of);

// The `pligt check --json` object, as text laid out as nlohmann's dump(2)
// lays it out (no final newline): what a server answers, written without a
// JSON tree.
std::string to_json_text(Program const& program, Case const& c, std::vector<DutyResult> const& results,
                         Moment as_of);

// The same object as a tree (to_json_text, parsed), for callers that read it
// or place it in a larger document.
nlohmann::ordered_json to_json(Program const& program, Case const& c, std::vector<DutyResult> const& results,
                               Moment as_of);

}  // namespace pligt::engine
