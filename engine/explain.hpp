// Results in words: each duty instance with its title, citation, law,
// deadline and a `why` list a caseworker can read (`Explained`), which the
// writers in output/ render (the check JSON of docs/cli.md, the checklist).
// Off the hot path: this is where names, titles and citations are looked up
// again.
#pragma once

#include "dsl/program.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pligt::engine {

// The citation as a reader quotes it: the law's short name and the paragraph
// ("EA s. 12(3)"); an exemption set's duty keeps its citation as written.
std::string citation(Program const& program, DutyDef const& duty);
// Another paragraph of the duty's law (an exception's), quoted the same way.
std::string citation(Program const& program, DutyDef const& duty, std::string const& paragraph);

// The version of the duty's law that governs the instance (on its deciding
// date); none for an exemption set's duty or a law without versions.
VersionDef const* law_version(Program const& program, DutyResult const& result);
// The fragment of a statute's address at the paragraph a citation names,
// as the law's `anchor` says ("#P155b" for paragraph 155 b, stk. 2); empty when
// the law has no anchor or the citation no paragraph number.
std::string paragraph_anchor(LawDef const& law, std::string_view cite);
// The statute's address for the citation: the governing version's ELI
// address at the duty's paragraph, or the exemption set's; empty when the
// rules record none.
std::string cite_url(Program const& program, DutyResult const& result);

// The municipality's adoption of exemption set `set` in force on a date.
Adoption const* adoption_at(MunicipalityDef const& municipality, Index set, Date on);
// The deadline rule that gave the instance's deadline: the exemption set's
// change where one applied, else the duty's own.
DeadlineDef const& rule_of(Program const& program, DutyResult const& result);
// Whether a changed deadline has the law's own beside it (a repetition that
// only the change has, the law's own not repeating, has none).
bool has_law_due(Program const& program, DutyResult const& result);
// The transitional provision that carried the instance across, if any.
TransitionDef const* transition_of(Program const& program, DutyResult const& result);

// A target beside the deadline, and who set it.
struct TargetView {
    Moment at;
    bool past = false;
    std::string by_kind;  // "municipality" or "exemptions"
    std::string by;       // its id
    std::string basis;
};
std::optional<TargetView> target_of(Program const& program, Case const& c, DutyResult const& result);

// The engine's trace of an instance, in the rules' own terms (ids, dates as
// YYYY-MM-DD): how each step was decided, for legal advisors. The reader's
// begrundelse is output/begrundelse.hpp.
std::vector<std::string> why(Program const& program, Case const& c, DutyResult const& result, Moment as_of);

// A case event as a reader names it.
struct EventAt {
    std::string_view event;
    Moment at;
};

// A deadline as shown: a moment, or "before EVENT" while that event has not
// happened (then `before` names it).
struct DueView {
    Moment at;
    std::string_view before;
};

// One duty instance as every writer shows it (the check JSON, the
// checklist): each field looked up once, from the result and the rules. The
// views point into the Program and the Case, which must outlive it.
struct Explained {
    DutyResult const* result = nullptr;
    std::string_view duty, title, law;  // law: the law's id, or the exemption set's
    std::int32_t instance = 0;          // > 0 for a repeating duty's instances
    VersionDef const* version = nullptr;
    std::string cite, cite_url;
    struct Transition {
        std::string cite;
        std::string_view from;
    };
    std::optional<Transition> transition;
    EventAt triggered_by;
    std::optional<DueView> due, law_due;
    Status status = Status::pending;
    std::optional<TargetView> target;
    struct Waiver {
        std::string_view exemptions, basis;
    };
    std::optional<Waiver> waived_by;  // when waived
    struct Exception {
        std::string cite;
        std::string_view reason;
    };
    std::optional<Exception> excepted_by;  // when excepted
    std::string_view replaced_by;          // the duty a waiver or exception leaves in its place
    std::string_view replaced_by_title;    // and its title
    std::optional<EventAt> done_by;
};

Explained explain(Program const& program, Case const& c, DutyResult const& result);

}  // namespace pligt::engine
