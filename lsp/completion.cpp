// Completion: the declared ids where the grammar wants an id (events after
// `on`, `done by` and `before`, duties after `waive` and `expect`, attributes
// and facts in a `where`, a kind's values after `==`), and otherwise the
// keywords of the block the cursor is in, with snippets for a duty and a
// test.
//
// Read from the text, not the tree: while a clause is being typed its
// declaration does not parse, so the place is told by the words before the
// cursor and the block by the braces around it.
#include "lsp/features.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace pligt::lsp {
namespace {

// LSP's CompletionItemKind numbers.
constexpr int item_function = 3, item_field = 5, item_class = 7, item_interface = 8, item_module = 9,
              item_property = 10, item_keyword = 14, item_snippet = 15, item_enum_member = 20, item_constant = 21,
              item_event = 23;

bool is_word_character(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The words and symbols of a text, comments and strings left out.
std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        char const c = text[i];
        if (c == '#') {
            while (i < text.size() && text[i] != '\n') ++i;
        } else if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\') ++i;
            ++i;
            out.emplace_back("\"\"");
        } else if (is_word_character(c)) {
            auto const start = i;
            while (i < text.size() && (is_word_character(text[i]) || text[i] == '-' || text[i] == ':')) ++i;
            out.emplace_back(text.substr(start, i - start));
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else {
            auto const two = text.substr(i, 2);
            if (two == "==" || two == "!=" || two == "<=" || two == ">=") {
                out.emplace_back(two);
                i += 2;
            } else {
                out.emplace_back(1, c);
                ++i;
            }
        }
    }
    return out;
}

// The blocks around the cursor, outermost first: each the words that open it.
struct Block {
    std::string keyword;  // "law", "duty", "case", … ; the event's id for an event in a case
    std::vector<std::string> head;
    std::size_t open = 0;  // the offset of its `{`
};

std::vector<Block> blocks_at(std::string_view text, std::size_t offset) {
    std::vector<Block> stack;
    std::size_t statement = 0;  // where the words before the next `{` start
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        char const c = text[i];
        if (c == '#') {
            while (i < offset && text[i] != '\n') ++i;
        } else if (c == '"') {
            for (++i; i < offset && text[i] != '"' && text[i] != '\n'; ++i)
                if (text[i] == '\\') ++i;
        } else if (c == '{') {
            // The statement that opens the block starts on the brace's line.
            auto const line_start = text.rfind('\n', i);
            auto const from = std::max(statement, line_start == std::string_view::npos ? 0 : line_start + 1);
            auto head = words(text.substr(from, i - from));
            Block block{head.empty() ? std::string{} : head.front(), std::move(head), i};
            stack.push_back(std::move(block));
            statement = i + 1;
        } else if (c == '}') {
            if (!stack.empty()) stack.pop_back();
            statement = i + 1;
        }
    }
    return stack;
}

struct Items {
    nlohmann::json list = nlohmann::json::array();
    std::set<std::string> seen;
    std::string prefix;

    void add(std::string const& label, int kind, std::string const& detail = {}) {
        if (!label.starts_with(prefix) || !seen.insert(label).second) return;
        nlohmann::json item = {{"label", label}, {"kind", kind}};
        if (!detail.empty()) item["detail"] = detail;
        list.push_back(std::move(item));
    }
    bool snippets = true;  // the editor fills in placeholders

    void snippet(std::string const& label, std::string const& detail, std::string const& body) {
        if (!snippets || !label.starts_with(prefix)) return;
        list.push_back({{"label", label},
                        {"kind", item_snippet},
                        {"detail", detail},
                        {"insertTextFormat", 2},
                        {"insertText", body}});
    }
    void keywords(std::initializer_list<char const*> words) {
        for (auto const* word : words) add(word, item_keyword);
    }
    void declared(Project const& project, SymbolKind kind, int item_kind, std::string const& scope = {}) {
        for (auto const* o : project.declared(kind, scope)) add(o->id, item_kind, o->title);
    }
};

constexpr char const* duty_snippet =
    "duty ${1:id} \"${2:title}\" {\n  cite \"${3:paragraph}\"\n  on ${4:event}\n  due within ${5:4 months}\n"
    "  done by ${6:event}\n}";
constexpr char const* test_snippet =
    "test \"${1:what it shows}\" {\n  case {\n    municipality ${2:municipality}\n    ${3:event} at ${4:2024-01-01}\n"
    "  }\n  as of ${5:2024-02-01}\n  expect ${6:duty} ${7:pending}\n}";

void block_keywords(Items& items, Project const& project, std::vector<Block> const& blocks) {
    std::string const block = blocks.empty() ? "" : blocks.back().keyword;
    std::string const outer = blocks.size() < 2 ? "" : blocks[blocks.size() - 2].keyword;
    if (blocks.empty()) {
        items.keywords({"vocabulary", "calendar", "law", "exemptions", "municipality", "scenario", "test"});
        items.snippet("test", "a test: a case, a moment, what must hold", test_snippet);
    } else if (block == "vocabulary") {
        items.keywords({"fact", "kind", "event", "state", "age", "language"});
    } else if (block == "calendar") {
        items.keywords({"default", "weekend", "holiday"});
    } else if (block == "law") {
        items.keywords({"short", "in force from", "uses", "calendar", "anchor", "version", "transition", "duty"});
        items.snippet("duty", "a duty with its citation, trigger, deadline and fulfilment", duty_snippet);
    } else if (block == "version") {
        items.keywords({"url", "cite", "repeal", "duty", "change"});
        items.snippet("duty", "a duty as this version words it", duty_snippet);
    } else if (block == "transition") {
        items.keywords({"finish", "keep"});
    } else if (block == "duty") {
        items.keywords({"cite", "on", "unless", "due", "no deadline", "wording", "target", "dated by", "done by",
                        "lapses on", "effort"});
    } else if (block == "exemptions" && outer == "scenario") {
        items.keywords({"amends", "in force from"});
    } else if (block == "exemptions") {
        items.keywords({"basis", "url", "amends", "covers", "in force from", "waive", "change", "duty"});
        items.snippet("duty", "the exemption set's own duty", duty_snippet);
    } else if (block == "change" && outer == "version") {  // a version's change: any clause but on and unless
        items.keywords(
            {"cite", "due", "no deadline", "wording", "target", "dated by", "done by", "lapses on", "effort"});
    } else if (block == "change") {
        items.keywords({"due"});
    } else if (block == "municipality") {
        items.keywords({"code", "region", "population", "adopts", "target"});
    } else if (block == "scenario") {
        items.keywords(
            {"exemptions", "law", "every municipality adopts", "municipality", "effort", "no exemptions", "version"});
    } else if (block == "test") {
        items.keywords({"case", "as of", "expect"});
    } else if (block == "case") {
        items.keywords({"municipality"});
        items.declared(project, SymbolKind::fact, item_property);
        items.declared(project, SymbolKind::event, item_event);
    } else if (outer == "case") {  // an event's attributes in a test's case
        items.declared(project, SymbolKind::attribute, item_field, block);
    }
}

// The events a `where` or `unless` in the cursor's duty reads: its triggers,
// as written in the block so far and after (the `on` line may follow).
std::vector<std::string> trigger_events(std::string_view text, Block const& duty) {
    std::vector<std::string> events;
    auto const end = text.find("\n}", duty.open);
    auto const body =
        words(text.substr(duty.open, end == std::string_view::npos ? std::string_view::npos : end - duty.open));
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != "on" || (i > 0 && body[i - 1] == "lapses")) continue;
        for (std::size_t j = i + 1; j < body.size() && body[j] != "where"; j += 2) {
            events.push_back(body[j]);
            if (j + 1 >= body.size() || body[j + 1] != "or") break;
        }
    }
    return events;
}

// A name as a condition reads it, for the project to look up.
Occurrence condition_name(std::string id, std::vector<std::string> events, std::string duty) {
    Occurrence o;
    o.kind = SymbolKind::condition_name;
    o.id = std::move(id);
    o.events = std::move(events);
    o.duty = std::move(duty);
    return o;
}

void condition_names(Items& items, Project const& project, std::vector<std::string> const& events) {
    for (auto const& event : events) items.declared(project, SymbolKind::attribute, item_field, event);
    items.declared(project, SymbolKind::fact, item_property);
    items.declared(project, SymbolKind::state, item_constant);
    items.keywords({"age", "not"});
}

}  // namespace

nlohmann::json completion(Document const& document, std::size_t offset) {
    auto const text = document.text();
    offset = std::min(offset, text.size());
    auto const& project = document.project;
    Items items;
    items.snippets = document.abilities.snippets;
    auto start = offset;
    while (start > 0 && is_word_character(text[start - 1])) --start;
    items.prefix = std::string{text.substr(start, offset - start)};

    auto const line_start = text.rfind('\n', start == 0 ? 0 : start - 1);
    auto const before = words(text.substr(line_start == std::string_view::npos ? 0 : line_start + 1,
                                          start - (line_start == std::string_view::npos ? 0 : line_start + 1)));
    auto const blocks = blocks_at(text, start);
    std::string const block = blocks.empty() ? "" : blocks.back().keyword;
    std::string const first = before.empty() ? "" : before.front();
    std::string const last = before.empty() ? "" : before.back();
    auto const has = [&](char const* word) { return std::find(before.begin(), before.end(), word) != before.end(); };
    auto const in_condition = has("where") || first == "unless";
    auto const condition_events = [&]() -> std::vector<std::string> {
        if (first == "waive") return project.events_of(condition_name({}, {}, before.size() > 1 ? before[1] : ""));
        if (first == "done" && before.size() > 2) return {before[2]};
        for (auto it = blocks.rbegin(); it != blocks.rend(); ++it)
            if (it->keyword == "duty") return trigger_events(text, *it);
        return {};
    };

    if (before.empty()) {
        block_keywords(items, project, blocks);
    } else if (last == "==" || last == "!=" || (last == "{" && has("in")) || (last == "," && has("in"))) {
        // A value of the operand's kind: the name before the operator.
        auto op = std::find_if(before.rbegin(), before.rend(),
                               [](std::string const& w) { return w == "==" || w == "!=" || w == "in"; });
        if (op != before.rend() && std::next(op) != before.rend()) {
            auto const waived = first == "waive" && before.size() > 1 ? before[1] : std::string{};
            if (auto const key = project.key_of(condition_name(*std::next(op), condition_events(), waived))) {
                auto const declarations = project.declarations_of(*key);
                if (!declarations.empty()) {
                    auto kind = declarations.front()->type;
                    if (!kind.empty() && kind.back() == '?') kind.pop_back();
                    items.declared(project, SymbolKind::value, item_enum_member, kind);
                }
            }
        }
    } else if (in_condition &&
               (last == "where" || last == "and" || last == "or" || last == "not" || last == "(" || last == "unless")) {
        condition_names(items, project, condition_events());
    } else if (last == "on" && first != "holiday") {
        items.declared(project, SymbolKind::event, item_event);
    } else if ((last == "or" && (first == "on" || first == "done" || first == "lapses" || has("until"))) ||
               (last == "by" && first == "done") || last == "before" || last == "until" || last == "since" ||
               (last == "of" && has("within")) || ((last == "from" || last == "to") && first == "state") ||
               (last == "," && first == "keep" && !has("for")) || (last == "keep")) {
        items.declared(project, SymbolKind::event, item_event);
    } else if (last == "by" && (first == "dated" || has("dated"))) {
        items.keywords({"trigger", "deadline"});
        items.declared(project, SymbolKind::event, item_event);
    } else if (last == "waive" || last == "change" || last == "instead" || last == "finish" || last == "repeal" ||
               last == "expect" || (last == "no" && first == "expect") || last == "for" ||
               (last == "cite" && block == "version") || (last == "effort" && block == "scenario") ||
               (last == "target" && block == "municipality") ||
               (last == "," && (first == "finish" || (first == "keep" && has("for"))))) {
        items.declared(project, SymbolKind::duty, item_function);
    } else if (first == "expect" && before.size() == 2) {
        items.keywords({"met", "pending", "late", "overdue", "waived", "excepted", "lapsed", "instance", "due"});
    } else if (last == "due" && first == "expect") {
        items.keywords({"before", "none"});
    } else if (last == "due" || last == "target") {
        items.keywords({"within", "before", "at age", "earliest of", "latest of", "first of"});
    } else if (last == "adopts" || (last == "exemptions" && block == "scenario")) {
        items.declared(project, SymbolKind::exemption_set, item_interface);
    } else if (last == "amends" || last == "covers" || (last == "from" && first == "transition") ||
               (last == "law" && block == "scenario") || (last == "," && first == "amends")) {
        items.declared(project, SymbolKind::law, item_module);
    } else if (last == "uses") {
        items.declared(project, SymbolKind::vocabulary, item_module);
    } else if (last == "calendar" && block == "law") {
        items.declared(project, SymbolKind::calendar, item_module);
    } else if (last == "municipality" && (block == "case" || block == "scenario")) {
        items.declared(project, SymbolKind::municipality, item_class);
    } else if (last == ":" && block == "event") {
        items.keywords({"bool", "int", "date", "text"});
        items.declared(project, SymbolKind::kind, item_module);
    } else if (last == "from" && first == "age") {
        items.declared(project, SymbolKind::fact, item_property);
    }
    return {{"isIncomplete", false}, {"items", items.list}};
}

}  // namespace pligt::lsp
