// World::leader() counts the LEADING servers as their inputs run instead of scanning every
// server: these runs compare it with the scan after every event, through elections, the
// leader's kill and restart, a process that is killed while following, and a lone server
// that leads as soon as it starts.
#include <doctest/doctest.h>

#include "tests/unit/cluster/world_helpers.h"

namespace zk::test {
namespace {

// Steps up to max_events events, checking the cached leader against the scan after each.
void step_checking_leader(sim::World& world, int max_events) {
  for (int i = 0; i < max_events && world.step(); ++i) {
    REQUIRE(world.leader() == world.leader_by_scan());
  }
}

TEST_CASE("World leader cache - agrees with a scan through elections, kills and restarts") {
  auto world = make_world(5, 42);
  for (ServerId id = 1; id <= 5; ++id) REQUIRE(world.start(id).ok());
  step_checking_leader(world, 4000);
  REQUIRE(world.leader().has_value());
  const ServerId first = *world.leader();
  REQUIRE(world.kill(first).ok());
  CHECK(world.leader() == std::nullopt);
  CHECK(world.leader_by_scan() == std::nullopt);
  step_checking_leader(world, 4000);
  REQUIRE(world.leader().has_value());
  CHECK(*world.leader() != first);
  const ServerId follower = *world.leader() == 1 ? 2 : 1;
  REQUIRE(world.kill(follower).ok());
  REQUIRE(world.restart(first).ok());
  REQUIRE(world.restart(follower).ok());
  step_checking_leader(world, 4000);
  CHECK(world.leader() == world.leader_by_scan());
  CHECK(world.leader().has_value());
}

TEST_CASE("World leader cache - a lone server leads on its own") {
  auto world = make_world(1);
  REQUIRE(world.start(1).ok());
  step_checking_leader(world, 200);
  CHECK(world.leader() == 1);
  REQUIRE(world.kill(1).ok());
  CHECK(world.leader() == std::nullopt);
}

TEST_CASE("World leader cache - a copied world keeps its own count") {
  auto world = settled_three_servers();
  sim::World copy = world;
  REQUIRE(copy.kill(2).ok());
  CHECK(copy.leader() == std::nullopt);
  CHECK(world.leader() == 2);
  step_checking_leader(copy, 3000);
  CHECK(copy.leader() == copy.leader_by_scan());
}

}  // namespace
}  // namespace zk::test
