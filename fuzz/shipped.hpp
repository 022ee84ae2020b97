// What every fuzz target shares: the shipped rules, loaded once per process,
// and the one way a target reports a broken property. An input that reaches
// fail() is a finding: libFuzzer saves it as a crash, like a sanitizer report.
#pragma once

#include "dsl/diagnostic.hpp"
#include "dsl/load.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace pligt::fuzz {

[[noreturn]] inline void fail(char const* property) {
    std::fprintf(stderr, "fuzz: property violated: %s\n", property);
    std::abort();
}

// rules/ and municipalities/ of the checkout (with rules/tests/), as
// `pligt check` loads them by default.
inline Program const& shipped_program() {
    static Program const program = [] {
        Diagnostics diagnostics;
        auto loaded = load_program({PLIGT_SOURCE_DIR "/rules", PLIGT_SOURCE_DIR "/municipalities"}, diagnostics);
        if (!loaded) {
            for (auto const& diagnostic : diagnostics.sorted()) std::fputs(render(diagnostic).c_str(), stderr);
            fail("the shipped rules load");
        }
        return std::move(*loaded);
    }();
    return program;
}

}  // namespace pligt::fuzz
