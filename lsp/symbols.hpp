// Every name in a rule file, where it is written and what it names: the
// index behind go to definition, find references, hover and the outline.
//
// Built from the syntax tree of one file alone (so it survives a broken
// declaration elsewhere, and is rebuilt only for the file that changed); what
// a name refers to across files is settled when it is looked up
// (lsp/project.hpp), against the declarations of every file of the program.
//
// Trade-off: the resolver (dsl/resolve*.cpp) already looks every name up, but
// only for a program without errors, and it keeps indices, not places. An
// editor must answer while the text is half written, so the names are
// collected here from the tree by their position in the grammar: an id after
// `on` is an event, after `waive` a duty. Names whose meaning depends on
// declarations (a name in a condition is an attribute, a fact or a state; a
// value is a value of its operand's kind) keep the context that decides.
#pragma once

#include "dsl/ast.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pligt::lsp {

enum class SymbolKind : std::uint8_t {
    vocabulary,
    fact,
    kind,
    value,  // a value of a kind
    event,
    attribute,
    state,
    calendar,
    law,
    version,
    duty,
    exemption_set,
    municipality,
    scenario,
    test,
    transition,
    // In a condition: an attribute of one of `events`, a fact or a state.
    condition_name,
};

std::string_view to_string(SymbolKind kind);  // "event", "exemption set", …

struct Occurrence {
    SymbolKind kind = SymbolKind::event;
    bool declaration = false;
    std::uint32_t begin = 0, end = 0;  // the name's bytes
    std::string id;
    // Declarations of attributes: their event; of values: their kind.
    // References to an attribute through `matching` or a test's event: the event.
    std::string scope;
    // A condition name, or an attribute read from a trigger: the events
    // whose attributes it may be. A value: the operand it is compared with
    // is `operand`, read in these events.
    std::vector<std::string> events;
    std::string operand;
    // A condition or attribute read in a waiver's or a change's context:
    // the duty whose triggers give the events.
    std::string duty;

    // Declarations only.
    std::uint32_t node_begin = 0, node_end = 0;  // the whole construct
    std::string title;
    std::string type;    // facts and attributes: the type as written (a kind's id, `date`, `int?`)
    std::string owner;   // duties: "law ID" / "exemptions ID"; versions: the law
    std::string detail;  // what an outline shows beside the name
};

// The outline of a file: top-level declarations with what they hold.
struct OutlineItem {
    SymbolKind kind = SymbolKind::law;
    std::string name, detail;
    std::uint32_t begin = 0, end = 0;            // the whole construct
    std::uint32_t name_begin = 0, name_end = 0;  // what the editor selects
    std::vector<OutlineItem> children;
};

struct FileIndex {
    std::vector<Occurrence> occurrences;  // in the order written
    std::vector<OutlineItem> outline;
};

FileIndex index_file(ast::File const& file);

// The occurrence whose name holds byte `offset` (or ends right at it, so a
// cursor just after a name finds it); nullptr when none.
Occurrence const* occurrence_at(FileIndex const& index, std::size_t offset);

}  // namespace pligt::lsp
