#include "dsl/diagnostic.hpp"

#include "dsl/source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <tuple>

namespace pligt {

std::string_view to_string(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

void Diagnostics::error(SourceFile const& source, std::size_t begin, std::size_t end, std::string code,
                        std::string message) {
    report(Severity::error, source, begin, end, std::move(code), std::move(message));
}

void Diagnostics::warning(SourceFile const& source, std::size_t begin, std::size_t end, std::string code,
                          std::string message) {
    report(Severity::warning, source, begin, end, std::move(code), std::move(message));
}

Diagnostic locate(SourceFile const& source, std::size_t begin, std::size_t end, Severity severity, std::string code,
                  std::string message) {
    auto const at = source.position(begin);
    auto const line = source.line_text(at.line);
    // An underline never runs past the end of its line.
    auto const line_characters = static_cast<int>(
        std::count_if(line.begin(), line.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    int length = source.characters(begin, std::max(begin, end));
    length = std::max(1, std::min(length, line_characters - at.column + 1));
    return Diagnostic{severity,  std::move(code), source.name(),      at.line,
                      at.column, length,          std::move(message), std::string{line}};
}

void Diagnostics::report(Severity severity, SourceFile const& source, std::size_t begin, std::size_t end,
                         std::string code, std::string message) {
    items_.push_back(locate(source, begin, end, severity, std::move(code), std::move(message)));
}

void Diagnostics::file_error(std::string file, std::string code, std::string message) {
    items_.push_back(Diagnostic{Severity::error, std::move(code), std::move(file), 0, 0, 0, std::move(message), {}});
}

bool Diagnostics::has_errors() const {
    return std::any_of(items_.begin(), items_.end(), [](Diagnostic const& d) { return d.severity == Severity::error; });
}

std::vector<Diagnostic> Diagnostics::sorted() const {
    auto result = items_;
    std::stable_sort(result.begin(), result.end(), [](Diagnostic const& a, Diagnostic const& b) {
        return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
    return result;
}

namespace {

// Spaces under each character before the column, keeping tabs so the caret
// lines up however the terminal expands them.
std::string caret_indent(std::string_view line, int column) {
    std::string indent;
    int seen = 0;
    for (char c : line) {
        if (seen >= column - 1) break;
        if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
        indent += c == '\t' ? '\t' : ' ';
        ++seen;
    }
    indent.append(static_cast<std::size_t>(std::max(0, column - 1 - seen)), ' ');
    return indent;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t const above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string render(Diagnostic const& d) {
    if (d.line == 0) return fmt::format("{}: {}: {}\n", d.file, to_string(d.severity), d.message);
    auto const number = std::to_string(d.line);
    return fmt::format("{}:{}:{}: {}: {}\n {} | {}\n {} | {}^{}\n", d.file, d.line, d.column, to_string(d.severity),
                       d.message, number, d.source_line, std::string(number.size(), ' '),
                       caret_indent(d.source_line, d.column),
                       std::string(static_cast<std::size_t>(std::max(d.length - 1, 0)), '~'));
}

std::string closest_name(std::string_view name, std::vector<std::string_view> const& known) {
    std::string_view best;
    std::size_t best_distance = 0;
    for (auto candidate : known) {
        auto const distance = edit_distance(name, candidate);
        if (best.empty() || distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    // A third of the name may differ: "concern_registred" finds its event,
    // "x" does not find "age".
    if (best.empty() || best_distance == 0 || best_distance > std::max<std::size_t>(1, name.size() / 3)) return {};
    return std::string{best};
}

std::string did_you_mean(std::string_view name, std::vector<std::string_view> const& known) {
    auto const best = closest_name(name, known);
    return best.empty() ? std::string{} : fmt::format("; did you mean '{}'?", best);
}

}  // namespace pligt
