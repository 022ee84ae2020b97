// The resolver's shared state, private to dsl/. Resolution is split by topic
// over resolve.cpp (driver, vocabulary, calendars, municipalities),
// resolve_duty.cpp (laws, duties, deadlines, exemption sets),
// resolve_condition.cpp (conditions), resolve_scenario.cpp (scenarios) and
// resolve_test.cpp (tests);
// this class holds what they share: the program being built, the name tables
// and the helpers that read tokens and report problems.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/program.hpp"
#include "dsl/visit.hpp"

#include <fmt/format.h>
#include <boost/variant/apply_visitor.hpp>

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pligt::detail {

using pligt::overloaded;
using pligt::visit;

std::vector<std::string_view> keys_of(std::unordered_map<std::string, Index> const& map);
std::optional<std::int64_t> read_integer(std::string const& text);

// Where names in a duty live: the vocabulary of its law, for messages the owner.
struct DutyScope {
    Index vocabulary = no_index;
    std::string owner;     // "law example_act"
    Index law = no_index;  // whose calendar counts working days
    bool in_set = false;   // a duty of an exemption set (which may have a target)
};

// What a condition may read: the attributes of one event (or none), the
// facts of the vocabulary, and `age`.
class ScenarioAmendments;  // resolve_scenario.cpp

// Sets what a law's transitional provisions make of one of its duties: the
// later law that finishes its open instances (DutyDef::carry_law), and the
// events of an older law that fulfil it (DutyDef::kept_events). Needs
// TransitionDef's concept lists (index_program).
void link_transitions(Program& program, DutyDef& duty);

struct ConditionScope {
    Index event = no_index;
    Index vocabulary = no_index;
    // Where set, the other trigger events of the duty: an attribute one of
    // them has and `event` lacks is absent here, so a comparison with it is
    // false (a deadline form's `where` on a duty with several triggers).
    std::vector<Index> const* others = nullptr;
};

class Resolver {
public:
    Resolver(Program& program, std::vector<ast::File> const& files, Diagnostics& diagnostics)
        : program_{program}, files_{files}, diagnostics_{diagnostics} {}

    void run();

private:
    // ---- shared helpers (resolve.cpp)
    template <typename F>
    void for_each_declaration(F&& f) {
        for (std::size_t i = 0; i < files_.size(); ++i) {
            current_source_ = static_cast<Index>(i);
            for (auto const& declaration : files_[i].declarations)
                boost::apply_visitor(
                    [&](auto const& d) {
                        if constexpr (std::is_invocable_v<F&, decltype(d)>) f(d);
                    },
                    declaration);
        }
    }
    SourceFile const& source() const { return program_.sources[current_source_]; }
    void error(ast::Located const& at, std::string code, std::string message);
    void warning(ast::Located const& at, std::string code, std::string message);
    Origin origin(ast::Located const& at) const;
    std::string where(Origin const& o) const;
    std::string text_of(ast::Located const& at) const;
    bool declare(std::unordered_map<std::string, Index>& names, std::unordered_map<std::string, Origin>& origins,
                 ast::Token const& name, Index index, std::string_view what, std::string_view scope = {});
    bool first_definition(std::unordered_map<std::string, Origin>& origins, ast::Token const& name);
    std::optional<Date> read_date(ast::Token const& token);
    std::optional<Moment> read_moment(ast::Token const& token);
    std::optional<Period> read_period(ast::InForce const& in_force);
    std::optional<Period> read_adoption_period(ast::Adopts const& adopts);
    std::optional<std::int64_t> read_count(ast::Token const& token, std::int64_t min, std::int64_t max);
    std::optional<double> read_hours(ast::Token const& token);
    std::optional<Type> read_type(ast::TypeRef const& ref);
    std::optional<Value> read_value(ast::Token const& token, Type const& type);
    // `least` 0 only for `within 0 days`: due on the day the duty opens.
    std::optional<Span> read_span(ast::Duration const& duration, std::int64_t least = 1);
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
    Index find_event(ast::Token const& name, Index vocabulary, std::string_view owner);
    Index find_duty_concept(ast::Token const& name);

    // ---- vocabulary, calendars, municipalities (resolve.cpp)
    void declare_kinds(ast::Vocabulary const& vocabulary);
    void declare_vocabulary_items(ast::Vocabulary const& vocabulary);
    void declare_age_origin(ast::Vocabulary const& vocabulary);
    void declare_language(ast::Vocabulary const& vocabulary);
    void declare_states(ast::Vocabulary const& vocabulary);
    void resolve_calendar(ast::Calendar const& calendar);
    void resolve_municipality(ast::Municipality const& municipality);
    // The fact `age` counts from; no_index when no vocabulary says (or says
    // wrongly: then age_declared() still holds, and uses of an age are not
    // reported again).
    Index age_fact() const { return age_fact_; }
    bool age_declared() const { return age_origin_ != nullptr; }
    void needs_age(ast::Located const& at, std::string_view what);
    void index_program();

    // ---- laws, duties, deadlines, exemption sets (resolve_duty.cpp)
    void declare_law(ast::Law const& law);
    void declare_set(ast::ExemptionSet const& set);
    void resolve_law(ast::Law const& law);
    std::optional<Index> resolve_duty(ast::Duty const& duty, DutyScope const& scope);
    std::optional<Index> resolve_duty_change(ast::DutyChange const& change, Index base, DutyScope const& scope);
    std::optional<Index> resolve_duty_clauses(DutyDef def, ast::Token const& name,
                                              std::vector<ast::DutyClause> const& clauses, DutyScope const& scope,
                                              bool change);
    bool resolve_trigger(ast::Trigger const& trigger, DutyScope const& scope, DutyDef& def);
    std::optional<DeadlineDef> resolve_deadline(ast::DeadlineRule const& rule, DutyScope const& scope,
                                                DutyDef const& duty);
    std::optional<DeadlineDef> resolve_target_rule(ast::DeadlineRule const& rule, DutyScope const& scope,
                                                   DutyDef const& duty);
    std::optional<Dating> read_dating(ast::Token const& word, DutyScope const& scope);
    void resolve_residuals(std::vector<Index> const& duties, std::string_view owner);
    void resolve_versions(ast::Law const& law, Index law_index, DutyScope const& scope,
                          std::unordered_map<std::string, Index>& current);
    void apply_version(std::vector<ast::VersionItem> const& items, VersionDef& version, DutyScope const& scope,
                       std::unordered_map<std::string, Index>& current, std::function<void(Index)> const& end,
                       std::function<void(Index)> const& begin);
    void resolve_transitions(ast::Law const& law);
    void resolve_exemption_set(ast::ExemptionSet const& set);
    void resolve_waiver(ast::Waive const& waive, ExemptionSetDef& set,
                        std::unordered_map<std::string, Index> const& own_duties);
    void resolve_change(ast::Change const& change, ExemptionSetDef& set);
    std::vector<Index> amended_duty_defs(ExemptionSetDef const& set, std::string const& concept_id) const;

    // ---- conditions (resolve_condition.cpp); no_index after an error
    Index compile(ast::Condition const& condition, ConditionScope const& scope);
    Index compile(ast::Conjunction const& conjunction, ConditionScope const& scope);
    Index compile(ast::Factor const& factor, ConditionScope const& scope);
    Index compile(ast::Comparison const& comparison, ConditionScope const& scope);
    // Compiles once per event, reporting name errors only once.
    std::optional<std::vector<Index>> compile_per_event(ast::Condition const& condition,
                                                        std::vector<Index> const& events, Index vocabulary,
                                                        bool others_absent = false);
    Index add_node(ConditionNode node);
    Index add_never();
    Index add_list(ConditionOp op, std::vector<Index> const& operands);
    struct TypedOperand {
        Operand operand;
        Type type;
        bool absent = false;  // an attribute of another trigger event only
    };
    std::optional<TypedOperand> resolve_operand(ast::Token const& name, ConditionScope const& scope);

    // ---- scenarios (resolve_scenario.cpp) and tests (resolve_test.cpp)
    void declare_scenario_duties(ast::Scenario const& scenario);
    void resolve_scenario(ast::Scenario const& scenario);
    void resolve_scenario_version(ast::ScenarioVersion const& version, ScenarioDef& scenario,
                                  ScenarioAmendments& amended);
    void resolve_test(ast::Test const& test);
    Index find_set(ast::Token const& name);
    Index find_law(ast::Token const& name);

    Program& program_;
    std::vector<ast::File> const& files_;
    Diagnostics& diagnostics_;
    Index current_source_ = 0;

    // Duties declared but in error: already reported, so a waiver, change,
    // test or scenario naming one is not reported again as unknown.
    std::unordered_set<std::string> broken_duties_;
    // Ids of the duties scenarios' versions write (duty ID { … }): concepts
    // of the program too, so results compare across scenarios by index.
    std::unordered_set<std::string> scenario_duty_ids_;
    // `unless … instead DUTY` clauses, resolved once their law's or set's
    // duties are all known.
    struct Residual {
        Index duty = no_index;
        Index exception = 0;
        ast::Token instead;
    };
    std::vector<Residual> residuals_;
    std::unordered_map<std::string, Index> vocabulary_ids_, kind_ids_, calendar_ids_, law_names_, set_names_,
        scenario_ids_;
    ast::AgeOrigin const* age_origin_ = nullptr;
    ast::Language const* language_ = nullptr;
    Index age_fact_ = no_index;
    std::unordered_map<std::string, Origin> vocabulary_origins_, kind_origins_, fact_origins_, event_origins_,
        state_origins_, calendar_origins_, law_origins_, set_origins_, municipality_origins_, scenario_origins_;
};

}  // namespace pligt::detail
