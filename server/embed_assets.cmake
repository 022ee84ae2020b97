# Writes OUT, a C++ file holding every file under WEB_DIR as a byte array, for
# server/assets.cpp. Run at build time: cmake -DWEB_DIR=… -DOUT=… -P embed_assets.cmake
file(GLOB_RECURSE files RELATIVE "${WEB_DIR}" "${WEB_DIR}/*")
list(SORT files)
set(arrays "")
set(table "")
set(i 0)
string(REPEAT "0x[0-9a-f][0-9a-f]," 32 line_of_bytes)  # CMake's regex has no {32}
foreach(rel IN LISTS files)
  file(READ "${WEB_DIR}/${rel}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  # 0x.. bytes, 32 to a line.
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "(${line_of_bytes})" "\\1\n    " bytes "${bytes}")
  string(APPEND arrays "// ${rel}\nunsigned char const file${i}[] = {\n    ${bytes}0x00};\n\n")
  string(APPEND table "    {\"/${rel}\", file${i}, ${size}},\n")
  math(EXPR i "${i} + 1")
endforeach()
set(content "// Generated from server/web/ by server/embed_assets.cmake; do not edit.
#include \"server/assets.hpp\"

namespace pligt::server::detail {
namespace {

${arrays}}  // namespace

EmbeddedFile const embedded_files[] = {
${table}    {nullptr, nullptr, 0}};
std::size_t const embedded_file_count = ${i};

}  // namespace pligt::server::detail
")
# Rewrite only on change, so an unchanged page rebuilds nothing.
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUT}" "${content}")
