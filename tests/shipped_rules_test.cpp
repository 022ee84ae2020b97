// Facts about the shipped content as a whole that no single test block
// states: every municipality is there, and the trial's waiver reaches
// exactly the trial municipalities, only while the trial ran.
#include "tests/support/fixture.hpp"
#include "tests/support/golden.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace {

nlohmann::json matrix_at(std::string const& date) {
    auto const run =
        pligt::golden::run_pligt(PLIGT_BINARY, {"duties", "--all", "--at", date, "--json"}, PLIGT_SOURCE_DIR);
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

namespace {

// The duty ids of ../shared/design/child-welfare.md, by the law that has
// each (the frikommune set's own duties are checked with its municipality),
// and the contract's canonical titles (`title` in the JSON output).
std::map<std::string, std::string> const contract_titles{
    {"assess_notification", "Vurdering af underretning inden for 24 timer"},
    {"confirm_receipt", "Bekræftelse af modtagelse af underretning"},
    {"notifier_feedback", "Tilbagemelding til fagperson"},
    {"screening", "Screening"},
    {"focused_assessment", "Afdækning"},
    {"child_investigation", "Børnefaglig undersøgelse"},
    {"sibling_investigation", "Børnefaglig undersøgelse af søskende"},
    {"child_interview", "Børnesamtale før afgørelse"},
    {"action_plan", "Handleplan / barnets plan"},
    {"follow_up", "Opfølgning"},
    {"youth_plan", "Stillingtagen til ungeplan"},
    {"aftercare_decision", "Afgørelse om efterværn / ungestøtte før 18 år"},
    {"supervision_visit", "Tilsynsbesøg"},
    {"lawyer_offer", "Tilbud om gratis advokatbistand"},
    {"placement_review", "Fornyet afgørelse om anbringelse uden samtykke"},
    {"provisional_decision_approval", "Formandsbeslutning forelægges udvalget"},
    {"urgent_action_plan", "Handleplan efter akut afgørelse"},
    {"action_plan_without_consent", "Barnets plan før afgørelse om anbringelse uden samtykke"},
    {"notification_reassessment", "Vurdering af underretning om barn med igangværende indsats"},
    {"parent_support_person", "Afgørelse om støtteperson til forældremyndighedsindehaveren ved anbringelse"},
    {"parent_support_decision", "Afgørelse om støtte til forældrene under anbringelsen"},
    {"parent_plan", "Særskilt plan for støtten til forældrene"},
    {"parent_plan_revision", "Revision af planen for støtten til forældrene"},
    {"rights_notice", "Orientering om retten til aktindsigt og til at udtale sig før afgørelse"},
    {"return_home_decision", "Afgørelse om hjemgivelse og hjemgivelsesperiode"},
    {"return_home_request", "Stillingtagen til anmodning om hjemgivelse inden 7 dage"},
    {"child_views", "Barnets synspunkter tilvejebragt på anden vis"},
    {"complaint_reconsideration", "Genvurdering af klage inden 4 uger"}};
std::set<std::string> const serviceloven_ids{"confirm_receipt",
                                             "child_investigation",
                                             "child_interview",
                                             "child_views",
                                             "action_plan",
                                             "urgent_action_plan",
                                             "follow_up",
                                             "aftercare_decision",
                                             "supervision_visit",
                                             "lawyer_offer",
                                             "placement_review",
                                             "provisional_decision_approval",
                                             "parent_support_person",
                                             "parent_support_decision",
                                             "parent_plan",
                                             "parent_plan_revision",
                                             "rights_notice",
                                             "return_home_decision",
                                             "return_home_request"};
// Added to Serviceloven by LOV nr. 496 af 21/05/2013 from 2013-10-01.
std::set<std::string> const serviceloven_from_2013_ids{"assess_notification", "notifier_feedback",
                                                       "notification_reassessment"};
std::set<std::string> const barnets_lov_ids{"assess_notification",
                                            "confirm_receipt",
                                            "notifier_feedback",
                                            "screening",
                                            "focused_assessment",
                                            "child_investigation",
                                            "sibling_investigation",
                                            "child_interview",
                                            "child_views",
                                            "action_plan",
                                            "action_plan_without_consent",
                                            "follow_up",
                                            "youth_plan",
                                            "aftercare_decision",
                                            "supervision_visit",
                                            "lawyer_offer",
                                            "placement_review",
                                            "provisional_decision_approval",
                                            "notification_reassessment",
                                            "parent_support_person",
                                            "parent_support_decision",
                                            "parent_plan",
                                            "parent_plan_revision",
                                            "rights_notice",
                                            "return_home_decision",
                                            "return_home_request"};

struct InForce {
    std::string date;
    std::string law, short_name, version;  // the child-welfare law and its version then
    std::string complaint_version;         // the complaint rules' version then
};

}  // namespace

TEST_CASE(
    "pligt duties --as-of lists every contract duty of the laws in force, with that version's citation and the "
    "contract's title") {
    std::vector<InForce> const dates{
        {"2012-06-01", "serviceloven", "SEL", "LBK nr. 904 af 18/08/2011", "BEK nr. 1635 af 22/12/2010"},
        {"2014-06-01", "serviceloven", "SEL", "LBK nr. 254 af 20/03/2014", "BEK nr. 722 af 19/06/2013"},
        {"2020-06-01", "serviceloven", "SEL", "LBK nr. 798 af 07/08/2019", "BEK nr. 1630 af 27/12/2019"},
        {"2023-06-01", "serviceloven", "SEL", "LBK nr. 170 af 24/01/2022", "BEK nr. 307 af 20/03/2023"},
        {"2024-06-01", "barnets_lov", "BL", "LBK nr. 83 af 25/01/2024", "BEK nr. 306 af 22/03/2024"},
        {"2025-12-01", "barnets_lov", "BL", "LBK nr. 282 af 17/03/2025", "BEK nr. 861 af 19/06/2025"}};
    for (auto const& in_force : dates) {
        INFO("as of ", in_force.date);
        auto const run =
            pligt::golden::run_pligt(PLIGT_BINARY, {"duties", "--as-of", in_force.date, "--json"}, PLIGT_SOURCE_DIR);
        REQUIRE(run.exit_code == 0);
        auto const report = nlohmann::json::parse(run.output);
        std::set<std::string> listed;
        for (auto const& duty : report["duties"]) {
            auto const id = duty["duty"].get<std::string>();
            INFO(id);
            listed.insert(id);
            if (auto const title = contract_titles.find(id); title != contract_titles.end())
                CHECK(duty["title"] == title->second);
            auto const law = duty["law"].get<std::string>();
            if (law == "retssikkerhed") {
                CHECK(duty["law_version"] == in_force.complaint_version);
                CHECK(duty["cite"].get<std::string>().rfind("RA-bek. ", 0) == 0);
                continue;
            }
            CHECK(law == in_force.law);  // one child-welfare law at a time
            CHECK(duty["law_version"] == in_force.version);
            CHECK(duty["cite"].get<std::string>().rfind(in_force.short_name + " ", 0) == 0);
            CHECK(duty["cite_url"].get<std::string>().rfind("https://www.retsinformation.dk/eli/lta/", 0) == 0);
        }
        auto expected = in_force.law == "barnets_lov" ? barnets_lov_ids : serviceloven_ids;
        if (in_force.law == "serviceloven" && in_force.date >= "2013-10-01")
            expected.insert(serviceloven_from_2013_ids.begin(), serviceloven_from_2013_ids.end());
        if (in_force.law == "serviceloven" && in_force.date < "2013-10-01")
            for (auto const& id : serviceloven_from_2013_ids) CHECK_MESSAGE(listed.count(id) == 0, id);
        expected.insert("complaint_reconsideration");
        for (auto const& id : expected) CHECK_MESSAGE(listed.count(id) == 1, "missing ", id);
    }
}

TEST_CASE("the trial's own duties are listed for a trial municipality during the trial, and nowhere else") {
    auto const listed = [](std::string const& municipality, std::string const& date) {
        auto const run = pligt::golden::run_pligt(
            PLIGT_BINARY, {"duties", "--as-of", date, "--municipality", municipality, "--json"}, PLIGT_SOURCE_DIR);
        REQUIRE(run.exit_code == 0);
        auto const report = nlohmann::json::parse(run.output);
        std::set<std::string> ids;
        for (auto const& duty : report["duties"]) ids.insert(duty["duty"].get<std::string>());
        return ids;
    };
    auto const gladsaxe = listed("gladsaxe", "2020-06-01");
    CHECK(gladsaxe.count("child_assessment") == 1);
    CHECK(gladsaxe.count("description_review") == 1);
    auto const aarhus = listed("aarhus", "2020-06-01");
    CHECK(aarhus.count("child_assessment") == 0);
    CHECK(aarhus.count("description_review") == 0);
    auto const after = listed("gladsaxe", "2023-06-01");
    CHECK(after.count("child_assessment") == 0);
}

namespace {

// The lines of a file of the source tree that are not comments.
std::vector<std::string> lines_of(std::string const& path) {
    std::ifstream in(std::string{PLIGT_SOURCE_DIR} + "/" + path);
    REQUIRE_MESSAGE(in.good(), "cannot read ", path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line.front() != '#') lines.push_back(line);
    return lines;
}

}  // namespace

TEST_CASE("the paragraph inventories list every paragraph of the statutes' texts, and only those") {
    // tests/fixtures/statute/*.labels: each stk. of the texts the inventories
    // were read from (scripts/extract-paragraphs.py --labels), so that a
    // paragraph dropped from an inventory, and so from docs/coverage.md,
    // fails here rather than vanishing from the table.
    for (std::string const law : {"barnets_lov", "serviceloven"}) {
        INFO(law);
        std::set<std::string> listed;
        for (auto const& line : lines_of("rules/paragraphs/" + law + ".paragraphs"))
            if (line.rfind("§ ", 0) == 0) listed.insert(line.substr(0, line.find(" |")));
        std::set<std::string> in_texts;
        for (auto const& label : lines_of("tests/fixtures/statute/" + law + ".labels")) in_texts.insert(label);
        REQUIRE(in_texts.size() > 200);
        for (auto const& label : in_texts)
            CHECK_MESSAGE(listed.count(label) == 1, "missing from the inventory: ", label);
        for (auto const& label : listed) CHECK_MESSAGE(in_texts.count(label) == 1, "not in the texts: ", label);
    }
}
