// process_memory: /proc/self reads and tcmalloc's C interface, looked up as weak symbols so
// the sanitized build (glibc malloc under ASan) links and simply reports nothing.
#include "app/process_memory.h"

#include <cstddef>
#include <fstream>

extern "C" {
int MallocExtension_GetNumericProperty(const char* property, size_t* value) __attribute__((weak));
void MallocExtension_ReleaseFreeMemory() __attribute__((weak));
}

namespace zk::app {

int64_t proc_status_bytes(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stoll(line.substr(key.size() + 1)) * 1024;
  }
  return 0;
}

std::optional<int64_t> heap_in_use_bytes() {
  size_t value = 0;
  if (MallocExtension_GetNumericProperty == nullptr ||
      MallocExtension_GetNumericProperty("generic.current_allocated_bytes", &value) == 0) {
    return std::nullopt;
  }
  return static_cast<int64_t>(value);
}

bool release_free_heap() {
  if (MallocExtension_ReleaseFreeMemory == nullptr) return false;
  MallocExtension_ReleaseFreeMemory();
  return true;
}

bool reset_peak_resident() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

}  // namespace zk::app
