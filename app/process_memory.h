// What this process holds in memory, for the benchmarks: /proc/self/status figures (VmRSS,
// VmHWM) and, where the binary runs on tcmalloc (the release build), the heap bytes in use
// and a way to hand freed heap pages back to the system, so that a phase's resident memory
// is measured from a clean start rather than on top of pages an earlier phase freed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace zk::app {

// A /proc/self/status figure ("VmRSS", "VmHWM") in bytes; 0 when absent.
int64_t proc_status_bytes(const std::string& key);
// Bytes the program has allocated and not freed (tcmalloc's
// generic.current_allocated_bytes); nullopt without tcmalloc.
std::optional<int64_t> heap_in_use_bytes();
// Returns freed heap pages to the system (tcmalloc's ReleaseFreeMemory); false without tcmalloc.
bool release_free_heap();
// Resets VmHWM to the current VmRSS (Linux: "5" to /proc/self/clear_refs); false where it cannot.
bool reset_peak_resident();

}  // namespace zk::app
