// What the HTML reports draw with: text escaped for HTML, and horizontal bar
// charts as inline SVG (no script, font or image fetched from anywhere, so a
// report opens offline and prints as it shows).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pligt::output {

std::string escape_html(std::string_view text);

struct Series {
    std::string name;
    std::vector<double> values;  // one a label
};

// Horizontal grouped bars: one group a label, one bar a series, each bar
// labelled with its value (`decimals` after the point) and `unit` in its tooltip.
std::string bar_chart(std::string const& title, std::vector<std::string> const& labels,
                      std::vector<Series> const& series, std::string const& unit, int decimals = 0);

}  // namespace pligt::output
