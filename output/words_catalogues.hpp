// The catalogues words() chooses among, one per language file.
#pragma once

#include "output/words.hpp"

namespace pligt::output {

Words const& danish_words();
Words const& english_words();

// Items joined as a list is written: "a, b or c", "a; b; c".
std::string joined(std::vector<std::string> const& items, std::string_view between, std::string_view last);

}  // namespace pligt::output
