// The timeline's data, derived from the trace alone (no ImGui): for each server the spans
// of its state over virtual time (DOWN, LOOKING, FOLLOWING, LEADING, paused) and the
// markers worth pointing at — crashes, restarts, elections won (a leader serving),
// partitions and heals. Kept separate from the drawing so it can be tested exactly.
#pragma once

#include <cstdint>
#include <vector>

#include "core/trace_event.h"

namespace zk::ui {

enum class LaneState { kDown, kLooking, kFollowing, kLeading, kObserving, kPaused };

struct LaneSpan {
  int64_t from_us = 0;
  int64_t to_us = 0;
  LaneState state = LaneState::kDown;
  bool operator==(const LaneSpan&) const = default;
};

enum class MarkerKind { kCrash, kRestart, kElected, kPartition, kHeal };

struct TimelineMarker {
  int64_t at_us = 0;
  MarkerKind kind = MarkerKind::kCrash;
  ServerId server = 0;      // 0 for cluster-wide markers (partition, heal)
  size_t trace_index = 0;   // the trace event it comes from
  bool operator==(const TimelineMarker&) const = default;
};

struct TimelineModel {
  std::vector<std::vector<LaneSpan>> lanes;  // lanes[id - 1], spans in time order, adjacent
  std::vector<TimelineMarker> markers;       // in trace order
};

// Builds the lanes of server_count servers from time 0 to end_us (every server DOWN until
// its first start). Spans shorter than nothing are dropped; equal neighbours are merged.
TimelineModel build_timeline(const Trace& trace, int server_count, int64_t end_us);

}  // namespace zk::ui
