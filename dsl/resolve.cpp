#include "dsl/resolve.hpp"

#include "dsl/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace pligt {
namespace {

template <typename... F>
struct overloaded : F... {
    using F::operator()...;
};
template <typename... F>
overloaded(F...) -> overloaded<F...>;

template <typename Variant, typename... F>
decltype(auto) visit(Variant const& v, F&&... f) {
    return boost::apply_visitor(overloaded{std::forward<F>(f)...}, v);
}

std::vector<std::string_view> keys_of(std::unordered_map<std::string, Index> const& map) {
    std::vector<std::string_view> keys;
    keys.reserve(map.size());
    for (auto const& [key, value] : map) keys.push_back(key);
    std::sort(keys.begin(), keys.end());  // deterministic suggestions
    return keys;
}

std::optional<std::int64_t> read_integer(std::string const& text) {
    std::int64_t value = 0;
    auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// The duty being resolved: which events may trigger it and where names live.
struct DutyScope {
    Index vocabulary = no_index;
    std::string owner;  // "law example_act", for messages
};

class Resolver {
public:
    Resolver(Program& program, std::vector<ast::File> const& files, Diagnostics& diagnostics)
        : program_{program}, files_{files}, diagnostics_{diagnostics} {}

    void run() {
        for_each_declaration([this](ast::Vocabulary const& v) { declare_kinds(v); });
        for_each_declaration([this](ast::Vocabulary const& v) { declare_vocabulary_items(v); });
        for_each_declaration([this](ast::Law const& law) { declare_law_or_set(law); });
        for_each_declaration([this](ast::ExemptionSet const& set) { declare_law_or_set(set); });
        for_each_declaration([this](ast::Law const& law) { resolve_law(law); });
        for_each_declaration([this](ast::ExemptionSet const& set) { resolve_exemption_set(set); });
        for_each_declaration([this](ast::Municipality const& m) { resolve_municipality(m); });
        index_triggers();
    }

private:
    // Calls f with each declaration of the type it takes, with current_source_
    // set for diagnostics.
    template <typename F>
    void for_each_declaration(F&& f) {
        for (std::size_t i = 0; i < files_.size(); ++i) {
            current_source_ = static_cast<Index>(i);
            for (auto const& declaration : files_[i].declarations) {
                boost::apply_visitor(
                    [&](auto const& d) {
                        if constexpr (std::is_invocable_v<F&, decltype(d)>) f(d);
                    },
                    declaration);
            }
        }
    }

    SourceFile const& source() const { return program_.sources[current_source_]; }

    void error(ast::Located const& at, std::string code, std::string message) {
        diagnostics_.error(source(), at.begin, at.end, std::move(code), std::move(message));
    }

    Origin origin(ast::Located const& at) const {
        return Origin{current_source_, static_cast<std::uint32_t>(at.begin), static_cast<std::uint32_t>(at.end)};
    }

    std::string where(Origin const& o) const {
        auto const& file = program_.sources[o.source];
        auto const at = file.position(o.begin);
        return fmt::format("{}:{}:{}", file.name(), at.line, at.column);
    }

    // Registers a name; a duplicate is an error at the second definition.
    bool declare(std::unordered_map<std::string, Index>& names, std::unordered_map<std::string, Origin>& origins,
                 ast::Token const& name, Index index, std::string_view what) {
        auto const [it, inserted] = names.emplace(name.text, index);
        if (!inserted) {
            error(name, "duplicate_id",
                  fmt::format("duplicate {} '{}'; first defined at {}", what, name.text, where(origins[name.text])));
            return false;
        }
        origins[name.text] = origin(name);
        return true;
    }

    // ---- Pass 1: vocabulary

    void declare_kinds(ast::Vocabulary const& vocabulary) {
        auto const index = static_cast<Index>(program_.vocabularies.size());
        if (!declare(vocabulary_ids_, vocabulary_origins_, vocabulary.name, index, "vocabulary")) return;
        program_.vocabularies.push_back({vocabulary.name.text, vocabulary.title.value_or(ast::Token{}).text,
                                         origin(vocabulary.name)});
        for (auto const& item : vocabulary.items) {
            auto const* kind = boost::get<ast::Kind>(&item);
            if (!kind) continue;
            auto const kind_index = static_cast<Index>(program_.kinds.size());
            if (!declare(kind_ids_, kind_origins_, kind->name, kind_index, "kind")) continue;
            KindDef def{kind->name.text, {}, origin(kind->name)};
            for (auto const& value : kind->values) {
                if (std::find(def.values.begin(), def.values.end(), value.text) != def.values.end()) {
                    error(value, "duplicate_id", fmt::format("duplicate value '{}' in kind '{}'", value.text, def.id));
                    continue;
                }
                def.values.push_back(value.text);
            }
            program_.kinds.push_back(std::move(def));
        }
    }

    std::optional<Type> read_type(ast::TypeRef const& ref) {
        Type type;
        type.optional = ref.optional;
        auto const& name = ref.name.text;
        if (name == "bool") type.base = BaseType::boolean;
        else if (name == "int") type.base = BaseType::integer;
        else if (name == "date") type.base = BaseType::date;
        else if (name == "text") type.base = BaseType::text;
        else if (auto const it = kind_ids_.find(name); it != kind_ids_.end()) {
            type.base = BaseType::kind;
            type.kind = it->second;
        } else {
            auto known = keys_of(kind_ids_);
            for (std::string_view builtin : {"bool", "int", "date", "text"}) known.push_back(builtin);
            error(ref.name, "unknown_type",
                  fmt::format("unknown type '{}' (bool, int, date, text or a kind){}", name, did_you_mean(name, known)));
            return std::nullopt;
        }
        return type;
    }

    // A literal of the given type: true/false, a whole number, a date, or a
    // value of the kind.
    std::optional<Value> read_value(ast::Token const& token, Type const& type) {
        auto const& text = token.text;
        switch (type.base) {
        case BaseType::boolean:
            if (text == "true" || text == "false") return text == "true" ? 1 : 0;
            error(token, "type_mismatch", fmt::format("expected true or false, found '{}'", text));
            return std::nullopt;
        case BaseType::integer:
            if (auto const n = read_integer(text)) return *n;
            error(token, "type_mismatch", fmt::format("expected a whole number, found '{}'", text));
            return std::nullopt;
        case BaseType::date:
            if (auto const d = read_date(token)) return d->days();
            return std::nullopt;
        case BaseType::kind: {
            auto const& kind = program_.kinds[type.kind];
            auto const it = std::find(kind.values.begin(), kind.values.end(), text);
            if (it != kind.values.end()) return static_cast<Value>(it - kind.values.begin());
            std::vector<std::string_view> const known(kind.values.begin(), kind.values.end());
            error(token, "unknown_kind_value",
                  fmt::format("unknown value '{}' of kind '{}'{}", text, kind.id, did_you_mean(text, known)));
            return std::nullopt;
        }
        case BaseType::text:
            error(token, "type_mismatch", "a text attribute cannot be compared in a rule");
            return std::nullopt;
        }
        return std::nullopt;
    }

    std::optional<Date> read_date(ast::Token const& token) {
        if (auto const d = Date::parse(token.text)) return d;
        error(token, "invalid_date", fmt::format("'{}' is not a date in the calendar", token.text));
        return std::nullopt;
    }

    void declare_vocabulary_items(ast::Vocabulary const& vocabulary) {
        auto const it = vocabulary_ids_.find(vocabulary.name.text);
        if (it == vocabulary_ids_.end() || vocabulary_origins_[vocabulary.name.text].begin != vocabulary.name.begin)
            return;  // a duplicate vocabulary, already reported
        Index const vocabulary_index = it->second;
        for (auto const& item : vocabulary.items) {
            visit(
                item, [](ast::Kind const&) {},
                [&](ast::Fact const& fact) {
                    auto const type = read_type(fact.type);
                    auto const index = static_cast<Index>(program_.facts.size());
                    if (!declare(program_.fact_ids, fact_origins_, fact.name, index, "fact") || !type) return;
                    program_.facts.push_back({fact.name.text, fact.title.value_or(ast::Token{}).text, *type,
                                              vocabulary_index, origin(fact.name)});
                },
                [&](ast::Event const& event) {
                    auto const index = static_cast<Index>(program_.events.size());
                    if (!declare(program_.event_ids, event_origins_, event.name, index, "event")) return;
                    EventDef def{event.name.text, event.title.value_or(ast::Token{}).text, vocabulary_index, {},
                                 origin(event.name)};
                    for (auto const& attribute : event.attributes) {
                        auto const duplicate = std::any_of(def.attributes.begin(), def.attributes.end(),
                                                           [&](auto const& a) { return a.id == attribute.name.text; });
                        if (duplicate) {
                            error(attribute.name, "duplicate_id",
                                  fmt::format("duplicate attribute '{}' of event '{}'", attribute.name.text, def.id));
                            continue;
                        }
                        if (attribute.name.text == "event" || attribute.name.text == "at") {
                            error(attribute.name, "reserved_name",
                                  fmt::format("'{}' is reserved for the event's own fields in a case",
                                              attribute.name.text));
                            continue;
                        }
                        auto const type = read_type(attribute.type);
                        if (!type) continue;
                        AttributeDef a{attribute.name.text, attribute.title.value_or(ast::Token{}).text, *type, {}};
                        if (attribute.default_value) {
                            if (type->optional)
                                error(*attribute.default_value, "optional_with_default",
                                      "an optional attribute ('?') has no default; drop one of them");
                            a.default_value = read_value(*attribute.default_value, *type);
                        }
                        def.attributes.push_back(std::move(a));
                    }
                    program_.events.push_back(std::move(def));
                });
        }
    }

    // ---- Pass 2: names of laws and exemption sets (they refer to each other)

    void declare_law_or_set(ast::Law const& law) {
        declare(law_ids_, law_origins_, law.name, static_cast<Index>(law_asts_.size()), "law");
        law_asts_.push_back(&law);
    }
    void declare_law_or_set(ast::ExemptionSet const& set) {
        declare(set_ids_, set_origins_, set.name, static_cast<Index>(set_asts_.size()), "exemption set");
        set_asts_.push_back(&set);
        if (law_ids_.count(set.name.text))
            error(set.name, "duplicate_id",
                  fmt::format("exemption set '{}' has the id of a law; duty results name both by id", set.name.text));
    }

    bool first_definition(std::unordered_map<std::string, Origin>& origins, ast::Token const& name) {
        return origins[name.text].begin == name.begin && origins[name.text].source == current_source_;
    }

    std::optional<Period> read_period(ast::InForce const& in_force) {
        auto const from = read_date(in_force.from);
        std::optional<Date> to;
        if (in_force.to) {
            to = read_date(*in_force.to);
            if (!to) return std::nullopt;
            if (from && *to < *from) {
                error(*in_force.to, "empty_period",
                      fmt::format("the period ends ({}) before it starts ({})", in_force.to->text, in_force.from.text));
                return std::nullopt;
            }
        }
        if (!from) return std::nullopt;
        return Period{*from, to};
    }

    // Reports a clause that may appear once but appears again.
    template <typename T>
    bool once(T const*& seen, T const& clause, std::string_view what, std::string_view owner) {
        if (seen) {
            error(clause, "duplicate_clause",
                  fmt::format("{} has a second {}; first given at {}", owner, what, where(origin(*seen))));
            return false;
        }
        seen = &clause;
        return true;
    }

    void resolve_law(ast::Law const& law) {
        if (!first_definition(law_origins_, law.name)) return;
        LawDef def{law.name.text, law.title.value_or(ast::Token{}).text, {}, {}, no_index, {}, origin(law.name)};
        auto const owner = fmt::format("law '{}'", def.id);
        ast::Short const* short_name = nullptr;
        ast::InForce const* in_force = nullptr;
        ast::Uses const* uses = nullptr;
        std::vector<ast::Duty const*> duties;
        for (auto const& item : law.items) {
            visit(
                item, [&](ast::Short const& c) { if (once(short_name, c, "short name", owner)) def.short_name = c.value.text; },
                [&](ast::InForce const& c) {
                    if (!once(in_force, c, "period in force", owner)) return;
                    if (auto const period = read_period(c)) def.in_force = *period;
                },
                [&](ast::Uses const& c) {
                    if (!once(uses, c, "vocabulary", owner)) return;
                    auto const it = vocabulary_ids_.find(c.value.text);
                    if (it == vocabulary_ids_.end())
                        error(c.value, "unknown_vocabulary",
                              fmt::format("unknown vocabulary '{}'{}", c.value.text,
                                          did_you_mean(c.value.text, keys_of(vocabulary_ids_))));
                    else
                        def.vocabulary = it->second;
                },
                [&](ast::Duty const& c) { duties.push_back(&c); });
        }
        if (!in_force) error(law.name, "missing_clause", fmt::format("{} has no period in force (in force DATE to DATE)", owner));
        if (!uses) error(law.name, "missing_clause", fmt::format("{} names no vocabulary (uses VOCABULARY)", owner));

        auto const law_index = static_cast<Index>(program_.laws.size());
        laws_by_name_[def.id] = law_index;
        DutyScope const scope{def.vocabulary, owner};
        std::unordered_map<std::string, Index> duty_names;
        std::unordered_map<std::string, Origin> duty_origins;
        for (auto const* duty : duties) {
            if (!declare(duty_names, duty_origins, duty->name, 0, fmt::format("duty in {}", owner))) continue;
            if (auto index = resolve_duty(*duty, scope)) {
                program_.duties[*index].owner = law_index;
                def.duties.push_back(*index);
            }
        }
        program_.laws.push_back(std::move(def));
    }

    std::optional<Index> resolve_duty(ast::Duty const& duty, DutyScope const& scope) {
        DutyDef def;
        def.id = duty.name.text;
        def.origin = origin(duty.name);
        auto const owner = fmt::format("duty '{}'", def.id);
        if (duty.title) def.title = duty.title->text;
        else error(duty.name, "missing_title", fmt::format("{} has no title; write it in the law's words after the id", owner));

        ast::Cite const* cite = nullptr;
        ast::Trigger const* trigger = nullptr;
        ast::Due const* due = nullptr;
        ast::DoneBy const* done_by = nullptr;
        ast::Effort const* effort = nullptr;
        bool ok = true;
        for (auto const& clause : duty.clauses) {
            visit(
                clause, [&](ast::Cite const& c) { if (once(cite, c, "citation", owner)) def.cite = c.value.text; },
                [&](ast::Trigger const& c) { if (once(trigger, c, "trigger (on …)", owner)) ok &= resolve_trigger(c, scope, def); },
                [&](ast::Due const& c) {
                    if (!once(due, c, "deadline", owner)) return;
                    if (auto const span = read_span(c.within)) def.due = *span;
                    else ok = false;
                },
                [&](ast::DoneBy const& c) {
                    if (!once(done_by, c, "fulfilling event (done by …)", owner)) return;
                    for (auto const& name : c.names) {
                        auto const event = find_event(name, scope);
                        if (event == no_index) ok = false;
                        else def.done_by.push_back(event);
                    }
                },
                [&](ast::Effort const& c) {
                    if (!once(effort, c, "effort", owner)) return;
                    def.effort_hours = std::stod(c.value.text);
                });
        }
        auto const missing = [&](bool present, std::string_view what) {
            if (present) return;
            error(duty.name, "missing_clause", fmt::format("{} has no {}", owner, what));
            ok = false;
        };
        missing(cite, "citation (cite \"…\"): every duty names the paragraph it encodes");
        missing(trigger, "trigger (on EVENT)");
        missing(due, "deadline (due within N UNIT)");
        missing(done_by, "fulfilling event (done by EVENT)");
        if (!ok) return std::nullopt;
        auto const index = static_cast<Index>(program_.duties.size());
        program_.duties.push_back(std::move(def));
        return index;
    }

    std::optional<Span> read_span(ast::Duration const& duration) {
        static std::pair<char const*, TimeUnit> const units[] = {
            {"hour", TimeUnit::hours},   {"hours", TimeUnit::hours}, {"day", TimeUnit::days},
            {"days", TimeUnit::days},    {"week", TimeUnit::weeks},  {"weeks", TimeUnit::weeks},
            {"month", TimeUnit::months}, {"months", TimeUnit::months}, {"year", TimeUnit::years},
            {"years", TimeUnit::years}};
        auto const amount = read_integer(duration.amount.text);
        if (!amount || *amount < 1 || *amount > 100000) {
            error(duration.amount, "invalid_number",
                  fmt::format("expected a whole number from 1 to 100000, found '{}'", duration.amount.text));
            return std::nullopt;
        }
        for (auto const& [name, unit] : units)
            if (duration.unit.text == name) return Span{static_cast<std::int32_t>(*amount), unit};
        error(duration.unit, "unknown_unit",
              fmt::format("unknown unit '{}' (hours, days, weeks, months or years){}", duration.unit.text,
                          did_you_mean(duration.unit.text, {"hours", "days", "weeks", "months", "years"})));
        return std::nullopt;
    }

    Index find_event(ast::Token const& name, DutyScope const& scope) {
        auto const index = program_.find_event(name.text);
        if (index != no_index && (scope.vocabulary == no_index || program_.events[index].vocabulary == scope.vocabulary))
            return index;
        std::vector<std::string_view> known;
        for (auto const& event : program_.events)
            if (scope.vocabulary == no_index || event.vocabulary == scope.vocabulary) known.push_back(event.id);
        if (index != no_index)
            error(name, "unknown_event",
                  fmt::format("event '{}' belongs to vocabulary '{}', which {} does not use", name.text,
                              program_.vocabularies[program_.events[index].vocabulary].id, scope.owner));
        else
            error(name, "unknown_event", fmt::format("unknown event '{}'{}", name.text, did_you_mean(name.text, known)));
        return no_index;
    }

    bool resolve_trigger(ast::Trigger const& trigger, DutyScope const& scope, DutyDef& def) {
        bool ok = true;
        for (auto const& name : trigger.events) {
            auto const event = find_event(name, scope);
            if (event == no_index) ok = false;
            else def.triggers.push_back(event);
        }
        if (!ok || !trigger.where) return ok;
        auto const& text = source().text();
        def.condition_text = text.substr(trigger.where->begin, trigger.where->end - trigger.where->begin);
        // Compile once per trigger event; report name errors only once.
        std::size_t const errors_before = diagnostics_.size();
        for (auto const event : def.triggers) {
            if (diagnostics_.size() != errors_before) return false;
            auto const root = compile(*trigger.where, event, scope);
            if (root == no_index) return false;
            def.conditions.push_back(root);
        }
        return true;
    }

    // ---- Conditions

    struct TypedOperand {
        Operand operand;
        Type type;
    };

    Index add_node(ConditionNode node) {
        program_.conditions.push_back(node);
        return static_cast<Index>(program_.conditions.size() - 1);
    }

    Index add_list(ConditionOp op, std::vector<Index> const& children) {
        if (children.size() == 1) return children.front();
        ConditionNode node;
        node.op = op;
        node.first = static_cast<Index>(program_.condition_children.size());
        node.count = static_cast<Index>(children.size());
        program_.condition_children.insert(program_.condition_children.end(), children.begin(), children.end());
        return add_node(node);
    }

    Index compile(ast::Condition const& condition, Index event, DutyScope const& scope) {
        std::vector<Index> any;
        for (auto const& conjunction : condition.terms) {
            std::vector<Index> all;
            for (auto const& factor : conjunction.terms) {
                auto const node = compile(factor, event, scope);
                if (node == no_index) return no_index;
                all.push_back(node);
            }
            any.push_back(add_list(ConditionOp::all, all));
        }
        return add_list(ConditionOp::any, any);
    }

    Index compile(ast::Factor const& factor, Index event, DutyScope const& scope) {
        return visit(
            factor.node,
            [&](ast::Negation const& n) -> Index {
                auto const child = compile(n.operand.front(), event, scope);
                if (child == no_index) return no_index;
                ConditionNode node;
                node.op = ConditionOp::negate;
                node.first = child;
                return add_node(node);
            },
            [&](ast::Group const& g) -> Index { return compile(g.inner.front(), event, scope); },
            [&](ast::Comparison const& c) -> Index { return compile(c, event, scope); });
    }

    std::optional<TypedOperand> resolve_operand(ast::Token const& name, Index event_index, DutyScope const& scope) {
        auto const& event = program_.events[event_index];
        if (name.text == "true" || name.text == "false")
            return TypedOperand{{OperandKind::constant, no_index, name.text == "true" ? 1 : 0}, Type{}};
        for (std::size_t i = 0; i < event.attributes.size(); ++i)
            if (event.attributes[i].id == name.text)
                return TypedOperand{{OperandKind::attribute, static_cast<Index>(i), 0}, event.attributes[i].type};
        auto const fact = program_.find_fact(name.text);
        if (fact != no_index && (scope.vocabulary == no_index || program_.facts[fact].vocabulary == scope.vocabulary))
            return TypedOperand{{OperandKind::fact, fact, 0}, program_.facts[fact].type};
        if (name.text == "age") {
            if (birthdate_fact() != no_index) return TypedOperand{{OperandKind::age, no_index, 0}, Type{BaseType::integer}};
            error(name, "unknown_name", "'age' counts from the fact 'birthdate: date', which no vocabulary declares");
            return std::nullopt;
        }
        std::vector<std::string_view> known{"age"};
        for (auto const& a : event.attributes) known.push_back(a.id);
        for (auto const& f : program_.facts) known.push_back(f.id);
        error(name, "unknown_name",
              fmt::format("'{}' is neither an attribute of event '{}' nor a fact{}", name.text, event.id,
                          did_you_mean(name.text, known)));
        return std::nullopt;
    }

    Index birthdate_fact() const {
        auto const fact = program_.find_fact("birthdate");
        return fact != no_index && program_.facts[fact].type.base == BaseType::date ? fact : no_index;
    }

    Index compile(ast::Comparison const& comparison, Index event, DutyScope const& scope) {
        auto const left = resolve_operand(comparison.left, event, scope);
        if (!left) return no_index;
        ConditionNode node;
        node.left = left->operand;
        if (!comparison.tail) {
            if (left->type.base != BaseType::boolean) {
                error(comparison.left, "type_mismatch",
                      fmt::format("'{}' is not true or false; compare it (==, in {{…}}, >=, …)", comparison.left.text));
                return no_index;
            }
            switch (left->operand.kind) {
            case OperandKind::attribute: node.op = ConditionOp::attribute; break;
            case OperandKind::fact: node.op = ConditionOp::fact; break;
            default:
                node.op = left->operand.constant ? ConditionOp::always : ConditionOp::negate;
                if (node.op == ConditionOp::negate) node.first = add_node(ConditionNode{});
            }
            return add_node(node);
        }
        auto const& tail = *comparison.tail;
        auto const base = left->type.base;
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
            node.op = ConditionOp::member;
            node.first = static_cast<Index>(program_.member_values.size());
            node.count = static_cast<Index>(values.size());
            program_.member_values.insert(program_.member_values.end(), values.begin(), values.end());
            return add_node(node);
        }
        static std::pair<char const*, Comparator> const comparators[] = {
            {"==", Comparator::eq}, {"!=", Comparator::ne}, {"<", Comparator::lt},
            {"<=", Comparator::le}, {">", Comparator::gt},  {">=", Comparator::ge}};
        for (auto const& [text, comparator] : comparators)
            if (tail.op == text) node.comparator = comparator;
        bool const ordering = node.comparator != Comparator::eq && node.comparator != Comparator::ne;
        if (ordering && base != BaseType::integer && base != BaseType::date) {
            error(comparison.left, "type_mismatch",
                  fmt::format("'{}' only compares numbers and dates, and '{}' is neither", tail.op, comparison.left.text));
            return no_index;
        }
        auto const right = read_value(tail.values.front(), left->type);
        if (!right) return no_index;
        node.op = ConditionOp::compare;
        node.right = Operand{OperandKind::constant, no_index, *right};
        return add_node(node);
    }

    // ---- Exemption sets

    void resolve_exemption_set(ast::ExemptionSet const& set) {
        if (!first_definition(set_origins_, set.name)) return;
        ExemptionSetDef def;
        def.id = set.name.text;
        def.title = set.title.value_or(ast::Token{}).text;
        def.origin = origin(set.name);
        auto const owner = fmt::format("exemption set '{}'", def.id);
        ast::Basis const* basis = nullptr;
        ast::Amends const* amends = nullptr;
        ast::InForce const* in_force = nullptr;
        std::vector<ast::Waive const*> waivers;
        std::vector<ast::Duty const*> duties;
        for (auto const& item : set.items) {
            visit(
                item, [&](ast::Basis const& c) { if (once(basis, c, "legal basis", owner)) def.basis = c.value.text; },
                [&](ast::Amends const& c) {
                    if (!once(amends, c, "list of amended laws", owner)) return;
                    for (auto const& name : c.names) {
                        auto const it = laws_by_name_.find(name.text);
                        if (it == laws_by_name_.end())
                            error(name, "unknown_law",
                                  fmt::format("unknown law '{}'{}", name.text, did_you_mean(name.text, keys_of(laws_by_name_))));
                        else
                            def.amends.push_back(it->second);
                    }
                },
                [&](ast::InForce const& c) {
                    if (!once(in_force, c, "period in force", owner)) return;
                    if (auto const period = read_period(c)) def.in_force = *period;
                },
                [&](ast::Waive const& c) { waivers.push_back(&c); },
                [&](ast::Duty const& c) { duties.push_back(&c); });
        }
        if (!basis) error(set.name, "missing_clause", fmt::format("{} has no legal basis (basis \"…\")", owner));
        if (!amends) error(set.name, "missing_clause", fmt::format("{} amends no law (amends LAW)", owner));
        if (!in_force) error(set.name, "missing_clause", fmt::format("{} has no period in force", owner));

        auto const set_index = static_cast<Index>(program_.exemption_sets.size());
        DutyScope const scope{def.amends.empty() ? no_index : program_.laws[def.amends.front()].vocabulary, owner};
        std::unordered_map<std::string, Index> own_duties;
        std::unordered_map<std::string, Origin> own_origins;
        for (auto const* duty : duties) {
            if (!declare(own_duties, own_origins, duty->name, 0, fmt::format("duty in {}", owner))) continue;
            if (auto index = resolve_duty(*duty, scope)) {
                program_.duties[*index].owner = set_index;
                program_.duties[*index].owned_by_set = true;
                own_duties[duty->name.text] = *index;
                def.duties.push_back(*index);
            }
        }
        for (auto const* waive : waivers) resolve_waiver(*waive, def, own_duties);
        program_.exemption_sets.push_back(std::move(def));
        sets_by_name_[set.name.text] = set_index;
    }

    // The duty concepts the amended laws define.
    std::vector<std::string_view> amended_duties(ExemptionSetDef const& set) const {
        std::vector<std::string_view> ids;
        for (auto const law : set.amends)
            for (auto const duty : program_.laws[law].duties) ids.push_back(program_.duties[duty].id);
        return ids;
    }

    void resolve_waiver(ast::Waive const& waive, ExemptionSetDef& set,
                        std::unordered_map<std::string, Index> const& own_duties) {
        auto const amended = amended_duties(set);
        if (std::find(amended.begin(), amended.end(), waive.duty.text) == amended.end()) {
            error(waive.duty, "unknown_duty",
                  fmt::format("unknown duty '{}': no law that exemption set '{}' amends defines it{}", waive.duty.text,
                              set.id, did_you_mean(waive.duty.text, amended)));
            return;
        }
        Waiver waiver{waive.duty.text, no_index, no_index, {}, origin(waive.duty)};
        if (waive.instead) {
            auto const& name = waive.instead->text;
            if (auto const it = own_duties.find(name); it != own_duties.end()) {
                waiver.instead = it->second;
            } else if (std::find(amended.begin(), amended.end(), name) == amended.end()) {
                auto known = amended;
                for (auto const& [id, index] : own_duties) known.push_back(id);
                error(*waive.instead, "unknown_duty",
                      fmt::format("unknown replacing duty '{}'{}", name, did_you_mean(name, known)));
                return;
            }
            waiver.instead_id = name;
        }
        set.waivers.push_back(std::move(waiver));
    }

    // ---- Municipalities

    void resolve_municipality(ast::Municipality const& municipality) {
        auto const index = static_cast<Index>(program_.municipalities.size());
        if (!declare(program_.municipality_ids, municipality_origins_, municipality.name, index, "municipality")) return;
        MunicipalityDef def;
        def.id = municipality.name.text;
        def.origin = origin(municipality.name);
        auto const owner = fmt::format("municipality '{}'", def.id);
        if (municipality.title) def.name = municipality.title->text;
        else error(municipality.name, "missing_title", fmt::format("{} has no name in quotes after its id", owner));
        ast::Code const* code = nullptr;
        ast::Region const* region = nullptr;
        ast::Children const* children = nullptr;
        for (auto const& item : municipality.items) {
            visit(
                item,
                [&](ast::Code const& c) {
                    if (!once(code, c, "code", owner)) return;
                    auto const n = read_integer(c.value.text);
                    if (!n || *n < 1 || *n > 9999) {
                        error(c.value, "invalid_number", fmt::format("a code is a whole number from 1 to 9999, not '{}'", c.value.text));
                        return;
                    }
                    def.code = static_cast<int>(*n);
                    auto const [it, inserted] = program_.municipality_codes.emplace(def.code, index);
                    if (!inserted)
                        error(c.value, "duplicate_id",
                              fmt::format("code {} is also the code of municipality '{}'", def.code,
                                          program_.municipalities[it->second].id));
                },
                [&](ast::Region const& c) { if (once(region, c, "region", owner)) def.region = c.value.text; },
                [&](ast::Children const& c) {
                    if (!once(children, c, "number of children", owner)) return;
                    auto const n = read_integer(c.count.text);
                    if (!n || *n < 0) {
                        error(c.count, "invalid_number", fmt::format("expected a whole number of children, found '{}'", c.count.text));
                        return;
                    }
                    def.children = *n;
                    def.children_estimated = c.provenance == "estimate";
                    def.children_note = c.note.text;
                },
                [&](ast::Adopts const& c) {
                    auto const it = sets_by_name_.find(c.set.text);
                    if (it == sets_by_name_.end()) {
                        error(c.set, "unknown_exemption_set",
                              fmt::format("unknown exemption set '{}'{}", c.set.text,
                                          did_you_mean(c.set.text, keys_of(sets_by_name_))));
                        return;
                    }
                    ast::InForce const period_ast{{c.from.begin, c.to ? c.to->end : c.from.end}, c.from, c.to};
                    if (auto const period = read_period(period_ast))
                        def.adoptions.push_back(Adoption{it->second, *period, origin(c)});
                });
        }
        if (!code) error(municipality.name, "missing_clause", fmt::format("{} has no code", owner));
        if (!region) error(municipality.name, "missing_clause", fmt::format("{} has no region", owner));
        program_.municipalities.push_back(std::move(def));
    }

    void index_triggers() {
        auto& concepts = program_.concepts;
        for (auto const& duty : program_.duties) concepts.push_back(duty.id);
        std::sort(concepts.begin(), concepts.end());
        concepts.erase(std::unique(concepts.begin(), concepts.end()), concepts.end());
        auto const concept_of = [&](std::string const& id) {
            return static_cast<Index>(std::lower_bound(concepts.begin(), concepts.end(), id) - concepts.begin());
        };
        for (auto& duty : program_.duties) duty.concept_index = concept_of(duty.id);
        for (auto& set : program_.exemption_sets)
            for (auto& waiver : set.waivers) waiver.concept_index = concept_of(waiver.duty);

        program_.duties_by_trigger.assign(program_.events.size(), {});
        for (Index d = 0; d < program_.duties.size(); ++d)
            for (auto const event : program_.duties[d].triggers) program_.duties_by_trigger[event].push_back(d);
        for (auto& duties : program_.duties_by_trigger)
            std::stable_sort(duties.begin(), duties.end(), [&](Index a, Index b) {
                return program_.duties[a].concept_index < program_.duties[b].concept_index;
            });
        program_.birthdate_fact = birthdate_fact();
    }

    Program& program_;
    std::vector<ast::File> const& files_;
    Diagnostics& diagnostics_;
    Index current_source_ = 0;

    std::unordered_map<std::string, Index> vocabulary_ids_, kind_ids_, law_ids_, set_ids_;
    std::unordered_map<std::string, Origin> vocabulary_origins_, kind_origins_, fact_origins_, event_origins_,
        law_origins_, set_origins_, municipality_origins_;
    std::unordered_map<std::string, Index> laws_by_name_, sets_by_name_;  // name -> index in the program
    std::vector<ast::Law const*> law_asts_;
    std::vector<ast::ExemptionSet const*> set_asts_;
};

}  // namespace

std::optional<Program> resolve(std::vector<SourceFile> sources, std::vector<ast::File> const& files,
                               Diagnostics& diagnostics) {
    Program program;
    program.sources = std::move(sources);
    bool const had_errors = diagnostics.has_errors();
    Resolver{program, files, diagnostics}.run();
    if (had_errors || diagnostics.has_errors()) return std::nullopt;
    return program;
}

}  // namespace pligt
