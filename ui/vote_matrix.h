// VoteMatrix: what the Votes panel shows, computed from the world without drawing, so it
// can be tested. One row per server (the receiver): its current vote (proposal), logical
// clock, and the vote it last received from each sender (ZooKeeper's recvset). The
// senders whose vote equals the receiver's own proposal (ZooKeeper's Vote.equals) are
// marked as its supporters; when they are a quorum, that is the quorum that decides.
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
};

struct VoteMatrix {
  int server_count = 0;
  int quorum_size = 0;  // floor(V/2)+1 of the V voters (observers never count)
  std::vector<VoteRow> rows;  // index receiver-1
};

VoteMatrix build_vote_matrix(const sim::World& world);

}  // namespace zk::ui
