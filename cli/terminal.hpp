// Where the CLI writes: results to stdout, diagnostics to stderr, colour only
// when stdout is a terminal and NO_COLOR is unset.
#pragma once

#include "output/paint.hpp"

#include <nlohmann/json_fwd.hpp>

#include <iosfwd>
#include <string>
#include <string_view>

namespace pligt::cli {

using output::Colour;

class Terminal {
public:
    Terminal(std::ostream& out, std::ostream& err, bool colour) : out_{out}, err_{err}, colour_{colour} {}
    static Terminal standard();

    std::ostream& out() { return out_; }
    std::ostream& err() { return err_; }
    std::string paint(std::string_view text, Colour colour) const;

private:
    std::ostream& out_;
    std::ostream& err_;
    bool colour_;
};

// A --json result as printed: indented by two. Bytes that are not UTF-8 (a
// case or rule file's, quoted in a message) are replaced by U+FFFD, as the
// API does, instead of failing the command.
std::string json_text(nlohmann::ordered_json const& json);

}  // namespace pligt::cli
