#include "cli/bulk_memory.hpp"

#include <malloc.h>

namespace pligt::cli {

void keep_large_buffers_in_heap() {
    constexpr int bytes = 256 << 20;
    mallopt(M_MMAP_THRESHOLD, bytes);
    mallopt(M_TRIM_THRESHOLD, bytes);
}

}  // namespace pligt::cli
