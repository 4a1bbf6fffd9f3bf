// "Expect this here": expectations added at the playhead are saved at their moment, after
// every action at or before it; acting before them (a fork) drops them; the saved session's
// headless run checks them.
#include <doctest/doctest.h>

#include <string>

#include "sim/replay/recorded_run.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"

using namespace zk;
using namespace zk::sim;

TEST_CASE("expect this here - saved at its moment, dropped by a fork before it, checked by the replay") {
  RecordedRun run;
  run.new_cluster(3, 1);
  run.start_in_order({3, 2, 1}, 1'000'000);
  run.run_for(3'000'000);
  REQUIRE(run.world()->leader() == std::optional<ServerId>(3));
  const ServerRef s1{.is_leader = false, .id = 1};
  CHECK(run.add_expectation(ExpectLeader{.server = ServerRef{.is_leader = false, .id = 3}}).empty());
  CHECK(run.add_expectation(ExpectState{.server = s1, .state = ServerState::kFollowing}).empty());
  CHECK(run.add_expectation(Kill{.server = s1}) == "not an expectation");
  // Back in time: S1 had not started; a check there comes first in the file.
  run.jump_to(1'500'000);
  CHECK(run.add_expectation(ExpectState{.server = s1, .state = ServerState::kDown}).empty());
  run.jump_to(run.horizon_us());
  run.kill_leader();
  SavedScenario saved = run.to_scenario();
  CHECK(saved.warning.empty());
  const size_t down = saved.text.find("expect state 1 DOWN\n");
  const size_t leader = saved.text.find("expect leader 3\n");
  const size_t following = saved.text.find("expect state 1 FOLLOWING\n");
  const size_t kill = saved.text.find("kill leader\n");
  REQUIRE(down != std::string::npos);
  REQUIRE(leader != std::string::npos);
  REQUIRE(following != std::string::npos);
  REQUIRE(kill != std::string::npos);
  CHECK(down < leader);
  CHECK(leader < following);
  CHECK(following < kill);
  const ParseResult parsed = parse_scenario(saved.text, "checked.zks");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  const RunReport report = run_scenario(parsed.scenario, std::nullopt);
  CHECK(report.error.empty());
  CHECK(report.passed() == 3);
  CHECK(report.failed() == 0);
  // Acting at 2 s forks the run there: the two checks at 3 s described the dropped future.
  run.jump_to(2'000'000);
  CHECK(run.apply(Heal{}).empty());
  REQUIRE(run.expectations().size() == 1);
  CHECK(run.expectations()[0].expect == Command(ExpectState{.server = s1, .state = ServerState::kDown}));
}
