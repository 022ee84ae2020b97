// pligt: the command line. Each verb lives in its own file (verbs.hpp); this
// file only wires them up and maps errors to exit statuses.
#include "cli/terminal.hpp"
#include "cli/verbs.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    auto terminal = pligt::cli::Terminal::standard();
    int exit_code = 0;
    try {
        CLI::App app{"pligt: legal process duties, their deadlines and the exemptions from them"};
        app.set_version_flag("--version", PLIGT_VERSION);
        app.require_subcommand(1);
        pligt::cli::add_check(app, terminal, exit_code);
        pligt::cli::add_caseload(app, terminal, exit_code);
        pligt::cli::add_simulate(app, terminal, exit_code);
        pligt::cli::add_audit(app, terminal, exit_code);
        pligt::cli::add_duties(app, terminal, exit_code);
        pligt::cli::add_test(app, terminal, exit_code);
        pligt::cli::add_deadline(app, terminal, exit_code);
        pligt::cli::add_fmt(app, terminal, exit_code);
        pligt::cli::add_lint(app, terminal, exit_code);
        pligt::cli::add_generate(app, terminal, exit_code);
        pligt::cli::add_diff(app, terminal, exit_code);
        pligt::cli::add_serve(app, terminal, exit_code);
        pligt::cli::add_lsp(app, terminal, exit_code);
        try {
            app.parse(argc, argv);
        } catch (CLI::ParseError const& e) {
            return app.exit(e) == 0 ? 0 : 2;
        }
        return exit_code;
    } catch (std::exception const& e) {
        std::cerr << "pligt: internal error: " << e.what() << "\n";
        return 2;
    }
}
