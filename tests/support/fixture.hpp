// Rule text to a Program inside a test: in-memory sources (or files under
// tests/fixtures/) parsed and resolved exactly as load_program does, so a test
// states its rules next to its expectations.
#pragma once

#include "dsl/diagnostic.hpp"
#include "dsl/program.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pligt::testing {

// One rule file: the name diagnostics print, and its text.
struct Text {
    std::string name;
    std::string text;
};

// tests/fixtures/<file>, named by its path relative to the repository.
Text fixture(std::string_view file);

// Parses and resolves the files together; nothing when there were errors.
std::optional<Program> load(std::vector<Text> files, Diagnostics& diagnostics);

// The program of rules that must resolve; fails the test with the rendered
// diagnostics when they do not. A single text is named "test.pligt".
Program compile(std::vector<Text> files);
Program compile(std::string text);

// The diagnostics of rules that are expected to be wrong.
Diagnostics diagnose(std::vector<Text> files);
Diagnostics diagnose(std::string text);

// The shipped rules/ and municipalities/, loaded once for the whole test run.
Program const& shipped_program();

// Every diagnostic rendered in gcc's layout, in file and line order.
std::string rendered(Diagnostics const& diagnostics);
// Just the "file:line:col: error: message" lines, one per diagnostic.
std::vector<std::string> headlines(Diagnostics const& diagnostics);

}  // namespace pligt::testing
