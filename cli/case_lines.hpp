// A file of cases (JSONL, one case a line) read a line at a time, with a
// bound on a line's length: a file that is not JSONL (one large JSON array,
// a binary file) stops at its first long line instead of filling memory.
// `pligt simulate` and `pligt diff --cases` read their cases this way.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace pligt::cli {

// 1 MiB, as `pligt serve` takes at most in a request body by default: a
// case the server accepts fits in a line.
inline constexpr std::size_t max_case_line_bytes = std::size_t{1} << 20;

enum class LineRead { line, too_long, end };

// The next line, without its '\n'. A line longer than max_case_line_bytes is
// read to its end, its bytes dropped, and answered too_long, so the lines
// after it can still be read. `end` at the end of the input or on a read
// error (then `in.bad()`).
LineRead read_case_line(std::istream& in, std::string& line);

// "the line is longer than 1048576 bytes (1 MiB), …": the error for too_long.
std::string too_long_line_message();

}  // namespace pligt::cli
