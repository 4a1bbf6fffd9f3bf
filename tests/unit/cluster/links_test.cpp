// Links between servers behave as TCP connections: a partition holds what the servers send
// each other and heal delivers it in order (nothing is lost inside a live connection); a
// message lost to the loss fault breaks the connection, both ends notice and reconnect.
#include <doctest/doctest.h>

#include "tests/unit/cluster/world_helpers.h"

using namespace zk;
using zk::test::connect_client;
using zk::test::create;
using zk::test::do_op;
using zk::test::make_world;
using zk::test::run_until_converged;
using zk::test::run_until_settled;
using zk::test::start_in_order;

namespace {
constexpr int64_t kSecond = 1'000'000;
}  // namespace

TEST_CASE("a short partition loses nothing: the cut-off follower gets the proposals at heal") {
  auto world = zk::test::settled_three_servers();
  connect_client(world, "c", 1);
  REQUIRE(world.partition({{3}, {1, 2}}).ok());
  do_op(world, "c", create("/x", "during"));
  world.run_for(kSecond);  // well within syncLimit: S3 keeps following S2
  CHECK(world.state(3) == PeerState::kFollowing);
  CHECK_FALSE(world.peer(3)->tree().exists("/x").has_value());
  CHECK(world.network().messages_lost() > 0);
  REQUIRE(world.heal().ok());
  world.run_for(100'000);
  INFO(world.render_trace());
  CHECK(world.peer(3)->tree().exists("/x").has_value());
  CHECK(world.peer(3)->last_processed_zxid() == world.peer(2)->last_processed_zxid());
  CHECK(world.render_trace().find("S3 FOLLOWING → LOOKING") == std::string::npos);
  CHECK(world.leader() == 2);
}

TEST_CASE("a lost message breaks the server connection and the ensemble recovers") {
  auto world = zk::test::settled_three_servers();
  connect_client(world, "c", 1);
  do_op(world, "c", create("/before"));
  world.mutable_network().set_faults(sim::NetworkFaults{.loss = 1.0});
  world.run_for(3 * kSecond);  // the leader's PINGs are lost: every follower connection breaks
  world.mutable_network().set_faults(sim::NetworkFaults{});
  const std::string trace = world.render_trace();
  INFO(trace);
  CHECK(trace.find("connection S2-S1 broken: a message was lost") != std::string::npos);
  CHECK(trace.find("S1 FOLLOWING → LOOKING: connection to leader S2 reset") != std::string::npos);
  REQUIRE(run_until_converged(world));
  CHECK(world.leader_serving());
  for (ServerId id : {1, 2, 3}) CHECK(world.peer(id)->tree().exists("/before").has_value());
}
