// read_text_file: open, fstat, then read in chunks up to the limit (see text_file.h).
#include "sim/text/text_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace zk::sim {
namespace {

std::string too_large(size_t max_bytes) {
  return fmt::format("is larger than {} bytes, the limit for a scenario or zoo.cfg", max_bytes);
}

}  // namespace

FileText::FileText(std::optional<std::string> contents) {
  if (contents) text = std::move(*contents);
  else error = "cannot be read";
}

FileText FileText::failed(std::string message) {
  FileText result;
  result.error = std::move(message);
  return result;
}

FileText read_text_file(const std::string& path, size_t max_bytes) {
  if (path.empty()) return FileText::failed("cannot be read: the path is empty");
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return FileText::failed(fmt::format("cannot be read: {}", std::strerror(errno)));
  FileText result;
  struct stat info {};
  if (fstat(fd, &info) != 0) {
    result.error = fmt::format("cannot be read: {}", std::strerror(errno));
  } else if (S_ISDIR(info.st_mode)) {
    result.error = "is a directory, not a file";
  } else if (S_ISREG(info.st_mode) && static_cast<uint64_t>(info.st_size) > max_bytes) {
    result.error = too_large(max_bytes);
  } else {
    std::array<char, 65536> buffer{};
    for (;;) {
      const ssize_t n = read(fd, buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        result.error = fmt::format("cannot be read: {}", std::strerror(errno));
        break;
      }
      if (n == 0) break;
      if (result.text.size() + static_cast<size_t>(n) > max_bytes) {
        result.error = too_large(max_bytes);
        break;
      }
      result.text.append(buffer.data(), static_cast<size_t>(n));
    }
  }
  close(fd);
  if (!result.ok()) result.text.clear();
  return result;
}

}  // namespace zk::sim
