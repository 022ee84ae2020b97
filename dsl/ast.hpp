// The syntax tree: rule files as written, every node with its byte span in
// the source. No Spirit here (X3 stays behind parse.hpp); the resolver turns
// this tree into the Program and is the only reader besides the formatter.
//
// Nodes that wrap a single value get an assignment from that value instead of
// a one-member Fusion adaptation, which X3 folds badly.
#pragma once

#include <boost/optional.hpp>
#include <boost/variant.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace pligt::ast {

struct Located {
    std::size_t begin = 0, end = 0;  // byte offsets into the source text
};

// A name, number, date or string (without quotes, escapes resolved).
struct Token : Located {
    std::string text;
};

// ---- Conditions: `a and not (b or c == x)`, `kind in {x, y}`, `age >= 12`

struct Factor;
struct Condition;

struct ComparisonTail {
    std::string op;             // "==", "!=", "<", "<=", ">", ">=", "in"
    std::vector<Token> values;  // one value, or the members of `in {…}`
};

struct Comparison : Located {
    Token left;
    boost::optional<ComparisonTail> tail;  // none: a bare bool attribute or fact
};

struct Negation : Located {
    std::vector<Factor> operand;  // exactly one
    Negation& operator=(Factor factor);
};

struct Group : Located {
    std::vector<Condition> inner;  // exactly one: a parenthesised condition
    Group& operator=(Condition condition);
};

struct Factor : Located {
    boost::variant<Comparison, Negation, Group> node;
    template <typename T>
    Factor& operator=(T value) {
        node = std::move(value);
        return *this;
    }
};

struct Conjunction : Located {
    std::vector<Factor> terms;  // joined by `and`
    Conjunction& operator=(std::vector<Factor> factors) {
        terms = std::move(factors);
        return *this;
    }
};

struct Condition : Located {
    std::vector<Conjunction> terms;  // joined by `or`
    Condition& operator=(std::vector<Conjunction> conjunctions) {
        terms = std::move(conjunctions);
        return *this;
    }
};

inline Negation& Negation::operator=(Factor factor) {
    operand.assign(1, std::move(factor));
    return *this;
}
inline Group& Group::operator=(Condition condition) {
    inner.assign(1, std::move(condition));
    return *this;
}

// A clause that is one token after its keyword (`short "SEL"`, `code 756`).
struct TokenClause : Located {
    Token value;
    TokenClause& operator=(Token token) {
        value = std::move(token);
        return *this;
    }
};

// ---- Vocabulary

struct TypeRef : Located {
    Token name;
    bool optional = false;  // `int?`: may be absent, with no default
};

struct Fact : Located {
    Token name;
    TypeRef type;
    boost::optional<Token> title;
};

// `placement "Anbringelse"`: a value of a kind, with the title a reader
// sees for it (optional: the id serves).
struct KindValue : Located {
    Token name;
    boost::optional<Token> title;
};

struct Kind : Located {
    Token name;
    std::vector<KindValue> values;
};

struct Attribute : Located {
    Token name;
    TypeRef type;
    boost::optional<Token> default_value;
    boost::optional<Token> title;
};

// `at age N years [M months]` after an event's title: a birthday, which
// the case does not record but the engine derives from the fact an age
// counts from.
struct Birthday : Located {
    Token years;
    boost::optional<Token> months;
};

struct Event : Located {
    Token name;
    boost::optional<Token> title;
    boost::optional<Birthday> birthday;
    std::vector<Attribute> attributes;
};

// `state placed "Anbragt" from placement_started to placement_ended`: holds
// from a start event until an end event; a condition names it to ask
// whether it holds on the date of the event it is asked about.
struct State : Located {
    Token name;
    boost::optional<Token> title;
    std::vector<Token> starts;
    std::vector<Token> ends;
};

// `age of "the applicant" from born_on`: what `age`, `at age` and birthdays
// count from (a date fact), and whom an explanation says reaches that age.
struct AgeOrigin : Located {
    Token subject;
    Token fact;
};

// `language da`: the language the vocabulary's labels and the rules' titles
// are written in, and so the language a reader is answered in by default.
struct Language : TokenClause {
    using TokenClause::operator=;
};

struct Vocabulary : Located {
    Token name;
    boost::optional<Token> title;
    std::vector<boost::variant<Fact, Kind, Event, State, AgeOrigin, Language>> items;
};

// ---- Calendars

// `easter`, `easter + 26 days`, `easter - 3 days`
struct EasterOffset : Located {
    std::string sign;  // "+" or "-"
    Token days;        // empty text for Easter Sunday itself
};

struct YearBound {
    std::string word;  // "from" or "until"
    Token year;
};

struct Holiday : Located {
    Token title;
    boost::variant<Token, EasterOffset> on;  // MM-DD, or relative to Easter
    std::vector<YearBound> bounds;
};

struct Weekend : Located {
    std::vector<Token> days;
    Weekend& operator=(std::vector<Token> list) {
        days = std::move(list);
        return *this;
    }
};

struct Calendar : Located {
    Token name;
    boost::optional<Token> title;
    bool is_default = false;
    std::vector<boost::variant<Weekend, Holiday>> items;
};

// ---- Laws and duties

// Clauses that hold one token: `short "SEL"`, `uses x`, `cite "…"`, `basis "…"`,
// `code 159`, `region x`, `effort 2 hours`.
struct Short : TokenClause {
    using TokenClause::operator=;
};
struct Uses : TokenClause {
    using TokenClause::operator=;
};
struct Cite : TokenClause {
    using TokenClause::operator=;
};
struct CalendarRef : TokenClause {
    using TokenClause::operator=;
};
struct Effort : TokenClause {
    using TokenClause::operator=;
};
// `wording "…"`: the statute's own words for the time limit.
struct Wording : TokenClause {
    using TokenClause::operator=;
};
struct Basis : TokenClause {
    using TokenClause::operator=;
};
struct Code : TokenClause {
    using TokenClause::operator=;
};
struct Region : TokenClause {
    using TokenClause::operator=;
};
struct Url : TokenClause {
    using TokenClause::operator=;
};
// `no deadline`: the statute sets no time for the duty (value: the word after `no`).
struct NoDeadline : TokenClause {
    using TokenClause::operator=;
};
// `dated by trigger | deadline | EVENT`: the date that chooses the law
// version, or decides whether an exemption applies.
struct DatedBy : TokenClause {
    using TokenClause::operator=;
};
// `repeal DUTY` in a version: the duty ends with the version before.
struct Repeal : TokenClause {
    using TokenClause::operator=;
};

// Clauses that hold a list of names: `amends a, b`, `done by x or y`.
struct NameListClause : Located {
    std::vector<Token> names;
    NameListClause& operator=(std::vector<Token> list) {
        names = std::move(list);
        return *this;
    }
};
struct Amends : NameListClause {
    using NameListClause::operator=;
};
struct Lapses : NameListClause {
    using NameListClause::operator=;
};

struct InForce : Located {
    Token from;
    boost::optional<Token> to;  // none: open-ended
};

struct Trigger : Located {
    std::vector<Token> events;  // `on a or b`
    boost::optional<Condition> where;
};

struct Duration : Located {
    Token amount;
    Token unit;  // hours, days, working days, weeks, months, years (singular accepted)
};

// `within N UNIT [of EVENT]`: from the trigger, or from the latest EVENT
// at or before it.
struct Within : Located {
    Duration span;
    boost::optional<Token> anchor;
};

// `before EVENT [matching ATTRIBUTE]`: by the next such event after the trigger.
struct BeforeEvent : Located {
    Token event;
    boost::optional<Token> matching;
};

// `at age N years [M months]`
struct AtAge : Located {
    Token years;
    boost::optional<Token> months;
};

// `N UNIT before age N [years]`
struct BeforeAge : Located {
    Duration span;
    Token years;
};

// `then every next_interval_months months`: an interval recorded on the
// previous fulfilling event.
struct AttributeInterval : Located {
    Token attribute;
    Token unit;
};

// `, then every N UNIT [, otherwise every N UNIT] [until EVENT [or EVENT…]]`
struct Recurrence : Located {
    boost::variant<Duration, AttributeInterval> every;
    // `, otherwise every N UNIT` or `, otherwise no deadline`
    boost::optional<boost::variant<Duration, NoDeadline>> otherwise;
    std::vector<Token> until;
};

// One form of `earliest of (…)`, with an optional condition on the trigger:
// the form counts only where it holds. Only here may a span be read from
// the trigger (`within ATTRIBUTE months`: a time the decision set), as the
// form then counts only where the trigger records it.
struct DeadlineAlternative : Located {
    // `no deadline` only as a form of `first of`: where it is the form that
    // applies, the statute sets no time for that instance.
    boost::variant<Within, BeforeEvent, AtAge, BeforeAge, AttributeInterval, NoDeadline> form;
    boost::optional<Condition> where;
};

// `earliest of (A, B …)` / `latest of (A, B …)` / `first of (A, B …)`
struct DeadlineChoice : Located {
    std::string which;  // "earliest", "latest" or "first"
    std::vector<DeadlineAlternative> alternatives;
};

struct DeadlineRule : Located {
    boost::variant<Within, BeforeEvent, AtAge, BeforeAge, DeadlineChoice> first;
    // `, otherwise no deadline` after an age: none where that day has passed
    // when the duty opens.
    boost::optional<NoDeadline> passed;
    boost::optional<Recurrence> then;
};

struct Due : Located {
    DeadlineRule rule;
    Due& operator=(DeadlineRule r) {
        rule = std::move(r);
        return *this;
    }
};

// `target DEADLINE`: a programme's goal for its own duty; never a breach.
struct Target : Located {
    DeadlineRule rule;
    Target& operator=(DeadlineRule r) {
        rule = std::move(r);
        return *this;
    }
};

// `unless COND [cite "…"] [instead DUTY]`: a statutory exception inside the
// law, and the duty it leaves in the removed one's place.
struct Unless : Located {
    Condition condition;
    boost::optional<Token> cite;
    boost::optional<Token> instead;
};

// One fulfilling event: `investigation_completed`, `decision_made where kind == x`.
struct Fulfilment : Located {
    Token event;
    boost::optional<Conjunction> where;  // `and` only: an `or` would be read as the next event
};

// `, also before [within N UNIT] [since EVENT]`: an event before the
// trigger counts, back to a bound when one is given.
struct LookBack : Located {
    boost::optional<Duration> within;
    boost::optional<Token> since;
};

// `, N times`: a count of fulfilling events in each period of the duty
// (two supervision visits a year).
struct TimesClause : TokenClause {
    using TokenClause::operator=;
};

struct DoneBy : Located {
    std::vector<Fulfilment> events;
    boost::optional<TimesClause> times;
    boost::optional<LookBack> also_before;
};

using DutyClause =
    boost::variant<Cite, Trigger, Unless, Due, NoDeadline, Target, DatedBy, DoneBy, Lapses, Effort, Wording>;

struct Duty : Located {
    Token name;
    boost::optional<Token> title;
    std::vector<DutyClause> clauses;
};

// `change DUTY { … }` in a version: the duty as the version before gave it,
// each kind of clause written here replacing that kind's clauses.
struct DutyChange : Located {
    Token duty;
    std::vector<DutyClause> clauses;
};

// `cite DUTY "…"` in a version: the same duty under a new paragraph number.
struct CiteChange : Located {
    Token duty;
    Token cite;
};

// `version "LBK nr. …" from DATE { url "…" … }`: a consolidation or amending
// act, in force from DATE until the next version, amending the one before.
using VersionItem = boost::variant<Url, CiteChange, Repeal, Duty, DutyChange>;

struct Version : Located {
    Token title;
    Token from;
    std::vector<VersionItem> items;
};

// `finish DUTY, …`: open instances of the older law's duties continue, as
// one instance each, under this law from its start.
struct Finish : NameListClause {
    using NameListClause::operator=;
};

// `keep EVENT, … for DUTY, …`: such an event made under the older law
// fulfils this law's duty.
struct Keep : Located {
    std::vector<Token> events;
    std::vector<Token> duties;
};

// `transition from LAW cite "…" { … }`: a transitional provision.
struct Transition : Located {
    Token from;
    Token cite;
    std::vector<boost::variant<Finish, Keep>> items;
};

// `anchor "#P" after "SIGN"`: a citation's paragraph as a fragment of the
// statute's address: the prefix, then the number (and letter) that follows
// the marker (a section sign) in the citation ("155 b, stk. 2" -> "#P155b").
struct Anchor : Located {
    Token prefix;
    Token marker;
};

struct Law : Located {
    Token name;
    boost::optional<Token> title;
    std::vector<boost::variant<Short, InForce, Uses, CalendarRef, Anchor, Version, Transition, Duty>> items;
};

// ---- Exemption sets and municipalities

struct Waive : Located {
    Token duty;
    boost::optional<Condition> where;
    boost::optional<Token> instead;
    boost::optional<Token> dated;  // `dated by …`: the date that decides, when not the trigger's
};

// `covers LAW "PARAGRAPH", …`: the paragraphs of an amended law that the set's
// legal basis allows it to set aside, so lint can check every waiver and
// change against them.
struct Covers : Located {
    Token law;
    std::vector<Token> paragraphs;
};

// `change DUTY { due … }`: the exemption's own deadline for a law's duty.
struct Change : Located {
    Token duty;
    Due due;
};

struct ExemptionSet : Located {
    Token name;
    boost::optional<Token> title;
    std::vector<boost::variant<Basis, Url, Amends, Covers, InForce, Waive, Change, Duty>> items;
};

struct Population : Located {
    Token count;
    std::string provenance;  // "source" or "estimate"
    Token note;              // the source, or how the estimate was made
};

struct Adopts : Located {
    Token set;
    Token from;
    boost::optional<Token> to;
};

// `target DUTY DEADLINE basis "…"`: the municipality's published
// case-processing time for a duty; never a breach.
struct MunicipalityTarget : Located {
    Token duty;
    DeadlineRule rule;
    Token basis;
};

struct Municipality : Located {
    Token name;
    boost::optional<Token> title;
    std::vector<boost::variant<Code, Region, Population, Adopts, MunicipalityTarget>> items;
};

// ---- Scenarios, for simulation

// `exemptions SET { amends …  in force … }`: the set as it would be.
struct SetOverride : Located {
    Token set;
    std::vector<boost::variant<Amends, InForce>> items;
};

// `law LAW in force from DATE`: the law as if in force then.
struct LawOverride : Located {
    Token law;
    InForce in_force;
};

// `every municipality adopts SET from DATE [to DATE]`
struct EveryAdopts : Located {
    Adopts adoption;
    EveryAdopts& operator=(Adopts a) {
        adoption = std::move(a);
        return *this;
    }
};

// `municipality ID adopts SET from DATE [to DATE]`
struct MunicipalityAdopts : Located {
    Token municipality;
    Adopts adoption;
};

// `effort DUTY N hours`
struct EffortOverride : Located {
    Token duty;
    Token hours;
};

// `no exemptions`: no municipality adopts any set.
struct NoExemptions : TokenClause {
    using TokenClause::operator=;
};

// `version LAW "…" from DATE { … }`: the law amended from a date, as a bill
// would amend it; a version of the law's own, for this scenario only.
struct ScenarioVersion : Located {
    Token law;
    Token title;
    Token from;
    std::vector<VersionItem> items;
};

struct Scenario : Located {
    Token name;
    boost::optional<Token> title;
    std::vector<boost::variant<SetOverride, LawOverride, EveryAdopts, MunicipalityAdopts, EffortOverride, NoExemptions,
                               ScenarioVersion>>
        items;
};

// ---- Tests written in the language

struct CaseValue : Located {  // `filed_on 2024-05-14`, `kind complaint`
    Token name;
    Token value;
};

struct CaseEvent : Located {  // `concern_registered at 2019-03-05 { … }`
    Token event;
    Token at;
    std::vector<CaseValue> attributes;
};

struct CaseMunicipality : TokenClause {
    using TokenClause::operator=;
};

struct TestCase : Located {
    std::vector<boost::variant<CaseMunicipality, CaseEvent, CaseValue>> items;
    TestCase& operator=(std::vector<boost::variant<CaseMunicipality, CaseEvent, CaseValue>> list) {
        items = std::move(list);
        return *this;
    }
};

struct ExpectedDue : Located {
    bool before = false;  // `due before EVENT`
    Token value;          // a date, a date-time, or the event
};

// `expect [no] DUTY [instance N] [STATUS] [due …]`
struct Expectation : Located {
    bool absent = false;
    Token duty;
    boost::optional<Token> instance;
    boost::optional<Token> status;
    boost::optional<ExpectedDue> due;
    boost::optional<Token> cite;  // `cite "SEC 7, para. 2"`: the citation as output quotes it
};

struct Test : Located {
    Token title;
    TestCase case_;
    Token as_of;
    std::vector<Expectation> expectations;
};

using Declaration = boost::variant<Vocabulary, Calendar, Law, ExemptionSet, Municipality, Scenario, Test>;

struct File {
    std::vector<Declaration> declarations;
};

}  // namespace pligt::ast
