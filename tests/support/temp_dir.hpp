// A fresh temporary directory for a test, removed with everything in it at
// the end of scope.
#pragma once

#include <filesystem>

namespace pligt::testing {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(TempDir const&) = delete;
    TempDir& operator=(TempDir const&) = delete;
    std::filesystem::path const& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace pligt::testing
