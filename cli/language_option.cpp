#include "cli/language_option.hpp"

#include <fmt/format.h>

namespace pligt::cli {

void add_language_option(CLI::App& verb, std::string& lang) {
    verb.add_option("--lang", lang,
                    "Answer in this language (da or en); default: the rules' own (Danish for Danish law)");
}

std::optional<output::Language> read_language_option(std::string const& lang, Program const& program,
                                                     std::string_view verb, Terminal& terminal) {
    if (lang.empty()) return output::default_language(program);
    auto const language = output::language_named(lang);
    if (!language)
        terminal.err() << fmt::format("{}: error: --lang: no language '{}': pligt answers in {}\n", verb, lang,
                                      output::language_codes());
    return language;
}

}  // namespace pligt::cli
