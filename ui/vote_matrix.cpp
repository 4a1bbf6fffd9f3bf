// Builds the Votes panel's model from each live server's election state.
#include "ui/vote_matrix.h"

#include "sim/world/world.h"

namespace zk::ui {

VoteMatrix build_vote_matrix(const sim::World& world) {
  VoteMatrix matrix;
  const int n = world.server_count();
  matrix.server_count = n;
  const int voters = n - static_cast<int>(world.config().observers.size());
  matrix.quorum_size = voters / 2 + 1;
  matrix.rows.resize(static_cast<size_t>(n));
  for (ServerId id = 1; id <= n; ++id) {
    VoteRow& row = matrix.rows[static_cast<size_t>(id - 1)];
    row.id = id;
    row.received.resize(static_cast<size_t>(n));
    const QuorumPeer* peer = world.peer(id);
    if (peer == nullptr) continue;
    row.up = true;
    row.paused = world.slot(id).paused;
    row.state = peer->state();
    const FastLeaderElection& election = peer->election();
    row.looking = election.looking();
    row.finalizing = election.finalizing();
    row.proposal = election.proposal();
    row.proposal.state = peer->state();
    row.logical_clock = election.logical_clock();
    Vote own = election.proposal();
    own.election_epoch = election.logical_clock();
    own.state = PeerState::kLooking;
    for (const auto& [sender, vote] : election.received_votes()) {
      if (sender < 1 || sender > n) continue;
      VoteCell& cell = row.received[static_cast<size_t>(sender - 1)];
      cell.vote = vote;
      cell.supports = votes_equal(vote, own);
      if (cell.supports) ++row.supporters;
    }
    row.quorum = row.supporters >= matrix.quorum_size;
  }
  return matrix;
}

}  // namespace zk::ui
