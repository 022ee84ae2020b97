// Conditions: names resolved against one event's attributes, the facts,
// the states and `age`; types checked; compiled into Program's flat node array.
#include "dsl/resolver.hpp"

#include <algorithm>

namespace pligt::detail {

Index Resolver::add_node(ConditionNode node) {
    program_.conditions.push_back(node);
    return static_cast<Index>(program_.conditions.size() - 1);
}

// A condition that never holds: `not` over the always-true node.
Index Resolver::add_never() {
    ConditionNode node;
    node.op = ConditionOp::negate;
    node.first = add_node(ConditionNode{});
    return add_node(node);
}

Index Resolver::add_list(ConditionOp op, std::vector<Index> const& operands) {
    if (operands.size() == 1) return operands.front();
    ConditionNode node;
    node.op = op;
    node.first = static_cast<Index>(program_.condition_operands.size());
    node.count = static_cast<Index>(operands.size());
    program_.condition_operands.insert(program_.condition_operands.end(), operands.begin(), operands.end());
    return add_node(node);
}

std::optional<std::vector<Index>> Resolver::compile_per_event(ast::Condition const& condition,
                                                              std::vector<Index> const& events, Index vocabulary,
                                                              bool others_absent) {
    std::vector<Index> roots;
    std::size_t const reported = diagnostics_.size();
    for (auto const event : events) {
        auto const root = compile(condition, ConditionScope{event, vocabulary, others_absent ? &events : nullptr});
        if (root == no_index || diagnostics_.size() != reported) return std::nullopt;
        roots.push_back(root);
    }
    return roots;
}

Index Resolver::compile(ast::Condition const& condition, ConditionScope const& scope) {
    std::vector<Index> any;
    for (auto const& conjunction : condition.terms) {
        auto const node = compile(conjunction, scope);
        if (node == no_index) return no_index;
        any.push_back(node);
    }
    return add_list(ConditionOp::any, any);
}

Index Resolver::compile(ast::Conjunction const& conjunction, ConditionScope const& scope) {
    std::vector<Index> all;
    for (auto const& factor : conjunction.terms) {
        auto const node = compile(factor, scope);
        if (node == no_index) return no_index;
        all.push_back(node);
    }
    return add_list(ConditionOp::all, all);
}

Index Resolver::compile(ast::Factor const& factor, ConditionScope const& scope) {
    return visit(
        factor.node,
        [&](ast::Negation const& n) -> Index {
            auto const operand = compile(n.operand.front(), scope);
            if (operand == no_index) return no_index;
            ConditionNode node;
            node.op = ConditionOp::negate;
            node.first = operand;
            return add_node(node);
        },
        [&](ast::Group const& g) -> Index { return compile(g.inner.front(), scope); },
        [&](ast::Comparison const& c) -> Index { return compile(c, scope); });
}

std::optional<Resolver::TypedOperand> Resolver::resolve_operand(ast::Token const& name, ConditionScope const& scope) {
    if (name.text == "true" || name.text == "false")
        return TypedOperand{{OperandKind::constant, no_index, name.text == "true" ? 1 : 0}, Type{}};
    EventDef const* event = scope.event == no_index ? nullptr : &program_.events[scope.event];
    if (event)
        for (std::size_t i = 0; i < event->attributes.size(); ++i)
            if (event->attributes[i].id == name.text)
                return TypedOperand{{OperandKind::attribute, static_cast<Index>(i), 0}, event->attributes[i].type};
    auto const fact = program_.find_fact(name.text);
    if (fact != no_index && (scope.vocabulary == no_index || program_.facts[fact].vocabulary == scope.vocabulary))
        return TypedOperand{{OperandKind::fact, fact, 0}, program_.facts[fact].type};
    auto const state = program_.find_state(name.text);
    if (state != no_index && (scope.vocabulary == no_index || program_.states[state].vocabulary == scope.vocabulary))
        return TypedOperand{{OperandKind::state, state, 0}, Type{}};
    // An attribute of another trigger event of the duty: absent from this
    // one, so whatever compares it is false here (its type still checks the
    // comparison).
    if (scope.others)
        for (auto const other : *scope.others) {
            if (other == scope.event) continue;
            for (auto const& attribute : program_.events[other].attributes)
                if (attribute.id == name.text)
                    return TypedOperand{{OperandKind::attribute, no_index, 0}, attribute.type, true};
        }
    if (name.text == "age") {
        if (age_fact() != no_index) return TypedOperand{{OperandKind::age, no_index, 0}, Type{BaseType::integer}};
        needs_age(name, "'age'");
        return std::nullopt;
    }
    std::vector<std::string_view> known{"age"};
    if (event)
        for (auto const& a : event->attributes) known.push_back(a.id);
    for (auto const& f : program_.facts) known.push_back(f.id);
    for (auto const& st : program_.states) known.push_back(st.id);
    // States are named only where the rules declare some.
    auto const others = program_.states.empty() ? "a fact" : "a fact or state";
    error(name, "unknown_name",
          event ? fmt::format("'{}' is neither an attribute of event '{}' nor {}{}", name.text, event->id, others,
                              did_you_mean(name.text, known))
                : fmt::format("'{}' is not {}{}", name.text, others, did_you_mean(name.text, known)));
    return std::nullopt;
}

Index Resolver::compile(ast::Comparison const& comparison, ConditionScope const& scope) {
    auto const left = resolve_operand(comparison.left, scope);
    if (!left) return no_index;
    ConditionNode node;
    node.left = left->operand;
    if (!comparison.tail) {
        if (left->type.base != BaseType::boolean) {
            error(comparison.left, "type_mismatch",
                  fmt::format("'{}' is not true or false; compare it (==, in {{…}}, >=, …)", comparison.left.text));
            return no_index;
        }
        if (left->absent) return add_never();
        switch (left->operand.kind) {
        case OperandKind::attribute: node.op = ConditionOp::attribute; break;
        case OperandKind::fact: node.op = ConditionOp::fact; break;
        case OperandKind::state: node.op = ConditionOp::state; break;
        default:
            // `true` or `false` written as a condition.
            if (left->operand.constant) return add_node(ConditionNode{});
            node.op = ConditionOp::negate;
            node.first = add_node(ConditionNode{});
        }
        return add_node(node);
    }
    auto const& tail = *comparison.tail;
    auto const base = left->type.base;
    if (left->operand.kind == OperandKind::constant) {
        error(comparison.left, "type_mismatch", "compare an attribute, a fact or age, not a constant");
        return no_index;
    }
    if (tail.op == "in") {
        if (base != BaseType::kind && base != BaseType::integer) {
            error(comparison.left, "type_mismatch",
                  fmt::format("'in {{…}}' needs a kind or a number, and '{}' is neither", comparison.left.text));
            return no_index;
        }
        std::vector<Value> values;
        for (auto const& token : tail.values) {
            auto const value = read_value(token, left->type);
            if (!value) return no_index;
            values.push_back(*value);
        }
        if (left->absent) return add_never();
        node.op = ConditionOp::member;
        node.first = static_cast<Index>(program_.member_values.size());
        node.count = static_cast<Index>(values.size());
        program_.member_values.insert(program_.member_values.end(), values.begin(), values.end());
        // Values from 0 to 63 (every kind's, in practice) as a bit set too,
        // so that the evaluator tests membership with one shift.
        if (std::all_of(values.begin(), values.end(), [](Value v) { return v >= 0 && v < 64; })) {
            node.right.kind = OperandKind::constant;
            node.right.index = 1;
            for (auto const v : values) node.right.constant |= Value{1} << v;
        }
        return add_node(node);
    }
    static std::pair<char const*, Comparator> const comparators[] = {{"==", Comparator::eq}, {"!=", Comparator::ne},
                                                                     {"<", Comparator::lt},  {"<=", Comparator::le},
                                                                     {">", Comparator::gt},  {">=", Comparator::ge}};
    for (auto const& [text, comparator] : comparators)
        if (tail.op == text) node.comparator = comparator;
    bool const ordering = node.comparator != Comparator::eq && node.comparator != Comparator::ne;
    if (ordering && base != BaseType::integer && base != BaseType::date) {
        error(comparison.left, "type_mismatch",
              fmt::format("'{}' only compares numbers and dates, and '{}' is neither", tail.op, comparison.left.text));
        return no_index;
    }
    if (base == BaseType::text) {
        error(comparison.left, "type_mismatch",
              fmt::format("'{}' is a text, which rules do not compare", comparison.left.text));
        return no_index;
    }
    auto const right = read_value(tail.values.front(), left->type);
    if (!right) return no_index;
    if (left->absent) return add_never();
    node.op = ConditionOp::compare;
    node.right = Operand{OperandKind::constant, no_index, *right};
    return add_node(node);
}

}  // namespace pligt::detail
