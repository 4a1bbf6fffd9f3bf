// Fast leader election outcomes on a whole simulated ensemble, asserted exactly against
// what Apache ZooKeeper picks for the same start order and timing.
#include <doctest/doctest.h>

#include "tests/unit/cluster/world_helpers.h"

using zk::PeerState;
using zk::test::make_world;
using zk::test::run_until_serving;
using zk::test::run_until_settled;
using zk::test::start_in_order;

namespace {
constexpr int64_t kOneSecond = 1'000'000;
}

TEST_CASE("3 servers started 1,2,3 one second apart elect 2") {
  auto world = make_world(3);
  start_in_order(world, {1, 2, 3}, kOneSecond);
  REQUIRE(run_until_settled(world));
  INFO(world.render_trace());
  CHECK(world.leader() == 2);
  CHECK(world.state(1) == PeerState::kFollowing);
  CHECK(world.state(3) == PeerState::kFollowing);
  CHECK(world.peer(2)->persistent().current_epoch == 1);
  CHECK(world.peer(3)->persistent().current_epoch == 1);
}

TEST_CASE("3 servers started 3,2,1 one second apart elect 3") {
  auto world = make_world(3);
  start_in_order(world, {3, 2, 1}, kOneSecond);
  REQUIRE(run_until_settled(world));
  INFO(world.render_trace());
  CHECK(world.leader() == 3);
}

TEST_CASE("5 servers started 1..5 one second apart elect 3, the seed's walkthrough") {
  auto world = make_world(5);
  start_in_order(world, {1, 2, 3, 4, 5}, kOneSecond);
  REQUIRE(run_until_settled(world));
  INFO(world.render_trace());
  CHECK(world.leader() == 3);
  for (zk::ServerId id : {1, 2, 4, 5}) CHECK(world.state(id) == PeerState::kFollowing);
}

TEST_CASE("5 servers started 5..1 one second apart elect 5") {
  auto world = make_world(5);
  start_in_order(world, {5, 4, 3, 2, 1}, kOneSecond);
  REQUIRE(run_until_settled(world));
  CHECK(world.leader() == 5);
}

TEST_CASE("servers started all at once elect the highest id") {
  for (int n : {3, 5}) {
    auto world = make_world(n);
    if (n == 3) start_in_order(world, {1, 2, 3}, 0);
    else start_in_order(world, {1, 2, 3, 4, 5}, 0);
    REQUIRE(run_until_settled(world));
    CHECK(world.leader() == n);
  }
}

TEST_CASE("starting inside the 200 ms finalize window lets the higher id win") {
  // The timing caveat: 1..5 every 100 ms gives leader 5, not 3.
  auto world = make_world(5);
  start_in_order(world, {1, 2, 3, 4, 5}, 100'000);
  REQUIRE(run_until_settled(world));
  INFO(world.render_trace());
  CHECK(world.leader() == 5);
}

TEST_CASE("a late server joins the sitting leader without a new election") {
  auto world = make_world(5);
  start_in_order(world, {1, 2, 3}, kOneSecond);
  REQUIRE(run_until_settled(world));
  REQUIRE(world.leader() == 3);
  const auto trace_before = world.trace().size();
  REQUIRE(world.start(5).ok());
  REQUIRE(run_until_settled(world));
  CHECK(world.leader() == 3);
  CHECK(world.state(5) == PeerState::kFollowing);
  // Nobody but the newcomer went LOOKING.
  for (size_t i = trace_before; i < world.trace().size(); ++i) {
    const auto& e = world.trace()[i];
    if (e.kind == zk::TraceKind::kElectionStarted) CHECK(e.server == 5);
  }
  CHECK(world.peer(5)->election().current_vote().peer_epoch == 1);
}

TEST_CASE("killing the leader with equal histories elects the highest remaining id") {
  auto world = make_world(3);
  start_in_order(world, {1, 2, 3}, kOneSecond);
  REQUIRE(run_until_settled(world));
  REQUIRE(world.leader() == 2);
  REQUIRE(world.kill(2).ok());
  REQUIRE(run_until_settled(world));
  INFO(world.render_trace());
  CHECK(world.leader() == 3);
  CHECK(world.peer(3)->persistent().current_epoch == 2);
  CHECK(world.peer(1)->persistent().current_epoch == 2);
  // The old leader comes back as a follower of the new one.
  REQUIRE(world.restart(2).ok());
  REQUIRE(run_until_settled(world));
  CHECK(world.leader() == 3);
  CHECK(world.state(2) == PeerState::kFollowing);
}

TEST_CASE("a restarted follower rejoins without disturbing the leader") {
  auto world = make_world(3);
  start_in_order(world, {1, 2, 3}, kOneSecond);
  REQUIRE(run_until_settled(world));
  REQUIRE(world.kill(1).ok());
  world.run_for(kOneSecond);
  CHECK(world.leader() == 2);
  REQUIRE(world.restart(1).ok());
  REQUIRE(run_until_settled(world));
  CHECK(world.leader() == 2);
  CHECK(world.peer(2)->persistent().current_epoch == 1);
}

TEST_CASE("the same seed gives a byte-identical trace, another seed a different one") {
  auto run = [](uint64_t seed) {
    auto world = make_world(5, seed);
    start_in_order(world, {1, 2, 3, 4, 5}, 300'000);
    run_until_settled(world);
    world.kill(*world.leader());
    run_until_settled(world);
    world.run_for(10 * kOneSecond);
    return world.render_trace();
  };
  const std::string first = run(7);
  CHECK(first == run(7));
  CHECK(first != run(8));
}

TEST_CASE("a copied world continues exactly like the original") {
  auto world = make_world(3, 11);
  start_in_order(world, {1, 2, 3}, 0);
  world.run_for(150'000);
  auto fork = world;
  world.run_for(5 * kOneSecond);
  fork.run_for(5 * kOneSecond);
  CHECK(world.render_trace() == fork.render_trace());
}

TEST_CASE("an observer started alone stays LOOKING and retries - it never leads, then observes") {
  zk::sim::WorldConfig config;
  config.server_count = 3;
  config.observers = {3};
  zk::sim::World world(config);
  REQUIRE(world.start(3).ok());
  world.run_for(10'000'000);
  CHECK(world.peer(3)->state() == PeerState::kLooking);
  // It keeps asking (the poll timer backs off: 200 ms, 400 ms, ... up to 60 s).
  CHECK(world.peer(3)->election().notification_timeout_us() > 200'000);
  CHECK(world.peer(3)->election().proposal().leader == zk::kNoVote);
  REQUIRE(world.start(1).ok());
  world.run_for(10'000'000);
  CHECK(world.peer(1)->state() == PeerState::kLooking);  // one of two voters: no quorum
  CHECK(world.peer(3)->state() == PeerState::kLooking);
  REQUIRE(world.start(2).ok());
  REQUIRE(run_until_settled(world));
  CHECK(world.leader() == 2);
  CHECK(world.peer(3)->state() == PeerState::kObserving);
  CHECK(world.peer(3)->serving());
  for (const zk::TraceEvent& e : world.trace()) {
    if (e.kind == zk::TraceKind::kStateChanged && e.server == 3) CHECK(e.state_new != PeerState::kLeading);
  }
}

TEST_CASE("killing the leader: the observer goes LOOKING, then observes the new leader with the same data") {
  zk::sim::WorldConfig config;
  config.server_count = 4;
  config.observers = {4};
  zk::sim::World world(config);
  start_in_order(world, {1, 2, 3, 4}, 0);
  REQUIRE(run_until_settled(world));
  REQUIRE(world.leader() == 3);
  zk::test::connect_client(world, "c", 1, 10000);
  REQUIRE(zk::test::do_op(world, "c", zk::test::create("/a", "x")).err == zk::ErrorCode::kOk);
  world.run_for(1'000'000);
  REQUIRE(world.kill(3).ok());
  REQUIRE(world.run_until([](const zk::sim::World& w) { return w.peer(4)->state() == PeerState::kLooking; },
                          5'000'000));
  REQUIRE(run_until_settled(world));
  CHECK(world.leader() == 2);
  CHECK(world.peer(4)->state() == PeerState::kObserving);
  CHECK(world.peer(4)->current_leader() == 2);
  CHECK(world.peer(4)->tree().exists("/a").has_value());
  CHECK(zk::test::run_until_converged(world));
}
