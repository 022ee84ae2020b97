// Inputs the fuzz targets (fuzz/, scripts/fuzz.sh) found to break a
// property, reduced by hand, each run through the path its target drives and
// pinned to the behaviour the fix gives.
#include "tests/support/fixture.hpp"

#include "engine/case.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace pligt;

}  // namespace

// fuzz_case: UBSan, signed overflow in the one-pass reader's integer, which
// multiplied every digit in before refusing more than 18.
TEST_CASE("the one-pass case reader leaves a number of more than 18 digits to parse_case, which rejects it") {
    auto const& program = testing::shipped_program();
    std::string const text =
        R"({"id": 88888888888888888888888888888888888888, "municipality": "aarhus", "events": []})";
    engine::CaseParser const parser{program};
    engine::Case unused;
    CHECK_FALSE(parser.parse_plain(text, unused));
    auto const result = parser.parse(text);
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.error().size() == 1);
    CHECK(result.error()[0].pointer == "/id");
    CHECK(result.error()[0].message == "expected the case id as a text, found number");
}

