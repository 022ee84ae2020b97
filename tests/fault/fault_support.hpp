// What fault tests need beyond the golden runner: the real pligt binary run
// in a child prepared to fail in one way (a read-only mount, an unprivileged
// user, a limit on file size), a small disk, a moment inside another
// process's run to act at (a file lease), and a byte-for-byte record of a
// directory to compare before and after. Tests run as root, and root ignores
// permission bits, so "read-only" here is a mount or a dropped privilege,
// never a chmod alone.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pligt::fault {

// How the child is set up before it runs pligt. A setup the system refuses
// (no mount namespaces, not root) ends the child with exit 125 and a line
// starting "fault setup failed:", which `unavailable` recognises.
struct ChildSetup {
    // Bind-mounted read-only over itself in a private mount namespace: writes
    // fail with EROFS, for root too. Gone when the child exits.
    std::optional<std::filesystem::path> read_only;
    // Run as nobody (uid and gid 65534), so permission bits bind.
    bool unprivileged = false;
    // RLIMIT_FSIZE with SIGXFSZ ignored: a write past it fails with EFBIG.
    std::optional<std::size_t> max_file_bytes;
};

struct Run {
    std::string output;  // stdout and stderr together
    int exit_code = -1;  // 128 + signal when killed
    bool unavailable() const;
};

// `pligt ARGS` in `directory`, started at once; wait() collects its output.
// A child still running after `seconds` is killed (exit 128 + 9).
class Child {
public:
    Child(std::vector<std::string> const& arguments, std::filesystem::path const& directory,
          ChildSetup const& setup = {});
    ~Child();
    Child(Child const&) = delete;
    Child& operator=(Child const&) = delete;
    Run wait(int seconds = 60);

private:
    pid_t pid_ = -1;
    int output_ = -1;
};

Run run_pligt(std::vector<std::string> const& arguments, std::filesystem::path const& directory,
              ChildSetup const& setup = {});

// Every entry under `dir` (relative path → bytes; a directory maps to "<dir>").
std::map<std::string, std::string> snapshot(std::filesystem::path const& dir);
std::string read_bytes(std::filesystem::path const& file);
void write_bytes(std::filesystem::path const& file, std::string const& bytes);

// A tmpfs of `bytes` mounted on `dir` (created if need be) for the scope.
// mounted() is false where mounting is not allowed.
class SmallDisk {
public:
    SmallDisk(std::filesystem::path dir, std::size_t bytes);
    ~SmallDisk();
    SmallDisk(SmallDisk const&) = delete;
    SmallDisk& operator=(SmallDisk const&) = delete;
    bool mounted() const { return mounted_; }
    // Writes `file` until the disk is full: no byte is left for another file.
    void fill(std::filesystem::path const& file) const;

private:
    std::filesystem::path dir_;
    bool mounted_ = false;
};

// A write lease on a file: the first open of it by another process blocks
// until release(), and wait_for_open() sees that open happen. A test acts in
// between, at a moment fixed in the other process's run (after it listed the
// directory, before it read this file) without any hook in pligt.
class Lease {
public:
    explicit Lease(std::filesystem::path const& file);
    ~Lease();
    Lease(Lease const&) = delete;
    Lease& operator=(Lease const&) = delete;
    bool held() const { return fd_ >= 0; }
    std::string const& error() const { return error_; }
    // True when another process opened the file within `seconds`.
    bool wait_for_open(int seconds);
    void release();

private:
    int fd_ = -1;
    int signal_ = 0;
    std::string error_;
};

}  // namespace pligt::fault
