// The learner side of ZAB (ZooKeeper's Learner + Follower): connect to the elected leader
// with FOLLOWERINFO (retrying a refused connect 5 times, 100 ms apart), accept its epoch,
// sync by DIFF / TRUNC / SNAP, log the buffered proposals and persist currentEpoch on
// NEWLEADER, serve on UPTODATE, then log + ACK proposals and apply COMMITs in order,
// answer PINGs with the sessions it touched, and go LOOKING when the leader goes silent.
// An observer (Observer.observeLeader / processPacket) registers with OBSERVERINFO, syncs
// the same way, and once UPTODATE arrived ignores PROPOSAL and COMMIT and logs and applies
// each INFORM (the committed txn) without an ACK.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

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

void Learner::follow(QuorumPeer& self, ServerId leader_id, Outbox& out) {
  self.phase_ = ZabPhase::kDiscovery;
  leader = leader_id;
  connection = (static_cast<uint64_t>(self.config_.my_id) << 48) | ((self.config_.incarnation & 0xffffff) << 24) |
               (self.next_connection_++ & 0xffffff);
  connect_attempts = 1;
  send_follower_info(self, out);
  reset_read_timeout(self, out);
}

void Learner::send_follower_info(QuorumPeer& self, Outbox& out) {
  const PacketType info = observer ? PacketType::kObserverInfo : PacketType::kFollowerInfo;
  self.send_packet(leader, info, connection, make_zxid(self.disk_.accepted_epoch, 0), 0, out);
}

void Learner::reset_read_timeout(QuorumPeer& self, Outbox& out) {
  const int limit = got_new_leader ? self.config_.sync_limit : self.config_.init_limit;
  out.set_timer(TimerKind::kFollowerTimeout, self.config_.tick_us * limit);
}

void Learner::on_packet(QuorumPeer& self, ServerId from, const QuorumPacket& packet, Outbox& out) {
  ZK_INVARIANT(self.learning() && self.learner_role() == this);
  if (from != leader || packet.connection != connection) return;
  if (packet.type == PacketType::kConnectRefused) {
    if (connect_attempts >= self.config_.learner_connect_attempts) {
      self.go_looking(
          TraceEvent{.reason = StateChangeReason::kLeaderRefused, .peer = from, .attempts = connect_attempts}, out);
    } else {
      // Learner.connectToLeader: "Unexpected exception, tries=N, ..." and a sleep before the next try.
      out.trace(TraceEvent{.kind = TraceKind::kLeaderConnectRefused, .peer = from, .attempts = connect_attempts,
                           .retry_ms = static_cast<int32_t>(self.config_.learner_connect_retry_us / 1000)});
      out.set_timer(TimerKind::kLearnerConnectRetry, self.config_.learner_connect_retry_us);
    }
    return;
  }
  if (packet.type == PacketType::kClose) {
    self.go_looking(TraceEvent{.reason = StateChangeReason::kLeaderClosed, .peer = from}, out);
    return;
  }
  reset_read_timeout(self, out);
  switch (packet.type) {
    case PacketType::kLeaderInfo: {
      const Epoch leader_epoch = zxid_epoch(packet.zxid);
      int64_t reported_epoch = self.disk_.current_epoch;
      if (leader_epoch > self.disk_.accepted_epoch) {
        self.write_epoch(EpochFile::kAcceptedEpoch, leader_epoch, out);
      } else if (leader_epoch == self.disk_.accepted_epoch) {
        reported_epoch = -1;
      } else {
        self.go_looking(TraceEvent{.reason = StateChangeReason::kEpochBehind,
                                   .epoch = leader_epoch,
                                   .accepted_epoch = self.disk_.accepted_epoch},
                        out);
        return;
      }
      new_epoch = leader_epoch;
      out.trace(TraceEvent{.kind = TraceKind::kEpochAccepted, .peer = from, .epoch = leader_epoch});
      self.send_packet(from, PacketType::kAckEpoch, connection, self.db_.last_processed_zxid(), reported_epoch, out);
      self.phase_ = ZabPhase::kSynchronization;
      self.restart_session_ids(out);  // Learner.syncWithLeader: zk.createSessionTracker()
      break;
    }
    case PacketType::kDiff:
      sync_mode = SyncMode::kDiff;
      break;
    case PacketType::kTrunc:
      sync_mode = SyncMode::kTrunc;
      // ZKDatabase.truncateLog: the log is cut after the zxid and the database reloaded from
      // the newest snapshot. A snapshot above the zxid is fine when it is at an epoch marker
      // (epoch, 0): a leader's lastProcessedZxid once it has started its epoch, whose tree
      // holds only committed txns, all at or below the zxid (every later leader has them).
      // It is reloaded as it is: ZooKeeper's log still holds the zxid (old logs are kept),
      // and the reload names the server's state by the snapshot (found by the fuzzer with
      // snapCount 10: an isolated leader snapshotting while its proposals went unacked).
      if (packet.zxid < self.disk_.snapshot_zxid && !is_epoch_marker(self.disk_.snapshot_zxid)) {
        // Here the snapshot holds txns past the zxid (a SNAP from an earlier leader of an
        // epoch that never established): reloading it would silently keep txns the leader
        // does not have (found by the fuzzer: digest-agreement, seed 3009522), so the process
        // exits with QUORUM_PACKET_ERROR, as ZooKeeper's Learner does when truncateLog fails.
        out.trace(TraceEvent{.kind = TraceKind::kTruncateFailed,
                             .zxid = packet.zxid,
                             .snapshot_zxid = self.disk_.snapshot_zxid,
                             .exit_code = kExitQuorumPacketError});
        out.push(ProcessExitEffect{kExitQuorumPacketError});
        return;
      }
      truncate_log_after(self.disk_.log, packet.zxid);
      out.push(LogTruncateEffect{packet.zxid});
      self.db_.load(self.disk_, packet.zxid);
      out.trace(TraceEvent{.kind = TraceKind::kTruncated, .zxid = packet.zxid});
      break;
    case PacketType::kSnap:
      sync_mode = SyncMode::kSnap;
      if (packet.snapshot) {
        self.db_.replace_with_snapshot(packet.snapshot->tree, packet.snapshot->zxid);
        // As Learner.syncWithLeader: the leader's snapshot replaces the tree in memory only;
        // it reaches the disk when NEWLEADER arrives (a sync that breaks before leaves the
        // disk as it was, and going LOOKING reloads from it). Written at once, a SNAP of a
        // leader that never established its epoch put its uncommitted txns into a snapshot
        // that a later TRUNC could not cut (digest-agreement, fuzz seed 3098717).
        snapshot_zxid = self.db_.last_processed_zxid();
      }
      break;
    case PacketType::kProposal:
      if (observer && serving) break;  // Observer.processPacket: "Ignoring proposal"
      on_proposal(self, packet, out);
      break;
    case PacketType::kCommit:
      if (observer && serving) break;  // "Ignoring commit"
      on_commit(self, packet.zxid, out);
      break;
    case PacketType::kInform:
      on_inform(self, packet, out);
      break;
    case PacketType::kNewLeader: {
      const Epoch leader_epoch = zxid_epoch(packet.zxid);
      if (sync_mode == SyncMode::kNone) {
        self.go_looking(TraceEvent{.reason = StateChangeReason::kNewLeaderWithoutSync}, out);
        return;
      }
      if (snapshot_zxid) {
        // The snapshot of the tree as synced so far (commits during the sync included), and
        // no old log above it.
        truncate_log_after(self.disk_.log, self.db_.last_processed_zxid());
        out.push(LogTruncateEffect{self.db_.last_processed_zxid()});
        self.take_snapshot(out);
        self.db_.set_last_logged_zxid(self.db_.last_processed_zxid());
        snapshot_zxid.reset();
      }
      for (auto& txn : unlogged) {
        if (txn->header.zxid <= self.db_.last_logged_zxid()) continue;
        if (!next_in_log(self, txn->header.zxid, out)) return;
        self.log_txn(txn, out);
        // Proposals committed during the sync were applied already; the rest await COMMIT.
        if (txn->header.zxid > self.db_.last_processed_zxid()) pending_txns.push_back(txn);
      }
      unlogged.clear();
      // currentEpoch is written only once the synced txns are on disk (on_flushed), the
      // order of the ZOOKEEPER-4643 fix: a follower that crashed in between would otherwise
      // restart with the new epoch but without those txns, win an election on the epoch and
      // truncate acknowledged writes (ZooKeeper 3.5-3.9.1 can; the fuzzer found it here).
      // `bugs=ZOOKEEPER-4643` writes it here, before the fsync, as ZooKeeper 3.8 does.
      if (self.config_.upstream_bugs.has(UpstreamBug::kZookeeper4643)) {
        self.write_epoch(EpochFile::kCurrentEpoch, std::max(self.disk_.current_epoch, leader_epoch), out);
      }
      got_new_leader = true;
      self.election_.update_peer_epoch(leader_epoch);
      reset_read_timeout(self, out);
      // ACK once everything logged so far is on disk (the fsync token is the epoch marker).
      self.sync_.request(packet.zxid, out);
      break;
    }
    case PacketType::kUpToDate:
      serving = true;
      self.phase_ = ZabPhase::kBroadcast;
      out.trace(TraceEvent{
          .kind = TraceKind::kSynced, .sync_mode = sync_mode, .peer = from, .zxid = self.db_.last_processed_zxid()});
      self.send_packet(from, PacketType::kAck, connection, make_zxid(new_epoch, 0), 0, out);
      break;
    case PacketType::kPing: {
      QuorumPacket reply;
      reply.type = PacketType::kPing;
      reply.connection = connection;
      reply.zxid = packet.zxid;
      for (SessionId session : touched) {
        reply.sessions.emplace_back(session, self.db_.tree().session_timeout_ms(session).value_or(0));
      }
      touched.clear();
      self.send_packet(from, std::move(reply), out);
      break;
    }
    case PacketType::kSync:
      self.client_finish_sync(out);
      break;
    case PacketType::kRevalidate:
      for (const auto& [session, timeout_ms] : packet.sessions) {
        (void)timeout_ms;
        self.client_on_revalidated(session, packet.value == 1, out);
      }
      break;
    default:
      break;
  }
}

void Learner::on_proposal(QuorumPeer& self, const QuorumPacket& packet, Outbox& out) {
  if (!packet.txn) return;
  if (!got_new_leader) {
    // Logged when NEWLEADER arrives; a gap here is checked as it would be when logging.
    const Zxid base = snapshot_zxid.value_or(self.db_.last_logged_zxid());
    const Zxid previous = unlogged.empty() ? base : unlogged.back()->header.zxid;
    if (packet.zxid <= previous) return;
    if (!follows_in_log(previous, packet.zxid)) {
      self.go_looking(
          TraceEvent{
              .reason = StateChangeReason::kMissedTxns, .peer = leader, .zxid = packet.zxid, .last_zxid = previous},
          out);
      return;
    }
    unlogged.push_back(packet.txn);
    return;
  }
  if (packet.zxid <= self.db_.last_logged_zxid()) return;  // already logged (duplicate)
  if (!next_in_log(self, packet.zxid, out)) return;
  self.log_txn(packet.txn, out);
  pending_txns.push_back(packet.txn);
  if (self.config_.injected_bug == InjectedBug::kAckBeforeFsync) {
    self.send_packet(leader, PacketType::kAck, connection, packet.zxid, 0, out);
  }
  if (self.config_.injected_bug == InjectedBug::kAckUnproposed) {
    self.send_packet(leader, PacketType::kAck, connection, packet.zxid + 1000, 0, out);
  }
}

// The leader's txns reach a learner over one TCP connection, so they arrive without gaps:
// the next one continues the log's epoch or starts a new epoch at counter 1. A gap means
// packets were lost on the connection; TCP would have broken it, so the learner drops the
// connection and rejoins (ZooKeeper would otherwise log a gap and diverge).
bool Learner::next_in_log(QuorumPeer& self, Zxid zxid, Outbox& out) {
  if (follows_in_log(self.db_.last_logged_zxid(), zxid)) return true;
  self.go_looking(TraceEvent{.reason = StateChangeReason::kMissedTxns,
                             .peer = leader,
                             .zxid = zxid,
                             .last_zxid = self.db_.last_logged_zxid()},
                  out);
  return false;
}

void Learner::on_commit(QuorumPeer& self, Zxid zxid, Outbox& out) {
  ZK_INVARIANT(self.learning());
  if (!got_new_leader) {
    // Before NEWLEADER: apply straight to the tree (the txn is logged at NEWLEADER).
    for (const auto& txn : unlogged) {
      if (txn->header.zxid == zxid && zxid > self.db_.last_processed_zxid()) self.apply_committed(txn, out);
    }
    return;
  }
  if (pending_txns.empty()) return;  // committing without seeing the txn
  const auto txn = pending_txns.front();
  if (txn->header.zxid != zxid) {
    out.trace(TraceEvent{
        .kind = TraceKind::kInvariantViolated,
        .text = fmt::format("COMMIT {} but the next pending txn is {}", zxid_hex(zxid), zxid_hex(txn->header.zxid))});
    self.go_looking(TraceEvent{.reason = StateChangeReason::kUnmatchedCommit}, out);
    return;
  }
  pending_txns.pop_front();
  self.apply_committed(txn, out);
}

// INFORM: a txn the quorum committed, sent to observers only. During the sync it is taken
// like a PROPOSAL and its COMMIT (before NEWLEADER applied to the tree and logged at
// NEWLEADER); afterwards it is logged and applied at once (ObserverZooKeeperServer's
// commitRequest: the SyncRequestProcessor and the CommitProcessor, no ACK).
void Learner::on_inform(QuorumPeer& self, const QuorumPacket& packet, Outbox& out) {
  if (!packet.txn || !observer) return;
  if (!got_new_leader) {
    on_proposal(self, packet, out);
    if (self.learner_role() != this) return;  // went LOOKING (a gap)
    on_commit(self, packet.zxid, out);
    return;
  }
  if (packet.zxid <= self.db_.last_logged_zxid()) return;  // already logged (duplicate)
  if (!next_in_log(self, packet.zxid, out)) return;
  self.log_txn(packet.txn, out);
  self.apply_committed(packet.txn, out);
}

void Learner::retry_connect(QuorumPeer& self, Outbox& out) {
  ++connect_attempts;
  send_follower_info(self, out);
}

void Learner::close(QuorumPeer& self, Outbox& out) const {
  self.send_packet(leader, PacketType::kClose, connection, 0, 0, out);
}

void Learner::on_flushed(QuorumPeer& self, Zxid token, Outbox& out) {
  if (!got_new_leader) return;
  if (is_epoch_marker(token)) {
    self.write_epoch(EpochFile::kCurrentEpoch, std::max(self.disk_.current_epoch, zxid_epoch(token)), out);
    self.send_packet(leader, PacketType::kAck, connection, token, 0, out);
    for (Zxid held : std::exchange(acks_held_for_epoch, {})) {
      self.send_packet(leader, PacketType::kAck, connection, held, 0, out);
    }
  } else if (observer) {
    return;  // an observer never ACKs a txn
  } else if (self.disk_.current_epoch < new_epoch) {
    // An ACK now would count towards a commit while this server's currentEpoch is still
    // the old one: crashed before the marker's fsync, it would restart with the txn but
    // the old epoch, lose the election on the epoch and be truncated below a committed
    // txn (fuzz seed 3502822). Held until currentEpoch is on disk.
    acks_held_for_epoch.push_back(token);
  } else {
    self.send_packet(leader, PacketType::kAck, connection, token, 0, out);
  }
}

}  // namespace zk
