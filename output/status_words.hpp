// The one place a status becomes a word a reader sees, per language: the
// English words (the JSON's status ids) and the Danish words of the
// caseworker's desk (afventer, opfyldt, for sent, overskredet, frafaldet,
// undtaget, bortfaldet). JSON keeps the English ids whatever the language.
#pragma once

#include "engine/evaluate.hpp"

#include <string_view>

namespace pligt::output {

enum class Language { en, da };

std::string_view status_word(engine::Status status, Language language);

}  // namespace pligt::output
