// Time travel: jumping the playhead of a recorded GUI session to any moment gives exactly
// the world a fresh run of the same actions reaches at that moment (trace, clock, states,
// tree digests); jumping forward again replays the recorded future; a new action after
// jumping back drops the recorded actions that lay ahead.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/scenario/scenario_format.h"
#include "sim/replay/recorded_run.h"

namespace {

using zk::ServerId;
using zk::sim::ServerRef;
using zk::sim::RecordedRun;

ServerRef server(int id) { return ServerRef{.is_leader = false, .id = id}; }

// A session: 5 servers started 1..5 a second apart, a client writing, the leader killed,
// a partition and its heal, a restart.
RecordedRun recorded_session() {
  RecordedRun simulation;
  simulation.new_cluster(5, 11);
  simulation.start_in_order({1, 2, 3, 4, 5}, 1'000'000);
  simulation.run_for(9'000'000);
  CHECK(simulation.apply(zk::sim::ClientConnect{.client = "app", .server = server(1), .timeout_us = 6'000'000}) == "");
  simulation.run_for(1'000'000);
  CHECK(simulation.apply(zk::sim::ClientCreate{.client = "app", .path = "/a", .data = "1"}) == "");
  simulation.run_for(500'000);
  CHECK(simulation.kill_leader() == "");
  simulation.run_for(6'000'000);
  CHECK(simulation.apply(zk::sim::Partition{.groups = {{{.server = server(1)}, {.server = server(2)}},
                                                        {{.server = server(3)}, {.server = server(4)}}}}) == "");
  simulation.run_for(7'000'000);
  CHECK(simulation.heal() == "");
  simulation.run_for(3'000'000);
  CHECK(simulation.apply(zk::sim::Restart{.server = server(3)}) == "");  // the leader killed at 10.5s
  simulation.run_for(20'000'000);
  return simulation;
}

// The same recorded actions applied by a fresh RecordedRun, run to t_us.
RecordedRun fresh_run_to(const RecordedRun& recorded, int64_t t_us) {
  RecordedRun fresh;
  fresh.new_cluster(recorded.setup(), recorded.seed());
  for (const zk::sim::RecordedAction& action : recorded.recorded()) {
    if (action.at_us > t_us) break;
    fresh.run_for(action.at_us - fresh.world()->now_us());
    CHECK(fresh.apply(action.command) == "");
  }
  fresh.run_for(t_us - fresh.world()->now_us());
  return fresh;
}

void check_same_world(const zk::sim::World& a, const zk::sim::World& b) {
  CHECK(a.now_us() == b.now_us());
  CHECK(a.events_processed() == b.events_processed());
  REQUIRE(a.trace().size() == b.trace().size());
  CHECK(a.trace() == b.trace());
  for (ServerId id = 1; id <= a.server_count(); ++id) {
    REQUIRE(a.is_up(id) == b.is_up(id));
    if (!a.is_up(id)) continue;
    CHECK(a.state(id) == b.state(id));
    CHECK(a.peer(id)->tree().digest() == b.peer(id)->tree().digest());
  }
}

}  // namespace

TEST_CASE("jumping to any moment equals a fresh run to that moment") {
  RecordedRun simulation = recorded_session();
  const int64_t end_us = simulation.world()->now_us();
  CHECK(end_us == 46'500'000);
  const std::string full_trace = simulation.world()->render_trace();
  // Back and forth, landing before, on and after recorded actions.
  for (int64_t t_us : {30'000'000LL, 2'500'000LL, 10'000'000LL, 10'500'000LL, 0LL, 17'000'000LL, 45'000'000LL,
                       9'999'999LL, 24'000'001LL}) {
    simulation.jump_to(t_us);
    REQUIRE(simulation.world()->now_us() == t_us);
    CHECK(simulation.horizon_us() == end_us);
    const RecordedRun fresh = fresh_run_to(simulation, t_us);
    check_same_world(*simulation.world(), *fresh.world());
  }
  // Forward to the end replays the recorded future exactly.
  simulation.jump_to(end_us);
  CHECK(simulation.world()->render_trace() == full_trace);
  CHECK(simulation.recorded().size() == 7);
}

TEST_CASE("playing on after jumping back replays the recorded actions") {
  RecordedRun simulation = recorded_session();
  const std::string full_trace = simulation.world()->render_trace();
  simulation.jump_to(5'000'000);
  CHECK(simulation.next_recorded_index() == 1);
  simulation.run_for(41'500'000);
  CHECK(simulation.world()->render_trace() == full_trace);
}

TEST_CASE("a new action after jumping back drops the recorded future") {
  RecordedRun simulation = recorded_session();
  REQUIRE(simulation.recorded().size() == 7);
  simulation.jump_to(10'200'000);  // after the create at 10s, before the kill at 10.5s
  CHECK(simulation.next_recorded_index() == 3);
  CHECK(simulation.apply(zk::sim::Kill{.server = server(1)}) == "");
  REQUIRE(simulation.recorded().size() == 4);
  CHECK(zk::sim::format_step(simulation.recorded()[2].command) == "app create /a 1");
  CHECK(simulation.recorded()[3].at_us == 10'200'000);
  CHECK(zk::sim::format_step(simulation.recorded()[3].command) == "kill 1");
  CHECK(simulation.horizon_us() == 10'200'000);
  simulation.run_for(5'000'000);
  // The new branch is itself replayable.
  const RecordedRun fresh = fresh_run_to(simulation, 15'200'000);
  check_same_world(*simulation.world(), *fresh.world());
  simulation.jump_to(12'000'000);
  const RecordedRun fresh_mid = fresh_run_to(simulation, 12'000'000);
  check_same_world(*simulation.world(), *fresh_mid.world());
}

TEST_CASE("checkpoints stay bounded over a long run and jumps still land exactly") {
  RecordedRun simulation;
  simulation.new_cluster(3, 3);
  simulation.start_in_order({1, 2, 3}, 0);
  simulation.run_for(600'000'000);
  CHECK(simulation.checkpoint_count() <= RecordedRun::kMaxCheckpoints);
  CHECK(simulation.checkpoint_count() >= RecordedRun::kMaxCheckpoints / 2);
  simulation.jump_to(123'456'789);
  const RecordedRun fresh = fresh_run_to(simulation, 123'456'789);
  check_same_world(*simulation.world(), *fresh.world());
}

TEST_CASE("jumping to a trace event lands at that event's time") {
  RecordedRun simulation = recorded_session();
  const auto& trace = simulation.world()->trace();
  size_t crash = trace.size();
  for (size_t i = 0; i < trace.size(); ++i) {
    if (trace[i].kind == zk::TraceKind::kServerCrashed) {
      crash = i;
      break;
    }
  }
  REQUIRE(crash < trace.size());
  const int64_t crash_us = trace[crash].time_us;
  simulation.jump_to_trace_event(crash);
  CHECK(simulation.world()->now_us() == crash_us);
  CHECK(simulation.world()->trace().size() > crash);
  CHECK(simulation.world()->trace()[crash].kind == zk::TraceKind::kServerCrashed);
}
