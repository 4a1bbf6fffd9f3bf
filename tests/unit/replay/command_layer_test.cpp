// The GUI's command layer: each action applied through sim::RecordedRun changes the world
// exactly as the matching scenario line does in the headless runner (same trace, event for
// event), and what the user did is recorded as those scenario commands.
#include <doctest/doctest.h>

#include <string>

#include "sim/scenario/scenario_format.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"
#include "sim/replay/recorded_run.h"

namespace {

using zk::sim::Command;
using zk::sim::Scenario;

Scenario parse(const std::string& text) {
  const auto result = zk::sim::parse_scenario(text, "layer.zks");
  REQUIRE_MESSAGE(result.error.empty(), result.error);
  return result.scenario;
}

// Replays the scenario's steps on a zk::sim::RecordedRun the way a user would: each action through
// apply(), each `run DUR` as playback time. The runner's `start A B C every=DUR` lets the
// starts' time pass before the next line; the GUI schedules them and returns, so the
// replay plays that time too.
zk::sim::RecordedRun replay_in_gui(const Scenario& scenario, uint64_t seed) {
  zk::sim::RecordedRun simulation;
  simulation.new_cluster(zk::sim::effective_cluster(scenario.setup), seed);
  for (const auto& step : scenario.steps) {
    if (const auto* run = std::get_if<zk::sim::Run>(&step.command)) {
      simulation.run_for(run->duration_us);
    } else {
      CHECK_MESSAGE(simulation.apply(step.command) == "", zk::sim::format_step(step.command));
      if (const auto* start = std::get_if<zk::sim::Start>(&step.command); start && start->every_us) {
        simulation.run_for(*start->every_us * static_cast<int64_t>(start->servers.size() - 1));
      }
    }
  }
  return simulation;
}

void check_same_trace(const std::string& text) {
  const Scenario scenario = parse(text);
  zk::sim::RunOptions options;
  options.echo_steps = false;
  const zk::sim::RunReport report = zk::sim::run_scenario(scenario, 7, options);
  REQUIRE_MESSAGE(report.error.empty(), report.error);
  const zk::sim::RecordedRun simulation = replay_in_gui(scenario, 7);
  REQUIRE(simulation.world() != nullptr);
  CHECK(simulation.world()->now_us() == report.end_time_us);
  REQUIRE(simulation.world()->trace().size() == report.trace.size());
  CHECK(simulation.world()->trace() == report.trace);
}

}  // namespace

TEST_CASE("GUI start every=, kill leader and restart equal their scenario lines") {
  check_same_trace("cluster 3\nstart 1 2 3 every=1s\nrun 5s\nkill leader\nrun 3s\nrestart 2\nrun 3s\n");
}

TEST_CASE("GUI pause, resume, partition, heal and network equal their scenario lines") {
  check_same_trace(
      "cluster 5\nstart 5 4 3 2 1\nrun 4s\npause 5\nrun 2s\nresume 5\nrun 1s\npartition 1 2 | 3 4 5\nrun 3s\n"
      "heal\nrun 2s\nnetwork loss=5% duplicate=1% reorder=10%\nrun 3s\n");
}

TEST_CASE("GUI hold, release and drop on a link equal their scenario lines") {
  check_same_trace(
      "cluster 3\nhold 1 2\ndrop 2 3\nstart 1 2 3\nrun 2s\nrelease 1 2\nrun 2s\n");
}

TEST_CASE("the GUI records what the user did as scenario commands with their times") {
  zk::sim::RecordedRun simulation;
  simulation.new_cluster(3, 1);
  simulation.start_in_order({3, 2, 1}, 1'000'000);
  simulation.run_for(4'000'000);
  CHECK(simulation.kill_leader() == "");
  simulation.run_for(500'000);
  CHECK(simulation.apply(zk::sim::HoldNext{.from = {.is_leader = false, .id = 1}, .to = {.is_leader = false, .id = 2}}) == "");
  CHECK(simulation.apply(zk::sim::Run{.duration_us = 1}) == "not an action the GUI can apply");
  REQUIRE(simulation.recorded().size() == 3);
  CHECK(simulation.recorded()[0].at_us == 0);
  CHECK(zk::sim::format_step(simulation.recorded()[0].command) == "start 3 2 1 every=1s");
  CHECK(simulation.recorded()[1].at_us == 4'000'000);
  CHECK(zk::sim::format_step(simulation.recorded()[1].command) == "kill leader");
  CHECK(simulation.recorded()[2].at_us == 4'500'000);
  CHECK(zk::sim::format_step(simulation.recorded()[2].command) == "hold 1 2");
}

TEST_CASE("a GUI action that cannot run gives a one-line error and changes nothing") {
  zk::sim::RecordedRun simulation;
  CHECK(simulation.kill_leader() == "no cluster");
  simulation.new_cluster(3, 1);
  CHECK(simulation.kill_leader() == "no server is LEADING now");
  CHECK(simulation.apply(zk::sim::ReleaseHeld{.from = {.is_leader = false, .id = 1}, .to = {.is_leader = false, .id = 2}}) ==
        "no message is held on S1 -> S2");
  CHECK(simulation.recorded().empty());
  CHECK(simulation.world()->trace().empty());
}
