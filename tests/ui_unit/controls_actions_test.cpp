// Controls logic without a window: custom start orders and step-to-next-kind.
#include <doctest/doctest.h>

#include "sim/world/world.h"
#include "ui/controls_actions.h"
#include "sim/replay/recorded_run.h"

using zk::ui::parse_start_order;

TEST_CASE("custom start order: ids, separators and errors") {
  CHECK(parse_start_order("3 1 2", 3).order == std::vector<zk::ServerId>{3, 1, 2});
  CHECK(parse_start_order(" 5,4  1 ", 5).order == std::vector<zk::ServerId>{5, 4, 1});
  CHECK(parse_start_order("3 1 2", 3).error.empty());
  CHECK(parse_start_order("1 4", 3).error == "'4' is not a server id (1..3)");
  CHECK(parse_start_order("1 x", 3).error == "'x' is not a server id (1..3)");
  CHECK(parse_start_order("2 2", 3).error == "server 2 is listed twice");
  CHECK(parse_start_order("   ", 3).error == "no server ids given");
  CHECK(parse_start_order("1 4", 3).order.empty());
}

TEST_CASE("step to the next state change, vote change and commit") {
  zk::sim::RecordedRun simulation;
  simulation.new_cluster(3, 1);
  simulation.start_in_order({1, 2, 3}, 0);
  const size_t before = simulation.world()->trace().size();
  REQUIRE(zk::ui::step_to_next(simulation, zk::ui::StepTarget::kVoteChange));
  const auto& trace = simulation.world()->trace();
  size_t vote_changes = 0;
  for (size_t i = before; i < trace.size(); ++i) vote_changes += trace[i].kind == zk::TraceKind::kVoteChanged ? 1 : 0;
  CHECK(vote_changes >= 1);
  REQUIRE(zk::ui::step_to_next(simulation, zk::ui::StepTarget::kStateChange));
  CHECK(simulation.world()->trace().back().kind == zk::TraceKind::kStateChanged);
  CHECK(simulation.world()->trace().back().state_new != zk::PeerState::kLooking);
  // A commit needs a write; an idle ensemble has none within the limit.
  simulation.run_for(5'000'000);
  CHECK_FALSE(zk::ui::step_to_next(simulation, zk::ui::StepTarget::kCommit, {.max_events = 100'000, .max_virtual_us = 10'000'000}));
}

TEST_CASE("a single step says which event ran, and when the clock did not move") {
  zk::sim::RecordedRun simulation;
  simulation.new_cluster(3, 1);
  simulation.start_in_order({1, 2, 3}, 0);
  bool saw_decision = false;
  bool saw_same_time = false;
  bool saw_untraced = false;
  for (int i = 0; i < 400; ++i) {
    const int64_t before_us = simulation.world()->now_us();
    const size_t before_trace = simulation.world()->trace().size();
    const std::string said = zk::ui::step_one_described(simulation);
    REQUIRE(!said.empty());
    // Always the clock after the step first.
    CHECK(said.rfind(zk::ui::time_text(simulation.world()->now_us()), 0) == 0);
    if (simulation.world()->now_us() == before_us) {
      CHECK(said.find("(clock unchanged)") != std::string::npos);
      saw_same_time = true;
    } else {
      CHECK(said.find("(+") != std::string::npos);
    }
    if (simulation.world()->trace().size() > before_trace) {
      CHECK(said.find(zk::describe(simulation.world()->trace()[before_trace])) != std::string::npos);
      saw_decision = true;
    } else {
      CHECK(said.find("no decision traced") != std::string::npos);
      saw_untraced = true;
    }
  }
  CHECK(saw_decision);
  CHECK(saw_same_time);
  CHECK(saw_untraced);
  zk::sim::RecordedRun empty;
  empty.new_cluster(3, 1);  // nothing started: nothing to run
  CHECK(zk::ui::step_one_described(empty) == "nothing left to run");
}

TEST_CASE("times in the Controls' messages are not padded") {
  CHECK(zk::ui::time_text(2'003'500) == "2.003500s");
  CHECK(zk::ui::time_text(0) == "0.000000s");
}

TEST_CASE("start orders follow the server count - too few servers for a quorum are warned about") {
  CHECK(zk::ui::default_start_order(3) == "1 2 3");
  CHECK(zk::ui::default_start_order(7) == "1 2 3 4 5 6 7");
  CHECK(zk::ui::order_label({1, 2, 3, 4, 5}) == "1-2-3-4-5");
  CHECK(zk::ui::order_label({9, 8, 7, 6, 5, 4, 3, 2, 1}) == "9-8-7-6-5-4-3-2-1");
  CHECK(zk::ui::quorum_warning({1, 2, 3}, 7) == "starts 3 of 7 servers: no quorum (needs 4), no leader will be elected");
  CHECK(zk::ui::quorum_warning({1, 2, 3, 4}, 7).empty());
  CHECK(zk::ui::quorum_warning({2}, 3) == "starts 1 of 3 servers: no quorum (needs 2), no leader will be elected");
  CHECK(zk::ui::parse_start_order(zk::ui::default_start_order(9), 9).order.size() == 9);
}

TEST_CASE("drop next: the trace says which message was dropped, on which link") {
  zk::sim::RecordedRun simulation;
  simulation.new_cluster(3, 1);
  simulation.start_in_order({1, 2, 3}, 0);
  simulation.run_for(5'000'000);  // elected: the leader pings its followers
  const zk::sim::ServerRef leader{.is_leader = true, .id = 0};
  const zk::sim::ServerRef one{.is_leader = false, .id = 1};
  const int leader_id = static_cast<int>(*simulation.world()->leader());
  REQUIRE(leader_id != 1);
  const size_t before = simulation.world()->trace().size();
  REQUIRE(simulation.apply(zk::sim::DropNext{.from = leader, .to = one}) == "");
  simulation.run_for(3'000'000);
  const auto& trace = simulation.world()->trace();
  std::vector<std::string> drops;
  for (size_t i = before; i < trace.size(); ++i) {
    if (trace[i].kind == zk::TraceKind::kMessageDropped) drops.push_back(zk::describe(trace[i]));
  }
  REQUIRE(drops.size() == 1);  // only the next one
  const std::string prefix = "S" + std::to_string(leader_id) + " -> S1: ";
  REQUIRE(drops[0].starts_with(prefix));
  // The message type, as the cluster view's legend and tooltips name it (PING, ...).
  const std::string kind = drops[0].substr(prefix.size(), drops[0].find(" dropped (drop next)") - prefix.size());
  CHECK(!kind.empty());
  CHECK(kind.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == std::string::npos);
}

TEST_CASE("the bracket keys move the playhead to the next and previous traced moment") {
  zk::sim::RecordedRun simulation;
  simulation.new_cluster(3, 1);
  simulation.start_in_order({1, 2, 3}, 0);
  // Forward from the end of the run: it simulates until something is traced later.
  std::vector<int64_t> moments;
  for (int i = 0; i < 6; ++i) {
    const int64_t before_us = simulation.world()->now_us();
    const std::string said = zk::ui::jump_to_next_traced(simulation);
    const zk::sim::World& world = *simulation.world();
    REQUIRE(!world.trace().empty());
    CHECK(world.now_us() > before_us);
    CHECK(said.rfind(zk::ui::time_text(world.now_us()) + ": ", 0) == 0);
    moments.push_back(world.now_us());
  }
  // Back: each [ lands on the previous moment, with the last event traced there.
  for (int i = 4; i >= 0; --i) {
    const std::string said = zk::ui::jump_to_previous_traced(simulation);
    const zk::sim::World& world = *simulation.world();
    CHECK(world.now_us() == moments[static_cast<size_t>(i)]);
    CHECK(said == zk::ui::time_text(world.now_us()) + ": " + zk::describe(world.trace().back()));
  }
  // Forward again inside the recorded run: the same moments, without simulating anew.
  const int64_t horizon_us = simulation.horizon_us();
  zk::ui::jump_to_next_traced(simulation);
  CHECK(simulation.world()->now_us() == moments[1]);
  CHECK(simulation.horizon_us() == horizon_us);
  // Before the first traced moment there is none earlier.
  while (zk::ui::jump_to_previous_traced(simulation) != "no earlier traced event") {
  }
  CHECK(simulation.world()->now_us() <= moments[0]);
}
