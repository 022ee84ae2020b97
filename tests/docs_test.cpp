// The manual cannot drift from the code: every ```pligt block of
// docs/language.md is part of one program that must resolve cleanly and
// whose tests must pass, and every ```console block that starts with
// "$ pligt" is run and must print exactly what it shows.
#include "authoring/test_runner.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/parse.hpp"
#include "dsl/resolve.hpp"
#include "tests/support/golden.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace {

std::string read_text(std::string const& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct Blocks {
    std::string pligt;  // the document with every line outside ```pligt blocks blanked: line numbers stay true
    std::vector<std::pair<int, std::vector<std::string>>> consoles;  // (line, lines)
};

Blocks blocks_of(std::string const& markdown) {
    Blocks blocks;
    std::istringstream in{markdown};
    std::string fence;
    int line_number = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        if (fence.empty() && line.rfind("```", 0) == 0) {
            fence = line.substr(3);
            if (fence.empty()) fence = "text";
            if (fence == "console") blocks.consoles.push_back({line_number + 1, {}});
            blocks.pligt += '\n';
            continue;
        }
        if (!fence.empty() && line == "```") {
            fence.clear();
            blocks.pligt += '\n';
            continue;
        }
        blocks.pligt += (fence == "pligt" ? line : std::string{}) + '\n';
        if (fence == "console") blocks.consoles.back().second.push_back(line);
    }
    return blocks;
}

}  // namespace

TEST_CASE("every pligt example in docs/language.md resolves and its tests pass") {
    auto const blocks = blocks_of(read_text(PLIGT_SOURCE_DIR "/docs/language.md"));
    std::vector<pligt::SourceFile> sources{pligt::SourceFile{"docs/language.md", blocks.pligt}};
    pligt::Diagnostics diagnostics;
    std::vector<pligt::ast::File> files{pligt::parse(sources.front(), diagnostics)};
    auto const program = pligt::resolve(sources, files, diagnostics);
    std::string rendered;
    for (auto const& d : diagnostics.sorted()) rendered += pligt::render(d);
    CHECK_MESSAGE(rendered.empty(), rendered);
    REQUIRE(program);
    CHECK(program->tests.size() >= 5);
    for (auto const& outcome : pligt::engine::run_tests(*program))
        for (auto const& failure : outcome.failures)
            FAIL_CHECK("test \"", outcome.test->title, "\": expected ", failure.expected, ", found ", failure.found);
}

TEST_CASE("every $ pligt example in docs/language.md prints what it shows") {
    auto const blocks = blocks_of(read_text(PLIGT_SOURCE_DIR "/docs/language.md"));
    int commands = 0;
    for (auto const& [line, lines] : blocks.consoles) {
        if (lines.empty() || lines.front().rfind("$ pligt ", 0) != 0) continue;
        ++commands;
        INFO("docs/language.md:", line, ": ", lines.front());
        std::string expected;
        for (std::size_t i = 1; i < lines.size(); ++i) expected += lines[i] + '\n';
        auto const arguments = pligt::golden::split_command(lines.front().substr(8));
        auto const run = pligt::golden::run_pligt(PLIGT_BINARY, arguments, PLIGT_SOURCE_DIR);
        CHECK_MESSAGE(run.output == expected, pligt::golden::first_difference(run.output, expected));
    }
    CHECK(commands > 0);
}

namespace {

// A generated document is what the command prints for the shipped rules;
// PLIGT_UPDATE_GOLDEN=1 writes it anew.
void check_generated(std::string const& document, std::vector<std::string> const& arguments) {
    auto const run = pligt::golden::run_pligt(PLIGT_BINARY, arguments, PLIGT_SOURCE_DIR);
    REQUIRE_MESSAGE(run.exit_code == 0, run.output);
    auto const path = std::string{PLIGT_SOURCE_DIR} + "/" + document;
    if (pligt::golden::updating()) {
        std::ofstream{path, std::ios::binary} << run.output;
        return;
    }
    auto const expected = read_text(path);
    CHECK_MESSAGE(run.output == expected,
                  ("regenerate with PLIGT_UPDATE_GOLDEN=1: " + pligt::golden::first_difference(run.output, expected)));
}

}  // namespace

TEST_CASE("docs/rules.md is what pligt duties --format markdown prints for the shipped rules") {
    check_generated("docs/rules.md",
                    {"duties", "--format", "markdown", "--rules", "rules", "--rules", "municipalities"});
}

// The traceability table: it fails where a paragraph of the inventories or
// a duty of the rules is missing from it, and pligt refuses (status 2) an
// inventory that leaves a duty off or names one on a paragraph it does not
// cite.
TEST_CASE("docs/coverage.md is what pligt duties --coverage prints for the shipped rules and inventories") {
    check_generated("docs/coverage.md", {"duties", "--coverage", "--rules", "rules", "--rules", "municipalities"});
}
