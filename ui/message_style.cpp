// Message categories for the Cluster view, from the queued payload's type.
#include "ui/message_style.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <variant>

namespace zk::ui {
namespace {

constexpr std::array<ImU32, kMessageCategoryCount> kMessageColors = {
    IM_COL32(250, 200, 60, 255),   // notification
    IM_COL32(170, 120, 255, 255),  // discovery/sync
    IM_COL32(80, 170, 255, 255),   // proposal
    IM_COL32(90, 220, 120, 255),   // ack
    IM_COL32(40, 230, 230, 255),   // commit
    IM_COL32(160, 160, 160, 255),  // ping
    IM_COL32(255, 120, 200, 255),  // client
};
constexpr std::array<Text, kMessageCategoryCount> kMessageLabels = {
    Text::kMsgNotification, Text::kMsgSync, Text::kMsgProposal, Text::kMsgAck,
    Text::kMsgCommit,       Text::kMsgPing, Text::kMsgClient};

}  // namespace

uint32_t message_color(MessageCategory category) { return kMessageColors[static_cast<size_t>(category)]; }
Text message_label(MessageCategory category) { return kMessageLabels[static_cast<size_t>(category)]; }

MessageCategory categorize(sim::EndpointId from, sim::EndpointId to, std::string_view kind) {
  if (from >= sim::kFirstClientEndpoint || to >= sim::kFirstClientEndpoint) return MessageCategory::kClient;
  if (kind == "NOTIFICATION") return MessageCategory::kNotification;
  if (kind == "PROPOSAL") return MessageCategory::kProposal;
  if (kind == "ACK") return MessageCategory::kAck;
  if (kind == "COMMIT" || kind == "INFORM") return MessageCategory::kCommit;
  if (kind == "PING") return MessageCategory::kPing;
  if (kind == "REQUEST" || kind == "REVALIDATE" || kind == "SYNC") return MessageCategory::kClient;
  return MessageCategory::kSync;
}

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
