#include "population/simulate.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pligt::engine {

Tally& Tally::operator+=(Tally const& other) {
    opened += other.opened;
    for (std::size_t s = 0; s < status_count; ++s) by_status[s] += other.by_status[s];
    past_target += other.past_target;
    hours += other.hours;
    return *this;
}

namespace {

// Keeps the `limit` examples of the lowest lines.
template <typename Example>
void keep_first(std::vector<Example>& examples, std::size_t limit) {
    std::sort(examples.begin(), examples.end(), [](Example const& a, Example const& b) { return a.first < b.first; });
    if (examples.size() > limit) examples.resize(limit);
}

}  // namespace

Simulation::Simulation(std::vector<SimulatedProgram> programs, Moment as_of)
    : programs_{std::move(programs)}, as_of_{as_of} {
    concepts_ = baseline().concepts.size();
    municipalities_ = baseline().municipalities.size();
    tallies_.assign(programs_.size() * concepts_ * municipalities_, {});
    changes_.assign(programs_.size(), Changes{0, std::vector<std::uint64_t>(concepts_), {}});
}

Simulation::Accumulator::Accumulator(Simulation const& simulation)
    : simulation_{&simulation},
      tallies_(simulation.tallies_.size()),
      changes_(simulation.changes_),
      calibration_(simulation.calibration_.size()) {}

void Simulation::count_calibration(std::vector<CalibrationFigure> const& figures, Index start) {
    figures_ = &figures;
    start_event_ = start;
    calibration_.assign(years + municipalities_ + figures.size() * years, 0);
}

// The case's start year, and what each statistic counts.
void Simulation::Accumulator::count_calibration(Case const& c, std::uint32_t weight) {
    auto const& simulation = *simulation_;
    if (!simulation.figures_ || c.events.empty()) return;
    std::optional<Date> start;
    for (auto const& e : c.events)
        if (e.event == simulation.start_event_ && (!start || e.at.date < *start)) start = e.at.date;
    if (!start) {
        start = c.events.front().at.date;
        for (auto const& e : c.events) start = std::min(*start, e.at.date);
    }
    auto const year = std::clamp(start->year(), first_year, first_year + years - 1);
    calibration_[static_cast<std::size_t>(year - first_year)] += weight;
    if (c.municipality != no_index) calibration_[years + c.municipality] += weight;
    auto const& figures = *simulation.figures_;
    for (std::size_t f = 0; f < figures.size(); ++f) {
        std::uint64_t n = 0;
        for (auto const& e : c.events)
            if (e.event == figures[f].event &&
                (figures[f].attribute == no_index || c.attribute(e, figures[f].attribute).value == figures[f].value))
                ++n;
        calibration_[simulation.calibration_slot(f, year)] += n * weight;
    }
}

void Simulation::Accumulator::add(Case const& c, std::uint32_t weight, std::uint64_t line) {
    cases_ += weight;
    count_calibration(c, weight);
    auto const& simulation = *simulation_;
    for (std::size_t p = 0; p < simulation.programs_.size(); ++p) {
        auto const& program = *simulation.programs_[p].program;
        evaluate(program, c, simulation.as_of_, results_);
        if (simulation.programs_.size() > 1) {  // only a scenario has cases it changes
            auto& instances = p == 0 ? baseline_instances_ : instances_;
            instances.clear();
            for (auto const& result : results_)
                instances.emplace_back(program.duties[result.duty].concept_index, result.status);
            std::stable_sort(instances.begin(), instances.end(),
                             [](auto const& a, auto const& b) { return a.first < b.first; });
            if (p > 0) compare(p, c, weight, line);
        }
        for (auto const& result : results_) {
            auto const& duty = program.duties[result.duty];
            auto& tally = tallies_[simulation.slot(p, duty.concept_index, c.municipality)];
            tally.opened += weight;
            tally.by_status[static_cast<std::size_t>(result.status)] += weight;
            tally.past_target += result.past_target ? weight : 0;
            if (result.status != Status::waived && result.status != Status::excepted && result.status != Status::lapsed)
                tally.hours += duty.effort_hours * weight;
        }
    }
}

// Which duties move between the baseline's instances of the case and this
// scenario's: per duty, the instances in order, compared by status.
void Simulation::Accumulator::compare(std::size_t p, Case const& c, std::uint32_t weight, std::uint64_t line) {
    moved_.clear();
    auto const& a = baseline_instances_;
    auto const& b = instances_;
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        Index const concept_index =
            j == b.size() || (i < a.size() && a[i].first < b[j].first) ? a[i].first : b[j].first;
        bool moves = false;
        for (; i < a.size() && a[i].first == concept_index; ++i, ++j)
            if (j == b.size() || b[j].first != concept_index || b[j].second != a[i].second) {
                moves = true;
                break;
            }
        if (!moves && j < b.size() && b[j].first == concept_index) moves = true;  // more instances in the scenario
        while (i < a.size() && a[i].first == concept_index) ++i;
        while (j < b.size() && b[j].first == concept_index) ++j;
        if (moves) moved_.push_back(concept_index);
    }
    if (moved_.empty()) return;
    auto& changes = changes_[p];
    changes.cases += weight;
    for (auto const concept_index : moved_) changes.by_concept[concept_index] += weight;
    auto& examples = changes.examples;
    if (examples.size() < affected_examples || line < examples.back().first) {
        examples.push_back({line, {c.id, moved_}});
        keep_first(examples, affected_examples);
    }
}

void Simulation::merge(Accumulator const& accumulator) {
    for (std::size_t i = 0; i < tallies_.size(); ++i) tallies_[i] += accumulator.tallies_[i];
    for (std::size_t i = 0; i < calibration_.size(); ++i) calibration_[i] += accumulator.calibration_[i];
    cases_ += accumulator.cases_;
    for (std::size_t p = 1; p < changes_.size(); ++p) {
        auto& into = changes_[p];
        auto const& from = accumulator.changes_[p];
        into.cases += from.cases;
        for (std::size_t d = 0; d < into.by_concept.size(); ++d) into.by_concept[d] += from.by_concept[d];
        into.examples.insert(into.examples.end(), from.examples.begin(), from.examples.end());
        keep_first(into.examples, affected_examples);
    }
}

SimulationSummary Simulation::summary(std::uint64_t skipped) const {
    auto const& base = baseline();
    SimulationSummary out{as_of_, cases_, skipped, {}, {}};

    // Sums per program: overall, per duty, per municipality.
    struct Sums {
        Tally total;
        std::vector<Tally> duties, municipalities;
    };
    auto const sums = [&](std::size_t p) {
        Sums s{{}, std::vector<Tally>(concepts_), std::vector<Tally>(municipalities_)};
        for (Index d = 0; d < concepts_; ++d)
            for (Index m = 0; m < municipalities_; ++m) {
                auto const& t = tally(p, d, m);
                s.total += t;
                s.duties[d] += t;
                s.municipalities[m] += t;
            }
        return s;
    };
    auto const base_sums = sums(0);
    auto const beside = [](std::size_t p, Tally const& baseline) {
        return p > 0 ? std::optional<Tally>{baseline} : std::nullopt;
    };

    for (std::size_t p = 0; p < programs_.size(); ++p) {
        auto const program_sums = p == 0 ? base_sums : sums(p);
        ScenarioSummary scenario{
            programs_[p].id, programs_[p].title, {{}, program_sums.total, beside(p, base_sums.total)}, {}, {}, {}};
        for (Index d = 0; d < concepts_; ++d) {
            if (program_sums.duties[d].opened == 0 && base_sums.duties[d].opened == 0) continue;
            scenario.duties.push_back({base.concepts[d], program_sums.duties[d], beside(p, base_sums.duties[d])});
        }
        for (Index m = 0; m < municipalities_; ++m) {
            if (program_sums.municipalities[m].opened == 0 && base_sums.municipalities[m].opened == 0) continue;
            scenario.municipalities.push_back(
                {base.municipalities[m].id, program_sums.municipalities[m], beside(p, base_sums.municipalities[m])});
        }
        if (p > 0) {
            auto const& changes = changes_[p];
            Affected affected{changes.cases, {}, {}};
            for (Index d = 0; d < concepts_; ++d)
                if (changes.by_concept[d] > 0) affected.duties.emplace_back(base.concepts[d], changes.by_concept[d]);
            std::stable_sort(affected.duties.begin(), affected.duties.end(),
                             [](auto const& a, auto const& b) { return a.second > b.second; });
            for (auto const& [line, example] : changes.examples) {
                AffectedCase c{line, example.first, {}};
                for (auto const d : example.second) c.duties.push_back(base.concepts[d]);
                affected.examples.push_back(std::move(c));
            }
            scenario.affected = std::move(affected);
        }
        out.scenarios.push_back(std::move(scenario));
    }
    if (figures_) out.calibration = calibration_summary();
    return out;
}

CalibrationSummary Simulation::calibration_summary() const {
    auto const& base = baseline();
    CalibrationSummary out;
    std::uint64_t all = 0;
    for (int y = 0; y < years; ++y)
        if (auto const n = calibration_[static_cast<std::size_t>(y)]) {
            out.cases_by_year.emplace_back(first_year + y, n);
            all += n;
        }
    auto const& figures = *figures_;
    for (std::size_t f = 0; f < figures.size(); ++f) {
        CalibrationSummary::Figure figure{&figures[f], {}, 0};
        std::uint64_t events = 0;
        for (auto const& [year, cases] : out.cases_by_year) {
            auto const n = calibration_[calibration_slot(f, year)];
            events += n;
            figure.by_year.emplace_back(year, static_cast<double>(n) / static_cast<double>(cases));
        }
        figure.overall = all ? static_cast<double>(events) / static_cast<double>(all) : 0;
        out.figures.push_back(std::move(figure));
    }
    std::int64_t children = 0;
    for (auto const& m : base.municipalities) children += m.population;
    for (Index m = 0; m < municipalities_; ++m) {
        auto const& municipality = base.municipalities[m];
        if (municipality.population <= 0) continue;
        auto const cases = calibration_[years + m];
        out.municipalities.push_back({municipality.id, cases,
                                      all ? static_cast<double>(cases) / static_cast<double>(all) : 0,
                                      static_cast<double>(municipality.population) / static_cast<double>(children)});
    }
    return out;
}

std::string Simulation::to_csv() const {
    std::string out = "scenario,duty,municipality,opened";
    for (auto const status : all_statuses) out += fmt::format(",{}", to_string(status));
    out += ",past_target,hours\n";
    auto const& base = baseline();
    for (std::size_t p = 0; p < programs_.size(); ++p)
        for (Index d = 0; d < concepts_; ++d)
            for (Index m = 0; m < municipalities_; ++m) {
                auto const& t = tally(p, d, m);
                if (t.opened == 0) continue;
                out +=
                    fmt::format("{},{},{},{}", programs_[p].id, base.concepts[d], base.municipalities[m].id, t.opened);
                for (auto const status : all_statuses)
                    out += fmt::format(",{}", t.by_status[static_cast<std::size_t>(status)]);
                out += fmt::format(",{},{}\n", t.past_target, t.hours);
            }
    return out;
}

}  // namespace pligt::engine
