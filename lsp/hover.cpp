// Hover: what a name means, in Markdown. A duty shows its title, citation,
// law and versions, its deadline in words with the date it gives when
// opened today, and the statute's address; every other name its title and
// where it is declared. A span (`4 months`) or a date under the cursor shows
// the date it gives from today, counted as the engine counts it.
#include "engine/deadline.hpp"
#include "engine/explain.hpp"
#include "lsp/features.hpp"
#include "output/words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

namespace pligt::lsp {
namespace {

output::Words const& english() { return output::words(output::Language::en); }

std::string code(std::string_view id) { return fmt::format("`{}`", id); }

// "rules/some_act.pligt:120"
std::string declared_at(Project const& project, Occurrence const& o) {
    for (auto const& file : project.files())
        if (!file.index.occurrences.empty() && &o >= &file.index.occurrences.front() &&
            &o <= &file.index.occurrences.back()) {
            auto const name = file.path.substr(file.path.find_last_of('/') + 1);
            return fmt::format("{}:{}", name, file.source.position(o.begin).line);
        }
    return {};
}

// The heading and the declarations' places, shared by every kind of name.
std::string heading(Project const& project, SymbolKey const& key, std::vector<Occurrence const*> const& declarations) {
    auto out = fmt::format("**{}** {}", to_string(key.kind), code(key.id));
    if (!declarations.empty() && !declarations.front()->title.empty() && key.kind != SymbolKind::test)
        out += " — " + declarations.front()->title;
    out += "\n";
    std::vector<std::string> places;
    for (auto const* d : declarations) places.push_back(declared_at(project, *d));
    if (!places.empty()) out += fmt::format("\nDeclared in {}\n", fmt::join(places, ", "));
    return out;
}

// The versions a law's duty definition holds for: the one in force when it
// began, and those that began while it held.
std::vector<VersionDef const*> versions_of(LawDef const& law, DutyDef const& duty) {
    auto const* first = law.version_on(duty.valid.from);
    std::vector<VersionDef const*> found;
    for (auto const& version : law.versions)
        if (&version == first || duty.valid.contains(version.from)) found.push_back(&version);
    return found;
}

// The address of the statute at the duty's paragraph, in the latest of its
// versions in force today (the first of them, while none is).
std::string duty_address(Program const& program, DutyDef const& duty, Date today) {
    if (duty.owned_by_set) return program.exemption_sets[duty.owner].url;
    auto const& law = program.laws[duty.owner];
    auto const versions = versions_of(law, duty);
    VersionDef const* chosen = versions.empty() ? nullptr : versions.front();
    for (auto const* version : versions)
        if (version->from <= today) chosen = version;
    if (!chosen || chosen->url.empty()) return {};
    return chosen->url + engine::paragraph_anchor(law, duty.cite);
}

// "due 5 April 2027 when opened today (7 December 2026)", for a span from the trigger.
std::string example(Program const& program, DutyDef const& duty, Date today) {
    auto const& due = duty.due;
    if (due.kind != DeadlineDef::Kind::within || due.anchor != no_index) return {};
    auto const at = engine::deadline(Moment::on(today), due.span, engine::calendar_of(program, duty));
    return fmt::format("opened today ({}): due {}", english().date(today), english().moment(at));
}

std::string duty_details(Program const& program, std::string const& id, Date today) {
    std::string out;
    for (auto const& duty : program.duties) {
        if (duty.id != id) continue;
        auto const owner = duty.owned_by_set
                               ? "exemptions " + program.exemption_sets[duty.owner].id
                               : program.laws[duty.owner].title + " (" + program.laws[duty.owner].short_name + ")";
        out += fmt::format("\n---\n**{}** — {}\n\n", engine::citation(program, duty), owner);
        if (!duty.owned_by_set) {
            // Up to three by name; more as the first and the last.
            auto const versions = versions_of(program.laws[duty.owner], duty);
            std::vector<std::string> titles;
            for (auto const* version : versions) titles.push_back(version->title);
            if (versions.size() > 3)
                out += fmt::format("- Versions: {} … {} ({} versions)\n", titles.front(), titles.back(), titles.size());
            else if (!versions.empty()) out += fmt::format("- Versions: {}\n", fmt::join(titles, "; "));
        }
        out +=
            "- Deadline: " +
            (duty.due.kind == DeadlineDef::Kind::none ? std::string{"none: the statute sets no time"} : duty.due.text) +
            "\n";
        if (auto const e = example(program, duty, today); !e.empty()) out += "- Example: " + e + "\n";
        if (!duty.wording.empty()) out += fmt::format("- The statute's words: “{}”\n", duty.wording);
        if (auto const url = duty_address(program, duty, today); !url.empty())
            out += fmt::format("- Statute: <{}>\n", url);
    }
    return out;
}

std::string law_details(Program const& program, std::string const& id) {
    auto const index = program.find_law(id);
    if (index == no_index) return {};
    auto const& law = program.laws[index];
    auto out = fmt::format("\nShort name {}, in force {}\n", law.short_name,
                           english().period(law.in_force.from, law.in_force.to));
    for (auto const& version : law.versions)
        out += fmt::format("- {} from {}{}\n", version.title, english().date(version.from),
                           version.url.empty() ? "" : " <" + version.url + ">");
    return out;
}

std::string set_details(Program const& program, std::string const& id) {
    auto const index = program.find_exemption_set(id);
    if (index == no_index) return {};
    auto const& set = program.exemption_sets[index];
    std::vector<std::string> laws;
    for (auto const law : set.amends) laws.push_back(program.laws[law].short_name);
    auto out = fmt::format("\nBasis: {}\n\nIn force {}; amends {}; waives {} and changes {} dut{}\n", set.basis,
                           english().period(set.in_force.from, set.in_force.to), fmt::join(laws, ", "),
                           set.waivers.size(), set.changes.size(), set.changes.size() == 1 ? "y" : "ies");
    if (!set.url.empty()) out += fmt::format("\n<{}>\n", set.url);
    return out;
}

std::string municipality_details(Program const& program, std::string const& id) {
    auto const index = program.find_municipality(id);
    if (index == no_index) return {};
    auto const& m = program.municipalities[index];
    auto out = fmt::format("\nCode {}, {}\n", m.code, m.region);
    for (auto const& adoption : m.adoptions)
        out += fmt::format("- adopts {} {}\n", program.exemption_sets[adoption.set].id,
                           english().period(adoption.period.from, adoption.period.to));
    return out;
}

// What the declarations of the name say, for a name that is not a duty.
std::string declaration_details(Project const& project, SymbolKey const& key,
                                std::vector<Occurrence const*> const& declarations) {
    std::string out;
    if (declarations.empty()) return out;
    auto const& d = *declarations.front();
    switch (key.kind) {
    case SymbolKind::attribute:
        out += fmt::format("\nAttribute of event {}: {}{}\n", code(key.scope), code(d.type),
                           d.detail.empty() ? "" : ", " + d.detail);
        break;
    case SymbolKind::fact: out += fmt::format("\nFact of the case: {}\n", code(d.type)); break;
    case SymbolKind::value: out += fmt::format("\nValue of kind {}\n", code(key.scope)); break;
    case SymbolKind::kind: {
        out += "\nValues:\n";
        for (auto const* value : project.declared(SymbolKind::value, key.id))
            out += fmt::format("- {}{}\n", code(value->id), value->title.empty() ? "" : " — " + value->title);
        break;
    }
    case SymbolKind::event: {
        auto const attributes = project.declared(SymbolKind::attribute, key.id);
        if (!attributes.empty()) {
            out += "\nAttributes:\n";
            for (auto const* a : attributes)
                out +=
                    fmt::format("- {}: {}{}\n", code(a->id), code(a->type), a->title.empty() ? "" : " — " + a->title);
        }
        std::vector<std::string> opens;
        for (auto const* duty : project.declared(SymbolKind::duty))
            if (std::find(duty->events.begin(), duty->events.end(), key.id) != duty->events.end() &&
                std::find(opens.begin(), opens.end(), code(duty->id)) == opens.end())
                opens.push_back(code(duty->id));
        if (!opens.empty()) out += fmt::format("\nOpens: {}\n", fmt::join(opens, ", "));
        break;
    }
    default: break;
    }
    return out;
}

// The span ("4 months", "6 working days") or date under the cursor, if any.
std::string span_or_date(Document const& document, std::size_t offset, Date today) {
    LineMap const lines{document.text()};
    auto const position = lines.position(offset, Encoding::utf8);
    auto const line = std::string{lines.line_text(position.line)};
    auto const column = static_cast<std::size_t>(position.character);
    static std::regex const pattern{
        R"((\d{4}-\d{2}-\d{2})|\b(\d+) +(working +days?|hours?|days?|weeks?|months?|years?)\b)"};
    for (std::sregex_iterator it{line.begin(), line.end(), pattern}, end; it != end; ++it) {
        auto const begin = static_cast<std::size_t>(it->position());
        if (column < begin || column > begin + static_cast<std::size_t>(it->length())) continue;
        if ((*it)[1].matched) {
            auto const date = Date::parse((*it)[1].str());
            if (!date) return {};
            auto const days = date->days() - today.days();
            static constexpr char const* weekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                       "Friday", "Saturday", "Sunday"};
            return fmt::format("**{}**, a {} — {}", english().date(*date), weekdays[date->iso_weekday() - 1],
                               days == 0  ? "today"
                               : days > 0 ? fmt::format("in {} days", days)
                                          : fmt::format("{} days ago", -days));
        }
        auto const span = parse_span((*it)[2].str() + " " + std::regex_replace((*it)[3].str(), std::regex{" +"}, " "));
        if (!span) return {};
        auto const* program = document.project.program();
        Calendar const* calendar =
            program && program->default_calendar != no_index ? &program->calendars[program->default_calendar] : nullptr;
        static Calendar const weekdays{"weekdays", "Monday to Friday", 0b1100000, {}};
        auto const due = engine::deadline(Moment::on(today), *span, calendar ? *calendar : weekdays);
        return fmt::format("**{}** from today ({}): {}{}", english().span(*span), english().date(today),
                           english().moment(due),
                           span->unit == TimeUnit::working_days
                               ? " (working days of calendar " + (calendar ? calendar : &weekdays)->id() + ")"
                               : "");
    }
    return {};
}

// Markdown where the editor renders it; the same text as plain text (its
// marks are light enough to read) where it does not.
nlohmann::json contents(Document const& document, std::string const& text) {
    return {{"kind", document.abilities.markdown ? "markdown" : "plaintext"}, {"value", text}};
}

}  // namespace

nlohmann::json hover(Document const& document, std::size_t offset, Date today) {
    auto const& project = document.project;
    auto const* at = occurrence_at(document.rule_file().index, offset);
    std::string text;
    if (at) {
        auto const key = project.key_of(*at);
        if (!key) {
            text = fmt::format("{} {}: not declared", to_string(at->kind), code(at->id));
        } else {
            auto const declarations = project.declarations_of(*key);
            text = heading(project, *key, declarations);
            text += declaration_details(project, *key, declarations);
            if (auto const* program = project.program()) {
                if (key->kind == SymbolKind::duty) text += duty_details(*program, key->id, today);
                if (key->kind == SymbolKind::law) text += law_details(*program, key->id);
                if (key->kind == SymbolKind::exemption_set) text += set_details(*program, key->id);
                if (key->kind == SymbolKind::municipality) text += municipality_details(*program, key->id);
            }
        }
        return {{"contents", contents(document, text)},
                {"range", range_json(document.text(), at->begin, at->end, document.encoding)}};
    }
    text = span_or_date(document, offset, today);
    if (text.empty()) return nullptr;
    return {{"contents", contents(document, text)}};
}

}  // namespace pligt::lsp
