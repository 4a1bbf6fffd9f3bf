// Controls logic without a window: custom start orders and step-to-next-kind.
#include <doctest/doctest.h>

#include "sim/world.h"
#include "ui/controls_actions.h"
#include "ui/simulation.h"

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
  zk::ui::Simulation simulation;
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
