// VoteTally: the votes an election has received, one per sender (FastLeaderElection's recvset
// and outofelection maps), with running counts so that "how many of them does ZooKeeper's
// Vote.equals match with this vote?" (termPredicate's count) is a lookup instead of a pass over
// every sender. ZooKeeper counts by iterating, O(n) per notification; with n servers each
// changing its proposal several times and every change sent to n peers, that pass made an
// election's CPU cost grow as about n^4 in the simulator. Vote.equals compares every field
// when either side is LOOKING and only (leader, peerEpoch) between established votes, so the
// tally keeps three counts: LOOKING votes by every field, established votes by every field,
// established votes by (leader, peerEpoch). Only senders put with `counts` (voters) are
// counted; the map keeps every sender's vote, as ZooKeeper's does.
#pragma once

#include <cstdint>
#include <map>
#include <tuple>

#include "core/vote.h"

namespace zk {

class VoteTally {
 public:
  // Records sender's vote, replacing its earlier one. `counts` must be the same for a sender
  // every time (whether it is a voter does not change within an election).
  void put(ServerId sender, const Vote& vote, bool counts);
  void clear();
  // The counted senders whose vote votes_equal(vote, target).
  int64_t agreeing(const Vote& target) const;

  const std::map<ServerId, Vote>& votes() const { return votes_; }
  const Vote* find(ServerId sender) const;

 private:
  using FullKey = std::tuple<ServerId, Zxid, int64_t, Epoch>;  // leader, zxid, round, peerEpoch
  using ShortKey = std::tuple<ServerId, Epoch>;                 // leader, peerEpoch
  static FullKey full_key(const Vote& v) { return {v.leader, v.zxid, v.election_epoch, v.peer_epoch}; }
  static ShortKey short_key(const Vote& v) { return {v.leader, v.peer_epoch}; }
  void count(const Vote& vote, int delta);
  template <typename Key>
  static int64_t lookup(const std::map<Key, int64_t>& counts, const Key& key);

  std::map<ServerId, Vote> votes_;
  std::map<FullKey, int64_t> looking_;              // counted LOOKING votes
  std::map<FullKey, int64_t> established_full_;     // counted FOLLOWING / LEADING / OBSERVING votes
  std::map<ShortKey, int64_t> established_short_;   // the same by (leader, peerEpoch)
};

}  // namespace zk
