// The leader side of ZAB (ZooKeeper's Leader + LearnerHandler): fixing the new epoch with
// a quorum (discovery), choosing DIFF / TRUNC / SNAP per learner from the committed-log
// window and waiting for a quorum of NEWLEADER acks (synchronization), then proposing
// txns, committing them in zxid order on a quorum of acks, pinging every tick/2, expiring
// sessions, and stepping down when the synced learners plus itself are not a quorum.
#include <fmt/format.h>

#include "core/invariant.h"

#include "core/quorum_peer.h"

namespace zk {

void QuorumPeer::lead(Outbox& out) {
  phase_ = ZabPhase::kDiscovery;
  leader_ = LeaderState{};
  prep_.clear();
  leader_->epoch = std::max(leader_->epoch, disk_.accepted_epoch + 1);
  leader_->connecting.insert(config_.my_id);
  out.set_timer(TimerKind::kLeaderPhaseTimeout, config_.tick_us * config_.init_limit);
  leader_check_epoch_quorum(out);
}

void QuorumPeer::leader_on_packet(ServerId from, const QuorumPacket& packet, Outbox& out) {
  ZK_INVARIANT(leader_);
  if (packet.type == PacketType::kFollowerInfo) {
    leader_on_follower_info(from, packet, out);
    return;
  }
  auto it = leader_->handlers.find(from);
  if (it == leader_->handlers.end() || it->second.connection != packet.connection) return;  // closed connection
  it->second.tick_of_next_ack_deadline = leader_->tick + config_.sync_limit;
  switch (packet.type) {
    case PacketType::kAckEpoch: leader_on_ack_epoch(from, packet, out); break;
    case PacketType::kAck: leader_on_ack(from, packet.zxid, out); break;
    case PacketType::kClose: leader_->handlers.erase(it); break;
    case PacketType::kPing:
      for (const auto& [session, timeout_ms] : packet.sessions) {
        (void)timeout_ms;
        sessions_.touch(session, out.now_ms());
      }
      break;
    case PacketType::kRequest:
      if (leader_->serving && packet.request) {
        const ForwardedRequest& forwarded = *packet.request;
        leader_submit(forwarded.session_id, forwarded.cxid, forwarded.request, from, out);
      }
      break;
    case PacketType::kRevalidate: {
      for (const auto& [session, timeout_ms] : packet.sessions) {
        (void)timeout_ms;
        const bool valid = leader_->serving && sessions_.touch(session, out.now_ms());
        QuorumPacket reply;
        reply.type = PacketType::kRevalidate;
        reply.connection = packet.connection;
        reply.value = valid ? 1 : 0;
        reply.sessions = {{session, timeout_ms}};
        send_packet(from, std::move(reply), out);
      }
      break;
    }
    default: break;
  }
}

void QuorumPeer::leader_on_follower_info(ServerId from, const QuorumPacket& packet, Outbox& out) {
  auto existing = leader_->handlers.find(from);
  if (existing != leader_->handlers.end() && existing->second.connection == packet.connection) return;  // retry
  LearnerHandler handler;
  handler.connection = packet.connection;
  handler.tick_of_next_ack_deadline = leader_->tick + config_.init_limit + config_.sync_limit;
  leader_->handlers[from] = handler;
  leader_forget_acks(from, out);
  if (!leader_->epoch_decided) {
    leader_->epoch = std::max(leader_->epoch, zxid_epoch(packet.zxid) + 1);
    if (is_voter(from)) leader_->connecting.insert(from);
    leader_check_epoch_quorum(out);
  } else {
    send_packet(from, PacketType::kLeaderInfo, handler.connection, make_zxid(leader_->epoch, 0), 0, out);
  }
}

// A learner that connects again is synchronised afresh, and a TRUNC may cut the
// outstanding proposals it acknowledged over its old connection from its log: those
// ACKs no longer say the txn is on its disk. The sync re-sends every outstanding
// proposal (startForwarding), so the learner acknowledges again what it really logs.
// ZooKeeper 3.8 keys acks by server id and keeps them (`bugs=stale-ack-after-trunc`).
void QuorumPeer::leader_forget_acks(ServerId learner, Outbox& out) {
  if (config_.upstream_bugs.has(UpstreamBug::kStaleAckAfterTrunc)) return;
  int64_t forgotten = 0;
  for (auto& [zxid, proposal] : leader_->outstanding) forgotten += proposal.acks.erase(learner) ? 1 : 0;
  if (forgotten == 0) return;
  out.trace(TraceEvent{.kind = TraceKind::kAcksForgotten, .peer = learner, .txns = static_cast<int32_t>(forgotten)});
}

void QuorumPeer::leader_check_epoch_quorum(Outbox& out) {
  if (leader_->epoch_decided || !leader_->connecting.count(config_.my_id) || !is_quorum(leader_->connecting.size())) {
    return;
  }
  leader_->epoch_decided = true;
  write_epoch(EpochFile::kAcceptedEpoch, leader_->epoch, out);
  out.trace(TraceEvent{.kind = TraceKind::kEpochProposed,
                       .epoch = leader_->epoch,
                       .acked = static_cast<int32_t>(leader_->connecting.size()),
                       .voters = static_cast<int32_t>(config_.quorum.voter_count())});
  for (const auto& [sid, handler] : leader_->handlers) {
    send_packet(sid, PacketType::kLeaderInfo, handler.connection, make_zxid(leader_->epoch, 0), 0, out);
  }
  out.set_timer(TimerKind::kLeaderPhaseTimeout, config_.tick_us * config_.init_limit);
  leader_->electing.insert(config_.my_id);  // the leader's own waitForEpochAck
  leader_check_epoch_ack_quorum(out);
}

void QuorumPeer::leader_on_ack_epoch(ServerId from, const QuorumPacket& packet, Outbox& out) {
  LearnerHandler& handler = leader_->handlers.at(from);
  if (handler.acked_epoch) return;
  const Epoch learner_epoch = packet.value;
  const bool ahead = learner_epoch > disk_.current_epoch ||
                     (learner_epoch == disk_.current_epoch && packet.zxid > last_processed_zxid_);
  if (learner_epoch != -1 && ahead) {
    out.trace(TraceEvent{.kind = TraceKind::kLearnerDropped,
                         .peer = from,
                         .zxid = packet.zxid,
                         .leader_zxid = last_processed_zxid_,
                         .drop_reason = LearnerDropReason::kFollowerAhead});
    leader_drop_learner(from, out);
    return;
  }
  handler.acked_epoch = true;
  handler.peer_last_zxid = packet.zxid;
  if (learner_epoch != -1 && is_voter(from)) leader_->electing.insert(from);
  if (leader_->epoch_acked) {
    leader_start_sync(from, out);
  } else {
    leader_check_epoch_ack_quorum(out);
  }
}

void QuorumPeer::leader_check_epoch_ack_quorum(Outbox& out) {
  if (leader_->epoch_acked || !leader_->electing.count(config_.my_id) || !is_quorum(leader_->electing.size())) return;
  leader_->epoch_acked = true;
  write_epoch(EpochFile::kCurrentEpoch, leader_->epoch, out);
  phase_ = ZabPhase::kSynchronization;
  out.set_timer(TimerKind::kLeaderPhaseTimeout, config_.tick_us * config_.init_limit);
  for (const auto& [sid, handler] : leader_->handlers) {
    if (handler.acked_epoch && !handler.sync_sent) leader_start_sync(sid, out);
  }
  leader_->new_leader_acks.insert(config_.my_id);  // the leader's own NEWLEADER ack
  leader_check_new_leader_quorum(out);
}

void QuorumPeer::leader_start_sync(ServerId learner, Outbox& out) {
  LearnerHandler& handler = leader_->handlers.at(learner);
  ZK_INVARIANT(handler.acked_epoch && !handler.sync_sent);
  handler.sync_sent = true;
  const Zxid peer = handler.peer_last_zxid;
  const Zxid min_committed = committed_log_.empty() ? last_processed_zxid_ : committed_log_.front()->header.zxid;
  const Zxid max_committed = committed_log_.empty() ? last_processed_zxid_ : committed_log_.back()->header.zxid;

  std::vector<QuorumPacket> packets;
  PacketType mode = PacketType::kSnap;
  Zxid mode_zxid = last_processed_zxid_;
  Zxid queued_up_to = 0;  // committed entries above this are sent as PROPOSAL + COMMIT
  bool send_committed = false;
  if (peer == last_processed_zxid_) {
    mode = PacketType::kDiff;
    mode_zxid = peer;
    queued_up_to = peer;
  } else if (peer > max_committed && !is_epoch_marker(peer)) {
    mode = PacketType::kTrunc;
    mode_zxid = max_committed;
    queued_up_to = max_committed;
  } else if (!committed_log_.empty() && min_committed <= peer && peer <= max_committed) {
    // queueCommittedProposals: find where the peer's history leaves ours.
    Zxid previous = 0;
    bool decided = false;
    for (const auto& txn : committed_log_) {
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
  if (mode == PacketType::kTrunc && config_.injected_bug == InjectedBug::kLeaderSkipsTrunc) {
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
  event.leader_zxid = last_processed_zxid_;
  out.trace(event);

  QuorumPacket head;
  head.type = mode;
  head.connection = handler.connection;
  head.zxid = mode_zxid;
  if (mode == PacketType::kSnap) {
    head.snapshot = std::make_shared<const SnapshotPayload>(SnapshotPayload{tree_, last_processed_zxid_});
  }
  send_packet(learner, std::move(head), out);
  if (send_committed) {
    for (const auto& txn : committed_log_) {
      if (txn->header.zxid <= queued_up_to) continue;
      QuorumPacket proposal;
      proposal.type = PacketType::kProposal;
      proposal.connection = handler.connection;
      proposal.zxid = txn->header.zxid;
      proposal.txn = txn;
      send_packet(learner, std::move(proposal), out);
      send_packet(learner, PacketType::kCommit, handler.connection, txn->header.zxid, 0, out);
    }
  }
  // startForwarding: outstanding proposals, then every new one.
  for (const auto& [zxid, proposal] : leader_->outstanding) {
    QuorumPacket packet;
    packet.type = PacketType::kProposal;
    packet.connection = handler.connection;
    packet.zxid = zxid;
    packet.txn = proposal.txn;
    send_packet(learner, std::move(packet), out);
  }
  send_packet(learner, PacketType::kNewLeader, handler.connection, make_zxid(leader_->epoch, 0), 0, out);
}

void QuorumPeer::leader_on_ack(ServerId from, Zxid zxid, Outbox& out) {
  if (zxid == make_zxid(leader_->epoch, 0)) {
    if (from == config_.my_id) return;
    LearnerHandler& handler = leader_->handlers.at(from);
    if (handler.acked_new_leader) return;  // the ignored ACK after UPTODATE
    handler.acked_new_leader = true;
    if (leader_->serving) {
      handler.up_to_date_sent = true;
      send_packet(from, PacketType::kUpToDate, handler.connection, 0, 0, out);
      return;
    }
    if (is_voter(from)) leader_->new_leader_acks.insert(from);
    leader_check_new_leader_quorum(out);
    return;
  }
  if (is_epoch_marker(zxid)) return;
  if (from != config_.my_id) {
    auto& unacked = leader_->handlers.at(from).unacked;
    while (!unacked.empty() && unacked.front().first <= zxid) unacked.pop_front();
  }
  auto it = find_outstanding(leader_->outstanding, zxid);
  if (it == leader_->outstanding.end()) return;  // already committed
  if (is_voter(from)) it->second.acks.insert(from);
  leader_try_commit(out);
}

void QuorumPeer::leader_check_new_leader_quorum(Outbox& out) {
  if (leader_->serving || !leader_->new_leader_acks.count(config_.my_id) || !is_quorum(leader_->new_leader_acks.size())) {
    return;
  }
  // startZkServer: the epoch is established.
  leader_->serving = true;
  phase_ = ZabPhase::kBroadcast;
  last_processed_zxid_ = make_zxid(leader_->epoch, 0);
  election_.update_peer_epoch(leader_->epoch);
  out.cancel_timer(TimerKind::kLeaderPhaseTimeout);
  out.trace(TraceEvent{.kind = TraceKind::kLeaderServing,
                       .epoch = leader_->epoch,
                       .acked = static_cast<int32_t>(leader_->new_leader_acks.size()),
                       .voters = static_cast<int32_t>(config_.quorum.voter_count())});
  for (auto& [sid, handler] : leader_->handlers) {
    if (handler.acked_new_leader && !handler.up_to_date_sent) {
      handler.up_to_date_sent = true;
      send_packet(sid, PacketType::kUpToDate, handler.connection, 0, 0, out);
    }
  }
  // Every known session gets a fresh full timeout from now.
  sessions_ = SessionTracker(config_.tick_us / 1000);
  sessions_.track_all(tree_.sessions(), out.now_ms());
  leader_arm_session_expiry(out);
  out.set_timer(TimerKind::kLeaderTick, config_.tick_us / 2);
}

void QuorumPeer::leader_on_tick(Outbox& out) {
  if (!leader_->tick_skip) ++leader_->tick;
  size_t synced = 1;  // the leader itself
  for (const auto& [sid, handler] : leader_->handlers) {
    if (is_voter(sid) && leader_->tick <= handler.tick_of_next_ack_deadline) ++synced;
  }
  if (!leader_->tick_skip && !is_quorum(synced)) {
    TraceEvent event;
    event.kind = TraceKind::kQuorumLost;
    event.acked = static_cast<int32_t>(synced);
    event.voters = static_cast<int32_t>(config_.quorum.voter_count());
    out.trace(event);
    go_looking(TraceEvent{.reason = StateChangeReason::kQuorumLost, .acked = event.acked, .voters = event.voters}, out);
    return;
  }
  leader_->tick_skip = !leader_->tick_skip;
  // SyncLimitCheck: a learner that has not acked a proposal for syncLimit ticks is dropped.
  std::vector<ServerId> too_slow;
  for (const auto& [sid, handler] : leader_->handlers) {
    if (!handler.unacked.empty() && out.now_us() - handler.unacked.front().second > config_.tick_us * config_.sync_limit) {
      too_slow.push_back(sid);
    }
  }
  for (ServerId sid : too_slow) {
    out.trace(TraceEvent{.kind = TraceKind::kLearnerDropped,
                         .peer = sid,
                         .ticks = config_.sync_limit,
                         .drop_reason = LearnerDropReason::kNoAck});
    leader_drop_learner(sid, out);
  }
  for (const auto& [sid, handler] : leader_->handlers) {
    if (handler.sync_sent) send_packet(sid, PacketType::kPing, handler.connection, leader_->last_proposed, 0, out);
  }
  out.set_timer(TimerKind::kLeaderTick, config_.tick_us / 2);
}

void QuorumPeer::leader_on_phase_timeout(Outbox& out) {
  if (!leader_ || leader_->serving) return;
  const LeaderPhase phase = !leader_->epoch_decided ? LeaderPhase::kFollowerInfo
                            : !leader_->epoch_acked ? LeaderPhase::kAckEpoch
                                                    : LeaderPhase::kNewLeaderAck;
  go_looking(TraceEvent{.reason = StateChangeReason::kPhaseTimeout, .phase = phase, .ticks = config_.init_limit}, out);
}

void QuorumPeer::leader_drop_learner(ServerId learner, Outbox& out) {
  auto it = leader_->handlers.find(learner);
  if (it == leader_->handlers.end()) return;
  send_packet(learner, PacketType::kClose, it->second.connection, 0, 0, out);
  leader_->handlers.erase(it);
}

// ---------------------------------------------------------------- broadcast

void QuorumPeer::leader_submit(SessionId session, int32_t cxid, const Request& request, ServerId origin,
                               Outbox& out) {
  if (std::holds_alternative<SyncRequest>(request)) {
    // processSync: answer at once, or after the last proposed zxid commits.
    if (leader_->outstanding.empty()) {
      leader_release_sync(origin, out);
    } else {
      leader_->pending_syncs[leader_->last_proposed].push_back(origin);
    }
    return;
  }
  if (leader_->zxid_counter == 0xffffffffU) {
    go_looking(TraceEvent{.reason = StateChangeReason::kZxidExhausted}, out);
    return;
  }
  const Zxid zxid = make_zxid(leader_->epoch, ++leader_->zxid_counter);
  if (std::holds_alternative<CloseSessionRequest>(request)) sessions_.mark_closing(session);
  Txn txn = prep_.prepare(request, session, cxid, zxid, out.now_ms(), tree_);
  leader_propose(std::move(txn), out);
}

void QuorumPeer::leader_propose(Txn txn, Outbox& out) {
  auto shared = std::make_shared<const Txn>(std::move(txn));
  const Zxid zxid = shared->header.zxid;
  leader_->last_proposed = zxid;
  // Consecutive zxids: find_outstanding() relies on it.
  ZK_INVARIANT(leader_->outstanding.empty() || leader_->outstanding.back().first + 1 == zxid);
  leader_->outstanding.emplace_back(zxid, Proposal{shared, {}, out.now_us()});
  out.trace(TraceEvent{.kind = TraceKind::kProposed, .zxid = zxid, .text = describe(*shared)});
  for (auto& [sid, handler] : leader_->handlers) {
    if (!handler.sync_sent) continue;
    handler.unacked.emplace_back(zxid, out.now_us());
    QuorumPacket packet;
    packet.type = PacketType::kProposal;
    packet.connection = handler.connection;
    packet.zxid = zxid;
    packet.txn = shared;
    send_packet(sid, std::move(packet), out);
  }
  log_txn(shared, out);  // the leader acks its own proposal once the fsync completes
}

void QuorumPeer::leader_try_commit(Outbox& out) {
  while (!leader_->outstanding.empty()) {
    auto it = leader_->outstanding.begin();  // the lowest outstanding zxid
    const bool injected = config_.injected_bug == InjectedBug::kCommitWithoutQuorum && !it->second.acks.empty();
    if (!is_quorum(it->second.acks.size()) && !injected) return;  // commits go in zxid order
    const Zxid zxid = it->first;
    const std::shared_ptr<const Txn> txn = it->second.txn;
    const auto ack_count = static_cast<int64_t>(it->second.acks.size());
    leader_->outstanding.pop_front();
    for (const auto& [sid, handler] : leader_->handlers) {
      if (handler.sync_sent) send_packet(sid, PacketType::kCommit, handler.connection, zxid, 0, out);
    }
    out.trace(TraceEvent{.kind = TraceKind::kCommitted,
                         .zxid = zxid,
                         .acked = static_cast<int32_t>(ack_count),
                         .voters = static_cast<int32_t>(config_.quorum.voter_count())});
    if (const auto* create = std::get_if<CreateSessionTxn>(&txn->body)) {
      sessions_.add_session(txn->header.session_id, create->timeout_ms, out.now_ms());
      leader_arm_session_expiry(out);
    } else if (std::holds_alternative<CloseSessionTxn>(txn->body)) {
      sessions_.remove_session(txn->header.session_id);
    }
    apply_committed(txn, out);
    auto syncs = leader_->pending_syncs.find(zxid);
    if (syncs != leader_->pending_syncs.end()) {
      for (ServerId origin : syncs->second) leader_release_sync(origin, out);
      leader_->pending_syncs.erase(syncs);
    }
  }
}

// A sync may finish: locally, or by a SYNC packet to the follower it came from.
void QuorumPeer::leader_release_sync(ServerId origin, Outbox& out) {
  if (origin == config_.my_id) {
    client_finish_sync(out);
  } else if (leader_->handlers.count(origin)) {
    send_packet(origin, PacketType::kSync, leader_->handlers.at(origin).connection, 0, 0, out);
  }
}

void QuorumPeer::leader_arm_session_expiry(Outbox& out) {
  const auto next_ms = sessions_.next_expiry_ms();
  if (next_ms) out.set_timer(TimerKind::kSessionExpiry, std::max<int64_t>(0, *next_ms * 1000 - out.now_us()));
}

void QuorumPeer::leader_on_session_expiry(Outbox& out) {
  for (SessionId session : sessions_.expire_due(out.now_ms())) {
    out.trace(TraceEvent{.kind = TraceKind::kSessionExpired, .session = static_cast<uint64_t>(session)});
    sessions_.mark_closing(session);
    prep_.mark_session_closing(session);
    leader_submit(session, 0, CloseSessionRequest{}, 0, out);
  }
  leader_arm_session_expiry(out);
}

}  // namespace zk
