#include "lsp/project.hpp"

#include "authoring/lint.hpp"
#include "dsl/load.hpp"
#include "dsl/parse.hpp"
#include "dsl/resolve.hpp"

#include <algorithm>
#include <tuple>

namespace pligt::lsp {
namespace {

std::string key_text(SymbolKind kind, std::string_view scope, std::string_view id) {
    std::string key{to_string(kind)};
    key += '/';
    key += scope;
    key += '/';
    key += id;
    return key;
}

void sort_diagnostics(std::vector<Diagnostic>& found) {
    std::stable_sort(found.begin(), found.end(), [](Diagnostic const& a, Diagnostic const& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
}

}  // namespace

void Project::set_file(std::string const& path, std::string text) {
    Diagnostics parsed;
    ast::File tree;
    bool const too_large = text.size() > max_rule_file_bytes;
    if (too_large) {
        refuse_too_large(path, parsed);
        text.clear();
    }
    SourceFile source{path, std::move(text)};
    if (!too_large) tree = parse(source, parsed);
    RuleFile file{path, std::move(source), index_file(tree), parsed.sorted()};
    if (auto const at = find(path)) {
        files_[*at] = std::move(file);
        trees_[*at] = std::move(tree);
    } else {
        by_path_.emplace(path, files_.size());
        files_.push_back(std::move(file));
        trees_.push_back(std::move(tree));
    }
    declarations_stale_ = true;
}

void Project::remove_file(std::string const& path) {
    auto const at = find(path);
    if (!at) return;
    files_.erase(files_.begin() + static_cast<std::ptrdiff_t>(*at));
    trees_.erase(trees_.begin() + static_cast<std::ptrdiff_t>(*at));
    by_path_.clear();
    for (std::size_t i = 0; i < files_.size(); ++i) by_path_.emplace(files_[i].path, i);
    found_.erase(path);
    declarations_stale_ = true;
}

std::optional<std::size_t> Project::find(std::string const& path) const {
    auto const it = by_path_.find(path);
    if (it == by_path_.end()) return std::nullopt;
    return it->second;
}

void Project::check() {
    // A file with a parse error still resolves what did parse, as loading
    // it does; a file refused as too large takes no part.
    std::vector<SourceFile> sources;
    sources.reserve(files_.size());
    for (auto const& file : files_) sources.push_back(file.source);
    Diagnostics diagnostics;
    program_ = resolve(std::move(sources), trees_, diagnostics);
    // As loading does, a program with a syntax error anywhere is not linted
    // (its parts that parsed still answer hover).
    complete_ = program_ && std::none_of(files_.begin(), files_.end(), [](RuleFile const& file) {
                    return std::any_of(file.parse_diagnostics.begin(), file.parse_diagnostics.end(),
                                       [](Diagnostic const& d) { return d.severity == Severity::error; });
                });
    if (complete_) lint(*program_, diagnostics);
    found_.clear();
    for (auto& d : diagnostics.sorted()) found_[d.file].push_back(std::move(d));
}

std::vector<Diagnostic> Project::diagnostics_of(std::size_t file) const {
    auto found = files_[file].parse_diagnostics;
    if (auto const it = found_.find(files_[file].path); it != found_.end())
        found.insert(found.end(), it->second.begin(), it->second.end());
    sort_diagnostics(found);
    return found;
}

// ---- names across files

void Project::index_declarations() const {
    if (!declarations_stale_) return;
    declarations_.clear();
    for (std::size_t f = 0; f < files_.size(); ++f) {
        auto const& occurrences = files_[f].index.occurrences;
        for (std::size_t i = 0; i < occurrences.size(); ++i)
            if (occurrences[i].declaration)
                declarations_[key_text(occurrences[i].kind, occurrences[i].scope, occurrences[i].id)].emplace_back(f,
                                                                                                                   i);
    }
    declarations_stale_ = false;
}

std::vector<Occurrence const*> Project::declarations_of(SymbolKey const& key) const {
    index_declarations();
    std::vector<Occurrence const*> found;
    if (auto const it = declarations_.find(key_text(key.kind, key.scope, key.id)); it != declarations_.end())
        for (auto const& [file, i] : it->second) found.push_back(&files_[file].index.occurrences[i]);
    return found;
}

std::vector<std::string> Project::events_of(Occurrence const& occurrence) const {
    if (occurrence.duty.empty()) return occurrence.events;
    // A waiver's or a change's condition reads the triggers of the duty it
    // names, in every law that declares it.
    std::vector<std::string> events;
    for (auto const* duty : declarations_of({SymbolKind::duty, {}, occurrence.duty}))
        for (auto const& e : duty->events)
            if (std::find(events.begin(), events.end(), e) == events.end()) events.push_back(e);
    return events;
}

// A name read in events: a fact or a state of that id, else an attribute of
// the first of the events that has one.
std::optional<SymbolKey> Project::operand_type(Occurrence const& occurrence, std::string const& name) const {
    if (auto const facts = declarations_of({SymbolKind::fact, {}, name}); !facts.empty())
        return SymbolKey{SymbolKind::fact, {}, name};
    if (!declarations_of({SymbolKind::state, {}, name}).empty()) return SymbolKey{SymbolKind::state, {}, name};
    for (auto const& event : events_of(occurrence))
        if (!declarations_of({SymbolKind::attribute, event, name}).empty())
            return SymbolKey{SymbolKind::attribute, event, name};
    return std::nullopt;
}

std::optional<SymbolKey> Project::key_of(Occurrence const& occurrence) const {
    switch (occurrence.kind) {
    case SymbolKind::condition_name: return operand_type(occurrence, occurrence.id);
    case SymbolKind::value: {
        // The operand's type names the kind whose value this is.
        auto const operand = occurrence.operand.empty() ? std::nullopt : operand_type(occurrence, occurrence.operand);
        if (operand) {
            auto const declared = declarations_of(*operand);
            if (!declared.empty()) {
                auto kind = declared.front()->type;
                if (!kind.empty() && kind.back() == '?') kind.pop_back();
                return SymbolKey{SymbolKind::value, kind, occurrence.id};
            }
        }
        if (occurrence.declaration) return SymbolKey{SymbolKind::value, occurrence.scope, occurrence.id};
        return std::nullopt;
    }
    case SymbolKind::attribute:
        if (!occurrence.scope.empty()) return SymbolKey{SymbolKind::attribute, occurrence.scope, occurrence.id};
        return std::nullopt;
    default: return SymbolKey{occurrence.kind, occurrence.declaration ? occurrence.scope : "", occurrence.id};
    }
}

std::vector<Place> Project::declarations(Occurrence const& occurrence) const {
    std::vector<Place> places;
    auto const key = key_of(occurrence);
    if (!key) return places;
    index_declarations();
    if (auto const it = declarations_.find(key_text(key->kind, key->scope, key->id)); it != declarations_.end())
        for (auto const& [file, i] : it->second) {
            auto const& o = files_[file].index.occurrences[i];
            places.push_back({file, o.begin, o.end});
        }
    return places;
}

std::vector<Place> Project::references(Occurrence const& occurrence, bool include_declarations) const {
    std::vector<Place> places;
    auto const key = key_of(occurrence);
    if (!key) return places;
    for (std::size_t f = 0; f < files_.size(); ++f)
        for (auto const& o : files_[f].index.occurrences) {
            if (o.declaration && !include_declarations) continue;
            // Cheap filter first: only the same id can name the same thing.
            if (o.id != key->id) continue;
            if (key_of(o) == key) places.push_back({f, o.begin, o.end});
        }
    return places;
}

std::vector<Occurrence const*> Project::declared(SymbolKind kind, std::string const& scope) const {
    std::vector<Occurrence const*> found;
    for (auto const& file : files_)
        for (auto const& o : file.index.occurrences)
            if (o.declaration && o.kind == kind && (scope.empty() || o.scope == scope)) found.push_back(&o);
    std::stable_sort(found.begin(), found.end(), [](auto const* a, auto const* b) { return a->id < b->id; });
    return found;
}

}  // namespace pligt::lsp
