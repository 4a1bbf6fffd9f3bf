// ScenarioStepper: running a scenario one line at a time gives exactly the report of
// run_scenario (which is built on it), reports each instant action before applying it,
// and accepts steps appended while it runs.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <string>

#include "sim/scenario/scenario_format.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"

namespace {

zk::sim::Scenario load_lesson(const std::string& name) {
  const std::string path = std::string(ZKSIM_SOURCE_DIR) + "/assets/scenarios/" + name;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const auto parsed = zk::sim::parse_scenario(text.str(), name);
  REQUIRE_MESSAGE(parsed.error.empty(), parsed.error);
  return parsed.scenario;
}

}  // namespace

TEST_CASE("stepping a lesson line by line equals running it") {
  const zk::sim::Scenario scenario = load_lesson("configuration-management.zks");
  const zk::sim::RunReport whole = zk::sim::run_scenario(scenario, std::nullopt);
  zk::sim::ScenarioStepper stepper(scenario, std::nullopt);
  size_t steps = 0;
  while (!stepper.done()) {
    CHECK(stepper.next_step() == steps);
    CHECK(stepper.step());
    ++steps;
  }
  CHECK_FALSE(stepper.step());
  CHECK(steps == scenario.steps.size());
  const zk::sim::RunReport stepped = stepper.finish();
  CHECK(stepped.error == whole.error);
  CHECK(stepped.passed() == whole.passed());
  CHECK(stepped.failed() == 0);
  CHECK(stepped.end_time_us == whole.end_time_us);
  CHECK(stepped.trace == whole.trace);
}

TEST_CASE("the stepper reports every instant action with its time and event count") {
  const auto parsed = zk::sim::parse_scenario("cluster 3\nstart 1 2 3 every=1s\nrun until leader\nkill leader\n", "a.zks");
  REQUIRE(parsed.error.empty());
  std::vector<std::string> seen;
  zk::sim::RunOptions options;
  options.on_action = [&](int64_t at_us, int64_t events_before, const zk::sim::Command& command) {
    seen.push_back(fmt::format("{} {} {}", at_us, events_before > 0 ? "after-events" : "no-events",
                               zk::sim::format_step(command)));
  };
  zk::sim::ScenarioStepper stepper(parsed.scenario, 1, options);
  while (stepper.step()) {
  }
  REQUIRE(seen.size() == 4);
  CHECK(seen[0] == "0 no-events start 1");
  CHECK(seen[1] == "1000000 after-events start 2");
  CHECK(seen[2] == "2000000 after-events start 3");
  CHECK(seen[3].ends_with("after-events kill leader"));
}

TEST_CASE("steps appended to a running stepper run next") {
  const auto parsed = zk::sim::parse_scenario("cluster 3\nstart 1 2 3\n", "b.zks");
  REQUIRE(parsed.error.empty());
  zk::sim::ScenarioStepper stepper(parsed.scenario, 1);
  CHECK(stepper.step());
  CHECK(stepper.done());
  stepper.append(zk::sim::Step{3, zk::sim::RunUntilLeader{}});
  CHECK_FALSE(stepper.done());
  CHECK(stepper.step());
  CHECK(stepper.world().leader() == zk::ServerId{3});
  stepper.append(zk::sim::Step{4, zk::sim::ExpectLeader{.server = {.is_leader = false, .id = 3}}});
  CHECK(stepper.step());
  CHECK(stepper.report().passed() == 1);
  CHECK(zk::sim::format_scenario(stepper.scenario()) == "cluster 3\nstart 1 2 3\nrun until leader\nexpect leader 3\n");
}
