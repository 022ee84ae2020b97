#include "output/errors.hpp"

#include <fmt/format.h>

namespace pligt::output {

std::string error_line(std::string_view file, InputError const& error) {
    if (error.line > 0) return fmt::format("{}:{}:{}: error: {}\n", file, error.line, error.column, error.detail);
    return fmt::format("{}: error: {}{}\n", file, error.pointer.empty() ? "" : "at " + error.pointer + ": ",
                       error.detail);
}

void write_errors(JsonText& json, std::vector<InputError> const& errors) {
    json.begin_array();
    for (auto const& error : errors) {
        json.begin_object();
        if (error.parameter.empty()) json.member("pointer", error.pointer);
        else json.member("parameter", error.parameter);
        json.member("detail", error.detail);
        if (error.line > 0) {
            json.key("line");
            json.value(std::int64_t{error.line});
            json.key("column");
            json.value(std::int64_t{error.column});
        }
        json.end_object();
    }
    json.end_array();
}

void write_errors_object(JsonText& json, std::vector<InputError> const& errors) {
    json.begin_object();
    json.key("errors");
    write_errors(json, errors);
    json.end_object();
}

std::string errors_json_text(std::vector<InputError> const& errors) {
    std::string text;
    JsonText json{text};
    write_errors_object(json, errors);
    return text;
}

}  // namespace pligt::output
