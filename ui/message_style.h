// How the Cluster view and the space-time diagram draw a message: its category
// (notification, discovery/sync, proposal, ack, commit, ping, client), the category's
// colour and legend label, and where along its link it is (the fraction of its latency
// that has elapsed).
#pragma once

#include <cstdint>
#include <string_view>

#include "ui/i18n.h"

#include "sim/world/world.h"

namespace zk::ui {

enum class MessageCategory : uint8_t { kNotification, kSync, kProposal, kAck, kCommit, kPing, kClient, kCount };
constexpr int kMessageCategoryCount = static_cast<int>(MessageCategory::kCount);

MessageCategory categorize(const sim::InFlightMessage& message);
// The same from a delivered message's record: its ends (a client end makes it client
// traffic) and its kind name ("NOTIFICATION", "PROPOSAL", ...).
MessageCategory categorize(sim::EndpointId from, sim::EndpointId to, std::string_view kind);
uint32_t message_color(MessageCategory category);  // an ImU32 (RGBA, IM_COL32)
Text message_label(MessageCategory category);
// 0 at sending, 1 at delivery, clamped to [0, 1].
float travel_fraction(const sim::InFlightMessage& message, int64_t now_us);

}  // namespace zk::ui
