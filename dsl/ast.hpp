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
    std::string op;            // "==", "!=", "<", "<=", ">", ">=", "in"
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
    Factor& operator=(T value) { node = std::move(value); return *this; }
};

struct Conjunction : Located {
    std::vector<Factor> terms;  // joined by `and`
    Conjunction& operator=(std::vector<Factor> factors) { terms = std::move(factors); return *this; }
};

struct Condition : Located {
    std::vector<Conjunction> terms;  // joined by `or`
    Condition& operator=(std::vector<Conjunction> conjunctions) { terms = std::move(conjunctions); return *this; }
};

inline Negation& Negation::operator=(Factor factor) { operand.assign(1, std::move(factor)); return *this; }
inline Group& Group::operator=(Condition condition) { inner.assign(1, std::move(condition)); return *this; }

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

struct Kind : Located {
    Token name;
    std::vector<Token> values;
};

struct Attribute : Located {
    Token name;
    TypeRef type;
    boost::optional<Token> default_value;
    boost::optional<Token> title;
};

struct Event : Located {
    Token name;
    boost::optional<Token> title;
    std::vector<Attribute> attributes;
};

struct Vocabulary : Located {
    Token name;
    boost::optional<Token> title;
    std::vector<boost::variant<Fact, Kind, Event>> items;
};

// ---- Laws and duties

// Clauses that hold one token: `short "SEL"`, `uses x`, `cite "…"`, `basis "…"`,
// `code 159`, `region x`, `effort 2 hours`.
struct TokenClause : Located {
    Token value;
    TokenClause& operator=(Token token) { value = std::move(token); return *this; }
};
struct Short : TokenClause { using TokenClause::operator=; };
struct Uses : TokenClause { using TokenClause::operator=; };
struct Cite : TokenClause { using TokenClause::operator=; };
struct Effort : TokenClause { using TokenClause::operator=; };
struct Basis : TokenClause { using TokenClause::operator=; };
struct Code : TokenClause { using TokenClause::operator=; };
struct Region : TokenClause { using TokenClause::operator=; };

// Clauses that hold a list of names: `amends a, b`, `done by x or y`.
struct NameListClause : Located {
    std::vector<Token> names;
    NameListClause& operator=(std::vector<Token> list) { names = std::move(list); return *this; }
};
struct DoneBy : NameListClause { using NameListClause::operator=; };
struct Amends : NameListClause { using NameListClause::operator=; };

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
    Token unit;  // hours, days, weeks, months, years (singular accepted)
};

struct Due : Located {
    Duration within;
    Due& operator=(Duration duration) { within = std::move(duration); return *this; }
};

struct Duty : Located {
    Token name;
    boost::optional<Token> title;
    std::vector<boost::variant<Cite, Trigger, Due, DoneBy, Effort>> clauses;
};

struct Law : Located {
    Token name;
    boost::optional<Token> title;
    std::vector<boost::variant<Short, InForce, Uses, Duty>> items;
};

// ---- Exemption sets and municipalities

struct Waive : Located {
    Token duty;
    boost::optional<Token> instead;
};

struct ExemptionSet : Located {
    Token name;
    boost::optional<Token> title;
    std::vector<boost::variant<Basis, Amends, InForce, Waive, Duty>> items;
};

struct Children : Located {
    Token count;
    std::string provenance;  // "source" or "estimate"
    Token note;              // the source, or how the estimate was made
};

struct Adopts : Located {
    Token set;
    Token from;
    boost::optional<Token> to;
};

struct Municipality : Located {
    Token name;
    boost::optional<Token> title;
    std::vector<boost::variant<Code, Region, Children, Adopts>> items;
};

using Declaration = boost::variant<Vocabulary, Law, ExemptionSet, Municipality>;

struct File {
    std::vector<Declaration> declarations;
};

}  // namespace pligt::ast
