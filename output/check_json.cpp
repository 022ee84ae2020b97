#include "output/check_json.hpp"

#include "engine/explain.hpp"
#include "output/begrundelse.hpp"

namespace pligt::output {
namespace {

void write_event(JsonText& json, std::string_view name, engine::EventAt const& e) {
    json.key(name);
    json.begin_object();
    json.member("event", e.event);
    json.member("at", e.at.to_string());
    json.end_object();
}

void write_due(JsonText& json, std::string_view name, engine::DueView const& due) {
    json.key(name);
    if (due.before.empty()) {
        json.value(due.at.to_string());
        return;
    }
    json.begin_object();
    json.member("before", due.before);
    json.end_object();
}

void write_lines(JsonText& json, std::string_view name, std::vector<std::string> const& lines) {
    json.key(name);
    json.begin_array();
    for (auto const& line : lines) json.value(line);
    json.end_array();
}

void write_duty(JsonText& json, engine::Explained const& duty, std::vector<std::string> const& why,
                std::vector<std::string> const* trace) {
    json.begin_object();
    json.member("duty", duty.duty);
    if (duty.instance > 0) {
        json.key("instance");
        json.value(std::int64_t{duty.instance});
    }
    json.member("title", duty.title);
    json.member("law", duty.law);
    if (duty.version) json.member("law_version", duty.version->title);
    json.member("cite", duty.cite);
    if (!duty.cite_url.empty()) json.member("cite_url", duty.cite_url);
    if (duty.transition) {
        json.key("transition");
        json.begin_object();
        json.member("cite", duty.transition->cite);
        json.member("from", duty.transition->from);
        json.end_object();
    }
    write_event(json, "triggered_by", duty.triggered_by);
    if (duty.due) write_due(json, "due", *duty.due);
    if (duty.law_due) write_due(json, "law_due", *duty.law_due);
    json.member("status", engine::to_string(duty.status));
    if (duty.target) {
        json.member("target", duty.target->at.to_string());
        json.key("past_target");
        json.boolean(duty.target->past);
        json.key("target_by");
        json.begin_object();
        json.member(duty.target->by_kind, duty.target->by);
        json.member("basis", duty.target->basis);
        json.end_object();
    }
    if (duty.waived_by) {
        json.key("waived_by");
        json.begin_object();
        json.member("exemptions", duty.waived_by->exemptions);
        json.member("basis", duty.waived_by->basis);
        json.end_object();
        if (!duty.replaced_by.empty()) json.member("replaced_by", duty.replaced_by);
    }
    if (duty.excepted_by) {
        json.key("excepted_by");
        json.begin_object();
        json.member("cite", duty.excepted_by->cite);
        json.member("reason", duty.excepted_by->reason);
        json.end_object();
        if (!duty.replaced_by.empty()) json.member("replaced_by", duty.replaced_by);
    }
    if (duty.done_by) write_event(json, "done_by", *duty.done_by);
    write_lines(json, "why", why);
    if (trace) write_lines(json, "trace", *trace);
    json.end_object();
}

}  // namespace

void write_check_json(JsonText& json, Program const& program, engine::Case const& c,
                      std::vector<engine::DutyResult> const& results, Moment as_of, Wording const& wording) {
    auto const& words = output::words(wording.language);
    json.begin_object();
    if (!c.id.empty()) json.member("case", c.id);
    json.member("municipality", program.municipalities[c.municipality].id);
    json.member("as_of", as_of.to_string());
    json.member("language", language_code(wording.language));
    json.key("duties");
    json.begin_array();
    for (auto const& result : results) {
        auto const why = begrundelse(program, c, result, as_of, words);
        if (wording.trace) {
            auto const trace = engine::why(program, c, result, as_of);
            write_duty(json, engine::explain(program, c, result), why, &trace);
        } else {
            write_duty(json, engine::explain(program, c, result), why, nullptr);
        }
    }
    json.end_array();
    json.end_object();
}

std::string check_json_text(Program const& program, engine::Case const& c,
                            std::vector<engine::DutyResult> const& results, Moment as_of, Wording const& wording,
                            bool pretty) {
    std::string text;
    text.reserve(1024 * (results.size() + 1));
    JsonText json{text, pretty};
    write_check_json(json, program, c, results, as_of, wording);
    return text;
}

}  // namespace pligt::output
