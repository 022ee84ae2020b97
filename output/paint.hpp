// How a writer of text marks what stands out (a status, a heading): the
// caller decides whether the emphasis shows as colour (the command line does
// on a terminal without NO_COLOR) or not at all.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace pligt::output {

enum class Colour { none, red, green, yellow, blue, grey, bold };

// Text wrapped in its emphasis, or returned as is.
using Paint = std::function<std::string(std::string_view text, Colour colour)>;

}  // namespace pligt::output
