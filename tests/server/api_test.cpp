// The HTTP API against a real server on a free loopback port: every endpoint,
// every error status, and every response checked against docs/openapi.yaml.
#include "tests/server/schema_check.hpp"
#include "tests/server/test_server.hpp"
#include "tests/support/golden.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <set>
#include <tuple>

namespace {

using nlohmann::json;
using pligt::testing::TestServer;

struct Answer {
    int status = 0;
    std::string media_type;  // without parameters
    std::string body;
    std::string allow;
};

// Checks the answer against the spec: a documented path's schema for its
// status and media type, otherwise (404 anywhere) the Problem schema. Every
// call in this file goes through here, so every answer a test sees is checked.
void check_against_spec(std::string const& method, std::string const& target, Answer const& answer) {
    auto const path = target.substr(0, target.find('?'));
    auto lower = method;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (method == "HEAD" || answer.status == 204) return;  // no body
    auto schema = pligt::testing::response_schema(path, lower, answer.status, answer.media_type);
    bool const documented = !schema.is_null();
    if (!documented) {
        INFO("undocumented answer: ", method, " ", target, " -> ", answer.status, " ", answer.media_type);
        REQUIRE((answer.status == 404 || answer.status == 405 || answer.status == 400));
        REQUIRE(answer.media_type == "application/problem+json");
        schema = json{{"$ref", "#/components/schemas/Problem"}};
    }
    std::vector<json> documents;
    if (answer.media_type == "application/x-ndjson" || answer.media_type == "application/jsonl") {
        for (std::size_t start = 0; start < answer.body.size();) {
            auto const end = answer.body.find('\n', start);
            documents.push_back(json::parse(answer.body.substr(start, end - start)));
            start = end == std::string::npos ? answer.body.size() : end + 1;
        }
    } else {
        documents.push_back(json::parse(answer.body));
    }
    for (auto const& document : documents) {
        auto const violations = pligt::testing::schema_violations(document, schema);
        INFO(method, " ", target, " -> ", answer.status, "\n", answer.body);
        for (auto const& v : violations) INFO(v);
        CHECK_MESSAGE(violations.empty(), fmt::format("{}", fmt::join(violations, "\n")));
    }
}

Answer call(TestServer& server, std::string const& method, std::string const& target, std::string const& body = {},
            std::string const& content_type = "application/json", httplib::Headers const& headers = {}) {
    httplib::Request request;
    request.method = method;
    request.path = target;
    request.body = body;
    request.headers = headers;
    if (!content_type.empty() && method != "GET" && method != "HEAD") request.set_header("Content-Type", content_type);
    auto client = server.client();
    auto const result = client.send(request);
    REQUIRE_MESSAGE(result, "no answer to ", method, " ", target);
    auto media_type = result->get_header_value("Content-Type");
    media_type = media_type.substr(0, media_type.find(';'));
    Answer answer{result->status, media_type, result->body, result->get_header_value("Allow")};
    check_against_spec(method, target, answer);
    return answer;
}

json call_json(TestServer& server, std::string const& method, std::string const& target, int status) {
    auto const answer = call(server, method, target);
    INFO(answer.body);
    REQUIRE(answer.status == status);
    return json::parse(answer.body);
}

json post_json(TestServer& server, std::string const& target, std::string const& body, std::string const& content_type,
               int status) {
    auto const answer = call(server, "POST", target, body, content_type);
    INFO(answer.body);
    REQUIRE(answer.status == status);
    return json::parse(answer.body);
}

std::string const request_case = R"({
  "id": "r-1",
  "municipality": "town_b",
  "events": [ { "event": "request_received", "at": "2022-03-01", "kind": "complaint" } ]
})";

std::vector<std::string> pointers(json const& problem) {
    std::vector<std::string> out;
    for (auto const& e : problem["errors"]) out.push_back(e.value("pointer", "parameter:" + e.value("parameter", "")));
    return out;
}

}  // namespace

TEST_CASE("POST /api/v1/check answers exactly what pligt check --json prints") {
    TestServer server;
    pligt::testing::TempDir dir;
    pligt::testing::write_file(dir.path() / "case.json", request_case);
    std::vector<std::string> arguments{"check", (dir.path() / "case.json").string(), "--as-of", "2022-06-01", "--json"};
    for (auto const& file : pligt::testing::fixture_rules()) {
        arguments.push_back("--rules");
        arguments.push_back(file.string());
    }
    auto const cli = pligt::golden::run_pligt(PLIGT_BINARY, arguments, PLIGT_SOURCE_DIR);
    REQUIRE(cli.exit_code == 1);  // acknowledge is overdue
    auto const answer = call(server, "POST", "/api/v1/check?as_of=2022-06-01", request_case);
    CHECK(answer.status == 200);
    CHECK(answer.media_type == "application/json");
    CHECK(answer.body == cli.output);
}

TEST_CASE("check: why is the begrundelse in the rules' language, or the one Accept-Language asks for") {
    TestServer server{{PLIGT_SOURCE_DIR "/rules", PLIGT_SOURCE_DIR "/municipalities"}};
    std::string const concern = R"({"id": "c", "municipality": "aarhus", "facts": {"birthdate": "2011-05-14"},
        "events": [{"event": "concern_registered", "at": "2019-03-05"}]})";
    auto const why = [&](httplib::Headers const& headers, std::string const& query = "") {
        auto const answer =
            call(server, "POST", "/api/v1/check?as_of=2019-07-06" + query, concern, "application/json", headers);
        INFO(answer.body);
        REQUIRE(answer.status == 200);
        return json::parse(answer.body);
    };
    auto const danish = why({});
    CHECK(danish["language"] == "da");
    CHECK(danish["duties"][0]["status"] == "overdue");  // the ids stay English
    CHECK(danish["duties"][0]["why"][2] == "Fristen er 4 måneder fra den 5. marts 2019, dvs. den 5. juli 2019.");
    CHECK(!danish["duties"][0].contains("trace"));
    for (auto const* header : {"en", "en-GB,en;q=0.9", "de, en;q=0.5, da;q=0.2", "EN"}) {
        INFO(header);
        auto const english = why({{"Accept-Language", header}});
        CHECK(english["language"] == "en");
        CHECK(english["duties"][0]["why"][2] == "The deadline is 4 months from 5 March 2019: 5 July 2019.");
    }
    CHECK(why({{"Accept-Language", "da, en;q=0.8"}})["language"] == "da");
    CHECK(why({{"Accept-Language", "de, fr"}})["language"] == "da");  // none spoken: the rules' own
    CHECK(why({{"Accept-Language", "en;q=0, da"}})["language"] == "da");

    // The vocabulary gives a kind's titles beside its values, for a form to show.
    auto const vocabulary = call_json(server, "GET", "/api/v1/vocabulary", 200);
    auto const kinds = vocabulary["kinds"];
    auto const decision =
        std::find_if(kinds.begin(), kinds.end(), [](json const& k) { return k["id"] == "decision_kind"; });
    REQUIRE(decision != kinds.end());
    CHECK((*decision)["value_titles"]["placement"] == "Anbringelse");

    auto const traced = why({}, "&trace=true");
    CHECK(traced["duties"][0]["trace"][0] == "concern_registered on 2019-03-05 opens this duty: SEL § 50, stk. 7");
    auto const bad = call(server, "POST", "/api/v1/check?trace=yes", concern);
    CHECK(bad.status == 400);
    CHECK(pointers(json::parse(bad.body)) == std::vector<std::string>{"parameter:trace"});
}

TEST_CASE("POST /api/v1/caseload gives the rows pligt caseload --json prints for the same cases") {
    TestServer server;
    pligt::testing::TempDir dir;
    std::vector<std::string> cases{
        R"({"id": "a", "municipality": "town_b", "events": [{"event": "request_received", "at": "2022-05-20", "kind": "complaint"}]})",
        R"({"id": "b", "municipality": "town_b", "events": [{"event": "request_received", "at": "2022-03-01", "kind": "complaint"}]})",
        R"({"id": "c", "municipality": "town_a", "events": [{"event": "request_received", "at": "2021-03-04", "kind": "complaint"}]})"};
    std::string jsonl;
    for (auto const& c : cases) jsonl += c + "\n";
    pligt::testing::write_file(dir.path() / "cases.jsonl", jsonl);
    std::vector<std::string> arguments{"caseload", (dir.path() / "cases.jsonl").string(), "--as-of", "2022-06-01",
                                       "--json"};
    for (auto const& file : pligt::testing::fixture_rules()) {
        arguments.push_back("--rules");
        arguments.push_back(file.string());
    }
    auto const cli = pligt::golden::run_pligt(PLIGT_BINARY, arguments, PLIGT_SOURCE_DIR);
    INFO(cli.output);
    REQUIRE(cli.exit_code == 1);  // something is overdue
    std::string body = R"({"as_of": "2022-06-01", "cases": [)";
    for (std::size_t i = 0; i < cases.size(); ++i) body += (i ? "," : "") + cases[i];
    body += "]}";
    auto const answer = call(server, "POST", "/api/v1/caseload", body);
    REQUIRE(answer.status == 200);
    CHECK(answer.body == cli.output);
    auto const rows = json::parse(answer.body)["rows"];
    REQUIRE(rows.size() >= 2);
    CHECK(rows[0]["status"] == "overdue");
    CHECK(rows[0]["days_left"].get<int>() < 0);

    // within_days keeps what is overdue or due soon; bad members and cases are 422 at their pointers.
    auto const within = json::parse(call(server, "POST", "/api/v1/caseload",
                                         R"({"as_of": "2022-06-01", "within_days": 0, "cases": [)" + cases[0] + "]}")
                                        .body);
    for (auto const& row : within["rows"]) CHECK((row["status"] == "overdue" || row["days_left"] == 0));
    auto const bad = call(
        server, "POST", "/api/v1/caseload",
        R"({"as_of": "soon", "within_days": -1, "case": [], "cases": [{"municipality": "nowhere", "events": []}]})");
    CHECK(bad.status == 422);
    CHECK(pointers(json::parse(bad.body)) == std::vector<std::string>{"/case", "/as_of", "/within_days"});
    auto const bad_case = call(server, "POST", "/api/v1/caseload",
                               R"({"cases": [)" + cases[0] + R"(, {"municipality": "nowhere", "events": []}]})");
    CHECK(bad_case.status == 422);
    CHECK(pointers(json::parse(bad_case.body)) == std::vector<std::string>{"/cases/1/municipality"});

    // The same cases as JSON Lines: the same answer; a bad line is named by its place and line.
    auto const lines = call(server, "POST", "/api/v1/caseload?as_of=2022-06-01", jsonl, "application/x-ndjson");
    CHECK(lines.status == 200);
    CHECK(json::parse(lines.body) == json::parse(cli.output));
    CHECK(lines.body.find('\n') == lines.body.size() - 1);  // on one line
    auto const bad_lines = call(server, "POST", "/api/v1/caseload",
                                cases[0] + "\n\n{\"municipality\": \n" + R"({"municipality": "nowhere", "events": []})",
                                "application/x-ndjson");
    CHECK(bad_lines.status == 422);
    auto const problem = json::parse(bad_lines.body);
    CHECK(pointers(problem) == std::vector<std::string>{"/cases/1", "/cases/2/municipality"});
    CHECK(problem["errors"][0]["line"] == 3);
}

TEST_CASE("check: a case that breaks the vocabulary is 422 naming each field by JSON Pointer") {
    TestServer server;
    auto const problem =
        post_json(server, "/api/v1/check?as_of=2022-06-01",
                  R"({"municipality": "town_c", "events": [{"event": "request_recieved", "at": "2022-02-30"}]})",
                  "application/json; charset=utf-8", 422);
    CHECK(problem["status"] == 422);
    CHECK(problem["title"] == "Unprocessable Content");
    CHECK(problem["instance"] == "/api/v1/check");
    auto const found = pointers(problem);
    CHECK(std::find(found.begin(), found.end(), "/municipality") != found.end());
    CHECK(std::find(found.begin(), found.end(), "/events/0/event") != found.end());
    CHECK(problem.dump().find("did you mean 'request_received'?") != std::string::npos);
}

TEST_CASE("check: an ill-typed fact is 422 at its pointer") {
    TestServer server;
    auto const problem =
        post_json(server, "/api/v1/check", R"({"municipality": "town_b", "facts": {"birthdate": 2011}, "events": []})",
                  "application/json", 422);
    CHECK(pointers(problem) == std::vector<std::string>{"/facts/birthdate"});
}

TEST_CASE("check: malformed JSON is 400 with the line and column where parsing stopped") {
    TestServer server;
    auto const problem = post_json(server, "/api/v1/check", "{\n  \"municipality\": \"town_b\",\n  \"events\": [}",
                                   "application/json", 400);
    REQUIRE(problem["errors"].size() == 1);
    CHECK(problem["errors"][0]["pointer"] == "");
    CHECK(problem["errors"][0]["line"] == 3);
    CHECK(problem["errors"][0]["detail"].get<std::string>().starts_with("invalid JSON"));
}

TEST_CASE("check: nesting deeper than the limit is 400 before any parser recurses") {
    TestServer server;
    std::string const prefix = R"({"municipality": "town_b", "facts": )";
    std::string const deep = prefix + std::string(5000, '[') + std::string(5000, ']') + "}";
    auto const problem = post_json(server, "/api/v1/check", deep, "application/json", 400);
    CHECK(problem["errors"][0]["detail"] == "arrays and objects nest deeper than 32 levels");
    CHECK(problem["errors"][0]["column"] == prefix.size() + 32);  // the 33rd level, counting the case
}

TEST_CASE("check: a wrong or missing content type is 415") {
    TestServer server;
    CHECK(post_json(server, "/api/v1/check", request_case, "text/plain", 415)["detail"] ==
          "send application/json, not 'text/plain'");
    CHECK(call(server, "POST", "/api/v1/check", request_case, "").status == 415);
}

TEST_CASE("check: a bad as_of is 400 naming the parameter; an unknown parameter too") {
    TestServer server;
    auto const problem = post_json(server, "/api/v1/check?as_of=2022-13-01", request_case, "application/json", 400);
    CHECK(pointers(problem) == std::vector<std::string>{"parameter:as_of"});
    auto const unknown = post_json(server, "/api/v1/check?asof=2022-01-01", request_case, "application/json", 400);
    CHECK(unknown["errors"][0]["detail"] == "unknown parameter 'asof'; did you mean 'as_of'?");
}

TEST_CASE("the body limit is 413; events per case and cases per batch are limited too") {
    pligt::server::ApiOptions options;
    options.limits.max_body_bytes = 2048;
    options.limits.max_events = 2;
    options.limits.max_batch = 2;
    TestServer server{pligt::testing::fixture_rules(), options};
    auto const big = post_json(server, "/api/v1/check", std::string(4096, ' ') + request_case, "application/json", 413);
    CHECK(big["detail"] == "the body is larger than 2048 bytes");

    std::string const three_events = R"({"municipality": "town_b", "events": [
        {"event": "hearing_held", "at": "2022-01-01"}, {"event": "hearing_held", "at": "2022-01-02"},
        {"event": "hearing_held", "at": "2022-01-03"}]})";
    // Both readers: the one-pass reader takes the plain text, a JSON tree the
    // text with an escape.
    for (auto const& text : {three_events, "{\"id\": \"a\\u002db\", " + three_events.substr(1)}) {
        CAPTURE(text);
        auto const events = post_json(server, "/api/v1/check", text, "application/json", 413);
        CHECK(pointers(events) == std::vector<std::string>{"/events"});
        CHECK(events["errors"][0]["detail"] == "a case holds at most 2 events; this one has 3");
    }

    auto const batch =
        post_json(server, "/api/v1/check/batch", "[" + request_case + "," + request_case + "," + request_case + "]",
                  "application/json", 413);
    CHECK(batch["errors"][0]["detail"] == "a batch holds at most 2 cases; this one has 3");
}

TEST_CASE("check: a plain case and the same case written with escapes get the same answer") {
    // The plain text takes the one-pass reader, the escaped one nlohmann's
    // parser and the case reader: the answers must not differ.
    TestServer server;
    std::string escaped = request_case;
    escaped.replace(escaped.find("\"r-1\""), 5, "\"r\\u002d1\"");
    escaped.replace(escaped.find("\"town_b\""), 8, "\"town\\u005fb\"");
    REQUIRE(escaped != request_case);
    auto const plain = post_json(server, "/api/v1/check?as_of=2022-06-01", request_case, "application/json", 200);
    auto const tree = post_json(server, "/api/v1/check?as_of=2022-06-01", escaped, "application/json", 200);
    CHECK(plain["case"] == "r-1");
    CHECK(plain == tree);
    CHECK(call(server, "POST", "/api/v1/check?as_of=2022-06-01", request_case, "application/json").body ==
          call(server, "POST", "/api/v1/check?as_of=2022-06-01", escaped, "application/json").body);
}

TEST_CASE("batch: a JSON array gets one result per case, in order, a bad case its errors in its place") {
    TestServer server;
    auto const results =
        post_json(server, "/api/v1/check/batch?as_of=2022-06-01",
                  "[" + request_case + R"(, {"municipality": "town_b", "events": 7}, )" + request_case + "]",
                  "application/json", 200);
    REQUIRE(results.size() == 3);
    CHECK(results[0]["case"] == "r-1");
    CHECK(results[1]["errors"][0]["pointer"] == "/events");
    CHECK(results[2] == results[0]);

    auto const single = post_json(server, "/api/v1/check?as_of=2022-06-01", request_case, "application/json", 200);
    CHECK(results[0] == single);
    CHECK(post_json(server, "/api/v1/check/batch", request_case, "application/json", 422)["errors"][0]["detail"] ==
          "expected an array of cases, found object");
    CHECK(call(server, "POST", "/api/v1/check/batch", "[", "application/json").status == 400);
    CHECK(call(server, "POST", "/api/v1/check/batch", "[]", "text/csv").status == 415);
}

TEST_CASE("batch: JSON Lines get one line per case; a malformed line is that case's error") {
    TestServer server;
    std::string const line = json::parse(request_case).dump();
    auto const answer = call(server, "POST", "/api/v1/check/batch?as_of=2022-06-01",
                             line + "\n\n{\"municipality\": \n" + line + "\r\n", "application/x-ndjson");
    REQUIRE(answer.status == 200);
    CHECK(answer.media_type == "application/x-ndjson");
    std::vector<json> lines;
    for (std::size_t start = 0; start < answer.body.size();) {
        auto const end = answer.body.find('\n', start);
        lines.push_back(json::parse(answer.body.substr(start, end - start)));
        start = end + 1;
    }
    REQUIRE(lines.size() == 3);
    CHECK(lines[0]["case"] == "r-1");
    CHECK(lines[1]["errors"][0]["line"] == 3);  // the body's line
    CHECK(lines[2] == lines[0]);
}

TEST_CASE("GET /api/v1/statuses gives each status's English and Danish words, in the order of the statuses") {
    TestServer server;
    auto const body = call_json(server, "GET", "/api/v1/statuses", 200);
    REQUIRE(body["statuses"].size() == 7);
    CHECK(body["statuses"][0] == json{{"id", "pending"}, {"en", "pending"}, {"da", "afventer"}});
    CHECK(body["statuses"][2] == json{{"id", "late"}, {"en", "late"}, {"da", "for sent"}});
    CHECK(body["statuses"][6] == json{{"id", "lapsed"}, {"en", "lapsed"}, {"da", "bortfaldet"}});
    CHECK(call(server, "GET", "/api/v1/statuses?lang=da").status == 400);
}

TEST_CASE("GET /api/v1/municipalities lists id, name, code and region") {
    TestServer server;
    auto const body = call_json(server, "GET", "/api/v1/municipalities", 200);
    CHECK(body["municipalities"][0] == json{{"id", "town_a"}, {"name", "Town A"}, {"code", 101}, {"region", "north"}});
    CHECK(body["municipalities"].size() == 2);
    CHECK(call(server, "GET", "/api/v1/municipalities?x=1").status == 400);
}

TEST_CASE("GET /api/v1/duties shows what a municipality's exemptions change on a date") {
    TestServer server;
    auto const town_a = call_json(server, "GET", "/api/v1/duties?municipality=101&at=2021-06-01", 200);
    CHECK(town_a["municipality"] == "town_a");
    auto const& duties = town_a["duties"];
    auto const answer = std::find_if(duties.begin(), duties.end(), [](json const& d) { return d["duty"] == "answer"; });
    REQUIRE(answer != duties.end());
    CHECK((*answer)["waived_by"]["exemptions"] == "pilot_scheme");
    CHECK(!call_json(server, "GET", "/api/v1/duties?at=2021-06-01", 200).contains("municipality"));
    auto const unknown = call_json(server, "GET", "/api/v1/duties?municipality=town_c", 400);
    CHECK(unknown["errors"][0] ==
          json{{"parameter", "municipality"}, {"detail", "unknown municipality 'town_c'; did you mean 'town_a'?"}});
    CHECK(call(server, "GET", "/api/v1/duties?at=2021-02-30").status == 400);
}

TEST_CASE("GET /api/v1/vocabulary gives what a case form needs: events, attributes with types and defaults") {
    TestServer server;
    auto const body = call_json(server, "GET", "/api/v1/vocabulary", 200);
    CHECK(body["kinds"][0] == json{{"id", "request_kind"}, {"values", {"information", "complaint", "appeal"}}});
    auto const& request = body["events"][0];
    CHECK(request["id"] == "request_received");
    CHECK(request["title"] == "Request received");
    CHECK(request["attributes"][0] == json{{"id", "kind"},
                                           {"title", "Kind of request"},
                                           {"type", "kind"},
                                           {"kind", "request_kind"},
                                           {"values", {"information", "complaint", "appeal"}},
                                           {"optional", false}});
    CHECK(request["attributes"][1]["default"] == false);
    CHECK(request["attributes"][2]["optional"] == true);
    CHECK(body["facts"][0] ==
          json{{"id", "birthdate"}, {"title", "Date of birth"}, {"vocabulary", "example_events"}, {"type", "date"}});
}

TEST_CASE("GET /api/v1/deadline counts like pligt deadline; bad parameters are 400") {
    TestServer server;
    auto const due = call_json(server, "GET", "/api/v1/deadline?from=2023-10-31&span=4%20months", 200);
    CHECK(due == json{{"from", "2023-10-31"}, {"span", "4 months"}, {"due", "2024-02-29"}, {"skipped", json::array()}});
    auto const hours = call_json(server, "GET", "/api/v1/deadline?from=2019-03-04T09:30&span=24%20hours", 200);
    CHECK(hours["due"] == "2019-03-05T09:30");
    CHECK(pointers(call_json(server, "GET", "/api/v1/deadline?from=2023-10-31&span=4%20moons", 400)) ==
          std::vector<std::string>{"parameter:span"});
    CHECK(pointers(call_json(server, "GET", "/api/v1/deadline?span=4%20days", 400)) ==
          std::vector<std::string>{"parameter:from"});
    CHECK(pointers(call_json(server, "GET", "/api/v1/deadline?from=2023-10-31&span=2%20days&span=3%20days", 400)) ==
          std::vector<std::string>{"parameter:span"});
    CHECK(pointers(call_json(server, "GET", "/api/v1/deadline?from=2023-10-31&span=2%20days&calendar=mars", 400)) ==
          std::vector<std::string>{"parameter:calendar"});
}

TEST_CASE("GET /healthz and /version") {
    TestServer server;
    CHECK(call_json(server, "GET", "/healthz", 200) == json{{"status", "ok"}});
    auto const version = call_json(server, "GET", "/version", 200);
    auto const cli = pligt::golden::run_pligt(PLIGT_BINARY, {"--version"}, PLIGT_SOURCE_DIR);
    CHECK(version["version"].get<std::string>() + "\n" == cli.output);
    CHECK(version["rules_hash"].get<std::string>().size() == std::string{"fnv1a64:"}.size() + 16);
    CHECK(version["rules_hash"] == server.programs().current()->hash);
    CHECK(version["rule_files"] == 4);
    CHECK(call(server, "HEAD", "/version").status == 200);
}

TEST_CASE("unknown paths are 404, wrong methods 405 with Allow, OPTIONS 204; all as problem details") {
    TestServer server;
    auto const missing = call_json(server, "GET", "/api/v2/check", 404);
    CHECK(missing["instance"] == "/api/v2/check");
    auto const post_only = call(server, "GET", "/api/v1/check");
    CHECK(post_only.status == 405);
    CHECK(post_only.allow == "POST");
    auto const get_only = call(server, "DELETE", "/api/v1/vocabulary");
    CHECK(get_only.status == 405);
    CHECK(get_only.allow == "GET, HEAD");
    CHECK(call(server, "PUT", "/healthz", "{}").status == 405);
    CHECK(call(server, "POST", "/nowhere", "{}").status == 404);
    CHECK(call(server, "OPTIONS", "/api/v1/check").status == 204);
}

TEST_CASE("no path reaches a file outside the embedded assets") {
    TestServer server;
    for (auto const* target : {"/../CMakeLists.txt", "/%2e%2e/%2e%2e/etc/passwd", "/index.html/../../../etc/passwd",
                               "//etc/passwd", "/..%2fCMakeLists.txt", "/server/api.cpp"}) {
        INFO(target);
        auto const exchange = pligt::testing::raw_exchange(
            server.port(), fmt::format("GET {} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", target), 5);
        CHECK((exchange.received.starts_with("HTTP/1.1 404") || exchange.received.starts_with("HTTP/1.1 400")));
        CHECK(exchange.received.find("root:") == std::string::npos);
        CHECK(exchange.received.find("cmake_minimum_required") == std::string::npos);
    }
}

TEST_CASE("a half-sent request times out, and garbage does not stop the server") {
    pligt::server::ApiOptions options;
    options.timeout_seconds = 1;
    TestServer server{pligt::testing::fixture_rules(), options};
    auto const half = pligt::testing::raw_exchange(
        server.port(),
        "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{", 6);
    CHECK(half.closed);
    auto const headers = pligt::testing::raw_exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost:", 6);
    CHECK(headers.closed);
    INFO(headers.received);
    CHECK((headers.received.empty() || headers.received.starts_with("HTTP/1.1 400")));
    auto const garbage = pligt::testing::raw_exchange(server.port(), std::string("\x00\xff\r\n\r\n", 6), 6);
    CHECK(garbage.closed);
    CHECK(call_json(server, "GET", "/healthz", 200) == json{{"status", "ok"}});
}

TEST_CASE("every response the OpenAPI file documents is produced by some request and fits its schema") {
    // One request per documented (path, method, status); `call` checks each
    // answer against the spec, and the table must cover every documented one.
    struct Probe {
        char const* method;
        char const* target;
        std::string body;
        char const* content_type;
        int status;
    };
    std::string const jsonl = json::parse(request_case).dump() + "\n";
    std::string const case_ = request_case;
    std::vector<Probe> const probes{
        {"POST", "/api/v1/check?as_of=2022-06-01", case_, "application/json", 200},
        {"POST", "/api/v1/check", "{", "application/json", 400},
        {"GET", "/api/v1/check", "", "", 405},
        {"POST", "/api/v1/check", std::string(1 << 21, ' '), "application/json", 413},
        {"POST", "/api/v1/check", case_, "text/plain", 415},
        {"POST", "/api/v1/check", R"({"municipality": 0, "events": []})", "application/json", 422},
        {"POST", "/api/v1/check/batch", "[" + case_ + "]", "application/json", 200},
        {"POST", "/api/v1/check/batch", jsonl, "application/x-ndjson", 200},
        {"POST", "/api/v1/check/batch?as_of=x", "[]", "application/json", 400},
        {"PATCH", "/api/v1/check/batch", "[]", "application/json", 405},
        {"POST", "/api/v1/check/batch", std::string(1 << 21, ' '), "application/json", 413},
        {"POST", "/api/v1/check/batch", "[]", "application/xml", 415},
        {"POST", "/api/v1/check/batch", "{}", "application/json", 422},
        {"POST", "/api/v1/caseload", R"({"as_of": "2022-06-01", "cases": [)" + case_ + "]}", "application/json", 200},
        {"POST", "/api/v1/caseload?as_of=2022-06-01&within_days=30", jsonl, "application/x-ndjson", 200},
        {"POST", "/api/v1/caseload", "{", "application/json", 400},
        {"POST", "/api/v1/caseload?within_days=soon", jsonl, "application/x-ndjson", 400},
        {"GET", "/api/v1/caseload", "", "", 405},
        {"POST", "/api/v1/caseload", std::string(1 << 21, ' '), "application/json", 413},
        {"POST", "/api/v1/caseload", "{}", "text/csv", 415},
        {"POST", "/api/v1/caseload", "{}", "application/json", 422},
        {"GET", "/api/v1/statuses", "", "", 200},
        {"GET", "/api/v1/statuses?lang=da", "", "", 400},
        {"POST", "/api/v1/statuses", "{}", "application/json", 405},
        {"GET", "/api/v1/municipalities", "", "", 200},
        {"GET", "/api/v1/municipalities?region=north", "", "", 400},
        {"POST", "/api/v1/municipalities", "{}", "application/json", 405},
        {"GET", "/api/v1/duties?municipality=town_a&at=2021-06-01", "", "", 200},
        {"GET", "/api/v1/duties?at=tomorrow", "", "", 400},
        {"PUT", "/api/v1/duties", "{}", "application/json", 405},
        {"GET", "/api/v1/vocabulary", "", "", 200},
        {"GET", "/api/v1/vocabulary?lang=da", "", "", 400},
        {"DELETE", "/api/v1/vocabulary", "", "", 405},
        {"GET", "/api/v1/deadline?from=2024-12-20&span=3%20months", "", "", 200},
        {"GET", "/api/v1/deadline?from=2024-12-20", "", "", 400},
        {"POST", "/api/v1/deadline", "{}", "application/json", 405},
        {"GET", "/healthz", "", "", 200},
        {"POST", "/healthz", "{}", "application/json", 405},
        {"GET", "/version", "", "", 200},
        {"GET", "/version?verbose=1", "", "", 400},
        {"DELETE", "/version", "", "", 405},
    };
    TestServer server;
    std::set<std::tuple<std::string, std::string, int>> produced;
    for (auto const& probe : probes) {
        INFO(probe.method, " ", probe.target);
        auto const answer = call(server, probe.method, probe.target, probe.body, probe.content_type);
        CHECK(answer.status == probe.status);
        std::string method = probe.method;
        for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string const target = probe.target;
        produced.emplace(target.substr(0, target.find('?')), answer.status == 405 ? "wrong method" : method,
                         answer.status);
    }
    for (auto const& [path, operations] : pligt::testing::openapi_spec()["paths"].items())
        for (auto const& [method, operation] : operations.items())
            for (auto const& [status, response] : operation["responses"].items()) {
                INFO(method, " ", path, " ", status);
                int const code = std::stoi(status);
                CHECK_MESSAGE(produced.contains({path, code == 405 ? "wrong method" : method, code}),
                              "documented, but no request in this test produces it");
            }
}
