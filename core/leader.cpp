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
  role_.emplace<LeaderState>();
  prep_.clear();
  as_leader().epoch = std::max(as_leader().epoch, disk_.accepted_epoch + 1);
  as_leader().connecting.insert(config_.my_id);
  out.set_timer(TimerKind::kLeaderPhaseTimeout, config_.tick_us * config_.init_limit);
  leader_check_epoch_quorum(out);
}

void QuorumPeer::leader_on_packet(ServerId from, const QuorumPacket& packet, Outbox& out) {
  ZK_INVARIANT(state_ == PeerState::kLeading && leader_role() != nullptr);
  if (packet.type == PacketType::kFollowerInfo) {
    leader_on_follower_info(from, packet, out);
    return;
  }
  auto it = as_leader().handlers.find(from);
  if (it == as_leader().handlers.end() || it->second.connection != packet.connection) return;  // closed connection
  it->second.tick_of_next_ack_deadline = as_leader().tick + config_.sync_limit;
  switch (packet.type) {
    case PacketType::kAckEpoch: leader_on_ack_epoch(from, packet, out); break;
    case PacketType::kAck: leader_on_ack(from, packet.zxid, out); break;
    case PacketType::kClose: as_leader().handlers.erase(it); break;
    case PacketType::kPing:
      for (const auto& [session, timeout_ms] : packet.sessions) {
        (void)timeout_ms;
        sessions_.touch(session, out.now_ms());
      }
      break;
    case PacketType::kRequest:
      if (as_leader().serving && packet.request) {
        const ForwardedRequest& forwarded = *packet.request;
        leader_submit(forwarded.session_id, forwarded.cxid, forwarded.request, from, out);
      }
      break;
    case PacketType::kRevalidate: {
      for (const auto& [session, timeout_ms] : packet.sessions) {
        (void)timeout_ms;
        const bool valid = as_leader().serving && sessions_.touch(session, out.now_ms());
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
  auto existing = as_leader().handlers.find(from);
  if (existing != as_leader().handlers.end() && existing->second.connection == packet.connection) return;  // retry
  LearnerHandler handler;
  handler.connection = packet.connection;
  handler.tick_of_next_ack_deadline = as_leader().tick + config_.init_limit + config_.sync_limit;
  as_leader().handlers[from] = handler;
  leader_forget_acks(from, out);
  if (!as_leader().epoch_decided) {
    as_leader().epoch = std::max(as_leader().epoch, zxid_epoch(packet.zxid) + 1);
    if (is_voter(from)) as_leader().connecting.insert(from);
    leader_check_epoch_quorum(out);
  } else {
    send_packet(from, PacketType::kLeaderInfo, handler.connection, make_zxid(as_leader().epoch, 0), 0, out);
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
  for (auto& [zxid, proposal] : as_leader().outstanding) forgotten += proposal.acks.erase(learner) ? 1 : 0;
  if (forgotten == 0) return;
  out.trace(TraceEvent{.kind = TraceKind::kAcksForgotten, .peer = learner, .txns = static_cast<int32_t>(forgotten)});
}

void QuorumPeer::leader_check_epoch_quorum(Outbox& out) {
  if (as_leader().epoch_decided || !as_leader().connecting.count(config_.my_id) || !is_quorum(as_leader().connecting.size())) {
    return;
  }
  as_leader().epoch_decided = true;
  write_epoch(EpochFile::kAcceptedEpoch, as_leader().epoch, out);
  out.trace(TraceEvent{.kind = TraceKind::kEpochProposed,
                       .epoch = as_leader().epoch,
                       .acked = static_cast<int32_t>(as_leader().connecting.size()),
                       .voters = static_cast<int32_t>(config_.quorum.voter_count())});
  for (const auto& [sid, handler] : as_leader().handlers) {
    send_packet(sid, PacketType::kLeaderInfo, handler.connection, make_zxid(as_leader().epoch, 0), 0, out);
  }
  out.set_timer(TimerKind::kLeaderPhaseTimeout, config_.tick_us * config_.init_limit);
  as_leader().electing.insert(config_.my_id);  // the leader's own waitForEpochAck
  leader_check_epoch_ack_quorum(out);
}

void QuorumPeer::leader_on_ack_epoch(ServerId from, const QuorumPacket& packet, Outbox& out) {
  LearnerHandler& handler = as_leader().handlers.at(from);
  if (handler.acked_epoch) return;
  const Epoch learner_epoch = packet.value;
  const bool ahead = learner_epoch > disk_.current_epoch ||
                     (learner_epoch == disk_.current_epoch && packet.zxid > db_.last_processed_zxid());
  if (learner_epoch != -1 && ahead) {
    out.trace(TraceEvent{.kind = TraceKind::kLearnerDropped,
                         .peer = from,
                         .zxid = packet.zxid,
                         .leader_zxid = db_.last_processed_zxid(),
                         .drop_reason = LearnerDropReason::kFollowerAhead});
    leader_drop_learner(from, out);
    return;
  }
  handler.acked_epoch = true;
  handler.peer_last_zxid = packet.zxid;
  if (learner_epoch != -1 && is_voter(from)) as_leader().electing.insert(from);
  if (as_leader().epoch_acked) {
    leader_start_sync(from, out);
  } else {
    leader_check_epoch_ack_quorum(out);
  }
}

void QuorumPeer::leader_check_epoch_ack_quorum(Outbox& out) {
  if (as_leader().epoch_acked || !as_leader().electing.count(config_.my_id) || !is_quorum(as_leader().electing.size())) return;
  as_leader().epoch_acked = true;
  write_epoch(EpochFile::kCurrentEpoch, as_leader().epoch, out);
  phase_ = ZabPhase::kSynchronization;
  out.set_timer(TimerKind::kLeaderPhaseTimeout, config_.tick_us * config_.init_limit);
  for (const auto& [sid, handler] : as_leader().handlers) {
    if (handler.acked_epoch && !handler.sync_sent) leader_start_sync(sid, out);
  }
  as_leader().new_leader_acks.insert(config_.my_id);  // the leader's own NEWLEADER ack
  leader_check_new_leader_quorum(out);
}

void QuorumPeer::leader_start_sync(ServerId learner, Outbox& out) {
  LearnerHandler& handler = as_leader().handlers.at(learner);
  ZK_INVARIANT(handler.acked_epoch && !handler.sync_sent);
  handler.sync_sent = true;
  const Zxid peer = handler.peer_last_zxid;
  const Zxid min_committed = db_.committed_log().empty() ? db_.last_processed_zxid() : db_.committed_log().front()->header.zxid;
  const Zxid max_committed = db_.committed_log().empty() ? db_.last_processed_zxid() : db_.committed_log().back()->header.zxid;

  std::vector<QuorumPacket> packets;
  PacketType mode = PacketType::kSnap;
  Zxid mode_zxid = db_.last_processed_zxid();
  Zxid queued_up_to = 0;  // committed entries above this are sent as PROPOSAL + COMMIT
  bool send_committed = false;
  if (peer == db_.last_processed_zxid()) {
    mode = PacketType::kDiff;
    mode_zxid = peer;
    queued_up_to = peer;
  } else if (peer > max_committed && !is_epoch_marker(peer)) {
    mode = PacketType::kTrunc;
    mode_zxid = max_committed;
    queued_up_to = max_committed;
  } else if (!db_.committed_log().empty() && min_committed <= peer && peer <= max_committed) {
    // queueCommittedProposals: find where the peer's history leaves ours.
    Zxid previous = 0;
    bool decided = false;
    for (const auto& txn : db_.committed_log()) {
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
  event.leader_zxid = db_.last_processed_zxid();
  out.trace(event);

  QuorumPacket head;
  head.type = mode;
  head.connection = handler.connection;
  head.zxid = mode_zxid;
  if (mode == PacketType::kSnap) {
    head.snapshot = std::make_shared<const SnapshotPayload>(SnapshotPayload{db_.tree(), db_.last_processed_zxid()});
  }
  send_packet(learner, std::move(head), out);
  if (send_committed) {
    for (const auto& txn : db_.committed_log()) {
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
  for (const auto& [zxid, proposal] : as_leader().outstanding) {
    QuorumPacket packet;
    packet.type = PacketType::kProposal;
    packet.connection = handler.connection;
    packet.zxid = zxid;
    packet.txn = proposal.txn;
    send_packet(learner, std::move(packet), out);
  }
  send_packet(learner, PacketType::kNewLeader, handler.connection, make_zxid(as_leader().epoch, 0), 0, out);
}

void QuorumPeer::leader_on_ack(ServerId from, Zxid zxid, Outbox& out) {
  LeaderState& leader = as_leader();
  // An ACK comes from this leader's own fsync or over a learner's open connection, and
  // names a txn it proposed, its NEWLEADER, or an older epoch's txn a learner logged while
  // it synced: never a zxid this leader has not reached.
  ZK_INVARIANT(state_ == PeerState::kLeading);
  ZK_INVARIANT(from == config_.my_id || as_leader().handlers.count(from) == 1);
  ZK_INVARIANT(zxid_epoch(zxid) < as_leader().epoch ||
               zxid <= std::max(as_leader().last_proposed, make_zxid(as_leader().epoch, 0)));
  if (zxid == make_zxid(leader.epoch, 0)) {
    if (from == config_.my_id) return;
    LearnerHandler& handler = leader.handlers.at(from);
    if (handler.acked_new_leader) return;  // the ignored ACK after UPTODATE
    handler.acked_new_leader = true;
    if (leader.serving) {
      handler.up_to_date_sent = true;
      send_packet(from, PacketType::kUpToDate, handler.connection, 0, 0, out);
      return;
    }
    if (is_voter(from)) leader.new_leader_acks.insert(from);
    leader_check_new_leader_quorum(out);
    return;
  }
  if (is_epoch_marker(zxid)) return;
  if (from != config_.my_id) {
    auto& unacked = leader.handlers.at(from).unacked;
    while (!unacked.empty() && unacked.front().first <= zxid) unacked.pop_front();
  }
  auto it = find_outstanding(leader.outstanding, zxid);
  if (it == leader.outstanding.end()) return;  // already committed
  if (is_voter(from)) it->second.acks.insert(from);
  leader_try_commit(out);
}

void QuorumPeer::leader_check_new_leader_quorum(Outbox& out) {
  if (as_leader().serving || !as_leader().new_leader_acks.count(config_.my_id) || !is_quorum(as_leader().new_leader_acks.size())) {
    return;
  }
  // startZkServer: the epoch is established.
  as_leader().serving = true;
  phase_ = ZabPhase::kBroadcast;
  db_.set_last_processed_zxid(make_zxid(as_leader().epoch, 0));
  election_.update_peer_epoch(as_leader().epoch);
  out.cancel_timer(TimerKind::kLeaderPhaseTimeout);
  out.trace(TraceEvent{.kind = TraceKind::kLeaderServing,
                       .epoch = as_leader().epoch,
                       .acked = static_cast<int32_t>(as_leader().new_leader_acks.size()),
                       .voters = static_cast<int32_t>(config_.quorum.voter_count())});
  for (auto& [sid, handler] : as_leader().handlers) {
    if (handler.acked_new_leader && !handler.up_to_date_sent) {
      handler.up_to_date_sent = true;
      send_packet(sid, PacketType::kUpToDate, handler.connection, 0, 0, out);
    }
  }
  // Every known session gets a fresh full timeout from now.
  sessions_ = SessionTracker(config_.tick_us / 1000);
  sessions_.track_all(db_.tree().sessions(), out.now_ms());
  leader_arm_session_expiry(out);
  out.set_timer(TimerKind::kLeaderTick, config_.tick_us / 2);
}

void QuorumPeer::leader_on_tick(Outbox& out) {
  if (!as_leader().tick_skip) ++as_leader().tick;
  size_t synced = 1;  // the leader itself
  for (const auto& [sid, handler] : as_leader().handlers) {
    if (is_voter(sid) && as_leader().tick <= handler.tick_of_next_ack_deadline) ++synced;
  }
  if (!as_leader().tick_skip && !is_quorum(synced)) {
    TraceEvent event;
    event.kind = TraceKind::kQuorumLost;
    event.acked = static_cast<int32_t>(synced);
    event.voters = static_cast<int32_t>(config_.quorum.voter_count());
    out.trace(event);
    go_looking(TraceEvent{.reason = StateChangeReason::kQuorumLost, .acked = event.acked, .voters = event.voters}, out);
    return;
  }
  as_leader().tick_skip = !as_leader().tick_skip;
  // SyncLimitCheck: a learner that has not acked a proposal for syncLimit ticks is dropped.
  std::vector<ServerId> too_slow;
  for (const auto& [sid, handler] : as_leader().handlers) {
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
  for (const auto& [sid, handler] : as_leader().handlers) {
    if (handler.sync_sent) send_packet(sid, PacketType::kPing, handler.connection, as_leader().last_proposed, 0, out);
  }
  out.set_timer(TimerKind::kLeaderTick, config_.tick_us / 2);
}

void QuorumPeer::leader_on_phase_timeout(Outbox& out) {
  if (!leader_role() || as_leader().serving) return;
  const LeaderPhase phase = !as_leader().epoch_decided ? LeaderPhase::kFollowerInfo
                            : !as_leader().epoch_acked ? LeaderPhase::kAckEpoch
                                                    : LeaderPhase::kNewLeaderAck;
  go_looking(TraceEvent{.reason = StateChangeReason::kPhaseTimeout, .phase = phase, .ticks = config_.init_limit}, out);
}

void QuorumPeer::leader_drop_learner(ServerId learner, Outbox& out) {
  auto it = as_leader().handlers.find(learner);
  if (it == as_leader().handlers.end()) return;
  send_packet(learner, PacketType::kClose, it->second.connection, 0, 0, out);
  as_leader().handlers.erase(it);
}

// ---------------------------------------------------------------- broadcast

void QuorumPeer::leader_submit(SessionId session, int32_t cxid, const Request& request, ServerId origin,
                               Outbox& out) {
  ZK_INVARIANT(as_leader().serving);  // clients, learners and the expiry timer wait for it
  if (std::holds_alternative<SyncRequest>(request)) {
    // processSync: answer at once, or after the last proposed zxid commits.
    if (as_leader().outstanding.empty()) {
      leader_release_sync(origin, out);
    } else {
      as_leader().pending_syncs[as_leader().last_proposed].push_back(origin);
    }
    return;
  }
  if (as_leader().zxid_counter == 0xffffffffU) {
    go_looking(TraceEvent{.reason = StateChangeReason::kZxidExhausted}, out);
    return;
  }
  const Zxid zxid = make_zxid(as_leader().epoch, ++as_leader().zxid_counter);
  if (std::holds_alternative<CloseSessionRequest>(request)) sessions_.mark_closing(session);
  Txn txn = prep_.prepare(request, session, cxid, zxid, out.now_ms(), db_.tree());
  leader_propose(std::move(txn), out);
}

void QuorumPeer::leader_propose(Txn txn, Outbox& out) {
  LeaderState& leader = as_leader();
  ZK_INVARIANT(zxid_epoch(txn.header.zxid) == leader.epoch && txn.header.zxid > leader.last_proposed);
  auto shared = std::make_shared<const Txn>(std::move(txn));
  const Zxid zxid = shared->header.zxid;
  leader.last_proposed = zxid;
  // Consecutive zxids: find_outstanding() relies on it.
  ZK_INVARIANT(leader.outstanding.empty() || leader.outstanding.back().first + 1 == zxid);
  leader.outstanding.emplace_back(zxid, Proposal{shared, {}, out.now_us()});
  out.trace(TraceEvent{.kind = TraceKind::kProposed, .zxid = zxid, .text = describe(*shared)});
  for (auto& [sid, handler] : leader.handlers) {
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
  LeaderState& leader = as_leader();
  while (!leader.outstanding.empty()) {
    auto it = leader.outstanding.begin();  // the lowest outstanding zxid
    const bool injected = config_.injected_bug == InjectedBug::kCommitWithoutQuorum && !it->second.acks.empty();
    if (!is_quorum(it->second.acks.size()) && !injected) return;  // commits go in zxid order
    const Zxid zxid = it->first;
    const std::shared_ptr<const Txn> txn = it->second.txn;
    const auto ack_count = static_cast<int64_t>(it->second.acks.size());
    leader.outstanding.pop_front();
    for (const auto& [sid, handler] : leader.handlers) {
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
    auto syncs = leader.pending_syncs.find(zxid);
    if (syncs != leader.pending_syncs.end()) {
      for (ServerId origin : syncs->second) leader_release_sync(origin, out);
      leader.pending_syncs.erase(syncs);
    }
  }
}

// A sync may finish: locally, or by a SYNC packet to the follower it came from.
void QuorumPeer::leader_release_sync(ServerId origin, Outbox& out) {
  if (origin == config_.my_id) {
    client_finish_sync(out);
  } else if (as_leader().handlers.count(origin)) {
    send_packet(origin, PacketType::kSync, as_leader().handlers.at(origin).connection, 0, 0, out);
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
