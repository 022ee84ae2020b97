// Golden files: a command line and everything it prints, with its exit
// status. The file is the contract for that behaviour; PLIGT_UPDATE_GOLDEN=1
// rewrites it from the real output, to be reviewed in `git diff`.
//
//   $ pligt check examples/gladsaxe_concern_2019.json --as-of 2019-06-01 --json
//   {…}
//   [exit 0]
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pligt::golden {

struct Expected {
    std::vector<std::string> arguments;  // after "pligt"
    std::string output;                  // everything after the command line
};

struct Run {
    std::string output;  // stdout and stderr together
    int exit_code = 0;
};

std::vector<std::filesystem::path> files_under(std::filesystem::path const& root);
Expected read(std::filesystem::path const& file);
void write(std::filesystem::path const& file, Expected const& expected, std::string const& actual);
bool updating();

// Runs the pligt binary with the arguments from `directory`.
Run run_pligt(std::filesystem::path const& binary, std::vector<std::string> const& arguments,
              std::filesystem::path const& directory);

// Splits a command line on blanks; double quotes group words.
std::vector<std::string> split_command(std::string const& line);

// "line N: expected '…', found '…'" for a failure message.
std::string first_difference(std::string const& actual, std::string const& expected);

}  // namespace pligt::golden
