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
      db_(config_.commit_log_count),
      prep_(config_.containers.extended_types_enabled, config_.skip_acl),
      sessions_(config_.tick_us / 1000),
      sync_(config_.max_flush_batch, config_.snap_count, config_.snap_roll_seed) {
  ZK_INVARIANT(config_.quorum.is_voter(config_.my_id) || config_.quorum.is_observer(config_.my_id));
  ZK_INVARIANT(disk_.accepted_epoch >= disk_.current_epoch);
  // loadDataBase: the last snapshot, then every logged txn replayed on top of it.
  db_.load(disk_, disk_.last_logged_zxid());
}

bool QuorumPeer::serving() const {
  if (state_ == PeerState::kLeading) return leader_state() && leader_state()->serving;
  if (state_ == PeerState::kFollowing || state_ == PeerState::kObserving) {
    return learner_state() && learner_state()->serving;
  }
  return false;
}

ServerId QuorumPeer::current_leader() const {
  if (state_ == PeerState::kLeading && leader_state()) return config_.my_id;
  if (learning() && learner_state()) return learner_state()->leader;
  return 0;
}

void QuorumPeer::start(Outbox& out) {
  TraceEvent event;
  event.kind = TraceKind::kServerStarted;
  event.zxid = db_.last_logged_zxid();
  event.epoch = disk_.current_epoch;
  event.accepted_epoch = disk_.accepted_epoch;
  out.trace(event);
  restart_session_ids(out);  // no session is made before a role starts; this only sets a value
  state_ = PeerState::kLooking;
  phase_ = ZabPhase::kElection;
  election_.set_initial_vote(db_.last_logged_zxid(), disk_.current_epoch);
  election_.start_looking(db_.last_processed_zxid(), disk_.current_epoch, out);
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

void QuorumPeer::send_txn(ServerId to, PacketType type, uint64_t connection, std::shared_ptr<const Txn> txn,
                          Outbox& out) {
  QuorumPacket packet;
  packet.type = type;
  packet.connection = connection;
  packet.zxid = txn->header.zxid;
  packet.txn = std::move(txn);
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
    if (is_learner_info(packet.type)) send_packet(from, PacketType::kConnectRefused, packet.connection, 0, 0, out);
    return;
  }
  if (state_ == PeerState::kLeading && leader_role()) {
    leader_role()->on_packet(*this, from, packet, out);
  } else if (learning()) {
    as_learner().on_packet(*this, from, packet, out);
  } else if (is_learner_info(packet.type)) {
    // Not leading, or a leader whose Leader is not built yet: nobody listens on the
    // quorum port.
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
      if (Leader* leader = serving_leader()) leader->on_tick(*this, out);
      break;
    case TimerKind::kLeaderPhaseTimeout:
      if (state_ == PeerState::kLeading && leader_role()) leader_role()->on_phase_timeout(*this, out);
      break;
    case TimerKind::kFollowerTimeout:
      if (learning()) {
        const int limit = learner_role() && as_learner().got_new_leader ? config_.sync_limit : config_.init_limit;
        go_looking(TraceEvent{.reason = StateChangeReason::kNoPacket, .peer = current_leader(), .ticks = limit}, out);
      }
      break;
    case TimerKind::kLeaderBind:
      // Left armed by go_looking: it only acts on a leader that is still being built.
      if (state_ == PeerState::kLeading && !leader_role() && !shutdown_reason_) lead(out);
      break;
    case TimerKind::kLearnerConnectRetry:
      if (learning() && learner_role()) learner_role()->retry_connect(*this, out);
      break;
    case TimerKind::kObserverElectionDelay:
      if (state_ == PeerState::kLooking && !election_.looking() && !shutdown_reason_) start_election(out);
      break;
    case TimerKind::kSessionExpiry:
      if (Leader* leader = serving_leader()) leader->on_session_expiry(*this, out);
      break;
    case TimerKind::kContainerCheck:
      if (Leader* leader = serving_leader()) leader->on_container_check(*this, out);
      break;
    case TimerKind::kContainerDelete:
      if (Leader* leader = serving_leader()) leader->on_container_pause_over(*this, out);
      break;
    case TimerKind::kCount:
      break;
  }
}

void QuorumPeer::on_peer_connected(ServerId peer, Outbox& out) { election_.on_peer_connected(peer, out); }

void QuorumPeer::on_peer_disconnected(ServerId peer, Outbox& out) {
  if (learning() && learner_role() && as_learner().leader == peer) {
    go_looking(TraceEvent{.reason = StateChangeReason::kConnectionReset, .peer = peer}, out);
  } else if (state_ == PeerState::kLeading && leader_role()) {
    leader_role()->on_learner_disconnected(peer);
  }
}

// The fsync in flight completed: every txn it covered is durable and acknowledged in log
// order; then whatever was logged meanwhile goes to disk with the next fsync.
void QuorumPeer::on_disk_synced(Zxid token, Outbox& out) {
  std::vector<Zxid> batch = sync_.take_completed(token);
  for (Zxid zxid : batch) on_flushed(zxid, out);
  sync_.finish(std::move(batch), out);
  if (shutdown_reason_ && sync_.idle()) {  // the shutdown flush is done
    const TraceEvent why = std::move(*shutdown_reason_);
    enter_election(why, out);
  }
}

void QuorumPeer::restart_session_ids(Outbox& out) {
  cnxns_.next_session_id = initial_session_id(config_.my_id, out.now_ms() + config_.host_clock_at_zero_ms);
}

void QuorumPeer::write_epoch(EpochFile file, Epoch epoch, Outbox& out) {
  Epoch& copy = file == EpochFile::kAcceptedEpoch ? disk_.accepted_epoch : disk_.current_epoch;
  if (copy == epoch) return;
  copy = epoch;
  ZK_INVARIANT(disk_.accepted_epoch >= disk_.current_epoch);
  out.push(EpochWriteEffect{file, epoch});
}

void QuorumPeer::on_flushed(Zxid token, Outbox& out) {
  if (state_ == PeerState::kLeading && leader_role()) {
    if (!is_epoch_marker(token)) leader_role()->on_ack(*this, config_.my_id, token, out);
  } else if (learning() && learner_role()) {
    learner_role()->on_flushed(*this, token, out);
  }
}

void QuorumPeer::on_election_decided(Outbox& out) {
  const Vote& vote = election_.current_vote();
  if (vote.leader == config_.my_id) {
    set_state(PeerState::kLeading, TraceEvent{.reason = StateChangeReason::kWonElection}, out);
    // LEADING with no role yet: the Leader is being built; its quorum port is not bound.
    if (config_.leader_bind_delay_us > 0) {
      out.set_timer(TimerKind::kLeaderBind, config_.leader_bind_delay_us);
    } else {
      lead(out);
    }
  } else {
    // FOLLOWING, or OBSERVING for an observer (FastLeaderElection.learningState).
    const PeerState learning_state = is_voter(config_.my_id) ? PeerState::kFollowing : PeerState::kObserving;
    set_state(learning_state, TraceEvent{.reason = StateChangeReason::kFollows, .peer = vote.leader}, out);
    role_.emplace<Learner>(learning_state == PeerState::kObserving).follow(*this, vote.leader, out);
  }
}

void QuorumPeer::go_looking(const TraceEvent& why, Outbox& out) {
  if (state_ == PeerState::kLeading && leader_role()) {
    leader_role()->close_all(*this, out);
  } else if (learning() && learner_role()) {
    learner_role()->close(*this, out);
  }
  client_close_all("the server left the quorum", out);
  // A sync that broke before NEWLEADER may have applied committed txns that are not in the
  // log yet; the tree goes back to what the disk holds (ZooKeeper 3.4 reloads its database
  // from disk when a follower shuts down), so the zxid it reports next matches its log and
  // the next leader's DIFF continues the log without a gap.
  if (learning() &&
      (db_.last_processed_zxid() > db_.last_logged_zxid() || (learner_role() && as_learner().snapshot_zxid))) {
    db_.load(disk_, db_.last_logged_zxid());
  }
  db_.fast_forward(disk_.log);
  role_.emplace<NoRole>();
  prep_.clear();
  for (TimerKind kind : {TimerKind::kLeaderTick, TimerKind::kLeaderPhaseTimeout, TimerKind::kFollowerTimeout,
                         TimerKind::kLearnerConnectRetry, TimerKind::kSessionExpiry}) {
    out.cancel_timer(kind);
  }
  if (observer()) out.cancel_timer(TimerKind::kObserverElectionDelay);
  // Shutting the role down shuts its SyncRequestProcessor down, which flushes what was
  // logged before the peer changes state: the election (and any epoch this server writes
  // as the next leader) comes after those txns are on disk. Until then the peer keeps its
  // old state, and answers LOOKING peers' notifications with its old vote, as ZooKeeper's
  // QuorumPeer does while Follower/Leader.shutdown() runs.
  const int64_t unflushed = sync_.unflushed_txns();
  if (unflushed > 0) {
    shutdown_reason_ = why;
    out.trace(TraceEvent{.kind = TraceKind::kShutdownFlush, .state_old = state_, .txns = static_cast<int32_t>(unflushed)});
    return;
  }
  enter_election(why, out);
}

void QuorumPeer::lead(Outbox& out) { role_.emplace<Leader>().lead(*this, out); }

void QuorumPeer::enter_election(const TraceEvent& why, Outbox& out) {
  shutdown_reason_.reset();
  const bool was_observing = state_ == PeerState::kObserving;
  set_state(PeerState::kLooking, why, out);
  phase_ = ZabPhase::kElection;
  if (was_observing && config_.observer_election_delay_us > 0) {
    // QuorumPeer.run's OBSERVING case: LOOKING at once, lookForLeader after
    // Observer.waitForObserverElectionDelay (zookeeper.observer.election.DelayMs).
    out.set_timer(TimerKind::kObserverElectionDelay, config_.observer_election_delay_us);
    return;
  }
  start_election(out);
}

void QuorumPeer::start_election(Outbox& out) {
  election_.start_looking(db_.last_processed_zxid(), disk_.current_epoch, out);
}

// ---------------------------------------------------------------- replicated state

void QuorumPeer::log_txn(std::shared_ptr<const Txn> txn, Outbox& out) {
  const Zxid zxid = txn->header.zxid;
  db_.note_logged(zxid);
  disk_.log.push_back(txn);
  out.push(LogAppendEffect{std::move(txn)});
  if (sync_.should_snapshot(db_.txn_count())) {
    // SyncRequestProcessor.run: roll the log and snapshot the tree as applied so far (a fuzzy
    // snapshot: txns logged above it stay in the log). The disk keeps only the newest
    // snapshot and the log after it (what autopurge with snapRetainCount=1 would leave).
    TraceEvent event;
    event.kind = TraceKind::kSnapshotTaken;
    event.txns = static_cast<int32_t>(std::min<int64_t>(db_.txn_count(), INT32_MAX));
    event.zxid = db_.last_processed_zxid();
    event.last_zxid = zxid;
    out.trace(event);
    sync_.reset_snapshot_stats();
    db_.roll_log();
    take_snapshot(out);
  }
  sync_.request(zxid, out);
}

void QuorumPeer::apply_committed(const std::shared_ptr<const Txn>& txn, Outbox& out) {
  const ApplyResult& result = db_.apply_committed(txn);
  prep_.applied_up_to(txn->header.zxid);
  client_after_apply(*txn, result, out);
}

void QuorumPeer::take_snapshot(Outbox& out) { out.push(db_.take_snapshot(disk_)); }

}  // namespace zk
