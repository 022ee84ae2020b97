#include "output/words.hpp"

#include "output/words_catalogues.hpp"

namespace pligt::output {

std::optional<Language> language_named(std::string_view code) {
    if (code == "da") return Language::da;
    if (code == "en") return Language::en;
    return std::nullopt;
}

std::string_view language_code(Language language) { return language == Language::da ? "da" : "en"; }

std::string_view language_codes() { return "da, en"; }

Language default_language(Program const& program) { return language_named(program.language).value_or(Language::en); }

Words const& words(Language language) { return language == Language::da ? danish_words() : english_words(); }

std::string joined(std::vector<std::string> const& items, std::string_view between, std::string_view last) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += std::string{i == 0 ? "" : i + 1 == items.size() ? last : between} + items[i];
    return out;
}

}  // namespace pligt::output
