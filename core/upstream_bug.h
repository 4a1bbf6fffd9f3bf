// UpstreamBug: data-loss bugs of Apache ZooKeeper 3.8 that zksim fixes by default but can
// reproduce on request, so that an incident can be replayed and the loss taught step by
// step (`cluster 3 bugs=ZOOKEEPER-4643`). Unlike InjectedBug (a defect zksim invents to
// prove its checkers), each of these is how the real server behaves; the default, no bugs,
// is the fixed and safe behaviour. Carried in PeerConfig; a set, since several may be on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zk {

enum class UpstreamBug : uint8_t {
  // A follower writes currentEpoch at NEWLEADER before the txns of its sync are fsynced;
  // crashed in between it restarts with the new epoch and an older log, may win an
  // election on the epoch and truncate acknowledged writes (ZooKeeper 3.5-3.9.1).
  kZookeeper4643,
  // The leader keeps a follower's ACK of an outstanding proposal after that follower
  // reconnected and was truncated below the proposal by TRUNC (Leader.processAck keys acks
  // by server id; removeLearnerHandler does not forget them), so the stale ACK can complete
  // a quorum that is not on the follower's disk (ZooKeeper 3.8; no JIRA number known).
  kStaleAckAfterTrunc,
  kCount
};

struct UpstreamBugs {
  uint32_t mask = 0;
  bool has(UpstreamBug bug) const { return (mask >> static_cast<unsigned>(bug)) & 1U; }
  void add(UpstreamBug bug) { mask |= 1U << static_cast<unsigned>(bug); }
  bool empty() const { return mask == 0; }
  bool operator==(const UpstreamBugs&) const = default;
};

// "ZOOKEEPER-4643", "stale-ack-after-trunc".
const char* upstream_bug_name(UpstreamBug bug);
// A comma-separated list of names ("none" for the empty set); nullopt if a name is unknown.
std::optional<UpstreamBugs> parse_upstream_bugs(std::string_view list);
// The set as parse_upstream_bugs reads it ("ZOOKEEPER-4643,stale-ack-after-trunc").
std::string format_upstream_bugs(UpstreamBugs bugs);
// Every name, comma-separated, for error messages.
std::string upstream_bug_names();

}  // namespace zk
