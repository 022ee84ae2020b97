#include "cli/terminal.hpp"

#include <nlohmann/json.hpp>

#include <unistd.h>
#include <cstdlib>
#include <iostream>

namespace pligt::cli {

Terminal Terminal::standard() {
    bool const colour = isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
    return Terminal{std::cout, std::cerr, colour};
}

std::string Terminal::paint(std::string_view text, Colour colour) const {
    if (!colour_ || colour == Colour::none) return std::string{text};
    char const* code = "";
    switch (colour) {
    case Colour::red: code = "31"; break;
    case Colour::green: code = "32"; break;
    case Colour::yellow: code = "33"; break;
    case Colour::blue: code = "34"; break;
    case Colour::grey: code = "90"; break;
    case Colour::bold: code = "1"; break;
    case Colour::none: break;
    }
    return "\x1b[" + std::string{code} + "m" + std::string{text} + "\x1b[0m";
}

std::string json_text(nlohmann::ordered_json const& json) {
    return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace pligt::cli
