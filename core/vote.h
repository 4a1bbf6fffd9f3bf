// Vote and PeerState: what a server proposes in fast leader election and how votes are
// ordered and compared, exactly as ZooKeeper's Vote and totalOrderPredicate do it.
//   better(a, b): a beats b on (peerEpoch, zxid, sid), compared left to right.
//   votes_equal(a, b): ZooKeeper's Vote.equals, used to count a quorum: if either side is
//   LOOKING every field must match; between FOLLOWING/LEADING votes only (leader, peerEpoch).
#pragma once

#include <cstdint>

#include "core/zxid.h"

namespace zk {

enum class PeerState : uint8_t { kLooking = 0, kFollowing = 1, kLeading = 2, kObserving = 3 };

// An observer votes for no one: its initial proposal's leader, zxid and peer epoch are all
// Long.MIN_VALUE (FastLeaderElection.getInitId / getInitLastLoggedZxid / getPeerEpoch), so
// every voter's vote beats it.
inline constexpr int64_t kNoVote = INT64_MIN;

const char* peer_state_name(PeerState state);  // "LOOKING", "FOLLOWING", ...

struct Vote {
  ServerId leader = 0;
  Zxid zxid = 0;
  int64_t election_epoch = 0;  // the sender's logical clock (round)
  Epoch peer_epoch = 0;        // the proposed leader's currentEpoch
  PeerState state = PeerState::kLooking;

  bool operator==(const Vote&) const = default;  // field-wise; not ZooKeeper's equals
};

// Which field decided a comparison between two different votes.
enum class VoteDecider : uint8_t { kNone = 0, kPeerEpoch, kZxid, kServerId };

bool better(const Vote& candidate, const Vote& current);
VoteDecider decide_between(const Vote& candidate, const Vote& current);
bool votes_equal(const Vote& a, const Vote& b);

}  // namespace zk
