// The message catalogues (output/words.hpp): status words, dates, spans and
// lists as a Danish caseworker writes them (product.md, "Danish for Danish
// law"), and their English counterparts.
#include "output/words.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using pligt::Date;
using pligt::Moment;
using pligt::Span;
using pligt::TimeUnit;
using pligt::engine::Status;
using pligt::output::Language;
using pligt::output::words;

Date day(char const* text) { return *Date::parse(text); }

}  // namespace

TEST_CASE("every status has its English id and its Danish word") {
    std::vector<std::pair<Status, std::string>> const danish{
        {Status::pending, "afventer"},    {Status::met, "opfyldt"},      {Status::late, "for sent"},
        {Status::overdue, "overskredet"}, {Status::waived, "frafaldet"}, {Status::excepted, "undtaget"},
        {Status::lapsed, "bortfaldet"}};
    for (auto const& [status, word] : danish) {
        CHECK(words(Language::da).status(status) == word);
        CHECK(words(Language::en).status(status) == pligt::engine::to_string(status));
    }
}

TEST_CASE("dates and times as Danes write them, and in English") {
    auto const& da = words(Language::da);
    auto const& en = words(Language::en);
    CHECK(da.date(day("2024-03-05")) == "5. marts 2024");
    CHECK(da.date(day("2019-12-31")) == "31. december 2019");
    CHECK(en.date(day("2024-03-05")) == "5 March 2024");
    auto const at = Moment::at(day("2019-03-04"), 9 * 60 + 30);
    CHECK(da.moment(at) == "4. marts 2019 kl. 09.30");
    CHECK(en.moment(at) == "4 March 2019 at 09:30");
    CHECK(da.moment(Moment::on(day("2019-03-04"))) == "4. marts 2019");
    CHECK(da.period(day("2017-10-01"), day("2021-12-31")) == "fra den 1. oktober 2017 til den 31. december 2021");
    CHECK(da.period(day("2024-01-01"), std::nullopt) == "fra den 1. januar 2024");
}

TEST_CASE("spans in hverdage, måneder and timer") {
    auto const& da = words(Language::da);
    CHECK(da.span(Span{6, TimeUnit::working_days}) == "6 hverdage");
    CHECK(da.span(Span{1, TimeUnit::working_days}) == "1 hverdag");
    CHECK(da.span(Span{4, TimeUnit::months}) == "4 måneder");
    CHECK(da.span(Span{24, TimeUnit::hours}) == "24 timer");
    CHECK(da.span(Span{1, TimeUnit::years}) == "1 år");
    CHECK(da.days(1) == "1 dag");
    CHECK(da.days(3) == "3 dage");
    CHECK(words(Language::en).span(Span{6, TimeUnit::working_days}) == "6 working days");
}

TEST_CASE("lists and quotations") {
    auto const& da = words(Language::da);
    CHECK(da.either({"»a«"}) == "»a«");
    CHECK(da.either({"»a«", "»b«", "»c«"}) == "»a«, »b« eller »c«");
    CHECK(words(Language::en).either({"a", "b"}) == "a or b");
    CHECK(da.quoted("Underretning modtaget") == "»Underretning modtaget«");
}

TEST_CASE("a language is named by its code") {
    CHECK(pligt::output::language_named("da") == Language::da);
    CHECK(pligt::output::language_named("en") == Language::en);
    CHECK(!pligt::output::language_named("de"));
    CHECK(!pligt::output::language_named("DA"));
}
