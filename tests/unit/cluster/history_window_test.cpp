// Headless runs' bounded histories: the World folds its clients' settled operations into
// the consistency checker (the ops leave the clients, the verdict stays), an operation
// without an outcome holds the cut for World::kIndeterminateSettleUs, and the invariant
// checker's zxid tables stay bounded however many writes commit.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>

#include "sim/check/history.h"
#include "tests/unit/cluster/world_helpers.h"

namespace {

// Client c writes /w `writes` times (each waits for its reply), reading it back after a
// sync every tenth write.
void write_and_read(zk::sim::World& world, int writes) {
  for (int i = 0; i < writes; ++i) {
    zk::test::do_op(world, "c", zk::SetDataRequest{"/w", fmt::format("v{}", i), -1});
    if (i % 10 == 0) {
      zk::test::do_op(world, "c", zk::SyncRequest{"/w"});
      zk::test::do_op(world, "c", zk::GetDataRequest{"/w", false});
    }
  }
}

zk::sim::World serving_world_with_client() {
  zk::sim::World world = zk::test::settled_three_servers();
  zk::test::connect_client(world, "c", 1);
  zk::test::do_op(world, "c", zk::test::create("/w"));
  return world;
}

}  // namespace

TEST_CASE("a history window folds settled operations and keeps the run's verdict") {
  zk::sim::World whole = serving_world_with_client();
  zk::sim::World windowed = whole;
  windowed.set_history_window(32);
  write_and_read(whole, 300);
  write_and_read(windowed, 300);
  const zk::sim::SimClient& all = *whole.client("c");
  const zk::sim::SimClient& kept = *windowed.client("c");
  CHECK(all.ops_dropped() == 0);
  CHECK(kept.ops_dropped() > 0);
  CHECK(kept.ops().size() <= 32 + 2);  // since the last fold, plus the last one answered and the new one
  CHECK(kept.ops_dropped() + kept.ops().size() == all.ops().size());
  // The window is the tail of the whole list.
  for (size_t i = 0; i < kept.ops().size(); ++i) {
    CHECK(kept.ops()[i].cxid == all.ops()[kept.ops_dropped() + i].cxid);
  }
  CHECK(kept.op(static_cast<int32_t>(kept.ops_dropped())) == nullptr);  // dropped
  CHECK(kept.op(kept.ops().back().cxid) == &kept.ops().back());
  const zk::sim::ConsistencyReport full = zk::sim::check_consistency(zk::sim::collect_history(whole));
  const zk::sim::ConsistencyReport folded =
      windowed.consistency_checker().finish(zk::sim::collect_history(windowed));
  CHECK(full.ok);
  CHECK(folded.ok);
  CHECK(folded.ops == full.ops);
  CHECK(windowed.consistency_checker().folded_ops() > 0);
  // Folding changes nothing in the run itself.
  CHECK(windowed.now_us() == whole.now_us());
  CHECK(windowed.trace() == whole.trace());
}

TEST_CASE("an operation without an outcome holds the history cut for kIndeterminateSettleUs") {
  zk::sim::World world = serving_world_with_client();
  world.set_history_window(8);
  zk::test::connect_client(world, "gone", 2);
  int32_t cxid = 0;
  REQUIRE(world.client_submit("gone", zk::SetDataRequest{"/w", "x", -1}, &cxid).ok());
  REQUIRE(world.client_crash("gone").ok());  // its op never gets an outcome
  write_and_read(world, 50);
  // Of c's ops only its create, invoked before the crashed client's op, is folded yet.
  CHECK(world.client("c")->ops_dropped() == 1);
  CHECK(world.client("c")->ops().size() > 50);
  CHECK(world.client("gone")->ops_dropped() == 0);
  world.run_for(zk::sim::World::kIndeterminateSettleUs);
  write_and_read(world, 20);
  CHECK(world.client("gone")->ops_dropped() == 1);
  CHECK(world.client("c")->ops().size() <= 8 + 2);
  CHECK(world.consistency_checker().finish(zk::sim::collect_history(world)).ok);
}

TEST_CASE("the invariant checker's zxid tables stay bounded over many writes") {
  zk::sim::World world = serving_world_with_client();
  world.mutable_invariant_checker().set_prune_every_applied(256);
  for (int i = 0; i < 3000; ++i) zk::test::do_op(world, "c", zk::SetDataRequest{"/w", "v", -1});
  // Each of the four tables holds at most the committed-log window (500) plus one prune
  // interval of zxids; without pruning they would hold about 4 x 3000.
  const size_t bound = 4 * (500 + 256 + 10);
  CHECK(world.invariant_checker().zxid_entries() <= bound);
  CHECK(world.invariant_checker().zxid_entries() > 0);
  CHECK_FALSE(world.violation().has_value());
}
