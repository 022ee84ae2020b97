#include "tests/support/fixture.hpp"

#include "dsl/load.hpp"
#include "dsl/parse.hpp"
#include "dsl/resolve.hpp"
#include "dsl/source.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace pligt::testing {

Text fixture(std::string_view file) {
    auto const relative = "tests/fixtures/" + std::string{file};
    std::ifstream in{PLIGT_SOURCE_DIR "/" + relative, std::ios::binary};
    REQUIRE_MESSAGE(in, "cannot read the fixture ", relative);
    std::ostringstream text;
    text << in.rdbuf();
    return Text{relative, text.str()};
}

std::optional<Program> load(std::vector<Text> files, Diagnostics& diagnostics) {
    std::vector<SourceFile> sources;
    sources.reserve(files.size());
    for (auto& file : files) sources.emplace_back(std::move(file.name), std::move(file.text));
    std::vector<ast::File> trees;
    trees.reserve(sources.size());
    for (auto const& source : sources) trees.push_back(parse(source, diagnostics));
    return resolve(std::move(sources), trees, diagnostics);
}

Program compile(std::vector<Text> files) {
    Diagnostics diagnostics;
    auto program = load(std::move(files), diagnostics);
    INFO(rendered(diagnostics));
    REQUIRE(program.has_value());
    CHECK(diagnostics.empty());
    return std::move(*program);
}

Program compile(std::string text) { return compile(std::vector<Text>{{"test.pligt", std::move(text)}}); }

Diagnostics diagnose(std::vector<Text> files) {
    Diagnostics diagnostics;
    load(std::move(files), diagnostics);
    return diagnostics;
}

Diagnostics diagnose(std::string text) { return diagnose(std::vector<Text>{{"test.pligt", std::move(text)}}); }

std::string rendered(Diagnostics const& diagnostics) {
    std::string out;
    for (auto const& d : diagnostics.sorted()) out += render(d);
    return out;
}

std::vector<std::string> headlines(Diagnostics const& diagnostics) {
    std::vector<std::string> lines;
    for (auto const& d : diagnostics.sorted()) {
        auto const text = render(d);
        lines.push_back(text.substr(0, text.find('\n')));
    }
    return lines;
}

Program const& shipped_program() {
    static Program const program = [] {
        Diagnostics diagnostics;
        auto loaded = load_program({PLIGT_SOURCE_DIR "/rules", PLIGT_SOURCE_DIR "/municipalities"}, diagnostics);
        REQUIRE_MESSAGE(loaded, rendered(diagnostics));
        return std::move(*loaded);
    }();
    return program;
}

}  // namespace pligt::testing
