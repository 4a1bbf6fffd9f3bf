// World::client(name): the latest client of a name (a crashed or closed name can be
// connected again, and the old client stays in clients()), nullptr for an unknown name, and
// the same answers in a copy of the world (checkpoints copy worlds).
#include <doctest/doctest.h>

#include <string>

#include "sim/world/world.h"

using zk::sim::World;
using zk::sim::WorldConfig;

TEST_CASE("World::client finds the latest client of a name among thousands") {
  World world(WorldConfig{.server_count = 3});
  constexpr int kClients = 3000;
  for (int i = 0; i < kClients; ++i) {
    REQUIRE(world.client_connect("c" + std::to_string(i), std::vector<zk::ServerId>{i % 3 + 1}, 6000).ok());
  }
  CHECK(world.client("nobody") == nullptr);
  CHECK(world.mutable_client("nobody") == nullptr);
  CHECK(world.client("c") == nullptr);  // a prefix of every name is not a name
  for (const int i : {0, 1, 1499, kClients - 1}) {
    const std::string name = "c" + std::to_string(i);
    REQUIRE(world.client(name) != nullptr);
    CHECK(world.client(name)->name() == name);
    CHECK(world.client(name) == &world.clients()[static_cast<size_t>(i)].client);
    CHECK(world.mutable_client(name) == world.client(name));
    CHECK(world.client_endpoint(name) == world.client(name)->endpoint());
  }
  // Connected again after a crash: the name now means the new client.
  REQUIRE(world.client_crash("c7").ok());
  REQUIRE(world.client_connect("c7", std::vector<zk::ServerId>{2}, 6000).ok());
  CHECK(world.clients().size() == kClients + 1);
  CHECK(world.client("c7") == &world.clients().back().client);
  CHECK(world.clients()[7].client.state() == zk::sim::ClientState::kCrashed);
  const World copy = world;
  CHECK(copy.client("c7") == &copy.clients().back().client);
  CHECK(copy.client("c8") == &copy.clients()[8].client);
}
