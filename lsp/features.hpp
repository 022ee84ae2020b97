// The answers to an editor's requests about one document, as LSP result
// objects: each a function of the program (lsp/project.hpp) and a place in a
// file, with no state of its own. Split by feature: hover.cpp, completion.cpp,
// navigation.cpp (definition, references, outline, code lens),
// run_tests.cpp.
#pragma once

#include "dsl/date.hpp"
#include "lsp/project.hpp"
#include "lsp/text_positions.hpp"

#include <nlohmann/json.hpp>

namespace pligt::lsp {

// What the editor said it can show (initialize's capabilities).
struct ClientAbilities {
    bool markdown = true;  // hover in Markdown; else plain text
    bool snippets = true;  // completion items with placeholders
};

// A document of a program, as a request names it.
struct Document {
    Project const& project;
    std::size_t file;
    Encoding encoding;
    ClientAbilities abilities;
    RuleFile const& rule_file() const { return project.files()[file]; }
    std::string_view text() const { return rule_file().source.text(); }
};

// {"start": …, "end": …} of a byte span of a file; {"uri", "range"} of a place.
nlohmann::json range_json(std::string_view text, std::size_t begin, std::size_t end, Encoding encoding);
nlohmann::json location_json(Project const& project, Place const& place, Encoding encoding);

nlohmann::json hover(Document const& document, std::size_t offset, Date today);
nlohmann::json definition(Document const& document, std::size_t offset);
nlohmann::json references(Document const& document, std::size_t offset, bool include_declaration);
nlohmann::json completion(Document const& document, std::size_t offset);
// The occurrences in this file of the name at the offset (the declaration
// marked as written, the others as read).
nlohmann::json highlights(Document const& document, std::size_t offset);
// A quick fix for each diagnostic that suggests a name ("did you mean 'x'?").
nlohmann::json code_actions(std::string const& uri, nlohmann::json const& diagnostics);
nlohmann::json document_symbols(Document const& document);
// Every declaration of the program whose id or title holds the query (any
// case), as an editor's "go to symbol in workspace" lists them; at most 200.
nlohmann::json workspace_symbols(Project const& project, std::string const& query, Encoding encoding);
// A lens above the file's first test that runs them all (`pligt.runTests`).
nlohmann::json code_lenses(Document const& document, std::string const& uri);

// The file's tests run as `pligt test` runs them; nothing when the program
// has errors (then the diagnostics say why).
struct TestRun {
    int passed = 0, failed = 0;
    nlohmann::json failures = nlohmann::json::array();  // {range, message}
};
std::optional<TestRun> run_tests(Document const& document);

}  // namespace pligt::lsp
