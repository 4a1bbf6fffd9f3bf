// Builds the Votes panel's model from each live server's election state.
#include "ui/vote_matrix.h"

#include <vector>

#include "core/trace_event.h"
#include "sim/world/world.h"

namespace zk::ui {
namespace {

bool same_proposal(const Vote& a, const Vote& b) {
  return a.leader == b.leader && a.zxid == b.zxid && a.peer_epoch == b.peer_epoch;
}

// Walks the trace back from its end to each LOOKING server's latest vote change or the
// start of its election, whichever comes first.
void find_vote_changes(const sim::World& world, VoteMatrix& matrix) {
  size_t unresolved = 0;
  std::vector<bool> resolved(matrix.rows.size(), true);
  for (size_t i = 0; i < matrix.rows.size(); ++i) {
    if (matrix.rows[i].up && matrix.rows[i].looking) {
      resolved[i] = false;
      ++unresolved;
    }
  }
  const Trace& trace = world.trace();
  const size_t stop = trace.size() > kVoteChangeSearchEvents ? trace.size() - kVoteChangeSearchEvents : 0;
  for (size_t index = trace.size(); index > stop && unresolved > 0; --index) {
    const TraceEvent& event = trace[index - 1];
    if (event.server < 1 || event.server > matrix.server_count) continue;
    const size_t row_index = static_cast<size_t>(event.server - 1);
    if (resolved[row_index]) continue;
    VoteRow& row = matrix.rows[row_index];
    if (event.kind == TraceKind::kVoteChanged) {
      // A change to a better vote (not back to its own at a new round) has a deciding field.
      if (same_proposal(event.vote_new, row.proposal) && better(event.vote_new, event.vote_old)) {
        row.changed_by = event.decider;
        row.changed_on_vote_of = event.peer;
        row.proposal_before = event.vote_old;
      }
    } else if (event.kind != TraceKind::kElectionStarted) {
      continue;
    }
    resolved[row_index] = true;
    --unresolved;
  }
}

}  // namespace

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
  find_vote_changes(world, matrix);
  return matrix;
}

}  // namespace zk::ui
