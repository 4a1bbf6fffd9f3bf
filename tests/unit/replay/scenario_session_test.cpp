// Scenarios in the GUI: an opened lesson run line by line ends in the world a headless run
// ends in; a recorded GUI session saved as a scenario replays headless to the same trace.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/scenario_format.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"
#include "sim/replay/recorded_run.h"

namespace {

using zk::sim::ServerRef;

zk::sim::Scenario load_lesson(const std::string& name) {
  const std::string path = std::string(ZKSIM_SOURCE_DIR) + "/assets/scenarios/" + name;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const auto parsed = zk::sim::parse_scenario(text.str(), path);
  REQUIRE_MESSAGE(parsed.error.empty(), parsed.error);
  return parsed.scenario;
}

zk::sim::RunReport run_headless(const zk::sim::Scenario& scenario, std::optional<uint64_t> seed) {
  zk::sim::RunOptions options;
  options.echo_steps = false;
  return zk::sim::run_scenario(scenario, seed, options);
}

ServerRef server(int id) { return ServerRef{.is_leader = false, .id = id}; }

}  // namespace

TEST_CASE("a lesson opened in the GUI and stepped to its end equals the headless run") {
  for (const char* name : {"reelection-kill-leader.zks", "configuration-management.zks", "minority-partition.zks"}) {
    CAPTURE(name);
    const zk::sim::Scenario scenario = load_lesson(name);
    const zk::sim::RunReport report = run_headless(scenario, std::nullopt);
    REQUIRE(report.error.empty());
    zk::sim::RecordedRun simulation;
    simulation.open_scenario(scenario, std::nullopt);
    CHECK(simulation.scenario_next_line() == scenario.steps.front().line);
    CHECK(simulation.scenario_step());
    CHECK(simulation.scenario_next_line() == scenario.steps[1].line);
    simulation.scenario_run_to_end();
    CHECK(simulation.scenario_next_line() == 0);
    CHECK(simulation.scenario()->report().failed() == 0);
    CHECK(simulation.world()->now_us() == report.end_time_us);
    CHECK(simulation.world()->trace() == report.trace);
    // Time travel works on the scenario's run: back to the middle, then to the end again.
    simulation.jump_to(report.end_time_us / 2);
    CHECK(simulation.world()->now_us() == report.end_time_us / 2);
    simulation.jump_to(report.end_time_us);
    CHECK(simulation.world()->trace() == report.trace);
  }
}

TEST_CASE("after a jump back the scenario view's line is the one running at the playhead") {
  zk::sim::RecordedRun simulation;
  simulation.open_scenario(load_lesson("reelection-kill-leader.zks"), std::nullopt);
  simulation.scenario_run_to_end();
  CHECK(simulation.scenario_line_at_playhead() == 0);
  simulation.jump_to(2'100'000);  // S2 was killed at 2.03s (line 12); line 13 waits for a new leader
  CHECK(simulation.scenario_line_at_playhead() == 13);
  simulation.jump_to(500'000);  // line 7 starts a server every second until 2s
  CHECK(simulation.scenario_line_at_playhead() == 7);
}

TEST_CASE("stepping a scenario after jumping back continues the scenario's run") {
  const zk::sim::Scenario scenario = load_lesson("reelection-kill-leader.zks");
  const zk::sim::RunReport report = run_headless(scenario, std::nullopt);
  zk::sim::RecordedRun simulation;
  simulation.open_scenario(scenario, std::nullopt);
  for (int i = 0; i < 4; ++i) CHECK(simulation.scenario_step());
  simulation.jump_to(1'000'000);
  simulation.scenario_run_to_end();
  CHECK(simulation.world()->trace() == report.trace);
}

TEST_CASE("a GUI session saved as a scenario replays headless to the same trace") {
  zk::sim::RecordedRun simulation;
  simulation.new_cluster(5, 4);
  simulation.start_in_order({5, 4, 3, 2, 1}, 500'000);
  simulation.run_for(1'200'000);  // an action while starts are still scheduled
  CHECK(simulation.apply(zk::sim::SetNetwork{.reorder_ppm = 0}) == "");
  simulation.run_for(6'000'000);
  CHECK(simulation.apply(zk::sim::ClientConnect{.client = "web", .server = server(5), .timeout_us = 6'000'000}) == "");
  simulation.run_for(1'000'000);
  CHECK(simulation.apply(zk::sim::ClientCreate{.client = "web", .ephemeral = true, .path = "/w", .data = "x"}) == "");
  simulation.run_for(300'000);
  CHECK(simulation.apply(zk::sim::ClientGet{.client = "web", .watch = true, .path = "/w"}) == "");
  simulation.run_for(2'000'000);
  CHECK(simulation.kill_leader() == "");
  simulation.run_for(4'000'000);
  CHECK(simulation.apply(zk::sim::Pause{.server = server(1)}) == "");
  simulation.step_one_event();
  CHECK(simulation.apply(zk::sim::Resume{.server = server(1)}) == "");
  simulation.run_for(3'000'000);

  const zk::sim::SavedScenario saved = simulation.to_scenario();
  CHECK(saved.warning == "");
  const auto parsed = zk::sim::parse_scenario(saved.text, "saved.zks");
  REQUIRE_MESSAGE(parsed.error.empty(), parsed.error);
  CHECK(saved.text.starts_with("cluster 5 seed=4\n"));
  CHECK(saved.text.find("web create -e /w x\n") != std::string::npos);
  const zk::sim::RunReport replay = run_headless(parsed.scenario, std::nullopt);
  REQUIRE_MESSAGE(replay.error.empty(), replay.error);
  CHECK(replay.end_time_us == simulation.world()->now_us());
  REQUIRE(replay.trace.size() == simulation.world()->trace().size());
  CHECK(replay.trace == simulation.world()->trace());
}

TEST_CASE("saving a session that began with an opened lesson keeps the lesson's comments and expectations") {
  const std::string path = std::string(ZKSIM_SOURCE_DIR) + "/assets/scenarios/reelection-kill-leader.zks";
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  zk::sim::RecordedRun simulation;
  simulation.open_scenario(load_lesson("reelection-kill-leader.zks"), std::nullopt, lines);
  simulation.scenario_run_to_end();
  // Untouched, the saved session is the lesson itself.
  zk::sim::SavedScenario saved = simulation.to_scenario();
  std::string whole;
  for (const std::string& line : lines) whole += line + "\n";
  CHECK(saved.text == whole);
  // Acting by hand afterwards appends to it.
  simulation.run_for(1'000'000);
  CHECK(simulation.kill_leader() == "");
  simulation.run_for(3'000'000);
  saved = simulation.to_scenario();
  CHECK(saved.warning == "");
  CHECK(saved.text.starts_with(whole + "# Then, in the GUI:\nrun 1s\nkill leader\nrun 3s\n"));
  size_t expects = 0;
  for (const std::string& line : lines) expects += line.starts_with("expect ") ? 1 : 0;
  REQUIRE(expects > 0);
  const auto parsed = zk::sim::parse_scenario(saved.text, "saved.zks");
  REQUIRE_MESSAGE(parsed.error.empty(), parsed.error);
  const zk::sim::RunReport replay = run_headless(parsed.scenario, std::nullopt);
  REQUIRE_MESSAGE(replay.error.empty(), replay.error);
  CHECK(replay.expectations.size() == expects);
  CHECK(replay.failed() == 0);
  CHECK(replay.trace == simulation.world()->trace());
  // Acting back inside the lesson cuts it: only the recorded actions are saved.
  simulation.jump_to(500'000);
  CHECK(simulation.apply(zk::sim::SetNetwork{.reorder_ppm = 0}) == "");
  CHECK(simulation.to_scenario().text.find("expect ") == std::string::npos);
}
