// ZAB on a whole simulated ensemble: writes through clients, commit and replication,
// recovery after crashes (DIFF, TRUNC, SNAP), elections decided by history, partitions,
// and durability of committed writes.
#include <doctest/doctest.h>

#include "tests/unit/cluster/world_helpers.h"

using namespace zk;
using zk::test::connect_client;
using zk::test::converged;
using zk::test::create;
using zk::test::do_op;
using zk::test::make_world;
using zk::test::run_until_converged;
using zk::test::run_until_settled;
using zk::test::start_in_order;

namespace {
constexpr int64_t kSecond = 1'000'000;

sim::World settled_cluster(int n, std::initializer_list<ServerId> order, uint64_t seed = 1) {
  auto world = make_world(n, seed);
  start_in_order(world, order, kSecond);
  REQUIRE(run_until_settled(world));
  return world;
}
}  // namespace

TEST_CASE("writes commit on a quorum and replicate with ZooKeeper's zxids") {
  auto world = settled_cluster(3, {1, 2, 3});
  REQUIRE(world.leader() == 2);
  connect_client(world, "c", 1);  // createSession = 0x100000001
  const auto& created = do_op(world, "c", create("/a", "hello"));
  CHECK(created.err == ErrorCode::kOk);
  CHECK(created.body.path == "/a");
  const auto& again = do_op(world, "c", create("/a"));
  CHECK(again.err == ErrorCode::kNodeExists);  // an error txn still uses 0x100000003
  const auto& set = do_op(world, "c", SetDataRequest{"/a", "v2", -1});
  CHECK(set.err == ErrorCode::kOk);
  REQUIRE(set.body.stat);
  CHECK(set.body.stat->czxid == 0x100000002);
  CHECK(set.body.stat->mzxid == 0x100000004);
  CHECK(set.body.stat->version == 1);
  const auto& get = do_op(world, "c", GetDataRequest{"/a", false});
  CHECK(get.body.data == "v2");
  REQUIRE(run_until_converged(world));
  for (ServerId id : {1, 2, 3}) CHECK(world.peer(id)->last_processed_zxid() == 0x100000004);
}

TEST_CASE("a watch event reaches the client before the reply that shows the change") {
  auto world = settled_cluster(3, {1, 2, 3});
  connect_client(world, "watcher", 3);
  connect_client(world, "writer", 1);
  do_op(world, "writer", create("/cfg", "v1"));
  const auto& get = do_op(world, "watcher", GetDataRequest{"/cfg", true});
  CHECK(get.body.data == "v1");
  do_op(world, "writer", SetDataRequest{"/cfg", "v2", -1});
  world.run_for(kSecond);
  auto* watcher = world.mutable_client("watcher");
  REQUIRE(watcher->events().size() == 1);
  CHECK(watcher->events().front().type == EventType::kNodeDataChanged);
  CHECK(watcher->events().front().path == "/cfg");
  do_op(world, "writer", SetDataRequest{"/cfg", "v3", -1});
  world.run_for(kSecond);
  CHECK(watcher->events().size() == 1);  // one-shot
}

TEST_CASE("a lower sid with a newer zxid wins the re-election") {
  // Leader S2 of {1,2,3}. S3 (the highest id) is cut off while /x is written, so only S1
  // and S2 log it. Then S2 dies and the network heals: S1 (newer zxid) must beat S3.
  auto world = settled_cluster(3, {1, 2, 3});
  REQUIRE(world.leader() == 2);
  connect_client(world, "c", 1);
  REQUIRE(world.partition({{3}, {1, 2}}).ok());
  do_op(world, "c", create("/x"));
  world.run_for(kSecond);
  CHECK(world.peer(1)->last_processed_zxid() > world.peer(3)->last_processed_zxid());
  REQUIRE(world.kill(2).ok());
  REQUIRE(world.heal().ok());
  REQUIRE(run_until_settled(world));
  INFO(world.render_trace());
  CHECK(world.leader() == 1);
  CHECK(world.state(3) == PeerState::kFollowing);
  CHECK(world.peer(3)->tree().exists("/x").has_value());
}

TEST_CASE("a higher epoch beats a higher zxid") {
  // Leader S2 is cut off and logs a proposal nobody else sees (a higher zxid in epoch 1).
  // S1 and S3 elect S3 in epoch 2; S1 syncs by an empty DIFF, so it keeps its older zxid
  // but its currentEpoch becomes 2. S3 dies and the network heals: S1 (epoch 2, lower
  // zxid, lower id) must beat S2 (epoch 1, higher zxid), and S2 is truncated.
  auto world = settled_cluster(3, {1, 2, 3});
  REQUIRE(world.leader() == 2);
  connect_client(world, "c", 2);
  do_op(world, "c", create("/before"));
  REQUIRE(run_until_converged(world));
  REQUIRE(world.partition({{2}, {1, 3}}).ok());
  int32_t cxid = 0;
  REQUIRE(world.client_submit("c", create("/orphan"), &cxid).ok());
  REQUIRE(world.run_until([](const sim::World& w) { return w.leader() == 3 && w.leader_serving(); }, 60 * kSecond));
  const Zxid s1_zxid = world.peer(1)->last_processed_zxid();
  REQUIRE(world.kill(3).ok());
  world.run_for(100'000);
  CHECK(world.peer(2)->last_processed_zxid() > s1_zxid);
  CHECK(world.peer(2)->persistent().current_epoch == 1);
  CHECK(world.peer(1)->persistent().current_epoch == 2);
  REQUIRE(world.heal().ok());
  REQUIRE(run_until_settled(world));
  INFO(world.render_trace());
  CHECK(world.leader() == 1);
  CHECK(world.peer(2)->learner_state()->sync_mode == zk::SyncMode::kTrunc);
  CHECK_FALSE(world.peer(2)->tree().exists("/orphan").has_value());
  CHECK(world.peer(2)->tree().exists("/before").has_value());
  // The vote comparison itself, as the trace explains it.
  const Vote older_epoch_more_txns{2, make_zxid(1, 9), 1, 1, PeerState::kLooking};
  const Vote newer_epoch{1, make_zxid(1, 2), 1, 2, PeerState::kLooking};
  CHECK(decide_between(newer_epoch, older_epoch_more_txns) == VoteDecider::kPeerEpoch);
}

TEST_CASE("a restarted follower that missed a few txns gets DIFF") {
  auto world = settled_cluster(3, {1, 2, 3});
  connect_client(world, "c", 2);
  REQUIRE(world.kill(1).ok());
  for (int i = 0; i < 5; ++i) do_op(world, "c", create("/n" + std::to_string(i)));
  REQUIRE(world.restart(1).ok());
  REQUIRE(run_until_settled(world));
  REQUIRE(run_until_converged(world));
  CHECK(world.peer(1)->learner_state()->sync_mode == zk::SyncMode::kDiff);
  CHECK(world.peer(1)->tree().exists("/n4").has_value());
}

TEST_CASE("a follower far behind the committed-log window gets SNAP") {
  auto world = settled_cluster(3, {1, 2, 3});
  connect_client(world, "c", 2);
  REQUIRE(world.kill(1).ok());
  for (int i = 0; i < 520; ++i) do_op(world, "c", create("/n" + std::to_string(i)));
  REQUIRE(world.restart(1).ok());
  REQUIRE(run_until_settled(world));
  REQUIRE(run_until_converged(world));
  CHECK(world.peer(1)->learner_state()->sync_mode == zk::SyncMode::kSnap);
  CHECK(world.peer(1)->tree().exists("/n519").has_value());
}

TEST_CASE("a follower with an uncommitted proposal is truncated") {
  // S2 leads {1,2,3}. Cut S2 off from S3 and hold its proposal to S1: S2 logs /lost alone.
  auto world = settled_cluster(3, {1, 2, 3});
  REQUIRE(world.leader() == 2);
  connect_client(world, "c", 2);
  do_op(world, "c", create("/kept"));
  REQUIRE(run_until_converged(world));
  REQUIRE(world.partition({{2}, {1, 3}}).ok());
  int32_t cxid = 0;
  REQUIRE(world.client_submit("c", create("/lost"), &cxid).ok());
  world.run_for(50'000);
  CHECK(world.peer(2)->last_logged_zxid() > world.peer(1)->last_logged_zxid());
  // S2 is killed before it notices; S1 and S3 elect a new leader, then S2 comes back.
  REQUIRE(world.kill(2).ok());
  REQUIRE(world.heal().ok());
  REQUIRE(run_until_settled(world));
  CHECK(world.leader() == 3);
  REQUIRE(world.restart(2).ok());
  REQUIRE(run_until_settled(world));
  REQUIRE(run_until_converged(world));
  INFO(world.render_trace());
  CHECK(world.peer(2)->learner_state()->sync_mode == zk::SyncMode::kTrunc);
  CHECK_FALSE(world.peer(2)->tree().exists("/lost").has_value());
  CHECK(world.peer(2)->tree().exists("/kept").has_value());
}

TEST_CASE("a partitioned minority cannot commit, and its leader steps down") {
  auto world = settled_cluster(3, {1, 2, 3});
  REQUIRE(world.leader() == 2);
  connect_client(world, "c", 2);
  REQUIRE(world.partition({{2}, {1, 3}}).ok());
  const auto& result = do_op(world, "c", create("/minority"));
  CHECK(result.err == ErrorCode::kConnectionLoss);  // the old leader steps down and drops its clients
  world.run_for(20 * kSecond);
  CHECK(world.leader() == 3);
  CHECK(world.state(2) == PeerState::kLooking);
  for (ServerId id : {1, 3}) CHECK_FALSE(world.peer(id)->tree().exists("/minority").has_value());
}

TEST_CASE("no committed write is lost when a minority crashes and restarts") {
  auto world = settled_cluster(5, {1, 2, 3, 4, 5}, 3);
  connect_client(world, "c", 1);
  std::vector<std::string> acknowledged;
  for (int round = 0; round < 6; ++round) {
    const ServerId victim = static_cast<ServerId>(round % 5 + 1);
    REQUIRE(world.kill(victim).ok());
    for (int i = 0; i < 3; ++i) {
      // Like an application waiting for SyncConnected before it retries.
      world.run_until([](const sim::World& w) { return w.client("c")->state() == sim::ClientState::kConnected; },
                      10 * kSecond);
      const std::string path = "/r" + std::to_string(round) + "-" + std::to_string(i);
      if (do_op(world, "c", create(path)).err == ErrorCode::kOk) acknowledged.push_back(path);
    }
    REQUIRE(world.restart(victim).ok());
    REQUIRE(run_until_settled(world));
  }
  REQUIRE(run_until_converged(world));
  CHECK(acknowledged.size() >= 10);
  for (ServerId id = 1; id <= 5; ++id) {
    for (const auto& path : acknowledged) CHECK(world.peer(id)->tree().exists(path).has_value());
  }
}

TEST_CASE("a crash loses only txns that were not fsynced, and never committed ones") {
  auto world = settled_cluster(3, {1, 2, 3});
  connect_client(world, "c", 2);
  do_op(world, "c", create("/durable"));
  REQUIRE(run_until_converged(world));
  int32_t cxid = 0;
  REQUIRE(world.client_submit("c", create("/inflight"), &cxid).ok());
  world.run_for(1'500);  // the proposal is written but fsync has not completed
  REQUIRE(world.kill(1).ok());
  REQUIRE(world.restart(1).ok());
  REQUIRE(run_until_settled(world));
  REQUIRE(run_until_converged(world));
  CHECK(world.peer(1)->tree().exists("/durable").has_value());
  CHECK(converged(world));
}

TEST_CASE("a session's ephemerals vanish when it expires") {
  auto world = settled_cluster(3, {1, 2, 3});
  connect_client(world, "worker", 1, 6000);
  connect_client(world, "observer", 3);
  do_op(world, "worker", create("/members"));
  do_op(world, "worker", create("/members/w1", "", CreateMode::kEphemeral));
  const auto& ls = do_op(world, "observer", GetChildrenRequest{"/members", true});
  CHECK(ls.body.children == std::vector<std::string>{"w1"});
  // Cut the worker off from every server: nothing touches its session any more.
  const sim::EndpointId worker = *world.client_endpoint("worker");
  REQUIRE(world.partition({{worker}, {1, 2, 3}}).ok());
  world.run_for(10 * kSecond);  // > T + 1.5 tick
  CHECK_FALSE(world.peer(3)->tree().exists("/members/w1").has_value());
  auto* observer = world.mutable_client("observer");
  REQUIRE(observer->events().size() == 1);
  CHECK(observer->events().front().type == EventType::kNodeChildrenChanged);
  REQUIRE(world.heal().ok());
  world.run_for(5 * kSecond);
  CHECK(world.client("worker")->state() == sim::ClientState::kExpired);
  CHECK(do_op(world, "worker", GetDataRequest{"/members", false}).err == ErrorCode::kSessionExpired);
}

TEST_CASE("a client's session survives moving to another server within its timeout") {
  auto world = settled_cluster(3, {1, 2, 3});
  connect_client(world, "c", 1, 10000);
  const SessionId session = world.client("c")->session_id();
  do_op(world, "c", create("/e", "", CreateMode::kEphemeral));
  REQUIRE(world.kill(1).ok());
  world.run_for(3 * kSecond);
  CHECK(world.client("c")->state() == sim::ClientState::kConnected);
  CHECK(world.client("c")->session_id() == session);
  CHECK(world.client("c")->server() != 1);
  CHECK(do_op(world, "c", GetDataRequest{"/e", false}).err == ErrorCode::kOk);
}

TEST_CASE("a server refuses a client that has seen a newer zxid, and the client moves on") {
  // Leader S3. S2 is cut off from the other servers (it keeps serving until its syncLimit
  // runs out) while the client writes through S1. When S1 dies the client tries S2,
  // which is behind the client's lastZxidSeen and must refuse it; S3 then takes it.
  auto world = settled_cluster(3, {3, 2, 1});
  REQUIRE(world.leader() == 3);
  connect_client(world, "c", 1);
  REQUIRE(world.partition({{2}, {1, 3}}).ok());
  do_op(world, "c", create("/new"));
  REQUIRE(world.peer(2)->serving());
  REQUIRE(world.kill(1).ok());
  world.run_for(kSecond);
  INFO(world.render_trace());
  CHECK(world.client("c")->state() == sim::ClientState::kConnected);
  CHECK(world.client("c")->server() == 3);
  CHECK(world.render_trace().find("client c: connection to S2 lost (client has seen zxid 0x100000002, our last "
                                  "zxid is 0x100000001: refusing)") != std::string::npos);
}

TEST_CASE("sync on a follower, then a read, sees a write acknowledged to another client") {
  auto world = settled_cluster(3, {1, 2, 3});
  REQUIRE(world.leader() == 2);
  connect_client(world, "reader", 1);
  connect_client(world, "writer", 2);
  REQUIRE(do_op(world, "writer", create("/fresh", "v")).err == ErrorCode::kOk);
  const auto& synced = do_op(world, "reader", SyncRequest{"/fresh"});
  CHECK(synced.err == ErrorCode::kOk);
  const auto& read = do_op(world, "reader", GetDataRequest{"/fresh", false});
  CHECK(read.err == ErrorCode::kOk);
  CHECK(read.body.data == "v");
}

TEST_CASE("a leader drops a follower that has not acked a proposal for syncLimit ticks") {
  auto world = settled_cluster(3, {1, 2, 3});
  REQUIRE(world.leader() == 2);
  connect_client(world, "c", 2);
  REQUIRE(world.pause(1).ok());  // a long GC pause: S1 acks nothing
  REQUIRE(do_op(world, "c", create("/during-pause")).err == ErrorCode::kOk);  // S2 + S3 are a quorum
  world.run_for(12 * kSecond);  // > syncLimit (5) x tick (2 s)
  INFO(world.render_trace());
  CHECK(world.render_trace().find("S2 (leader) drops S1: no ACK for 5 ticks (syncLimit)") != std::string::npos);
  CHECK(world.leader() == 2);
  REQUIRE(world.resume(1).ok());
  REQUIRE(run_until_settled(world));
  REQUIRE(run_until_converged(world));
  CHECK(world.peer(1)->tree().exists("/during-pause").has_value());
}
