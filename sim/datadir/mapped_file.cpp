// MappedFile: open, fstat, mmap (see mapped_file.h). An empty file maps nothing and reads
// as no bytes.
#include "sim/datadir/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace zk::sim::datadir {

DataDirResult<MappedFile> MappedFile::open(const std::string& path, size_t max_bytes) {
  if (path.empty()) return file_error(path, "cannot be read: the path is empty");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return file_error(path, fmt::format("cannot be read: {}", std::strerror(errno)));
  struct stat info {};
  std::string problem;
  if (fstat(fd, &info) != 0) {
    problem = fmt::format("cannot be read: {}", std::strerror(errno));
  } else if (S_ISDIR(info.st_mode)) {
    problem = "is a directory, not a file";
  } else if (!S_ISREG(info.st_mode)) {
    problem = "is not a regular file";
  } else if (static_cast<uint64_t>(info.st_size) > max_bytes) {
    problem = fmt::format("is larger than {} bytes, the limit for a ZooKeeper data file", max_bytes);
  }
  MappedFile file;
  if (problem.empty() && info.st_size > 0) {
    void* mapped = mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapped == MAP_FAILED) {
      problem = fmt::format("cannot be read: {}", std::strerror(errno));
    } else {
      file.data_ = static_cast<const char*>(mapped);
      file.size_ = static_cast<size_t>(info.st_size);
      (void)madvise(mapped, file.size_, MADV_SEQUENTIAL);
    }
  }
  ::close(fd);
  if (!problem.empty()) return file_error(path, problem);
  return file;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)),
      released_(std::exchange(other.released_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    close();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    released_ = std::exchange(other.released_, 0);
  }
  return *this;
}

MappedFile::~MappedFile() { close(); }

void MappedFile::close() {
  released_ = 0;
  if (data_ != nullptr) munmap(const_cast<char*>(data_), size_);  // NOLINT: mmap's own pointer
  data_ = nullptr;
  size_ = 0;
}

void MappedFile::release_before(size_t offset) {
  static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t end = std::min(offset, size_) / page * page;
  if (data_ == nullptr || end <= released_) return;
  (void)madvise(const_cast<char*>(data_) + released_, end - released_, MADV_DONTNEED);  // NOLINT: as above
  released_ = end;
}

}  // namespace zk::sim::datadir
