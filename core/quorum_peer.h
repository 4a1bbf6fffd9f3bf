// QuorumPeer: one ZooKeeper server as a sans-IO state machine. It owns the election
// (FastLeaderElection) and, once elected, the leader or learner side of ZAB: discovery
// (FOLLOWERINFO / LEADERINFO / ACKEPOCH), synchronization (DIFF / TRUNC / SNAP, NEWLEADER,
// UPTODATE) and broadcast (PING and liveness checks). Inputs are method calls; every
// effect (send, timer, trace) goes to the Outbox the caller passes in. A restart is a new
// QuorumPeer built from what the disk held (PersistentState).
// Leader and learner code live in leader.cpp and learner.cpp.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <vector>

#include "core/fast_leader_election.h"
#include "core/outbox.h"
#include "core/quorum_packet.h"

namespace zk {

struct PeerConfig {
  ServerId my_id = 1;
  std::vector<ServerId> voters;  // sorted
  int64_t tick_us = 2'000'000;
  int init_limit = 10;
  int sync_limit = 5;
  uint64_t incarnation = 0;  // how many times this server has been started; tags connections
  int64_t learner_connect_retry_us = 100'000;
  int learner_connect_attempts = 5;
};

// What survives a crash: the epoch files and (with the txn log) the last logged zxid.
struct PersistentState {
  Epoch accepted_epoch = 0;
  Epoch current_epoch = 0;
  Zxid last_logged_zxid = 0;
  bool operator==(const PersistentState&) const = default;
};

enum class ZabPhase : uint8_t { kElection, kDiscovery, kSynchronization, kBroadcast };
const char* zab_phase_name(ZabPhase phase);

struct LearnerHandler {
  uint64_t connection = 0;
  bool acked_epoch = false;
  Zxid peer_last_zxid = 0;
  bool sync_sent = false;
  bool acked_new_leader = false;
  bool up_to_date_sent = false;
  int64_t tick_of_next_ack_deadline = 0;
  bool operator==(const LearnerHandler&) const = default;
};

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
  bool operator==(const LeaderState&) const = default;
};

struct LearnerState {
  ServerId leader = 0;
  uint64_t connection = 0;
  int connect_attempts = 0;
  Epoch new_epoch = -1;
  bool got_new_leader = false;
  bool serving = false;
  std::string sync_mode;
  bool operator==(const LearnerState&) const = default;
};

class QuorumPeer {
 public:
  QuorumPeer(PeerConfig config, PersistentState disk);

  void start(Outbox& out);
  void on_message(ServerId from, const PeerMessage& message, Outbox& out);
  void on_timer(TimerKind kind, Outbox& out);
  void on_peer_connected(ServerId peer, Outbox& out);
  void on_peer_disconnected(ServerId peer, Outbox& out);

  ServerId id() const { return config_.my_id; }
  PeerState state() const { return state_; }
  ZabPhase phase() const { return phase_; }
  // A follower after UPTODATE or a leader after the NEWLEADER quorum serves clients.
  bool serving() const;
  const PersistentState& persistent() const { return disk_; }
  Zxid last_processed_zxid() const { return last_processed_zxid_; }
  const FastLeaderElection& election() const { return election_; }
  const std::optional<LeaderState>& leader_state() const { return leader_; }
  const std::optional<LearnerState>& learner_state() const { return learner_; }
  const PeerConfig& config() const { return config_; }
  // The leader this server follows or is; 0 while LOOKING.
  ServerId current_leader() const;

 private:
  bool is_quorum(size_t count) const { return count * 2 > config_.voters.size(); }
  bool is_voter(ServerId id) const;
  void send_packet(ServerId to, PacketType type, uint64_t connection, Zxid zxid, int64_t value, Outbox& out);
  void go_looking(const std::string& reason, Outbox& out);
  void set_state(PeerState state, const std::string& reason, Outbox& out);
  void on_election_decided(Outbox& out);

  // leader.cpp
  void lead(Outbox& out);
  void leader_on_packet(ServerId from, const QuorumPacket& packet, Outbox& out);
  void leader_on_follower_info(ServerId from, const QuorumPacket& packet, Outbox& out);
  void leader_on_ack_epoch(ServerId from, const QuorumPacket& packet, Outbox& out);
  void leader_on_ack(ServerId from, const QuorumPacket& packet, Outbox& out);
  void leader_check_epoch_quorum(Outbox& out);
  void leader_check_epoch_ack_quorum(Outbox& out);
  void leader_check_new_leader_quorum(Outbox& out);
  void leader_start_sync(ServerId learner, Outbox& out);
  void leader_on_tick(Outbox& out);
  void leader_on_phase_timeout(Outbox& out);
  void leader_drop_learner(ServerId learner, Outbox& out);

  // learner.cpp
  void follow(ServerId leader, Outbox& out);
  void learner_on_packet(ServerId from, const QuorumPacket& packet, Outbox& out);
  void learner_send_follower_info(Outbox& out);
  void learner_reset_read_timeout(Outbox& out);

  PeerConfig config_;
  PersistentState disk_;
  FastLeaderElection election_;
  PeerState state_ = PeerState::kLooking;
  ZabPhase phase_ = ZabPhase::kElection;
  Zxid last_processed_zxid_ = 0;
  uint64_t next_connection_ = 1;
  std::optional<LeaderState> leader_;
  std::optional<LearnerState> learner_;
};

}  // namespace zk
