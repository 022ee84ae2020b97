// A statute's paragraph inventory (`*.paragraphs` beside the rule files):
// every paragraph of the parts of a law pligt reads, the versions it exists
// in, and either the rules that encode it or why none does. The legal
// advisor's account of the statute, line by line; the traceability table is
// drawn from it (engine/traceability.hpp).
//
//   # comment
//   law child_care
//   chapter "Chapter 2. Notifications"
//   Art. 5, para. 1 | 2024-01-01 | - | no process duty: the purpose of the act
//   Art. 5, para. 2 | 2024-01-01 .. 2025-12-31 | assess_notification |
//
// Columns: the paragraph as rules cite it; in force, `FROM` or `FROM .. TO`
// (inclusive); `-` or the ids of the law's duties that encode it
// (`transition` for the law's transitional provisions); a note, required
// where no rule encodes the paragraph, free after a rule list.
#pragma once

#include "dsl/program.hpp"
#include "dsl/source.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pligt {

class Diagnostics;

struct ParagraphEntry {
    std::string label;
    Period in_force;
    std::vector<std::string> rules;                               // empty: `-`
    std::vector<std::pair<std::size_t, std::size_t>> rule_spans;  // each rule's offsets, for diagnostics
    std::string note;
    std::size_t chapter = 0;  // into ParagraphInventory::chapters; 0: before any chapter line
    // Offsets into the source, for diagnostics: the line, its label and its
    // rules column.
    std::size_t line_begin = 0, line_end = 0, rules_begin = 0, rules_end = 0;
};

struct ParagraphInventory {
    SourceFile source;
    std::string law;
    std::size_t law_begin = 0, law_end = 0;
    std::vector<std::string> chapters{std::string{}};  // [0]: the unnamed group before the first chapter line
    std::vector<ParagraphEntry> entries;
};

// Every `*.paragraphs` file under the roots (a file given by name is taken
// as it is), in path order.
std::vector<std::filesystem::path> paragraph_files(std::vector<std::filesystem::path> const& roots);

// The inventory, or nothing and the errors of every bad line (all of them).
std::optional<ParagraphInventory> read_paragraphs(SourceFile source, Diagnostics& diagnostics);

}  // namespace pligt
