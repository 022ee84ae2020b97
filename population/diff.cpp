#include "population/diff.hpp"

#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "engine/explain.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

namespace pligt::engine {
namespace {

std::string const none_text = "(none)";

std::string or_none(std::string text) { return text.empty() ? none_text : text; }

std::string event_list(Program const& program, std::vector<Index> const& events) {
    std::string text;
    for (auto const e : events) text += (text.empty() ? "" : " or ") + program.events[e].id;
    return text;
}

// A paragraph of the duty's law as a reader quotes it, as explain.hpp's
// citation() quotes the duty's own; an exception without one has the duty's.
std::string quoted(Program const& program, DutyDef const& duty, std::string const& paragraph) {
    if (paragraph.empty()) return citation(program, duty);
    if (duty.owned_by_set) return paragraph;
    auto const& short_name = program.laws[duty.owner].short_name;
    return short_name.empty() ? paragraph : short_name + " " + paragraph;
}

std::string owner_id(Program const& program, DutyDef const& duty) {
    return duty.owned_by_set ? program.exemption_sets[duty.owner].id : program.laws[duty.owner].id;
}

// Each aspect of a duty as a text, so that two programs compare by what is
// written, never by index.
std::vector<std::pair<std::string, std::string>> aspects(Program const& program, DutyDef const& duty) {
    std::string unless;
    for (auto const& e : duty.exceptions)
        unless += fmt::format("{}{} ({}){}", unless.empty() ? "" : "; ", e.condition_text,
                              quoted(program, duty, e.cite), e.instead_id.empty() ? "" : " instead " + e.instead_id);
    std::string done;
    for (auto const& f : duty.done_by)
        done += (done.empty() ? "" : " or ") + program.events[f.event].id +
                (f.condition_text.empty() ? "" : " where " + f.condition_text);
    done += times_text(duty) + look_back_text(program, duty);
    return {
        {"title", duty.title},
        {"cite", citation(program, duty)},
        {"on", duty.trigger_clauses.size() > 1 ? triggers_text(program, duty) : event_list(program, duty.triggers)},
        {"where", or_none(duty.condition_text)},
        {"unless", or_none(unless)},
        {"due", duty.due.text},
        {"done_by", or_none(done)},
        {"lapses_on", or_none(event_list(program, duty.lapses_on))},
        {"effort", duty.effort_hours > 0 ? fmt::format("{} hours", duty.effort_hours) : none_text},
    };
}

std::vector<AspectChange> compare(std::vector<std::pair<std::string, std::string>> const& old_aspects,
                                  std::vector<std::pair<std::string, std::string>> const& new_aspects) {
    std::vector<AspectChange> changes;
    for (std::size_t i = 0; i < old_aspects.size() && i < new_aspects.size(); ++i)
        if (old_aspects[i].second != new_aspects[i].second)
            changes.push_back({old_aspects[i].first, old_aspects[i].second, new_aspects[i].second});
    return changes;
}

// Everything comparable in one rule set, keyed by (owner, kind, duty id);
// std::map keeps the report's order.
using Key = std::tuple<std::string, ItemKind, std::string>;

DiffItem duty_item(Program const& program, DutyDef const& duty) {
    return {ItemKind::duty,        duty.id, owner_id(program, duty), duty.title, citation(program, duty),
            aspects(program, duty)};
}

std::map<Key, DiffItem> entries(Program const& program) {
    std::map<Key, DiffItem> out;
    for (auto const& duty : program.duties) {
        auto item = duty_item(program, duty);
        out[{item.owner, ItemKind::duty, item.duty}] = std::move(item);
    }
    for (auto const& set : program.exemption_sets) {
        for (auto const& waiver : set.waivers) {
            out[{set.id, ItemKind::waiver, waiver.duty}] = {
                ItemKind::waiver,
                waiver.duty,
                set.id,
                {},
                {},
                {{"where", or_none(waiver.condition_text)}, {"instead", or_none(waiver.instead_id)}}};
        }
        for (auto const& change : set.changes) {
            // Every amended law's duty reads the same deadline text.
            std::string const due = change.deadlines.empty() ? none_text : change.deadlines.front().second.text;
            out[{set.id, ItemKind::change, change.duty}] = {ItemKind::change, change.duty, set.id, {}, {},
                                                            {{"due", due}}};
        }
    }
    return out;
}

}  // namespace

std::string_view to_string(ItemKind kind) {
    switch (kind) {
    case ItemKind::duty: return "duty";
    case ItemKind::waiver: return "waiver";
    case ItemKind::change: return "change";
    }
    return {};
}

std::string_view to_string(CaseChange change) {
    switch (change) {
    case CaseChange::duty_added: return "duty_added";
    case CaseChange::duty_removed: return "duty_removed";
    case CaseChange::status_changed: return "status_changed";
    case CaseChange::reads_only_in_old: return "reads_only_in_old";
    case CaseChange::reads_only_in_new: return "reads_only_in_new";
    }
    return {};
}

RulesDiff diff_programs(Program const& old_program, Program const& new_program) {
    auto const before = entries(old_program);
    auto const after = entries(new_program);
    RulesDiff diff;
    for (auto const& [key, item] : before)
        if (after.count(key) == 0) diff.removed.push_back(item);
    for (auto const& [key, item] : after) {
        auto const it = before.find(key);
        if (it == before.end()) {
            diff.added.push_back(item);
            continue;
        }
        auto changes = compare(it->second.aspects, item.aspects);
        if (!changes.empty()) diff.changed.push_back({item, {}, std::move(changes)});
    }
    return diff;
}

Date latest_text(LawDef const& law) {
    auto on = law.versions.empty() ? law.in_force.from : std::max(law.versions.back().from, law.in_force.from);
    if (law.in_force.to && *law.in_force.to < on) on = *law.in_force.to;
    return on;
}

RulesDiff diff_laws(Program const& program, LawText old_text, LawText new_text) {
    return diff_laws(program, old_text, program, new_text);
}

RulesDiff diff_laws(Program const& old_program, LawText old_text, Program const& new_program, LawText new_text) {
    auto const by_id = [](Program const& program, LawText text) {
        std::map<std::string, DutyDef const*> duties;
        for (auto const d : program.laws[text.law].duties)
            if (program.duties[d].valid.contains(text.on)) duties[program.duties[d].id] = &program.duties[d];
        return duties;
    };
    auto const before = by_id(old_program, old_text);
    auto const after = by_id(new_program, new_text);
    RulesDiff diff;
    for (auto const& [id, duty] : before)
        if (after.count(id) == 0) diff.removed.push_back(duty_item(old_program, *duty));
    for (auto const& [id, duty] : after) {
        auto const it = before.find(id);
        if (it == before.end()) {
            diff.added.push_back(duty_item(new_program, *duty));
            continue;
        }
        auto changes = compare(aspects(old_program, *it->second), aspects(new_program, *duty));
        if (!changes.empty())
            diff.changed.push_back(
                {duty_item(new_program, *duty), old_program.laws[old_text.law].id, std::move(changes)});
    }
    return diff;
}

RulesDiff diff_scenario(Program const& program, Program const& scenario_program, ScenarioDef const& scenario) {
    RulesDiff diff;
    for (auto const& version : scenario.versions) {
        LawText const text{version.law, version.version.from};
        auto part = diff_laws(program, text, scenario_program, text);
        for (auto& item : part.added) diff.added.push_back(std::move(item));
        for (auto& item : part.removed) diff.removed.push_back(std::move(item));
        for (auto& item : part.changed) {
            item.old_owner.clear();  // the same law on both sides
            diff.changed.push_back(std::move(item));
        }
    }
    return diff;
}

Program with_law_alone(Program const& program, Index keep, Index drop) {
    Program alone = program;
    auto const& a = program.laws[keep].in_force;
    auto const& b = program.laws[drop].in_force;
    Period both{std::min(a.from, b.from), std::nullopt};
    if (a.to && b.to) both.to = std::max(*a.to, *b.to);
    alone.laws[keep].in_force = both;
    // A period that ends before it begins contains no day.
    alone.laws[drop].in_force = Period{Date::from_days(1), Date::from_days(0)};
    index_trigger_periods(alone);
    return alone;
}

Program with_text_alone(Program const& program, Index law, Date on) {
    Program alone = program;
    auto& def = alone.laws[law];
    Period const never{Date::from_days(1), Date::from_days(0)};
    Period const always{Date::from_days(std::numeric_limits<std::int32_t>::min() / 2), std::nullopt};
    for (auto const d : def.duties) alone.duties[d].valid = alone.duties[d].valid.contains(on) ? always : never;
    if (auto const* version = def.version_on(on)) {
        auto only = *version;
        only.from = def.in_force.from;
        def.versions = {only};
    }
    index_trigger_periods(alone);
    return alone;
}

bool CaseComparison::changed() const {
    return std::any_of(kinds.begin(), kinds.end(), [](bool kind) { return kind; });
}

namespace {

std::string first_error(std::vector<CaseError> const& errors) {
    if (errors.empty()) return "unreadable";
    auto const& e = errors.front();
    auto text = e.pointer.empty() ? e.message : fmt::format("at {}: {}", e.pointer, e.message);
    if (e.line > 0) text += fmt::format(" (column {})", e.column);  // malformed JSON: where in the line
    if (errors.size() > 1) text += fmt::format(" (and {} more)", errors.size() - 1);
    return text;
}

std::map<std::pair<std::string, int>, CaseDuty> duties_of(Program const& program, Case const& c, Moment as_of) {
    std::vector<DutyResult> results;
    evaluate(program, c, as_of, results);
    std::map<std::pair<std::string, int>, CaseDuty> out;
    for (auto const& r : results) {
        CaseDuty duty{program.duties[r.duty].id, std::max<int>(1, r.instance), std::string{to_string(r.status)}, {}};
        if (has_due(r))
            duty.due = r.due_before != no_index ? "before " + program.events[r.due_before].id : r.due.to_string();
        out[{duty.duty, duty.instance}] = std::move(duty);
    }
    return out;
}

}  // namespace

CaseComparison compare_case(Program const& old_program, Program const& new_program, std::string_view text,
                            std::uint64_t line, Moment as_of) {
    CaseComparison comparison;
    comparison.line = line;
    auto const old_case = parse_case(old_program, text);
    auto const new_case = parse_case(new_program, text);
    if (!old_case) comparison.old_error = first_error(old_case.error());
    if (!new_case) comparison.new_error = first_error(new_case.error());
    if (old_case) comparison.id = old_case->id;
    else if (new_case) comparison.id = new_case->id;
    if (!old_case || !new_case) {
        comparison.kinds[static_cast<std::size_t>(CaseChange::reads_only_in_old)] = old_case.ok() && !new_case.ok();
        comparison.kinds[static_cast<std::size_t>(CaseChange::reads_only_in_new)] = new_case.ok() && !old_case.ok();
        return comparison;
    }
    auto const before = duties_of(old_program, *old_case, as_of);
    auto const after = duties_of(new_program, *new_case, as_of);
    auto const mark = [&](CaseChange change) { comparison.kinds[static_cast<std::size_t>(change)] = true; };
    // Walk both sorted maps together, so differences come in (duty, instance) order.
    auto o = before.begin();
    auto n = after.begin();
    while (o != before.end() || n != after.end()) {
        if (n == after.end() || (o != before.end() && o->first < n->first)) {
            comparison.differences.push_back({o->second.duty, o->second.instance, o->second, std::nullopt});
            mark(CaseChange::duty_removed);
            ++o;
        } else if (o == before.end() || n->first < o->first) {
            comparison.differences.push_back({n->second.duty, n->second.instance, std::nullopt, n->second});
            mark(CaseChange::duty_added);
            ++n;
        } else {
            if (o->second.status != n->second.status) {
                comparison.differences.push_back({n->second.duty, n->second.instance, o->second, n->second});
                mark(CaseChange::status_changed);
            }
            ++o;
            ++n;
        }
    }
    return comparison;
}

void CasesDiff::add(CaseComparison const& comparison, std::size_t max_examples) {
    ++total;
    if (!comparison.changed()) return;
    ++changed;
    for (std::size_t k = 0; k < case_change_count; ++k) {
        if (!comparison.kinds[k]) continue;
        ++by_kind[k];
        if (examples[k].size() < max_examples) examples[k].push_back(comparison);
    }
}

}  // namespace pligt::engine
