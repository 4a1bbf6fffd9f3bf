// QuorumPeer: recovery from disk, input dispatch, the LOOKING <-> FOLLOWING/LEADING
// transitions, and the replicated state (log, apply, fast-forward, truncate, snapshot).
#include "core/quorum_peer.h"

#include <fmt/format.h>

#include <algorithm>
#include "core/invariant.h"

namespace zk {

const char* zab_phase_name(ZabPhase phase) {
  switch (phase) {
    case ZabPhase::kElection: return "ELECTION";
    case ZabPhase::kDiscovery: return "DISCOVERY";
    case ZabPhase::kSynchronization: return "SYNCHRONIZATION";
    case ZabPhase::kBroadcast: return "BROADCAST";
  }
  return "?";
}

namespace {

ElectionConfig election_config(const PeerConfig& config) {
  ElectionConfig election;
  election.my_id = config.my_id;
  election.quorum = config.quorum;
  election.injected_ignore_epochs = config.injected_bug == InjectedBug::kVoteIgnoresEpoch;
  return election;
}

}  // namespace

QuorumPeer::QuorumPeer(PeerConfig config, const PersistentState& disk)
    : config_(std::move(config)),
      disk_(disk),
      election_(election_config(config_)),
      sessions_(config_.tick_us / 1000) {
  ZK_INVARIANT(config_.quorum.is_voter(config_.my_id));
  ZK_INVARIANT(disk_.accepted_epoch >= disk_.current_epoch);
  // loadDataBase: the last snapshot, then every logged txn replayed on top of it.
  rebuild_from_log(disk_.last_logged_zxid());
}

void QuorumPeer::rebuild_from_log(Zxid up_to) {
  tree_ = disk_.snapshot ? *disk_.snapshot : DataTree();
  last_processed_zxid_ = disk_.snapshot_zxid;
  committed_log_.clear();
  for (const auto& txn : disk_.log) {
    if (txn->header.zxid > up_to) break;
    tree_.apply(*txn);
    last_processed_zxid_ = txn->header.zxid;
    committed_log_.push_back(txn);
    if (committed_log_.size() > config_.commit_log_count) committed_log_.pop_front();
  }
  last_logged_zxid_ = last_processed_zxid_;
}

bool QuorumPeer::serving() const {
  if (state_ == PeerState::kLeading) return leader_ && leader_->serving;
  if (state_ == PeerState::kFollowing) return learner_ && learner_->serving;
  return false;
}

ServerId QuorumPeer::current_leader() const {
  if (state_ == PeerState::kLeading && leader_) return config_.my_id;
  if (state_ == PeerState::kFollowing && learner_) return learner_->leader;
  return 0;
}

void QuorumPeer::start(Outbox& out) {
  TraceEvent event;
  event.kind = TraceKind::kServerStarted;
  event.zxid = last_logged_zxid_;
  event.epoch = disk_.current_epoch;
  event.accepted_epoch = disk_.accepted_epoch;
  out.trace(event);
  // Session ids: top byte = server id, middle bits from the (virtual) start time.
  next_session_id_ = initial_session_id(config_.my_id, out.now_ms());
  state_ = PeerState::kLooking;
  phase_ = ZabPhase::kElection;
  election_.start_looking(last_processed_zxid_, disk_.current_epoch, out);
}

void QuorumPeer::send_packet(ServerId to, QuorumPacket packet, Outbox& out) { out.send(to, std::move(packet)); }

void QuorumPeer::send_packet(ServerId to, PacketType type, uint64_t connection, Zxid zxid, int64_t value,
                             Outbox& out) {
  QuorumPacket packet;
  packet.type = type;
  packet.connection = connection;
  packet.zxid = zxid;
  packet.value = value;
  out.send(to, std::move(packet));
}

void QuorumPeer::set_state(PeerState state, const TraceEvent& why, Outbox& out) {
  if (state == state_) return;
  TraceEvent event = why;
  event.kind = TraceKind::kStateChanged;
  event.state_old = state_;
  event.state_new = state;
  out.trace(std::move(event));
  state_ = state;
}

void QuorumPeer::on_message(ServerId from, const PeerMessage& message, Outbox& out) {
  if (const auto* notification = std::get_if<Notification>(&message)) {
    election_.on_notification(*notification, state_, out);
    if (election_.take_decision()) on_election_decided(out);
    return;
  }
  const auto& packet = std::get<QuorumPacket>(message);
  if (shutdown_reason_) {
    // Shutting down its role: no leader or learner is left to take the packet.
    if (packet.type == PacketType::kFollowerInfo) {
      send_packet(from, PacketType::kConnectRefused, packet.connection, 0, 0, out);
    }
    return;
  }
  if (state_ == PeerState::kLeading) {
    leader_on_packet(from, packet, out);
  } else if (state_ == PeerState::kFollowing) {
    learner_on_packet(from, packet, out);
  } else if (packet.type == PacketType::kFollowerInfo) {
    // Not leading: nobody listens on the quorum port.
    send_packet(from, PacketType::kConnectRefused, packet.connection, 0, 0, out);
  }
}

void QuorumPeer::on_timer(TimerKind kind, Outbox& out) {
  switch (kind) {
    case TimerKind::kElectionPoll:
      election_.on_poll_timeout(out);
      break;
    case TimerKind::kElectionFinalize:
      election_.on_finalize_timeout(out);
      if (election_.take_decision()) on_election_decided(out);
      break;
    case TimerKind::kLeaderTick:
      if (state_ == PeerState::kLeading && leader_ && leader_->serving) leader_on_tick(out);
      break;
    case TimerKind::kLeaderPhaseTimeout:
      if (state_ == PeerState::kLeading) leader_on_phase_timeout(out);
      break;
    case TimerKind::kFollowerTimeout:
      if (state_ == PeerState::kFollowing) {
        const int limit = learner_ && learner_->got_new_leader ? config_.sync_limit : config_.init_limit;
        go_looking(TraceEvent{.reason = StateChangeReason::kNoPacket, .peer = current_leader(), .ticks = limit}, out);
      }
      break;
    case TimerKind::kLearnerConnectRetry:
      if (state_ == PeerState::kFollowing && learner_) {
        ++learner_->connect_attempts;
        learner_send_follower_info(out);
      }
      break;
    case TimerKind::kSessionExpiry:
      if (state_ == PeerState::kLeading && leader_ && leader_->serving) leader_on_session_expiry(out);
      break;
    case TimerKind::kCount:
      break;
  }
}

void QuorumPeer::on_peer_connected(ServerId peer, Outbox& out) { election_.on_peer_connected(peer, out); }

void QuorumPeer::on_peer_disconnected(ServerId peer, Outbox& out) {
  if (state_ == PeerState::kFollowing && learner_ && learner_->leader == peer) {
    go_looking(TraceEvent{.reason = StateChangeReason::kConnectionReset, .peer = peer}, out);
  } else if (state_ == PeerState::kLeading && leader_ && leader_->handlers.count(peer)) {
    leader_->handlers.erase(peer);
  }
}

// The fsync in flight completed: every txn it covered is durable and acknowledged in log
// order; then whatever was logged meanwhile goes to disk with the next fsync.
void QuorumPeer::on_disk_synced(Zxid token, Outbox& out) {
  ZK_INVARIANT(!flush_in_flight_.empty() && flush_in_flight_.back() == token);
  std::vector<Zxid> batch = std::exchange(flush_in_flight_, {});
  if (batch.empty()) batch.push_back(token);
  for (Zxid zxid : batch) on_flushed(zxid, out);
  batch.clear();
  if (flush_in_flight_.empty()) {
    flush_in_flight_ = std::move(batch);  // keeps its capacity
    if (!flush_waiting_.empty()) start_flush(out);
  }
  if (shutdown_reason_ && flush_in_flight_.empty()) {  // the shutdown flush is done
    const TraceEvent why = std::move(*shutdown_reason_);
    enter_election(why, out);
  }
}

void QuorumPeer::request_flush(Zxid token, Outbox& out) {
  flush_waiting_.push_back(token);
  if (flush_in_flight_.empty()) start_flush(out);
}

void QuorumPeer::write_epoch(EpochFile file, Epoch epoch, Outbox& out) {
  Epoch& copy = file == EpochFile::kAcceptedEpoch ? disk_.accepted_epoch : disk_.current_epoch;
  if (copy == epoch) return;
  copy = epoch;
  ZK_INVARIANT(disk_.accepted_epoch >= disk_.current_epoch);
  out.push(EpochWriteEffect{file, epoch});
}

void QuorumPeer::start_flush(Outbox& out) {
  ZK_INVARIANT(flush_in_flight_.empty() && !flush_waiting_.empty());
  const size_t count = std::min(flush_waiting_.size(), std::max<size_t>(1, config_.max_flush_batch));
  flush_in_flight_.assign(flush_waiting_.begin(), flush_waiting_.begin() + static_cast<std::ptrdiff_t>(count));
  flush_waiting_.erase(flush_waiting_.begin(), flush_waiting_.begin() + static_cast<std::ptrdiff_t>(count));
  out.push(FsyncEffect{flush_in_flight_.back()});
}

void QuorumPeer::on_flushed(Zxid token, Outbox& out) {
  if (state_ == PeerState::kLeading && leader_) {
    if (!is_epoch_marker(token)) leader_on_ack(config_.my_id, token, out);
  } else if (state_ == PeerState::kFollowing && learner_ && learner_->got_new_leader) {
    if (is_epoch_marker(token)) {
      write_epoch(EpochFile::kCurrentEpoch, std::max(disk_.current_epoch, zxid_epoch(token)), out);
      send_packet(learner_->leader, PacketType::kAck, learner_->connection, token, 0, out);
      for (Zxid held : std::exchange(learner_->acks_held_for_epoch, {})) {
        send_packet(learner_->leader, PacketType::kAck, learner_->connection, held, 0, out);
      }
    } else if (disk_.current_epoch < learner_->new_epoch) {
      // An ACK now would count towards a commit while this server's currentEpoch is still
      // the old one: crashed before the marker's fsync, it would restart with the txn but
      // the old epoch, lose the election on the epoch and be truncated below a committed
      // txn (fuzz seed 3502822). Held until currentEpoch is on disk.
      learner_->acks_held_for_epoch.push_back(token);
    } else {
      send_packet(learner_->leader, PacketType::kAck, learner_->connection, token, 0, out);
    }
  }
}

void QuorumPeer::on_election_decided(Outbox& out) {
  const Vote& vote = election_.current_vote();
  if (vote.leader == config_.my_id) {
    set_state(PeerState::kLeading, TraceEvent{.reason = StateChangeReason::kWonElection}, out);
    lead(out);
  } else {
    set_state(PeerState::kFollowing, TraceEvent{.reason = StateChangeReason::kFollows, .peer = vote.leader}, out);
    follow(vote.leader, out);
  }
}

void QuorumPeer::go_looking(const TraceEvent& why, Outbox& out) {
  if (state_ == PeerState::kLeading && leader_) {
    for (const auto& [sid, handler] : leader_->handlers) send_packet(sid, PacketType::kClose, handler.connection, 0, 0, out);
  } else if (state_ == PeerState::kFollowing && learner_) {
    send_packet(learner_->leader, PacketType::kClose, learner_->connection, 0, 0, out);
  }
  client_close_all("the server left the quorum", out);
  // A sync that broke before NEWLEADER may have applied committed txns that are not in the
  // log yet; the tree goes back to what the disk holds (ZooKeeper 3.4 reloads its database
  // from disk when a follower shuts down), so the zxid it reports next matches its log and
  // the next leader's DIFF continues the log without a gap.
  if (state_ == PeerState::kFollowing &&
      (last_processed_zxid_ > last_logged_zxid_ || (learner_ && learner_->snapshot_zxid))) {
    rebuild_from_log(last_logged_zxid_);
  }
  fast_forward();
  leader_.reset();
  learner_.reset();
  prep_.clear();
  for (TimerKind kind : {TimerKind::kLeaderTick, TimerKind::kLeaderPhaseTimeout, TimerKind::kFollowerTimeout,
                         TimerKind::kLearnerConnectRetry, TimerKind::kSessionExpiry}) {
    out.cancel_timer(kind);
  }
  // Shutting the role down shuts its SyncRequestProcessor down, which flushes what was
  // logged before the peer changes state: the election (and any epoch this server writes
  // as the next leader) comes after those txns are on disk. Until then the peer keeps its
  // old state, and answers LOOKING peers' notifications with its old vote, as ZooKeeper's
  // QuorumPeer does while Follower/Leader.shutdown() runs.
  const auto unflushed = static_cast<int64_t>(
      std::count_if(flush_in_flight_.begin(), flush_in_flight_.end(), [](Zxid z) { return !is_epoch_marker(z); }) +
      std::count_if(flush_waiting_.begin(), flush_waiting_.end(), [](Zxid z) { return !is_epoch_marker(z); }));
  if (unflushed > 0) {
    shutdown_reason_ = why;
    out.trace(TraceEvent{.kind = TraceKind::kShutdownFlush, .state_old = state_, .txns = static_cast<int32_t>(unflushed)});
    return;
  }
  enter_election(why, out);
}

void QuorumPeer::enter_election(const TraceEvent& why, Outbox& out) {
  shutdown_reason_.reset();
  set_state(PeerState::kLooking, why, out);
  phase_ = ZabPhase::kElection;
  election_.start_looking(last_processed_zxid_, disk_.current_epoch, out);
}

// ---------------------------------------------------------------- replicated state

void QuorumPeer::log_txn(std::shared_ptr<const Txn> txn, Outbox& out) {
  ZK_INVARIANT(txn->header.zxid > last_logged_zxid_);
  last_logged_zxid_ = txn->header.zxid;
  disk_.log.push_back(txn);
  const Zxid zxid = txn->header.zxid;
  out.push(LogAppendEffect{std::move(txn)});
  request_flush(zxid, out);
}

void QuorumPeer::apply_committed(const std::shared_ptr<const Txn>& txn, Outbox& out) {
  const Zxid zxid = txn->header.zxid;
  ZK_INVARIANT(zxid > last_processed_zxid_ || is_epoch_marker(last_processed_zxid_));
  tree_.apply(*txn, &apply_result_);
  const ApplyResult& result = apply_result_;
  last_processed_zxid_ = zxid;
  committed_log_.push_back(txn);
  if (committed_log_.size() > config_.commit_log_count) committed_log_.pop_front();
  prep_.applied_up_to(zxid);
  client_after_apply(*txn, result, out);
}

// Before re-entering the election, apply every logged txn the tree has not applied yet
// (ZooKeeper's fastForwardDataBase), so that the vote carries the last logged zxid.
void QuorumPeer::fast_forward() {
  for (const auto& txn : disk_.log) {
    if (txn->header.zxid <= last_processed_zxid_) continue;
    tree_.apply(*txn);
    last_processed_zxid_ = txn->header.zxid;
    committed_log_.push_back(txn);
    if (committed_log_.size() > config_.commit_log_count) committed_log_.pop_front();
  }
}

void drop_logged_through(TxnLog& log, Zxid zxid) {
  const auto first_kept = std::partition_point(log.begin(), log.end(), [&](const auto& txn) { return txn->header.zxid <= zxid; });
  log.drop_front(first_kept.index());
}

void truncate_log_after(TxnLog& log, Zxid zxid) {
  const auto first_dropped = std::partition_point(log.begin(), log.end(), [&](const auto& txn) { return txn->header.zxid <= zxid; });
  log.truncate(first_dropped.index());
}

void QuorumPeer::take_snapshot(Outbox& out) {
  auto tree = std::make_shared<const DataTree>(tree_);
  disk_.snapshot = tree;
  disk_.snapshot_zxid = last_processed_zxid_;
  drop_logged_through(disk_.log, last_processed_zxid_);
  out.push(SnapshotEffect{tree, last_processed_zxid_});
}

}  // namespace zk
