#include "output/caseload.hpp"

#include "engine/explain.hpp"
#include "output/checklist.hpp"

#include <fmt/format.h>

namespace pligt::output {
namespace {

// The instance's number among its duty's in the case: 1 where it is the only one.
std::int64_t instance_of(engine::CaseloadRow const& row) { return std::max<std::int64_t>(row.result.instance, 1); }

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string{text};
    std::string out = "\"";
    for (char const c : text) out += c == '"' ? std::string{"\"\""} : std::string(1, c);
    return out + "\"";
}

std::string_view before_event(Program const& program, engine::CaseloadRow const& row) {
    return row.result.due_before == no_index ? std::string_view{} : program.events[row.result.due_before].id;
}

}  // namespace

void write_caseload_json(JsonText& json, Program const& program, std::vector<engine::CaseloadRow> const& rows,
                         engine::CaseloadSummary const& summary, Moment as_of) {
    json.begin_object();
    json.member("as_of", as_of.to_string());
    json.key("summary");
    json.begin_object();
    json.key("cases");
    json.value(static_cast<std::int64_t>(summary.cases));
    json.key("open");
    json.value(static_cast<std::int64_t>(summary.open));
    json.key("overdue");
    json.value(static_cast<std::int64_t>(summary.overdue));
    json.key("due_this_week");
    json.value(static_cast<std::int64_t>(summary.due_this_week));
    json.end_object();
    json.key("rows");
    json.begin_array();
    for (auto const& row : rows) {
        auto const& duty = program.duties[row.result.duty];
        json.begin_object();
        if (!row.case_id.empty()) json.member("case", row.case_id);
        json.key("case_index");
        json.value(static_cast<std::int64_t>(row.case_index));
        json.member("municipality", program.municipalities[row.municipality].id);
        json.member("duty", duty.id);
        json.key("instance");
        json.value(instance_of(row));
        json.member("title", duty.title);
        json.member("cite", engine::citation(program, duty));
        if (auto const url = engine::cite_url(program, row.result); !url.empty()) json.member("cite_url", url);
        if (row.dated) {
            json.member("due", row.result.due.to_string());
            json.key("days_left");
            json.value(std::int64_t{row.days_left});
            json.key("working_days_left");
            json.value(std::int64_t{row.working_days_left});
        } else if (auto const before = before_event(program, row); !before.empty()) {
            json.key("due");
            json.begin_object();
            json.member("before", before);
            json.end_object();
        }
        json.member("status", engine::to_string(row.result.status));
        if (row.result.target_source != 0) {
            json.member("target", row.result.target.to_string());
            json.key("past_target");
            json.boolean(row.result.past_target);
        }
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

void write_caseload_csv(std::ostream& out, Program const& program, std::vector<engine::CaseloadRow> const& rows) {
    out << "case,case_index,municipality,duty,instance,title,cite,due,days_left,working_days_left,status,target\r\n";
    for (auto const& row : rows) {
        auto const& duty = program.duties[row.result.duty];
        std::string due;
        if (row.dated) due = row.result.due.to_string();
        else if (auto const before = before_event(program, row); !before.empty())
            due = fmt::format("before {}", before);
        out << csv_field(row.case_id) << ',' << row.case_index << ',' << program.municipalities[row.municipality].id
            << ',' << duty.id << ',' << instance_of(row) << ',' << csv_field(duty.title) << ','
            << csv_field(engine::citation(program, duty)) << ',' << csv_field(due) << ','
            << (row.dated ? std::to_string(row.days_left) : "") << ','
            << (row.dated ? std::to_string(row.working_days_left) : "") << ',' << engine::to_string(row.result.status)
            << ',' << (row.result.target_source != 0 ? row.result.target.to_string() : "") << "\r\n";
    }
}

void write_caseload_table(std::ostream& out, Program const& program, std::vector<engine::CaseloadRow> const& rows,
                          engine::CaseloadSummary const& summary, Moment as_of, Language language, Paint const& paint) {
    auto const& words = output::words(language);
    out << paint(words.caseload_heading(words.moment(as_of), summary.cases, summary.open), Colour::bold) << "\n";
    out << words.caseload_counts(summary.overdue, summary.due_this_week) << "\n";
    if (rows.empty()) {
        out << "\n  " << words.caseload_empty() << "\n";
        return;
    }
    std::size_t status_width = 0;
    for (auto const status : engine::all_statuses) status_width = std::max(status_width, words.status(status).size());
    std::size_t case_width = 0;
    for (auto const& row : rows) case_width = std::max(case_width, row.case_id.size());
    out << "\n";
    for (auto const& row : rows) {
        auto const& duty = program.duties[row.result.duty];
        std::string due, left;
        if (row.dated) {
            due = words.date(row.result.due.date);
            left = words.days_left(row.days_left, row.working_days_left);
        } else if (auto const before = before_event(program, row); !before.empty()) {
            auto const& event = program.events[row.result.due_before];
            due = words.due_before(event.title.empty() ? event.id : event.title);
        } else {
            due = words.due_none();
        }
        std::string title = duty.title;
        if (row.result.instance > 0) title += fmt::format(" (#{})", row.result.instance);
        out << "  "
            << paint(fmt::format("{:<{}}", words.status(row.result.status), status_width), colour_of(row.result.status))
            << "  " << fmt::format("{:<{}}", row.case_id, case_width) << "  " << title << " · "
            << engine::citation(program, duty) << "\n";
        out << "  " << std::string(status_width + 2 + case_width + 2, ' ')
            << paint(fmt::format("{}{}{} · {}", due, left.empty() ? "" : " · ", left,
                                 program.municipalities[row.municipality].name),
                     Colour::grey)
            << "\n";
    }
}

}  // namespace pligt::output
