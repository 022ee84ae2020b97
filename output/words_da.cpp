// The Danish catalogue: how a Danish caseworker writes a date (5. marts 2024,
// kl. 09.30), a time (hverdage) and a begrundelse in the journal.
#include "output/words_catalogues.hpp"

#include <fmt/format.h>

#include <array>

namespace pligt::output {
namespace {

constexpr std::array<std::string_view, 12> months{"januar", "februar", "marts",     "april",   "maj",      "juni",
                                                  "juli",   "august",  "september", "oktober", "november", "december"};

std::string plural(std::int32_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

class Danish final : public Words {
public:
    std::string_view status(engine::Status status) const override {
        using engine::Status;
        switch (status) {
        case Status::pending: return "afventer";
        case Status::met: return "opfyldt";
        case Status::late: return "for sent";
        case Status::overdue: return "overskredet";
        case Status::waived: return "frafaldet";
        case Status::excepted: return "undtaget";
        case Status::lapsed: return "bortfaldet";
        }
        return "";
    }
    std::string date(Date d) const override {
        return fmt::format("{}. {} {}", d.day(), months[static_cast<std::size_t>(d.month() - 1)], d.year());
    }
    std::string moment(Moment at) const override {
        if (!at.has_time()) return date(at.date);
        return fmt::format("{} kl. {:02}.{:02}", date(at.date), at.minute / 60, at.minute % 60);
    }
    std::string span(Span span) const override {
        switch (span.unit) {
        case TimeUnit::hours: return plural(span.amount, "time", "timer");
        case TimeUnit::days: return plural(span.amount, "dag", "dage");
        case TimeUnit::working_days: return plural(span.amount, "hverdag", "hverdage");
        case TimeUnit::weeks: return plural(span.amount, "uge", "uger");
        case TimeUnit::months: return plural(span.amount, "måned", "måneder");
        case TimeUnit::years: return plural(span.amount, "år", "år");
        }
        return {};
    }
    std::string days(std::int32_t n) const override { return plural(n, "dag", "dage"); }
    std::string quoted(std::string_view text) const override { return fmt::format("»{}«", text); }
    std::string either(std::vector<std::string> const& items) const override { return joined(items, ", ", " eller "); }
    std::string yes_no(bool yes) const override { return yes ? "ja" : "nej"; }
    std::string not_given() const override { return "ikke oplyst"; }
    std::string period(Date from, std::optional<Date> to) const override {
        return to ? fmt::format("fra den {} til den {}", date(from), date(*to)) : fmt::format("fra den {}", date(from));
    }

    std::string on(std::string const& at) const override { return "den " + at; }
    std::string before(std::string_view event) const override { return "før " + quoted(event); }

    std::string rule(std::string_view title, std::string_view cite, std::string_view version) const override {
        return version.empty() ? fmt::format("Pligten {} følger af {}.", quoted(title), cite)
                               : fmt::format("Pligten {} følger af {} ({}).", quoted(title), cite, version);
    }
    std::string rule_of_set(std::string_view title, std::string_view cite, std::string_view municipality,
                            std::string_view set, std::string const& period) const override {
        return fmt::format("Pligten {} følger af {}, fordi {} deltager i {} ({}).", quoted(title), cite, municipality,
                           quoted(set), period);
    }
    std::string opened(std::string_view event, std::string const& at, std::string const& facts) const override {
        return fmt::format("Sagen: {} den {}{}.", quoted(event), at, facts.empty() ? "" : " (" + facts + ")");
    }
    std::string carried(std::string_view old_cite, std::string_view law, std::string const& in_force,
                        std::string_view transition_cite) const override {
        return fmt::format("Pligten opstod efter {}, før {} trådte i kraft den {}, og afsluttes efter {}.", old_cite,
                           law, in_force, transition_cite);
    }
    std::string residual(std::string_view excepted, std::string_view excepted_cite, std::string_view exception_cite,
                         std::string const& facts) const override {
        return fmt::format("Pligten {} ({}) gælder ikke efter {}{}, og denne pligt gælder i stedet.", quoted(excepted),
                           excepted_cite, exception_cite, facts.empty() ? "" : " (" + facts + ")");
    }
    std::string fact(std::string_view label, std::string const& value) const override {
        return fmt::format("{}: {}", label, value);
    }
    std::string facts(std::vector<std::string> const& items) const override { return joined(items, "; ", "; "); }

    std::string deadline_span(std::string const& span, std::string const& from, std::string const& due) const override {
        return fmt::format("Fristen er {} fra den {}, dvs. den {}.", span, from, due);
    }
    std::string deadline_from_event(std::string const& span, std::string_view event, std::string const& at,
                                    std::string const& due) const override {
        return fmt::format("Fristen er {} fra {} den {}, dvs. den {}.", span, quoted(event), at, due);
    }
    std::string deadline_same_day(std::string const& due) const override {
        return fmt::format("Fristen er samme dag, den {}.", due);
    }
    std::string deadline_before(std::string_view event, std::string const& due) const override {
        return fmt::format("Fristen er før {}, dvs. den {}.", quoted(event), due);
    }
    std::string deadline_before_pending(std::string_view event) const override {
        return fmt::format("Fristen er før {}, som endnu ikke er sket.", quoted(event));
    }
    std::string deadline_on(std::string const& due) const override { return fmt::format("Fristen er den {}.", due); }
    std::string deadline_at_age(std::string const& before, int years, int months, std::string_view label,
                                std::string const& value, std::string const& due) const override {
        auto const age = months ? fmt::format("{} år og {}", years, span(Span{months, TimeUnit::months}))
                                : fmt::format("{} år", years);
        return before.empty() ? fmt::format("Fristen er, når alderen {} nås (regnet fra {}: {}), dvs. den {}.", age,
                                            label, value, due)
                              : fmt::format("Fristen er {} før alderen {} (regnet fra {}: {}), dvs. den {}.", before,
                                            age, label, value, due);
    }
    std::string deadline_repeats(std::string const& interval, std::string const& due) const override {
        return fmt::format("Pligten gentages: fristen er {} efter den forrige, dvs. den {}.", interval, due);
    }
    std::string deadline_missing_fact(std::string_view label) const override {
        return fmt::format("Fristen kan ikke beregnes: sagen mangler {}.", label);
    }
    std::string no_deadline() const override { return "Loven fastsætter ingen frist."; }
    std::string no_deadline_passed() const override {
        return "Der er ingen frist: det tidspunkt, fristen regnes fra, var passeret, da pligten opstod.";
    }
    std::string no_deadline_repeats() const override { return "Pligten gentages uden lovbestemt frist."; }
    std::string deadline_changed(std::string_view set, std::string_view basis,
                                 std::string const& law_due) const override {
        return law_due.empty() ? fmt::format("Fristen følger af {} (hjemmel: {}); efter loven gentages pligten ikke.",
                                             quoted(set), basis)
                               : fmt::format("Fristen følger af {} (hjemmel: {}); lovens egen frist er {}.",
                                             quoted(set), basis, law_due);
    }

    std::string met(std::string_view event, std::string const& at, bool on_time) const override {
        return fmt::format("Opfyldt: {} den {}{}.", quoted(event), at, on_time ? ", inden fristen" : "");
    }
    std::string met_before(std::string_view event, std::string const& at) const override {
        return fmt::format("Opfyldt: {} den {}, før pligten opstod.", quoted(event), at);
    }
    std::string met_kept(std::string_view event, std::string const& at, std::string_view old_law,
                         std::string_view transition_cite) const override {
        return fmt::format("Opfyldt: {} den {} efter {}, som fortsat gælder efter {}.", quoted(event), at, old_law,
                           transition_cite);
    }
    std::string met_times(std::int32_t times, std::string const& events, std::string const& from,
                          std::string const& last) const override {
        return fmt::format("Opfyldt: {} gange {} i perioden fra den {}, senest den {}.", times, events, from, last);
    }
    std::string late(std::string_view event, std::string const& at, std::string const& over) const override {
        return fmt::format("For sent: {} den {}, {}.", quoted(event), at, over);
    }
    std::string overdue(std::string const& events, std::string const& as_of, std::string const& over) const override {
        return fmt::format("Overskredet: {} er ikke registreret pr. {}, {}.", events, as_of, over);
    }
    std::string overdue_times(std::int32_t times, std::string const& events, std::string const& from,
                              std::string const& as_of, std::string const& over) const override {
        return fmt::format("Overskredet: færre end {} gange {} i perioden fra den {} pr. {}, {}.", times, events, from,
                           as_of, over);
    }
    std::string beyond(std::int32_t n, std::string const& due) const override {
        return n == 0 ? fmt::format("fristen (den {}) er overskredet", due) : fmt::format("{} efter fristen", days(n));
    }
    std::string pending(std::string const& events, std::string const& as_of, std::int32_t left) const override {
        return left == 0 ? fmt::format("Afventer: {} er ikke registreret pr. {}; fristen udløber i dag.", events, as_of)
                         : fmt::format("Afventer: {} er ikke registreret pr. {}; der er {} tilbage.", events, as_of,
                                       days(left));
    }
    std::string pending_open(std::string const& events) const override {
        return fmt::format("Afventer: {} er ikke registreret endnu.", events);
    }
    std::string waived(std::string_view municipality, std::string_view set, std::string const& period,
                       std::string const& facts, std::string_view basis) const override {
        return fmt::format("Frafaldet: {} deltager i {} ({}), som fritager for pligten{}; hjemmel: {}.", municipality,
                           quoted(set), period, facts.empty() ? "" : " (" + facts + ")", basis);
    }
    std::string excepted(std::string_view cite, std::string const& facts) const override {
        return fmt::format("Undtaget efter {}{}.", cite, facts.empty() ? "" : ": " + facts);
    }
    std::string instead(std::string_view title) const override {
        return fmt::format("I stedet gælder pligten {}.", quoted(title));
    }
    std::string lapsed(std::string_view event, std::string const& at) const override {
        return fmt::format("Bortfaldet: {} den {}, før pligten var opfyldt eller skulle være det.", quoted(event), at);
    }
    std::string target(std::string_view by, std::string const& at, std::string_view basis, bool past) const override {
        return fmt::format("{} har sat et mål: den {} ({}){}. Målet er ikke en lovbestemt frist.", by, at, basis,
                           past ? "; målet er ikke nået" : "");
    }

    std::string case_heading(std::string_view id, std::string_view municipality,
                             std::string const& as_of) const override {
        return fmt::format("Sag {} · {} · pr. {}", id, municipality, as_of);
    }
    std::string no_case_id() const override { return "(uden id)"; }
    std::string due(std::string const& at) const override { return "frist " + at; }
    std::string due_before(std::string_view event) const override { return "frist før " + quoted(event); }
    std::string due_none() const override { return "ingen lovbestemt frist"; }
    std::string due_excepted() const override { return "intet at gøre: undtaget"; }
    std::string replaced_by(std::string_view title) const override { return "erstattet af " + quoted(title); }
    std::string target_short(std::string const& at, bool past) const override {
        return fmt::format("mål {}{}", at, past ? " (ikke nået)" : "");
    }
    std::string no_duties() const override {
        return "Ingen pligter: ingen hændelse i sagen udløser en pligt efter de regler, der gælder.";
    }
    std::string duty_count(std::size_t n) const override {
        return fmt::format("{} {}", n, n == 1 ? "pligt" : "pligter");
    }
    std::string statute_link() const override { return "Loven"; }

    std::string caseload_heading(std::string const& as_of, std::size_t cases, std::size_t open) const override {
        return fmt::format("Sagsoversigt pr. {} · {} {} · {} åbne {}", as_of, cases, cases == 1 ? "sag" : "sager", open,
                           open == 1 ? "pligt" : "pligter");
    }
    std::string caseload_counts(std::size_t overdue, std::size_t due_this_week) const override {
        return fmt::format("Overskredet: {} · Frist denne uge: {}", overdue, due_this_week);
    }
    std::string caseload_empty() const override { return "Ingen åbne pligter."; }
    std::string days_left(std::int32_t days, std::int32_t working_days) const override {
        auto const working = span(Span{working_days < 0 ? -working_days : working_days, TimeUnit::working_days});
        if (days < 0) return fmt::format("{} over fristen ({})", this->days(-days), working);
        if (days == 0) return "frist i dag";
        return fmt::format("{} tilbage ({})", this->days(days), working);
    }
};

}  // namespace

Words const& danish_words() {
    static Danish const words;
    return words;
}

}  // namespace pligt::output
