// Rule-file text as `pligt lint` reads it: parsed, resolved and, when it
// resolves, linted. Any text may give diagnostics; none may crash, hang or
// leak. Each input is resolved twice: alone, and beside the shipped
// vocabulary, so that a law's names resolve and the checks past name lookup
// (deadlines, conditions, lint) see it too. The shipped calendar is left out
// on purpose: a calendar precomputes 300 years of working days, about 25 ms
// under ASan, which would cap this target at some 40 inputs a second (the
// seeds include the laws without their `calendar` line; fuzz/seeds.sh).
#include "fuzz/shipped.hpp"

#include "authoring/lint.hpp"
#include "dsl/parse.hpp"
#include "dsl/resolve.hpp"
#include "dsl/source.hpp"

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace pligt;

SourceFile read_source(std::string const& name) {
    std::ifstream in{PLIGT_SOURCE_DIR "/" + name, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) fuzz::fail("the shipped rules can be read");
    return SourceFile{name, text.str()};
}

struct Context {
    std::vector<SourceFile> sources;
    std::vector<ast::File> files;
};

Context const& shipped_context() {
    static Context const context = [] {
        Context c;
        Diagnostics diagnostics;
        for (char const* name : {"rules/child_welfare.pligt"}) {
            c.sources.push_back(read_source(name));
            c.files.push_back(parse(c.sources.back(), diagnostics));
        }
        if (!diagnostics.empty()) fuzz::fail("the shipped vocabulary parses");
        return c;
    }();
    return context;
}

void resolve_and_lint(std::vector<SourceFile> sources, std::vector<ast::File> const& files) {
    Diagnostics diagnostics;
    if (auto const program = resolve(std::move(sources), files, diagnostics)) lint(*program, diagnostics);
    for (auto const& diagnostic : diagnostics.sorted()) render(diagnostic);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    SourceFile const source{"fuzz.pligt", std::string(reinterpret_cast<char const*>(data), size)};
    Diagnostics parsed;
    auto const file = parse(source, parsed);
    for (auto const& diagnostic : parsed.sorted()) render(diagnostic);

    resolve_and_lint({source}, {file});

    auto const& context = shipped_context();
    auto sources = context.sources;
    sources.push_back(source);
    auto files = context.files;
    files.push_back(file);
    resolve_and_lint(std::move(sources), files);
    return 0;
}
