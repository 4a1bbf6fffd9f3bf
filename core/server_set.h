// ServerSet: a set of server ids (1..255, the ids a zoo.cfg may name here) as a 256-bit
// mask plus its size. The leader keeps one per outstanding proposal for the servers that
// acked it, so counting a quorum is a read and recording an ack allocates nothing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/invariant.h"
#include "core/zxid.h"

namespace zk {

class ServerSet {
 public:
  static constexpr ServerId kMaxServerId = 255;

  // True if id was not in the set yet.
  bool insert(ServerId id) {
    ZK_INVARIANT(id >= 0 && id <= kMaxServerId);
    uint64_t& word = words_[static_cast<size_t>(id) / 64];
    const uint64_t bit = uint64_t{1} << (static_cast<unsigned>(id) % 64);
    const bool fresh = (word & bit) == 0;
    word |= bit;
    count_ += fresh ? 1 : 0;
    return fresh;
  }
  bool erase(ServerId id) {
    if (!contains(id)) return false;
    words_[static_cast<size_t>(id) / 64] &= ~(uint64_t{1} << (static_cast<unsigned>(id) % 64));
    --count_;
    return true;
  }
  bool contains(ServerId id) const {
    if (id < 0 || id > kMaxServerId) return false;
    return (words_[static_cast<size_t>(id) / 64] >> (static_cast<unsigned>(id) % 64)) & 1U;
  }
  size_t size() const { return count_; }  // kept, not counted: baseline x86-64 has no popcnt
  bool empty() const { return count_ == 0; }
  bool operator==(const ServerSet&) const = default;

 private:
  std::array<uint64_t, 4> words_{};
  size_t count_ = 0;
};

}  // namespace zk
