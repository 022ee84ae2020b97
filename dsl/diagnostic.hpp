// Diagnostics: what went wrong in a rule file, where, and in words a legal
// advisor can act on. The dsl never prints; the CLI renders these in gcc's
// layout (editors already jump to it) or as JSON.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pligt {

class SourceFile;

enum class Severity { error, warning };
std::string_view to_string(Severity severity);

struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;  // stable, e.g. "syntax", "unknown_event"
    std::string file;  // as the user named it
    int line = 0, column = 0, length = 1;
    std::string message;
    std::string source_line;  // the line the caret points into
};

// A diagnostic at a span of a source file.
Diagnostic locate(SourceFile const& source, std::size_t begin, std::size_t end, Severity severity, std::string code,
                  std::string message);

class Diagnostics {
public:
    void error(SourceFile const& source, std::size_t begin, std::size_t end, std::string code, std::string message);
    void warning(SourceFile const& source, std::size_t begin, std::size_t end, std::string code, std::string message);
    // A problem with a whole file (unreadable, missing): no line or column.
    void file_error(std::string file, std::string code, std::string message);
    void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }

    bool has_errors() const;
    bool empty() const { return items_.empty(); }
    std::size_t size() const { return items_.size(); }
    // By file, then line and column, so the output reads top to bottom.
    std::vector<Diagnostic> sorted() const;

private:
    void report(Severity severity, SourceFile const& source, std::size_t begin, std::size_t end, std::string code,
                std::string message);
    std::vector<Diagnostic> items_;
};

// `file:line:col: error: message` followed by the source line and a caret;
// `file: error: message` for a problem with the whole file.
std::string render(Diagnostic const& diagnostic);

// The closest of the known names, when close enough to be a likely typo.
std::string closest_name(std::string_view name, std::vector<std::string_view> const& known);
// ", did you mean 'x'?" or "" — appended to unknown-name messages.
std::string did_you_mean(std::string_view name, std::vector<std::string_view> const& known);
// The same among the ids of `items` (definitions, each with an `id`).
template <typename Items>
std::string did_you_mean_id(std::string_view name, Items const& items) {
    std::vector<std::string_view> known;
    known.reserve(items.size());
    for (auto const& item : items) known.push_back(item.id);
    return did_you_mean(name, known);
}

}  // namespace pligt
