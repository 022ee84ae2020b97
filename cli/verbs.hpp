// One function per verb adds its subcommand to the app; the callback stores
// the verb's exit status (0 success, 1 found something, 2 could not do its job).
#pragma once

namespace CLI {
class App;
}

namespace pligt::cli {

class Terminal;

void add_check(CLI::App& app, Terminal& terminal, int& exit_code);
void add_caseload(CLI::App& app, Terminal& terminal, int& exit_code);
void add_simulate(CLI::App& app, Terminal& terminal, int& exit_code);
void add_duties(CLI::App& app, Terminal& terminal, int& exit_code);
void add_test(CLI::App& app, Terminal& terminal, int& exit_code);
void add_deadline(CLI::App& app, Terminal& terminal, int& exit_code);
void add_fmt(CLI::App& app, Terminal& terminal, int& exit_code);
void add_lint(CLI::App& app, Terminal& terminal, int& exit_code);
void add_generate(CLI::App& app, Terminal& terminal, int& exit_code);
void add_diff(CLI::App& app, Terminal& terminal, int& exit_code);
void add_serve(CLI::App& app, Terminal& terminal, int& exit_code);
void add_lsp(CLI::App& app, Terminal& terminal, int& exit_code);
void add_audit(CLI::App& app, Terminal& terminal, int& exit_code);

}  // namespace pligt::cli
