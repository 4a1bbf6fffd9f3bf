// The space-time diagram's data (no drawing, tested exactly): the lanes (every server, then
// the simulated clients) and the messages that cross a window of virtual time — delivered
// ones from the world's message log and those still in flight — as arrows from (sender,
// send time) to (receiver, delivery time), and the dropped ones (sim::DroppedMessageRecord:
// loss, partition, a down receiver, drop next) from (sender, send time) to where they were
// dropped, with why. At most max_arrows are kept, spread evenly over the ones that cross the
// window; the rest are counted as hidden.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/world/world.h"
#include "ui/message_style.h"

namespace zk::ui {

struct SpaceTimeArrow {
  int64_t sent_us = 0;
  int64_t delivered_us = 0;  // for one in flight: when it will be delivered
  sim::EndpointId from = 0;
  sim::EndpointId to = 0;
  const char* kind = "";
  MessageCategory category = MessageCategory::kNotification;
  bool in_flight = false;
  std::optional<sim::DropReason> dropped;  // set: delivered_us is when it was dropped
  bool operator==(const SpaceTimeArrow&) const = default;
};

struct SpaceTimeWindow {
  std::vector<SpaceTimeArrow> arrows;  // delivered ones in delivery order, then those in flight
  size_t crossing = 0;                 // messages crossing the window; arrows.size() of them are kept
  size_t dropped = 0;                  // of the kept arrows, the dropped messages
};

struct SpaceTimeLane {
  sim::EndpointId endpoint = 0;
  std::string label;  // "S3", or the client's name
  bool operator==(const SpaceTimeLane&) const = default;
};

// Servers 1..N, then the first max_clients simulated clients (external ones have no lane).
std::vector<SpaceTimeLane> space_time_lanes(const sim::World& world, size_t max_clients);
// Index of the endpoint's lane, or nullopt.
std::optional<size_t> lane_of(const std::vector<SpaceTimeLane>& lanes, sim::EndpointId endpoint);

// The messages crossing [start_us, end_us] (a message to its own sender is left out).
// Delivered ones sent before start_us and delivered after end_us are found only among the
// kLateScan deliveries after end_us.
inline constexpr size_t kLateScan = 4096;
void collect_arrows(const sim::MessageLog& delivered, const std::vector<sim::InFlightMessage>& in_flight,
                    int64_t start_us, int64_t end_us, size_t max_arrows, SpaceTimeWindow* out);
// Adds the dropped messages crossing [start_us, end_us] among the newest kDropScan drops
// (at most max_arrows of them, spread evenly, the rest counted as hidden), after the others.
inline constexpr size_t kDropScan = 20'000;
void add_dropped_arrows(const sim::DropLog& dropped, int64_t start_us, int64_t end_us, size_t max_arrows,
                        SpaceTimeWindow* out);

// A point on the screen, in pixels.
struct PointPx {
  float x = 0.0f;
  float y = 0.0f;
};
// The distance from p to the segment a-b, in pixels.
float distance_to_segment(PointPx p, PointPx a, PointPx b);

// "NOTIFICATION S1 -> S2 sent 4.193557s delivered 4.195001s" (lane labels for the ends);
// a dropped one: "... sent 4.193557s dropped 4.195001s: receiver down".
std::string describe_arrow(const SpaceTimeArrow& arrow, const std::vector<SpaceTimeLane>& lanes);

}  // namespace zk::ui
