// Comments back into the canonical layout, and the checks that the result
// loses nothing. The layout itself is format_layout.cpp.
#include "authoring/format.hpp"

#include "authoring/format_layout.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/parse.hpp"
#include "dsl/source.hpp"

#include <string_view>
#include <vector>

namespace pligt {
namespace {

using format_detail::Line;

struct Comment {
    std::size_t begin = 0, end = 0;  // from `#` to the line break (or the end of the text)
    std::string text;                // without trailing blanks
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Every `#` outside a "string" starts a comment that runs to the end of the
// line, exactly as the grammar's skipper reads it.
std::vector<Comment> comments_of(std::string const& text) {
    std::vector<Comment> comments;
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (text[at] == '"') {
            for (++at; at < text.size() && text[at] != '"' && text[at] != '\n'; ++at)
                if (text[at] == '\\' && at + 1 < text.size() && (text[at + 1] == '"' || text[at + 1] == '\\')) ++at;
        } else if (text[at] == '#') {
            auto const end = std::min(text.find('\n', at), text.size());
            auto last = end;
            while (last > at && is_blank(text[last - 1])) --last;
            comments.push_back(Comment{at, end, text.substr(at, last - at)});
            at = end;
        }
    }
    return comments;
}

// Whether [from, to) holds a line with nothing but blanks on it.
bool blank_line_between(std::string const& text, std::size_t from, std::size_t to) {
    auto line = text.find('\n', from);
    while (line != std::string::npos && line < to) {
        auto next = line + 1;
        while (next < to && is_blank(text[next])) ++next;
        if (next < to && text[next] == '\n') return true;
        line = text.find('\n', next);
    }
    return false;
}

bool only_blanks(std::string const& text, std::size_t from, std::size_t to) {
    for (auto at = from; at < to; ++at)
        if (!is_blank(text[at])) return false;
    return true;
}

// Weaves the comments of `text` into the lines printed from it.
class Writer {
public:
    Writer(std::string const& text, std::vector<Comment> comments) : text_{text}, comments_{std::move(comments)} {}

    std::string write(std::vector<Line> const& lines) {
        for (auto const& line : lines) {
            int const comment_depth = line.kind == Line::Kind::closes ? line.depth + 1 : line.depth;
            // Comments before this line's code, and those inside it, go above it.
            while (next_ < comments_.size() && comments_[next_].begin < line.end) comment(comment_depth);
            separate(line.begin, line.kind == Line::Kind::closes);
            out_ += std::string(static_cast<std::size_t>(line.depth) * 2, ' ') + line.text;
            last_end_ = line.end;
            if (next_ < comments_.size() && only_blanks(text_, line.end, comments_[next_].begin)) {
                out_ += "  " + comments_[next_].text;
                last_end_ = comments_[next_++].end;
            }
            out_ += '\n';
            after_open_ = line.kind == Line::Kind::opens;
            force_blank_ = line.ends_declaration;
        }
        while (next_ < comments_.size()) comment(0);
        return std::move(out_);
    }

private:
    std::string const& text_;
    std::vector<Comment> comments_;
    std::size_t next_ = 0;  // the first comment not yet written
    std::string out_;
    std::size_t last_end_ = 0;  // source offset where the last written line ended
    bool after_open_ = false;   // the last line opened a block
    bool force_blank_ = false;  // the last line closed a top-level declaration

    // One blank line where the source had one (or more), and always between
    // top-level declarations; never at the top, after `{` or before `}`.
    void separate(std::size_t begin, bool closing) {
        if (out_.empty() || after_open_ || closing) return;
        if (force_blank_ || (begin >= last_end_ && blank_line_between(text_, last_end_, begin))) out_ += '\n';
    }

    void comment(int depth) {
        auto const& c = comments_[next_++];
        separate(c.begin, false);
        out_ += std::string(static_cast<std::size_t>(depth) * 2, ' ') + c.text + '\n';
        last_end_ = c.end;
        after_open_ = false;
        force_blank_ = false;
    }
};

std::string render(std::string const& text, std::vector<Line> const& lines) {
    return Writer{text, comments_of(text)}.write(lines);
}

std::vector<std::string> texts(std::vector<Comment> const& comments) {
    std::vector<std::string> out;
    out.reserve(comments.size());
    for (auto const& c : comments) out.push_back(c.text);
    return out;
}

std::vector<std::string> code(std::vector<Line> const& lines) {
    std::vector<std::string> out;
    out.reserve(lines.size());
    for (auto const& line : lines)
        out.push_back(std::string(static_cast<std::size_t>(line.depth) * 2, ' ') + line.text);
    return out;
}

}  // namespace

std::optional<std::string> format(SourceFile const& source, ast::File const& file, Diagnostics& diagnostics) {
    auto const lines = format_detail::layout(source.text(), file);
    std::string output = render(source.text(), lines);

    auto const refuse = [&](std::string_view what) {
        diagnostics.file_error(source.name(), "format",
                               "formatter would " + std::string{what} + "; file left unchanged");
        return std::nullopt;
    };
    SourceFile const formatted{source.name(), output};
    Diagnostics reparsed;
    auto const again = parse(formatted, reparsed);
    if (reparsed.has_errors()) return refuse("lose the syntax (its output does not parse)");
    if (texts(comments_of(output)) != texts(comments_of(source.text()))) return refuse("lose or reorder a comment");
    auto const lines_again = format_detail::layout(output, again);
    if (code(lines_again) != code(lines)) return refuse("lose code (its output reads differently)");
    if (render(output, lines_again) != output) return refuse("lose its own layout (a second run changes it)");
    return output;
}

std::optional<std::string> format(SourceFile const& source, Diagnostics& diagnostics) {
    Diagnostics parsed;
    auto const file = parse(source, parsed);
    bool const broken = parsed.has_errors();
    for (auto const& diagnostic : parsed.sorted()) diagnostics.add(diagnostic);
    if (broken) return std::nullopt;
    return format(source, file, diagnostics);
}

}  // namespace pligt
