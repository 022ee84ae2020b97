// Checks a JSON value against a schema of docs/openapi.yaml. No OpenAPI or
// JSON Schema library for C++ is packaged in Debian 12, so this implements
// the subset the spec uses, and nothing else: $ref (to #/components/schemas),
// type (one or a list), enum, required, properties, additionalProperties
// (false), items and oneOf (exactly one must match). A keyword outside the
// subset is reported, so the spec cannot silently outgrow the check.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pligt::testing {

// docs/openapi.yaml: YAML in JSON-compatible flow style, read as JSON after
// its leading comment lines.
nlohmann::json const& openapi_spec();

// The schema of a documented response, or null when the spec documents no
// such path, method, status or media type.
nlohmann::json response_schema(std::string const& path, std::string const& method, int status,
                               std::string const& media_type);

// Every way the value breaks the schema, each as "JSON-pointer: why"; empty when it fits.
std::vector<std::string> schema_violations(nlohmann::json const& value, nlohmann::json const& schema);

}  // namespace pligt::testing
