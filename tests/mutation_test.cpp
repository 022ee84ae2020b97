// Mutated input ends quickly and cleanly. Every shipped rule file and example
// case is mutated a few hundred times (bytes flipped, spans deleted or
// repeated, the text cut short), with a seeded generator so that every run
// tries the same inputs. In process, no exception may escape loading the
// rules (parsing, resolving, linting, formatting) or reading and evaluating
// a case; through the real binary, a bounded sample must exit 0, 1 or 2,
// never by a signal, within a second of processor time each.
#include "authoring/format.hpp"
#include "authoring/lint.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/source.hpp"
#include "engine/case.hpp"
#include "engine/evaluate.hpp"
#include "tests/support/check_json.hpp"
#include "tests/support/fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace pligt;

std::string read_file(fs::path const& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<fs::path> files_under(fs::path const& root, std::string_view extension) {
    std::vector<fs::path> files;
    for (auto const& entry : fs::recursive_directory_iterator{root})
        if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

// splitmix64: small, and the same numbers on every machine.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_{seed} {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

private:
    std::uint64_t state_;
};

// One to three edits of the kinds a broken file shows: a byte changed (to
// one that matters to the syntax, or any byte), a span deleted or repeated,
// the text cut short; or digits changed, which keeps the syntax and makes
// odd dates and numbers for the later stages to meet.
std::string mutate(std::string text, Random& random) {
    static std::string const syntax = "{}()[]\",:#\n\t -0123456789=<>?!";
    auto const edits = 1 + random.below(3);
    for (std::size_t e = 0; e < edits && !text.empty(); ++e) {
        auto const at = random.below(text.size());
        auto const span = std::min(text.size() - at, 1 + random.below(40));
        if (random.below(2) == 0) {
            for (auto i = at; i < at + span; ++i)
                if (text[i] >= '0' && text[i] <= '9') text[i] = static_cast<char>('0' + random.below(10));
            continue;
        }
        switch (random.below(6)) {
        case 0: text[at] = syntax[random.below(syntax.size())]; break;
        case 1: text[at] = static_cast<char>(random.below(256)); break;
        case 2: text.erase(at, span); break;
        case 3: text.insert(at, text.substr(at, span)); break;
        case 4: text.resize(at); break;
        case 5: text.insert(at, std::string(1 + random.below(200), syntax[random.below(syntax.size())])); break;
        }
    }
    return text;
}

// The rule files a mutated one is loaded with: the vocabulary and the
// calendar, so that its names resolve and resolution gets past them.
std::vector<testing::Text> context_of(fs::path const& mutated) {
    std::vector<testing::Text> files;
    for (auto const* name : {"rules/child_welfare.pligt", "rules/calendar.pligt"}) {
        fs::path const path = fs::path{PLIGT_SOURCE_DIR} / name;
        if (path != mutated) files.push_back({name, read_file(path)});
    }
    return files;
}

struct Outcome {
    int exit_code = -1;  // -1 when a signal ended it
    int signal = 0;
    bool killed = false;     // still running after the wall-clock limit
    double cpu_seconds = 0;  // user and system time: what the run cost, however loaded the machine
};

// Runs the pligt binary with its output discarded, killing it when it has
// not ended after `wall_limit` seconds (a hang that does not spin).
Outcome run_pligt(std::vector<std::string> const& arguments, double wall_limit) {
    std::vector<char*> argv;
    std::string binary = PLIGT_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = arguments;
    for (auto& argument : copies) argv.push_back(argument.data());
    argv.push_back(nullptr);

    auto const start = std::chrono::steady_clock::now();
    pid_t const child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int const null = open("/dev/null", O_RDWR);
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    Outcome outcome;
    int status = 0;
    rusage usage{};
    for (;;) {
        if (wait4(child, &status, WNOHANG, &usage) == child) break;
        if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > wall_limit) {
            outcome.killed = true;
            kill(child, SIGKILL);
            wait4(child, &status, 0, &usage);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    outcome.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                          static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    if (outcome.killed) return outcome;
    if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
    else outcome.signal = WTERMSIG(status);
    return outcome;
}

// A second of processor time is ample for one file; the sanitizers make
// every run slower. Processor time, not the clock, so a machine busy with
// other builds does not fail the test; the clock only ends a run that hangs
// without spinning.
#if defined(__SANITIZE_ADDRESS__)
constexpr double time_limit = 5.0;
#else
constexpr double time_limit = 1.0;
#endif
constexpr double wall_limit = 30.0;

Moment const as_of = Moment::on(*Date::parse("2024-01-01"));

// PLIGT_MUTATION_ROUNDS=N tries N mutations instead, for a longer search.
int rounds(int usual) {
    auto const* value = std::getenv("PLIGT_MUTATION_ROUNDS");
    return value ? std::max(1, std::atoi(value)) : usual;
}

}  // namespace

TEST_CASE("mutated rule files load, lint and format without an exception") {
    auto const files = files_under(PLIGT_SOURCE_DIR "/rules", ".pligt");
    auto municipalities = files_under(PLIGT_SOURCE_DIR "/municipalities", ".pligt");
    std::vector<fs::path> all = files;
    all.insert(all.end(), municipalities.begin(),
               municipalities.begin() + std::min<std::ptrdiff_t>(5, std::ssize(municipalities)));
    REQUIRE(all.size() >= 8);
    Random random{20261123};
    int loaded = 0, refused = 0;
    for (int round = 0; round < rounds(300); ++round) {
        auto const& path = all[static_cast<std::size_t>(round) % all.size()];
        auto const name = fs::relative(path, PLIGT_SOURCE_DIR).generic_string();
        auto const text = mutate(read_file(path), random);
        CAPTURE(name);
        CAPTURE(round);
        auto files = context_of(path);
        files.push_back({name, text});
        Diagnostics diagnostics;
        std::optional<Program> program;
        CHECK_NOTHROW(program = testing::load(files, diagnostics));
        if (program) {
            ++loaded;
            CHECK_NOTHROW(lint(*program, diagnostics));
        } else {
            ++refused;
            CHECK(diagnostics.has_errors());
        }
        for (auto const& diagnostic : diagnostics.sorted()) CHECK_NOTHROW(render(diagnostic));
        Diagnostics format_diagnostics;
        CHECK_NOTHROW(format(SourceFile{name, text}, format_diagnostics));
    }
    MESSAGE(loaded, " mutated programs loaded, ", refused, " refused");
    CHECK(refused > 0);
}

TEST_CASE("mutated cases are read and evaluated without an exception, by both readers alike") {
    auto const& program = testing::shipped_program();
    engine::CaseParser const parser{program};
    auto const examples = files_under(PLIGT_SOURCE_DIR "/examples", ".json");
    REQUIRE(!examples.empty());
    Random random{17};
    int read = 0, refused = 0;
    std::vector<engine::DutyResult> results;
    for (int round = 0; round < rounds(400); ++round) {
        auto const& path = examples[static_cast<std::size_t>(round) % examples.size()];
        auto const text = mutate(read_file(path), random);
        CAPTURE(path.filename().string());
        CAPTURE(round);
        std::optional<engine::CaseResult> c;
        CHECK_NOTHROW(c.emplace(engine::parse_case(program, text)));
        REQUIRE(c);
        engine::CaseResult fast = engine::Case{};
        CHECK_NOTHROW(fast = parser.parse(text));
        CHECK(static_cast<bool>(fast) == static_cast<bool>(*c));
        if (!*c) {
            ++refused;
            CHECK(!c->error().empty());
            // The messages go out as JSON (--json, the API): they must be UTF-8.
            for (auto const& error : c->error()) CHECK(first_invalid_utf8(error.message) == std::string::npos);
            continue;
        }
        ++read;
        CHECK_NOTHROW(engine::evaluate(program, **c, as_of, results));
        CHECK_NOTHROW(pligt::testing::check_json(program, **c, results, as_of).dump());
    }
    MESSAGE(read, " mutated cases read, ", refused, " refused");
    CHECK(refused > 0);
}

TEST_CASE("mutated files through pligt end with 0, 1 or 2 within a second each") {
    auto const directory = fs::temp_directory_path() / fmt::format("pligt-mutation-{}", getpid());
    fs::create_directories(directory);
    auto const rules = files_under(PLIGT_SOURCE_DIR "/rules", ".pligt");
    auto const examples = files_under(PLIGT_SOURCE_DIR "/examples", ".json");
    Random random{42};
    for (int round = 0; round < 40; ++round) {
        bool const rule_file = round % 2 == 0;
        auto const& source = rule_file ? rules[random.below(rules.size())] : examples[random.below(examples.size())];
        auto const path = directory / fmt::format("mutated-{}{}", round, source.extension().string());
        std::ofstream{path, std::ios::binary} << mutate(read_file(source), random);
        std::vector<std::string> const arguments =
            rule_file ? std::vector<std::string>{"test", PLIGT_SOURCE_DIR "/rules/child_welfare.pligt",
                                                 PLIGT_SOURCE_DIR "/rules/calendar.pligt", path.string()}
                      : std::vector<std::string>{"check", path.string(), "--as-of", "2024-01-01"};
        auto const outcome = run_pligt(arguments, wall_limit);
        INFO("mutated from ", source.filename().string(), ", kept in ", path.string());
        CHECK_MESSAGE(!outcome.killed, "still running after ", wall_limit, " s");
        CHECK_MESSAGE(outcome.cpu_seconds < time_limit, "took ", outcome.cpu_seconds, " s of processor time");
        CHECK_MESSAGE(outcome.signal == 0, "ended by signal ", outcome.signal);
        CHECK((outcome.exit_code == 0 || outcome.exit_code == 1 || outcome.exit_code == 2));
        bool const passed = !outcome.killed && outcome.cpu_seconds < time_limit && outcome.signal == 0 &&
                            outcome.exit_code >= 0 && outcome.exit_code <= 2;
        if (passed) fs::remove(path);
    }
    std::error_code ignored;
    fs::remove(directory, ignored);  // left in place, with the culprits, when one failed
}
