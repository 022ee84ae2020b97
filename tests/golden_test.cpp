// Every golden file under tests/golden reproduces exactly: the command's whole
// output and its exit status. PLIGT_UPDATE_GOLDEN=1 rewrites the files; read
// `git diff` before committing.
#include "tests/support/golden.hpp"

#include <doctest/doctest.h>

TEST_CASE("every golden file reproduces exactly") {
    auto const files = pligt::golden::files_under(PLIGT_SOURCE_DIR "/tests/golden");
    REQUIRE(!files.empty());
    for (auto const& file : files) {
        INFO("golden file: ", file.string());
        auto const expected = pligt::golden::read(file);
        auto const run = pligt::golden::run_pligt(PLIGT_BINARY, expected.arguments, PLIGT_SOURCE_DIR);
        auto const actual = run.output + "[exit " + std::to_string(run.exit_code) + "]\n";
        if (pligt::golden::updating()) pligt::golden::write(file, expected, actual);
        else CHECK_MESSAGE(actual == expected.output, pligt::golden::first_difference(actual, expected.output));
    }
}
