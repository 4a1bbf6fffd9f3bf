// Names and size estimates of peer messages.
#include "core/peer_message.h"

#include "core/outbox.h"

namespace zk {

int estimated_bytes(const PeerMessage& message) {
  return std::visit([](const auto& m) -> int {
    using T = std::decay_t<decltype(m)>;
    if constexpr (std::is_same_v<T, Notification>) {
      return kNotificationBytes;
    } else {
      return 4 + 8 + 4 + 8;  // type, zxid, data length, a small payload
    }
  }, message);
}

const char* message_kind_name(const PeerMessage& message) {
  return std::visit([](const auto& m) -> const char* {
    using T = std::decay_t<decltype(m)>;
    if constexpr (std::is_same_v<T, Notification>) {
      return "NOTIFICATION";
    } else {
      return packet_type_name(m.type);
    }
  }, message);
}

const char* packet_type_name(PacketType type) {
  switch (type) {
    case PacketType::kRequest: return "REQUEST";
    case PacketType::kProposal: return "PROPOSAL";
    case PacketType::kAck: return "ACK";
    case PacketType::kCommit: return "COMMIT";
    case PacketType::kPing: return "PING";
    case PacketType::kRevalidate: return "REVALIDATE";
    case PacketType::kSync: return "SYNC";
    case PacketType::kInform: return "INFORM";
    case PacketType::kNewLeader: return "NEWLEADER";
    case PacketType::kFollowerInfo: return "FOLLOWERINFO";
    case PacketType::kUpToDate: return "UPTODATE";
    case PacketType::kDiff: return "DIFF";
    case PacketType::kTrunc: return "TRUNC";
    case PacketType::kSnap: return "SNAP";
    case PacketType::kObserverInfo: return "OBSERVERINFO";
    case PacketType::kLeaderInfo: return "LEADERINFO";
    case PacketType::kAckEpoch: return "ACKEPOCH";
    case PacketType::kConnectRefused: return "CONNECT-REFUSED";
    case PacketType::kClose: return "CLOSE";
  }
  return "?";
}

const char* epoch_file_name(EpochFile file) {
  return file == EpochFile::kAcceptedEpoch ? "acceptedEpoch" : "currentEpoch";
}

const char* timer_kind_name(TimerKind kind) {
  switch (kind) {
    case TimerKind::kElectionPoll: return "election-poll";
    case TimerKind::kElectionFinalize: return "election-finalize";
    case TimerKind::kLeaderTick: return "leader-tick";
    case TimerKind::kFollowerTimeout: return "follower-timeout";
    case TimerKind::kLeaderPhaseTimeout: return "leader-phase-timeout";
    case TimerKind::kSessionExpiry: return "session-expiry";
    case TimerKind::kLearnerConnectRetry: return "learner-connect-retry";
    case TimerKind::kLeaderBind: return "leader-bind";
    case TimerKind::kContainerCheck: return "container-check";
    case TimerKind::kContainerDelete: return "container-delete";
    case TimerKind::kObserverElectionDelay: return "observer-election-delay";
    case TimerKind::kCount: break;
  }
  return "?";
}

}  // namespace zk
