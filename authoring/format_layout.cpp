// The canonical layout: 2-space indentation, `{` on the line that opens a
// block, one clause per line, lists as `a, b`, clauses in the order written.
// Words the tree does not keep (`from` in `in force`, `day`/`days` after
// Easter, `years` after an age) are printed in one canonical spelling.
#include "authoring/format_layout.hpp"

#include <boost/variant/apply_visitor.hpp>

#include <algorithm>
#include <string_view>
#include <utility>

namespace pligt::format_detail {
namespace {

// A kind's values stay on one line up to this width, then wrap.
constexpr std::size_t line_width = 100;

std::string join(std::vector<ast::Token> const& tokens, char const* separator) {
    std::string out;
    for (auto const& token : tokens) {
        if (!out.empty()) out += separator;
        out += token.text;
    }
    return out;
}

std::string named(ast::Token const& name, boost::optional<ast::Token> const& title) {
    return title ? name.text + " " + quote(title->text) : name.text;
}

std::size_t named_end(ast::Token const& name, boost::optional<ast::Token> const& title) {
    return title ? title->end : name.end;
}

// A number followed by its unit word: "1 day", "3 days".
std::string counted(std::string const& number, char const* singular, char const* plural) {
    return number + " " + (number == "1" ? singular : plural);
}

std::string type(ast::TypeRef const& type) { return type.name.text + (type.optional ? "?" : ""); }

std::string duration(ast::Duration const& duration) { return duration.amount.text + " " + duration.unit.text; }

std::string in_force(ast::InForce const& period) {
    return period.to ? "in force " + period.from.text + " to " + period.to->text : "in force from " + period.from.text;
}

std::string adoption(ast::Adopts const& adopts) {
    return "adopts " + adopts.set.text + " from " + adopts.from.text + (adopts.to ? " to " + adopts.to->text : "");
}

std::string factor(ast::Factor const& factor);

std::string comparison(ast::Comparison const& comparison) {
    if (!comparison.tail) return comparison.left.text;
    auto const& tail = *comparison.tail;
    if (tail.op == "in") return comparison.left.text + " in {" + join(tail.values, ", ") + "}";
    return comparison.left.text + " " + tail.op + " " + join(tail.values, " ");
}

struct FactorText {
    std::string operator()(ast::Comparison const& node) const { return comparison(node); }
    std::string operator()(ast::Negation const& node) const { return "not " + factor(node.operand.front()); }
    std::string operator()(ast::Group const& node) const { return "(" + condition(node.inner.front()) + ")"; }
};

std::string factor(ast::Factor const& factor) { return boost::apply_visitor(FactorText{}, factor.node); }

struct DeadlineText {
    std::string operator()(ast::Within const& node) const {
        return "within " + duration(node.span) + (node.anchor ? " of " + node.anchor->text : "");
    }
    std::string operator()(ast::BeforeEvent const& node) const {
        return "before " + node.event.text + (node.matching ? " matching " + node.matching->text : "");
    }
    std::string operator()(ast::AtAge const& node) const {
        return "at age " + counted(node.years.text, "year", "years") +
               (node.months ? " " + counted(node.months->text, "month", "months") : "");
    }
    std::string operator()(ast::BeforeAge const& node) const {
        return duration(node.span) + " before age " + node.years.text;
    }
    std::string operator()(ast::Duration const& node) const { return duration(node); }
    std::string operator()(ast::DeadlineChoice const& node) const {
        std::string out = node.which + " of (";
        for (std::size_t i = 0; i < node.alternatives.size(); ++i) {
            auto const& alternative = node.alternatives[i];
            out += (i ? ", " : "") + form(alternative);
            if (alternative.where) out += " where " + condition(*alternative.where);
        }
        return out + ")";
    }
    // `no deadline`, the last form of a `first of`.
    std::string operator()(ast::NoDeadline const& node) const { return "no " + node.value.text; }
    // `then every ATTRIBUTE UNIT`.
    std::string operator()(ast::AttributeInterval const& node) const {
        return node.attribute.text + " " + node.unit.text;
    }
    // One form of a choice; a span read from an attribute is `within` it.
    std::string form(ast::DeadlineAlternative const& alternative) const {
        auto const* read = boost::get<ast::AttributeInterval>(&alternative.form);
        return read ? "within " + (*this)(*read) : boost::apply_visitor(*this, alternative.form);
    }
};

std::string deadline(ast::DeadlineRule const& rule) {
    std::string out = boost::apply_visitor(DeadlineText{}, rule.first);
    if (rule.passed) out += ", otherwise no " + rule.passed->value.text;
    if (!rule.then) return out;
    auto const& then = *rule.then;
    out += ", then every " + boost::apply_visitor(DeadlineText{}, then.every);
    if (then.otherwise) {
        if (auto const* every = boost::get<ast::Duration>(&*then.otherwise))
            out += ", otherwise every " + duration(*every);
        else out += ", otherwise no " + boost::get<ast::NoDeadline>(*then.otherwise).value.text;
    }
    if (!then.until.empty()) out += " until " + join(then.until, " or ");
    return out;
}

std::string fulfilment(ast::Fulfilment const& node) {
    return node.event.text + (node.where ? " where " + conjunction(*node.where) : "");
}

std::string done_by(ast::DoneBy const& node) {
    std::string out = "done by ";
    for (std::size_t i = 0; i < node.events.size(); ++i) out += (i ? " or " : "") + fulfilment(node.events[i]);
    if (node.times) out += ", " + node.times->value.text + " times";
    if (!node.also_before) return out;
    auto const& back = *node.also_before;
    return out + ", also before" + (back.within ? " within " + duration(*back.within) : "") +
           (back.since ? " since " + back.since->text : "");
}

// One clause on one line: the text a clause node prints as.
struct ClauseText {
    std::string const& source;

    std::string operator()(ast::Fact const& n) const {
        return "fact " + n.name.text + ": " + type(n.type) + (n.title ? " " + quote(n.title->text) : "");
    }
    std::string operator()(ast::Attribute const& n) const {
        return n.name.text + ": " + type(n.type) + (n.default_value ? " = " + n.default_value->text : "") +
               (n.title ? " " + quote(n.title->text) : "");
    }
    std::string operator()(ast::Weekend const& n) const { return "weekend " + join(n.days, ", "); }
    std::string operator()(ast::Holiday const& n) const {
        std::string out = "holiday " + quote(n.title.text) + " on ";
        if (auto const* day = boost::get<ast::Token>(&n.on)) {
            out += day->text;
        } else {
            auto const& easter = boost::get<ast::EasterOffset>(n.on);
            out += "easter";
            if (!easter.days.text.empty()) out += " " + easter.sign + " " + counted(easter.days.text, "day", "days");
        }
        for (auto const& bound : n.bounds) out += " " + bound.word + " " + bound.year.text;
        return out;
    }
    std::string operator()(ast::Short const& n) const { return "short " + quote(n.value.text); }
    std::string operator()(ast::Anchor const& n) const {
        return "anchor " + quote(n.prefix.text) + " after " + quote(n.marker.text);
    }
    std::string operator()(ast::InForce const& n) const { return in_force(n); }
    std::string operator()(ast::Uses const& n) const { return "uses " + n.value.text; }
    std::string operator()(ast::CalendarRef const& n) const { return "calendar " + n.value.text; }
    std::string operator()(ast::Cite const& n) const { return "cite " + quote(n.value.text); }
    std::string operator()(ast::Trigger const& n) const {
        return "on " + join(n.events, " or ") + (n.where ? " where " + condition(*n.where) : "");
    }
    std::string operator()(ast::Unless const& n) const {
        return "unless " + condition(n.condition) + (n.cite ? " cite " + quote(n.cite->text) : "") +
               (n.instead ? " instead " + n.instead->text : "");
    }
    std::string operator()(ast::State const& n) const {
        return "state " + named(n.name, n.title) + " from " + join(n.starts, " or ") + " to " + join(n.ends, " or ");
    }
    std::string operator()(ast::Due const& n) const { return "due " + deadline(n.rule); }
    std::string operator()(ast::NoDeadline const& n) const { return "no " + n.value.text; }
    std::string operator()(ast::Target const& n) const { return "target " + deadline(n.rule); }
    std::string operator()(ast::DatedBy const& n) const { return "dated by " + n.value.text; }
    std::string operator()(ast::Url const& n) const { return "url " + quote(n.value.text); }
    std::string operator()(ast::CiteChange const& n) const { return "cite " + n.duty.text + " " + quote(n.cite.text); }
    std::string operator()(ast::Repeal const& n) const { return "repeal " + n.value.text; }
    std::string operator()(ast::Finish const& n) const { return "finish " + join(n.names, ", "); }
    std::string operator()(ast::Keep const& n) const {
        return "keep " + join(n.events, ", ") + " for " + join(n.duties, ", ");
    }
    std::string operator()(ast::MunicipalityTarget const& n) const {
        return "target " + n.duty.text + " " + deadline(n.rule) + " basis " + quote(n.basis.text);
    }
    std::string operator()(ast::DoneBy const& n) const { return done_by(n); }
    std::string operator()(ast::Lapses const& n) const { return "lapses on " + join(n.names, " or "); }
    std::string operator()(ast::Effort const& n) const { return "effort " + n.value.text + " hours"; }
    std::string operator()(ast::Wording const& n) const { return "wording " + quote(n.value.text); }
    std::string operator()(ast::Basis const& n) const { return "basis " + quote(n.value.text); }
    std::string operator()(ast::Amends const& n) const { return "amends " + join(n.names, ", "); }
    std::string operator()(ast::Covers const& n) const {
        std::string out = "covers " + n.law.text;
        for (std::size_t i = 0; i < n.paragraphs.size(); ++i) out += (i ? ", " : " ") + quote(n.paragraphs[i].text);
        return out;
    }
    std::string operator()(ast::Waive const& n) const {
        return "waive " + n.duty.text + (n.where ? " where " + condition(*n.where) : "") +
               (n.instead ? " instead " + n.instead->text : "") + (n.dated ? " dated by " + n.dated->text : "");
    }
    std::string operator()(ast::Code const& n) const { return "code " + n.value.text; }
    std::string operator()(ast::Region const& n) const { return "region " + n.value.text; }
    std::string operator()(ast::Population const& n) const {
        return "population " + n.count.text + " " + n.provenance + " " + quote(n.note.text);
    }
    std::string operator()(ast::Language const& n) const { return "language " + n.value.text; }
    std::string operator()(ast::AgeOrigin const& n) const {
        return "age of " + quote(n.subject.text) + " from " + n.fact.text;
    }
    std::string operator()(ast::Adopts const& n) const { return adoption(n); }
    std::string operator()(ast::LawOverride const& n) const { return "law " + n.law.text + " " + in_force(n.in_force); }
    std::string operator()(ast::EveryAdopts const& n) const { return "every municipality " + adoption(n.adoption); }
    std::string operator()(ast::MunicipalityAdopts const& n) const {
        return "municipality " + n.municipality.text + " " + adoption(n.adoption);
    }
    std::string operator()(ast::EffortOverride const& n) const {
        return "effort " + n.duty.text + " " + n.hours.text + " hours";
    }
    std::string operator()(ast::NoExemptions const& n) const { return "no " + n.value.text; }
    std::string operator()(ast::CaseMunicipality const& n) const { return "municipality " + n.value.text; }
    std::string operator()(ast::CaseValue const& n) const {
        // A case value may be a name, number, date or text; only the source says which.
        bool const text = n.value.begin < source.size() && source[n.value.begin] == '"';
        return n.name.text + " " + (text ? quote(n.value.text) : n.value.text);
    }
    std::string operator()(ast::Expectation const& n) const {
        std::string out = "expect ";
        if (n.absent) out += "no ";
        out += n.duty.text;
        if (n.instance) out += " instance " + n.instance->text;
        if (n.status) out += " " + n.status->text;
        if (n.due) out += " due " + (n.due->before ? "before " + n.due->value.text : n.due->value.text);
        if (n.cite) out += " cite " + quote(n.cite->text);
        return out;
    }
};

class Printer {
public:
    explicit Printer(std::string const& source) : source_{source} {}

    std::vector<Line> take() { return std::move(lines_); }

    void declaration(ast::Declaration const& declaration) {
        boost::apply_visitor([this](auto const& node) { block(0, node); }, declaration);
        lines_.back().ends_declaration = true;
    }

private:
    std::string const& source_;
    std::vector<Line> lines_;

    void line(int depth, std::string text, std::size_t begin, std::size_t end) {
        lines_.push_back(Line{depth, std::move(text), begin, code_end(begin, end), Line::Kind::plain, false});
    }
    // X3 skips blanks and comments before trying an optional part and keeps
    // the skip when the part is absent, so a node's end may lie past a
    // comment that trails it. The line ends where its last token does.
    std::size_t code_end(std::size_t begin, std::size_t end) const {
        std::size_t last = begin;
        for (auto at = begin; at < end; ++at) {
            char const c = source_[at];
            if (c == '#') {
                while (at < end && source_[at] != '\n') ++at;
            } else if (c == '"') {
                for (++at; at < end && source_[at] != '"' && source_[at] != '\n'; ++at)
                    if (source_[at] == '\\' && at + 1 < end) ++at;
                last = at + 1;
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') {
                last = at + 1;
            }
        }
        return std::min(last, end);
    }
    // Whether a comment stands in [begin, end): a list that has one keeps a
    // line per item, so the comment can stay beside its item.
    bool has_comment(std::size_t begin, std::size_t end) const {
        for (auto at = begin; at < end; ++at) {
            if (source_[at] == '#') return true;
            if (source_[at] == '"')
                for (++at; at < end && source_[at] != '"' && source_[at] != '\n'; ++at)
                    if (source_[at] == '\\' && at + 1 < end) ++at;
        }
        return false;
    }
    // `head {`, its span running to just past the brace that follows `head_end`.
    void open(int depth, std::string head, std::size_t begin, std::size_t head_end) {
        auto const brace = next_token(source_, head_end);
        lines_.push_back(Line{depth, std::move(head) + " {", begin, brace + 1, Line::Kind::opens, false});
    }
    void close(int depth, std::size_t node_end) {
        lines_.push_back(Line{depth, "}", node_end - 1, node_end, Line::Kind::closes, false});
    }
    template <typename Node>
    void clause(int depth, Node const& node) {
        line(depth, ClauseText{source_}(node), node.begin, node.end);
    }
    template <typename... Alternatives>
    void items(int depth, std::vector<boost::variant<Alternatives...>> const& list) {
        for (auto const& item : list) boost::apply_visitor([&](auto const& node) { block(depth, node); }, item);
    }

    // Anything that is one clause prints as one line.
    template <typename Node>
    void block(int depth, Node const& node) {
        clause(depth, node);
    }

    // `KEYWORD name "title" {`, its items one a line, `}`.
    template <typename Declaration, typename Items>
    void named_block(int depth, char const* keyword, Declaration const& n, Items const& list) {
        open(depth, std::string{keyword} + " " + named(n.name, n.title), n.begin, named_end(n.name, n.title));
        items(depth + 1, list);
        close(depth, n.end);
    }

    void block(int depth, ast::Vocabulary const& n) { named_block(depth, "vocabulary", n, n.items); }
    void block(int depth, ast::Kind const& n) {
        std::string const head = "kind " + n.name.text;
        // A value as written: its name, and its title when it has one.
        std::vector<std::string> words;
        bool titled = false;
        for (auto const& value : n.values) {
            words.push_back(value.name.text + (value.title ? " " + quote(value.title->text) : ""));
            titled = titled || value.title.has_value();
        }
        std::string flat = head + " {";
        for (std::size_t i = 0; i < words.size(); ++i) flat += (i ? ", " : " ") + words[i];
        flat += " }";
        bool const commented = has_comment(n.begin, n.end);
        if (!commented && !titled && static_cast<std::size_t>(depth) * 2 + flat.size() <= line_width)
            return line(depth, flat, n.begin, n.end);
        open(depth, head, n.begin, n.name.end);
        std::string text;
        std::size_t begin = 0, end = 0;
        for (std::size_t i = 0; i < n.values.size(); ++i) {
            auto const& value = n.values[i];
            std::string const word = words[i] + (i + 1 < n.values.size() ? "," : "");
            // Titled values stand one to a line, as a list of terms does.
            if (!text.empty() &&
                (commented || titled ||
                 static_cast<std::size_t>(depth + 1) * 2 + text.size() + 1 + word.size() > line_width)) {
                line(depth + 1, std::move(text), begin, end);
                text.clear();
            }
            if (text.empty()) begin = value.name.begin;
            text += (text.empty() ? "" : " ") + word;
            end = value.title ? value.title->end : value.name.end;
            auto const after = next_token(source_, end);  // a comment after the comma may trail this line
            if (after < source_.size() && source_[after] == ',') end = after + 1;
        }
        line(depth + 1, std::move(text), begin, end);
        close(depth, n.end);
    }

    void block(int depth, ast::Event const& n) {
        std::string head = "event " + named(n.name, n.title);
        if (n.birthday)
            head += " at age " + counted(n.birthday->years.text, "year", "years") +
                    (n.birthday->months ? " " + counted(n.birthday->months->text, "month", "months") : "");
        if (n.attributes.empty()) return line(depth, std::move(head), n.begin, n.end);
        open(depth, std::move(head), n.begin, n.birthday ? n.birthday->end : named_end(n.name, n.title));
        for (auto const& attribute : n.attributes) clause(depth + 1, attribute);
        close(depth, n.end);
    }
    void block(int depth, ast::Calendar const& n) {
        open(depth, "calendar " + named(n.name, n.title), n.begin, named_end(n.name, n.title));
        if (n.is_default) {
            auto const word = next_token(source_, lines_.back().end);
            line(depth + 1, "default", word, word + std::string_view{"default"}.size());
        }
        items(depth + 1, n.items);
        close(depth, n.end);
    }
    // `unless COND cite "…"` on one line; but a cite written on a later line
    // stays there: the resolver reports it as ambiguous (a duty's own cite
    // swallowed by the exception?), and joining the lines would silently
    // settle that question as the exception's.
    void block(int depth, ast::Unless const& n) {
        auto const condition_end = n.condition.end;
        if (!n.cite || source_.find('\n', condition_end) >= n.cite->begin) return clause(depth, n);
        line(depth, "unless " + condition(n.condition), n.begin, condition_end);
        line(depth + 1, "cite " + quote(n.cite->text) + (n.instead ? " instead " + n.instead->text : ""),
             next_token(source_, condition_end), n.end);
    }
    void block(int depth, ast::Law const& n) { named_block(depth, "law", n, n.items); }
    void block(int depth, ast::Duty const& n) { named_block(depth, "duty", n, n.clauses); }
    void block(int depth, ast::Version const& n) {
        open(depth, "version " + quote(n.title.text) + " from " + n.from.text, n.begin, n.from.end);
        items(depth + 1, n.items);
        close(depth, n.end);
    }
    void block(int depth, ast::DutyChange const& n) {
        open(depth, "change " + n.duty.text, n.begin, n.duty.end);
        items(depth + 1, n.clauses);
        close(depth, n.end);
    }
    void block(int depth, ast::ScenarioVersion const& n) {
        open(depth, "version " + n.law.text + " " + quote(n.title.text) + " from " + n.from.text, n.begin, n.from.end);
        items(depth + 1, n.items);
        close(depth, n.end);
    }
    void block(int depth, ast::Transition const& n) {
        open(depth, "transition from " + n.from.text + " cite " + quote(n.cite.text), n.begin, n.cite.end);
        items(depth + 1, n.items);
        close(depth, n.end);
    }
    void block(int depth, ast::ExemptionSet const& n) { named_block(depth, "exemptions", n, n.items); }
    void block(int depth, ast::Change const& n) {
        open(depth, "change " + n.duty.text, n.begin, n.duty.end);
        clause(depth + 1, n.due);
        close(depth, n.end);
    }
    void block(int depth, ast::Municipality const& n) { named_block(depth, "municipality", n, n.items); }
    void block(int depth, ast::Scenario const& n) { named_block(depth, "scenario", n, n.items); }
    void block(int depth, ast::SetOverride const& n) {
        open(depth, "exemptions " + n.set.text, n.begin, n.set.end);
        items(depth + 1, n.items);
        close(depth, n.end);
    }
    void block(int depth, ast::Test const& n) {
        open(depth, "test " + quote(n.title.text), n.begin, n.title.end);
        open(depth + 1, "case", n.case_.begin, n.case_.begin + std::string_view{"case"}.size());
        items(depth + 2, n.case_.items);
        close(depth + 1, n.case_.end);
        line(depth + 1, "as of " + n.as_of.text, next_token(source_, n.case_.end), n.as_of.end);
        for (auto const& expectation : n.expectations) clause(depth + 1, expectation);
        close(depth, n.end);
    }
    void block(int depth, ast::CaseEvent const& n) {
        std::string head = n.event.text + " at " + n.at.text;
        if (n.attributes.empty()) return line(depth, std::move(head), n.begin, n.end);
        if (n.attributes.size() == 1 && !has_comment(n.begin, n.end))  // reads as one fact about the event
            return line(depth, head + " { " + ClauseText{source_}(n.attributes.front()) + " }", n.begin, n.end);
        open(depth, std::move(head), n.begin, n.at.end);
        for (auto const& attribute : n.attributes) clause(depth + 1, attribute);
        close(depth, n.end);
    }
};

}  // namespace

std::size_t next_token(std::string const& text, std::size_t at) {
    while (at < text.size()) {
        char const c = text[at];
        if (c == '#') {
            while (at < text.size() && text[at] != '\n') ++at;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++at;
        } else {
            break;
        }
    }
    return at;
}

std::string quote(std::string const& text) {
    std::string out = "\"";
    for (char const c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string condition(ast::Condition const& condition) {
    std::string out;
    for (auto const& term : condition.terms) out += (out.empty() ? "" : " or ") + conjunction(term);
    return out;
}

std::string conjunction(ast::Conjunction const& conjunction) {
    std::string out;
    for (auto const& term : conjunction.terms) out += (out.empty() ? "" : " and ") + factor(term);
    return out;
}

std::vector<Line> layout(std::string const& source_text, ast::File const& file) {
    Printer printer{source_text};
    for (auto const& declaration : file.declarations) printer.declaration(declaration);
    return printer.take();
}

}  // namespace pligt::format_detail
