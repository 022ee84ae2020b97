// Evaluation: which duties a case has opened, by when each is due, and its
// status at a moment. The hot path of checking and simulation: it reads the
// immutable Program and the resolved Case, writes compact results into a
// caller-owned vector (reused across cases), and builds no strings; explain.hpp
// turns results into words and JSON.
#pragma once

#include "dsl/date.hpp"
#include "dsl/program.hpp"
#include "engine/case.hpp"

#include <string_view>
#include <vector>

namespace pligt::engine {

// Enumerators spell the contract of `pligt check --json`.
enum class Status : std::uint8_t { pending, met, late, overdue, waived };
std::string_view to_string(Status status);

struct DutyResult {
    Index duty = no_index;        // into Program::duties
    std::uint32_t trigger = 0;    // into Case::events
    Moment due;
    Status status = Status::pending;
    Index waived_by = no_index;   // exemption set, when waived
    Index waiver = no_index;      // into that set's waivers
    std::int32_t done = -1;       // into Case::events: the fulfilling event
    std::uint16_t instance = 0;   // 1, 2, … when the case has several instances of the duty; else 0
};

// The deadline of a span counted from a moment: months and years clamp to the
// month's end; hours keep the time of day (or, from a date-only moment, end on
// a date: see Moment::plus_hours); every other unit gives a date.
Moment deadline(Moment from, Span span);

// Evaluates `c` as known at `as_of`: events after it are ignored. Results are
// ordered by trigger time, then duty id, then instance.
void evaluate(Program const& program, Case const& c, Moment as_of, std::vector<DutyResult>& results);

}  // namespace pligt::engine
