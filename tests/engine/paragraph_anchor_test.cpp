// engine::paragraph_anchor: a citation's paragraph as the fragment of the
// statute's address the law's `anchor` clause describes.
#include "engine/explain.hpp"

#include <doctest/doctest.h>

namespace {

pligt::LawDef law_with_anchor() {
    pligt::LawDef law;
    law.anchor_prefix = "#P";
    law.anchor_marker = "\xc2\xa7";  // the section sign, as the rule files write it
    return law;
}

std::string anchor(std::string const& cite) {
    auto const at = [](std::string text) {
        // "S" stands for the section sign, to keep the cases readable.
        for (std::size_t i = text.find('S'); i != std::string::npos; i = text.find('S', i + 2))
            text.replace(i, 1, "\xc2\xa7");
        return text;
    };
    return pligt::engine::paragraph_anchor(law_with_anchor(), at(cite));
}

}  // namespace

TEST_CASE("a citation links to its paragraph: the number, and a lettered paragraph's letter") {
    CHECK(anchor("S 50, stk. 7") == "#P50");
    CHECK(anchor("S 155 b, stk. 2") == "#P155b");
    CHECK(anchor("S 68 d") == "#P68d");
    CHECK(anchor("S 50 a") == "#P50a");
    CHECK(anchor("S 19 stk. 3") == "#P19");                    // "stk" is not a paragraph's letter
    CHECK(anchor("S 46, stk. 3, og S 47, stk. 2") == "#P46");  // the first paragraph cited
    CHECK(anchor("SS 56-59") == "#P56");
    CHECK(anchor("Kapitel 11") == "");  // no paragraph number
    CHECK(anchor("S stk. 2") == "");
    pligt::LawDef plain;
    CHECK(pligt::engine::paragraph_anchor(plain, "\xc2\xa7 50") == "");  // a law without an anchor clause
}
