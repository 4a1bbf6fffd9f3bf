// snapCount (SyncRequestProcessor.shouldSnapshot): each server rolls its log and snapshots
// once it has logged more than snapCount/2 + its own random roll txns, so its disk holds one
// snapshot and a log bounded by snapCount however long the run; the rolls differ between
// servers and processes; a restarted server recovers the same tree from snapshot plus log;
// and the default (100,000) leaves short runs as they were.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include <fmt/format.h>

#include "core/sync_request_processor.h"
#include "tests/unit/cluster/world_helpers.h"

using namespace zk;
using zk::test::connect_client;
using zk::test::create;
using zk::test::do_op;
using zk::test::run_until_converged;
using zk::test::run_until_settled;
using zk::test::start_in_order;

namespace {

sim::World world_with_snap_count(int64_t snap_count) {
  sim::WorldConfig config;
  config.server_count = 3;
  config.snap_count = snap_count;
  return sim::World(config);
}

int count_snapshot_events(const sim::World& world, ServerId server) {
  int n = 0;
  for (const TraceEvent& e : world.trace()) n += e.kind == TraceKind::kSnapshotTaken && e.server == server ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("snapCount: the roll is drawn from 0 to snapCount/2 - 1 and the decision is ZooKeeper's inequality") {
  SyncRequestProcessor sync(1000, 10, 42);
  CHECK(sync.snap_count() == 10);
  std::set<int64_t> rolls;
  for (int i = 0; i < 200; ++i) {
    REQUIRE(sync.rand_roll() >= 0);
    REQUIRE(sync.rand_roll() < 5);
    rolls.insert(sync.rand_roll());
    CHECK_FALSE(sync.should_snapshot(5 + sync.rand_roll()));
    CHECK(sync.should_snapshot(5 + sync.rand_roll() + 1));
    sync.reset_snapshot_stats();
  }
  CHECK(rolls.size() == 5);  // every value of nextInt(5) comes up
  // Below 2 it is 2 (ZooKeeperServer.getSnapCount), so nextInt(1): the roll is always 0.
  SyncRequestProcessor tiny(1000, 0, 7);
  CHECK(tiny.snap_count() == 2);
  CHECK(tiny.rand_roll() == 0);
  // The same seed draws the same rolls: a run replays exactly.
  SyncRequestProcessor a(1000, 1000, 99);
  SyncRequestProcessor b(1000, 1000, 99);
  for (int i = 0; i < 20; ++i) {
    REQUIRE(a.rand_roll() == b.rand_roll());
    a.reset_snapshot_stats();
    b.reset_snapshot_stats();
  }
}

TEST_CASE("snapCount: disks hold one snapshot and a bounded log, and a restarted server recovers from them") {
  constexpr int64_t kSnapCount = 20;
  constexpr int kWrites = 300;
  auto world = world_with_snap_count(kSnapCount);
  start_in_order(world, {1, 2, 3}, 1'000'000);
  REQUIRE(run_until_settled(world));
  connect_client(world, "c", 1);
  for (int i = 0; i < kWrites; ++i) REQUIRE(do_op(world, "c", create("/n" + std::to_string(i), "v")).err == ErrorCode::kOk);
  REQUIRE(run_until_converged(world));
  world.run_for(100'000);
  INFO(world.render_trace());
  std::set<Zxid> snapshot_zxids;
  for (ServerId id = 1; id <= 3; ++id) {
    const PersistentState& disk = world.slot(id).disk.durable();
    // 301 txns (the session and the creates) at 11..20 txns a roll: at least 15 snapshots.
    CHECK(count_snapshot_events(world, id) >= 15);
    CHECK(disk.snapshot != nullptr);
    CHECK(disk.snapshot_zxid > 0x100000000);
    CHECK(disk.log.size() <= static_cast<size_t>(kSnapCount));  // never more than snapCount/2 + roll
    CHECK(disk.last_logged_zxid() == 0x100000000 + kWrites + 1);
    for (const auto& txn : disk.log) CHECK(txn->header.zxid > disk.snapshot_zxid);
    snapshot_zxids.insert(disk.snapshot_zxid);
  }
  CHECK(snapshot_zxids.size() > 1);  // each server rolls on its own draws
  // The leader's trace sentence.
  bool sentence = false;
  for (const TraceEvent& e : world.trace()) {
    if (e.kind != TraceKind::kSnapshotTaken) continue;
    const std::string text = describe(e);
    INFO(text);
    CHECK(text.find(fmt::format("S{} has logged {} txns since its log rolled", e.server, e.txns)) != std::string::npos);
    CHECK(e.txns > kSnapCount / 2);
    CHECK(e.txns <= kSnapCount);
    sentence = true;
    break;
  }
  CHECK(sentence);
  // Every server restarted recovers the whole tree from its snapshot and log.
  for (ServerId id = 1; id <= 3; ++id) {
    REQUIRE(world.kill(id).ok());
    REQUIRE(world.start(id).ok());
    REQUIRE(run_until_settled(world));
  }
  REQUIRE(run_until_converged(world));
  for (ServerId id = 1; id <= 3; ++id) {
    REQUIRE(world.peer(id) != nullptr);
    CHECK(world.peer(id)->tree().node_count() == 4 + kWrites);
    CHECK(world.peer(id)->tree().exists("/n" + std::to_string(kWrites - 1)).has_value());
  }
}

TEST_CASE("snapCount: the default takes no snapshot in a short run") {
  auto world = world_with_snap_count(kDefaultSnapCount);
  start_in_order(world, {1, 2, 3}, 1'000'000);
  REQUIRE(run_until_settled(world));
  connect_client(world, "c", 1);
  for (int i = 0; i < 50; ++i) REQUIRE(do_op(world, "c", create("/n" + std::to_string(i))).err == ErrorCode::kOk);
  for (ServerId id = 1; id <= 3; ++id) CHECK(count_snapshot_events(world, id) == 0);
}

// A learner applies a sync's committed txns before it logs them, so a snapshot taken between
// two of those appends is above log entries still to come: the disk holds log entries at or
// below its snapshot. A restore skips them (FileTxnSnapLog.restore replays from the
// snapshot's zxid + 1), and the image's last logged zxid is the snapshot's, not the log's end.
TEST_CASE("snapCount - a log entry below the snapshot is skipped on restore") {
  auto txn_at = [](Zxid zxid) {
    const auto n = static_cast<int32_t>(zxid_counter(zxid));
    return std::make_shared<const Txn>(
        Txn{{0, 0, zxid, 0, OpCode::kCreate}, CreateTxn{fmt::format("/n{}", n), "d", 0, n}});
  };
  DataTree tree;
  for (Zxid zxid = 0x100000001; zxid <= 0x100000004; ++zxid) tree.apply(*txn_at(zxid));
  PersistentState disk;
  disk.current_epoch = disk.accepted_epoch = 1;
  disk.snapshot = std::make_shared<const DataTree>(tree);
  disk.snapshot_zxid = 0x100000004;
  disk.log.push_back(txn_at(0x100000003));  // logged after the snapshot; 0x100000004 was lost
  CHECK(disk.last_logged_zxid() == 0x100000004);
  ZKDatabase db(500);
  db.load(disk, disk.last_logged_zxid());
  CHECK(db.last_processed_zxid() == 0x100000004);
  CHECK(db.last_logged_zxid() == 0x100000004);
  CHECK(db.tree() == tree);
  disk.log.push_back(txn_at(0x100000004));
  disk.log.push_back(txn_at(0x100000005));
  CHECK(disk.last_logged_zxid() == 0x100000005);
  db.load(disk, disk.last_logged_zxid());
  CHECK(db.last_processed_zxid() == 0x100000005);
  CHECK(db.tree().node_count() == tree.node_count() + 1);
}
