// Reading a scenario or zoo.cfg from the filesystem, bounded: a file larger than the limit
// is refused after reading at most limit + 1 bytes (so `/dev/zero` or a huge file cannot
// exhaust memory), a directory is named as such, and any other failure carries the
// system's reason. Pipes and other non-regular files are read the same bounded way, so
// `zksim run <(generate)` works. Errors are values without the path; callers prefix it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace zk::sim {

// The largest scenario or zoo.cfg zksim reads or parses (4 MiB; the longest lesson is 3 KB).
inline constexpr size_t kInputFileBytesMax = 4u << 20;

struct FileText {
  std::string text;
  // What follows the path in a message ("is a directory, not a file", "cannot be read:
  // No such file or directory", "is larger than ..."); empty when read.
  std::string error;

  FileText() = default;
  // From a reader that only says whether it could read (tests' in-memory files): nullopt
  // becomes "cannot be read".
  FileText(std::optional<std::string> contents);  // NOLINT: implicit on purpose
  static FileText failed(std::string error);
  bool ok() const { return error.empty(); }
};

FileText read_text_file(const std::string& path, size_t max_bytes = kInputFileBytesMax);

}  // namespace zk::sim
