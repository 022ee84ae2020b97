// Inputs the fuzz targets (fuzz/, scripts/fuzz.sh) found to break a
// property, reduced by hand, each run through the path its target drives and
// pinned to the behaviour the fix gives.
#include "tests/support/fixture.hpp"
#include "tests/support/golden.hpp"

#include "authoring/format.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/source.hpp"
#include "engine/case.hpp"

#include <doctest/doctest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace {

using namespace pligt;

// A file under the system's temporary directory, removed at the end of scope.
class TempFile {
public:
    TempFile(std::string const& name, std::string const& text)
        : path_{std::filesystem::temp_directory_path() / (std::to_string(getpid()) + "-" + name)} {
        std::ofstream{path_, std::ios::binary} << text;
    }
    ~TempFile() { std::filesystem::remove(path_); }
    TempFile(TempFile const&) = delete;
    TempFile& operator=(TempFile const&) = delete;
    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

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

// fuzz_check: nlohmann's dump() threw on the stray byte quoted in the error
// ("pligt: internal error", exit 2, no JSON). The message now names the byte,
// and output::JsonText would replace one that still got through.
TEST_CASE("pligt check --json reports a case file's stray byte in its errors instead of failing") {
    TempFile const file{"stray-byte.json", "{\"id\": \"x\", \"municipality\": \"aarhus\xFF\", \"events\": []}"};
    auto const run =
        golden::run_pligt(PLIGT_BINARY, {"check", file.path(), "--json", "--as-of", "2024-06-01"}, PLIGT_SOURCE_DIR);
    CHECK(run.exit_code == 2);
    CHECK(run.output.find("internal error") == std::string::npos);
    CHECK(run.output.find(R"({
  "errors": [
    {
      "pointer": "",
      "detail": "invalid JSON: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: '\"aarhus\\xFF'",
      "line": 1,
      "column": 36
    }
  ]
}
)") != std::string::npos);
}

// fuzz_rules (the `pligt lint --json` path): the syntax error quoted the byte.
TEST_CASE("pligt lint --json reports a rule file's stray byte as findings instead of failing") {
    TempFile const file{"stray-byte.pligt", "law x {\n  \xFF\n}\n"};
    auto const run = golden::run_pligt(PLIGT_BINARY, {"lint", file.path(), "--json"}, PLIGT_SOURCE_DIR);
    CHECK(run.exit_code == 1);
    auto const finding = [&](char const* code, char const* message) {
        return "  {\n    \"file\": \"" + file.path() + "\",\n    \"line\": 2,\n    \"column\": 3,\n" +
               "    \"severity\": \"error\",\n    \"code\": \"" + code + "\",\n    \"message\": \"" + message +
               "\"\n  }";
    };
    auto const syntax =
        "expected a law clause (short, in force, uses, calendar, anchor, version, transition, duty), or '}', found "
        "byte 0xFF";
    CHECK(run.output == "[\n" + finding("encoding", "byte 0xFF is not UTF-8; save the file as UTF-8") + ",\n" +
                            finding("syntax", syntax) + "\n]\n");
}

// fuzz_format: `pligt fmt` joined a cite written on the line after `unless`
// to the unless clause, turning the resolver's ambiguous_cite error into a
// file that resolves, with the cite taken as the exception's.
TEST_CASE("fmt keeps a cite written on the line after an unless clause on its own line, so it stays ambiguous") {
    auto const law = [](std::string const& duty) {
        return testing::Text{"act.pligt",
                             "law act \"Act\" {\n"
                             "  in force from 2020-01-01\n"
                             "  uses example_events\n" +
                                 duty + "}\n"};
    };
    std::string const written =
        "  duty answer \"Answer\" {\n"
        "    cite \"§ 1\"\n"
        "    on request_received\n"
        "    unless urgent # an exception\n"
        "    cite \"§ 2\"\n"
        "    due within 4 months\n"
        "    done by request_answered\n"
        "  }\n";
    std::string const formatted =
        "  duty answer \"Answer\" {\n"
        "    cite \"§ 1\"\n"
        "    on request_received\n"
        "    unless urgent  # an exception\n"
        "      cite \"§ 2\"\n"
        "    due within 4 months\n"
        "    done by request_answered\n"
        "  }\n";
    SourceFile const source{"act.pligt", law(written).text};
    Diagnostics diagnostics;
    auto const output = format(source, diagnostics);
    CHECK(testing::rendered(diagnostics) == "");
    REQUIRE(output.has_value());
    CHECK(*output == law(formatted).text);

    for (auto const& text : {law(written), law(formatted)}) {
        INFO(text.text);
        auto const found = testing::diagnose({testing::fixture("example_events.pligt"), text}).sorted();
        REQUIRE(found.size() == 1);
        CHECK(found[0].code == "ambiguous_cite");
        CHECK(found[0].line == 8);
        CHECK(found[0].column == (text.text == law(written).text ? 10 : 12));
    }
}
