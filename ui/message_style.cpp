// Message categories for the Cluster view, from the queued payload's type.
#include "ui/message_style.h"

#include <algorithm>
#include <variant>

namespace zk::ui {

MessageCategory categorize(const sim::InFlightMessage& message) {
  if (message.payload == nullptr) return MessageCategory::kClient;
  const auto* peer = std::get_if<sim::DeliverMessage>(message.payload);
  if (peer == nullptr) return MessageCategory::kClient;
  const auto* packet = std::get_if<QuorumPacket>(&peer->message);
  if (packet == nullptr) return MessageCategory::kNotification;
  switch (packet->type) {
    case PacketType::kProposal: return MessageCategory::kProposal;
    case PacketType::kAck: return MessageCategory::kAck;
    case PacketType::kCommit:
    case PacketType::kInform: return MessageCategory::kCommit;
    case PacketType::kPing: return MessageCategory::kPing;
    case PacketType::kRequest:
    case PacketType::kRevalidate:
    case PacketType::kSync: return MessageCategory::kClient;
    case PacketType::kNewLeader:
    case PacketType::kFollowerInfo:
    case PacketType::kObserverInfo:
    case PacketType::kUpToDate:
    case PacketType::kDiff:
    case PacketType::kTrunc:
    case PacketType::kSnap:
    case PacketType::kLeaderInfo:
    case PacketType::kAckEpoch:
    case PacketType::kConnectRefused:
    case PacketType::kClose: return MessageCategory::kSync;
  }
  return MessageCategory::kSync;
}

float travel_fraction(const sim::InFlightMessage& message, int64_t now_us) {
  const int64_t total_us = message.deliver_us - message.sent_us;
  if (total_us <= 0) return 1.0f;
  return std::clamp(static_cast<float>(now_us - message.sent_us) / static_cast<float>(total_us), 0.0f, 1.0f);
}

}  // namespace zk::ui
