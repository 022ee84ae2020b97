// The traceability table (docs/coverage.md): each law's paragraph
// inventory joined with the rules that encode it. A legal advisor reviewing
// the rules reads it first: every paragraph with the duty that encodes it or
// the reason none does, and no duty that is not on a paragraph's line.
#pragma once

#include "authoring/paragraphs.hpp"
#include "dsl/program.hpp"

#include <string>
#include <vector>

namespace pligt {
class Diagnostics;
}

namespace pligt::engine {

// Errors where an inventory and the rules disagree: an unknown law or duty,
// a duty named on a paragraph its citation does not name or outside the
// versions it holds for, a duty of the law on no line, a law with duties and
// no inventory, two inventories for one law. Returns whether there were none.
bool check_traceability(Program const& program, std::vector<ParagraphInventory> const& inventories,
                        Diagnostics& diagnostics);

// The table, by law (in the program's order) and chapter. Call it after
// check_traceability found nothing.
std::string traceability_markdown(Program const& program, std::vector<ParagraphInventory> const& inventories);

// Whether a citation names a paragraph: the label's section (up to its first
// comma: "Art. 5" of "Art. 5, para. 2") occurs in the citation as a whole
// section number, not the start of "Art. 50" nor of a lettered "Art. 5 a";
// and where the label names a part ("para. 2"), the citation names that
// part of the section ("para. 2 and 3", "para. 1-3") or none (the whole).
bool cites_paragraph(std::string_view cite, std::string_view label);

}  // namespace pligt::engine
