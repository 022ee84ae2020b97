#include "authoring/traceability.hpp"

#include "dsl/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

namespace pligt::engine {
namespace {

bool overlap(Period const& a, Period const& b) { return (!a.to || b.from <= *a.to) && (!b.to || a.from <= *b.to); }

bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

Index law_index(Program const& program, std::string_view id) {
    for (Index l = 0; l < program.laws.size(); ++l)
        if (program.laws[l].id == id) return l;
    return no_index;
}

// The numbers a citation gives after a unit word: "2" of "stk. 2, 2. pkt.",
// 2 and 3 of "stk. 2 og 3" or "stk. 2-3". Short words between numbers join
// them; anything else ends the list.
std::vector<int> numbers_after(std::string_view text) {
    std::vector<int> numbers;
    std::size_t at = 0;
    while (at < text.size()) {
        while (at < text.size() && text[at] == ' ') ++at;
        auto end = text.find(' ', at);
        if (end == std::string_view::npos) end = text.size();
        auto token = text.substr(at, end - at);
        at = end;
        if (!token.empty() && token.back() == ',') token.remove_suffix(1);
        if (token.empty()) continue;
        auto const dash = token.find('-');
        auto const number = [](std::string_view digits) {
            if (digits.empty() || digits.size() > 3 || !std::all_of(digits.begin(), digits.end(), [](char c) {
                    return std::isdigit(static_cast<unsigned char>(c));
                }))
                return -1;
            int n = 0;
            for (char c : digits) n = n * 10 + (c - '0');
            return n;
        };
        if (auto const n = number(token); n >= 0) {
            numbers.push_back(n);
            continue;
        }
        if (dash != std::string_view::npos) {
            auto const from = number(token.substr(0, dash)), to = number(token.substr(dash + 1));
            if (from >= 0 && to >= from) {
                for (int n = from; n <= to; ++n) numbers.push_back(n);
                continue;
            }
        }
        if (token.size() <= 3 &&
            std::all_of(token.begin(), token.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); }))
            continue;  // "og", "and"
        break;
    }
    return numbers;
}

// The law's own duty definitions (one a version text), not an exemption set's.
std::vector<Index> law_duties(Program const& program, Index law) {
    std::vector<Index> found;
    for (Index d = 0; d < program.duties.size(); ++d)
        if (!program.duties[d].owned_by_set && program.duties[d].owner == law) found.push_back(d);
    return found;
}

// The keyword for a law's transitional provisions in an inventory's rules
// column; not a duty id, since a duty cannot be named so.
constexpr std::string_view transition_rule = "transition";

// The days a definition holds for: its versions' within its law's period.
Period held(Program const& program, DutyDef const& duty) {
    auto const& law = program.laws[duty.owner].in_force;
    Period p{std::max(duty.valid.from, law.from), duty.valid.to};
    if (law.to && (!p.to || *law.to < *p.to)) p.to = law.to;
    return p;
}

bool names_paragraph(DutyDef const& duty, std::string_view label) {
    if (cites_paragraph(duty.cite, label)) return true;
    return std::any_of(duty.exceptions.begin(), duty.exceptions.end(),
                       [&](ExceptionDef const& e) { return cites_paragraph(e.cite, label); });
}

class Checker {
public:
    Checker(Program const& program, Diagnostics& diagnostics) : program_{program}, diagnostics_{diagnostics} {}

    void inventory(ParagraphInventory const& inv, std::map<Index, ParagraphInventory const*>& by_law) {
        auto const law = law_index(program_, inv.law);
        if (law == no_index) {
            return error(inv, inv.law_begin, inv.law_end, "paragraphs_unknown_law",
                         fmt::format("unknown law '{}'{}", inv.law, did_you_mean_id(inv.law, program_.laws)));
        }
        if (auto const [at, added] = by_law.emplace(law, &inv); !added)
            return error(
                inv, inv.law_begin, inv.law_end, "paragraphs_law_twice",
                fmt::format("a second inventory for '{}' (the first is {})", inv.law, at->second->source.name()));
        auto const duties = law_duties(program_, law);
        std::vector<bool> traced(duties.size(), false);
        for (auto const& entry : inv.entries)
            for (std::size_t r = 0; r < entry.rules.size(); ++r) check_rule(inv, law, duties, traced, entry, r);
        for (std::size_t i = 0; i < duties.size(); ++i) {
            if (traced[i]) continue;
            auto const& duty = program_.duties[duties[i]];
            auto const days = held(duty);
            error(inv, inv.law_begin, inv.law_end, "paragraphs_untraced_duty",
                  fmt::format("duty '{}' of '{}' ({}, {}) is on no line of this inventory: add it to the line of each "
                              "paragraph it encodes",
                              duty.id, inv.law, duty.cite,
                              days.to ? fmt::format("{} to {}", days.from.to_string(), days.to->to_string())
                                      : fmt::format("from {}", days.from.to_string())));
        }
    }

    void laws_without_inventory(std::map<Index, ParagraphInventory const*> const& by_law) {
        for (Index l = 0; l < program_.laws.size(); ++l) {
            if (by_law.count(l) || law_duties(program_, l).empty()) continue;
            auto const& law = program_.laws[l];
            if (law.origin.source == no_index) {
                diagnostics_.file_error(law.id, "paragraphs_missing", "no paragraph inventory for this law");
                ++errors_;
                continue;
            }
            diagnostics_.error(program_.sources[law.origin.source], law.origin.begin, law.origin.end,
                               "paragraphs_missing",
                               fmt::format("law '{}' has duties but no paragraph inventory: a `.paragraphs` file "
                                           "beginning `law {}` beside the rule files",
                                           law.id, law.id));
            ++errors_;
        }
    }

    int errors() const { return errors_; }

private:
    void error(ParagraphInventory const& inv, std::size_t begin, std::size_t end, std::string code,
               std::string message) {
        diagnostics_.error(inv.source, begin, std::max(end, begin + 1), std::move(code), std::move(message));
        ++errors_;
    }

    void check_rule(ParagraphInventory const& inv, Index law, std::vector<Index> const& duties,
                    std::vector<bool>& traced, ParagraphEntry const& entry, std::size_t r) {
        auto const& def = program_.laws[law];
        auto const& rule = entry.rules[r];
        auto const [begin, end] = entry.rule_spans[r];
        if (rule == transition_rule) {
            if (!std::any_of(def.transitions.begin(), def.transitions.end(),
                             [&](TransitionDef const& t) { return cites_paragraph(t.cite, entry.label); }))
                error(inv, begin, end, "paragraphs_cite_mismatch",
                      fmt::format("'{}' has no transitional provision citing {}", inv.law, entry.label));
            return;
        }
        bool known = false, in_force = false, cited = false;
        for (std::size_t i = 0; i < duties.size(); ++i) {
            auto const& duty = program_.duties[duties[i]];
            if (duty.id != rule) continue;
            known = true;
            if (!overlap(held(duty), entry.in_force)) continue;
            in_force = true;
            if (!names_paragraph(duty, entry.label)) continue;
            cited = true;
            traced[i] = true;
        }
        if (!known) {
            std::vector<std::string_view> ids;
            for (auto const d : duties) ids.push_back(program_.duties[d].id);
            return error(inv, begin, end, "paragraphs_unknown_duty",
                         fmt::format("'{}' has no duty '{}'{}", inv.law, rule, did_you_mean(rule, ids)));
        }
        if (!in_force)
            return error(inv, begin, end, "paragraphs_not_in_force",
                         fmt::format("duty '{}' of '{}' holds for none of the days this line lists", rule, inv.law));
        if (!cited)
            error(inv, begin, end, "paragraphs_cite_mismatch",
                  fmt::format("duty '{}' of '{}' does not cite {} in these days: put it on the line of each paragraph "
                              "it cites",
                              rule, inv.law, entry.label));
    }

    Period held(DutyDef const& duty) const { return engine::held(program_, duty); }

    Program const& program_;
    Diagnostics& diagnostics_;
    int errors_ = 0;
};

std::string cell(std::string_view text) {
    std::string escaped;
    for (char c : text) {
        if (c == '|') escaped += "\\|";
        else escaped += c;
    }
    return escaped;
}

std::string period_text(Period const& p) {
    return p.to ? fmt::format("{} – {}", p.from.to_string(), p.to->to_string())
                : fmt::format("{} –", p.from.to_string());
}

// The kind of reason a note gives: its words before the first colon, when
// short ("not encoded", "no process duty"); else "other".
std::string reason_kind(std::string const& note) {
    auto const colon = note.find(':');
    if (colon == std::string::npos || colon > 40) return "other";
    return note.substr(0, colon);
}

// What exemption sets do to a law's duty, for the rules column.
std::string exemptions_of(Program const& program, Index law, std::string const& duty) {
    std::string text;
    for (auto const& set : program.exemption_sets) {
        if (std::find(set.amends.begin(), set.amends.end(), law) == set.amends.end()) continue;
        for (auto const& w : set.waivers)
            if (w.duty == duty)
                text += fmt::format("; waived by `{}`{}", set.id,
                                    w.condition_text.empty() ? "" : " where " + w.condition_text);
        for (auto const& c : set.changes)
            if (c.duty == duty) text += fmt::format("; deadline changed by `{}`", set.id);
    }
    return text;
}

std::string rules_cell(Program const& program, Index law, ParagraphEntry const& entry) {
    if (entry.rules.empty()) return "–";
    auto const duties = law_duties(program, law);
    std::string text;
    for (auto const& rule : entry.rules) {
        text += text.empty() ? "" : "<br>";
        if (rule == transition_rule) {
            text += "transitional provision";
            continue;
        }
        std::vector<std::string> cites;
        for (auto const d : duties) {
            auto const& duty = program.duties[d];
            if (duty.id != rule || !overlap(held(program, duty), entry.in_force) || !names_paragraph(duty, entry.label))
                continue;
            if (duty.cite != entry.label && std::find(cites.begin(), cites.end(), duty.cite) == cites.end())
                cites.push_back(duty.cite);
        }
        std::string cited;
        for (auto const& c : cites) cited += (cited.empty() ? "" : ", ") + c;
        text +=
            fmt::format("`{}`{}{}", rule, cited.empty() ? "" : " (" + cited + ")", exemptions_of(program, law, rule));
    }
    return cell(text);
}

}  // namespace

bool cites_paragraph(std::string_view cite, std::string_view label) {
    auto const section = label.substr(0, label.find(','));
    if (section.empty()) return false;
    // The part of a label after its section: "para. 6" of "Art. 5, para. 6".
    std::string_view part;
    if (auto const comma = label.find(','); comma != std::string_view::npos) {
        part = label.substr(comma + 1);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    }
    auto const space = part.find(' ');
    auto const unit = part.substr(0, space);
    auto const part_numbers = space == std::string_view::npos ? std::vector<int>{} : numbers_after(part.substr(space));
    auto const marker = section.substr(0, section.find(' '));  // the section sign
    for (auto at = cite.find(section); at != std::string_view::npos; at = cite.find(section, at + 1)) {
        auto const after = at + section.size();
        if (at > 0 && alnum(cite[at - 1]) && alnum(section.front())) continue;
        if (after < cite.size() && alnum(cite[after]) && alnum(section.back())) continue;  // "5" of "50"
        // " a" followed by the end, a comma or a blank: a lettered section.
        if (after + 1 < cite.size() && cite[after] == ' ' &&
            std::islower(static_cast<unsigned char>(cite[after + 1])) &&
            (after + 2 == cite.size() || cite[after + 2] == ',' || cite[after + 2] == ' '))
            continue;
        if (part_numbers.empty()) return true;
        // The citation's own parts of this section, up to the next section sign.
        auto scope = cite.substr(after);
        if (auto const next = scope.find(marker); next != std::string_view::npos && marker != section)
            scope = scope.substr(0, next);
        auto const unit_at = scope.find(unit);
        if (unit_at == std::string_view::npos) return true;  // the whole section
        auto const cited = numbers_after(scope.substr(unit_at + unit.size()));
        if (std::find(cited.begin(), cited.end(), part_numbers.front()) != cited.end()) return true;
    }
    return false;
}

bool check_traceability(Program const& program, std::vector<ParagraphInventory> const& inventories,
                        Diagnostics& diagnostics) {
    Checker checker{program, diagnostics};
    std::map<Index, ParagraphInventory const*> by_law;
    for (auto const& inv : inventories) checker.inventory(inv, by_law);
    checker.laws_without_inventory(by_law);
    return checker.errors() == 0;
}

std::string traceability_markdown(Program const& program, std::vector<ParagraphInventory> const& inventories) {
    std::ostringstream out;
    out << "# Traceability: the statutes, paragraph by paragraph\n\n"
           "Generated by `pligt duties --coverage` from the paragraph inventories (`rules/paragraphs/*.paragraphs`) "
           "and the rule files; the test suite regenerates it and fails where the two disagree. Every paragraph of "
           "the parts of a law pligt reads, in the versions it exists in, with the duties that encode it or the "
           "reason none does. A duty of the law that is on no line is an error, as is a line naming a duty whose "
           "citation does not name that paragraph.\n";
    for (Index l = 0; l < program.laws.size(); ++l) {
        auto const& law = program.laws[l];
        auto const inv = std::find_if(inventories.begin(), inventories.end(),
                                      [&](ParagraphInventory const& i) { return i.law == law.id; });
        if (inv == inventories.end()) continue;
        std::size_t encoded = 0;
        std::map<std::string, std::size_t> reasons;
        std::vector<std::string> duty_ids;
        for (auto const& entry : inv->entries) {
            if (entry.rules.empty()) ++reasons[reason_kind(entry.note)];
            else ++encoded;
            for (auto const& r : entry.rules)
                if (r != transition_rule && std::find(duty_ids.begin(), duty_ids.end(), r) == duty_ids.end())
                    duty_ids.push_back(r);
        }
        out << fmt::format("\n## {}{}\n\n", law.title, law.short_name.empty() ? "" : " (" + law.short_name + ")");
        out << fmt::format("In force {}. Inventory: `{}`. {} paragraphs: {} encoded by {} duties",
                           period_text(law.in_force), inv->source.name(), inv->entries.size(), encoded,
                           duty_ids.size());
        for (auto const& [kind, count] : reasons) out << fmt::format("; {}: {}", kind, count);
        out << ".\n";
        std::size_t chapter = static_cast<std::size_t>(-1);
        for (auto const& entry : inv->entries) {
            if (entry.chapter != chapter) {
                chapter = entry.chapter;
                if (!inv->chapters[chapter].empty()) out << fmt::format("\n### {}\n", inv->chapters[chapter]);
                out << "\n| Paragraph | In force | Encoded by | Note |\n|---|---|---|---|\n";
            }
            out << fmt::format("| {} | {} | {} | {} |\n", cell(entry.label), period_text(entry.in_force),
                               rules_cell(program, l, entry), cell(entry.note));
        }
    }
    return out.str();
}

}  // namespace pligt::engine
