// Writing a file whole or not at all: the new text goes to a temporary file
// beside the target, is flushed to disk, takes the target's permissions (a
// new file: 0666 less the umask) and is renamed over it. A crash, a full disk
// or a write error leaves the target byte for byte as it was, and the
// temporary file is removed. `pligt fmt` writes rule files this way, and
// `pligt simulate` its CSV and report.
#pragma once

#include <filesystem>
#include <string>

namespace pligt::cli {

class TemporaryFile {
public:
    // A symlink stays a symlink: the file it points to is the one replaced.
    explicit TemporaryFile(std::filesystem::path target);
    TemporaryFile(TemporaryFile const&) = delete;
    TemporaryFile& operator=(TemporaryFile const&) = delete;
    ~TemporaryFile();  // removes the temporary file unless committed

    // Writes all of `text`, gives it its permissions and syncs it to disk.
    bool write(std::string const& text);
    // Renames the written file over the target.
    bool commit();

    // What failed first, with the system's reason ("cannot write: No space
    // left on device"); empty while nothing has.
    std::string const& error() const { return error_; }

private:
    std::filesystem::path target_;
    std::string path_;
    int fd_ = -1;
    bool committed_ = false;
    std::string error_;

    bool fail(char const* what);
};

}  // namespace pligt::cli
