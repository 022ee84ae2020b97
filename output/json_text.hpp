// JSON written straight to text, laid out byte for byte as nlohmann::json's
// dump(2) (or dump() when compact) lays it out: the answer to a check is
// printed this way without building a JSON tree first, which is most of the
// cost of answering one (bench: BM_CheckJson). Strings are escaped as
// nlohmann escapes them, and text that is not UTF-8 is replaced as its
// `replace` error handler replaces it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pligt::output {

class JsonText {
public:
    // Appends to `out`. `depth`: the indentation level the first value starts
    // at (1 for an element of an array printed around it).
    explicit JsonText(std::string& out, bool pretty = true, int depth = 0);

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    // An object member's name; its value follows.
    void key(std::string_view name);
    void value(std::string_view text);
    void value(char const* text) { value(std::string_view{text}); }
    void value(std::int64_t number);
    void boolean(bool b);

    // `"name": text`, the most common member.
    void member(std::string_view name, std::string_view text) {
        key(name);
        value(text);
    }

private:
    void before_value();  // the separator and indentation an element needs
    void close(char bracket);
    void newline_and_indent(std::size_t depth);
    void string(std::string_view text);

    std::string& out_;
    bool pretty_;
    int base_depth_;
    // Per open object or array: whether it has had an element yet.
    std::vector<bool> has_elements_;
    bool after_key_ = false;
};

}  // namespace pligt::output
