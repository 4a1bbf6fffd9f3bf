// Lanes and markers of the timeline, computed from the trace events in one pass.
#include "ui/timeline_model.h"

#include <string_view>

namespace zk::ui {
namespace {

LaneState lane_state(PeerState state) {
  switch (state) {
    case PeerState::kLeading: return LaneState::kLeading;
    case PeerState::kFollowing: return LaneState::kFollowing;
    case PeerState::kObserving: return LaneState::kObserving;
    default: return LaneState::kLooking;
  }
}

struct LaneBuilder {
  std::vector<LaneSpan>* spans;
  LaneState state = LaneState::kDown;
  bool paused = false;
  bool started_before = false;
  int64_t since_us = 0;

  LaneState shown() const { return paused ? LaneState::kPaused : state; }
  // Closes the current span at at_us, then applies the change.
  void change(int64_t at_us, LaneState new_state, bool new_paused) {
    if (new_state == state && new_paused == paused) return;
    close(at_us);
    state = new_state;
    paused = new_paused;
  }
  void close(int64_t at_us) {
    if (at_us <= since_us) {
      since_us = at_us;
      return;
    }
    if (!spans->empty() && spans->back().state == shown() && spans->back().to_us == since_us) {
      spans->back().to_us = at_us;
    } else {
      spans->push_back(LaneSpan{since_us, at_us, shown()});
    }
    since_us = at_us;
  }
};

}  // namespace

TimelineModel build_timeline(const Trace& trace, int server_count, int64_t end_us) {
  TimelineModel model;
  model.lanes.resize(static_cast<size_t>(server_count > 0 ? server_count : 0));
  std::vector<LaneBuilder> builders;
  for (auto& lane : model.lanes) builders.push_back(LaneBuilder{&lane});
  for (size_t i = 0; i < trace.size(); ++i) {
    const TraceEvent& e = trace[i];
    if (e.kind == TraceKind::kNetworkPartitioned) {
      model.markers.push_back({e.time_us, MarkerKind::kPartition, 0, i});
      continue;
    }
    if (e.kind == TraceKind::kNetworkHealed) {
      model.markers.push_back({e.time_us, MarkerKind::kHeal, 0, i});
      continue;
    }
    if (e.server < 1 || e.server > server_count) continue;
    LaneBuilder& lane = builders[static_cast<size_t>(e.server - 1)];
    switch (e.kind) {
      case TraceKind::kServerStarted:
        if (lane.started_before) model.markers.push_back({e.time_us, MarkerKind::kRestart, e.server, i});
        lane.started_before = true;
        lane.change(e.time_us, LaneState::kLooking, false);
        break;
      case TraceKind::kServerCrashed:
        model.markers.push_back({e.time_us, MarkerKind::kCrash, e.server, i});
        lane.change(e.time_us, LaneState::kDown, false);
        break;
      case TraceKind::kServerPaused: lane.change(e.time_us, lane.state, true); break;
      case TraceKind::kServerResumed: lane.change(e.time_us, lane.state, false); break;
      case TraceKind::kElectionStarted: lane.change(e.time_us, LaneState::kLooking, lane.paused); break;
      case TraceKind::kStateChanged:
      case TraceKind::kDecided: lane.change(e.time_us, lane_state(e.state_new), lane.paused); break;
      case TraceKind::kLeaderServing: model.markers.push_back({e.time_us, MarkerKind::kElected, e.server, i}); break;
      default: break;
    }
  }
  for (LaneBuilder& lane : builders) lane.close(end_us);
  return model;
}

}  // namespace zk::ui
