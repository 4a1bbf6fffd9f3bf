// VoteMatrix: what the Votes panel shows, computed from the world without drawing, so it
// can be tested. One row per server (the receiver): its current vote (proposal), logical
// clock, and the vote it last received from each sender (ZooKeeper's recvset). The
// senders whose vote equals the receiver's own proposal (ZooKeeper's Vote.equals) are
// marked as its supporters; when they are a quorum, that is the quorum that decides. For a
// LOOKING server whose proposal changed in this election, the row also names the field of
// ZooKeeper's totalOrderPredicate that decided the change (epoch, zxid or server id), read
// from the trace's last vote change of that server.
#pragma once

#include <optional>
#include <vector>

#include "core/vote.h"

namespace zk::sim {
class World;
}

namespace zk::ui {

struct VoteCell {
  std::optional<Vote> vote;  // empty: nothing received from this sender in this round
  bool supports = false;     // equals the receiver's proposal (counts toward its quorum)
};

struct VoteRow {
  ServerId id = 0;
  bool up = false;
  bool paused = false;
  PeerState state = PeerState::kLooking;
  bool looking = false;     // the election is running (lookForLeader)
  bool finalizing = false;  // a quorum agreed; waiting 200 ms for a better vote
  Vote proposal;            // the server's current vote
  int64_t logical_clock = 0;
  std::vector<VoteCell> received;  // index sender-1
  int supporters = 0;              // cells with supports
  bool quorum = false;             // supporters form a quorum of the voters
  // LOOKING and its proposal changed in this election: what decided the last change (the
  // new proposal beat the old one on this field), whose vote it took, and the old proposal.
  VoteDecider changed_by = VoteDecider::kNone;
  ServerId changed_on_vote_of = 0;
  Vote proposal_before;
};

// How far back the trace is searched for a LOOKING server's last vote change (a bound on
// the per-frame work; a change further back than this is not shown).
constexpr size_t kVoteChangeSearchEvents = 20'000;

struct VoteMatrix {
  int server_count = 0;
  int quorum_size = 0;  // floor(V/2)+1 of the V voters (observers never count)
  std::vector<VoteRow> rows;  // index receiver-1
};

VoteMatrix build_vote_matrix(const sim::World& world);

}  // namespace zk::ui
