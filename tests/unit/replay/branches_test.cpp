// Branches: acting at an earlier moment keeps the old future as a branch, switching to it
// replays exactly that future (the same trace, byte for byte), the run left becomes a branch
// in turn, expectations go with their branch, and live mode refuses to switch.
#include <doctest/doctest.h>

#include <string>

#include "sim/replay/recorded_run.h"

using namespace zk;
using namespace zk::sim;

namespace {

std::string trace_of(const RecordedRun& run) { return run.horizon_world()->render_trace(); }

}  // namespace

TEST_CASE("branches: a fork keeps the old future, switching replays it exactly and keeps the other") {
  RecordedRun run;
  run.new_cluster(3, 1);
  run.start_in_order({3, 2, 1}, 1'000'000);
  run.run_for(4'000'000);
  REQUIRE(run.world()->leader() == std::optional<ServerId>(3));
  CHECK(run.kill_leader().empty());  // at 4 s: S3 goes
  CHECK(run.add_expectation(ExpectLeader{.server = ServerRef{.is_leader = false, .id = 2}}).empty());
  run.run_for(6'000'000);
  const std::string first_future = trace_of(run);
  const int64_t first_end_us = run.horizon_us();
  CHECK(first_end_us == 10'000'000);
  CHECK(run.branches().empty());  // nothing was left behind yet
  // Back to 3 s, and kill S1 instead: a fork.
  run.jump_to(3'000'000);
  CHECK(run.apply(Kill{.server = ServerRef{.is_leader = false, .id = 1}}).empty());
  run.run_for(2'000'000);
  const std::string second_future = trace_of(run);
  REQUIRE(run.branches().size() == 1);
  CHECK(run.branches()[0].fork_at_us == 3'000'000);
  CHECK(run.branches()[0].end_us == first_end_us);
  CHECK(run.branches()[0].first_action == "kill leader");
  CHECK(run.expectations().empty());  // the check at 4 s belonged to the other future
  // Switch: the first future comes back, replayed to where it ended, trace identical.
  CHECK(run.switch_branch(0).empty());
  CHECK(run.world()->now_us() == first_end_us);
  CHECK(trace_of(run) == first_future);
  REQUIRE(run.expectations().size() == 1);
  REQUIRE(run.branches().size() == 1);  // the run left behind
  CHECK(run.branches()[0].fork_at_us == 3'000'000);
  CHECK(run.branches()[0].end_us == 5'000'000);
  CHECK(run.branches()[0].first_action == "kill 1");
  // And back again.
  CHECK(run.switch_branch(0).empty());
  CHECK(run.world()->now_us() == 5'000'000);
  CHECK(trace_of(run) == second_future);
  CHECK(run.expectations().empty());
  CHECK(run.switch_branch(3) == "no branch 4");
  // Acting at the end of the run forks nothing.
  CHECK(run.apply(Heal{}).empty());
  CHECK(run.branches().size() == 1);
  // A new cluster has no branches.
  run.new_cluster(3, 2);
  CHECK(run.branches().empty());
}

TEST_CASE("branches: while real clients are served, switching is refused") {
  RecordedRun run;
  run.new_cluster(3, 1);
  run.start_in_order({1, 2, 3}, 0);
  run.run_for(2'000'000);
  run.jump_to(1'000'000);
  CHECK(run.apply(Heal{}).empty());
  REQUIRE(run.branches().size() == 1);
  run.live = true;
  CHECK(run.switch_branch(0) == "real clients saw this run: it cannot switch to another branch");
}
