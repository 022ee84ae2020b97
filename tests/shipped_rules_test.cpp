// Facts about the shipped content as a whole that no single test block
// states: every municipality is there, and the trial's waiver reaches
// exactly the trial municipalities, only while the trial ran.
#include "tests/support/fixture.hpp"
#include "tests/support/golden.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace {

nlohmann::json matrix_at(std::string const& date) {
    auto const run = pligt::golden::run_pligt(PLIGT_BINARY, {"duties", "--all", "--at", date, "--json"}, PLIGT_SOURCE_DIR);
    REQUIRE(run.exit_code == 0);
    return nlohmann::json::parse(run.output);
}

std::set<std::string> where(nlohmann::json const& matrix, std::string const& duty, std::string const& cell) {
    std::set<std::string> municipalities;
    for (auto const& m : matrix["municipalities"])
        if (m["duties"].contains(duty) && m["duties"][duty] == cell) municipalities.insert(m["municipality"]);
    return municipalities;
}

}  // namespace

TEST_CASE("all 98 municipalities are shipped, each with its own code") {
    auto const matrix = matrix_at("2019-06-01");
    REQUIRE(matrix["municipalities"].size() == 98);
    std::set<int> codes;
    for (auto const& m : matrix["municipalities"]) codes.insert(m["code"].get<int>());
    CHECK(codes.size() == 98);
    CHECK(codes.count(101) == 1);
    CHECK(codes.count(860) == 1);
    CHECK(codes.count(411) == 0);  // Christiansø is not a municipality
}

TEST_CASE("in 2019 the investigation is waived in exactly the three trial municipalities") {
    auto const matrix = matrix_at("2019-06-01");
    CHECK(where(matrix, "child_investigation", "waived") ==
          std::set<std::string>{"gladsaxe", "guldborgsund", "ikast-brande"});
    CHECK(where(matrix, "child_assessment", "added") ==
          std::set<std::string>{"gladsaxe", "guldborgsund", "ikast-brande"});
    CHECK(where(matrix, "child_investigation", "applies").size() == 95);
}

TEST_CASE("under Barnets lov in 2024 nothing is waived anywhere") {
    auto const matrix = matrix_at("2024-06-01");
    REQUIRE(matrix["municipalities"].size() == 98);
    for (auto const& m : matrix["municipalities"]) {
        INFO(m["municipality"].get<std::string>());
        CHECK(m["waived"].empty());
        CHECK(m["added"].empty());
    }
    CHECK(where(matrix, "child_investigation", "applies").size() == 98);
}

TEST_CASE("every shipped duty gives the statute's words for its time limit, and no words where it has none") {
    auto const& program = pligt::testing::shipped_program();
    for (auto const& duty : program.duties) {
        INFO(duty.id, " (", duty.cite, ")");
        if (duty.due.kind == pligt::DeadlineDef::Kind::none) CHECK(duty.wording.empty());
        else CHECK_FALSE(duty.wording.empty());
    }
}
