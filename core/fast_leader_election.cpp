// Fast leader election: the receiver rules (FastLeaderElection.Messenger.WorkerReceiver) and
// the lookForLeader loop.
#include "core/fast_leader_election.h"

#include <algorithm>
#include "core/invariant.h"

namespace zk {

FastLeaderElection::FastLeaderElection(ElectionConfig config) : config_(std::move(config)) {
  ZK_INVARIANT(is_voter(config_.my_id) || config_.quorum.is_observer(config_.my_id));
  not_timeout_us_ = config_.min_notification_interval_us;
  current_vote_ = Vote{config_.my_id, 0, 0, 0, PeerState::kLooking};
}

bool FastLeaderElection::is_voter(ServerId id) const {
  return config_.quorum.is_voter(id);
}

bool FastLeaderElection::is_quorum(int64_t count) const {
  return count >= 0 && config_.quorum.is_quorum(static_cast<size_t>(count));
}

void FastLeaderElection::arm_poll_timer(Outbox& out) { out.set_timer(TimerKind::kElectionPoll, not_timeout_us_); }

void FastLeaderElection::send_to(ServerId to, const Vote& vote, PeerState state, Outbox& out) {
  Notification notification;
  notification.sender = config_.my_id;
  notification.vote = vote;
  notification.vote.state = state;
  if (to != config_.my_id) last_sent_[to] = notification;
  out.send(to, notification);
}

void FastLeaderElection::send_notifications(Outbox& out) {
  Vote vote = proposal_;
  vote.election_epoch = logical_clock_;
  for (ServerId voter : config_.quorum.voters()) send_to(voter, vote, PeerState::kLooking, out);
}

void FastLeaderElection::set_initial_vote(Zxid last_logged_zxid, Epoch current_epoch) {
  current_vote_ = Vote{config_.my_id, last_logged_zxid, -1, current_epoch, PeerState::kLooking};
}

void FastLeaderElection::start_looking(Zxid last_logged_zxid, Epoch current_epoch, Outbox& out) {
  looking_ = true;
  finalizing_ = false;
  decision_.reset();
  recvset_.clear();
  outofelection_.clear();
  ++logical_clock_;
  not_timeout_us_ = config_.min_notification_interval_us;
  initial_vote_ = participant()
                      ? Vote{config_.my_id, last_logged_zxid, logical_clock_, current_epoch, PeerState::kLooking}
                      : Vote{kNoVote, kNoVote, logical_clock_, kNoVote, PeerState::kLooking};
  proposal_ = initial_vote_;
  TraceEvent event;
  event.kind = TraceKind::kElectionStarted;
  event.vote_new = proposal_;
  out.trace(event);
  send_notifications(out);
  arm_poll_timer(out);
}

void FastLeaderElection::stop_looking(Outbox& out) {
  looking_ = false;
  finalizing_ = false;
  out.cancel_timer(TimerKind::kElectionPoll);
  out.cancel_timer(TimerKind::kElectionFinalize);
}

void FastLeaderElection::on_notification(const Notification& notification, PeerState my_state, Outbox& out) {
  const Vote& vote = notification.vote;
  if (!is_voter(notification.sender)) {
    // Rule 1: a non-voter (an observer) gets our current vote back at once: the last
    // election's result (or our own start-up vote), not the proposal of a round under
    // way, with our round and state.
    Vote reply = current_vote_;
    reply.election_epoch = logical_clock_;
    send_to(notification.sender, reply, my_state, out);
    return;
  }
  if (!looking_) {
    // Rule 3: established servers answer LOOKING peers with their final vote and state.
    if (vote.state == PeerState::kLooking) send_to(notification.sender, current_vote_, my_state, out);
    return;
  }
  // Rule 2: a LOOKING peer in an older round gets our proposal and round back.
  if (vote.state == PeerState::kLooking && vote.election_epoch < logical_clock_) {
    Vote reply = proposal_;
    reply.election_epoch = logical_clock_;
    send_to(notification.sender, reply, PeerState::kLooking, out);
  }
  if (finalizing_) {
    // The finalize wait polls the queue with a 200 ms timeout (lookForLeader's
    // `recvqueue.poll(finalizeWait)` loop): a better vote ends the wait and is processed;
    // anything else is thrown away and the poll, with it the 200 ms, starts again. So a
    // server decides 200 ms after the last notification that reached it.
    if (!beats(vote, proposal_)) {
      out.set_timer(TimerKind::kElectionFinalize, config_.finalize_wait_us);
      return;
    }
    finalizing_ = false;
    out.cancel_timer(TimerKind::kElectionFinalize);
    TraceEvent event;
    event.kind = TraceKind::kFinalizeInterrupted;
    event.peer = notification.sender;
    event.vote_old = proposal_;
    event.vote_new = vote;
    out.trace(event);
  }
  handle_in_loop(notification, out);
}

bool FastLeaderElection::beats(const Vote& candidate, const Vote& current) const {
  if (!config_.injected_ignore_epochs) return better(candidate, current);
  if (zxid_counter(candidate.zxid) != zxid_counter(current.zxid)) {
    return zxid_counter(candidate.zxid) > zxid_counter(current.zxid);
  }
  return candidate.leader > current.leader;
}

void FastLeaderElection::handle_in_loop(const Notification& notification, Outbox& out) {
  ZK_INVARIANT(looking_ && !finalizing_);
  const Vote& vote = notification.vote;
  if (!is_voter(notification.sender) || !is_voter(vote.leader)) {
    arm_poll_timer(out);
    return;
  }
  switch (vote.state) {
    case PeerState::kLooking: handle_looking_sender(notification, out); break;
    case PeerState::kFollowing:
    case PeerState::kLeading: handle_established_sender(notification, out); break;
    case PeerState::kObserving: break;
  }
  if (looking_ && !finalizing_) arm_poll_timer(out);
}

void FastLeaderElection::update_proposal(const Vote& vote, ServerId cause, Outbox& out) {
  const Vote old = proposal_;
  proposal_ = Vote{vote.leader, vote.zxid, logical_clock_, vote.peer_epoch, PeerState::kLooking};
  if (old.leader == proposal_.leader && old.zxid == proposal_.zxid && old.peer_epoch == proposal_.peer_epoch) return;
  TraceEvent event;
  event.kind = TraceKind::kVoteChanged;
  event.peer = cause;
  event.vote_old = old;
  event.vote_new = proposal_;
  event.decider = decide_between(proposal_, old);
  out.trace(event);
}

void FastLeaderElection::handle_looking_sender(const Notification& notification, Outbox& out) {
  const Vote& vote = notification.vote;
  if (vote.election_epoch > logical_clock_) {
    TraceEvent joined;
    joined.kind = TraceKind::kRoundJoined;
    joined.peer = notification.sender;
    joined.round = logical_clock_;
    logical_clock_ = vote.election_epoch;
    recvset_.clear();
    update_proposal(beats(vote, initial_vote_) ? vote : initial_vote_, notification.sender, out);
    joined.vote_new = proposal_;
    out.trace(joined);
    send_notifications(out);
  } else if (vote.election_epoch < logical_clock_) {
    return;  // An old round; the receiver already answered it.
  } else if (beats(vote, proposal_)) {
    update_proposal(vote, notification.sender, out);
    send_notifications(out);
  }
  recvset_.put(notification.sender, Vote{vote.leader, vote.zxid, vote.election_epoch, vote.peer_epoch, PeerState::kLooking},
               is_voter(notification.sender));

  const Vote target{proposal_.leader, proposal_.zxid, logical_clock_, proposal_.peer_epoch, PeerState::kLooking};
  const int64_t agreeing = recvset_.agreeing(target);
  if (!is_quorum(agreeing)) return;
  finalizing_ = true;
  out.cancel_timer(TimerKind::kElectionPoll);
  out.set_timer(TimerKind::kElectionFinalize, config_.finalize_wait_us);
  TraceEvent event;
  event.kind = TraceKind::kQuorumReached;
  event.vote_new = target;
  event.votes = static_cast<int32_t>(agreeing);
  event.voters = static_cast<int32_t>(config_.quorum.voter_count());
  out.trace(event);
}

void FastLeaderElection::handle_established_sender(const Notification& notification, Outbox& out) {
  const Vote& vote = notification.vote;
  const Vote target{vote.leader, vote.zxid, vote.election_epoch, vote.peer_epoch, vote.state};
  if (vote.election_epoch == logical_clock_) {
    recvset_.put(notification.sender, target, is_voter(notification.sender));
    const int64_t agreeing = recvset_.agreeing(target);
    if (is_quorum(agreeing) && check_leader(recvset_, vote.leader, vote.election_epoch)) {
      decide(target, DecidedBy::kJoined, agreeing, out);
      return;
    }
  }
  outofelection_.put(notification.sender, target, is_voter(notification.sender));
  const int64_t agreeing = outofelection_.agreeing(target);
  if (is_quorum(agreeing) && check_leader(outofelection_, vote.leader, vote.election_epoch)) {
    logical_clock_ = vote.election_epoch;
    decide(target, DecidedBy::kJoined, agreeing, out);
  }
}

bool FastLeaderElection::check_leader(const VoteTally& votes, ServerId leader, int64_t election_epoch) const {
  if (leader != config_.my_id) {
    const Vote* vote = votes.find(leader);
    return vote != nullptr && vote->state == PeerState::kLeading;
  }
  return logical_clock_ == election_epoch;
}

void FastLeaderElection::on_poll_timeout(Outbox& out) {
  if (!looking_ || finalizing_) return;
  send_notifications(out);
  not_timeout_us_ = std::min(not_timeout_us_ * 2, config_.max_notification_interval_us);
  arm_poll_timer(out);
}

void FastLeaderElection::on_finalize_timeout(Outbox& out) {
  if (!looking_ || !finalizing_) return;
  finalizing_ = false;
  const Vote final_vote{proposal_.leader, proposal_.zxid, logical_clock_, proposal_.peer_epoch, PeerState::kLooking};
  const int64_t agreeing = recvset_.agreeing(final_vote);
  decide(final_vote, DecidedBy::kFinalize, agreeing, out);
}

void FastLeaderElection::decide(const Vote& final_vote, DecidedBy via, int64_t supporters, Outbox& out) {
  // learningState(): an observer observes the leader a quorum of voters agreed on.
  const PeerState state = final_vote.leader == config_.my_id ? PeerState::kLeading
                          : participant()                     ? PeerState::kFollowing
                                                              : PeerState::kObserving;
  current_vote_ = Vote{final_vote.leader, final_vote.zxid, final_vote.election_epoch, final_vote.peer_epoch, state};
  decision_ = ElectionDecision{current_vote_, state};
  TraceEvent event;
  event.kind = TraceKind::kDecided;
  event.vote_new = current_vote_;
  event.state_new = state;
  event.votes = static_cast<int32_t>(supporters);
  event.voters = static_cast<int32_t>(config_.quorum.voter_count());
  event.decided_by = via;
  out.trace(event);
  stop_looking(out);
}

std::optional<ElectionDecision> FastLeaderElection::take_decision() { return std::exchange(decision_, std::nullopt); }

void FastLeaderElection::update_peer_epoch(Epoch epoch) { current_vote_.peer_epoch = epoch; }

void FastLeaderElection::on_peer_connected(ServerId peer, Outbox& out) {
  const auto it = last_sent_.find(peer);
  if (it != last_sent_.end()) out.send(peer, it->second);
}

}  // namespace zk
