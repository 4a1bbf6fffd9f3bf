// How the Cluster view draws a message in flight: its category (notification,
// discovery/sync, proposal, ack, commit, ping, client), the category's colour and legend
// label, and where along its link it is (the fraction of its latency that has elapsed).
#pragma once

#include <cstdint>

#include "sim/world/world.h"

namespace zk::ui {

enum class MessageCategory : uint8_t { kNotification, kSync, kProposal, kAck, kCommit, kPing, kClient, kCount };
constexpr int kMessageCategoryCount = static_cast<int>(MessageCategory::kCount);

MessageCategory categorize(const sim::InFlightMessage& message);
// 0 at sending, 1 at delivery, clamped to [0, 1].
float travel_fraction(const sim::InFlightMessage& message, int64_t now_us);

}  // namespace zk::ui
