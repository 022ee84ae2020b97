// `pligt fmt [--check] [PATH…]`: rewrites rule files in the canonical layout
// (dsl/format.hpp), or with --check lists the files that would change.
// Exit 0: nothing to do or all written; 1: --check found files to change;
// 2: a file could not be read, does not parse, or could not be written.
//
// A file is only written when its text changes, and never in place
// (cli/temporary_file.hpp): a crash or a full disk leaves the original byte
// for byte as it was.
#include "authoring/format.hpp"
#include "cli/rules_option.hpp"
#include "cli/temporary_file.hpp"
#include "cli/terminal.hpp"
#include "cli/verbs.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/load.hpp"
#include "dsl/source.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>

namespace pligt::cli {
namespace {

struct FmtOptions {
    std::vector<std::string> paths;
    bool check = false;
};

int run_fmt(FmtOptions const& options, Terminal& terminal) {
    auto const roots = rule_paths(options.paths);

    Diagnostics diagnostics;
    auto const files = rule_files(roots, diagnostics);
    int status = diagnostics.has_errors() ? 2 : 0;
    for (auto const& path : files) {
        auto const text = read_rule_file(path, diagnostics);
        if (!text) {
            status = 2;
            continue;
        }
        SourceFile const source{path.string(), *text};
        auto const formatted = format(source, diagnostics);
        if (!formatted) {
            status = 2;
            continue;
        }
        if (*formatted == *text) continue;
        if (options.check) {
            terminal.out() << path.string() << std::endl;
            status = std::max(status, 1);
            continue;
        }
        TemporaryFile temporary{path};
        if (!temporary.write(*formatted) || !temporary.commit()) {
            diagnostics.file_error(path.string(), "unwritable", temporary.error() + "; file left unchanged");
            status = 2;
        }
    }
    for (auto const& diagnostic : diagnostics.sorted()) terminal.err() << render(diagnostic);
    return status;
}

}  // namespace

void add_fmt(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<FmtOptions>();  // must outlive parsing
    auto* verb = app.add_subcommand("fmt", "Rewrite rule files in the canonical layout, keeping every comment");
    verb->add_option("paths", options->paths,
                     "Rule files or directories; default: the shipped rules/ and municipalities/");
    verb->add_flag("--check", options->check, "Change nothing; list the files that would change and exit 1");
    verb->callback([options, &terminal, &exit_code] { exit_code = run_fmt(*options, terminal); });
}

}  // namespace pligt::cli
