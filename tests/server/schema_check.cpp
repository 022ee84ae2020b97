#include "tests/server/schema_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace pligt::testing {
namespace {

using nlohmann::json;

bool has_type(json const& value, std::string const& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    if (type == "null") return value.is_null();
    return false;
}

json const& resolve(json const& schema) {
    if (!schema.contains("$ref")) return schema;
    auto const ref = schema["$ref"].get<std::string>();
    return openapi_spec().at(json::json_pointer{ref.substr(1)});  // "#/components/…"
}

void check(json const& value, json const& schema_or_ref, std::string const& where, std::vector<std::string>& out) {
    static std::set<std::string> const understood{
        "$ref",  "type",  "enum",        "required", "properties", "additionalProperties",
        "items", "oneOf", "description", "example"};
    auto const& schema = resolve(schema_or_ref);
    for (auto const& [keyword, ignored] : schema.items())
        if (!understood.contains(keyword))
            out.push_back(fmt::format("{}: schema keyword '{}' is not checked", where, keyword));

    if (schema.contains("type")) {
        auto const types = schema["type"].is_array() ? schema["type"] : json::array({schema["type"]});
        bool const fits = std::any_of(types.begin(), types.end(), [&](json const& t) { return has_type(value, t); });
        if (!fits) {
            out.push_back(fmt::format("{}: expected {}, found {}", where, types.dump(), value.type_name()));
            return;
        }
    }
    if (schema.contains("enum") &&
        std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end())
        out.push_back(fmt::format("{}: {} is not one of {}", where, value.dump(), schema["enum"].dump()));
    if (value.is_object()) {
        for (auto const& name : schema.value("required", json::array()))
            if (!value.contains(name.get<std::string>()))
                out.push_back(fmt::format("{}: required property '{}' is missing", where, name.get<std::string>()));
        auto const properties = schema.value("properties", json::object());
        for (auto const& [name, member] : value.items()) {
            auto const path = where + "/" + name;
            auto const additional = schema.value("additionalProperties", json(true));
            if (properties.contains(name)) check(member, properties[name], path, out);
            else if (additional.is_object()) check(member, additional, path, out);  // a map's values
            else if (additional == false)
                out.push_back(fmt::format("{}: property '{}' is not in the spec", where, name));
        }
    }
    if (value.is_array() && schema.contains("items"))
        for (std::size_t i = 0; i < value.size(); ++i)
            check(value[i], schema["items"], fmt::format("{}/{}", where, i), out);
    if (schema.contains("oneOf")) {
        int matches = 0;
        for (auto const& alternative : schema["oneOf"]) {
            std::vector<std::string> ignored;
            check(value, alternative, where, ignored);
            if (ignored.empty()) ++matches;
        }
        if (matches != 1)
            out.push_back(fmt::format("{}: matches {} of the oneOf alternatives, not exactly one", where, matches));
    }
}

}  // namespace

json const& openapi_spec() {
    static json const spec = [] {
        std::ifstream in{PLIGT_SOURCE_DIR "/docs/openapi.yaml"};
        std::string text, line;
        while (std::getline(in, line))
            if (!line.starts_with("#")) text += line + "\n";
        return json::parse(text);
    }();
    return spec;
}

json response_schema(std::string const& path, std::string const& method, int status, std::string const& media_type) {
    auto const& paths = openapi_spec()["paths"];
    if (!paths.contains(path) || !paths[path].contains(method)) return nullptr;
    auto const& responses = paths[path][method]["responses"];
    auto const code = std::to_string(status);
    if (!responses.contains(code) || !responses[code].contains("content")) return nullptr;
    auto const& content = responses[code]["content"];
    if (!content.contains(media_type)) return nullptr;
    return content[media_type]["schema"];
}

std::vector<std::string> schema_violations(json const& value, json const& schema) {
    std::vector<std::string> out;
    check(value, schema, "", out);
    return out;
}

}  // namespace pligt::testing
