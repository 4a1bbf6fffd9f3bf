// EphemeralType: what a node's ephemeralOwner value means. 0 is a plain persistent node,
// Long.MIN_VALUE marks a container, a top byte of 0xFF marks a TTL node (TTL in the low 40
// bits), and anything else is the id of the session that owns an ephemeral node.
#pragma once

#include <cstdint>
#include <limits>

namespace zk {

enum class EphemeralType { kVoid, kNormal, kContainer, kTtl };

constexpr int64_t kContainerEphemeralOwner = std::numeric_limits<int64_t>::min();
constexpr uint64_t kExtendedMask = 0xff00000000000000ULL;
constexpr int64_t kMaxTtlMs = 0x000000ffffffffffLL;

constexpr int64_t ttl_ephemeral_owner(int64_t ttl_ms) {
  return static_cast<int64_t>(kExtendedMask | static_cast<uint64_t>(ttl_ms));
}

// EphemeralType.TTL.getValue: the TTL in ms a TTL node's ephemeralOwner carries.
constexpr int64_t ttl_of(int64_t ephemeral_owner) {
  return ephemeral_owner & kMaxTtlMs;  // below the extended mask and the reserved bits 40-55
}

constexpr EphemeralType ephemeral_type(int64_t ephemeral_owner) {
  if (ephemeral_owner == 0) return EphemeralType::kVoid;
  if (ephemeral_owner == kContainerEphemeralOwner) return EphemeralType::kContainer;
  if ((static_cast<uint64_t>(ephemeral_owner) & kExtendedMask) == kExtendedMask) return EphemeralType::kTtl;
  return EphemeralType::kNormal;
}

}  // namespace zk
