#include "authoring/paragraphs.hpp"

#include "dsl/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <system_error>
#include <unordered_map>

namespace pligt {
namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// [begin, end) of `text` without the blanks at either end.
std::pair<std::size_t, std::size_t> trimmed(std::string_view text, std::size_t begin, std::size_t end) {
    while (begin < end && blank(text[begin])) ++begin;
    while (end > begin && blank(text[end - 1])) --end;
    return {begin, end};
}

bool identifier(std::string_view word) {
    if (word.empty() || !(std::islower(static_cast<unsigned char>(word[0])) || word[0] == '_')) return false;
    return std::all_of(word.begin(), word.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
    });
}

bool overlap(Period const& a, Period const& b) { return (!a.to || b.from <= *a.to) && (!b.to || a.from <= *b.to); }

std::string period_text(Period const& p) {
    return p.to ? fmt::format("{} .. {}", p.from.to_string(), p.to->to_string()) : p.from.to_string();
}

class Reader {
public:
    Reader(ParagraphInventory& inventory, Diagnostics& diagnostics)
        : inventory_{inventory}, text_{inventory.source.text()}, diagnostics_{diagnostics} {}

    bool read() {
        for (std::size_t begin = 0; begin < text_.size();) {
            auto end = text_.find('\n', begin);
            if (end == std::string_view::npos) end = text_.size();
            line(begin, end);
            begin = end + 1;
        }
        if (inventory_.law.empty() && errors_ == 0)
            error(0, 0, "paragraphs_no_law", "the file names no law: its first line must be `law ID`");
        return errors_ == 0;
    }

private:
    void error(std::size_t begin, std::size_t end, std::string code, std::string message) {
        diagnostics_.error(inventory_.source, begin, std::max(end, begin + 1), std::move(code), std::move(message));
        ++errors_;
    }

    void line(std::size_t begin, std::size_t end) {
        auto const [b, e] = trimmed(text_, begin, end);
        if (b == e || text_[b] == '#') return;
        auto const content = text_.substr(b, e - b);
        if (content.rfind("law ", 0) == 0 || content == "law") return law(b, e);
        if (content.rfind("chapter ", 0) == 0 || content == "chapter") return chapter(b, e);
        if (inventory_.law.empty())
            return error(b, e, "paragraphs_no_law", "a paragraph before the `law ID` line: name the law first");
        paragraph(b, e);
    }

    void law(std::size_t b, std::size_t e) {
        auto const [ib, ie] = trimmed(text_, b + 3, e);
        auto const id = text_.substr(ib, ie - ib);
        if (!inventory_.law.empty()) return error(b, e, "paragraphs_law_twice", "a second `law` line: one law a file");
        if (!identifier(id))
            return error(ib, ie, "paragraphs_syntax", "expected the law's id after `law`, as in `law child_care`");
        inventory_.law = std::string{id};
        inventory_.law_begin = ib;
        inventory_.law_end = ie;
    }

    void chapter(std::size_t b, std::size_t e) {
        auto const [qb, qe] = trimmed(text_, b + 7, e);
        if (qe - qb < 2 || text_[qb] != '"' || text_[qe - 1] != '"')
            return error(qb, qe, "paragraphs_syntax",
                         "expected the chapter's heading in double quotes after `chapter`");
        inventory_.chapters.emplace_back(text_.substr(qb + 1, qe - qb - 2));
    }

    std::optional<Period> in_force(std::size_t b, std::size_t e) {
        auto const column = text_.substr(b, e - b);
        auto const dots = column.find("..");
        auto const date_at = [&](std::size_t from, std::size_t to) -> std::optional<Date> {
            auto const [db, de] = trimmed(text_, from, to);
            auto date = Date::parse(text_.substr(db, de - db));
            if (!date) error(db, de, "paragraphs_date", "expected a date YYYY-MM-DD (a day that exists)");
            return date;
        };
        if (dots == std::string_view::npos) {
            auto from = date_at(b, e);
            if (!from) return std::nullopt;
            return Period{*from, std::nullopt};
        }
        auto from = date_at(b, b + dots);
        auto to = date_at(b + dots + 2, e);
        if (!from || !to) return std::nullopt;
        if (*to < *from) {
            auto const [tb, te] = trimmed(text_, b, e);
            error(tb, te, "paragraphs_date",
                  fmt::format("the period ends ({}) before it begins ({})", to->to_string(), from->to_string()));
            return std::nullopt;
        }
        return Period{*from, *to};
    }

    void paragraph(std::size_t b, std::size_t e) {
        // Three bars at most: the note, last, may hold more.
        std::size_t bars[3];
        std::size_t found = 0;
        for (std::size_t at = b; found < 3 && at < e; ++at)
            if (text_[at] == '|') bars[found++] = at;
        if (found < 2)
            return error(b, e, "paragraphs_syntax",
                         "expected `PARAGRAPH | FROM [.. TO] | RULES or - | NOTE`: columns separated by `|`");
        ParagraphEntry entry;
        entry.line_begin = b;
        entry.line_end = e;
        entry.chapter = inventory_.chapters.size() - 1;
        auto const [lb, le] = trimmed(text_, b, bars[0]);
        if (lb == le) return error(b, bars[0] + 1, "paragraphs_syntax", "the paragraph (first column) is empty");
        entry.label = std::string{text_.substr(lb, le - lb)};
        auto period = in_force(bars[0] + 1, bars[1]);
        if (!period) return;
        entry.in_force = *period;
        auto const [rb, re] = trimmed(text_, bars[1] + 1, found == 3 ? bars[2] : e);
        entry.rules_begin = rb;
        entry.rules_end = re;
        auto const rules = text_.substr(rb, re - rb);
        if (rules != "-") {
            for (std::size_t at = rb; at <= re;) {
                auto comma = text_.find(',', at);
                if (comma == std::string_view::npos || comma > re) comma = re;
                auto const [ib, ie] = trimmed(text_, at, comma);
                auto const id = text_.substr(ib, ie - ib);
                if (!identifier(id))
                    return error(
                        ib, ie, "paragraphs_syntax",
                        "expected `-` or the ids of the duties that encode the paragraph, separated by commas");
                entry.rules.emplace_back(id);
                entry.rule_spans.emplace_back(ib, ie);
                at = comma + 1;
            }
        }
        if (found == 3) {
            auto const [nb, ne] = trimmed(text_, bars[2] + 1, e);
            entry.note = std::string{text_.substr(nb, ne - nb)};
        }
        if (entry.rules.empty() && entry.note.empty())
            return error(rb, re, "paragraphs_no_reason",
                         fmt::format("{}: no rule encodes it and no note says why: add the reason as a fourth column",
                                     entry.label));
        auto& same_label = by_label_[entry.label];
        for (auto const index : same_label)
            if (auto const& other = inventory_.entries[index]; overlap(other.in_force, entry.in_force))
                return error(
                    lb, le, "paragraphs_duplicate",
                    fmt::format("{} is listed twice for the same days: here ({}) and on line {} ({})", entry.label,
                                period_text(entry.in_force), inventory_.source.position(other.line_begin).line,
                                period_text(other.in_force)));
        same_label.push_back(inventory_.entries.size());
        inventory_.entries.push_back(std::move(entry));
    }

    ParagraphInventory& inventory_;
    std::string_view text_;
    Diagnostics& diagnostics_;
    int errors_ = 0;
    // Entries by label, so a large file is checked for repeats in linear time.
    std::unordered_map<std::string, std::vector<std::size_t>> by_label_;
};

}  // namespace

std::vector<std::filesystem::path> paragraph_files(std::vector<std::filesystem::path> const& roots) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (auto const& root : roots) {
        std::error_code error;
        if (fs::is_regular_file(root, error)) {
            if (root.extension() == ".paragraphs") files.push_back(root);
            continue;
        }
        std::vector<fs::path> found;
        for (fs::recursive_directory_iterator it{root, fs::directory_options::skip_permission_denied, error}, end;
             !error && it != end; it.increment(error))
            if (it->is_regular_file(error) && it->path().extension() == ".paragraphs") found.push_back(it->path());
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

std::optional<ParagraphInventory> read_paragraphs(SourceFile source, Diagnostics& diagnostics) {
    ParagraphInventory inventory{std::move(source), {}, 0, 0, {std::string{}}, {}};
    if (!Reader{inventory, diagnostics}.read()) return std::nullopt;
    return inventory;
}

}  // namespace pligt
