// The installed program: `cmake --install` puts bin/pligt and the shipped
// data under share/pligt, and the installed binary reads that data, never
// the source tree it was built from; `cpack -G DEB` packages the same.
#include "tests/support/golden.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using pligt::golden::run_pligt;

using pligt::testing::TempDir;

}  // namespace

TEST_CASE("an installed pligt checks a case with the rules installed beside it, not the source tree's") {
    TempDir const scratch;
    auto const prefix = scratch.path() / "prefix";
    auto const install =
        run_pligt(PLIGT_CMAKE, {"--install", PLIGT_BUILD_DIR, "--prefix", prefix.string()}, scratch.path());
    REQUIRE_MESSAGE(install.exit_code == 0, install.output);
    auto const installed = prefix / "bin" / "pligt";
    REQUIRE(fs::exists(installed));
    CHECK(fs::exists(prefix / "share" / "pligt" / "rules" / "barnets_lov.pligt"));
    CHECK(fs::exists(prefix / "share" / "pligt" / "municipalities" / "aarhus.pligt"));
    CHECK(fs::exists(prefix / "share" / "pligt" / "simulation" / "child_welfare.json"));

    // The case outside the source tree, checked from there: the same answer
    // as the build's own binary gives with the source tree's rules.
    fs::copy_file(fs::path{PLIGT_SOURCE_DIR} / "examples" / "aarhus_placement_2021.json", scratch.path() / "case.json");
    std::vector<std::string> const check{"check", "case.json", "--as-of", "2022-09-01", "--json"};
    auto const from_install = run_pligt(installed, check, scratch.path());
    auto const from_build = run_pligt(PLIGT_BINARY, check, scratch.path());
    CHECK(from_install.exit_code == 1);  // the example has overdue duties
    CHECK(from_install.exit_code == from_build.exit_code);
    CHECK(from_install.output == from_build.output);
    auto const generated = run_pligt(installed, {"generate", "--cases", "3"}, scratch.path());
    CHECK(generated.exit_code == 0);

    // Without its installed rules it fails, naming them, rather than reading
    // the source tree's.
    fs::remove_all(prefix / "share" / "pligt" / "rules");
    auto const without = run_pligt(installed, check, scratch.path());
    CHECK(without.exit_code == 2);
    CHECK(without.output.find((prefix / "share" / "pligt" / "rules").string()) != std::string::npos);

    // PLIGT_DATA_DIR points it elsewhere: here, back at the source tree.
    auto const overridden = run_pligt(
        "/usr/bin/env",
        [&] {
            std::vector<std::string> arguments{std::string{"PLIGT_DATA_DIR="} + PLIGT_SOURCE_DIR, installed.string()};
            arguments.insert(arguments.end(), check.begin(), check.end());
            return arguments;
        }(),
        scratch.path());
    CHECK(overridden.output == from_build.output);
}

TEST_CASE("cpack -G DEB builds a package with bin/pligt and the shipped rules under /usr") {
    TempDir const scratch;
    auto const pack = run_pligt(
        PLIGT_CPACK,
        {"-G", "DEB", "--config", std::string{PLIGT_BUILD_DIR} + "/CPackConfig.cmake", "-B", scratch.path().string()},
        scratch.path());
    REQUIRE_MESSAGE(pack.exit_code == 0, pack.output);
    fs::path package;
    for (auto const& entry : fs::directory_iterator(scratch.path()))
        if (entry.path().extension() == ".deb") package = entry.path();
    REQUIRE_MESSAGE(!package.empty(), pack.output);
    auto const listing = run_pligt("/usr/bin/dpkg-deb", {"-c", package.string()}, scratch.path());
    REQUIRE(listing.exit_code == 0);
    CHECK(listing.output.find("./usr/bin/pligt") != std::string::npos);
    CHECK(listing.output.find("./usr/share/pligt/rules/barnets_lov.pligt") != std::string::npos);
    CHECK(listing.output.find("./usr/share/pligt/municipalities/gladsaxe.pligt") != std::string::npos);
    auto const fields = run_pligt("/usr/bin/dpkg-deb", {"-f", package.string(), "Package", "Depends"}, scratch.path());
    CHECK(fields.output.rfind("Package: pligt\n", 0) == 0);
    CHECK(fields.output.find("libfmt") != std::string::npos);
}
