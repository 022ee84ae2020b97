// `pligt fmt [--check] [PATH…]`: rewrites rule files in the canonical layout
// (dsl/format.hpp), or with --check lists the files that would change.
// Exit 0: nothing to do or all written; 1: --check found files to change;
// 2: a file could not be read, does not parse, or could not be written.
//
// A file is only written when its text changes, and never in place: the new
// text goes to a temporary file beside it, is flushed to disk, takes the
// original's permissions and is renamed over it. A crash or a full disk
// leaves the original byte for byte as it was.
#include "cli/rules_option.hpp"
#include "cli/terminal.hpp"
#include "cli/verbs.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/format.hpp"
#include "dsl/load.hpp"
#include "dsl/source.hpp"

#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

namespace pligt::cli {
namespace {

struct FmtOptions {
    std::vector<std::string> paths;
    bool check = false;
};

// A temporary file beside `target`: commit() renames it over the target;
// otherwise the destructor removes it.
class TemporaryFile {
public:
    explicit TemporaryFile(std::filesystem::path target) : target_{std::move(target)} {
        auto const directory = target_.has_parent_path() ? target_.parent_path() : std::filesystem::path{"."};
        path_ = (directory / ("." + target_.filename().string() + ".fmt-XXXXXX")).string();
        fd_ = ::mkstemp(path_.data());
        if (fd_ < 0) fail("cannot create a temporary file");
    }
    TemporaryFile(TemporaryFile const&) = delete;
    TemporaryFile& operator=(TemporaryFile const&) = delete;
    ~TemporaryFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!committed_ && !path_.empty()) ::unlink(path_.c_str());
    }

    // Writes, syncs and gives the file the target's permissions.
    bool write(std::string const& text) {
        if (fd_ < 0) return false;
        for (std::size_t done = 0; done < text.size();) {
            auto const n = ::write(fd_, text.data() + done, text.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return fail("cannot write");
            done += static_cast<std::size_t>(n);
        }
        struct stat original {};
        if (::stat(target_.c_str(), &original) != 0) return fail("cannot read the file's permissions");
        if (::fchmod(fd_, original.st_mode & 07777) != 0) return fail("cannot set the file's permissions");
        if (::fsync(fd_) != 0) return fail("cannot flush to disk");
        int const fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) return fail("cannot write");
        return true;
    }

    bool commit() {
        if (!error_.empty()) return false;
        if (::rename(path_.c_str(), target_.c_str()) != 0) return fail("cannot replace the file");
        committed_ = true;
        // Make the rename itself durable; the file is already replaced if this fails.
        auto const directory = target_.has_parent_path() ? target_.parent_path() : std::filesystem::path{"."};
        if (int const dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY); dir >= 0) {
            ::fsync(dir);
            ::close(dir);
        }
        return true;
    }

    std::string const& error() const { return error_; }

private:
    std::filesystem::path target_;
    std::string path_;
    int fd_ = -1;
    bool committed_ = false;
    std::string error_;

    bool fail(char const* what) {
        if (error_.empty()) error_ = std::string{what} + ": " + std::strerror(errno);
        return false;
    }
};

std::optional<std::string> read_file(std::filesystem::path const& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return std::nullopt;
    return text.str();
}

int run_fmt(FmtOptions const& options, Terminal& terminal) {
    auto const roots = rule_paths(options.paths);

    Diagnostics diagnostics;
    auto const files = rule_files(roots, diagnostics);
    int status = diagnostics.has_errors() ? 2 : 0;
    for (auto const& path : files) {
        auto const text = read_file(path);
        if (!text) {
            diagnostics.file_error(path.string(), "unreadable", "cannot read the file");
            status = 2;
            continue;
        }
        SourceFile const source{path.string(), *text};
        auto const formatted = format(source, diagnostics);
        if (!formatted) {
            status = 2;
            continue;
        }
        if (*formatted == *text) continue;
        if (options.check) {
            terminal.out() << path.string() << std::endl;
            status = std::max(status, 1);
            continue;
        }
        std::error_code error;  // a symlink stays a symlink: replace the file it points to
        auto const target = std::filesystem::is_symlink(path, error) ? std::filesystem::canonical(path, error) : path;
        TemporaryFile temporary{error ? path : target};
        if (!temporary.write(*formatted) || !temporary.commit()) {
            diagnostics.file_error(path.string(), "unwritable", temporary.error() + "; file left unchanged");
            status = 2;
        }
    }
    for (auto const& diagnostic : diagnostics.sorted()) terminal.err() << render(diagnostic);
    return status;
}

}  // namespace

void add_fmt(CLI::App& app, Terminal& terminal, int& exit_code) {
    auto options = std::make_shared<FmtOptions>();  // must outlive parsing
    auto* verb = app.add_subcommand("fmt", "Rewrite rule files in the canonical layout, keeping every comment");
    verb->add_option("paths", options->paths,
                     "Rule files or directories; default: the shipped rules/ and municipalities/");
    verb->add_flag("--check", options->check, "Change nothing; list the files that would change and exit 1");
    verb->callback([options, &terminal, &exit_code] { exit_code = run_fmt(*options, terminal); });
}

}  // namespace pligt::cli
