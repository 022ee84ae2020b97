#include "tests/support/population.hpp"

#include <algorithm>
#include <memory>

namespace pligt::testing {

engine::LineSource source_of(std::vector<std::string> const& lines) {
    auto next = std::make_shared<std::size_t>(0);
    return [&lines, next](std::vector<engine::CaseLine>& batch, std::size_t size) {
        while (batch.size() < size && *next < lines.size()) {
            batch.push_back({*next + 1, lines[*next]});
            ++*next;
        }
        return batch.size() == size;
    };
}

double spreadsheet_percentile(std::vector<double> values, double q) {
    std::sort(values.begin(), values.end());
    double const h = static_cast<double>(values.size() - 1) * q;
    auto const lower = static_cast<std::size_t>(h);
    auto const upper = std::min(lower + 1, values.size() - 1);
    return values[lower] + (h - static_cast<double>(lower)) * (values[upper] - values[lower]);
}

}  // namespace pligt::testing
