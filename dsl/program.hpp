// The checked, immutable form of a set of rule files: what the engine
// evaluates. Names are resolved to indices, conditions are a flat node array,
// dates are day numbers, and duties are indexed by the event that triggers
// them, so evaluating a case touches no strings and no syntax tree. Built once
// per command and shared read-only between threads (it is never mutated after
// load_program returns).
#pragma once

#include "dsl/calendar.hpp"
#include "dsl/date.hpp"
#include "dsl/source.hpp"

#include <cstdint>
#include <limits>
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
    std::vector<std::string> titles;  // by value; "" where the rules give none
    Origin origin;
    // What a reader sees for a value: its title, else its id.
    std::string const& title_of(std::size_t value) const {
        return value < titles.size() && !titles[value].empty() ? titles[value] : values[value];
    }
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
    // `at age N years [M months]`: a birthday, derived from the age fact
    // by the engine, never recorded in a case. -1: a recorded event.
    int birthday_years = -1, birthday_months = 0;
    bool derived() const { return birthday_years >= 0; }
};

// `state ID from EVENT… to EVENT…`: holds from a start event until an end
// event. A condition naming it asks whether it holds at the moment of the
// event the condition is asked about.
struct StateDef {
    std::string id;
    std::string title;
    Index vocabulary = no_index;
    std::vector<Index> starts, ends;  // events
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

// A condition as a tree stored in a flat array: operands are indices into
// Program::conditions, so the tree is one allocation and trivially shared.
enum class ConditionOp : std::uint8_t {
    always,     // no `where`: true
    attribute,  // a bool attribute of the trigger event (operand = attribute index)
    fact,       // a bool fact (operand = fact index)
    state,      // a state holds at the event's moment (operand = state index)
    compare,    // left CMP right
    member,     // left in {values...}
    all,        // and: operands [first, first + count) in condition_operands
    any,        // or
    negate,     // not: the operand is `first`
};

enum class Comparator : std::uint8_t { eq, ne, lt, le, gt, ge };

// What a comparison reads: an attribute of the trigger event, a fact, the
// age in whole years at the trigger date (from the age fact), whether a state holds at
// the event (1 or 0), or a constant.
enum class OperandKind : std::uint8_t { attribute, fact, age, constant, state };

struct Operand {
    OperandKind kind = OperandKind::constant;
    Index index = no_index;  // attribute or fact index
    Value constant = 0;
};

struct ConditionNode {
    ConditionOp op = ConditionOp::always;
    Comparator comparator = Comparator::eq;
    Operand left;
    // For `member`: when right.index is 1, right.constant holds the values
    // (all from 0 to 63) as a bit set; the values are in member_values too.
    Operand right;
    Index first = 0;  // operands or member values (into condition_operands / member_values)
    Index count = 0;
};

enum class TimeUnit : std::uint8_t { hours, days, working_days, weeks, months, years };

struct Span {
    std::int32_t amount = 0;
    TimeUnit unit = TimeUnit::days;
};

std::string to_string(Span span);  // "4 months", "24 hours", "6 working days"
// "N UNIT" with UNIT one of hour(s), day(s), working day(s), week(s),
// month(s), year(s); N from 1 to 100000. Nothing when it is not one.
std::optional<Span> parse_span(std::string_view text);
// The unit names, for messages: "hours, days, working days, weeks, months or years".
std::optional<TimeUnit> parse_time_unit(std::string_view word);

// How a deadline is computed from the trigger.
struct DeadlineDef {
    enum class Kind : std::uint8_t {
        within,        // N UNIT after the trigger, or after the latest `anchor` event at or before it
        before_event,  // by the next `event` after the trigger
        at_age,        // on the day the age fact's subject reaches `years` years and `months` months
        before_age,    // `span` before the day the subject reaches `years` years
        none,          // `no deadline`: the statute sets no time; never late or overdue
        earliest,      // `earliest of (…)`: the first of `alternatives` to fall
        latest,        // `latest of (…)`: the last of them
        first,         // `first of (…)`: the first of them, in writing order, that applies
    };
    Kind kind = Kind::within;
    Span span;
    Index anchor = no_index;  // within … of EVENT
    Index event = no_index;   // before EVENT
    // before EVENT matching ATTRIBUTE: the attribute's index in the target
    // event, and in each trigger event (parallel to DutyDef::triggers).
    Index matching = no_index;
    std::vector<Index> matching_in_trigger;
    // A form `within ATTRIBUTE UNIT` of a choice: the span the trigger
    // records (a time the decision set), its index in each trigger event
    // (parallel to DutyDef::triggers); the form applies only where the
    // trigger records a positive whole number.
    std::vector<Index> span_attribute;
    int years = 0, months = 0;

    // `, then every …`: later instances, each due an interval after the
    // previous one was done, or after its deadline when it was not.
    bool recurs = false;
    Span every;
    // `then every ATTRIBUTE months`: the interval recorded on the previous
    // fulfilling event; attribute index per DutyDef::done_by entry (no_index
    // where that event lacks it). `every` then holds the `otherwise` interval.
    std::vector<Index> every_attribute;
    TimeUnit every_attribute_unit = TimeUnit::months;
    bool has_otherwise = false;
    // `otherwise no deadline`: where the previous fulfilling event records no
    // interval, the next repetition has no deadline (the statute sets none).
    bool otherwise_none = false;
    // `at age …` / `… before age N, otherwise no deadline`: where that day
    // has passed when the duty opens, the instance has no deadline (the
    // statute's time could not be kept, and it sets no other).
    bool none_if_passed = false;
    std::vector<Index> until;  // events that end the recurrence
    std::string text;          // as written, for explanations
    // `earliest of` / `latest of`: the forms, each a simple deadline; and
    // for each its `where` condition on the trigger, compiled per trigger
    // event (parallel to DutyDef::triggers; empty: always counts).
    std::vector<DeadlineDef> alternatives;
    std::vector<Index> where;
};

// The date that decides which version of a law governs an instance, and
// whether an exemption applies to it: by default the trigger's; `dated by
// deadline` the deadline's; `dated by EVENT` the date of the act the duty
// concerns (the first EVENT after the trigger, or the evaluation date while
// none is known).
struct Dating {
    enum class Kind : std::uint8_t { trigger, deadline, event };
    Kind kind = Kind::trigger;
    Index event = no_index;
    bool operator==(Dating const& o) const { return kind == o.kind && event == o.event; }
};

struct Period {
    Date from;
    std::optional<Date> to;  // inclusive; none: open-ended
    bool contains(Date d) const { return from <= d && (!to || d <= *to); }
};

// A published goal for a duty: a municipality's case-processing time or an
// exemption programme's aim. Never a breach.
struct TargetDef {
    std::string duty;
    Index concept_index = no_index;
    DeadlineDef rule;  // `within N UNIT [of EVENT]`
    std::string basis;
    Origin origin;
};

// A statutory exception: `unless COND cite "…"`.
struct ExceptionDef {
    std::vector<Index> conditions;  // per trigger event
    std::string condition_text;
    std::string cite;
    // `instead DUTY`: the duty of the same law the exception leaves in the
    // removed one's place, opened by the same trigger (a DutyDef index).
    Index instead = no_index;
    std::string instead_id;
};

struct FulfilmentDef {
    Index event = no_index;
    Index condition = no_index;  // on the fulfilling event; no_index: none
    std::string condition_text;
};

struct DutyDef {
    // What the evaluator reads for every instance comes first, close
    // together; the texts, read only to explain, come last.
    Index concept_index = no_index;  // index of id in Program::concepts
    Index owner = no_index;          // a law, or an exemption set when owned_by_set
    bool owned_by_set = false;
    bool done_also_before = false;  // an event before the trigger fulfils it
    // `done by …, N times`: the Nth fulfilling event within each period
    // does it, and the periods run back to back (each from the previous
    // deadline), so an event counts for the period it falls in.
    std::uint16_t done_count = 1;
    // Derived at resolve: named by an exception's `instead`, so opened only
    // when that exception holds, never by its own triggers alone.
    bool residual = false;
    bool has_target = false;  // `target` below is set
    Dating dated;
    // The versions of its law this definition holds for: from the start of
    // the version that gave it to the end of the one before the version that
    // changed or repealed it. Open at either end where the law's own period
    // bounds it, so a scenario that moves the law moves the outer versions.
    Period valid{Date::from_days(std::numeric_limits<std::int32_t>::min() / 2), std::nullopt};
    Span look_back;                    // … back to this span before the trigger; amount 0: any time
    Index look_back_since = no_index;  // … or after the latest such event before the trigger
    // Derived by assign_duty_calendars: the calendar counting its working
    // days, no_index when there is none.
    Index calendar = no_index;
    // Derived at resolve: a later law whose transitional provision finishes
    // this duty's open instances under it (its law and transition index).
    Index carry_law = no_index, carry_transition = no_index;
    // Derived by index_trigger_periods: that law's duty of the same id in force
    // on its first day, which the carried instance continues as.
    Index carry_to = no_index;
    Index kept_by = no_index;  // into its law's transitions
    double effort_hours = 0;
    std::vector<Index> triggers;  // events
    // The `where` condition compiled once per trigger event (attributes sit at
    // different places in different events): roots in Program::conditions,
    // parallel to triggers; empty when there is no condition.
    std::vector<Index> conditions;
    std::vector<ExceptionDef> exceptions;
    std::vector<FulfilmentDef> done_by;
    std::vector<Index> lapses_on;  // events
    // Derived at resolve: events made under an older law that fulfil this
    // duty, by a transition of its own law (`keep … for`).
    std::vector<Index> kept_events;
    DeadlineDef due;
    std::optional<TargetDef> target;  // an exemption set's goal for its own duty

    std::string id;  // the concept: shared by laws that define the same duty
    std::string title;
    std::string cite;
    // As written, for explanations: the `where` of a single `on` clause
    // (empty with several); per trigger, its clause's `where`; and each `on`
    // clause whole ("on a or b where c").
    std::string condition_text;
    std::vector<std::string> trigger_conditions;
    std::vector<std::string> trigger_clauses;
    std::string wording;  // `wording "…"`: the statute's words for the time limit
    Origin origin;
};

// A dated version of a law (a consolidation or an amending act).
struct VersionDef {
    std::string title;  // "LBK nr. 1093 af 05/09/2013"
    Date from;
    std::string url;  // its ELI address
    Origin origin;
};

// `transition from LAW cite "…"`: what becomes of the older law's matters.
struct TransitionDef {
    Index from_law = no_index;
    std::string cite;
    std::vector<std::string> finish;     // duty concepts carried across as one instance
    std::vector<Index> finish_concepts;  // their indices in Program::concepts (index_program)
    struct Keep {
        std::vector<Index> events;        // fulfilling events made under the older law
        std::vector<std::string> duties;  // this law's duties they fulfil
        std::vector<Index> duty_concepts;
    };
    std::vector<Keep> keeps;
    Origin origin;
};

struct LawDef {
    std::string id;
    std::string title;
    std::string short_name;
    // `anchor "#P" after "MARKER"`: a citation's paragraph as a fragment of
    // the version's address; empty when the law says none.
    std::string anchor_prefix, anchor_marker;
    Period in_force;
    Index vocabulary = no_index;
    Index calendar = no_index;  // for working-day deadlines; the default calendar when not named
    std::vector<Index> duties;
    std::vector<VersionDef> versions;  // by date; empty: one undated text
    std::vector<TransitionDef> transitions;
    Origin origin;

    // The version in force on a date: the last that began by then (the
    // first, for a date before it, as when a scenario moves the law earlier).
    VersionDef const* version_on(Date d) const {
        VersionDef const* found = versions.empty() ? nullptr : &versions.front();
        for (auto const& v : versions)
            if (v.from <= d) found = &v;
        return found;
    }
};

struct Waiver {
    std::string duty;                // the duty concept waived
    Index concept_index = no_index;  // its index in Program::concepts
    Index instead = no_index;        // a replacing duty of the set, when given (a DutyDef index)
    std::string instead_id;
    Dating dated;  // the date that decides whether it applies
    // `where COND`, compiled for each event that triggers the duty in an
    // amended law: (event, condition root). Empty: no condition.
    std::vector<std::pair<Index, Index>> conditions;
    std::string condition_text;
    Origin origin;
};

// `change DUTY { due … }`: the set's own deadline for a law's duty.
struct Change {
    std::string duty;
    Index concept_index = no_index;
    // The deadline, resolved against each amended law's duty of that id:
    // (duty index, deadline).
    std::vector<std::pair<Index, DeadlineDef>> deadlines;
    Origin origin;
};

struct ExemptionSetDef {
    std::string id;
    std::string title;
    std::string basis;
    std::string url;            // the basis's ELI address
    std::vector<Index> amends;  // laws
    // `covers LAW "PARAGRAPH"`: the paragraphs of each amended law its basis
    // allows it to set aside (a paragraph covers its stk., a stk. its pkt.).
    struct Cover {
        Index law = no_index;
        std::string paragraph;
    };
    std::vector<Cover> covers;
    Period in_force;
    std::vector<Waiver> waivers;
    std::vector<Change> changes;
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
    std::int64_t population = 0;  // the people the rules concern, for drawing simulated cases
    bool population_estimated = false;
    std::string population_note;
    std::vector<Adoption> adoptions;
    std::vector<TargetDef> targets;
    Origin origin;
};

// A hypothetical change of law for simulation: overrides applied on top of
// the program as written (see engine/overlay.hpp).
struct ScenarioDef {
    struct SetOverride {
        Index set = no_index;
        std::optional<std::vector<Index>> amends;
        std::optional<Period> in_force;
    };
    struct LawOverride {
        Index law = no_index;
        Period in_force;
    };
    struct MunicipalityAdoption {
        Index municipality = no_index;
        Adoption adoption;
    };
    struct EffortOverride {
        Index concept_index = no_index;
        double hours = 0;
    };
    // `version LAW "…" from DATE { … }`: the law amended from a date, as a
    // bill would amend it. Its duties are the definitions it brings in
    // (changed, renumbered or new), each valid from its date until the law's
    // own next version of that duty; the definitions they replace, and those
    // it repeals, end the day before (`ends`, for the whole scenario).
    struct LawVersion {
        Index law = no_index;
        VersionDef version;
        std::vector<DutyDef> duties;
    };
    struct DutyEnd {
        Index duty = no_index;  // into Program::duties
        Date last;              // its last day in force under the scenario
    };
    std::string id;
    std::string title;
    bool no_exemptions = false;  // drop every adoption written in the municipalities
    std::vector<SetOverride> sets;
    std::vector<LawOverride> laws;
    std::vector<Adoption> every_municipality;
    std::vector<MunicipalityAdoption> adoptions;
    std::vector<EffortOverride> efforts;
    std::vector<LawVersion> versions;
    std::vector<DutyEnd> ends;
    Origin origin;
};

// A test written in the language: a case, a moment, and what must hold.
struct TestDef {
    struct Event {
        Index event = no_index;
        Moment at;
        std::vector<std::pair<Index, Value>> attributes;  // by attribute index
    };
    struct Expectation {
        bool absent = false;  // `expect no DUTY`
        Index concept_index = no_index;
        std::string duty;
        int instance = 0;    // 0: the first (or only) instance
        std::string status;  // empty: any
        std::optional<Moment> due;
        Index due_before = no_index;  // `due before EVENT`
        bool no_due = false;          // `due none`: the duty has no deadline
        std::string cite;             // `cite "…"`: the citation as output quotes it; empty: any
        Origin origin;
    };
    std::string title;
    Index municipality = no_index;
    std::vector<std::pair<Index, Value>> facts;
    std::vector<Event> events;
    Moment as_of;
    std::vector<Expectation> expectations;
    Origin origin;
};

struct Program {
    std::vector<SourceFile> sources;

    std::vector<VocabularyDef> vocabularies;
    std::vector<Calendar> calendars;
    Index default_calendar = no_index;  // the one marked `default`
    std::vector<KindDef> kinds;
    std::vector<FactDef> facts;
    std::vector<EventDef> events;
    std::vector<StateDef> states;
    std::vector<LawDef> laws;
    std::vector<ExemptionSetDef> exemption_sets;
    std::vector<DutyDef> duties;
    std::vector<MunicipalityDef> municipalities;
    std::vector<ScenarioDef> scenarios;
    std::vector<TestDef> tests;

    std::vector<ConditionNode> conditions;
    std::vector<Index> condition_operands;
    std::vector<Value> member_values;

    // Derived indexes.
    std::vector<std::string> concepts;  // every duty id once, sorted: index order is id order
    // Event index -> the duties it can open, by id, each with the event's
    // position in the duty's triggers (what its per-trigger conditions use),
    // and, for a law's duty whose trigger's date decides, the days on which
    // it is in force (its law's period within its versions': see
    // index_trigger_periods), so that the evaluator passes over the other
    // versions and laws without reading their definitions.
    struct TriggeredDuty {
        Index duty = no_index;
        Index which = 0;
        bool by_period = false;         // false: decide by the definition (a set's duty, `dated by`)
        std::int32_t from = 0, to = 0;  // day numbers, inclusive
    };
    std::vector<std::vector<TriggeredDuty>> duties_by_trigger;
    // The same, cut at every date where one of an event's duties comes into
    // or goes out of force: for a trigger on a day, the entries of the
    // interval holding that day are those in force then (and those whose
    // definition decides), in the same order. Built by index_trigger_periods.
    struct TriggersByDate {
        std::vector<std::int32_t> starts;  // interval i: [starts[i], starts[i + 1]) in day numbers
        std::vector<std::uint32_t> ends;   // interval i's entries: [ends[i - 1] or 0, ends[i])
        std::vector<TriggeredDuty> entries;
    };
    std::vector<TriggersByDate> triggers_by_date;  // by event
    // `age of "SUBJECT" from FACT`: the date fact `age` and birthdays count
    // from, and whom an explanation says reaches an age.
    Index age_fact = no_index;
    std::string age_subject;
    std::vector<Index> birthday_events;  // events with `at age`, derived from the age fact
    // `language da`: the language the labels and titles are written in, and
    // a reader is answered in by default; empty when no vocabulary says.
    std::string language;
    std::unordered_map<std::string, Index> event_ids, fact_ids, state_ids, municipality_ids, law_ids, set_ids;
    std::unordered_map<int, Index> municipality_codes;

    Index find_event(std::string const& id) const { return find(event_ids, id); }
    Index find_fact(std::string const& id) const { return find(fact_ids, id); }
    Index find_state(std::string const& id) const { return find(state_ids, id); }
    Index find_municipality(std::string const& id) const { return find(municipality_ids, id); }
    Index find_law(std::string const& id) const { return find(law_ids, id); }
    Index find_exemption_set(std::string const& id) const { return find(set_ids, id); }
    Index find_calendar(std::string const& id) const {
        for (Index i = 0; i < calendars.size(); ++i)
            if (calendars[i].id() == id) return i;
        return no_index;
    }
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

// A duty's `, N times` and its `, also before …` as written (empty without
// them), and its triggers ("a or b", or each `on` clause whole when there are
// several), for the reference pages and diffs that show the rules as written.
std::string times_text(DutyDef const& duty);
std::string look_back_text(Program const& program, DutyDef const& duty);
std::string triggers_text(Program const& program, DutyDef const& duty);

// Sets what follows from the laws' periods and the duties' versions: the
// periods of Program::duties_by_trigger and each DutyDef::carry_to. Called
// once the program is resolved, and again by whatever changes a law's
// period or a duty's versions (a scenario, a diff).
void index_trigger_periods(Program& program);

// Sets DutyDef::calendar for every duty: its law's calendar, else the
// default; an exemption set's own duty counts with its first amended law's.
// Called once the program is resolved, and again by whatever changes what a
// set amends (a scenario).
void assign_duty_calendars(Program& program);

}  // namespace pligt
