#include "output/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pligt::output {

std::string escape_html(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

namespace {

std::string escape(std::string_view text) { return escape_html(text); }

// Colours for up to six series, readable on white and by most colour-blind readers.
constexpr char const* palette[] = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#9c755f", "#e15759"};

}  // namespace

std::string bar_chart(std::string const& title, std::vector<std::string> const& labels,
                      std::vector<Series> const& series, std::string const& unit, int decimals) {
    double maximum = 1;
    for (auto const& s : series)
        for (auto v : s.values) maximum = std::max(maximum, v);
    int const bar = 12, gap = 10, label_width = 230, chart_width = 440;
    int const group = static_cast<int>(series.size()) * bar + gap;
    int const height = static_cast<int>(labels.size()) * group + 40;
    std::string svg = fmt::format(
        "<figure><figcaption>{}</figcaption><svg role=\"img\" aria-label=\"{}\" width=\"{}\" height=\"{}\" "
        "xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\" font-size=\"11\">\n",
        escape(title), escape(title), label_width + chart_width + 90, height);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        int const y = static_cast<int>(i) * group + 20;
        svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", label_width - 6,
                           y + group / 2 - 2, escape(labels[i]));
        for (std::size_t s = 0; s < series.size(); ++s) {
            auto const value = series[s].values[i];
            auto const width = static_cast<int>(value / maximum * chart_width);
            int const by = y + static_cast<int>(s) * bar;
            svg += fmt::format(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {:.{}f} {}</title></rect>"
                "<text x=\"{}\" y=\"{}\">{:.{}f}</text>\n",
                label_width, by, std::max(width, 1), bar - 2, palette[s % 6], escape(series[s].name), value, decimals,
                unit, label_width + width + 4, by + bar - 3, value, decimals);
        }
    }
    int x = label_width;
    for (std::size_t s = 0; s < series.size(); ++s) {
        svg += fmt::format(
            "<rect x=\"{}\" y=\"4\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"13\">{}</text>\n", x,
            palette[s % 6], x + 14, escape(series[s].name));
        x += 14 + static_cast<int>(series[s].name.size()) * 7 + 16;
    }
    return svg + "</svg></figure>\n";
}

}  // namespace pligt::output
