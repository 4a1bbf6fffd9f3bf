// Group commit (ZooKeeper's SyncRequestProcessor): pipelined writes share fsyncs — one
// fsync in flight per server, txns logged meanwhile wait for the next — and every txn is
// still durable on a quorum before it commits and on every server once the run settles.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/unit/cluster/world_helpers.h"

using namespace zk;
using zk::test::connect_client;
using zk::test::create;
using zk::test::make_world;
using zk::test::run_until_converged;
using zk::test::run_until_settled;
using zk::test::start_in_order;

TEST_CASE("pipelined writes share fsyncs and every one is durable everywhere") {
  auto world = zk::test::settled_three_servers();
  connect_client(world, "c", 2);  // createSession = 0x100000001
  constexpr int kWrites = 40;
  int32_t last_cxid = 0;
  for (int i = 0; i < kWrites; ++i) {
    REQUIRE(world.client_submit("c", create("/w" + std::to_string(i), "x"), &last_cxid).ok());
  }
  size_t largest_batch[4] = {0, 0, 0, 0};
  bool waiting_without_fsync = false;
  for (int steps = 0; steps < 100'000; ++steps) {
    const auto* op = world.client("c")->op(last_cxid);
    if (op && op->done) break;
    REQUIRE(world.step());
    for (ServerId id = 1; id <= 3; ++id) {
      const QuorumPeer* p = world.peer(id);
      largest_batch[id] = std::max(largest_batch[id], p->flush_in_flight().size());
      if (!p->flush_waiting().empty() && p->flush_in_flight().empty()) waiting_without_fsync = true;
    }
  }
  INFO(world.render_trace());
  const auto& ops = world.client("c")->ops();
  for (const auto& op : ops) {
    CHECK(op.done);
    CHECK(op.err == ErrorCode::kOk);
  }
  CHECK(ops.size() == kWrites);
  CHECK_FALSE(waiting_without_fsync);
  for (ServerId id = 1; id <= 3; ++id) {
    CHECK(largest_batch[id] > 1);  // at least one fsync covered several txns
    CHECK(largest_batch[id] < kWrites);
  }
  REQUIRE(run_until_converged(world));
  world.run_for(100'000);  // the last fsyncs complete
  for (ServerId id = 1; id <= 3; ++id) {
    const QuorumPeer* p = world.peer(id);
    CHECK(p->flush_in_flight().empty());
    CHECK(p->flush_waiting().empty());
    // createSession plus every create is in the durable (fsynced) log.
    CHECK(world.slot(id).disk.durable().log.size() == kWrites + 1);
    CHECK(world.slot(id).disk.durable().last_logged_zxid() == 0x100000000 + kWrites + 1);
    CHECK(world.slot(id).disk.unsynced_count() == 0);
  }
}

TEST_CASE("a copy of a world with long histories is unaffected by what the original does next") {
  // Hundreds of writes fill several shared chunks of the trace, the logs and the client's
  // operations; the original then writes on, crashes a follower and restarts it. The copy
  // must still look exactly as at the fork, and then run exactly like an untouched run.
  auto world = make_world(3);
  start_in_order(world, {1, 2, 3}, 1'000'000);
  REQUIRE(run_until_settled(world));
  connect_client(world, "c", 2);
  for (int i = 0; i < 600; ++i) {
    REQUIRE(zk::test::do_op(world, "c", create("/f" + std::to_string(i), "x")).err == ErrorCode::kOk);
  }
  const sim::World fork = world;
  sim::World untouched = world;
  const std::string trace_at_fork = fork.render_trace();
  const size_t ops_at_fork = fork.client("c")->ops().size();
  const auto log_at_fork = fork.slot(1).disk.durable().log;

  for (int i = 0; i < 300; ++i) {
    REQUIRE(zk::test::do_op(world, "c", create("/g" + std::to_string(i), "y")).err == ErrorCode::kOk);
  }
  world.kill(1);
  world.run_for(2'000'000);
  world.restart(1);
  REQUIRE(run_until_converged(world));

  CHECK(fork.render_trace() == trace_at_fork);
  CHECK(fork.client("c")->ops().size() == ops_at_fork);
  CHECK(fork.slot(1).disk.durable().log == log_at_fork);
  CHECK(world.client("c")->ops().size() == ops_at_fork + 300);
  sim::World replay = fork;
  replay.run_for(3'000'000);
  untouched.run_for(3'000'000);
  CHECK(replay.render_trace() == untouched.render_trace());
}
