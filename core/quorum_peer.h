// QuorumPeer: one ZooKeeper server as a sans-IO state machine. It owns the election
// (FastLeaderElection), the replicated state (data tree, committed-log window, the txn log
// as this process wrote it, the last snapshot), the client connections and watches, and
// once elected the leader or learner side of ZAB: discovery (FOLLOWERINFO / LEADERINFO /
// ACKEPOCH), synchronization (DIFF / TRUNC / SNAP, NEWLEADER, UPTODATE) and broadcast
// (PROPOSAL / ACK / COMMIT, PING, liveness checks, session expiry).
// Inputs are method calls; every effect goes to the Outbox the caller passes in (which
// also carries the virtual time). A restart is a new QuorumPeer built from the disk image.
// The code is split by role: quorum_peer.cpp (transitions, log, apply), leader.cpp,
// learner.cpp and client_handler.cpp.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/chunked_vector.h"
#include "core/client_protocol.h"
#include "core/data_tree.h"
#include "core/fast_leader_election.h"
#include "core/injected_bug.h"
#include "core/upstream_bug.h"
#include "core/invariant.h"
#include "core/outbox.h"
#include "core/prep_request_processor.h"
#include "core/quorum_packet.h"
#include "core/quorum_verifier.h"
#include "core/server_set.h"
#include "core/session_tracker.h"
#include "core/watch_manager.h"

namespace zk {

struct PeerConfig {
  ServerId my_id = 1;
  QuorumVerifier quorum;  // the voters and observers, and what a quorum of them is
  int64_t tick_us = 2'000'000;
  int init_limit = 10;
  int sync_limit = 5;
  int64_t min_session_timeout_ms = -1;  // -1: 2 x tick
  int64_t max_session_timeout_ms = -1;  // -1: 20 x tick
  uint64_t incarnation = 0;  // how many times this server has been started; tags connections
  int64_t learner_connect_retry_us = 100'000;
  int learner_connect_attempts = 5;
  size_t commit_log_count = 500;  // the leader's in-memory DIFF window
  size_t max_flush_batch = 1000;  // SyncRequestProcessor: at most this many txns per fsync
  InjectedBug injected_bug = InjectedBug::kNone;  // a deliberate protocol bug (checker tests only)
  UpstreamBugs upstream_bugs;  // ZooKeeper 3.8 data-loss bugs to reproduce (default: none, fixed)
};

// What survives a crash: the epoch files, the last snapshot and the fsynced txn log.
// A transaction log in zxid order; copies share its full chunks (GUI checkpoints).
using TxnLog = ChunkedVector<std::shared_ptr<const Txn>>;
// Drops the txns at or below zxid (a snapshot covers them) / keeps only those at or below it.
void drop_logged_through(TxnLog& log, Zxid zxid);
void truncate_log_after(TxnLog& log, Zxid zxid);

struct PersistentState {
  Epoch accepted_epoch = 0;
  Epoch current_epoch = 0;
  std::shared_ptr<const DataTree> snapshot;  // null: the initial tree
  Zxid snapshot_zxid = 0;
  TxnLog log;  // txns after the snapshot, zxid order
  Zxid last_logged_zxid() const { return log.empty() ? snapshot_zxid : log.back()->header.zxid; }
  bool operator==(const PersistentState&) const = default;
};

enum class ZabPhase : uint8_t { kElection, kDiscovery, kSynchronization, kBroadcast };
const char* zab_phase_name(ZabPhase phase);

struct LearnerHandler {
  uint64_t connection = 0;
  bool acked_epoch = false;
  Zxid peer_last_zxid = 0;
  bool sync_sent = false;  // also: it is a forwarding target for new proposals
  bool acked_new_leader = false;
  bool up_to_date_sent = false;
  int64_t tick_of_next_ack_deadline = 0;
  SyncMode sync_mode = SyncMode::kNone;
  std::deque<std::pair<Zxid, int64_t>> unacked;  // proposals sent, not acked: (zxid, sent_us)
  bool operator==(const LearnerHandler&) const = default;
};

struct Proposal {
  std::shared_ptr<const Txn> txn;
  ServerSet acks;
  int64_t proposed_us = 0;
  bool operator==(const Proposal&) const = default;
};

// The outstanding proposal with this zxid, or end(). A leader numbers its proposals
// consecutively within its epoch (leader_propose appends zxid counter + 1; commits take
// the front), so the entry for zxid is at (zxid - front's zxid).
inline auto find_outstanding(std::deque<std::pair<Zxid, Proposal>>& outstanding, Zxid zxid) {
  if (outstanding.empty() || zxid < outstanding.front().first) return outstanding.end();
  const auto offset = static_cast<uint64_t>(zxid - outstanding.front().first);
  if (offset >= outstanding.size()) return outstanding.end();
  ZK_INVARIANT(outstanding[offset].first == zxid);
  return outstanding.begin() + static_cast<std::ptrdiff_t>(offset);
}

struct LeaderState {
  Epoch epoch = -1;
  bool epoch_decided = false;
  bool epoch_acked = false;  // a quorum sent ACKEPOCH: currentEpoch is persisted
  bool serving = false;      // a quorum acked NEWLEADER
  std::set<ServerId> connecting;
  std::set<ServerId> electing;
  std::set<ServerId> new_leader_acks;
  int64_t tick = 0;
  bool tick_skip = true;
  std::map<ServerId, LearnerHandler> handlers;
  uint32_t zxid_counter = 0;
  Zxid last_proposed = 0;
  // Proposed, not yet committed, in zxid order (proposals are appended, commits come off
  // the front): find_outstanding() indexes by zxid offset.
  std::deque<std::pair<Zxid, Proposal>> outstanding;
  std::map<Zxid, std::vector<ServerId>> pending_syncs;  // release SYNC to these once zxid commits
  bool operator==(const LeaderState&) const = default;
};

struct LearnerState {
  ServerId leader = 0;
  uint64_t connection = 0;
  int connect_attempts = 0;
  Epoch new_epoch = -1;
  bool got_new_leader = false;
  bool serving = false;
  SyncMode sync_mode = SyncMode::kNone;
  std::deque<std::shared_ptr<const Txn>> pending_txns;  // logged proposals awaiting COMMIT
  std::vector<std::shared_ptr<const Txn>> unlogged;     // proposals before NEWLEADER
  std::optional<Zxid> snapshot_zxid;                     // a SNAP in memory, written at NEWLEADER
  // Txns fsynced before the NEWLEADER marker, so before currentEpoch is written: their ACKs
  // wait and go out right after NEWLEADER's (the ZOOKEEPER-4685 order of the 4643 fix).
  std::vector<Zxid> acks_held_for_epoch;
  std::set<SessionId> touched;                          // reported with the next PING reply
  bool operator==(const LearnerState&) const = default;
};

struct ClientConnection {
  SessionId session = 0;
  bool established = false;
  ReconnectWatches set_watches;  // applied when a moved session is re-established
  Zxid set_watches_zxid = 0;     // ... relative to the client's last seen zxid
  int outstanding = 0;                     // writes and syncs not yet answered
  std::deque<RequestMessage> queued_reads; // held back behind the session's writes (FIFO)
  std::string remote_address;              // as the driver named it in the connect
  bool operator==(const ClientConnection&) const = default;
};

class QuorumPeer {
 public:
  QuorumPeer(PeerConfig config, const PersistentState& disk);

  void start(Outbox& out);
  void on_message(ServerId from, const PeerMessage& message, Outbox& out);
  void on_timer(TimerKind kind, Outbox& out);
  void on_peer_connected(ServerId peer, Outbox& out);
  void on_peer_disconnected(ServerId peer, Outbox& out);
  void on_disk_synced(Zxid token, Outbox& out);
  void on_client_message(ConnectionId connection, const ClientToServer& message, Outbox& out);

  ServerId id() const { return config_.my_id; }
  PeerState state() const { return state_; }
  ZabPhase phase() const { return phase_; }
  // A follower after UPTODATE or a leader after the NEWLEADER quorum serves clients.
  bool serving() const;
  const PersistentState& persistent() const { return disk_; }
  Zxid last_processed_zxid() const { return last_processed_zxid_; }
  Zxid last_logged_zxid() const { return last_logged_zxid_; }
  const DataTree& tree() const { return tree_; }
  const WatchManager& watches() const { return watches_; }
  const FastLeaderElection& election() const { return election_; }
  const std::optional<LeaderState>& leader_state() const { return leader_; }
  const std::optional<LearnerState>& learner_state() const { return learner_; }
  const std::map<ConnectionId, ClientConnection>& connections() const { return connections_; }
  const std::deque<std::shared_ptr<const Txn>>& committed_log() const { return committed_log_; }
  // Logged txns (and NEWLEADER markers) covered by the fsync in flight / waiting for the next.
  const std::vector<Zxid>& flush_in_flight() const { return flush_in_flight_; }
  const std::vector<Zxid>& flush_waiting() const { return flush_waiting_; }
  const PeerConfig& config() const { return config_; }
  const SessionTracker& session_tracker() const { return sessions_; }
  // The leader this server follows or is; 0 while LOOKING or shutting a role down.
  ServerId current_leader() const;
  // Its role is shut down and logged txns are being flushed before it starts electing.
  bool shutting_down() const { return shutdown_reason_.has_value(); }

 private:
  bool is_quorum(size_t voter_count) const { return config_.quorum.is_quorum(voter_count); }
  bool is_voter(ServerId id) const { return config_.quorum.is_voter(id); }
  void send_packet(ServerId to, QuorumPacket packet, Outbox& out);
  void send_packet(ServerId to, PacketType type, uint64_t connection, Zxid zxid, int64_t value, Outbox& out);
  // `why` carries the reason of the state change as data: its `reason` and the fields
  // that reason names (see StateChangeReason); set_state fills in the rest of the event.
  void go_looking(const TraceEvent& why, Outbox& out);
  void enter_election(const TraceEvent& why, Outbox& out);
  void set_state(PeerState state, const TraceEvent& why, Outbox& out);
  void on_election_decided(Outbox& out);

  // quorum_peer.cpp: the replicated state
  // Writes acceptedEpoch or currentEpoch (this process's copy and, as an effect, the disk);
  // nothing when the file already holds that epoch.
  void write_epoch(EpochFile file, Epoch epoch, Outbox& out);
  void log_txn(std::shared_ptr<const Txn> txn, Outbox& out);
  void request_flush(Zxid token, Outbox& out);
  void start_flush(Outbox& out);
  void on_flushed(Zxid token, Outbox& out);
  void apply_committed(const std::shared_ptr<const Txn>& txn, Outbox& out);
  void fast_forward();
  void rebuild_from_log(Zxid up_to);
  void take_snapshot(Outbox& out);

  // leader.cpp
  void lead(Outbox& out);
  void leader_on_packet(ServerId from, const QuorumPacket& packet, Outbox& out);
  void leader_on_follower_info(ServerId from, const QuorumPacket& packet, Outbox& out);
  void leader_forget_acks(ServerId learner, Outbox& out);
  void leader_on_ack_epoch(ServerId from, const QuorumPacket& packet, Outbox& out);
  void leader_on_ack(ServerId from, Zxid zxid, Outbox& out);
  void leader_check_epoch_quorum(Outbox& out);
  void leader_check_epoch_ack_quorum(Outbox& out);
  void leader_check_new_leader_quorum(Outbox& out);
  void leader_start_sync(ServerId learner, Outbox& out);
  void leader_on_tick(Outbox& out);
  void leader_on_phase_timeout(Outbox& out);
  void leader_drop_learner(ServerId learner, Outbox& out);
  void leader_submit(SessionId session, int32_t cxid, const Request& request, ServerId origin, Outbox& out);
  void leader_propose(Txn txn, Outbox& out);
  void leader_try_commit(Outbox& out);
  void leader_release_sync(ServerId origin, Outbox& out);
  void leader_on_session_expiry(Outbox& out);
  void leader_arm_session_expiry(Outbox& out);

  // learner.cpp
  void follow(ServerId leader, Outbox& out);
  void learner_on_packet(ServerId from, const QuorumPacket& packet, Outbox& out);
  void learner_send_follower_info(Outbox& out);
  void learner_reset_read_timeout(Outbox& out);
  void learner_on_proposal(const QuorumPacket& packet, Outbox& out);
  void learner_on_commit(Zxid zxid, Outbox& out);
  bool learner_next_in_log(Zxid zxid, Outbox& out);

  // client_handler.cpp
  void client_on_connect(ConnectionId connection, const ConnectRequest& request, Outbox& out);
  void client_on_request(ConnectionId connection, const RequestMessage& message, Outbox& out);
  void client_answer_read(ConnectionId connection, const RequestMessage& message, Outbox& out);
  void client_submit(ConnectionId connection, SessionId session, int32_t cxid, const Request& request, Outbox& out);
  void client_touch(SessionId session, Outbox& out);
  void client_after_apply(const Txn& txn, const ApplyResult& result, Outbox& out);
  void client_finish_sync(Outbox& out);
  void client_drain(ConnectionId connection, Outbox& out);
  void client_reply(ConnectionId connection, ReplyMessage reply, Outbox& out);
  void client_close(ConnectionId connection, const std::string& reason, Outbox& out);
  void client_close_all(const std::string& reason, Outbox& out);
  void client_on_revalidated(SessionId session, bool valid, Outbox& out);
  void injected_read_pending(const std::string& path, ReplyMessage& reply) const;

  PeerConfig config_;
  PersistentState disk_;  // this process's view of its disk (what it wrote)
  FastLeaderElection election_;
  PeerState state_ = PeerState::kLooking;
  ZabPhase phase_ = ZabPhase::kElection;

  DataTree tree_;
  ApplyResult apply_result_;  // reused by every apply (its buffers keep their capacity)
  Zxid last_processed_zxid_ = 0;
  Zxid last_logged_zxid_ = 0;
  std::deque<std::shared_ptr<const Txn>> committed_log_;
  PrepRequestProcessor prep_;
  SessionTracker sessions_;
  WatchManager watches_;

  uint64_t next_connection_ = 1;
  SessionId next_session_id_ = 0;
  std::map<ConnectionId, ClientConnection> connections_;
  std::map<std::pair<SessionId, int32_t>, ConnectionId> pending_writes_;  // answered on apply
  std::deque<ConnectionId> pending_syncs_;                                // answered on SYNC
  std::map<SessionId, ConnectionId> pending_revalidations_;

  std::optional<LeaderState> leader_;
  std::optional<LearnerState> learner_;

  // Group commit, as ZooKeeper's SyncRequestProcessor does it: one fsync in flight at a
  // time; txns logged meanwhile (and the NEWLEADER epoch marker) wait and are covered
  // together by the next fsync, at most max_flush_batch of them. Each is acknowledged on
  // its own when its fsync completes. Belongs to the process, so it survives a change of
  // role (the disk does not care who is leading).
  std::vector<Zxid> flush_waiting_;
  std::vector<Zxid> flush_in_flight_;
  // Set while the role is shut down and its logged txns are flushed (go_looking); the
  // election starts with this reason once the flush is done.
  std::optional<TraceEvent> shutdown_reason_;
};

}  // namespace zk
