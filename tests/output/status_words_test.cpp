// Status words: the English ids and the Danish words of the caseworker's desk
// (product.md, "Danish for Danish law"), one per status.
#include "output/status_words.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

TEST_CASE("every status has its English id and its Danish word") {
    using pligt::engine::Status;
    using pligt::output::Language;
    using pligt::output::status_word;
    std::vector<std::pair<Status, std::string>> const danish{
        {Status::pending, "afventer"},    {Status::met, "opfyldt"},      {Status::late, "for sent"},
        {Status::overdue, "overskredet"}, {Status::waived, "frafaldet"}, {Status::excepted, "undtaget"},
        {Status::lapsed, "bortfaldet"}};
    for (auto const& [status, word] : danish) {
        CHECK(status_word(status, Language::da) == word);
        CHECK(status_word(status, Language::en) == pligt::engine::to_string(status));
    }
    CHECK(status_word(Status::late, Language::en) == "late");
}
