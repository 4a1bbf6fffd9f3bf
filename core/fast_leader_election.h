// FastLeaderElection: ZooKeeper's election (electionAlg=3) as a sans-IO state machine.
// It merges FLE's two threads: the receiver (which answers LOOKING peers in every state)
// and lookForLeader (which runs only while LOOKING). Time enters only as timer inputs:
//   - kElectionPoll: no notification for notTimeout (200 ms, doubling up to 60 s) ->
//     send the proposal again;
//   - kElectionFinalize: a quorum agreed and 200 ms passed with no notification -> decide.
// Notifications that arrive during the finalize wait and are not better are discarded and
// restart the 200 ms wait, as in ZooKeeper (lookForLeader polls its queue in a loop).
// After deciding, the server reads the decision with take_decision().
// An observer runs the same loop with a proposal for no one (kNoVote): it never proposes
// itself, adopts the voters' votes, and ends OBSERVING once a quorum of voters agrees on a
// leader; voters answer an observer (any non-voter) at once with their current vote.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "core/notification.h"
#include "core/outbox.h"
#include "core/quorum_verifier.h"
#include "core/vote_tally.h"

namespace zk {

struct ElectionConfig {
  ServerId my_id = 0;
  QuorumVerifier quorum;  // includes my_id as a voter or an observer
  int64_t min_notification_interval_us = 200'000;
  int64_t max_notification_interval_us = 60'000'000;
  int64_t finalize_wait_us = 200'000;
  bool injected_ignore_epochs = false;  // InjectedBug::kVoteIgnoresEpoch (tests only)
};

struct ElectionDecision {
  Vote vote;         // the final vote: (leader, zxid, round, peerEpoch)
  PeerState state;   // LEADING, FOLLOWING or (an observer) OBSERVING
};

class FastLeaderElection {
 public:
  explicit FastLeaderElection(ElectionConfig config);

  // QuorumPeer.startLeaderElection at process start: the current vote, which non-voters are
  // answered with until an election ends, is (my id, last logged zxid, currentEpoch).
  void set_initial_vote(Zxid last_logged_zxid, Epoch current_epoch);
  // Enter LOOKING (lookForLeader): a new round with our own vote, sent to every voter.
  void start_looking(Zxid last_logged_zxid, Epoch current_epoch, Outbox& out);
  // A notification arrived; my_state is the server's state (FLE runs in every state).
  void on_notification(const Notification& notification, PeerState my_state, Outbox& out);
  void on_poll_timeout(Outbox& out);
  void on_finalize_timeout(Outbox& out);
  // A link to `peer` came up: send it the last notification queued for it, if any.
  void on_peer_connected(ServerId peer, Outbox& out);
  // The decision of the round that just ended, once; empty while undecided.
  std::optional<ElectionDecision> take_decision();
  // ZOOKEEPER-1732: once the new epoch is established the stored vote carries it.
  void update_peer_epoch(Epoch epoch);
  // The server left LOOKING for another reason (crash handling is the world's job).
  void stop_looking(Outbox& out);

  bool looking() const { return looking_; }
  bool finalizing() const { return finalizing_; }
  int64_t logical_clock() const { return logical_clock_; }
  const Vote& proposal() const { return proposal_; }
  const Vote& current_vote() const { return current_vote_; }
  const std::map<ServerId, Vote>& received_votes() const { return recvset_.votes(); }
  const std::map<ServerId, Vote>& out_of_election_votes() const { return outofelection_.votes(); }
  int64_t notification_timeout_us() const { return not_timeout_us_; }
  const ElectionConfig& config() const { return config_; }

 private:
  void send_notifications(Outbox& out);
  void send_to(ServerId to, const Vote& vote, PeerState state, Outbox& out);
  void handle_in_loop(const Notification& notification, Outbox& out);
  void handle_looking_sender(const Notification& notification, Outbox& out);
  void handle_established_sender(const Notification& notification, Outbox& out);
  void update_proposal(const Vote& vote, ServerId cause, Outbox& out);
  void decide(const Vote& final_vote, DecidedBy via, int64_t supporters, Outbox& out);
  bool is_quorum(int64_t count) const;
  bool check_leader(const VoteTally& votes, ServerId leader, int64_t election_epoch) const;
  bool is_voter(ServerId id) const;
  bool participant() const { return is_voter(config_.my_id); }
  void arm_poll_timer(Outbox& out);

  // better(), or the injected bug's comparison that ignores every epoch.
  bool beats(const Vote& candidate, const Vote& current) const;
  ElectionConfig config_;
  bool looking_ = false;
  bool finalizing_ = false;
  int64_t logical_clock_ = 0;
  Vote initial_vote_;
  Vote proposal_;
  Vote current_vote_;
  VoteTally recvset_;
  VoteTally outofelection_;
  int64_t not_timeout_us_ = 0;
  std::optional<ElectionDecision> decision_;
  std::map<ServerId, Notification> last_sent_;
};

}  // namespace zk
