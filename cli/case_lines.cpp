#include "cli/case_lines.hpp"

#include <fmt/format.h>

#include <array>

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

}  // namespace pligt::cli
