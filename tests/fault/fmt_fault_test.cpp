// `pligt fmt` when writing fails: a read-only file system, a directory the
// user may not write to, a full disk, a file size limit, and files that are
// gone or replaced between listing and reading. The real binary runs in a
// temporary directory; every test checks byte for byte that the originals
// are intact, that no temporary file is left behind, and that the error
// names the file (exit 2).
#include "tests/fault/fault_support.hpp"
#include "tests/server/test_server.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using pligt::fault::ChildSetup;
using pligt::fault::read_bytes;
using pligt::fault::snapshot;
using pligt::fault::write_bytes;

std::string const unformatted = read_bytes(PLIGT_SOURCE_DIR "/tests/fixtures/format/comments.pligt");

// What pligt fmt makes of `unformatted` when nothing fails.
std::string const& formatted() {
    static std::string const text = [] {
        pligt::testing::TempDir dir;
        write_bytes(dir.path() / "a.pligt", unformatted);
        auto const run = pligt::fault::run_pligt({"fmt", "a.pligt"}, dir.path());
        REQUIRE_MESSAGE(run.exit_code == 0, run.output);
        return read_bytes(dir.path() / "a.pligt");
    }();
    return text;
}

// A directory `rules/` in a fresh temporary directory, holding the named
// unformatted rule files, readable by anyone.
struct Tree {
    pligt::testing::TempDir dir;
    fs::path rules = dir.path() / "rules";

    explicit Tree(std::initializer_list<char const*> files) {
        REQUIRE(unformatted != formatted());
        fs::create_directories(rules);
        for (auto const* name : files) {
            write_bytes(rules / name, unformatted);
            fs::permissions(rules / name, fs::perms(0644));
        }
        for (auto const& p : {dir.path(), rules}) fs::permissions(p, fs::perms(0755));
    }
};

// The output line for `file`, or "" when there is none.
std::string line_about(std::string const& output, std::string const& file) {
    for (std::size_t at = 0; at < output.size();) {
        auto const end = std::min(output.find('\n', at), output.size());
        auto const line = output.substr(at, end - at);
        if (line.starts_with(file + ":")) return line;
        at = end + 1;
    }
    return {};
}

// Runs `pligt fmt rules/FILE` under `setup`; checks that nothing changed and
// returns the error line about the file (empty when the setup is unavailable).
std::string refused_write(Tree const& tree, char const* file, ChildSetup const& setup) {
    auto const before = snapshot(tree.dir.path());
    auto const run = pligt::fault::run_pligt({"fmt", std::string{"rules/"} + file}, tree.dir.path(), setup);
    if (run.unavailable()) {
        MESSAGE("skipped: ", run.output);
        return {};
    }
    INFO(run.output);
    CHECK(run.exit_code == 2);
    CHECK(snapshot(tree.dir.path()) == before);  // the original byte for byte, no temporary file
    auto const line = line_about(run.output, std::string{"rules/"} + file);
    CHECK(line.ends_with("; file left unchanged"));
    return line;
}

}  // namespace

TEST_CASE("pligt fmt on a read-only file system leaves the file as it was and names it (EROFS binds root too)") {
    Tree const tree{"a.pligt"};
    ChildSetup setup;
    setup.read_only = tree.rules;  // a read-only bind mount in the child's own mount namespace
    auto const line = refused_write(tree, "a.pligt", setup);
    if (!line.empty())
        CHECK(line ==
              "rules/a.pligt: error: cannot create a temporary file: Read-only file system; file left unchanged");
}

TEST_CASE("pligt fmt in a directory its user may not write to leaves the file as it was and names it") {
    Tree const tree{"a.pligt"};
    fs::permissions(tree.rules, fs::perms(0555));  // binds nobody, not root
    ChildSetup setup;
    setup.unprivileged = true;
    auto const line = refused_write(tree, "a.pligt", setup);
    if (!line.empty())
        CHECK(line == "rules/a.pligt: error: cannot create a temporary file: Permission denied; file left unchanged");
    fs::permissions(tree.rules, fs::perms(0755));
}

TEST_CASE("pligt fmt on a full disk leaves the file as it was, removes its temporary file and names the file") {
    Tree const tree{};
    pligt::fault::SmallDisk const disk{tree.rules, 64 * 1024};
    if (!disk.mounted()) {
        MESSAGE("skipped: cannot mount a tmpfs here; the file size limit below covers the same path");
        return;
    }
    write_bytes(tree.rules / "a.pligt", unformatted);
    disk.fill(tree.rules / "filler");
    auto const line = refused_write(tree, "a.pligt", {});
    CHECK(line == "rules/a.pligt: error: cannot write: No space left on device; file left unchanged");
}

TEST_CASE("pligt fmt past the file size limit (RLIMIT_FSIZE) leaves the file as it was and names it") {
    Tree const tree{"a.pligt"};
    ChildSetup setup;
    setup.max_file_bytes = formatted().size() / 2;  // the temporary file fails halfway
    auto const line = refused_write(tree, "a.pligt", setup);
    CHECK(line == "rules/a.pligt: error: cannot write: File too large; file left unchanged");
}

TEST_CASE("pligt fmt given a path that does not exist formats the others and names the missing one") {
    Tree const tree{"a.pligt", "c.pligt"};
    auto const run =
        pligt::fault::run_pligt({"fmt", "rules/a.pligt", "rules/b.pligt", "rules/c.pligt"}, tree.dir.path());
    INFO(run.output);
    CHECK(run.exit_code == 2);
    CHECK(run.output == "rules/b.pligt: error: no such file or directory\n");
    CHECK(snapshot(tree.rules) ==
          std::map<std::string, std::string>{{"a.pligt", formatted()}, {"c.pligt", formatted()}});
}

// pligt lists rules/ (a, b, c), then opens a.pligt: the lease holds that open
// until the test has changed b.pligt, so b changes after the listing and
// before it is read, every time.
TEST_CASE("pligt fmt when a file goes away between listing and reading formats the others and names it") {
    auto const run_with = [](Tree const& tree, auto&& change_b) {
        pligt::fault::Lease lease{tree.rules / "a.pligt"};
        if (!lease.held()) {
            MESSAGE("skipped: ", lease.error());
            return pligt::fault::Run{};
        }
        pligt::fault::Child child{{"fmt", "rules"}, tree.dir.path()};
        REQUIRE_MESSAGE(lease.wait_for_open(60), "pligt never opened rules/a.pligt");
        change_b(tree.rules / "b.pligt");
        lease.release();
        return child.wait();
    };

    SUBCASE("deleted") {
        Tree const tree{"a.pligt", "b.pligt", "c.pligt"};
        auto const run = run_with(tree, [](fs::path const& b) { fs::remove(b); });
        if (run.exit_code == -1) return;
        INFO(run.output);
        CHECK(run.exit_code == 2);
        CHECK(run.output == "rules/b.pligt: error: cannot read the file: No such file or directory\n");
        CHECK(snapshot(tree.rules) ==
              std::map<std::string, std::string>{{"a.pligt", formatted()}, {"c.pligt", formatted()}});
    }
    SUBCASE("replaced by a directory") {
        Tree const tree{"a.pligt", "b.pligt", "c.pligt"};
        auto const run = run_with(tree, [](fs::path const& b) {
            fs::remove(b);
            fs::create_directory(b);
        });
        if (run.exit_code == -1) return;
        INFO(run.output);
        CHECK(run.exit_code == 2);
        CHECK(run.output == "rules/b.pligt: error: cannot read the file: Is a directory\n");
        CHECK(snapshot(tree.rules) == std::map<std::string, std::string>{
                                          {"a.pligt", formatted()}, {"b.pligt", "<dir>"}, {"c.pligt", formatted()}});
    }
}
