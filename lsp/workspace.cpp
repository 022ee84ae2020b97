#include "lsp/workspace.hpp"

#include "dsl/load.hpp"

#include <algorithm>

namespace pligt::lsp {
namespace {

std::string absolute_path(std::filesystem::path const& path) {
    std::error_code error;
    auto full = std::filesystem::absolute(path, error);
    return (error ? path : full).lexically_normal().string();
}

}  // namespace

void Workspace::load(std::vector<std::filesystem::path> roots) {
    roots_.clear();
    for (auto const& root : roots) roots_.emplace_back(absolute_path(root));
    main_ = Project{};
    unreadable_.clear();
    Diagnostics diagnostics;
    for (auto const& path : rule_files(roots_, diagnostics))
        if (auto text = read_rule_file(path, diagnostics)) main_.set_file(absolute_path(path), std::move(*text));
    unreadable_ = diagnostics.sorted();
    stale_.insert(&main_);
}

bool Workspace::in_roots(std::string const& path) const {
    if (path.size() < 6 || path.substr(path.size() - 6) != ".pligt") return false;
    return std::any_of(roots_.begin(), roots_.end(), [&](std::filesystem::path const& root) {
        auto const r = root.string();
        if (path == r) return true;
        return path.size() > r.size() && path.compare(0, r.size(), r) == 0 &&
               (r.back() == '/' || path[r.size()] == '/');
    });
}

Project& Workspace::project_for(std::string const& path) {
    if (in_roots(path)) return main_;
    auto& loose = loose_[path];
    if (!loose) loose = std::make_unique<Project>();
    return *loose;
}

void Workspace::open(std::string const& path, std::string text) {
    open_.insert(path);
    auto& project = project_for(path);
    project.set_file(path, std::move(text));
    stale_.insert(&project);
}

void Workspace::change(std::string const& path, std::string text) {
    if (!open_.count(path)) open_.insert(path);
    auto& project = project_for(path);
    project.set_file(path, std::move(text));
    stale_.insert(&project);
}

void Workspace::close(std::string const& path) {
    open_.erase(path);
    if (!in_roots(path)) {
        if (auto const it = loose_.find(path); it != loose_.end()) {
            stale_.erase(it->second.get());
            loose_.erase(it);
            dropped_ = true;
        }
        return;
    }
    changed_on_disk(path);  // the disk's text again, or none
}

void Workspace::changed_on_disk(std::string const& path) {
    if (open_.count(path) || !in_roots(path)) return;  // the editor's text wins
    Diagnostics diagnostics;
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
        main_.remove_file(path);
    } else if (auto text = read_rule_file(path, diagnostics)) {
        main_.set_file(path, std::move(*text));
    }
    unreadable_.erase(
        std::remove_if(unreadable_.begin(), unreadable_.end(), [&](Diagnostic const& d) { return d.file == path; }),
        unreadable_.end());
    for (auto const& d : diagnostics.sorted()) unreadable_.push_back(d);
    stale_.insert(&main_);
}

std::optional<Workspace::Found> Workspace::find(std::string const& path) {
    auto& project = in_roots(path) ? main_ : [&]() -> Project& {
        auto const it = loose_.find(path);
        return it == loose_.end() ? main_ : *it->second;
    }();
    auto const file = project.find(path);
    if (!file) return std::nullopt;
    return Found{&project, *file};
}

void Workspace::check() {
    for (auto* project : stale_) project->check();
    stale_.clear();
    dropped_ = false;
}

std::vector<Project const*> Workspace::projects() const {
    std::vector<Project const*> all{&main_};
    for (auto const& [path, project] : loose_) all.push_back(project.get());
    return all;
}

}  // namespace pligt::lsp
