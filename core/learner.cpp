// The learner side of ZAB (ZooKeeper's Learner + Follower): connect to the elected leader
// with FOLLOWERINFO (retrying a refused connect 5 times, 100 ms apart), accept its epoch,
// sync, persist currentEpoch on NEWLEADER, start serving on UPTODATE, answer PINGs, and
// go back to LOOKING when the leader goes silent for init/syncLimit ticks or closes.
#include <fmt/format.h>

#include <cassert>

#include "core/quorum_peer.h"

namespace zk {

void QuorumPeer::follow(ServerId leader, Outbox& out) {
  phase_ = ZabPhase::kDiscovery;
  learner_ = LearnerState{};
  learner_->leader = leader;
  learner_->connection = (static_cast<uint64_t>(config_.my_id) << 48) | ((config_.incarnation & 0xffffff) << 24) |
                         (next_connection_++ & 0xffffff);
  learner_->connect_attempts = 1;
  learner_send_follower_info(out);
  learner_reset_read_timeout(out);
}

void QuorumPeer::learner_send_follower_info(Outbox& out) {
  send_packet(learner_->leader, PacketType::kFollowerInfo, learner_->connection, make_zxid(disk_.accepted_epoch, 0), 0,
              out);
}

void QuorumPeer::learner_reset_read_timeout(Outbox& out) {
  const int limit = learner_->got_new_leader ? config_.sync_limit : config_.init_limit;
  out.set_timer(TimerKind::kFollowerTimeout, config_.tick_us * limit);
}

void QuorumPeer::learner_on_packet(ServerId from, const QuorumPacket& packet, Outbox& out) {
  assert(learner_);
  if (from != learner_->leader || packet.connection != learner_->connection) return;
  if (packet.type == PacketType::kConnectRefused) {
    if (learner_->connect_attempts >= config_.learner_connect_attempts) {
      go_looking(fmt::format("leader S{} refused {} connection attempts", from, learner_->connect_attempts), out);
    } else {
      out.set_timer(TimerKind::kLearnerConnectRetry, config_.learner_connect_retry_us);
    }
    return;
  }
  if (packet.type == PacketType::kClose) {
    go_looking(fmt::format("leader S{} closed the connection", from), out);
    return;
  }
  learner_reset_read_timeout(out);
  switch (packet.type) {
    case PacketType::kLeaderInfo: {
      const Epoch new_epoch = zxid_epoch(packet.zxid);
      int64_t reported_epoch = disk_.current_epoch;
      if (new_epoch > disk_.accepted_epoch) {
        disk_.accepted_epoch = new_epoch;
      } else if (new_epoch == disk_.accepted_epoch) {
        reported_epoch = -1;
      } else {
        go_looking(fmt::format("leader's epoch {} is less than accepted epoch {}", new_epoch, disk_.accepted_epoch), out);
        return;
      }
      learner_->new_epoch = new_epoch;
      out.trace(TraceEvent{.kind = TraceKind::kEpochAccepted, .peer = from, .epoch = new_epoch});
      send_packet(from, PacketType::kAckEpoch, learner_->connection, disk_.last_logged_zxid, reported_epoch, out);
      phase_ = ZabPhase::kSynchronization;
      break;
    }
    case PacketType::kDiff:
      learner_->sync_mode = "DIFF";
      break;
    case PacketType::kTrunc:
      learner_->sync_mode = "TRUNC";
      disk_.last_logged_zxid = packet.zxid;
      last_processed_zxid_ = packet.zxid;
      out.trace(TraceEvent{.kind = TraceKind::kTruncated, .zxid = packet.zxid});
      break;
    case PacketType::kSnap:
      learner_->sync_mode = "SNAP";
      disk_.last_logged_zxid = packet.zxid;
      last_processed_zxid_ = packet.zxid;
      break;
    case PacketType::kNewLeader: {
      const Epoch new_epoch = zxid_epoch(packet.zxid);
      disk_.current_epoch = new_epoch;
      learner_->got_new_leader = true;
      election_.update_peer_epoch(new_epoch);
      learner_reset_read_timeout(out);
      send_packet(from, PacketType::kAck, learner_->connection, packet.zxid, 0, out);
      break;
    }
    case PacketType::kUpToDate:
      learner_->serving = true;
      phase_ = ZabPhase::kBroadcast;
      out.trace(TraceEvent{.kind = TraceKind::kSynced, .peer = from, .zxid = last_processed_zxid_,
                           .detail = learner_->sync_mode});
      send_packet(from, PacketType::kAck, learner_->connection, make_zxid(learner_->new_epoch, 0), 0, out);
      break;
    case PacketType::kPing:
      send_packet(from, PacketType::kPing, learner_->connection, packet.zxid, 0, out);
      break;
    default:
      break;
  }
}

}  // namespace zk
