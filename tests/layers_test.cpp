// scripts/check-layers.sh: the folders' one-way dependencies, checked on a
// copy of the C++ folders with an upward include planted in it.
#include "tests/support/golden.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using pligt::golden::run_pligt;

TEST_CASE("check-layers passes the tree and fails on an upward include, naming the file and what it may include") {
    pligt::testing::TempDir const scratch;
    auto const& root = scratch.path();
    for (std::string const folder : {"dsl", "engine", "authoring", "population", "output", "server", "lsp", "cli"})
        fs::copy(fs::path{PLIGT_SOURCE_DIR} / folder, root / folder, fs::copy_options::recursive);
    auto const script = (fs::path{PLIGT_SOURCE_DIR} / "scripts" / "check-layers.sh").string();
    auto const check = [&] {
        return run_pligt("/usr/bin/env", {"PLIGT_LAYERS_ROOT=" + root.string(), "bash", script}, root);
    };
    auto const clean = check();
    CHECK(clean.exit_code == 0);
    CHECK(clean.output == "check-layers: ok\n");

    {
        std::ofstream planted{root / "engine" / "overlay.cpp", std::ios::app};
        planted << "#include \"population/simulate.hpp\"\n";
    }
    auto const upward = check();
    CHECK(upward.exit_code == 1);
    CHECK(upward.output ==
          "check-layers: engine/overlay.cpp includes population/ (engine/ may include only: dsl engine)\n");

    {
        std::ofstream planted{root / "dsl" / "date.cpp", std::ios::app};
        planted << "#include \"cli/terminal.hpp\"\n";
    }
    auto const two = check();
    CHECK(two.exit_code == 1);
    CHECK(two.output.find("check-layers: dsl/date.cpp includes cli/ (dsl/ may include only: dsl)") !=
          std::string::npos);
}
