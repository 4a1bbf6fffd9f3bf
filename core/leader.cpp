// The leader side of ZAB (ZooKeeper's Leader + LearnerHandler): fixing the new epoch with
// a quorum (discovery), choosing DIFF / TRUNC / SNAP per learner from the committed-log
// window and waiting for a quorum of NEWLEADER acks (synchronization), then proposing
// txns, committing them in zxid order on a quorum of acks, pinging every tick/2, expiring
// sessions, and stepping down when the synced learners plus itself are not a quorum.
#include <fmt/format.h>

#include "core/invariant.h"
#include "core/quorum_peer.h"

namespace zk {

void Leader::lead(QuorumPeer& self, Outbox& out) {
  self.phase_ = ZabPhase::kDiscovery;
  self.prep_.clear();
  epoch = std::max(epoch, self.disk_.accepted_epoch + 1);
  connecting.insert(self.config_.my_id);
  out.set_timer(TimerKind::kLeaderPhaseTimeout, self.config_.tick_us * self.config_.init_limit);
  check_epoch_quorum(self, out);
}

void Leader::on_packet(QuorumPeer& self, ServerId from, const QuorumPacket& packet, Outbox& out) {
  ZK_INVARIANT(self.state_ == PeerState::kLeading && self.leader_role() == this);
  if (is_learner_info(packet.type)) {
    on_follower_info(self, from, packet, out);
    return;
  }
  auto it = handlers.find(from);
  if (it == handlers.end() || it->second.connection != packet.connection) return;  // closed connection
  it->second.tick_of_next_ack_deadline = tick + self.config_.sync_limit;
  switch (packet.type) {
    case PacketType::kAckEpoch:
      on_ack_epoch(self, from, packet, out);
      break;
    case PacketType::kAck:
      on_ack(self, from, packet.zxid, out);
      break;
    case PacketType::kClose:
      handlers.erase(it);
      break;
    case PacketType::kPing:
      for (const auto& [session, timeout_ms] : packet.sessions) {
        (void)timeout_ms;
        self.sessions_.touch(session, out.now_ms());
      }
      break;
    case PacketType::kRequest:
      if (serving && packet.request) {
        const ForwardedRequest& forwarded = *packet.request;
        submit(self, forwarded.session_id, forwarded.cxid, forwarded.request, from, out, forwarded.auth_info);
      }
      break;
    case PacketType::kRevalidate: {
      for (const auto& [session, timeout_ms] : packet.sessions) {
        (void)timeout_ms;
        const bool valid = serving && self.sessions_.touch(session, out.now_ms());
        QuorumPacket reply;
        reply.type = PacketType::kRevalidate;
        reply.connection = packet.connection;
        reply.value = valid ? 1 : 0;
        reply.sessions = {{session, timeout_ms}};
        self.send_packet(from, std::move(reply), out);
      }
      break;
    }
    default:
      break;
  }
}

void Leader::on_follower_info(QuorumPeer& self, ServerId from, const QuorumPacket& packet, Outbox& out) {
  auto existing = handlers.find(from);
  if (existing != handlers.end() && existing->second.connection == packet.connection) return;  // retry
  LearnerHandler handler;
  handler.connection = packet.connection;
  handler.observer = packet.type == PacketType::kObserverInfo;
  handler.tick_of_next_ack_deadline = tick + self.config_.init_limit + self.config_.sync_limit;
  handlers[from] = handler;
  forget_acks(self, from, out);
  if (!epoch_decided) {
    epoch = std::max(epoch, zxid_epoch(packet.zxid) + 1);
    if (self.is_voter(from)) connecting.insert(from);
    check_epoch_quorum(self, out);
  } else {
    self.send_packet(from, PacketType::kLeaderInfo, handler.connection, make_zxid(epoch, 0), 0, out);
  }
}

// A learner that connects again is synchronised afresh, and a TRUNC may cut the
// outstanding proposals it acknowledged over its old connection from its log: those
// ACKs no longer say the txn is on its disk. The sync re-sends every outstanding
// proposal (startForwarding), so the learner acknowledges again what it really logs.
// ZooKeeper 3.8 keys acks by server id and keeps them (`bugs=stale-ack-after-trunc`).
void Leader::forget_acks(QuorumPeer& self, ServerId learner, Outbox& out) {
  if (self.config_.upstream_bugs.has(UpstreamBug::kStaleAckAfterTrunc)) return;
  int64_t forgotten = 0;
  for (auto& [zxid, proposal] : outstanding) forgotten += proposal.acks.erase(learner) ? 1 : 0;
  if (forgotten == 0) return;
  out.trace(TraceEvent{.kind = TraceKind::kAcksForgotten, .peer = learner, .txns = static_cast<int32_t>(forgotten)});
}

void Leader::check_epoch_quorum(QuorumPeer& self, Outbox& out) {
  if (epoch_decided || !connecting.count(self.config_.my_id) || !self.is_quorum(connecting.size())) {
    return;
  }
  epoch_decided = true;
  self.write_epoch(EpochFile::kAcceptedEpoch, epoch, out);
  out.trace(TraceEvent{.kind = TraceKind::kEpochProposed,
                       .epoch = epoch,
                       .acked = static_cast<int32_t>(connecting.size()),
                       .voters = static_cast<int32_t>(self.config_.quorum.voter_count())});
  for (const auto& [sid, handler] : handlers) {
    self.send_packet(sid, PacketType::kLeaderInfo, handler.connection, make_zxid(epoch, 0), 0, out);
  }
  out.set_timer(TimerKind::kLeaderPhaseTimeout, self.config_.tick_us * self.config_.init_limit);
  electing.insert(self.config_.my_id);  // the leader's own waitForEpochAck
  check_epoch_ack_quorum(self, out);
}

void Leader::on_ack_epoch(QuorumPeer& self, ServerId from, const QuorumPacket& packet, Outbox& out) {
  LearnerHandler& handler = handlers.at(from);
  if (handler.acked_epoch) return;
  const Epoch learner_epoch = packet.value;
  const bool ahead = learner_epoch > self.disk_.current_epoch ||
                     (learner_epoch == self.disk_.current_epoch && packet.zxid > self.db_.last_processed_zxid());
  if (learner_epoch != -1 && ahead) {
    out.trace(TraceEvent{.kind = TraceKind::kLearnerDropped,
                         .peer = from,
                         .zxid = packet.zxid,
                         .leader_zxid = self.db_.last_processed_zxid(),
                         .drop_reason = LearnerDropReason::kFollowerAhead});
    drop_learner(self, from, out);
    return;
  }
  handler.acked_epoch = true;
  handler.peer_last_zxid = packet.zxid;
  if (learner_epoch != -1 && self.is_voter(from)) electing.insert(from);
  if (epoch_acked) {
    start_sync(self, from, out);
  } else {
    check_epoch_ack_quorum(self, out);
  }
}

void Leader::check_epoch_ack_quorum(QuorumPeer& self, Outbox& out) {
  if (epoch_acked || !electing.count(self.config_.my_id) || !self.is_quorum(electing.size())) return;
  epoch_acked = true;
  self.write_epoch(EpochFile::kCurrentEpoch, epoch, out);
  self.phase_ = ZabPhase::kSynchronization;
  out.set_timer(TimerKind::kLeaderPhaseTimeout, self.config_.tick_us * self.config_.init_limit);
  for (const auto& [sid, handler] : handlers) {
    if (handler.acked_epoch && !handler.sync_sent) start_sync(self, sid, out);
  }
  new_leader_acks.insert(self.config_.my_id);  // the leader's own NEWLEADER ack
  check_new_leader_quorum(self, out);
}

void Leader::start_sync(QuorumPeer& self, ServerId learner, Outbox& out) {
  LearnerHandler& handler = handlers.at(learner);
  ZK_INVARIANT(handler.acked_epoch && !handler.sync_sent);
  handler.sync_sent = true;
  const Zxid peer = handler.peer_last_zxid;
  const Zxid min_committed =
      self.db_.committed_log().empty() ? self.db_.last_processed_zxid() : self.db_.committed_log().front()->header.zxid;
  const Zxid max_committed =
      self.db_.committed_log().empty() ? self.db_.last_processed_zxid() : self.db_.committed_log().back()->header.zxid;

  std::vector<QuorumPacket> packets;
  PacketType mode = PacketType::kSnap;
  Zxid mode_zxid = self.db_.last_processed_zxid();
  Zxid queued_up_to = 0;  // committed entries above this are sent as PROPOSAL + COMMIT
  bool send_committed = false;
  if (peer == self.db_.last_processed_zxid()) {
    mode = PacketType::kDiff;
    mode_zxid = peer;
    queued_up_to = peer;
  } else if (peer > max_committed && !is_epoch_marker(peer)) {
    mode = PacketType::kTrunc;
    mode_zxid = max_committed;
    queued_up_to = max_committed;
  } else if (!self.db_.committed_log().empty() && min_committed <= peer && peer <= max_committed) {
    // queueCommittedProposals: find where the peer's history leaves ours.
    Zxid previous = 0;
    bool decided = false;
    for (const auto& txn : self.db_.committed_log()) {
      const Zxid z = txn->header.zxid;
      if (z < peer) {
        previous = z;
        continue;
      }
      if (z == peer || is_epoch_marker(peer)) {
        mode = PacketType::kDiff;
        mode_zxid = max_committed;
        queued_up_to = peer;
      } else if (zxid_epoch(z) == zxid_epoch(peer)) {
        mode = PacketType::kTrunc;
        mode_zxid = previous;
        queued_up_to = previous;
      } else {
        mode = PacketType::kSnap;  // the peer's epoch is not in our window: give up
      }
      decided = true;
      break;
    }
    if (!decided) mode = PacketType::kSnap;
    send_committed = mode != PacketType::kSnap;
  }
  if (mode == PacketType::kDiff || mode == PacketType::kTrunc) send_committed = true;
  if (mode == PacketType::kTrunc && self.config_.injected_bug == InjectedBug::kLeaderSkipsTrunc) {
    mode = PacketType::kDiff;  // the learner keeps txns the quorum never committed
    mode_zxid = max_committed;
  }

  handler.sync_mode = mode == PacketType::kDiff    ? SyncMode::kDiff
                      : mode == PacketType::kTrunc ? SyncMode::kTrunc
                                                   : SyncMode::kSnap;
  TraceEvent event;
  event.kind = TraceKind::kSyncStarted;
  event.peer = learner;
  event.sync_mode = handler.sync_mode;
  event.zxid = peer;
  event.leader_zxid = self.db_.last_processed_zxid();
  out.trace(event);

  QuorumPacket head;
  head.type = mode;
  head.connection = handler.connection;
  head.zxid = mode_zxid;
  if (mode == PacketType::kSnap) {
    head.snapshot =
        std::make_shared<const SnapshotPayload>(SnapshotPayload{self.db_.tree(), self.db_.last_processed_zxid()});
  }
  self.send_packet(learner, std::move(head), out);
  if (send_committed) {
    for (const auto& txn : self.db_.committed_log()) {
      if (txn->header.zxid <= queued_up_to) continue;
      self.send_txn(learner, PacketType::kProposal, handler.connection, txn, out);
      self.send_packet(learner, PacketType::kCommit, handler.connection, txn->header.zxid, 0, out);
    }
  }
  // startForwarding: outstanding proposals (to a follower only: an observer learns of them
  // by INFORM once they commit), then every new one.
  for (const auto& [zxid, proposal] : outstanding) {
    if (handler.observer) break;
    self.send_txn(learner, PacketType::kProposal, handler.connection, proposal.txn, out);
  }
  self.send_packet(learner, PacketType::kNewLeader, handler.connection, make_zxid(epoch, 0), 0, out);
}

void Leader::on_ack(QuorumPeer& self, ServerId from, Zxid zxid, Outbox& out) {
  // An ACK comes from this leader's own fsync or over a learner's open connection, and
  // names a txn it proposed, its NEWLEADER, or an older epoch's txn a learner logged while
  // it synced: never a zxid this leader has not reached.
  ZK_INVARIANT(self.state_ == PeerState::kLeading);
  ZK_INVARIANT(from == self.config_.my_id || handlers.count(from) == 1);
  ZK_INVARIANT(zxid_epoch(zxid) < epoch || zxid <= std::max(last_proposed, make_zxid(epoch, 0)));
  if (zxid == make_zxid(epoch, 0)) {
    if (from == self.config_.my_id) return;
    LearnerHandler& handler = handlers.at(from);
    if (handler.acked_new_leader) return;  // the ignored ACK after UPTODATE
    handler.acked_new_leader = true;
    if (serving) {
      handler.up_to_date_sent = true;
      self.send_packet(from, PacketType::kUpToDate, handler.connection, 0, 0, out);
      return;
    }
    if (self.is_voter(from)) new_leader_acks.insert(from);
    check_new_leader_quorum(self, out);
    return;
  }
  if (is_epoch_marker(zxid)) return;
  if (from != self.config_.my_id) {
    auto& unacked = handlers.at(from).unacked;
    while (!unacked.empty() && unacked.front().first <= zxid) unacked.pop_front();
  }
  auto it = find_outstanding(outstanding, zxid);
  if (it == outstanding.end()) return;  // already committed
  if (self.is_voter(from)) it->second.acks.insert(from);
  try_commit(self, out);
}

void Leader::check_new_leader_quorum(QuorumPeer& self, Outbox& out) {
  if (serving || !new_leader_acks.count(self.config_.my_id) || !self.is_quorum(new_leader_acks.size())) {
    return;
  }
  // startZkServer: the epoch is established.
  serving = true;
  self.phase_ = ZabPhase::kBroadcast;
  self.db_.set_last_processed_zxid(make_zxid(epoch, 0));
  self.election_.update_peer_epoch(epoch);
  out.cancel_timer(TimerKind::kLeaderPhaseTimeout);
  out.trace(TraceEvent{.kind = TraceKind::kLeaderServing,
                       .epoch = epoch,
                       .acked = static_cast<int32_t>(new_leader_acks.size()),
                       .voters = static_cast<int32_t>(self.config_.quorum.voter_count())});
  for (auto& [sid, handler] : handlers) {
    if (handler.acked_new_leader && !handler.up_to_date_sent) {
      handler.up_to_date_sent = true;
      self.send_packet(sid, PacketType::kUpToDate, handler.connection, 0, 0, out);
    }
  }
  // Every known session gets a fresh full timeout from now.
  self.sessions_ = SessionTracker(self.config_.tick_us / 1000, self.config_.host_clock_at_zero_ms);
  self.restart_session_ids(out);
  self.sessions_.track_all(self.db_.tree().sessions(), out.now_ms());
  arm_session_expiry(self, out);
  out.set_timer(TimerKind::kLeaderTick, self.config_.tick_us / 2);
  // LeaderZooKeeperServer.startup starts the ContainerManager's fixed-rate timer.
  out.set_timer(TimerKind::kContainerCheck, self.config_.containers.check_interval_ms * 1000);
}

void Leader::on_tick(QuorumPeer& self, Outbox& out) {
  if (!tick_skip) ++tick;
  size_t synced = 1;  // the leader itself
  for (const auto& [sid, handler] : handlers) {
    if (self.is_voter(sid) && tick <= handler.tick_of_next_ack_deadline) ++synced;
  }
  if (!tick_skip && !self.is_quorum(synced)) {
    TraceEvent event;
    event.kind = TraceKind::kQuorumLost;
    event.acked = static_cast<int32_t>(synced);
    event.voters = static_cast<int32_t>(self.config_.quorum.voter_count());
    out.trace(event);
    self.go_looking(TraceEvent{.reason = StateChangeReason::kQuorumLost, .acked = event.acked, .voters = event.voters},
                    out);
    return;
  }
  tick_skip = !tick_skip;
  // SyncLimitCheck: a learner that has not acked a proposal for syncLimit ticks is dropped.
  std::vector<ServerId> too_slow;
  for (const auto& [sid, handler] : handlers) {
    if (!handler.unacked.empty() &&
        out.now_us() - handler.unacked.front().second > self.config_.tick_us * self.config_.sync_limit) {
      too_slow.push_back(sid);
    }
  }
  for (ServerId sid : too_slow) {
    out.trace(TraceEvent{.kind = TraceKind::kLearnerDropped,
                         .peer = sid,
                         .ticks = self.config_.sync_limit,
                         .drop_reason = LearnerDropReason::kNoAck});
    drop_learner(self, sid, out);
  }
  for (const auto& [sid, handler] : handlers) {
    if (handler.sync_sent) self.send_packet(sid, PacketType::kPing, handler.connection, last_proposed, 0, out);
  }
  out.set_timer(TimerKind::kLeaderTick, self.config_.tick_us / 2);
}

void Leader::on_phase_timeout(QuorumPeer& self, Outbox& out) {
  if (serving) return;
  const LeaderPhase phase = !epoch_decided ? LeaderPhase::kFollowerInfo
                            : !epoch_acked ? LeaderPhase::kAckEpoch
                                           : LeaderPhase::kNewLeaderAck;
  self.go_looking(
      TraceEvent{.reason = StateChangeReason::kPhaseTimeout, .phase = phase, .ticks = self.config_.init_limit}, out);
}

void Leader::drop_learner(QuorumPeer& self, ServerId learner, Outbox& out) {
  auto it = handlers.find(learner);
  if (it == handlers.end()) return;
  self.send_packet(learner, PacketType::kClose, it->second.connection, 0, 0, out);
  handlers.erase(it);
}

// ---------------------------------------------------------------- broadcast

void Leader::submit(QuorumPeer& self, SessionId session, int32_t cxid, const Request& request, ServerId origin,
                    Outbox& out, const std::vector<AuthId>& auth_info) {
  ZK_INVARIANT(serving);  // clients, learners and the expiry timer wait for it
  if (std::holds_alternative<SyncRequest>(request)) {
    // processSync: answer at once, or after the last proposed zxid commits.
    if (outstanding.empty()) {
      release_sync(self, origin, out);
    } else {
      pending_syncs[last_proposed].push_back(origin);
    }
    return;
  }
  if (zxid_counter == 0xffffffffU) {
    self.go_looking(TraceEvent{.reason = StateChangeReason::kZxidExhausted}, out);
    return;
  }
  const Zxid zxid = make_zxid(epoch, ++zxid_counter);
  if (std::holds_alternative<CloseSessionRequest>(request)) self.sessions_.mark_closing(session);
  Txn txn = self.prep_.prepare(request, session, cxid, zxid, out.now_ms(), self.db_.tree(), auth_info);
  propose(self, std::move(txn), out);
}

void Leader::propose(QuorumPeer& self, Txn txn, Outbox& out) {
  ZK_INVARIANT(zxid_epoch(txn.header.zxid) == epoch && txn.header.zxid > last_proposed);
  auto shared = std::make_shared<const Txn>(std::move(txn));
  const Zxid zxid = shared->header.zxid;
  last_proposed = zxid;
  // Consecutive zxids: find_outstanding() relies on it.
  ZK_INVARIANT(outstanding.empty() || outstanding.back().first + 1 == zxid);
  outstanding.emplace_back(zxid, Proposal{shared, {}, out.now_us()});
  out.trace(TraceEvent{.kind = TraceKind::kProposed, .zxid = zxid, .text = describe(*shared)});
  for (auto& [sid, handler] : handlers) {
    if (!handler.sync_sent || handler.observer) continue;
    handler.unacked.emplace_back(zxid, out.now_us());
    self.send_txn(sid, PacketType::kProposal, handler.connection, shared, out);
  }
  self.log_txn(shared, out);  // the leader acks its own proposal once the fsync completes
}

void Leader::try_commit(QuorumPeer& self, Outbox& out) {
  while (!outstanding.empty()) {
    auto it = outstanding.begin();  // the lowest outstanding zxid
    const bool injected = self.config_.injected_bug == InjectedBug::kCommitWithoutQuorum && !it->second.acks.empty();
    if (!self.is_quorum(it->second.acks.size()) && !injected) return;  // commits go in zxid order
    const Zxid zxid = it->first;
    const std::shared_ptr<const Txn> txn = it->second.txn;
    const auto ack_count = static_cast<int64_t>(it->second.acks.size());
    outstanding.pop_front();
    for (const auto& [sid, handler] : handlers) {
      if (!handler.sync_sent || handler.observer) continue;
      self.send_packet(sid, PacketType::kCommit, handler.connection, zxid, 0, out);
    }
    // Leader.inform, after the COMMITs: each observer gets the committed txn itself.
    for (const auto& [sid, handler] : handlers) {
      if (handler.sync_sent && handler.observer) self.send_txn(sid, PacketType::kInform, handler.connection, txn, out);
    }
    out.trace(TraceEvent{.kind = TraceKind::kCommitted,
                         .zxid = zxid,
                         .acked = static_cast<int32_t>(ack_count),
                         .voters = static_cast<int32_t>(self.config_.quorum.voter_count())});
    if (const auto* create = std::get_if<CreateSessionTxn>(&txn->body)) {
      self.sessions_.add_session(txn->header.session_id, create->timeout_ms, out.now_ms());
      arm_session_expiry(self, out);
    } else if (std::holds_alternative<CloseSessionTxn>(txn->body)) {
      self.sessions_.remove_session(txn->header.session_id);
    }
    self.apply_committed(txn, out);
    auto syncs = pending_syncs.find(zxid);
    if (syncs != pending_syncs.end()) {
      for (ServerId origin : syncs->second) release_sync(self, origin, out);
      pending_syncs.erase(syncs);
    }
  }
}

// A sync may finish: locally, or by a SYNC packet to the follower it came from.
void Leader::release_sync(QuorumPeer& self, ServerId origin, Outbox& out) {
  if (origin == self.config_.my_id) {
    self.client_finish_sync(out);
  } else if (handlers.count(origin)) {
    self.send_packet(origin, PacketType::kSync, handlers.at(origin).connection, 0, 0, out);
  }
}

void Leader::arm_session_expiry(QuorumPeer& self, Outbox& out) {
  const auto next_ms = self.sessions_.next_expiry_ms();
  if (next_ms) out.set_timer(TimerKind::kSessionExpiry, std::max<int64_t>(0, *next_ms * 1000 - out.now_us()));
}

void Leader::on_session_expiry(QuorumPeer& self, Outbox& out) {
  for (SessionId session : self.sessions_.expire_due(out.now_ms())) {
    out.trace(TraceEvent{.kind = TraceKind::kSessionExpired, .session = static_cast<uint64_t>(session)});
    self.sessions_.mark_closing(session);
    self.prep_.mark_session_closing(session);
    submit(self, session, 0, CloseSessionRequest{}, 0, out);
    if (self.leader_role() != this) return;  // stepped down (zxid counter exhausted)
  }
  arm_session_expiry(self, out);
}

// ---------------------------------------------------------------- ContainerManager

void Leader::on_container_check(QuorumPeer& self, Outbox& out) {
  // scheduleAtFixedRate on one timer thread: the next check is one interval after this one
  // was due, and a check that falls due while a run is still posting (or pausing) runs when
  // that run ends, one after the other, as Java's Timer catches up.
  out.set_timer(TimerKind::kContainerCheck, self.config_.containers.check_interval_ms * 1000);
  ++container_checks_due;
  if (!container_run_active) run_due_container_checks(self, out);
}

void Leader::run_due_container_checks(QuorumPeer& self, Outbox& out) {
  while (container_checks_due > 0 && !container_run_active) {
    --container_checks_due;
    const std::vector<std::string> candidates =
        container_candidates(self.db_.tree(), out.now_ms(), self.config_.containers);
    if (candidates.empty()) continue;
    out.trace(TraceEvent{.kind = TraceKind::kContainersChecked, .txns = static_cast<int32_t>(candidates.size())});
    containers_to_delete.assign(candidates.begin(), candidates.end());
    container_run_active = true;
    if (!post_container_deletes(self, out)) return;  // stepped down: this role is gone
  }
}

// checkContainers' loop: post one deleteContainer, then sleep minIntervalMs; without a pause
// (maxPerMinute above 60000) every candidate is posted at once. False when the leader went
// LOOKING (its zxid counter ran out): the role no longer exists.
bool Leader::post_container_deletes(QuorumPeer& self, Outbox& out) {
  const int64_t pause_ms = self.config_.containers.min_interval_ms();
  while (!containers_to_delete.empty()) {
    const std::string path = std::move(containers_to_delete.front());
    containers_to_delete.pop_front();
    if (zxid_counter == 0xffffffffU) {
      self.go_looking(TraceEvent{.reason = StateChangeReason::kZxidExhausted}, out);
      return false;
    }
    const Zxid zxid = make_zxid(epoch, ++zxid_counter);
    propose(self, self.prep_.prepare_delete_container(path, zxid, out.now_ms(), self.db_.tree()), out);
    if (pause_ms > 0) {
      out.set_timer(TimerKind::kContainerDelete, pause_ms * 1000);
      return true;
    }
  }
  container_run_active = false;
  return true;
}

void Leader::on_container_pause_over(QuorumPeer& self, Outbox& out) {
  if (!containers_to_delete.empty()) {
    post_container_deletes(self, out);
    return;
  }
  container_run_active = false;  // the pause after the last post is over: the run ends
  run_due_container_checks(self, out);
}

void Leader::close_all(QuorumPeer& self, Outbox& out) const {
  for (const auto& [sid, handler] : handlers) self.send_packet(sid, PacketType::kClose, handler.connection, 0, 0, out);
}

}  // namespace zk
