// Big-endian integers from raw bytes (Java's DataInput order), for the framing of ZooKeeper's
// files around the jute records: callers check that enough bytes are left first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/invariant.h"

namespace zk::sim::datadir {

inline int32_t read_be32(std::string_view b) {
  ZK_INVARIANT(b.size() >= 4);
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(b[i]);
  return static_cast<int32_t>(v);
}

inline int64_t read_be64(std::string_view b) {
  ZK_INVARIANT(b.size() >= 8);
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(b[i]);
  return static_cast<int64_t>(v);
}

inline void append_be32(std::string* out, int32_t value) {
  const auto v = static_cast<uint32_t>(value);
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xffU));
}

inline void append_be64(std::string* out, int64_t value) {
  const auto v = static_cast<uint64_t>(value);
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xffU));
}

}  // namespace zk::sim::datadir
