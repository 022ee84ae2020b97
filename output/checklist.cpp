#include "output/checklist.hpp"

#include "engine/explain.hpp"
#include "output/status_words.hpp"

#include <fmt/format.h>

#include <map>

namespace pligt::output {

Colour colour_of(engine::Status status) {
    switch (status) {
    case engine::Status::overdue:
    case engine::Status::late: return Colour::red;
    case engine::Status::met: return Colour::green;
    case engine::Status::pending: return Colour::yellow;
    case engine::Status::waived:
    case engine::Status::excepted:
    case engine::Status::lapsed: break;
    }
    return Colour::blue;
}

void write_checklist(std::ostream& out, Program const& program, engine::Case const& c,
                     std::vector<engine::DutyResult> const& results, Moment as_of, Paint const& paint) {
    auto const& municipality = program.municipalities[c.municipality];
    out << paint(fmt::format("Case {} · {} ({}) · as of {}", c.id.empty() ? "(no id)" : c.id, municipality.name,
                             municipality.id, as_of.to_string()),
                 Colour::bold)
        << "\n";
    std::map<std::string_view, int> counts;
    for (auto const& result : results) {
        auto const duty = engine::explain(program, c, result, as_of);
        auto const status = status_word(duty.status, Language::en);
        ++counts[status];
        std::string title{duty.title};
        if (duty.instance > 0) title += fmt::format(" (#{})", duty.instance);
        out << "\n  " << paint(fmt::format("{:<8}", status), colour_of(duty.status)) << " " << title << " · "
            << duty.cite << "\n";
        // The deadline, or why there is none: the statute sets none, or the
        // duty is excepted.
        std::string due = duty.status == engine::Status::excepted ? "nothing due: excepted" : "no statutory deadline";
        if (!duty.replaced_by.empty()) due += fmt::format(", replaced by {}", duty.replaced_by);
        if (duty.due)
            due = duty.due->before.empty() ? "due " + duty.due->at.to_string()
                                           : fmt::format("due before {}", duty.due->before);
        if (duty.target)
            due += fmt::format(" · target {}{}", duty.target->at.to_string(), duty.target->past ? " (passed)" : "");
        out << "           " << paint(fmt::format("{} · {}", duty.duty, due), Colour::grey) << "\n";
        for (auto const& line : duty.why) out << "           - " << line << "\n";
    }
    if (results.empty()) {
        out << "\n  No duties: no event of this case opens a duty under the rules in force.\n";
        return;
    }
    std::string summary;
    for (auto const& [status, count] : counts)
        summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", count, status);
    out << fmt::format("\n{} dut{}: {}\n", results.size(), results.size() == 1 ? "y" : "ies", summary);
}

}  // namespace pligt::output
