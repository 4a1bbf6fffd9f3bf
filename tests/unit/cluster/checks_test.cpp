// Checks that stay on: a failed ZK_INVARIANT names its file (relative to the source tree),
// line and condition; a server's failed precondition stops the world's run with one trace
// event naming the server; a paused server's held inputs are bounded as a process that
// stopped reading is by TCP: later messages are lost and the connection breaks on resume.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/invariant.h"
#include "tests/unit/cluster/world_helpers.h"

using namespace zk;
using zk::test::connect_client;
using zk::test::create;
using zk::test::run_until_converged;
using zk::test::run_until_settled;
using zk::test::start_in_order;

namespace {

sim::World world_with(const sim::WorldConfig& config) {
  sim::World world(config);
  start_in_order(world, {1, 2, 3}, 1'000'000);
  REQUIRE(run_until_settled(world));
  REQUIRE(world.leader() == 2);
  return world;
}

bool trace_has(const sim::World& world, const std::string& text) {
  return world.render_trace().find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("a failed invariant names its file relative to the source tree, its line and its condition") {
  const int line = __LINE__ + 2;
  try {
    ZK_INVARIANT(1 + 1 == 3);
    FAIL("ZK_INVARIANT did not stop");
  } catch (const InvariantFailure& failure) {
    CHECK(std::string(failure.file()) == "tests/unit/cluster/checks_test.cpp");
    CHECK(failure.line() == line);
    CHECK(std::string(failure.condition()) == "1 + 1 == 3");
    CHECK(std::string(failure.what()) ==
          "tests/unit/cluster/checks_test.cpp:" + std::to_string(line) + ": invariant violated: 1 + 1 == 3");
  }
}

TEST_CASE("a leader's precondition stops the run with one trace event naming the server") {
  sim::WorldConfig config;
  config.server_count = 3;
  config.injected_bug = InjectedBug::kAckUnproposed;  // followers also ACK zxid + 1000
  auto world = world_with(config);
  REQUIRE(world.client_connect("c", 2, 6000).ok());  // its createSession is the first proposal
  world.run_for(2'000'000);
  INFO(world.render_trace());
  REQUIRE(world.violation().has_value());
  CHECK(world.violation()->invariant == "server-invariant");
  CHECK(world.violation()->servers == std::vector<ServerId>{2});
  CHECK(world.violation()->detail.starts_with("core/leader.cpp:"));
  CHECK(world.violation()->detail.ends_with(
      ": zxid_epoch(zxid) < epoch || zxid <= std::max(last_proposed, make_zxid(epoch, 0))"));
  const TraceEvent& last = world.trace().back();
  CHECK(last.kind == TraceKind::kInvariantViolated);
  CHECK(last.server == 2);
  CHECK_FALSE(world.step());  // the run has stopped
}

TEST_CASE("a paused server holds a bounded number of inputs: beyond it the sender's connection breaks") {
  sim::WorldConfig config;
  config.server_count = 3;
  config.max_deferred_inputs = 4;
  auto world = world_with(config);
  connect_client(world, "c", 2);
  REQUIRE(world.pause(1).ok());
  int32_t cxid = 0;
  for (int i = 0; i < 20; ++i) REQUIRE(world.client_submit("c", create("/p" + std::to_string(i), "x"), &cxid).ok());
  world.run_for(3'000'000);
  INFO(world.render_trace());
  // 4 messages, then only its own inputs (timers, link changes): nothing piles up.
  CHECK(world.slot(1).deferred.size() <= 4 + kTimerKindCount + 4);
  CHECK(world.slot(1).stalled_peers == std::set<ServerId>{2});  // the leader; S3 sends S1 nothing
  CHECK(trace_has(world, "S2 -> S1: S1 is paused and holds 4 inputs: messages are lost until it resumes, then the connection breaks"));
  CHECK_FALSE(world.violation().has_value());
  REQUIRE(world.resume(1).ok());
  CHECK(world.slot(1).stalled_peers.empty());
  CHECK(trace_has(world, "connection S2-S1 broken"));
  world.run_for(100'000);  // the breaks reach both ends; S1 goes LOOKING
  CHECK(trace_has(world, "S1 FOLLOWING → LOOKING: connection to leader S2 reset"));
  REQUIRE(run_until_settled(world));  // S1 rejoins and is synced
  REQUIRE(run_until_converged(world));
  CHECK(world.peer(1)->last_processed_zxid() == world.peer(2)->last_processed_zxid());
  CHECK(world.peer(1)->tree().get_data("/p19").err == ErrorCode::kOk);
}
