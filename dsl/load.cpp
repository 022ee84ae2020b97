#include "dsl/load.hpp"

#include "dsl/diagnostic.hpp"
#include "dsl/parse.hpp"
#include "dsl/resolve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pligt {

std::vector<std::filesystem::path> rule_files(std::vector<std::filesystem::path> const& roots,
                                              Diagnostics& diagnostics) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (auto const& root : roots) {
        std::error_code error;
        if (fs::is_regular_file(root, error)) {
            files.push_back(root);
            continue;
        }
        if (!fs::is_directory(root, error)) {
            diagnostics.file_error(root.string(), "unreadable", "no such file or directory");
            continue;
        }
        std::vector<fs::path> found;
        for (fs::recursive_directory_iterator it{root, fs::directory_options::skip_permission_denied, error}, end;
             !error && it != end; it.increment(error))
            if (it->is_regular_file(error) && it->path().extension() == ".pligt") found.push_back(it->path());
        if (error) diagnostics.file_error(root.string(), "unreadable", error.message());
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

void refuse_too_large(std::string file, Diagnostics& diagnostics) {
    diagnostics.file_error(
        std::move(file), "unreadable",  // unread, as lint counts it
        fmt::format("the file is larger than {} bytes (1 MiB), the most a rule file may hold", max_rule_file_bytes));
}

// POSIX calls rather than a stream: a stream reads a directory as an empty
// file and loses errno, and a rule file's errors must say why.
std::optional<std::string> read_rule_file(std::filesystem::path const& path, Diagnostics& diagnostics) {
    auto const unreadable = [&](int error) {
        diagnostics.file_error(path.string(), "unreadable",
                               "cannot read the file: " + std::generic_category().message(error));
        return std::nullopt;
    };
    auto const too_large = [&] {
        refuse_too_large(path.string(), diagnostics);
        return std::nullopt;
    };
    int const fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return unreadable(errno);
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } const closer{fd};
    struct stat status {};
    if (::fstat(fd, &status) != 0) return unreadable(errno);
    if (S_ISDIR(status.st_mode)) return unreadable(EISDIR);
    if (status.st_size > 0 && static_cast<std::uintmax_t>(status.st_size) > max_rule_file_bytes) return too_large();
    std::string text;
    char buffer[16384];
    for (;;) {  // to the end, which a growing file may put past its size
        auto const n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return unreadable(errno);
        if (n == 0) return text;
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > max_rule_file_bytes) return too_large();
    }
}

std::optional<Program> load_program(std::vector<std::filesystem::path> const& roots, Diagnostics& diagnostics) {
    std::vector<SourceFile> sources;
    std::vector<ast::File> files;
    for (auto const& path : rule_files(roots, diagnostics))
        if (auto text = read_rule_file(path, diagnostics)) sources.emplace_back(path.string(), std::move(*text));
    files.reserve(sources.size());
    for (auto const& source : sources) files.push_back(parse(source, diagnostics));
    return resolve(std::move(sources), files, diagnostics);
}

}  // namespace pligt
