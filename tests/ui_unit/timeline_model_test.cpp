// The timeline's lanes and markers derived from a trace: exact spans for a start, an
// election, a pause, a crash and a restart, and the cluster-wide partition/heal markers.
#include <doctest/doctest.h>

#include "ui/timeline_model.h"

using zk::TraceEvent;
using zk::TraceKind;
using zk::ui::LaneSpan;
using zk::ui::LaneState;
using zk::ui::MarkerKind;
using zk::ui::TimelineMarker;

TEST_CASE("lanes follow starts, decisions, pauses, crashes and restarts") {
  zk::Trace trace;
  trace.push_back({.time_us = 100, .server = 1, .kind = TraceKind::kServerStarted});
  trace.push_back({.time_us = 100, .server = 1, .kind = TraceKind::kElectionStarted});
  trace.push_back({.time_us = 300, .server = 1, .kind = TraceKind::kStateChanged, .state_old = zk::PeerState::kLooking,
                   .state_new = zk::PeerState::kLeading});
  trace.push_back({.time_us = 350, .server = 1, .kind = TraceKind::kLeaderServing});
  trace.push_back({.time_us = 400, .kind = TraceKind::kNetworkPartitioned, .text = " S1 | S2"});
  trace.push_back({.time_us = 500, .server = 1, .kind = TraceKind::kServerPaused});
  trace.push_back({.time_us = 600, .server = 1, .kind = TraceKind::kServerResumed});
  trace.push_back({.time_us = 650, .kind = TraceKind::kNetworkHealed});
  trace.push_back({.time_us = 700, .server = 1, .kind = TraceKind::kServerCrashed});
  trace.push_back({.time_us = 900, .server = 1, .kind = TraceKind::kServerStarted});
  trace.push_back({.time_us = 950, .server = 7, .kind = TraceKind::kServerStarted});  // no such lane: ignored
  const zk::ui::TimelineModel model = zk::ui::build_timeline(trace, 2, 1000);
  REQUIRE(model.lanes.size() == 2);
  CHECK(model.lanes[0] == std::vector<LaneSpan>{{0, 100, LaneState::kDown},
                                                {100, 300, LaneState::kLooking},
                                                {300, 500, LaneState::kLeading},
                                                {500, 600, LaneState::kPaused},
                                                {600, 700, LaneState::kLeading},
                                                {700, 900, LaneState::kDown},
                                                {900, 1000, LaneState::kLooking}});
  CHECK(model.lanes[1] == std::vector<LaneSpan>{{0, 1000, LaneState::kDown}});
  CHECK(model.markers == std::vector<TimelineMarker>{{350, MarkerKind::kElected, 1, 3},
                                                     {400, MarkerKind::kPartition, 0, 4},
                                                     {650, MarkerKind::kHeal, 0, 7},
                                                     {700, MarkerKind::kCrash, 1, 8},
                                                     {900, MarkerKind::kRestart, 1, 9}});
}
