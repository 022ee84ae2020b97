#include "output/status_words.hpp"

namespace pligt::output {

std::string_view status_word(engine::Status status, Language language) {
    using engine::Status;
    if (language == Language::da) {
        switch (status) {
        case Status::pending: return "afventer";
        case Status::met: return "opfyldt";
        case Status::late: return "for sent";
        case Status::overdue: return "overskredet";
        case Status::waived: return "frafaldet";
        case Status::excepted: return "undtaget";
        case Status::lapsed: return "bortfaldet";
        }
    }
    return engine::to_string(status);
}

}  // namespace pligt::output
