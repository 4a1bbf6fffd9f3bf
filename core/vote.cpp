// The election's total order and ZooKeeper's vote equality.
#include "core/vote.h"

namespace zk {

const char* peer_state_name(PeerState state) {
  switch (state) {
    case PeerState::kLooking: return "LOOKING";
    case PeerState::kFollowing: return "FOLLOWING";
    case PeerState::kLeading: return "LEADING";
    case PeerState::kObserving: return "OBSERVING";
  }
  return "?";
}

bool better(const Vote& candidate, const Vote& current) {
  if (candidate.peer_epoch != current.peer_epoch) return candidate.peer_epoch > current.peer_epoch;
  if (candidate.zxid != current.zxid) return candidate.zxid > current.zxid;
  return candidate.leader > current.leader;
}

VoteDecider decide_between(const Vote& candidate, const Vote& current) {
  if (candidate.peer_epoch != current.peer_epoch) return VoteDecider::kPeerEpoch;
  if (candidate.zxid != current.zxid) return VoteDecider::kZxid;
  if (candidate.leader != current.leader) return VoteDecider::kServerId;
  return VoteDecider::kNone;
}

bool votes_equal(const Vote& a, const Vote& b) {
  if (a.state == PeerState::kLooking || b.state == PeerState::kLooking) {
    return a.leader == b.leader && a.zxid == b.zxid && a.election_epoch == b.election_epoch &&
           a.peer_epoch == b.peer_epoch;
  }
  return a.leader == b.leader && a.peer_epoch == b.peer_epoch;
}

}  // namespace zk
