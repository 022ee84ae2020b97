#include "dsl/load.hpp"

#include "dsl/diagnostic.hpp"
#include "dsl/parse.hpp"
#include "dsl/resolve.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

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

std::optional<Program> load_program(std::vector<std::filesystem::path> const& roots, Diagnostics& diagnostics) {
    std::vector<SourceFile> sources;
    std::vector<ast::File> files;
    for (auto const& path : rule_files(roots, diagnostics)) {
        std::ifstream in{path, std::ios::binary};
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) {
            diagnostics.file_error(path.string(), "unreadable", "cannot read the file");
            continue;
        }
        sources.emplace_back(path.string(), text.str());
    }
    files.reserve(sources.size());
    for (auto const& source : sources) files.push_back(parse(source, diagnostics));
    return resolve(std::move(sources), files, diagnostics);
}

}  // namespace pligt
