#include "output/checklist.hpp"

#include "engine/explain.hpp"
#include "output/begrundelse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>

namespace pligt::output {
namespace {

// The deadline in short, or why there is none: the statute sets none, or
// the duty is excepted; and a target beside it.
std::string due_text(Program const& program, engine::Explained const& duty, Words const& words) {
    std::string due = duty.status == engine::Status::excepted ? words.due_excepted() : words.due_none();
    if (!duty.replaced_by.empty())
        due += ", " + words.replaced_by(duty.replaced_by_title.empty() ? duty.replaced_by : duty.replaced_by_title);
    if (duty.due) {
        if (duty.due->before.empty()) {
            due = words.due(words.moment(duty.due->at));
        } else {
            auto const event = program.find_event(std::string{duty.due->before});
            due = words.due_before(event == no_index || program.events[event].title.empty()
                                       ? duty.due->before
                                       : std::string_view{program.events[event].title});
        }
    }
    if (duty.target) due += " · " + words.target_short(words.moment(duty.target->at), duty.target->past);
    return due;
}

std::string title_of(engine::Explained const& duty) {
    std::string title{duty.title};
    if (duty.instance > 0) title += fmt::format(" (#{})", duty.instance);
    return title;
}

}  // namespace

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
                     std::vector<engine::DutyResult> const& results, Moment as_of, Wording const& wording,
                     Paint const& paint) {
    auto const& words = output::words(wording.language);
    auto const& municipality = program.municipalities[c.municipality];
    out << paint(words.case_heading(c.id.empty() ? words.no_case_id() : c.id, municipality.name, words.moment(as_of)),
                 Colour::bold)
        << "\n";
    // The widest status word sets the column, so titles line up.
    std::size_t width = 0;
    for (auto const status : engine::all_statuses) width = std::max(width, words.status(status).size());
    std::array<int, std::size(engine::all_statuses)> counts{};
    std::string const indent(4 + width, ' ');
    for (auto const& result : results) {
        auto const duty = engine::explain(program, c, result);
        auto const status = words.status(duty.status);
        ++counts[static_cast<std::size_t>(duty.status)];
        out << "\n  " << paint(fmt::format("{:<{}}", status, width), colour_of(duty.status)) << "  " << title_of(duty)
            << " · " << duty.cite << "\n";
        out << indent << paint(fmt::format("{} · {}", due_text(program, duty, words), duty.duty), Colour::grey) << "\n";
        for (auto const& sentence : begrundelse(program, c, result, as_of, words)) out << indent << sentence << "\n";
        if (wording.trace)
            for (auto const& line : engine::why(program, c, result, as_of)) out << indent << "- " << line << "\n";
    }
    if (results.empty()) {
        out << "\n  " << words.no_duties() << "\n";
        return;
    }
    std::string summary;
    for (auto const status : engine::all_statuses) {
        auto const count = counts[static_cast<std::size_t>(status)];
        if (count > 0) summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", count, words.status(status));
    }
    out << fmt::format("\n{}: {}\n", words.duty_count(results.size()), summary);
}

bool write_explanation(std::ostream& out, Program const& program, engine::Case const& c,
                       std::vector<engine::DutyResult> const& results, Moment as_of, std::string_view duty_id,
                       Wording const& wording) {
    auto const& words = output::words(wording.language);
    bool found = false;
    for (auto const& result : results) {
        if (program.duties[result.duty].id != duty_id) continue;
        auto const duty = engine::explain(program, c, result);
        out << (found ? "\n" : "") << title_of(duty) << " · " << duty.cite << " · " << words.status(duty.status)
            << "\n";
        out << paragraph(begrundelse(program, c, result, as_of, words)) << "\n";
        if (!duty.cite_url.empty()) out << words.statute_link() << ": " << duty.cite_url << "\n";
        if (wording.trace)
            for (auto const& line : engine::why(program, c, result, as_of)) out << "- " << line << "\n";
        found = true;
    }
    return found;
}

}  // namespace pligt::output
