#include "tests/support/golden.hpp"

#include <sys/wait.h>
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace pligt::golden {
std::vector<std::string> split_command(std::string const& line) {
    std::vector<std::string> words;
    std::string word;
    bool quoted = false, has_word = false;
    for (char c : line) {
        if (c == '"') {
            quoted = !quoted;
            has_word = true;
        } else if (c == ' ' && !quoted) {
            if (has_word) words.push_back(word);
            word.clear();
            has_word = false;
        } else {
            word += c;
            has_word = true;
        }
    }
    if (has_word) words.push_back(word);
    return words;
}

namespace {

std::string shell_quote(std::string const& word) {
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string{"'\\''"} : std::string(1, c);
    return quoted + "'";
}

}  // namespace

std::vector<std::filesystem::path> files_under(std::filesystem::path const& root) {
    std::vector<std::filesystem::path> files;
    for (auto const& entry : std::filesystem::recursive_directory_iterator{root})
        if (entry.is_regular_file() && entry.path().extension() == ".expected") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

Expected read(std::filesystem::path const& file) {
    std::ifstream in{file, std::ios::binary};
    std::string command;
    std::getline(in, command);
    if (command.rfind("$ pligt", 0) != 0)
        throw std::runtime_error(file.string() + ": the first line must be '$ pligt …'");
    std::ostringstream rest;
    rest << in.rdbuf();
    auto arguments = split_command(command.substr(2));
    arguments.erase(arguments.begin());
    return {arguments, rest.str()};
}

void write(std::filesystem::path const& file, Expected const& expected, std::string const& actual) {
    std::ofstream out{file, std::ios::binary};
    out << "$ pligt";
    for (auto const& argument : expected.arguments)
        out << ' ' << (argument.find(' ') == std::string::npos ? argument : '"' + argument + '"');
    out << '\n' << actual;
}

bool updating() {
    auto const* value = std::getenv("PLIGT_UPDATE_GOLDEN");
    return value && std::string{value} == "1";
}

Run run_pligt(std::filesystem::path const& binary, std::vector<std::string> const& arguments,
              std::filesystem::path const& directory) {
    // NO_COLOR and a pipe keep the output free of escape codes.
    std::string command = "cd " + shell_quote(directory.string()) + " && NO_COLOR=1 " + shell_quote(binary.string());
    for (auto const& argument : arguments) command += " " + shell_quote(argument);
    command += " 2>&1 </dev/null";
    Run run;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot start " + command);
    std::array<char, 4096> buffer{};
    for (std::size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) run.output.append(buffer.data(), n);
    int const status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

std::string first_difference(std::string const& actual, std::string const& expected) {
    std::istringstream a{actual}, e{expected};
    std::string line_a, line_e;
    for (int line = 1;; ++line) {
        bool const more_a = static_cast<bool>(std::getline(a, line_a));
        bool const more_e = static_cast<bool>(std::getline(e, line_e));
        if (!more_a && !more_e) return "outputs differ only in line endings";
        if (!more_a || !more_e || line_a != line_e)
            return "line " + std::to_string(line) + ": expected '" + (more_e ? line_e : "<end>") + "', found '" +
                   (more_a ? line_a : "<end>") + "'";
    }
}

}  // namespace pligt::golden
