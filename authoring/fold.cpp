#include "authoring/fold.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <utility>
#include <vector>

namespace pligt {
namespace {

// The values one operand may take under a conjunction of comparisons. Every
// comparison that holds needs the value present (an absent value compares
// false), so a positive constraint also rules out absence; a negated one
// (`not urgent`) holds for an absent value and constrains only a present one.
struct Domain {
    Value low = std::numeric_limits<Value>::min();
    Value high = std::numeric_limits<Value>::max();
    std::optional<std::vector<Value>> allowed;  // from == and in {…}
    std::vector<Value> excluded;                // from != and not in {…}
    bool present = false;                       // some positive constraint needs a value

    void keep_only(std::vector<Value> values) {
        std::sort(values.begin(), values.end());
        if (allowed) {
            std::vector<Value> both;
            std::set_intersection(allowed->begin(), allowed->end(), values.begin(), values.end(),
                                  std::back_inserter(both));
            values = std::move(both);
        }
        allowed = std::move(values);
    }

    void constrain(Comparator comparator, Value v) {
        constexpr Value min = std::numeric_limits<Value>::min(), max = std::numeric_limits<Value>::max();
        switch (comparator) {
        case Comparator::eq: keep_only({v}); break;
        case Comparator::ne: excluded.push_back(v); break;
        case Comparator::lt:
            if (v == min) keep_only({});
            else high = std::min(high, v - 1);
            break;
        case Comparator::le: high = std::min(high, v); break;
        case Comparator::gt:
            if (v == max) keep_only({});
            else low = std::max(low, v + 1);
            break;
        case Comparator::ge: low = std::max(low, v); break;
        }
    }

    bool admits(Value v) const {
        return low <= v && v <= high && std::find(excluded.begin(), excluded.end(), v) == excluded.end();
    }

    bool empty() const {
        if (allowed) return std::none_of(allowed->begin(), allowed->end(), [&](Value v) { return admits(v); });
        if (low > high) return true;
        // Wide ranges always keep a value; a narrow one may be all excluded.
        auto const width = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
        if (width >= excluded.size()) return false;
        for (Value v = low;; ++v) {
            if (admits(v)) return false;
            if (v == high) return true;
        }
    }
};

Comparator inverse(Comparator comparator) {
    switch (comparator) {
    case Comparator::eq: return Comparator::ne;
    case Comparator::ne: return Comparator::eq;
    case Comparator::lt: return Comparator::ge;
    case Comparator::le: return Comparator::gt;
    case Comparator::gt: return Comparator::le;
    case Comparator::ge: return Comparator::lt;
    }
    return comparator;
}

using Key = std::pair<OperandKind, Index>;
struct Atom {
    Index node;
    bool negated;
};

// The comparisons a conjunction requires, through nested `and`, `not not`
// and `not (a or b)`.
void collect(Program const& program, Index index, bool negated, std::vector<Atom>& atoms) {
    auto const& node = program.conditions[index];
    switch (node.op) {
    case ConditionOp::negate: collect(program, node.first, !negated, atoms); break;
    case ConditionOp::all:
    case ConditionOp::any:
        if ((node.op == ConditionOp::all) == !negated)
            for (Index i = 0; i < node.count; ++i)
                collect(program, program.condition_operands[node.first + i], negated, atoms);
        break;
    case ConditionOp::always: break;
    default: atoms.push_back(Atom{index, negated});
    }
}

// The values an operand's type allows: a bool is 0 or 1, a kind one of its values.
Domain domain_of(Program const& program, Index event, Operand const& operand) {
    Type type{BaseType::integer};
    if (operand.kind == OperandKind::state) type = Type{BaseType::boolean};
    else if (operand.kind == OperandKind::attribute && event != no_index)
        type = program.events[event].attributes[operand.index].type;
    else if (operand.kind == OperandKind::fact) type = program.facts[operand.index].type;
    Domain domain;
    if (type.base == BaseType::boolean) {
        domain.low = 0;
        domain.high = 1;
    } else if (type.base == BaseType::kind) {
        domain.low = 0;
        domain.high = static_cast<Value>(program.kinds[type.kind].values.size()) - 1;
    }
    return domain;
}

void apply(Program const& program, Domain& domain, ConditionNode const& node, bool negated) {
    switch (node.op) {
    case ConditionOp::attribute:
    case ConditionOp::fact:
    case ConditionOp::state: domain.constrain(negated ? Comparator::ne : Comparator::eq, 1); break;
    case ConditionOp::compare:
        domain.constrain(negated ? inverse(node.comparator) : node.comparator, node.right.constant);
        break;
    case ConditionOp::member: {
        std::vector<Value> const values(program.member_values.begin() + node.first,
                                        program.member_values.begin() + node.first + node.count);
        if (negated) domain.excluded.insert(domain.excluded.end(), values.begin(), values.end());
        else domain.keep_only(values);
        break;
    }
    default: break;
    }
}

// Every operand's domain under the conjunction at `index`.
std::map<Key, Domain> domains_of(Program const& program, Index event, Index index) {
    std::vector<Atom> atoms;
    collect(program, index, false, atoms);
    std::map<Key, Domain> domains;
    for (auto const& atom : atoms) {
        auto const& node = program.conditions[atom.node];
        auto const key = Key{node.left.kind, node.left.index};
        auto it = domains.find(key);
        if (it == domains.end()) it = domains.emplace(key, domain_of(program, event, node.left)).first;
        apply(program, it->second, node, atom.negated);
        it->second.present |= !atom.negated;
    }
    return domains;
}

bool contradictory(Program const& program, Index event, Index conjunction) {
    auto const domains = domains_of(program, event, conjunction);
    return std::any_of(domains.begin(), domains.end(),
                       [](auto const& entry) { return entry.second.present && entry.second.empty(); });
}

}  // namespace

Truth Folder::truth(Index index) const {
    auto const& node = program_.conditions[index];
    switch (node.op) {
    case ConditionOp::always: return Truth::always;
    case ConditionOp::negate: {
        auto const inner = truth(node.first);
        return inner == Truth::unknown ? inner : inner == Truth::always ? Truth::never : Truth::always;
    }
    case ConditionOp::all:
    case ConditionOp::any: {
        bool const conjunction = node.op == ConditionOp::all;
        Truth const decisive = conjunction ? Truth::never : Truth::always;
        bool all_opposite = true;
        for (Index i = 0; i < node.count; ++i) {
            auto const child = truth(program_.condition_operands[node.first + i]);
            if (child == decisive) return decisive;
            all_opposite &= child != Truth::unknown;
        }
        if (all_opposite) return conjunction ? Truth::always : Truth::never;
        return conjunction && contradictory(program_, event_, index) ? Truth::never : Truth::unknown;
    }
    default: return Truth::unknown;
    }
}

std::optional<Value> Folder::lowest(Index condition, OperandKind kind, Index operand) const {
    auto const domains = domains_of(program_, event_, condition);
    auto const it = domains.find(Key{kind, operand});
    if (it == domains.end() || !it->second.present || it->second.low == std::numeric_limits<Value>::min())
        return std::nullopt;
    return it->second.low;
}

}  // namespace pligt
