// QuorumPeer: one ZooKeeper server as a sans-IO state machine. It owns the election
// (FastLeaderElection), the replicated state (data tree, committed-log window, the txn log
// as this process wrote it, the last snapshot), the client connections and watches, and
// once elected the leader or learner side of ZAB: discovery (FOLLOWERINFO / LEADERINFO /
// ACKEPOCH), synchronization (DIFF / TRUNC / SNAP, NEWLEADER, UPTODATE) and broadcast
// (PROPOSAL / ACK / COMMIT, PING, liveness checks, session expiry).
// Inputs are method calls; every effect goes to the Outbox the caller passes in (which
// also carries the virtual time). A restart is a new QuorumPeer built from the disk image.
// Its parts carry ZooKeeper's names: ZKDatabase (zk_database.h: tree, committed log, what
// this process wrote), SyncRequestProcessor (sync_request_processor.h: group commit),
// ServerCnxnTable (server_cnxn_table.h: client connections), and the role it runs, a
// variant of none, a Leader (leader.h) or a Learner (learner.h); each role's steps reach
// back into the peer as ZooKeeper's reach `self`. quorum_peer.cpp holds the transitions
// between roles; the client side is client_handler.cpp.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/chunked_vector.h"
#include "core/client_protocol.h"
#include "core/container_manager.h"
#include "core/data_tree.h"
#include "core/fast_leader_election.h"
#include "core/injected_bug.h"
#include "core/upstream_bug.h"
#include "core/invariant.h"
#include "core/leader.h"
#include "core/learner.h"
#include "core/outbox.h"
#include "core/peer_timing.h"
#include "core/prep_request_processor.h"
#include "core/quorum_packet.h"
#include "core/quorum_verifier.h"
#include "core/server_set.h"
#include "core/server_cnxn_table.h"
#include "core/session_tracker.h"
#include "core/sync_request_processor.h"
#include "core/watch_manager.h"
#include "core/zk_database.h"

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
  // An observer that lost its leader is LOOKING for this long before it looks for a leader:
  // Observer.waitForObserverElectionDelay sleeps a random 0..199 ms (zookeeper.observer.
  // election.DelayMs = 200). The draw is an input: sim/ draws one per process start.
  int64_t observer_election_delay_us = 199'000;
  int64_t learner_connect_retry_us = 100'000;
  // The host's clock at virtual time 0, in ms: ZooKeeper's Time.currentElapsedTime is
  // System.nanoTime, which on Linux counts from the host's boot. Session expiry buckets are
  // rounded on it and a session tracker's first session id is made from it. An input: sim/
  // draws one per server host.
  int64_t host_clock_at_zero_ms = 0;
  // Elected leader → quorum port bound; FOLLOWERINFO is refused until then (peer_timing.h).
  int64_t leader_bind_delay_us = kDefaultLeaderBindDelayUs;
  int learner_connect_attempts = 5;
  size_t commit_log_count = 500;  // the leader's in-memory DIFF window
  size_t max_flush_batch = 1000;  // SyncRequestProcessor: at most this many txns per fsync
  // zookeeper.snapCount (zoo.cfg snapCount): a snapshot after about this many logged txns
  // (sync_request_processor.h); the seed of the process's randRoll draws is an input.
  int64_t snap_count = kDefaultSnapCount;
  uint64_t snap_roll_seed = 0;
  ContainerManagerConfig containers;  // the leader's reaper and TTL nodes (JVM properties in ZooKeeper)
  InjectedBug injected_bug = InjectedBug::kNone;  // a deliberate protocol bug (checker tests only)
  UpstreamBugs upstream_bugs;  // ZooKeeper 3.8 data-loss bugs to reproduce (default: none, fixed)
  // zookeeper.DigestAuthenticationProvider.superDigest ("user:base64(sha1)", "" for none): a
  // connection whose digest auth gives this id is the super user (every ACL check passes).
  std::string super_digest;
  // zookeeper.skipACL=yes (zoo.cfg skipACL=yes): every ACL check passes (ZooKeeperServer.checkACL
  // returns at once); ACLs are still validated (fixupACL) and stored.
  bool skip_acl = false;
};

enum class ZabPhase : uint8_t { kElection, kDiscovery, kSynchronization, kBroadcast };
const char* zab_phase_name(ZabPhase phase);

// The role a server is running: none (electing, or a role shut down and flushing before the
// election starts), a Leader, or a Learner. The reported state (state()) follows ZooKeeper's
// ServerState and can stay FOLLOWING / LEADING a little longer than the role: while a
// shutdown flush runs, the state is the old one and the role is already gone.
struct NoRole {
  bool operator==(const NoRole&) const = default;
};
using PeerRole = std::variant<NoRole, Leader, Learner>;

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
  // An observer (quorum.is_observer(id)): it never votes nor counts towards a quorum.
  bool observer() const { return config_.quorum.is_observer(config_.my_id); }
  PeerState state() const { return state_; }
  ZabPhase phase() const { return phase_; }
  // A follower or observer after UPTODATE, or a leader after the NEWLEADER quorum, serves clients.
  bool serving() const;
  const PersistentState& persistent() const { return disk_; }
  Zxid last_processed_zxid() const { return db_.last_processed_zxid(); }
  Zxid last_logged_zxid() const { return db_.last_logged_zxid(); }
  const DataTree& tree() const { return db_.tree(); }
  const WatchManager& watches() const { return watches_; }
  const FastLeaderElection& election() const { return election_; }
  // The role's state while it runs one, else null.
  const Leader* leader_state() const { return std::get_if<Leader>(&role_); }
  const Learner* learner_state() const { return std::get_if<Learner>(&role_); }
  const std::map<ConnectionId, ClientConnection>& connections() const { return cnxns_.connections; }
  const std::deque<std::shared_ptr<const Txn>>& committed_log() const { return db_.committed_log(); }
  // Logged txns (and NEWLEADER markers) covered by the fsync in flight / waiting for the next.
  const std::vector<Zxid>& flush_in_flight() const { return sync_.in_flight(); }
  const std::vector<Zxid>& flush_waiting() const { return sync_.waiting(); }
  const PeerConfig& config() const { return config_; }
  const SessionTracker& session_tracker() const { return sessions_; }
  // The leader this server follows or is; 0 while LOOKING or shutting a role down.
  ServerId current_leader() const;
  // Its role is shut down and logged txns are being flushed before it starts electing.
  bool shutting_down() const { return shutdown_reason_.has_value(); }

 private:
  // The roles run the protocol steps of ZAB on the peer's parts, as ZooKeeper's Leader and
  // Learner do through `self`.
  friend class Leader;
  friend class Learner;

  // The running role, or null (read-only callers use leader_state() / learner_state()).
  Leader* leader_role() { return std::get_if<Leader>(&role_); }
  Learner* learner_role() { return std::get_if<Learner>(&role_); }
  // The Leader while this server leads and serves clients, else null.
  Leader* serving_leader() {
    Leader* leader = state_ == PeerState::kLeading ? leader_role() : nullptr;
    return leader != nullptr && leader->serving ? leader : nullptr;
  }
  // The role where the code runs only in that role (an invariant says so).
  Leader& as_leader() {
    Leader* leader = leader_role();
    ZK_INVARIANT(leader != nullptr);
    return *leader;
  }
  Learner& as_learner() {
    Learner* learner = learner_role();
    ZK_INVARIANT(learner != nullptr);
    return *learner;
  }
  const Leader& as_leader() const {
    const Leader* leader = leader_state();
    ZK_INVARIANT(leader != nullptr);
    return *leader;
  }
  const Learner& as_learner() const {
    const Learner* learner = learner_state();
    ZK_INVARIANT(learner != nullptr);
    return *learner;
  }
  // FOLLOWING or OBSERVING: the states a Learner role runs in.
  bool learning() const { return state_ == PeerState::kFollowing || state_ == PeerState::kObserving; }
  bool is_quorum(size_t voter_count) const { return config_.quorum.is_quorum(voter_count); }
  bool is_voter(ServerId id) const { return config_.quorum.is_voter(id); }
  void send_packet(ServerId to, QuorumPacket packet, Outbox& out);
  void send_packet(ServerId to, PacketType type, uint64_t connection, Zxid zxid, int64_t value, Outbox& out);
  // A packet that carries a txn (PROPOSAL, INFORM), under the txn's own zxid.
  void send_txn(ServerId to, PacketType type, uint64_t connection, std::shared_ptr<const Txn> txn, Outbox& out);
  // `why` carries the reason of the state change as data: its `reason` and the fields
  // that reason names (see StateChangeReason); set_state fills in the rest of the event.
  void go_looking(const TraceEvent& why, Outbox& out);
  void enter_election(const TraceEvent& why, Outbox& out);
  void start_election(Outbox& out);
  void set_state(PeerState state, const TraceEvent& why, Outbox& out);
  void on_election_decided(Outbox& out);
  // Builds the Leader (its quorum port is bound now) and starts it.
  void lead(Outbox& out);

  // quorum_peer.cpp: the replicated state
  // ZooKeeperServer.createSessionTracker, run when a role's server starts (the leader when
  // it starts serving, a learner when its sync begins): the next session id restarts from
  // the host's clock now.
  void restart_session_ids(Outbox& out);
  // Writes acceptedEpoch or currentEpoch (this process's copy and, as an effect, the disk);
  // nothing when the file already holds that epoch.
  void write_epoch(EpochFile file, Epoch epoch, Outbox& out);
  void log_txn(std::shared_ptr<const Txn> txn, Outbox& out);
  void on_flushed(Zxid token, Outbox& out);
  void apply_committed(const std::shared_ptr<const Txn>& txn, Outbox& out);
  void take_snapshot(Outbox& out);

  // client_handler.cpp
  void client_on_connect(ConnectionId connection, const ConnectRequest& request, Outbox& out);
  void client_on_request(ConnectionId connection, const RequestMessage& message, Outbox& out);
  void client_answer_read(ConnectionId connection, const RequestMessage& message, Outbox& out);
  void client_submit(ConnectionId connection, SessionId session, int32_t cxid, const Request& request, Outbox& out,
                     const std::vector<AuthId>& auth_info = {});
  void client_on_auth(ConnectionId connection, const AuthPacket& packet, Outbox& out);  // client_auth.cpp
  // FinalRequestProcessor's ACL reads: getACL (READ or ADMIN; digests redacted without
  // ADMIN) and whoAmI; false when `message` is neither.
  bool client_answer_acl_read(const RequestMessage& message, ReplyMessage* reply) const;
  void client_touch(SessionId session, Outbox& out);
  void client_after_apply(const Txn& txn, const ApplyResult& result, Outbox& out);
  void client_finish_sync(Outbox& out);
  void client_drain(ConnectionId connection, Outbox& out);
  void client_reply(ConnectionId connection, ReplyMessage reply, Outbox& out);
  void client_close(ConnectionId connection, const std::string& reason, Outbox& out);
  void client_close_all(const std::string& reason, Outbox& out);
  void client_on_revalidated(SessionId session, bool valid, Outbox& out);
  void client_answer_multi_read(const MultiReadRequest& multi, const std::vector<AuthId>& auth_info,
                                ReplyMessage& reply);
  // READ on the node at `path` for these ids (true when there is no such node or ACLs are skipped).
  bool client_may_read(const std::string& path, const std::vector<AuthId>& auth_info) const;
  void injected_read_pending(const std::string& path, ReplyMessage& reply) const;

  PeerConfig config_;
  PersistentState disk_;  // this process's view of its disk (what it wrote)
  FastLeaderElection election_;
  PeerState state_ = PeerState::kLooking;
  ZabPhase phase_ = ZabPhase::kElection;

  ZKDatabase db_;
  PrepRequestProcessor prep_;
  SessionTracker sessions_;
  WatchManager watches_;

  uint64_t next_connection_ = 1;  // numbers this server's connections to a leader
  ServerCnxnTable cnxns_;

  PeerRole role_;

  SyncRequestProcessor sync_;
  // Set while the role is shut down and its logged txns are flushed (go_looking); the
  // election starts with this reason once the flush is done.
  std::optional<TraceEvent> shutdown_reason_;
};

}  // namespace zk
