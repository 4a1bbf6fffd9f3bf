// The leader side of ZAB (ZooKeeper's Leader + LearnerHandler): fixing the new epoch with
// a quorum (discovery), choosing DIFF / TRUNC / SNAP per learner and waiting for a quorum
// of NEWLEADER acks (synchronization), then pinging every tick/2 and stepping down when
// the synced learners plus itself are no longer a quorum.
#include <fmt/format.h>

#include <cassert>

#include "core/quorum_peer.h"

namespace zk {

void QuorumPeer::lead(Outbox& out) {
  phase_ = ZabPhase::kDiscovery;
  leader_ = LeaderState{};
  // The leader proposes an epoch for itself like any learner would.
  leader_->epoch = std::max(leader_->epoch, disk_.accepted_epoch + 1);
  leader_->connecting.insert(config_.my_id);
  out.set_timer(TimerKind::kLeaderPhaseTimeout, config_.tick_us * config_.init_limit);
  leader_check_epoch_quorum(out);
}

void QuorumPeer::leader_on_packet(ServerId from, const QuorumPacket& packet, Outbox& out) {
  assert(leader_);
  if (packet.type == PacketType::kFollowerInfo) {
    leader_on_follower_info(from, packet, out);
    return;
  }
  auto it = leader_->handlers.find(from);
  if (it == leader_->handlers.end() || it->second.connection != packet.connection) return;  // closed connection
  it->second.tick_of_next_ack_deadline = leader_->tick + config_.sync_limit;
  switch (packet.type) {
    case PacketType::kAckEpoch: leader_on_ack_epoch(from, packet, out); break;
    case PacketType::kAck: leader_on_ack(from, packet, out); break;
    case PacketType::kClose: leader_->handlers.erase(it); break;
    default: break;  // PING replies only refresh the deadline above.
  }
}

void QuorumPeer::leader_on_follower_info(ServerId from, const QuorumPacket& packet, Outbox& out) {
  auto existing = leader_->handlers.find(from);
  if (existing != leader_->handlers.end() && existing->second.connection == packet.connection) return;  // retry
  LearnerHandler handler;
  handler.connection = packet.connection;
  handler.tick_of_next_ack_deadline = leader_->tick + config_.init_limit + config_.sync_limit;
  leader_->handlers[from] = handler;
  if (!leader_->epoch_decided) {
    const Epoch learner_accepted = zxid_epoch(packet.zxid);
    leader_->epoch = std::max(leader_->epoch, learner_accepted + 1);
    if (is_voter(from)) leader_->connecting.insert(from);
    leader_check_epoch_quorum(out);
  } else {
    send_packet(from, PacketType::kLeaderInfo, handler.connection, make_zxid(leader_->epoch, 0), 0, out);
  }
}

void QuorumPeer::leader_check_epoch_quorum(Outbox& out) {
  if (leader_->epoch_decided || !leader_->connecting.count(config_.my_id) || !is_quorum(leader_->connecting.size())) {
    return;
  }
  leader_->epoch_decided = true;
  disk_.accepted_epoch = leader_->epoch;
  TraceEvent event;
  event.kind = TraceKind::kEpochProposed;
  event.epoch = leader_->epoch;
  event.count = static_cast<int64_t>(leader_->connecting.size());
  event.total = static_cast<int64_t>(config_.voters.size());
  out.trace(event);
  for (const auto& [sid, handler] : leader_->handlers) {
    send_packet(sid, PacketType::kLeaderInfo, handler.connection, make_zxid(leader_->epoch, 0), 0, out);
  }
  out.set_timer(TimerKind::kLeaderPhaseTimeout, config_.tick_us * config_.init_limit);
  // The leader's own waitForEpochAck.
  leader_->electing.insert(config_.my_id);
  leader_check_epoch_ack_quorum(out);
}

void QuorumPeer::leader_on_ack_epoch(ServerId from, const QuorumPacket& packet, Outbox& out) {
  LearnerHandler& handler = leader_->handlers.at(from);
  if (handler.acked_epoch) return;
  const Epoch learner_epoch = packet.value;
  const bool ahead = learner_epoch > disk_.current_epoch ||
                     (learner_epoch == disk_.current_epoch && packet.zxid > disk_.last_logged_zxid);
  if (learner_epoch != -1 && ahead) {
    out.trace(TraceEvent{.kind = TraceKind::kNote,
                         .detail = fmt::format("S{} (leader) drops S{}: follower is ahead of the leader ({} > {})",
                                               config_.my_id, from, zxid_hex(packet.zxid),
                                               zxid_hex(disk_.last_logged_zxid))});
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
  disk_.current_epoch = leader_->epoch;
  phase_ = ZabPhase::kSynchronization;
  out.set_timer(TimerKind::kLeaderPhaseTimeout, config_.tick_us * config_.init_limit);
  for (const auto& [sid, handler] : leader_->handlers) {
    if (handler.acked_epoch && !handler.sync_sent) leader_start_sync(sid, out);
  }
  // The leader's own NEWLEADER ack.
  leader_->new_leader_acks.insert(config_.my_id);
  leader_check_new_leader_quorum(out);
}

void QuorumPeer::leader_start_sync(ServerId learner, Outbox& out) {
  LearnerHandler& handler = leader_->handlers.at(learner);
  assert(handler.acked_epoch && !handler.sync_sent);
  handler.sync_sent = true;
  const Zxid leader_zxid = last_processed_zxid_;
  const Zxid peer_zxid = handler.peer_last_zxid;
  PacketType mode = PacketType::kDiff;
  Zxid mode_zxid = leader_zxid;
  if (peer_zxid == leader_zxid) {
    mode = PacketType::kDiff;
  } else if (peer_zxid > leader_zxid && !is_epoch_marker(peer_zxid)) {
    mode = PacketType::kTrunc;
    mode_zxid = leader_zxid;
  } else {
    mode = PacketType::kSnap;
  }
  TraceEvent event;
  event.kind = TraceKind::kSyncStarted;
  event.peer = learner;
  event.detail = packet_type_name(mode);
  event.zxid = peer_zxid;
  event.count = leader_zxid;
  out.trace(event);
  send_packet(learner, mode, handler.connection, mode_zxid, 0, out);
  send_packet(learner, PacketType::kNewLeader, handler.connection, make_zxid(leader_->epoch, 0), 0, out);
}

void QuorumPeer::leader_on_ack(ServerId from, const QuorumPacket& packet, Outbox& out) {
  LearnerHandler& handler = leader_->handlers.at(from);
  if (packet.zxid != make_zxid(leader_->epoch, 0)) return;  // proposal acks arrive with the txn log
  if (handler.acked_new_leader) return;                      // the ignored ACK after UPTODATE
  handler.acked_new_leader = true;
  if (leader_->serving) {
    handler.up_to_date_sent = true;
    send_packet(from, PacketType::kUpToDate, handler.connection, 0, 0, out);
    return;
  }
  if (is_voter(from)) leader_->new_leader_acks.insert(from);
  leader_check_new_leader_quorum(out);
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
  TraceEvent event;
  event.kind = TraceKind::kLeaderServing;
  event.epoch = leader_->epoch;
  event.count = static_cast<int64_t>(leader_->new_leader_acks.size());
  event.total = static_cast<int64_t>(config_.voters.size());
  out.trace(event);
  for (auto& [sid, handler] : leader_->handlers) {
    if (handler.acked_new_leader && !handler.up_to_date_sent) {
      handler.up_to_date_sent = true;
      send_packet(sid, PacketType::kUpToDate, handler.connection, 0, 0, out);
    }
  }
  out.set_timer(TimerKind::kLeaderTick, config_.tick_us / 2);
}

void QuorumPeer::leader_on_tick(Outbox& out) {
  assert(leader_ && leader_->serving);
  if (!leader_->tick_skip) ++leader_->tick;
  size_t synced = 1;  // the leader itself
  for (const auto& [sid, handler] : leader_->handlers) {
    if (is_voter(sid) && leader_->tick <= handler.tick_of_next_ack_deadline) ++synced;
  }
  if (!leader_->tick_skip && !is_quorum(synced)) {
    TraceEvent event;
    event.kind = TraceKind::kQuorumLost;
    event.count = static_cast<int64_t>(synced);
    event.total = static_cast<int64_t>(config_.voters.size());
    out.trace(event);
    go_looking(fmt::format("only {} of {} servers synced", synced, config_.voters.size()), out);
    return;
  }
  leader_->tick_skip = !leader_->tick_skip;
  for (const auto& [sid, handler] : leader_->handlers) {
    if (handler.sync_sent) send_packet(sid, PacketType::kPing, handler.connection, last_processed_zxid_, 0, out);
  }
  out.set_timer(TimerKind::kLeaderTick, config_.tick_us / 2);
}

void QuorumPeer::leader_on_phase_timeout(Outbox& out) {
  if (!leader_ || leader_->serving) return;
  const char* what = !leader_->epoch_decided ? "a quorum of FOLLOWERINFO (epoch)"
                     : !leader_->epoch_acked ? "a quorum of ACKEPOCH"
                                             : "a quorum of NEWLEADER acks";
  go_looking(fmt::format("timed out after {} ticks waiting for {}", config_.init_limit, what), out);
}

void QuorumPeer::leader_drop_learner(ServerId learner, Outbox& out) {
  auto it = leader_->handlers.find(learner);
  if (it == leader_->handlers.end()) return;
  send_packet(learner, PacketType::kClose, it->second.connection, 0, 0, out);
  leader_->handlers.erase(it);
}

}  // namespace zk
