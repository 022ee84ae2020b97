// Where the CLI writes: results to stdout, diagnostics to stderr, colour only
// when stdout is a terminal and NO_COLOR is unset.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

namespace pligt::cli {

enum class Colour { none, red, green, yellow, blue, grey, bold };

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

}  // namespace pligt::cli
