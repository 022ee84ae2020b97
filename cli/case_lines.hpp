// A file of cases (JSONL, one case a line) read a line at a time, with a
// bound on a line's length: a file that is not JSONL (one large JSON array,
// a binary file) stops at its first long line instead of filling memory.
// `pligt simulate` and `pligt diff --cases` read their cases this way.
#pragma once

#include "population/simulate_run.hpp"

#include <cstddef>
#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

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

// The lines of a JSONL file as the simulator and the audit read them:
// numbered from 1, counted in `read_bytes` (for progress), a line too long to
// read set aside in `too_long` (and, unless `skip`, the end of the input, as
// a bad line stops the run). `in` and both counters must outlive the source.
engine::LineSource file_line_source(std::istream& in, std::uintmax_t& read_bytes,
                                    std::vector<engine::BadLine>& too_long, bool skip);

// The lines refused as too long, merged into what the run found: in line
// order; with `skip` each counted as skipped, else only the first bad line.
void merge_too_long(engine::RunOutcome& outcome, std::vector<engine::BadLine> const& too_long, bool skip);

// "INPUT:LINE: error: at POINTER: message" a bad line ("warning" when skipped).
void report_bad_lines(std::ostream& err, std::string const& input, std::vector<engine::BadLine> const& bad_lines,
                      bool skip);

}  // namespace pligt::cli
