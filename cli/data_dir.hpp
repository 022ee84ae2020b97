// Where the shipped data lives: the rules/, municipalities/ and simulation/
// that pligt uses when no --rules or --story is given.
#pragma once

#include <filesystem>

namespace pligt::cli {

// PLIGT_DATA_DIR when set and not empty; else share/pligt beside an
// installed binary (PREFIX/bin/pligt reads PREFIX/share/pligt), whenever that
// directory exists, so an installed pligt never reads a source tree; else the
// source tree the binary was built from (a build directory's pligt).
std::filesystem::path shipped_data_dir();

}  // namespace pligt::cli
