#include "cli/data_dir.hpp"

#include <cstdlib>
#include <system_error>

namespace pligt::cli {

std::filesystem::path shipped_data_dir() {
    if (char const* given = std::getenv("PLIGT_DATA_DIR"); given && *given) return given;
    std::error_code error;
    auto const self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        auto const installed = self.parent_path().parent_path() / "share" / "pligt";
        if (std::filesystem::is_directory(installed, error)) return installed;
    }
    return PLIGT_SHIPPED_DIR;
}

}  // namespace pligt::cli
