// The checked, immutable form of a set of rule files: what the engine
// evaluates. Names are resolved to indices, conditions are a flat node array,
// dates are day numbers, and duties are indexed by the event that triggers
// them, so evaluating a case touches no strings and no syntax tree. Built once
// per command and shared read-only between threads (it is never mutated after
// load_program returns).
#pragma once

#include "dsl/date.hpp"
#include "dsl/source.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pligt {

using Index = std::uint32_t;
inline constexpr Index no_index = static_cast<Index>(-1);

// Where a declaration was written, for diagnostics after resolution.
struct Origin {
    Index source = no_index;  // into Program::sources
    std::uint32_t begin = 0, end = 0;
};

enum class BaseType : std::uint8_t { boolean, integer, date, text, kind };

struct Type {
    BaseType base = BaseType::boolean;
    Index kind = no_index;  // into Program::kinds when base == kind
    bool optional = false;  // may be absent with no default
};

// Every value a case can hold, in one machine word: bool as 0/1, int as is,
// a date as its day number, a kind as the index of its value. Text is not
// compared by rules and is kept only by the case reader.
using Value = std::int64_t;

struct KindDef {
    std::string id;
    std::vector<std::string> values;
    Origin origin;
};

struct AttributeDef {
    std::string id;
    std::string title;
    Type type;
    std::optional<Value> default_value;
};

struct EventDef {
    std::string id;
    std::string title;
    Index vocabulary = no_index;
    std::vector<AttributeDef> attributes;
    Origin origin;
};

struct FactDef {
    std::string id;
    std::string title;
    Type type;
    Index vocabulary = no_index;
    Origin origin;
};

struct VocabularyDef {
    std::string id;
    std::string title;
    Origin origin;
};

// A condition as a tree stored in a flat array: children are indices into
// Program::conditions, so the tree is one allocation and trivially shared.
enum class ConditionOp : std::uint8_t {
    always,     // no `where`: true
    attribute,  // a bool attribute of the trigger event (operand = attribute index)
    fact,       // a bool fact (operand = fact index)
    compare,    // left CMP right
    member,     // left in {values...}
    all,        // and: children [first, first + count) in condition_children
    any,        // or
    negate,     // not: child = first
};

enum class Comparator : std::uint8_t { eq, ne, lt, le, gt, ge };

// What a comparison reads: an attribute of the trigger event, a fact, the
// child's age in whole years at the trigger date, or a constant.
enum class OperandKind : std::uint8_t { attribute, fact, age, constant };

struct Operand {
    OperandKind kind = OperandKind::constant;
    Index index = no_index;  // attribute or fact index
    Value constant = 0;
};

struct ConditionNode {
    ConditionOp op = ConditionOp::always;
    Comparator comparator = Comparator::eq;
    Operand left;
    Operand right;
    Index first = 0;  // children or member values (into condition_children / member_values)
    Index count = 0;
};

enum class TimeUnit : std::uint8_t { hours, days, weeks, months, years };

struct Span {
    std::int32_t amount = 0;
    TimeUnit unit = TimeUnit::days;
};

std::string to_string(Span span);  // "4 months", "24 hours"

struct DutyDef {
    std::string id;  // the concept: shared by laws that define the same duty
    Index concept_index = no_index;  // index of id in Program::concepts
    std::string title;
    std::string cite;
    Index owner = no_index;    // a law, or an exemption set when owned_by_set
    bool owned_by_set = false;
    std::vector<Index> triggers;  // events
    // The `where` condition compiled once per trigger event (attributes sit at
    // different places in different events): roots in Program::conditions,
    // parallel to triggers; empty when there is no condition.
    std::vector<Index> conditions;
    std::string condition_text;  // as written, for explanations
    Span due;
    std::vector<Index> done_by;  // events
    double effort_hours = 0;
    Origin origin;
};

struct Period {
    Date from;
    std::optional<Date> to;  // inclusive; none: open-ended
    bool contains(Date d) const { return from <= d && (!to || d <= *to); }
};

struct LawDef {
    std::string id;
    std::string title;
    std::string short_name;
    Period in_force;
    Index vocabulary = no_index;
    std::vector<Index> duties;
    Origin origin;
};

struct Waiver {
    std::string duty;            // the duty concept waived
    Index concept_index = no_index;    // its index in Program::concepts
    Index instead = no_index;    // a replacing duty, when given (a DutyDef index)
    std::string instead_id;
    Origin origin;
};

struct ExemptionSetDef {
    std::string id;
    std::string title;
    std::string basis;
    std::vector<Index> amends;  // laws
    Period in_force;
    std::vector<Waiver> waivers;
    std::vector<Index> duties;
    Origin origin;
};

struct Adoption {
    Index set = no_index;
    Period period;
    Origin origin;
};

struct MunicipalityDef {
    std::string id;
    std::string name;
    int code = 0;
    std::string region;
    std::int64_t children = 0;
    bool children_estimated = false;
    std::string children_note;
    std::vector<Adoption> adoptions;
    Origin origin;
};

struct Program {
    std::vector<SourceFile> sources;

    std::vector<VocabularyDef> vocabularies;
    std::vector<KindDef> kinds;
    std::vector<FactDef> facts;
    std::vector<EventDef> events;
    std::vector<LawDef> laws;
    std::vector<ExemptionSetDef> exemption_sets;
    std::vector<DutyDef> duties;
    std::vector<MunicipalityDef> municipalities;

    std::vector<ConditionNode> conditions;
    std::vector<Index> condition_children;
    std::vector<Value> member_values;

    // Derived indexes.
    std::vector<std::string> concepts;  // every duty id once, sorted: index order is id order
    std::vector<std::vector<Index>> duties_by_trigger;  // event index -> duties it can open, by id
    Index birthdate_fact = no_index;                    // what `age` counts from
    std::unordered_map<std::string, Index> event_ids, fact_ids, municipality_ids;
    std::unordered_map<int, Index> municipality_codes;

    Index find_event(std::string const& id) const { return find(event_ids, id); }
    Index find_fact(std::string const& id) const { return find(fact_ids, id); }
    Index find_municipality(std::string const& id) const { return find(municipality_ids, id); }
    Index find_municipality_code(int code) const {
        auto const it = municipality_codes.find(code);
        return it == municipality_codes.end() ? no_index : it->second;
    }

private:
    static Index find(std::unordered_map<std::string, Index> const& map, std::string const& id) {
        auto const it = map.find(id);
        return it == map.end() ? no_index : it->second;
    }
};

}  // namespace pligt
