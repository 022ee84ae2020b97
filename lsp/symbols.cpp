#include "lsp/symbols.hpp"

#include "dsl/visit.hpp"

#include <boost/variant/apply_visitor.hpp>

#include <algorithm>

namespace pligt::lsp {
namespace {

bool is_name(std::string const& text) {
    return !text.empty() && (std::isalpha(static_cast<unsigned char>(text.front())) || text.front() == '_');
}

std::string title_of(boost::optional<ast::Token> const& title) { return title ? title->text : std::string{}; }

// Walks one file's tree, appending occurrences and outline items.
class Indexer {
public:
    explicit Indexer(FileIndex& index) : index_{index} {}

    void declaration(ast::Declaration const& d) {
        visit(
            d, [&](ast::Vocabulary const& v) { vocabulary(v); }, [&](ast::Calendar const& c) { calendar(c); },
            [&](ast::Law const& l) { law(l); }, [&](ast::ExemptionSet const& s) { exemption_set(s); },
            [&](ast::Municipality const& m) { municipality(m); }, [&](ast::Scenario const& s) { scenario(s); },
            [&](ast::Test const& t) { test(t); });
    }

private:
    Occurrence& reference(SymbolKind kind, ast::Token const& name) {
        auto& o = index_.occurrences.emplace_back();
        o.kind = kind;
        o.begin = static_cast<std::uint32_t>(name.begin);
        o.end = static_cast<std::uint32_t>(name.end);
        o.id = name.text;
        return o;
    }
    void references(SymbolKind kind, std::vector<ast::Token> const& names) {
        for (auto const& name : names) reference(kind, name);
    }
    Occurrence& declare(SymbolKind kind, ast::Token const& name, ast::Located const& node, std::string title = {}) {
        auto& o = reference(kind, name);
        o.declaration = true;
        o.node_begin = static_cast<std::uint32_t>(node.begin);
        o.node_end = static_cast<std::uint32_t>(node.end);
        o.title = std::move(title);
        return o;
    }
    static OutlineItem item(Occurrence const& o) {
        return OutlineItem{o.kind, o.id, o.title, o.node_begin, o.node_end, o.begin, o.end, {}};
    }
    // A type names a kind unless it is one of the built-in types.
    void type(ast::TypeRef const& ref) {
        static constexpr std::string_view builtin[] = {"bool", "int", "date", "text"};
        if (std::find(std::begin(builtin), std::end(builtin), ref.name.text) == std::end(builtin))
            reference(SymbolKind::kind, ref.name);
    }

    // ---- conditions: names read in `events` (or a duty's triggers)
    struct Context {
        std::vector<std::string> events;
        std::string duty;
    };
    void condition(ast::Condition const& c, Context const& context) {
        for (auto const& conjunction : c.terms) this->conjunction(conjunction, context);
    }
    void conjunction(ast::Conjunction const& c, Context const& context) {
        for (auto const& f : c.terms) factor(f, context);
    }
    void factor(ast::Factor const& f, Context const& context) {
        visit(
            f.node, [&](ast::Comparison const& c) { comparison(c, context); },
            [&](ast::Negation const& n) {
                for (auto const& inner : n.operand) factor(inner, context);
            },
            [&](ast::Group const& g) {
                for (auto const& inner : g.inner) condition(inner, context);
            });
    }
    void comparison(ast::Comparison const& c, Context const& context) {
        if (c.left.text != "age") name_in(context, c.left);
        if (!c.tail) return;
        for (auto const& value : c.tail->values) {
            if (!is_name(value.text) || value.text == "true" || value.text == "false") continue;
            auto& o = reference(SymbolKind::value, value);
            o.operand = c.left.text;
            o.events = context.events;
            o.duty = context.duty;
        }
    }
    void name_in(Context const& context, ast::Token const& name) {
        auto& o = reference(SymbolKind::condition_name, name);
        o.events = context.events;
        o.duty = context.duty;
    }

    // ---- vocabulary and calendars
    void vocabulary(ast::Vocabulary const& v) {
        auto const& decl = declare(SymbolKind::vocabulary, v.name, v, title_of(v.title));
        auto outline = item(decl);
        for (auto const& entry : v.items)
            visit(
                entry,
                [&](ast::Fact const& f) {
                    auto& o = declare(SymbolKind::fact, f.name, f, title_of(f.title));
                    o.type = f.type.name.text + (f.type.optional ? "?" : "");
                    outline.children.push_back(item(o));
                    type(f.type);
                },
                [&](ast::Kind const& k) {
                    auto kind_item = item(declare(SymbolKind::kind, k.name, k));
                    for (auto const& value : k.values) {
                        auto& o = declare(SymbolKind::value, value.name, value, title_of(value.title));
                        o.scope = k.name.text;
                        kind_item.children.push_back(item(o));
                    }
                    outline.children.push_back(std::move(kind_item));
                },
                [&](ast::Event const& e) {
                    auto event_item = item(declare(SymbolKind::event, e.name, e, title_of(e.title)));
                    for (auto const& a : e.attributes) {
                        auto& o = declare(SymbolKind::attribute, a.name, a, title_of(a.title));
                        o.scope = e.name.text;
                        o.type = a.type.name.text + (a.type.optional ? "?" : "");
                        if (a.default_value) o.detail = "default " + a.default_value->text;
                        event_item.children.push_back(item(o));
                        type(a.type);
                    }
                    outline.children.push_back(std::move(event_item));
                },
                [&](ast::State const& s) {
                    outline.children.push_back(item(declare(SymbolKind::state, s.name, s, title_of(s.title))));
                    references(SymbolKind::event, s.starts);
                    references(SymbolKind::event, s.ends);
                },
                [&](ast::AgeOrigin const& a) { reference(SymbolKind::fact, a.fact); }, [](ast::Language const&) {});
        index_.outline.push_back(std::move(outline));
    }

    void calendar(ast::Calendar const& c) {
        index_.outline.push_back(item(declare(SymbolKind::calendar, c.name, c, title_of(c.title))));
    }

    // ---- laws and duties
    void law(ast::Law const& l) {
        auto const& decl = declare(SymbolKind::law, l.name, l, title_of(l.title));
        auto outline = item(decl);
        auto const owner = "law " + l.name.text;
        for (auto const& entry : l.items)
            visit(
                entry, [&](ast::Uses const& u) { reference(SymbolKind::vocabulary, u.value); },
                [&](ast::CalendarRef const& c) { reference(SymbolKind::calendar, c.value); },
                [&](ast::Version const& v) {
                    outline.children.push_back(version(v, v.title, v.from, v.items, l.name.text, owner));
                },
                [&](ast::Transition const& t) {
                    reference(SymbolKind::law, t.from);
                    for (auto const& part : t.items)
                        visit(
                            part, [&](ast::Finish const& f) { references(SymbolKind::duty, f.names); },
                            [&](ast::Keep const& k) {
                                references(SymbolKind::event, k.events);
                                references(SymbolKind::duty, k.duties);
                            });
                    outline.children.push_back(OutlineItem{SymbolKind::transition,
                                                           "transition from " + t.from.text,
                                                           t.cite.text,
                                                           static_cast<std::uint32_t>(t.begin),
                                                           static_cast<std::uint32_t>(t.end),
                                                           static_cast<std::uint32_t>(t.from.begin),
                                                           static_cast<std::uint32_t>(t.from.end),
                                                           {}});
                },
                [&](ast::Duty const& d) { outline.children.push_back(duty(d, owner)); }, [](auto const&) {});
        index_.outline.push_back(std::move(outline));
    }

    // A law's version, or a scenario's version of a law.
    OutlineItem version(ast::Located const& v, ast::Token const& title, ast::Token const& from,
                        std::vector<ast::VersionItem> const& items, std::string const& law, std::string const& owner) {
        auto& decl = declare(SymbolKind::version, title, v, from.text);
        decl.owner = law;
        auto outline = item(decl);
        outline.detail = "from " + from.text;
        for (auto const& entry : items)
            visit(
                entry, [&](ast::CiteChange const& c) { reference(SymbolKind::duty, c.duty); },
                [&](ast::Repeal const& r) { reference(SymbolKind::duty, r.value); },
                [&](ast::Duty const& d) { outline.children.push_back(duty(d, owner)); },
                [&](ast::DutyChange const& c) {
                    reference(SymbolKind::duty, c.duty);
                    clauses(c.clauses, Context{{}, c.duty.text});
                },
                [](ast::Url const&) {});
        return outline;
    }

    OutlineItem duty(ast::Duty const& d, std::string const& owner) {
        Context triggers;
        for (auto const& clause : d.clauses)
            if (auto const* t = boost::get<ast::Trigger>(&clause))
                for (auto const& e : t->events) triggers.events.push_back(e.text);
        auto& decl = declare(SymbolKind::duty, d.name, d, title_of(d.title));
        decl.owner = owner;
        decl.events = triggers.events;
        for (auto const& clause : d.clauses)
            if (auto const* c = boost::get<ast::Cite>(&clause)) decl.detail = c->value.text;
        auto outline = item(decl);
        outline.detail = decl.detail.empty() ? decl.title : decl.title + " (" + decl.detail + ")";
        clauses(d.clauses, triggers);
        return outline;
    }

    // The names a duty's clauses use; `triggers` says which events open it.
    void clauses(std::vector<ast::DutyClause> const& list, Context const& triggers) {
        std::vector<std::string> fulfilling;
        for (auto const& clause : list)
            if (auto const* done = boost::get<ast::DoneBy>(&clause))
                for (auto const& f : done->events) fulfilling.push_back(f.event.text);
        for (auto const& clause : list)
            visit(
                clause,
                [&](ast::Trigger const& t) {
                    references(SymbolKind::event, t.events);
                    if (t.where) {
                        Context own;
                        for (auto const& e : t.events) own.events.push_back(e.text);
                        condition(*t.where, own);
                    }
                },
                [&](ast::Unless const& u) {
                    condition(u.condition, triggers);
                    if (u.instead) reference(SymbolKind::duty, *u.instead);
                },
                [&](ast::Due const& due) { deadline(due.rule, triggers, fulfilling); },
                [&](ast::Target const& target) { deadline(target.rule, triggers, fulfilling); },
                [&](ast::DatedBy const& dated) { dated_by(dated.value); },
                [&](ast::DoneBy const& done) {
                    for (auto const& f : done.events) {
                        reference(SymbolKind::event, f.event);
                        if (f.where) conjunction(*f.where, Context{{f.event.text}, {}});
                    }
                    if (done.also_before && done.also_before->since)
                        reference(SymbolKind::event, *done.also_before->since);
                },
                [&](ast::Lapses const& l) { references(SymbolKind::event, l.names); }, [](auto const&) {});
    }

    void dated_by(ast::Token const& word) {
        if (word.text != "trigger" && word.text != "deadline") reference(SymbolKind::event, word);
    }

    // `matching ATTRIBUTE`: an attribute of the event waited for (and of the trigger).
    void deadline(ast::DeadlineRule const& rule, Context const& triggers, std::vector<std::string> const& fulfilling) {
        auto const simple = [&](auto const& form) {
            using Form = std::decay_t<decltype(form)>;
            if constexpr (std::is_same_v<Form, ast::Within>) {
                if (form.anchor) reference(SymbolKind::event, *form.anchor);
            } else if constexpr (std::is_same_v<Form, ast::BeforeEvent>) {
                reference(SymbolKind::event, form.event);
                if (form.matching) reference(SymbolKind::attribute, *form.matching).scope = form.event.text;
            } else if constexpr (std::is_same_v<Form, ast::AttributeInterval>) {
                name_in(triggers, form.attribute);
            }
        };
        visit(
            rule.first,
            [&](ast::DeadlineChoice const& choice) {
                for (auto const& alternative : choice.alternatives) {
                    boost::apply_visitor([&](auto const& form) { simple(form); }, alternative.form);
                    if (alternative.where) condition(*alternative.where, triggers);
                }
            },
            [&](auto const& form) { simple(form); });
        if (!rule.then) return;
        if (auto const* interval = boost::get<ast::AttributeInterval>(&rule.then->every))
            name_in(Context{fulfilling, {}}, interval->attribute);
        references(SymbolKind::event, rule.then->until);
    }

    // ---- exemption sets, municipalities, scenarios
    void exemption_set(ast::ExemptionSet const& s) {
        auto outline = item(declare(SymbolKind::exemption_set, s.name, s, title_of(s.title)));
        auto const owner = "exemptions " + s.name.text;
        for (auto const& entry : s.items)
            visit(
                entry, [&](ast::Amends const& a) { references(SymbolKind::law, a.names); },
                [&](ast::Covers const& c) { reference(SymbolKind::law, c.law); },
                [&](ast::Waive const& w) {
                    reference(SymbolKind::duty, w.duty);
                    if (w.where) condition(*w.where, Context{{}, w.duty.text});
                    if (w.instead) reference(SymbolKind::duty, *w.instead);
                    if (w.dated) dated_by(*w.dated);
                },
                [&](ast::Change const& c) {
                    reference(SymbolKind::duty, c.duty);
                    deadline(c.due.rule, Context{{}, c.duty.text}, {});
                },
                [&](ast::Duty const& d) { outline.children.push_back(duty(d, owner)); }, [](auto const&) {});
        index_.outline.push_back(std::move(outline));
    }

    void municipality(ast::Municipality const& m) {
        index_.outline.push_back(item(declare(SymbolKind::municipality, m.name, m, title_of(m.title))));
        for (auto const& entry : m.items)
            visit(
                entry, [&](ast::Adopts const& a) { reference(SymbolKind::exemption_set, a.set); },
                [&](ast::MunicipalityTarget const& t) {
                    reference(SymbolKind::duty, t.duty);
                    deadline(t.rule, Context{{}, t.duty.text}, {});
                },
                [](auto const&) {});
    }

    void scenario(ast::Scenario const& s) {
        auto outline = item(declare(SymbolKind::scenario, s.name, s, title_of(s.title)));
        for (auto const& entry : s.items)
            visit(
                entry,
                [&](ast::SetOverride const& o) {
                    reference(SymbolKind::exemption_set, o.set);
                    for (auto const& part : o.items)
                        if (auto const* a = boost::get<ast::Amends>(&part)) references(SymbolKind::law, a->names);
                },
                [&](ast::LawOverride const& o) { reference(SymbolKind::law, o.law); },
                [&](ast::EveryAdopts const& o) { reference(SymbolKind::exemption_set, o.adoption.set); },
                [&](ast::MunicipalityAdopts const& o) {
                    reference(SymbolKind::municipality, o.municipality);
                    reference(SymbolKind::exemption_set, o.adoption.set);
                },
                [&](ast::EffortOverride const& o) { reference(SymbolKind::duty, o.duty); },
                [&](ast::ScenarioVersion const& v) {
                    reference(SymbolKind::law, v.law);
                    outline.children.push_back(version(v, v.title, v.from, v.items, v.law.text, "law " + v.law.text));
                },
                [](auto const&) {});
        index_.outline.push_back(std::move(outline));
    }

    // ---- tests: the title is the name an outline and a code lens show
    void test(ast::Test const& t) {
        index_.outline.push_back(item(declare(SymbolKind::test, t.title, t)));
        for (auto const& entry : t.case_.items)
            visit(
                entry,
                [&](ast::CaseMunicipality const& m) {
                    if (is_name(m.value.text)) reference(SymbolKind::municipality, m.value);
                },
                [&](ast::CaseEvent const& e) {
                    reference(SymbolKind::event, e.event);
                    for (auto const& a : e.attributes) {
                        reference(SymbolKind::attribute, a.name).scope = e.event.text;
                        value_of(a, {e.event.text});
                    }
                },
                [&](ast::CaseValue const& v) {
                    reference(SymbolKind::fact, v.name);
                    value_of(v, {});
                });
        for (auto const& e : t.expectations) {
            reference(SymbolKind::duty, e.duty);
            if (e.due && e.due->before) reference(SymbolKind::event, e.due->value);
        }
    }
    void value_of(ast::CaseValue const& v, std::vector<std::string> events) {
        if (!is_name(v.value.text) || v.value.text == "true" || v.value.text == "false") return;
        auto& o = reference(SymbolKind::value, v.value);
        o.operand = v.name.text;
        o.events = std::move(events);
    }

    FileIndex& index_;
};

}  // namespace

std::string_view to_string(SymbolKind kind) {
    switch (kind) {
    case SymbolKind::vocabulary: return "vocabulary";
    case SymbolKind::fact: return "fact";
    case SymbolKind::kind: return "kind";
    case SymbolKind::value: return "value";
    case SymbolKind::event: return "event";
    case SymbolKind::attribute: return "attribute";
    case SymbolKind::state: return "state";
    case SymbolKind::calendar: return "calendar";
    case SymbolKind::law: return "law";
    case SymbolKind::version: return "version";
    case SymbolKind::duty: return "duty";
    case SymbolKind::exemption_set: return "exemption set";
    case SymbolKind::municipality: return "municipality";
    case SymbolKind::scenario: return "scenario";
    case SymbolKind::test: return "test";
    case SymbolKind::transition: return "transition";
    case SymbolKind::condition_name: return "name";
    }
    return "name";
}

FileIndex index_file(ast::File const& file) {
    FileIndex index;
    Indexer indexer{index};
    for (auto const& d : file.declarations) indexer.declaration(d);
    return index;
}

Occurrence const* occurrence_at(FileIndex const& index, std::size_t offset) {
    Occurrence const* found = nullptr;
    for (auto const& o : index.occurrences) {
        if (o.begin <= offset && offset < o.end) return &o;
        if (o.end == offset && o.end > o.begin) found = &o;  // the cursor just after a name
    }
    return found;
}

}  // namespace pligt::lsp
