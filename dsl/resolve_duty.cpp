// Resolution of laws, their duties and deadlines, and exemption sets.
#include "dsl/resolver.hpp"

#include <algorithm>

namespace pligt::detail {
namespace {

// The calendar that counts a law's working days: its own, else the default.
Index law_calendar(Program const& program, Index law) {
    if (law == no_index) return program.default_calendar;
    auto const calendar = program.laws[law].calendar;
    return calendar == no_index ? program.default_calendar : calendar;
}

}  // namespace

void Resolver::declare_law(ast::Law const& law) { declare(law_names_, law_origins_, law.name, 0, "law"); }

void Resolver::declare_set(ast::ExemptionSet const& set) {
    declare(set_names_, set_origins_, set.name, 0, "exemption set");
    if (law_names_.count(set.name.text))
        error(set.name, "duplicate_id",
              fmt::format("exemption set '{}' has the id of a law; duty results name both by id", set.name.text));
}

void Resolver::resolve_law(ast::Law const& law) {
    if (!first_definition(law_origins_, law.name)) return;
    LawDef def;
    def.id = law.name.text;
    def.title = law.title.value_or(ast::Token{}).text;
    def.origin = origin(law.name);
    auto const owner = fmt::format("law '{}'", def.id);
    ast::Short const* short_name = nullptr;
    ast::InForce const* in_force = nullptr;
    ast::Uses const* uses = nullptr;
    ast::CalendarRef const* calendar = nullptr;
    ast::Anchor const* anchor = nullptr;
    std::vector<ast::Duty const*> duties;
    for (auto const& item : law.items) {
        visit(
            item,
            [&](ast::Short const& c) {
                if (once(short_name, c, "short name", owner)) def.short_name = c.value.text;
            },
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
                else def.vocabulary = it->second;
            },
            [&](ast::CalendarRef const& c) {
                if (!once(calendar, c, "calendar", owner)) return;
                auto const it = calendar_ids_.find(c.value.text);
                if (it == calendar_ids_.end())
                    error(c.value, "unknown_calendar",
                          fmt::format("unknown calendar '{}'{}", c.value.text,
                                      did_you_mean(c.value.text, keys_of(calendar_ids_))));
                else def.calendar = it->second;
            },
            [&](ast::Anchor const& c) {
                if (!once(anchor, c, "paragraph anchor", owner)) return;
                if (c.marker.text.empty()) {
                    error(c.marker, "missing_title",
                          "say what marks a paragraph in a citation (e.g. the section sign)");
                    return;
                }
                def.anchor_prefix = c.prefix.text;
                def.anchor_marker = c.marker.text;
            },
            [&](ast::Version const&) {}, [&](ast::Transition const&) {},
            [&](ast::Duty const& c) { duties.push_back(&c); });
    }
    if (!in_force)
        error(law.name, "missing_clause", fmt::format("{} has no period in force (in force DATE to DATE)", owner));
    if (!uses) error(law.name, "missing_clause", fmt::format("{} names no vocabulary (uses VOCABULARY)", owner));

    auto const law_index = static_cast<Index>(program_.laws.size());
    program_.law_ids[def.id] = law_index;
    program_.laws.push_back(def);  // duties below look up its calendar
    DutyScope const scope{def.vocabulary, owner, law_index};
    std::unordered_map<std::string, Index> duty_names;
    std::unordered_map<std::string, Origin> duty_origins;
    std::unordered_map<std::string, Index> current;  // duty id -> its definition in force
    for (auto const* duty : duties) {
        if (!declare(duty_names, duty_origins, duty->name, 0, "duty", fmt::format(" in {}", owner))) continue;
        if (auto index = resolve_duty(*duty, scope)) {
            program_.duties[*index].owner = law_index;
            program_.laws[law_index].duties.push_back(*index);
            current[duty->name.text] = *index;
        } else {
            broken_duties_.insert(duty->name.text);
        }
    }
    resolve_versions(law, law_index, scope, current);
    resolve_residuals(program_.laws[law_index].duties, owner);
}

// Each version amends the text before it (apply_version). A duty's
// definitions then hold for consecutive runs of versions (DutyDef::valid),
// so the evaluator picks the one in force by date alone.
void Resolver::resolve_versions(ast::Law const& law, Index law_index, DutyScope const& scope,
                                std::unordered_map<std::string, Index>& current) {
    auto const& owner = scope.owner;
    for (auto const& item : law.items) {
        auto const* version = boost::get<ast::Version>(&item);
        if (!version) continue;
        auto const from = read_date(version->from);
        if (!from) continue;
        auto& versions = program_.laws[law_index].versions;
        if (!versions.empty() && *from <= versions.back().from) {
            error(version->from, "version_order",
                  fmt::format("version '{}' starts on {}, not after the version before it ({}, {}); write versions "
                              "in the order they came into force",
                              version->title.text, version->from.text, versions.back().title,
                              versions.back().from.to_string()));
            continue;
        }
        auto const& in_force = program_.laws[law_index].in_force;
        if (in_force.to && *from > *in_force.to) {
            error(version->from, "version_outside_law",
                  fmt::format("version '{}' starts on {}, after {} ceased to be in force ({})", version->title.text,
                              version->from.text, owner, in_force.to->to_string()));
            continue;
        }
        VersionDef def{version->title.text, *from, {}, origin(version->title)};
        apply_version(
            version->items, def, scope, current,
            [&](Index ended) { program_.duties[ended].valid.to = Date::from_days(from->days() - 1); },
            [&](Index begun) {
                program_.duties[begun].valid.from = *from;
                program_.duties[begun].owner = law_index;
                program_.laws[law_index].duties.push_back(begun);
            });
        program_.laws[law_index].versions.push_back(std::move(def));
    }
}

// What a version's items do to the duties in force before it: a duty
// written in it replaces the duty of that id (or adds one), `change`
// rewrites some of its clauses, `cite DUTY` renumbers it, `repeal` ends it.
// `end` hears of each definition that ends the day before the version,
// `begin` of each new one (already in Program::duties) that starts with it.
void Resolver::apply_version(std::vector<ast::VersionItem> const& items, VersionDef& version, DutyScope const& scope,
                             std::unordered_map<std::string, Index>& current, std::function<void(Index)> const& end,
                             std::function<void(Index)> const& begin) {
    auto const find_current = [&](ast::Token const& name) -> Index {
        if (auto const it = current.find(name.text); it != current.end()) return it->second;
        if (broken_duties_.count(name.text)) return no_index;
        std::vector<std::string_view> known;
        for (auto const& [id, index] : current) known.push_back(id);
        std::sort(known.begin(), known.end());
        error(name, "unknown_duty",
              fmt::format("unknown duty '{}': no earlier version of {} has it in force{}", name.text, scope.owner,
                          did_you_mean(name.text, known)));
        return no_index;
    };
    std::unordered_map<std::string, Origin> changed;  // one change per duty per version
    auto const once_per_version = [&](ast::Token const& name) {
        if (auto const it = changed.find(name.text); it != changed.end()) {
            error(name, "duplicate_clause",
                  fmt::format("duty '{}' is changed twice in version '{}'; first at {}", name.text, version.title,
                              where(it->second)));
            return false;
        }
        changed[name.text] = origin(name);
        return true;
    };
    auto const replace = [&](std::string const& id, Index old, Index index) {
        if (old != no_index) end(old);
        begin(index);
        current[id] = index;
    };
    for (auto const& item : items) {
        visit(
            item, [&](ast::Url const& c) { version.url = c.value.text; },
            [&](ast::CiteChange const& c) {
                if (!once_per_version(c.duty)) return;
                auto const old = find_current(c.duty);
                if (old == no_index) return;
                DutyDef copy = program_.duties[old];
                copy.cite = c.cite.text;
                copy.origin = origin(c.duty);
                copy.valid = DutyDef{}.valid;
                auto const index = static_cast<Index>(program_.duties.size());
                program_.duties.push_back(std::move(copy));
                replace(c.duty.text, old, index);
            },
            [&](ast::Repeal const& c) {
                if (!once_per_version(c.value)) return;
                auto const old = find_current(c.value);
                if (old == no_index) return;
                end(old);
                current.erase(c.value.text);
            },
            [&](ast::Duty const& c) {
                if (!once_per_version(c.name)) return;
                auto const index = resolve_duty(c, scope);
                if (!index) {
                    broken_duties_.insert(c.name.text);
                    return;
                }
                auto const it = current.find(c.name.text);
                replace(c.name.text, it == current.end() ? no_index : it->second, *index);
            },
            [&](ast::DutyChange const& c) {
                if (!once_per_version(c.duty)) return;
                auto const old = find_current(c.duty);
                if (old == no_index) return;
                auto const index = resolve_duty_change(c, old, scope);
                if (!index) {
                    broken_duties_.insert(c.duty.text);
                    return;
                }
                replace(c.duty.text, old, *index);
            });
    }
}

// `transition from LAW cite "…"`: checked once every law is resolved, since
// the older law may stand in a later file.
void Resolver::resolve_transitions(ast::Law const& law) {
    if (!first_definition(law_origins_, law.name)) return;
    auto const law_index = program_.find_law(law.name.text);
    if (law_index == no_index) return;
    auto& def = program_.laws[law_index];
    auto const has_duty = [&](Index in_law, std::string const& id) {
        auto const& duties = program_.laws[in_law].duties;
        return std::any_of(duties.begin(), duties.end(), [&](Index d) { return program_.duties[d].id == id; });
    };
    for (auto const& item : law.items) {
        auto const* transition = boost::get<ast::Transition>(&item);
        if (!transition) continue;
        TransitionDef t;
        t.cite = transition->cite.text;
        t.origin = origin(*transition);
        t.from_law = find_law(transition->from);
        if (t.from_law == no_index) continue;
        if (t.from_law == law_index) {
            error(transition->from, "transition_from_itself", "a transitional provision names the law it replaces");
            continue;
        }
        auto const& older = program_.laws[t.from_law];
        if (!older.in_force.to || *older.in_force.to >= def.in_force.from)
            warning(transition->from, "transition_overlap",
                    fmt::format("law '{}' is still in force when law '{}' starts ({}): nothing is open at a change",
                                older.id, def.id, def.in_force.from.to_string()));
        bool ok = true;
        for (auto const& clause : transition->items) {
            visit(
                clause,
                [&](ast::Finish const& c) {
                    for (auto const& name : c.names) {
                        if (broken_duties_.count(name.text)) continue;
                        if (!has_duty(law_index, name.text) || !has_duty(t.from_law, name.text)) {
                            error(name, "unknown_duty",
                                  fmt::format("finish '{}': both law '{}' and law '{}' must define the duty", name.text,
                                              older.id, def.id));
                            ok = false;
                            continue;
                        }
                        t.finish.push_back(name.text);
                    }
                },
                [&](ast::Keep const& c) {
                    TransitionDef::Keep keep;
                    for (auto const& name : c.events) {
                        auto const event = find_event(name, def.vocabulary, fmt::format("law '{}'", def.id));
                        if (event == no_index) ok = false;
                        else keep.events.push_back(event);
                    }
                    for (auto const& name : c.duties) {
                        if (broken_duties_.count(name.text)) continue;
                        if (!has_duty(law_index, name.text)) {
                            error(name, "unknown_duty",
                                  fmt::format("keep … for '{}': law '{}' defines no such duty", name.text, def.id));
                            ok = false;
                            continue;
                        }
                        // What is kept must be a way of meeting the duty.
                        for (auto const d : program_.laws[law_index].duties) {
                            auto const& duty = program_.duties[d];
                            if (duty.id != name.text) continue;
                            for (auto const event : keep.events)
                                if (std::none_of(duty.done_by.begin(), duty.done_by.end(),
                                                 [&](FulfilmentDef const& f) { return f.event == event; })) {
                                    error(name, "keep_not_fulfilment",
                                          fmt::format("event '{}' does not fulfil duty '{}' (done by …), so keeping "
                                                      "it cannot count for it",
                                                      program_.events[event].id, name.text));
                                    ok = false;
                                }
                            break;
                        }
                        keep.duties.push_back(name.text);
                    }
                    t.keeps.push_back(std::move(keep));
                });
        }
        if (ok) def.transitions.push_back(std::move(t));
    }
}

std::optional<Index> Resolver::resolve_duty(ast::Duty const& duty, DutyScope const& scope) {
    DutyDef def;
    def.id = duty.name.text;
    def.origin = origin(duty.name);
    if (duty.title) def.title = duty.title->text;
    else
        error(duty.name, "missing_title",
              fmt::format("duty '{}' has no title; write it in the law's words after the id", def.id));
    return resolve_duty_clauses(std::move(def), duty.name, duty.clauses, scope, false);
}

// `change DUTY { … }`: the definition in force before, with each kind of
// clause written replacing that kind. When it opens and its exceptions
// stay: those are compiled against the triggers, so changing them is
// writing the duty anew.
std::optional<Index> Resolver::resolve_duty_change(ast::DutyChange const& change, Index base, DutyScope const& scope) {
    bool ok = true;
    for (auto const& clause : change.clauses) {
        auto const refuse = [&](ast::Located const& at, std::string_view what) {
            error(at, "change_clause",
                  fmt::format("a change keeps when duty '{}' opens and its exceptions; to change its {}, write the "
                              "whole duty anew in this version (duty {} \"…\" {{ … }})",
                              change.duty.text, what, change.duty.text));
            ok = false;
        };
        visit(
            clause, [&](ast::Trigger const& c) { refuse(c, "triggers"); },
            [&](ast::Unless const& c) { refuse(c, "exceptions"); }, [](auto const&) {});
    }
    if (change.clauses.empty()) {
        error(change.duty, "empty_change",
              fmt::format("change of duty '{}' changes nothing: write the clauses that change (due, cite, effort, …)",
                          change.duty.text));
        ok = false;
    }
    if (!ok) return std::nullopt;
    DutyDef def = program_.duties[base];
    def.origin = origin(change.duty);
    def.valid = DutyDef{}.valid;
    return resolve_duty_clauses(std::move(def), change.duty, change.clauses, scope, true);
}

std::optional<Index> Resolver::resolve_duty_clauses(DutyDef def, ast::Token const& name,
                                                    std::vector<ast::DutyClause> const& clauses, DutyScope const& scope,
                                                    bool change) {
    auto const owner = fmt::format("duty '{}'", def.id);
    ast::Cite const* cite = nullptr;
    ast::Trigger const* trigger = nullptr;
    ast::Due const* due = nullptr;
    ast::NoDeadline const* no_deadline = nullptr;
    ast::Target const* target = nullptr;
    ast::DatedBy const* dated = nullptr;
    ast::DoneBy const* done_by = nullptr;
    ast::Lapses const* lapses = nullptr;
    ast::Effort const* effort = nullptr;
    ast::Wording const* wording = nullptr;
    std::vector<ast::Unless const*> exceptions;
    bool ok = true;
    for (auto const& clause : clauses) {
        visit(
            clause,
            [&](ast::Cite const& c) {
                if (once(cite, c, "citation", owner)) def.cite = c.value.text;
            },
            [&](ast::Trigger const& c) {
                if (!trigger) trigger = &c;
                ok &= resolve_trigger(c, scope, def);
            },
            [&](ast::Unless const& c) { exceptions.push_back(&c); },
            [&](ast::Due const& c) { once(due, c, "deadline", owner); },
            [&](ast::NoDeadline const& c) {
                if (c.value.text != "deadline") {
                    error(c.value, "syntax_error", fmt::format("expected 'no deadline', found 'no {}'", c.value.text));
                    ok = false;
                    return;
                }
                once(no_deadline, c, "'no deadline'", owner);
            },
            [&](ast::Target const& c) {
                if (!once(target, c, "target", owner)) return;
                if (!scope.in_set) {
                    error(c, "target_in_law",
                          "a law's duty has the statute's deadline; a target belongs to an exemption set's duty or "
                          "to a municipality (target DUTY within … basis \"…\")");
                    ok = false;
                }
            },
            [&](ast::DatedBy const& c) {
                if (!once(dated, c, "date that decides (dated by …)", owner)) return;
                if (auto const dating = read_dating(c.value, scope)) def.dated = *dating;
                else ok = false;
            },
            [&](ast::DoneBy const& c) {
                if (!once(done_by, c, "fulfilling event (done by …)", owner)) return;
                if (change) {  // the change's events replace the duty's
                    def.done_by.clear();
                    def.done_count = 1;
                    def.done_also_before = false;
                    def.look_back = {};
                    def.look_back_since = no_index;
                }
                if (c.times) {
                    // A count per period: two visits a year. One is the plain
                    // `done by`; more than a hundred is no legal rhythm.
                    auto const n = read_integer(c.times->value.text);
                    if (!n || *n < 2 || *n > 100) {
                        error(
                            c.times->value, "count_range",
                            fmt::format("a count of fulfilling events is 2 to 100, found '{}' (write no count for one)",
                                        c.times->value.text));
                        ok = false;
                    } else def.done_count = static_cast<std::uint16_t>(*n);
                    if (c.also_before) {
                        error(*c.also_before, "count_look_back",
                              "a count is of the events within each period; an event before the duty opened cannot "
                              "count (drop ', also before')");
                        ok = false;
                    }
                }
                if (c.also_before) {
                    def.done_also_before = true;
                    auto const& back = *c.also_before;
                    if (back.within && back.since) {
                        error(back, "look_back_twice",
                              "an earlier event counts back a span or since an event; write one of them");
                        ok = false;
                    }
                    if (back.within) {
                        auto const span = read_span(*back.within);
                        if (!span) ok = false;
                        else if (span->unit == TimeUnit::hours || span->unit == TimeUnit::working_days) {
                            error(*back.within, "look_back_unit",
                                  "a look-back counts back days, weeks, months or years, from the trigger's date");
                            ok = false;
                        } else def.look_back = *span;
                    }
                    if (back.since) {
                        def.look_back_since = find_event(*back.since, scope.vocabulary, scope.owner);
                        if (def.look_back_since == no_index) ok = false;
                    }
                }
                for (auto const& fulfilment : c.events) {
                    FulfilmentDef f;
                    f.event = find_event(fulfilment.event, scope.vocabulary, scope.owner);
                    if (f.event == no_index) {
                        ok = false;
                        continue;
                    }
                    if (fulfilment.where) {
                        f.condition = compile(*fulfilment.where, ConditionScope{f.event, scope.vocabulary});
                        f.condition_text = text_of(*fulfilment.where);
                        if (f.condition == no_index) ok = false;
                    }
                    def.done_by.push_back(std::move(f));
                }
            },
            [&](ast::Lapses const& c) {
                if (!once(lapses, c, "lapse (lapses on …)", owner)) return;
                def.lapses_on.clear();
                for (auto const& name : c.names) {
                    auto const event = find_event(name, scope.vocabulary, scope.owner);
                    if (event == no_index) ok = false;
                    else def.lapses_on.push_back(event);
                }
            },
            [&](ast::Effort const& c) {
                if (!once(effort, c, "effort", owner)) return;
                if (auto const hours = read_hours(c.value)) def.effort_hours = *hours;
                else ok = false;
            },
            [&](ast::Wording const& c) {
                if (once(wording, c, "wording of the time limit", owner)) def.wording = c.value.text;
            });
    }
    auto const missing = [&](bool present, std::string_view what) {
        if (present) return;
        error(name, "missing_clause", fmt::format("{} has no {}", owner, what));
        ok = false;
    };
    // A change starts from a whole duty: nothing it leaves out is missing.
    missing(cite || change, "citation (cite \"…\"): every duty names the paragraph it encodes");
    missing(trigger || change, "trigger (on EVENT)");
    // The statute's words for the old time limit do not describe a new one.
    if (change && (due || no_deadline) && !wording) def.wording.clear();
    bool const deadline_none = no_deadline || (change && !due && def.due.kind == DeadlineDef::Kind::none);
    if (wording && deadline_none) {
        error(*wording, "wording_without_deadline",
              fmt::format("{} has no deadline, so there is no time limit to give the statute's words for", owner));
        ok = false;
    }
    if (due && no_deadline) {
        error(*no_deadline, "duplicate_clause",
              fmt::format("{} has a deadline (due …) and 'no deadline'; keep the one the statute says", owner));
        ok = false;
    }
    missing(due || no_deadline || change, "deadline (due …, or 'no deadline' where the statute sets no time)");
    missing(done_by || change, "fulfilling event (done by EVENT)");
    if (!ok || (!trigger && !change)) return std::nullopt;

    std::vector<Residual> residuals;
    for (auto const* unless : exceptions) {
        ExceptionDef exception;
        exception.condition_text = text_of(unless->condition);
        exception.cite = def.cite;
        if (unless->cite) {
            // A citation on a later line than the condition would be the duty's
            // own `cite` swallowed by the exception: say so instead of guessing.
            if (source().position(unless->cite->begin).line > source().position(unless->condition.end).line) {
                error(*unless->cite, "ambiguous_cite",
                      "this citation follows the unless clause on a new line, so it is read as the exception's; "
                      "put it on the unless line, or write the duty's cite before the unless clause");
                ok = false;
            }
            exception.cite = unless->cite->text;
        }
        auto const conditions = compile_per_event(unless->condition, def.triggers, scope.vocabulary);
        if (!conditions) {
            ok = false;
            continue;
        }
        exception.conditions = *conditions;
        if (unless->instead) {
            exception.instead_id = unless->instead->text;
            residuals.push_back({no_index, static_cast<Index>(def.exceptions.size()), *unless->instead});
        }
        def.exceptions.push_back(std::move(exception));
    }
    if (due) {
        if (auto deadline = resolve_deadline(due->rule, scope, def)) def.due = std::move(*deadline);
        else ok = false;
    } else if (no_deadline) {
        def.due = DeadlineDef{};
        def.due.kind = DeadlineDef::Kind::none;
        def.due.text = "no deadline";
    }
    if (target && scope.in_set) {
        if (auto rule = resolve_target_rule(target->rule, scope, def)) {
            def.target = TargetDef{def.id, no_index, std::move(*rule), {}, origin(*target)};
            def.has_target = true;
        } else ok = false;
    }
    if (def.dated.kind == Dating::Kind::deadline && deadline_none) {
        error(dated ? static_cast<ast::Located const&>(*dated) : name, "dated_by_no_deadline",
              fmt::format("{} has no deadline to be dated by", owner));
        ok = false;
    }
    if (!ok) return std::nullopt;
    auto const index = static_cast<Index>(program_.duties.size());
    program_.duties.push_back(std::move(def));
    for (auto& residual : residuals) {
        residual.duty = index;
        residuals_.push_back(std::move(residual));
    }
    return index;
}

// `unless COND instead DUTY`: the named duty of the same law or set is what
// the exception leaves, opened by the same trigger when the exception
// holds, so it needs the same trigger events, and it opens no instance of
// its own otherwise.
void Resolver::resolve_residuals(std::vector<Index> const& duties, std::string_view owner) {
    for (auto const& residual : residuals_) {
        if (std::find(duties.begin(), duties.end(), residual.duty) == duties.end()) continue;
        auto& duty = program_.duties[residual.duty];
        auto const& name = residual.instead;
        if (name.text == duty.id) {
            error(name, "instead_itself", fmt::format("duty '{}' cannot be left in its own place", duty.id));
            continue;
        }
        bool found = false;
        for (auto const d : duties) {
            auto& candidate = program_.duties[d];
            if (candidate.id != name.text) continue;
            found = true;
            for (auto const event : duty.triggers)
                if (std::find(candidate.triggers.begin(), candidate.triggers.end(), event) ==
                    candidate.triggers.end()) {
                    error(name, "instead_trigger",
                          fmt::format("duty '{}' takes the place of '{}' when its exception holds, so it opens on "
                                      "the same events: add '{}' to its `on`",
                                      candidate.id, duty.id, program_.events[event].id));
                    found = false;
                }
            candidate.residual = true;
            if (duty.exceptions[residual.exception].instead == no_index)
                duty.exceptions[residual.exception].instead = d;
        }
        if (found) continue;
        if (std::any_of(duties.begin(), duties.end(), [&](Index d) { return program_.duties[d].id == name.text; }))
            continue;  // reported above
        if (broken_duties_.count(name.text)) continue;
        std::vector<std::string_view> known;
        for (auto const d : duties) known.push_back(program_.duties[d].id);
        error(name, "unknown_duty",
              fmt::format("{} has no duty '{}'{}", owner, name.text, did_you_mean(name.text, known)));
    }
}

// One `on` clause: its events join the duty's triggers, each with this
// clause's condition. A duty may have several, each with its own condition;
// an event in two of them would open the duty twice, so it is refused.
bool Resolver::resolve_trigger(ast::Trigger const& trigger, DutyScope const& scope, DutyDef& def) {
    bool ok = true;
    std::vector<Index> events;
    for (auto const& name : trigger.events) {
        auto const event = find_event(name, scope.vocabulary, scope.owner);
        if (event == no_index) {
            ok = false;
        } else if (std::find(def.triggers.begin(), def.triggers.end(), event) != def.triggers.end() ||
                   std::find(events.begin(), events.end(), event) != events.end()) {
            error(name, "duplicate_trigger",
                  fmt::format("duty '{}' already opens on '{}'; join the conditions with `or` in one `on` clause",
                              def.id, name.text));
            ok = false;
        } else {
            events.push_back(event);
        }
    }
    if (!ok) return false;
    std::vector<Index> conditions;
    std::string text;
    if (trigger.where) {
        text = text_of(*trigger.where);
        auto const compiled = compile_per_event(*trigger.where, events, scope.vocabulary);
        if (!compiled) return false;
        conditions = *compiled;
    }
    bool const first = def.triggers.empty();
    // Conditions are kept per trigger only once some clause has one: an
    // `always` node stands in for the clauses without.
    if (!conditions.empty() && def.conditions.empty() && !first)
        def.conditions.assign(def.triggers.size(), add_node(ConditionNode{}));
    if (conditions.empty() && !def.conditions.empty()) conditions.assign(events.size(), add_node(ConditionNode{}));
    def.conditions.insert(def.conditions.end(), conditions.begin(), conditions.end());
    def.triggers.insert(def.triggers.end(), events.begin(), events.end());
    def.trigger_conditions.insert(def.trigger_conditions.end(), events.size(), text);
    def.trigger_clauses.push_back(text_of(trigger));
    def.condition_text = first ? text : std::string{};  // with several clauses, triggers_text says it
    return true;
}

std::optional<DeadlineDef> Resolver::resolve_deadline(ast::DeadlineRule const& rule, DutyScope const& scope,
                                                      DutyDef const& duty) {
    DeadlineDef def;
    def.text = text_of(rule);
    bool ok = true;
    auto const needs_age_fact = [&](ast::Located const& at) {
        if (age_fact() != no_index) return;
        needs_age(at, "an age");
        ok = false;
    };
    auto const check_calendar = [&](Span const& span, ast::Located const& at) {
        if (span.unit != TimeUnit::working_days || law_calendar(program_, scope.law) != no_index) return;
        error(at, "no_calendar",
              "working days need a calendar: name one in the law (calendar ID) or mark one calendar `default`");
        ok = false;
    };
    // The unit of a span read from an attribute: days to years, as a
    // recorded number of hours or working days would have no calendar.
    auto const attribute_unit = [&](ast::AttributeInterval const& a, std::string_view what) {
        auto const unit = parse_time_unit(a.unit.text);
        if (unit && *unit != TimeUnit::hours && *unit != TimeUnit::working_days) return unit;
        error(a.unit, "unknown_unit",
              fmt::format("{} from an attribute counts days, weeks, months or years, not '{}'", what, a.unit.text));
        ok = false;
        return std::optional<TimeUnit>{};
    };
    // The simple forms, each written into `def` (the deadline, or one
    // alternative of `earliest of`).
    auto const forms = [&](DeadlineDef& def) {
        return overloaded{
            [&](ast::Within const& w) {
                def.kind = DeadlineDef::Kind::within;
                if (w.span.amount.text == "0" && w.span.unit.text != "days") {
                    error(w.span.amount, "invalid_number",
                          "0 is for days alone: a deadline on the day the duty opens is 'within 0 days'");
                    ok = false;
                } else if (auto const span = read_span(w.span, w.span.unit.text == "days" ? 0 : 1)) {
                    def.span = *span;
                    check_calendar(*span, w.span);
                } else {
                    ok = false;
                }
                if (w.anchor) {
                    def.anchor = find_event(*w.anchor, scope.vocabulary, scope.owner);
                    if (def.anchor == no_index) ok = false;
                }
            },
            [&](ast::BeforeEvent const& b) {
                def.kind = DeadlineDef::Kind::before_event;
                def.event = find_event(b.event, scope.vocabulary, scope.owner);
                if (def.event == no_index) {
                    ok = false;
                    return;
                }
                if (!b.matching) return;
                auto const find_attribute = [&](Index event) {
                    auto const& attributes = program_.events[event].attributes;
                    for (Index i = 0; i < attributes.size(); ++i)
                        if (attributes[i].id == b.matching->text) return i;
                    return no_index;
                };
                def.matching = find_attribute(def.event);
                if (def.matching == no_index) {
                    error(*b.matching, "unknown_name",
                          fmt::format("event '{}' has no attribute '{}'", program_.events[def.event].id,
                                      b.matching->text));
                    ok = false;
                    return;
                }
                for (auto const trigger : duty.triggers) {
                    auto const index = find_attribute(trigger);
                    auto const& target = program_.events[def.event].attributes[def.matching];
                    if (index == no_index || program_.events[trigger].attributes[index].type.base != target.type.base ||
                        program_.events[trigger].attributes[index].type.kind != target.type.kind) {
                        error(*b.matching, "unknown_name",
                              fmt::format("trigger event '{}' has no attribute '{}' of the same type to match",
                                          program_.events[trigger].id, b.matching->text));
                        ok = false;
                        return;
                    }
                    def.matching_in_trigger.push_back(index);
                }
            },
            [&](ast::AttributeInterval const& a) {
                // `within ATTRIBUTE UNIT`, a form of a choice: the span a decision
                // set, read from the trigger.
                def.kind = DeadlineDef::Kind::within;
                auto const unit = attribute_unit(a, "a time read");
                if (!unit) return;
                def.span = Span{0, *unit};
                for (auto const trigger : duty.triggers) {
                    Index index = no_index;
                    auto const& attributes = program_.events[trigger].attributes;
                    for (Index i = 0; i < attributes.size(); ++i)
                        if (attributes[i].id == a.attribute.text && attributes[i].type.base == BaseType::integer)
                            index = i;
                    if (index == no_index) {
                        error(a.attribute, "unknown_name",
                              fmt::format("trigger event '{}' has no whole-number attribute '{}'",
                                          program_.events[trigger].id, a.attribute.text));
                        ok = false;
                        return;
                    }
                    def.span_attribute.push_back(index);
                }
            },
            [&](ast::NoDeadline const& n) {
                // `no deadline` as a form of a choice (`first of` alone, below).
                def.kind = DeadlineDef::Kind::none;
                if (n.value.text != "deadline") {
                    error(n.value, "syntax_error", fmt::format("expected 'no deadline', found 'no {}'", n.value.text));
                    ok = false;
                }
            },
            [&](ast::AtAge const& a) {
                def.kind = DeadlineDef::Kind::at_age;
                needs_age_fact(a);
                auto const years = read_count(a.years, 0, 150);
                auto const months = a.months ? read_count(*a.months, 0, 11) : std::optional<std::int64_t>{0};
                if (!years || !months) ok = false;
                else {
                    def.years = static_cast<int>(*years);
                    def.months = static_cast<int>(*months);
                }
            },
            [&](ast::BeforeAge const& a) {
                def.kind = DeadlineDef::Kind::before_age;
                needs_age_fact(a);
                auto const span = read_span(a.span);
                auto const years = read_count(a.years, 0, 150);
                if (!span || !years) {
                    ok = false;
                    return;
                }
                if (span->unit == TimeUnit::hours || span->unit == TimeUnit::working_days) {
                    error(a.span.unit, "unknown_unit",
                          "a time before an age is counted in days, weeks, months or years");
                    ok = false;
                }
                def.span = *span;
                def.years = static_cast<int>(*years);
            }};
    };
    if (auto const* choice = boost::get<ast::DeadlineChoice>(&rule.first)) {
        def.kind = choice->which == "earliest" ? DeadlineDef::Kind::earliest
                   : choice->which == "latest" ? DeadlineDef::Kind::latest
                                               : DeadlineDef::Kind::first;
        if (choice->alternatives.size() < 2) {
            error(*choice, "single_alternative",
                  fmt::format("'{} of' needs two deadlines or more; write the one deadline alone", choice->which));
            ok = false;
        }
        for (auto const& alternative : choice->alternatives) {
            DeadlineDef form;
            form.text = text_of(alternative);
            boost::apply_visitor(forms(form), alternative.form);
            if (form.kind == DeadlineDef::Kind::none && def.kind != DeadlineDef::Kind::first) {
                error(alternative, "no_deadline_in_choice",
                      fmt::format("'no deadline' is a form of 'first of' only: '{} of' compares dates", choice->which));
                ok = false;
            }
            if (alternative.where) {
                // A form may name an attribute that only some trigger events
                // record: on the others the comparison is false.
                auto const conditions =
                    compile_per_event(*alternative.where, duty.triggers, scope.vocabulary, /*others_absent=*/true);
                if (conditions) form.where = *conditions;
                else ok = false;
            }
            def.alternatives.push_back(std::move(form));
        }
    } else {
        boost::apply_visitor(
            [&](auto const& node) {
                if constexpr (!std::is_same_v<std::decay_t<decltype(node)>, ast::DeadlineChoice>) forms(def)(node);
            },
            rule.first);
    }
    if (rule.passed) {
        if (rule.passed->value.text != "deadline") {
            error(rule.passed->value, "syntax_error",
                  fmt::format("expected 'no deadline', found 'no {}'", rule.passed->value.text));
            ok = false;
        } else if (!boost::get<ast::AtAge>(&rule.first) && !boost::get<ast::BeforeAge>(&rule.first)) {
            error(*rule.passed, "otherwise_without_age",
                  "', otherwise no deadline' follows an age (at age N years, N UNIT before age N): only a day fixed "
                  "by the case's facts can have passed when the duty opens");
            ok = false;
        } else {
            def.none_if_passed = true;
        }
    }
    if (rule.then) {
        auto const& then = *rule.then;
        def.recurs = true;
        visit(
            then.every,
            [&](ast::Duration const& d) {
                if (auto const span = read_span(d)) {
                    def.every = *span;
                    check_calendar(*span, d);
                } else {
                    ok = false;
                }
            },
            [&](ast::AttributeInterval const& interval) {
                auto const unit = attribute_unit(interval, "an interval");
                if (!unit) return;
                def.every_attribute_unit = *unit;
                bool found = false;
                for (auto const& fulfilment : duty.done_by) {
                    Index index = no_index;
                    auto const& attributes = program_.events[fulfilment.event].attributes;
                    for (Index i = 0; i < attributes.size(); ++i)
                        if (attributes[i].id == interval.attribute.text && attributes[i].type.base == BaseType::integer)
                            index = i;
                    found |= index != no_index;
                    def.every_attribute.push_back(index);
                }
                if (!found) {
                    error(interval.attribute, "unknown_name",
                          fmt::format("no fulfilling event of this duty has a whole-number attribute '{}'",
                                      interval.attribute.text));
                    ok = false;
                }
                if (!then.otherwise) {
                    error(interval, "missing_clause",
                          fmt::format("say how often when '{}' is not recorded: ', otherwise every N UNIT' or "
                                      "', otherwise no deadline'",
                                      interval.attribute.text));
                    ok = false;
                }
            });
        if (then.otherwise) {
            if (auto const* every = boost::get<ast::Duration>(&*then.otherwise)) {
                if (auto const span = read_span(*every)) {
                    def.every = *span;
                    def.has_otherwise = true;
                    check_calendar(*span, *every);
                } else {
                    ok = false;
                }
            } else {
                auto const& none = boost::get<ast::NoDeadline>(*then.otherwise);
                if (none.value.text != "deadline") {
                    error(none.value, "syntax_error",
                          fmt::format("expected 'no deadline', found 'no {}'", none.value.text));
                    ok = false;
                } else if (def.every_attribute.empty()) {
                    error(none, "otherwise_without_attribute",
                          "'otherwise no deadline' follows 'then every ATTRIBUTE UNIT': with a fixed interval every "
                          "repetition has its deadline");
                    ok = false;
                } else {
                    def.has_otherwise = true;
                    def.otherwise_none = true;
                }
            }
        }
        for (auto const& name : then.until) {
            auto const event = find_event(name, scope.vocabulary, scope.owner);
            if (event == no_index) ok = false;
            else def.until.push_back(event);
        }
    }
    if (!ok) return std::nullopt;
    return def;
}

std::optional<Dating> Resolver::read_dating(ast::Token const& word, DutyScope const& scope) {
    if (word.text == "trigger") return Dating{Dating::Kind::trigger, no_index};
    if (word.text == "deadline") return Dating{Dating::Kind::deadline, no_index};
    auto const event = program_.find_event(word.text);
    if (event == no_index || (scope.vocabulary != no_index && program_.events[event].vocabulary != scope.vocabulary)) {
        std::vector<std::string_view> known{"trigger", "deadline"};
        for (auto const& e : program_.events)
            if (scope.vocabulary == no_index || e.vocabulary == scope.vocabulary) known.push_back(e.id);
        error(word, "unknown_event",
              fmt::format("dated by '{}': expected trigger, deadline or an event{}", word.text,
                          did_you_mean(word.text, known)));
        return std::nullopt;
    }
    return Dating{Dating::Kind::event, event};
}

// A target counts from the trigger or an earlier event: `within N UNIT [of
// EVENT]`, once (a goal repeats with its duty, not on its own).
std::optional<DeadlineDef> Resolver::resolve_target_rule(ast::DeadlineRule const& rule, DutyScope const& scope,
                                                         DutyDef const& duty) {
    if (!boost::get<ast::Within>(&rule.first) || rule.then) {
        error(rule, "unsupported_target", "a target is a time from the trigger: within N UNIT [of EVENT]");
        return std::nullopt;
    }
    return resolve_deadline(rule, scope, duty);
}

// ---- exemption sets

void Resolver::resolve_exemption_set(ast::ExemptionSet const& set) {
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
    std::vector<ast::Change const*> changes;
    std::vector<ast::Covers const*> covers;
    std::vector<ast::Duty const*> duties;
    for (auto const& item : set.items) {
        visit(
            item,
            [&](ast::Basis const& c) {
                if (once(basis, c, "legal basis", owner)) def.basis = c.value.text;
            },
            [&](ast::Url const& c) { def.url = c.value.text; },
            [&](ast::Amends const& c) {
                if (!once(amends, c, "list of amended laws", owner)) return;
                for (auto const& name : c.names) {
                    auto const law = find_law(name);
                    if (law != no_index) def.amends.push_back(law);
                }
            },
            [&](ast::InForce const& c) {
                if (!once(in_force, c, "period in force", owner)) return;
                if (auto const period = read_period(c)) def.in_force = *period;
            },
            [&](ast::Covers const& c) { covers.push_back(&c); }, [&](ast::Waive const& c) { waivers.push_back(&c); },
            [&](ast::Change const& c) { changes.push_back(&c); }, [&](ast::Duty const& c) { duties.push_back(&c); });
    }
    if (!basis) error(set.name, "missing_clause", fmt::format("{} has no legal basis (basis \"…\")", owner));
    if (!amends) error(set.name, "missing_clause", fmt::format("{} amends no law (amends LAW)", owner));
    if (!in_force) error(set.name, "missing_clause", fmt::format("{} has no period in force", owner));
    for (auto const* cover : covers) {
        auto const law = find_law(cover->law);
        if (law == no_index) continue;
        if (std::find(def.amends.begin(), def.amends.end(), law) == def.amends.end()) {
            error(cover->law, "covers_unamended_law",
                  fmt::format("{} covers paragraphs of '{}', which it does not amend", owner, cover->law.text));
            continue;
        }
        for (auto const& paragraph : cover->paragraphs) def.covers.push_back({law, paragraph.text});
    }

    auto const set_index = static_cast<Index>(program_.exemption_sets.size());
    Index const first_law = def.amends.empty() ? no_index : def.amends.front();
    DutyScope const scope{first_law == no_index ? no_index : program_.laws[first_law].vocabulary, owner, first_law,
                          true};
    std::unordered_map<std::string, Index> own_duties;
    std::unordered_map<std::string, Origin> own_origins;
    for (auto const* duty : duties) {
        if (!declare(own_duties, own_origins, duty->name, 0, "duty", fmt::format(" in {}", owner))) continue;
        if (auto index = resolve_duty(*duty, scope)) {
            program_.duties[*index].owner = set_index;
            program_.duties[*index].owned_by_set = true;
            own_duties[duty->name.text] = *index;
            def.duties.push_back(*index);
        } else {
            own_duties.erase(duty->name.text);
            broken_duties_.insert(duty->name.text);
        }
    }
    resolve_residuals(def.duties, owner);
    for (auto const duty : def.duties)
        if (program_.duties[duty].target) program_.duties[duty].target->basis = def.basis;
    for (auto const* waive : waivers) resolve_waiver(*waive, def, own_duties);
    for (auto const* change : changes) resolve_change(*change, def);
    program_.set_ids[def.id] = set_index;
    program_.exemption_sets.push_back(std::move(def));
}

std::vector<Index> Resolver::amended_duty_defs(ExemptionSetDef const& set, std::string const& concept_id) const {
    std::vector<Index> found;
    for (auto const law : set.amends)
        for (auto const duty : program_.laws[law].duties)
            if (program_.duties[duty].id == concept_id) found.push_back(duty);
    return found;
}

void Resolver::resolve_waiver(ast::Waive const& waive, ExemptionSetDef& set,
                              std::unordered_map<std::string, Index> const& own_duties) {
    auto const amended = amended_duty_defs(set, waive.duty.text);
    if (amended.empty() && broken_duties_.count(waive.duty.text)) return;
    if (amended.empty()) {
        std::vector<std::string_view> known;
        for (auto const law : set.amends)
            for (auto const duty : program_.laws[law].duties) known.push_back(program_.duties[duty].id);
        error(waive.duty, "unknown_duty",
              fmt::format("unknown duty '{}': no law that exemption set '{}' amends defines it{}", waive.duty.text,
                          set.id, did_you_mean(waive.duty.text, known)));
        return;
    }
    Waiver waiver;
    waiver.duty = waive.duty.text;
    waiver.origin = origin(waive.duty);
    if (waive.dated) {
        auto const& first = program_.duties[amended.front()];
        DutyScope const scope{program_.laws[first.owner].vocabulary, fmt::format("exemption set '{}'", set.id),
                              first.owner};
        auto const dating = read_dating(*waive.dated, scope);
        if (!dating) return;
        waiver.dated = *dating;
    }
    if (waive.where) {
        waiver.condition_text = text_of(*waive.where);
        std::vector<Index> events;
        for (auto const duty : amended)
            for (auto const event : program_.duties[duty].triggers)
                if (std::find(events.begin(), events.end(), event) == events.end()) events.push_back(event);
        auto const conditions = compile_per_event(*waive.where, events, program_.laws[set.amends.front()].vocabulary);
        if (!conditions) return;
        for (std::size_t i = 0; i < events.size(); ++i) waiver.conditions.emplace_back(events[i], (*conditions)[i]);
    }
    if (waive.instead) {
        auto const& name = waive.instead->text;
        if (auto const it = own_duties.find(name); it != own_duties.end()) {
            waiver.instead = it->second;
        } else if (amended_duty_defs(set, name).empty() && !broken_duties_.count(name)) {
            std::vector<std::string_view> known;
            for (auto const& [id, index] : own_duties) known.push_back(id);
            error(*waive.instead, "unknown_duty",
                  fmt::format("unknown replacing duty '{}': neither this set nor a law it amends defines it{}", name,
                              did_you_mean(name, known)));
            return;
        }
        waiver.instead_id = name;
    }
    set.waivers.push_back(std::move(waiver));
}

void Resolver::resolve_change(ast::Change const& change, ExemptionSetDef& set) {
    auto const amended = amended_duty_defs(set, change.duty.text);
    if (amended.empty() && broken_duties_.count(change.duty.text)) return;
    if (amended.empty()) {
        error(change.duty, "unknown_duty",
              fmt::format("unknown duty '{}': no law that exemption set '{}' amends defines it", change.duty.text,
                          set.id));
        return;
    }
    Change def;
    def.duty = change.duty.text;
    def.origin = origin(change.duty);
    for (auto const duty_index : amended) {
        auto const& duty = program_.duties[duty_index];
        DutyScope const scope{program_.laws[duty.owner].vocabulary, fmt::format("exemption set '{}'", set.id),
                              duty.owner};
        auto deadline = resolve_deadline(change.due.rule, scope, duty);
        if (!deadline) return;
        def.deadlines.emplace_back(duty_index, std::move(*deadline));
    }
    set.changes.push_back(std::move(def));
}

}  // namespace pligt::detail
