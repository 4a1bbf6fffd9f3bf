// A data file (a snapshot or a txn log) mapped read-only into memory, so a reader walks its
// bytes without a copy, and hands back the pages it has finished with: release_before(offset)
// drops every whole page below `offset` from the process's resident memory (madvise
// MADV_DONTNEED; the kernel keeps them in its page cache), so reading a 1 GiB snapshot holds
// a few MB of the file at a time instead of all of it. Reading a released page again is
// allowed (it is faulted back in), only slower. Files over `max_bytes`, directories and
// unreadable files are refused with the reason, as read_binary_file refuses them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "sim/datadir/datadir_error.h"

namespace zk::sim::datadir {

class MappedFile {
 public:
  static DataDirResult<MappedFile> open(const std::string& path, size_t max_bytes);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return {data_, size_}; }
  void release_before(size_t offset);
  // Unmaps now (the destructor does it otherwise); bytes() is empty afterwards.
  void close();

 private:
  MappedFile() = default;

  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t released_ = 0;  // whole pages below this were handed back
};

}  // namespace zk::sim::datadir
