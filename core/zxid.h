// Zxid: ZooKeeper's transaction id, (epoch << 32) | counter, as a plain 64-bit value.
// Helpers split and join it and print it the way zkCli does (lowercase hex, "0x0" for
// zero, no leading zeros). Every other part of zksim uses these instead of shifting by hand.
#pragma once

#include <cstdint>
#include <string>

namespace zk {

using Zxid = int64_t;
using Epoch = int64_t;
using ServerId = int64_t;
using SessionId = int64_t;

constexpr Epoch zxid_epoch(Zxid zxid) { return static_cast<Epoch>(static_cast<uint64_t>(zxid) >> 32); }
constexpr uint32_t zxid_counter(Zxid zxid) { return static_cast<uint32_t>(zxid & 0xffffffffLL); }
constexpr Zxid make_zxid(Epoch epoch, uint32_t counter) {
  return static_cast<Zxid>((static_cast<uint64_t>(epoch) << 32) | counter);
}
// True for the (e << 32) | 0 value that marks "epoch e established" and names no txn.
constexpr bool is_epoch_marker(Zxid zxid) { return zxid_counter(zxid) == 0; }

// "0x100000003"; negative values print as two's complement like Java's Long.toHexString.
std::string zxid_hex(Zxid zxid);

}  // namespace zk
