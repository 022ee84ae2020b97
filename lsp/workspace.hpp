// The editor's files and the programs they belong to: the workspace's rule
// directories as one program, and each rule file opened from elsewhere as a
// program of its own. The text of an open document is the editor's; the
// others are read from disk, and read again when the editor says they
// changed there.
#pragma once

#include "lsp/project.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pligt::lsp {

class Workspace {
public:
    // Reads every rule file under the roots (files or directories).
    void load(std::vector<std::filesystem::path> roots);
    std::vector<std::filesystem::path> const& roots() const { return roots_; }

    void open(std::string const& path, std::string text);
    void change(std::string const& path, std::string text);
    void close(std::string const& path);
    // A file changed, appeared or went away on disk.
    void changed_on_disk(std::string const& path);
    bool is_open(std::string const& path) const { return open_.count(path) > 0; }

    struct Found {
        Project* project = nullptr;
        std::size_t file = 0;
    };
    std::optional<Found> find(std::string const& path);
    Project const& main() const { return main_; }  // the workspace's own rules

    // Checks the programs a change touched since the last check.
    bool stale() const { return !stale_.empty() || dropped_; }
    void check();

    // Every file of every program, for publishing diagnostics.
    template <typename F>
    void for_each_file(F&& f) const {
        for (auto const& project : projects())
            for (std::size_t i = 0; i < project->files().size(); ++i) f(*project, i);
    }
    // Files that could not be read from disk, with why.
    std::vector<Diagnostic> const& unreadable() const { return unreadable_; }

private:
    bool in_roots(std::string const& path) const;
    std::vector<Project const*> projects() const;
    Project& project_for(std::string const& path);

    std::vector<std::filesystem::path> roots_;
    Project main_;
    std::map<std::string, std::unique_ptr<Project>> loose_;  // by path
    std::set<std::string> open_;
    std::set<Project*> stale_;
    bool dropped_ = false;  // a program went away: its files' diagnostics must be cleared
    std::vector<Diagnostic> unreadable_;
};

}  // namespace pligt::lsp
