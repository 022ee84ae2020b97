// A program as an editor holds it: its rule files (the editor's text for the
// open ones, the disk's for the rest), each parsed and indexed on its own,
// and the whole checked together as `pligt lint` checks it.
//
// Incremental where it pays: a change re-parses and re-indexes only the file
// that changed (parsing is most of the cost); resolution and lint then run
// over the whole program, since a change in one file can break a name in any
// other. The diagnostics are those of load_program and lint(), the same
// objects `pligt lint` prints, so the editor and the terminal never disagree.
#pragma once

#include "dsl/diagnostic.hpp"
#include "dsl/program.hpp"
#include "dsl/source.hpp"
#include "lsp/symbols.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pligt::lsp {

struct RuleFile {
    std::string path;  // absolute; also the name diagnostics carry
    SourceFile source;
    FileIndex index;
    std::vector<Diagnostic> parse_diagnostics;
};

// Where a name is written: a file of the program and a byte span in it.
struct Place {
    std::size_t file = 0;
    std::uint32_t begin = 0, end = 0;
};

// What an occurrence names, once declarations are known: a declaration's
// kind, scope and id. Two occurrences name the same thing when their keys
// are equal.
struct SymbolKey {
    SymbolKind kind = SymbolKind::event;
    std::string scope, id;
    friend bool operator==(SymbolKey const&, SymbolKey const&) = default;
};

class Project {
public:
    // Adds the file or replaces its text, and parses it. A text over the
    // 1 MiB a rule file may hold is not parsed: it gets the error loading it
    // from disk would give.
    void set_file(std::string const& path, std::string text);
    void remove_file(std::string const& path);
    std::optional<std::size_t> find(std::string const& path) const;
    std::vector<RuleFile> const& files() const { return files_; }

    // Resolves and lints the program; afterwards diagnostics() holds every
    // finding by file, and program() the program if it resolved.
    void check();
    // Each file's findings, parse errors first merged in line order.
    std::vector<Diagnostic> diagnostics_of(std::size_t file) const;
    // The program of what parsed, if it resolved: hover reads it while a
    // file is half written. complete(): it is the whole program, as loading
    // the files would give it (no syntax error anywhere), and so linted.
    Program const* program() const { return program_ ? &*program_ : nullptr; }
    bool complete() const { return complete_; }

    // ---- names across files
    std::optional<SymbolKey> key_of(Occurrence const& occurrence) const;
    // Every declaration of what the occurrence names (a duty may be declared
    // by several versions and laws); empty when it names nothing declared.
    std::vector<Place> declarations(Occurrence const& occurrence) const;
    std::vector<Occurrence const*> declarations_of(SymbolKey const& key) const;
    // Every occurrence of the same thing, in file and text order.
    std::vector<Place> references(Occurrence const& occurrence, bool include_declarations) const;
    // The declared ids of a kind (and scope, for attributes and values), sorted.
    std::vector<Occurrence const*> declared(SymbolKind kind, std::string const& scope = {}) const;
    // The events a condition name of this occurrence is read in.
    std::vector<std::string> events_of(Occurrence const& occurrence) const;

private:
    void index_declarations() const;
    std::optional<SymbolKey> operand_type(Occurrence const& occurrence, std::string const& name) const;

    std::vector<RuleFile> files_;
    std::unordered_map<std::string, std::size_t> by_path_;
    std::vector<ast::File> trees_;                                    // parallel to files_, as resolve() takes them
    std::unordered_map<std::string, std::vector<Diagnostic>> found_;  // resolve and lint, by path
    std::optional<Program> program_;
    bool complete_ = false;

    // Declarations by "kind/scope/id", rebuilt after a change when first asked.
    mutable bool declarations_stale_ = true;
    mutable std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> declarations_;
};

}  // namespace pligt::lsp
