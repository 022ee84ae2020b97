#include "tests/fault/fault_support.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace pligt::fault {

namespace fs = std::filesystem;

namespace {

constexpr int setup_failed = 125;
constexpr char const* setup_failed_text = "fault setup failed: ";
constexpr uid_t nobody = 65534;

// After fork, before exec: only async-signal-safe calls.
void say(char const* text) { (void)!::write(STDERR_FILENO, text, std::strlen(text)); }

[[noreturn]] void give_up(char const* what) {
    say(setup_failed_text);
    say(what);
    say(": ");
    say(::strerrorname_np(errno));  // "EPERM": a constant string, safe after fork
    say("\n");
    ::_exit(setup_failed);
}

}  // namespace

bool Run::unavailable() const { return exit_code == setup_failed && output.starts_with(setup_failed_text); }

Child::Child(std::vector<std::string> const& arguments, fs::path const& directory, ChildSetup const& setup) {
    // Everything the child needs is built before fork: it may not allocate.
    std::vector<std::string> words{PLIGT_BINARY};
    words.insert(words.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    std::string no_color = "NO_COLOR=1";
    std::vector<char*> envp;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "NO_COLOR=", 9) != 0) envp.push_back(*e);
    envp.push_back(no_color.data());
    envp.push_back(nullptr);
    std::string const cwd = directory.string();
    std::string const read_only = setup.read_only ? setup.read_only->string() : std::string{};

    int pipe_fds[2];
    REQUIRE(::pipe2(pipe_fds, O_CLOEXEC) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);  // not the test thread's blocked signals
        ::dup2(pipe_fds[1], STDOUT_FILENO);
        ::dup2(pipe_fds[1], STDERR_FILENO);
        if (int const null = ::open("/dev/null", O_RDONLY); null >= 0) ::dup2(null, STDIN_FILENO);
        if (setup.read_only) {
            if (::unshare(CLONE_NEWNS) != 0) give_up("unshare(CLONE_NEWNS)");
            if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) give_up("mount --make-rprivate /");
            if (::mount(read_only.c_str(), read_only.c_str(), nullptr, MS_BIND, nullptr) != 0) give_up("mount --bind");
            if (::mount(nullptr, read_only.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0)
                give_up("mount -o remount,ro");
        }
        if (setup.max_file_bytes) {
            struct sigaction ignore {};
            ignore.sa_handler = SIG_IGN;
            ::sigaction(SIGXFSZ, &ignore, nullptr);
            rlimit const limit{*setup.max_file_bytes, *setup.max_file_bytes};
            if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) give_up("setrlimit(RLIMIT_FSIZE)");
        }
        if (::chdir(cwd.c_str()) != 0) give_up("chdir");
        if (setup.unprivileged) {
            if (::setgroups(0, nullptr) != 0) give_up("setgroups");
            if (::setgid(nobody) != 0) give_up("setgid(nobody)");
            if (::setuid(nobody) != 0) give_up("setuid(nobody)");
        }
        ::execve(argv[0], argv.data(), envp.data());
        give_up("execve");
    }
    ::close(pipe_fds[1]);
    output_ = pipe_fds[0];
}

Child::~Child() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    if (output_ >= 0) ::close(output_);
}

Run Child::wait(int seconds) {
    Run run;
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    char buffer[4096];
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd ready{output_, POLLIN, 0};
        if (::poll(&ready, 1, 100) <= 0) continue;
        auto const n = ::read(output_, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        run.output.append(buffer, static_cast<std::size_t>(n));
    }
    if (std::chrono::steady_clock::now() >= deadline) ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

Run run_pligt(std::vector<std::string> const& arguments, fs::path const& directory, ChildSetup const& setup) {
    return Child{arguments, directory, setup}.wait();
}

std::map<std::string, std::string> snapshot(fs::path const& dir) {
    std::map<std::string, std::string> entries;
    for (auto const& entry : fs::recursive_directory_iterator{dir}) {
        auto const name = fs::relative(entry.path(), dir).string();
        entries[name] = entry.is_directory() ? std::string{"<dir>"} : read_bytes(entry.path());
    }
    return entries;
}

std::string read_bytes(fs::path const& file) {
    std::ifstream in{file, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_bytes(fs::path const& file, std::string const& bytes) {
    std::ofstream out{file, std::ios::binary | std::ios::trunc};
    out << bytes;
    out.close();
    REQUIRE_MESSAGE(out, "cannot write ", file.string());
}

SmallDisk::SmallDisk(fs::path dir, std::size_t bytes) : dir_{std::move(dir)} {
    fs::create_directories(dir_);
    auto const options = "size=" + std::to_string(bytes) + ",mode=0755";
    mounted_ = ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0;
}

SmallDisk::~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
}

void SmallDisk::fill(fs::path const& file) const {
    int const fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    std::string const block(4096, 'x');
    // tmpfs allocates whole pages: one byte at a time fills the last one.
    for (std::size_t chunk : {block.size(), std::size_t{1}})
        for (int i = 0; i < 1 << 16; ++i)
            if (::write(fd, block.data(), chunk) <= 0) break;
    ::close(fd);
}

Lease::Lease(fs::path const& file) : signal_{SIGRTMIN + 4} {
    // The break is told by a signal to this thread alone, taken by
    // sigtimedwait: block it first, so it can never end the process.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal_);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    fd_ = ::open(file.c_str(), O_RDWR | O_CLOEXEC);
    f_owner_ex const owner{F_OWNER_TID, static_cast<pid_t>(::syscall(SYS_gettid))};
    if (fd_ < 0 || ::fcntl(fd_, F_SETSIG, signal_) != 0 || ::fcntl(fd_, F_SETOWN_EX, &owner) != 0 ||
        ::fcntl(fd_, F_SETLEASE, F_WRLCK) != 0) {
        error_ = std::string{"cannot take a lease on "} + file.string() + ": " + std::strerror(errno);
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
}

bool Lease::wait_for_open(int seconds) {
    if (fd_ < 0) return false;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal_);
    timespec const timeout{seconds, 0};
    for (;;) {
        int const got = ::sigtimedwait(&set, nullptr, &timeout);
        if (got == signal_) return true;
        if (got < 0 && errno == EINTR) continue;
        return false;
    }
}

void Lease::release() {
    if (fd_ < 0) return;
    ::fcntl(fd_, F_SETLEASE, F_UNLCK);
    ::close(fd_);
    fd_ = -1;
}

Lease::~Lease() {
    release();
    // Take a break signal still pending before unblocking it.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal_);
    timespec const now{0, 0};
    while (::sigtimedwait(&set, nullptr, &now) == signal_) {
    }
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

}  // namespace pligt::fault
