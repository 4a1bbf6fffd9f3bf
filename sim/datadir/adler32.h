// Adler-32, the checksum ZooKeeper's txn log puts before every entry and its snapshot seals
// with (java.util.zip.Adler32, as zlib's adler32). Incremental: feed bytes in pieces.
#pragma once

#include <cstdint>
#include <string_view>

namespace zk::sim::datadir {

class Adler32 {
 public:
  void update(std::string_view bytes);
  uint32_t value() const { return (b_ << 16) | a_; }

 private:
  uint32_t a_ = 1;
  uint32_t b_ = 0;
};

uint32_t adler32(std::string_view bytes);

}  // namespace zk::sim::datadir
