// The learner side of ZAB (ZooKeeper's Learner + Follower): connect to the elected leader
// with FOLLOWERINFO (retrying a refused connect 5 times, 100 ms apart), accept its epoch,
// sync by DIFF / TRUNC / SNAP, log the buffered proposals and persist currentEpoch on
// NEWLEADER, serve on UPTODATE, then log + ACK proposals and apply COMMITs in order,
// answer PINGs with the sessions it touched, and go LOOKING when the leader goes silent.
#include <fmt/format.h>

#include "core/invariant.h"

#include "core/quorum_peer.h"

namespace zk {
namespace {

// zxid may come right after previous in a log: the next counter of the same epoch, or the
// first txn of a later epoch.
bool follows_in_log(Zxid previous, Zxid zxid) {
  return zxid_epoch(zxid) == zxid_epoch(previous) ? zxid == previous + 1 : zxid_counter(zxid) == 1;
}

}  // namespace

void QuorumPeer::follow(ServerId leader, Outbox& out) {
  phase_ = ZabPhase::kDiscovery;
  role_.emplace<LearnerState>();
  as_learner().leader = leader;
  as_learner().connection = (static_cast<uint64_t>(config_.my_id) << 48) | ((config_.incarnation & 0xffffff) << 24) |
                         (next_connection_++ & 0xffffff);
  as_learner().connect_attempts = 1;
  learner_send_follower_info(out);
  learner_reset_read_timeout(out);
}

void QuorumPeer::learner_send_follower_info(Outbox& out) {
  send_packet(as_learner().leader, PacketType::kFollowerInfo, as_learner().connection, make_zxid(disk_.accepted_epoch, 0), 0,
              out);
}

void QuorumPeer::learner_reset_read_timeout(Outbox& out) {
  const int limit = as_learner().got_new_leader ? config_.sync_limit : config_.init_limit;
  out.set_timer(TimerKind::kFollowerTimeout, config_.tick_us * limit);
}

void QuorumPeer::learner_on_packet(ServerId from, const QuorumPacket& packet, Outbox& out) {
  ZK_INVARIANT(state_ == PeerState::kFollowing && learner_role() != nullptr);
  if (from != as_learner().leader || packet.connection != as_learner().connection) return;
  if (packet.type == PacketType::kConnectRefused) {
    if (as_learner().connect_attempts >= config_.learner_connect_attempts) {
      go_looking(TraceEvent{.reason = StateChangeReason::kLeaderRefused, .peer = from, .attempts = as_learner().connect_attempts},
                 out);
    } else {
      out.set_timer(TimerKind::kLearnerConnectRetry, config_.learner_connect_retry_us);
    }
    return;
  }
  if (packet.type == PacketType::kClose) {
    go_looking(TraceEvent{.reason = StateChangeReason::kLeaderClosed, .peer = from}, out);
    return;
  }
  learner_reset_read_timeout(out);
  switch (packet.type) {
    case PacketType::kLeaderInfo: {
      const Epoch new_epoch = zxid_epoch(packet.zxid);
      int64_t reported_epoch = disk_.current_epoch;
      if (new_epoch > disk_.accepted_epoch) {
        write_epoch(EpochFile::kAcceptedEpoch, new_epoch, out);
      } else if (new_epoch == disk_.accepted_epoch) {
        reported_epoch = -1;
      } else {
        go_looking(TraceEvent{.reason = StateChangeReason::kEpochBehind, .epoch = new_epoch, .accepted_epoch = disk_.accepted_epoch},
                   out);
        return;
      }
      as_learner().new_epoch = new_epoch;
      out.trace(TraceEvent{.kind = TraceKind::kEpochAccepted, .peer = from, .epoch = new_epoch});
      send_packet(from, PacketType::kAckEpoch, as_learner().connection, db_.last_processed_zxid(), reported_epoch, out);
      phase_ = ZabPhase::kSynchronization;
      break;
    }
    case PacketType::kDiff:
      as_learner().sync_mode = SyncMode::kDiff;
      break;
    case PacketType::kTrunc:
      as_learner().sync_mode = SyncMode::kTrunc;
      if (packet.zxid < disk_.snapshot_zxid) {
        // Learner.syncWithLeader: ZKDatabase.truncateLog fails when no log file holds the
        // zxid — here the snapshot already covers txns past it (a SNAP from an earlier
        // leader of an epoch that never established) — and the process exits with
        // QUORUM_PACKET_ERROR. Rebuilding from that snapshot would silently keep txns the
        // leader does not have (found by the fuzzer: digest-agreement, seed 3009522).
        out.trace(TraceEvent{.kind = TraceKind::kTruncateFailed,
                             .zxid = packet.zxid,
                             .snapshot_zxid = disk_.snapshot_zxid,
                             .exit_code = kExitQuorumPacketError});
        out.push(ProcessExitEffect{kExitQuorumPacketError});
        return;
      }
      truncate_log_after(disk_.log, packet.zxid);
      out.push(LogTruncateEffect{packet.zxid});
      db_.load(disk_, packet.zxid);
      out.trace(TraceEvent{.kind = TraceKind::kTruncated, .zxid = packet.zxid});
      break;
    case PacketType::kSnap:
      as_learner().sync_mode = SyncMode::kSnap;
      if (packet.snapshot) {
        db_.replace_with_snapshot(packet.snapshot->tree, packet.snapshot->zxid);
        // As Learner.syncWithLeader: the leader's snapshot replaces the tree in memory only;
        // it reaches the disk when NEWLEADER arrives (a sync that breaks before leaves the
        // disk as it was, and going LOOKING reloads from it). Written at once, a SNAP of a
        // leader that never established its epoch put its uncommitted txns into a snapshot
        // that a later TRUNC could not cut (digest-agreement, fuzz seed 3098717).
        as_learner().snapshot_zxid = db_.last_processed_zxid();
      }
      break;
    case PacketType::kProposal:
      learner_on_proposal(packet, out);
      break;
    case PacketType::kCommit:
      learner_on_commit(packet.zxid, out);
      break;
    case PacketType::kNewLeader: {
      const Epoch new_epoch = zxid_epoch(packet.zxid);
      if (as_learner().sync_mode == SyncMode::kNone) {
        go_looking(TraceEvent{.reason = StateChangeReason::kNewLeaderWithoutSync}, out);
        return;
      }
      if (as_learner().snapshot_zxid) {
        // The snapshot of the tree as synced so far (commits during the sync included), and
        // no old log above it.
        truncate_log_after(disk_.log, db_.last_processed_zxid());
        out.push(LogTruncateEffect{db_.last_processed_zxid()});
        take_snapshot(out);
        db_.set_last_logged_zxid(db_.last_processed_zxid());
        as_learner().snapshot_zxid.reset();
      }
      for (auto& txn : as_learner().unlogged) {
        if (txn->header.zxid <= db_.last_logged_zxid()) continue;
        if (!learner_next_in_log(txn->header.zxid, out)) return;
        log_txn(txn, out);
        // Proposals committed during the sync were applied already; the rest await COMMIT.
        if (txn->header.zxid > db_.last_processed_zxid()) as_learner().pending_txns.push_back(txn);
      }
      as_learner().unlogged.clear();
      // currentEpoch is written only once the synced txns are on disk (on_flushed), the
      // order of the ZOOKEEPER-4643 fix: a follower that crashed in between would otherwise
      // restart with the new epoch but without those txns, win an election on the epoch and
      // truncate acknowledged writes (ZooKeeper 3.5-3.9.1 can; the fuzzer found it here).
      // `bugs=ZOOKEEPER-4643` writes it here, before the fsync, as ZooKeeper 3.8 does.
      if (config_.upstream_bugs.has(UpstreamBug::kZookeeper4643)) {
        write_epoch(EpochFile::kCurrentEpoch, std::max(disk_.current_epoch, new_epoch), out);
      }
      as_learner().got_new_leader = true;
      election_.update_peer_epoch(new_epoch);
      learner_reset_read_timeout(out);
      // ACK once everything logged so far is on disk (the fsync token is the epoch marker).
      sync_.request(packet.zxid, out);
      break;
    }
    case PacketType::kUpToDate:
      as_learner().serving = true;
      phase_ = ZabPhase::kBroadcast;
      out.trace(TraceEvent{.kind = TraceKind::kSynced, .sync_mode = as_learner().sync_mode, .peer = from,
                           .zxid = db_.last_processed_zxid()});
      send_packet(from, PacketType::kAck, as_learner().connection, make_zxid(as_learner().new_epoch, 0), 0, out);
      break;
    case PacketType::kPing: {
      QuorumPacket reply;
      reply.type = PacketType::kPing;
      reply.connection = as_learner().connection;
      reply.zxid = packet.zxid;
      for (SessionId session : as_learner().touched) {
        reply.sessions.emplace_back(session, db_.tree().session_timeout_ms(session).value_or(0));
      }
      as_learner().touched.clear();
      send_packet(from, std::move(reply), out);
      break;
    }
    case PacketType::kSync:
      client_finish_sync(out);
      break;
    case PacketType::kRevalidate:
      for (const auto& [session, timeout_ms] : packet.sessions) {
        (void)timeout_ms;
        client_on_revalidated(session, packet.value == 1, out);
      }
      break;
    default:
      break;
  }
}

void QuorumPeer::learner_on_proposal(const QuorumPacket& packet, Outbox& out) {
  if (!packet.txn) return;
  if (!as_learner().got_new_leader) {
    // Logged when NEWLEADER arrives; a gap here is checked as it would be when logging.
    const Zxid base = as_learner().snapshot_zxid.value_or(db_.last_logged_zxid());
    const Zxid previous = as_learner().unlogged.empty() ? base : as_learner().unlogged.back()->header.zxid;
    if (packet.zxid <= previous) return;
    if (!follows_in_log(previous, packet.zxid)) {
      go_looking(TraceEvent{.reason = StateChangeReason::kMissedTxns,
                            .peer = as_learner().leader,
                            .zxid = packet.zxid,
                            .last_zxid = previous},
                 out);
      return;
    }
    as_learner().unlogged.push_back(packet.txn);
    return;
  }
  if (packet.zxid <= db_.last_logged_zxid()) return;  // already logged (duplicate)
  if (!learner_next_in_log(packet.zxid, out)) return;
  log_txn(packet.txn, out);
  as_learner().pending_txns.push_back(packet.txn);
  if (config_.injected_bug == InjectedBug::kAckBeforeFsync) {
    send_packet(as_learner().leader, PacketType::kAck, as_learner().connection, packet.zxid, 0, out);
  }
  if (config_.injected_bug == InjectedBug::kAckUnproposed) {
    send_packet(as_learner().leader, PacketType::kAck, as_learner().connection, packet.zxid + 1000, 0, out);
  }
}

// The leader's txns reach a learner over one TCP connection, so they arrive without gaps:
// the next one continues the log's epoch or starts a new epoch at counter 1. A gap means
// packets were lost on the connection; TCP would have broken it, so the learner drops the
// connection and rejoins (ZooKeeper would otherwise log a gap and diverge).
bool QuorumPeer::learner_next_in_log(Zxid zxid, Outbox& out) {
  if (follows_in_log(db_.last_logged_zxid(), zxid)) return true;
  go_looking(TraceEvent{.reason = StateChangeReason::kMissedTxns,
                        .peer = as_learner().leader,
                        .zxid = zxid,
                        .last_zxid = db_.last_logged_zxid()},
             out);
  return false;
}

void QuorumPeer::learner_on_commit(Zxid zxid, Outbox& out) {
  ZK_INVARIANT(state_ == PeerState::kFollowing);
  if (!as_learner().got_new_leader) {
    // Before NEWLEADER: apply straight to the tree (the txn is logged at NEWLEADER).
    for (const auto& txn : as_learner().unlogged) {
      if (txn->header.zxid == zxid && zxid > db_.last_processed_zxid()) apply_committed(txn, out);
    }
    return;
  }
  if (as_learner().pending_txns.empty()) return;  // committing without seeing the txn
  const auto txn = as_learner().pending_txns.front();
  if (txn->header.zxid != zxid) {
    out.trace(TraceEvent{.kind = TraceKind::kInvariantViolated,
                         .text = fmt::format("COMMIT {} but the next pending txn is {}", zxid_hex(zxid),
                                               zxid_hex(txn->header.zxid))});
    go_looking(TraceEvent{.reason = StateChangeReason::kUnmatchedCommit}, out);
    return;
  }
  as_learner().pending_txns.pop_front();
  apply_committed(txn, out);
}

}  // namespace zk
