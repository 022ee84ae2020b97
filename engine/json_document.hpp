// JSON text to a document, for the readers of user files (cases, stories).
// nlohmann's parser, through its SAX interface, with two things added: a
// key repeated in one object is a problem at its JSON Pointer (nlohmann keeps
// the last value, and a file must not say two things about one field), and a
// malformed text always gets the line and column where reading stopped, in
// characters, with the text last read kept short and printable.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace pligt::engine {

struct JsonProblem {
    std::string pointer;  // "" for the text as a whole
    std::string message;
    int line = 0, column = 0;  // for malformed text
};

// False when the text is not JSON: `problems` then holds one, with its line
// and column. Otherwise `document` holds the text (the last value of a
// repeated key) and `problems` a problem for each repeated key.
bool read_json(std::string_view text, nlohmann::json& document, std::vector<JsonProblem>& problems);

// A key as one token of a JSON Pointer (RFC 6901: '~' and '/' escaped).
std::string pointer_token(std::string_view key);

}  // namespace pligt::engine
