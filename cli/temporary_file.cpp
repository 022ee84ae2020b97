#include "cli/temporary_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pligt::cli {
namespace {

std::filesystem::path directory_of(std::filesystem::path const& file) {
    return file.has_parent_path() ? file.parent_path() : std::filesystem::path{"."};
}

// The mode a new file gets from open(…, 0666): the umask can only be read by setting it.
mode_t new_file_mode() {
    mode_t const mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

}  // namespace

TemporaryFile::TemporaryFile(std::filesystem::path target) : target_{std::move(target)} {
    std::error_code error;
    if (std::filesystem::is_symlink(target_, error)) {
        auto resolved = std::filesystem::canonical(target_, error);
        if (!error) target_ = std::move(resolved);
    }
    path_ = (directory_of(target_) / ("." + target_.filename().string() + ".tmp-XXXXXX")).string();
    fd_ = ::mkstemp(path_.data());
    if (fd_ < 0) {
        fail("cannot create a temporary file");
        path_.clear();
    }
}

TemporaryFile::~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !path_.empty()) ::unlink(path_.c_str());
}

bool TemporaryFile::write(std::string const& text) {
    if (fd_ < 0) return false;
    for (std::size_t done = 0; done < text.size();) {
        auto const n = ::write(fd_, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail("cannot write");
        done += static_cast<std::size_t>(n);
    }
    struct stat original {};
    mode_t mode = 0;
    if (::stat(target_.c_str(), &original) == 0) mode = original.st_mode & 07777;
    else if (errno == ENOENT) mode = new_file_mode();
    else return fail("cannot read the file's permissions");
    if (::fchmod(fd_, mode) != 0) return fail("cannot set the file's permissions");
    if (::fsync(fd_) != 0) return fail("cannot flush to disk");
    int const fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) return fail("cannot write");
    return true;
}

bool TemporaryFile::commit() {
    if (!error_.empty() || path_.empty()) return false;
    if (::rename(path_.c_str(), target_.c_str()) != 0) return fail("cannot replace the file");
    committed_ = true;
    // Make the rename itself durable; the file is already replaced if this fails.
    if (int const dir = ::open(directory_of(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return true;
}

bool TemporaryFile::fail(char const* what) {
    if (error_.empty()) error_ = std::string{what} + ": " + std::strerror(errno);
    return false;
}

}  // namespace pligt::cli
