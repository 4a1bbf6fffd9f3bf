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
  auto world = make_world(3);
  start_in_order(world, {1, 2, 3}, 1'000'000);
  REQUIRE(run_until_settled(world));
  REQUIRE(world.leader() == 2);
  connect_client(world, "c", 2);  // createSession = 0x100000001
  constexpr int kWrites = 40;
  int32_t last_cxid = 0;
  for (int i = 0; i < kWrites; ++i) {
    REQUIRE(world.client_submit("c", create("/w" + std::to_string(i), "x"), &last_cxid).empty());
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
