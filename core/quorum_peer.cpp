// QuorumPeer: input dispatch and the LOOKING <-> FOLLOWING/LEADING transitions.
#include "core/quorum_peer.h"

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

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
  election.voters = config.voters;
  return election;
}

}  // namespace

QuorumPeer::QuorumPeer(PeerConfig config, PersistentState disk)
    : config_(std::move(config)), disk_(disk), election_(election_config(config_)) {
  assert(std::is_sorted(config_.voters.begin(), config_.voters.end()));
  assert(disk_.accepted_epoch >= disk_.current_epoch);
  last_processed_zxid_ = disk_.last_logged_zxid;
}

bool QuorumPeer::is_voter(ServerId id) const {
  return std::binary_search(config_.voters.begin(), config_.voters.end(), id);
}

bool QuorumPeer::serving() const {
  if (state_ == PeerState::kLeading) return leader_ && leader_->serving;
  if (state_ == PeerState::kFollowing) return learner_ && learner_->serving;
  return false;
}

ServerId QuorumPeer::current_leader() const {
  if (state_ == PeerState::kLeading) return config_.my_id;
  if (state_ == PeerState::kFollowing && learner_) return learner_->leader;
  return 0;
}

void QuorumPeer::start(Outbox& out) {
  TraceEvent event;
  event.kind = TraceKind::kServerStarted;
  event.zxid = disk_.last_logged_zxid;
  event.epoch = disk_.current_epoch;
  event.count = disk_.accepted_epoch;
  out.trace(event);
  state_ = PeerState::kLooking;
  phase_ = ZabPhase::kElection;
  election_.start_looking(disk_.last_logged_zxid, disk_.current_epoch, out);
}

void QuorumPeer::send_packet(ServerId to, PacketType type, uint64_t connection, Zxid zxid, int64_t value,
                             Outbox& out) {
  QuorumPacket packet;
  packet.type = type;
  packet.connection = connection;
  packet.zxid = zxid;
  packet.value = value;
  out.send(to, packet);
}

void QuorumPeer::set_state(PeerState state, const std::string& reason, Outbox& out) {
  if (state == state_) return;
  TraceEvent event;
  event.kind = TraceKind::kStateChanged;
  event.state_old = state_;
  event.state_new = state;
  event.detail = reason;
  out.trace(event);
  state_ = state;
}

void QuorumPeer::on_message(ServerId from, const PeerMessage& message, Outbox& out) {
  if (const auto* notification = std::get_if<Notification>(&message)) {
    election_.on_notification(*notification, state_, out);
    if (election_.take_decision()) on_election_decided(out);
    return;
  }
  const auto& packet = std::get<QuorumPacket>(message);
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
      if (state_ == PeerState::kLeading) leader_on_tick(out);
      break;
    case TimerKind::kLeaderPhaseTimeout:
      if (state_ == PeerState::kLeading) leader_on_phase_timeout(out);
      break;
    case TimerKind::kFollowerTimeout:
      if (state_ == PeerState::kFollowing) {
        const int64_t limit = learner_ && learner_->got_new_leader ? config_.sync_limit : config_.init_limit;
        go_looking(fmt::format("no packet from leader S{} for {} ticks", current_leader(), limit), out);
      }
      break;
    case TimerKind::kLearnerConnectRetry:
      if (state_ == PeerState::kFollowing && learner_) {
        ++learner_->connect_attempts;
        learner_send_follower_info(out);
      }
      break;
    case TimerKind::kSessionExpiry:
    case TimerKind::kCount:
      break;
  }
}

void QuorumPeer::on_peer_connected(ServerId peer, Outbox& out) { election_.on_peer_connected(peer, out); }

void QuorumPeer::on_peer_disconnected(ServerId peer, Outbox& out) {
  if (state_ == PeerState::kFollowing && learner_ && learner_->leader == peer) {
    go_looking(fmt::format("connection to leader S{} reset", peer), out);
  } else if (state_ == PeerState::kLeading && leader_ && leader_->handlers.count(peer)) {
    leader_drop_learner(peer, out);
  }
}

void QuorumPeer::on_election_decided(Outbox& out) {
  const Vote& vote = election_.current_vote();
  if (vote.leader == config_.my_id) {
    set_state(PeerState::kLeading, "won the election", out);
    lead(out);
  } else {
    set_state(PeerState::kFollowing, fmt::format("follows S{}", vote.leader), out);
    follow(vote.leader, out);
  }
}

void QuorumPeer::go_looking(const std::string& reason, Outbox& out) {
  if (state_ == PeerState::kLeading && leader_) {
    for (const auto& [sid, handler] : leader_->handlers) send_packet(sid, PacketType::kClose, handler.connection, 0, 0, out);
  } else if (state_ == PeerState::kFollowing && learner_) {
    send_packet(learner_->leader, PacketType::kClose, learner_->connection, 0, 0, out);
  }
  leader_.reset();
  learner_.reset();
  for (TimerKind kind : {TimerKind::kLeaderTick, TimerKind::kLeaderPhaseTimeout, TimerKind::kFollowerTimeout,
                         TimerKind::kLearnerConnectRetry, TimerKind::kSessionExpiry}) {
    out.cancel_timer(kind);
  }
  set_state(PeerState::kLooking, reason, out);
  phase_ = ZabPhase::kElection;
  election_.start_looking(disk_.last_logged_zxid, disk_.current_epoch, out);
}

}  // namespace zk
