#include "cli/case_lines.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>

namespace pligt::cli {

// istream::getline into a buffer, not std::getline into a string, so no
// line is held beyond the bound; a line longer than the buffer comes in pieces.
LineRead read_case_line(std::istream& in, std::string& line) {
    line.clear();
    bool started = false, too_long = false;
    std::array<char, 64 * 1024> chunk;
    for (;;) {
        in.getline(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        auto const extracted = static_cast<std::size_t>(in.gcount());
        bool const at_end = in.eof();
        bool const full = in.fail() && !at_end && extracted + 1 == chunk.size();
        bool const newline = !in.fail() && !at_end;  // the '\n' is extracted, not stored
        if (in.bad() || (in.fail() && !at_end && !full)) return LineRead::end;
        auto const stored = newline ? extracted - 1 : extracted;
        started = started || extracted > 0;
        if (!too_long && line.size() + stored > max_case_line_bytes) {
            too_long = true;
            line.clear();
            line.shrink_to_fit();
        }
        if (!too_long) line.append(chunk.data(), stored);
        if (full) {
            in.clear(in.rdstate() & ~std::ios::failbit);
            continue;
        }
        if (!started) return LineRead::end;
        return too_long ? LineRead::too_long : LineRead::line;
    }
}

std::string too_long_line_message() {
    return fmt::format(
        "the line is longer than {} bytes (1 MiB), the most one case may take; "
        "a cases file holds one case JSON a line (JSONL)",
        max_case_line_bytes);
}

engine::LineSource file_line_source(std::istream& in, std::uintmax_t& read_bytes,
                                    std::vector<engine::BadLine>& too_long, bool skip) {
    auto line_number = std::make_shared<std::uint64_t>(0);
    return [&in, &read_bytes, &too_long, skip, line_number](std::vector<engine::CaseLine>& batch, std::size_t size) {
        for (std::string line; batch.size() < size;) {
            auto const read = read_case_line(in, line);
            if (read == LineRead::end) return false;
            ++*line_number;
            if (read == LineRead::too_long) {
                too_long.push_back({*line_number, "", too_long_line_message()});
                if (!skip) return false;  // as a bad line stops the run
                continue;
            }
            read_bytes += line.size() + 1;
            batch.push_back({*line_number, std::move(line)});
        }
        return true;
    };
}

void merge_too_long(engine::RunOutcome& outcome, std::vector<engine::BadLine> const& too_long, bool skip) {
    if (too_long.empty()) return;
    outcome.skipped += skip ? too_long.size() : 0;
    outcome.bad_lines.insert(outcome.bad_lines.end(), too_long.begin(), too_long.end());
    std::stable_sort(outcome.bad_lines.begin(), outcome.bad_lines.end(),
                     [](engine::BadLine const& a, engine::BadLine const& b) { return a.number < b.number; });
    if (!skip)  // the first bad line only, as run_cases reports
        std::erase_if(outcome.bad_lines, [first = outcome.bad_lines.front().number](engine::BadLine const& b) {
            return b.number != first;
        });
}

void report_bad_lines(std::ostream& err, std::string const& input, std::vector<engine::BadLine> const& bad_lines,
                      bool skip) {
    for (auto const& bad : bad_lines)
        err << fmt::format("{}:{}: {}: {}{}\n", input, bad.number, skip ? "warning" : "error",
                           bad.pointer.empty() ? "" : "at " + bad.pointer + ": ", bad.message);
}

}  // namespace pligt::cli
