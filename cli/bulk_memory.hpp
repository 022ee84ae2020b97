// The allocator setting of the verbs that stream many cases (simulate,
// audit, generate, diff). They draw and free buffers of a few hundred
// kilobytes many times a second (a slice of generated cases, a batch of
// lines); glibc serves each from its own mmap and gives it back with munmap,
// page faults and all, which took half of `simulate --generate --runs 20`
// in the kernel (5.4 s of 10.5). Kept in the heap, freed buffers are reused.
#pragma once

namespace pligt::cli {

// Serve allocations up to 256 MiB from the heap and keep freed memory for
// reuse; call once, before the work starts.
void keep_large_buffers_in_heap();

}  // namespace pligt::cli
