// `--lang da|en`: the language a verb answers a reader in; without it, the
// rules' own (output::default_language). One reader for every verb that
// words its answer (check, caseload).
#pragma once

#include "cli/terminal.hpp"
#include "dsl/program.hpp"
#include "output/words.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace pligt::cli {

void add_language_option(CLI::App& verb, std::string& lang);

// The language asked for, or the rules' own when `lang` is empty; none
// (with the error printed) for a language pligt has no catalogue for.
std::optional<output::Language> read_language_option(std::string const& lang, Program const& program,
                                                     std::string_view verb, Terminal& terminal);

}  // namespace pligt::cli
