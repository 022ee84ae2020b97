// Folding a compiled condition without a case: whether it can never hold,
// always holds, or depends on the case; and the bounds a conjunction puts on
// one value (the lowest `age` a trigger's condition allows). What lint's
// checks reason with.
//
// Trade-off: conditions are folded, not solved. A condition is known never to
// hold when it is `false`, or when a conjunction constrains one value to
// nothing (`age < 3 and age > 10`, `urgent and not urgent`). Anything that
// needs reasoning across `or` or across different values is left unknown, so
// the checks built on it have no false alarms and some misses.
#pragma once

#include "dsl/program.hpp"

#include <optional>

namespace pligt {

enum class Truth { never, always, unknown };

// Folds the conditions compiled for one event (a trigger, or a fulfilling
// event): attributes are that event's.
class Folder {
public:
    Folder(Program const& program, Index event) : program_{program}, event_{event} {}

    Truth truth(Index condition) const;

    // The lowest value the conjunction at the top of `condition` lets an
    // operand take (e.g. 16 for `age >= 16 and placed`); none when it sets
    // no lower bound.
    std::optional<Value> lowest(Index condition, OperandKind kind, Index operand = no_index) const;

private:
    Program const& program_;
    Index event_;
};

}  // namespace pligt
