// A case as the engine sees it: the municipality, facts and events of one
// case, with every name already resolved against the Program and
// every value in the compact form rules compare. Reading a case is the only
// place that meets JSON; each problem is reported with its JSON Pointer
// (RFC 6901), never ignored.
#pragma once

#include "dsl/date.hpp"
#include "dsl/program.hpp"
#include "dsl/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pligt::engine {

struct AttributeValue {
    Value value = 0;
    bool present = false;
};

// CaseEvent::position of an event pligt derived (a birthday), not read.
inline constexpr std::uint32_t derived_position = static_cast<std::uint32_t>(-1);

struct CaseEvent {
    Index event = no_index;
    Moment at;
    std::uint32_t attributes = 0;  // offset of this event's values in Case::attribute_values
    std::uint32_t position = 0;    // index in the case file's "events" array, or derived_position
};

struct Case {
    std::string id;
    Index municipality = no_index;
    std::vector<AttributeValue> facts;  // by fact index
    // Ordered by `at`; a date-only event sorts before date-times of its day,
    // and ties keep the order of the file.
    std::vector<CaseEvent> events;
    std::vector<AttributeValue> attribute_values;

    AttributeValue attribute(CaseEvent const& e, Index attribute) const {
        return attribute_values[e.attributes + attribute];
    }
};

struct CaseError {
    std::string pointer;  // e.g. "/events/1/at"; "" for the whole document
    std::string message;
    int line = 0, column = 0;  // for malformed JSON text, where the parser stopped
};

using CaseResult = Result<Case, std::vector<CaseError>>;

CaseResult read_case(Program const& program, nlohmann::json const& document);
// Parses the text first; malformed JSON is one error with its line and column.
CaseResult parse_case(Program const& program, std::string_view text);

// Reads many cases against one program, for simulation: the same Case, or
// the same errors, as parse_case, several times faster. A line in the plain
// form `pligt generate` writes (ASCII text without escapes, whole numbers, no
// repeated keys, every value well typed) is read in one pass over the text
// with no JSON tree; anything else, including every error, is handed to
// parse_case, so errors are made in one place only. Built once, then shared
// read-only between threads.
class CaseParser {
public:
    explicit CaseParser(Program const& program);

    CaseResult parse(std::string_view text) const;
    // The one-pass path alone: false when the line needs parse_case (`out` is
    // then unspecified). Reuses `out`'s storage.
    bool parse_plain(std::string_view text, Case& out) const;

private:
    Program const* program_;
    std::unordered_map<std::string_view, Index> events_, facts_, municipalities_;
};

// Completes a case once its own events are read: adds the events derived
// from its facts (the birthdays the vocabulary declares with `at age`, when
// the age fact is known), then orders every event by `at`, ties keeping
// their order. Every way of building a Case ends here, so the evaluator sees
// the same events whichever reader made it.
void order_events(Program const& program, Case& c);

// A municipality by id or by its numeric code, with or without leading zeros:
// "town-a", "42", "0042".
Index find_municipality(Program const& program, std::string_view name);

}  // namespace pligt::engine
