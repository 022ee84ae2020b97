// The one shape of an input error, and its one JSON writer, for the command
// line (`pligt check --json`, a batch item) and the API's problem details:
// `{"pointer": "/events/1", "detail": "…"}`, or `"parameter"` for a query
// parameter, with the `line` and `column` where malformed JSON stopped.
#pragma once

#include "output/json_text.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pligt::output {

struct InputError {
    std::string pointer;    // RFC 6901 into the document; "" is the whole document
    std::string parameter;  // or: the query parameter at fault
    std::string detail;
    int line = 0, column = 0;  // malformed JSON: where the parser stopped
};

// A reader's error (engine::CaseError, engine::StoryError: a pointer, a
// message, and a line and column for malformed JSON), as every writer shows it.
template <typename Error>
InputError input_error(Error const& error) {
    return {error.pointer, {}, error.message, error.line, error.column};
}
template <typename Error>
std::vector<InputError> input_errors(std::vector<Error> const& errors) {
    std::vector<InputError> out;
    out.reserve(errors.size());
    for (auto const& error : errors) out.push_back(input_error(error));
    return out;
}

// The error as the command line prints it, one line: "FILE:LINE:COLUMN:
// error: DETAIL" where malformed JSON stopped, else "FILE: error: at
// POINTER: DETAIL" ("FILE: error: DETAIL" for the whole document).
std::string error_line(std::string_view file, InputError const& error);

// The errors as the next value of `json`: an array of objects.
void write_errors(JsonText& json, std::vector<InputError> const& errors);

// `{"errors": […]}`, as `pligt check --json` prints for a case it cannot
// check (pretty, no final newline) and a batch answers for it.
void write_errors_object(JsonText& json, std::vector<InputError> const& errors);
std::string errors_json_text(std::vector<InputError> const& errors);

}  // namespace pligt::output
