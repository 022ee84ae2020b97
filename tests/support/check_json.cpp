#include "tests/support/check_json.hpp"

#include "output/check_json.hpp"

namespace pligt::testing {

nlohmann::ordered_json check_json(Program const& program, engine::Case const& c,
                                  std::vector<engine::DutyResult> const& results, Moment as_of) {
    return nlohmann::ordered_json::parse(
        output::check_json_text(program, c, results, as_of, {output::default_language(program), true}));
}

}  // namespace pligt::testing
