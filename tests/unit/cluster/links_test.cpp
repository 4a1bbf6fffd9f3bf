// Links between servers behave as TCP connections: a partition holds what the servers send
// each other and heal delivers it in order (nothing is lost inside a live connection); a
// message lost to the loss fault breaks the connection, both ends notice, and it is opened
// again as QuorumCnxManager does: on the next send, one attempt at a time, an attempt that
// cannot get through giving up after the 5 s connect timeout (no reconnect storm).
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

namespace {

int64_t count_kind(const sim::World& world, TraceKind kind, int64_t from_us) {
  int64_t n = 0;
  for (const TraceEvent& e : world.trace()) n += e.kind == kind && e.time_us >= from_us;
  return n;
}

}  // namespace

TEST_CASE("under 100% loss each server pair breaks once and retries no faster than the connect timeout") {
  auto world = zk::test::settled_three_servers();
  const int64_t lossy_from_us = world.now_us();
  const size_t trace_before = world.trace().size();
  world.mutable_network().set_faults(sim::NetworkFaults{.loss = 1.0});
  world.run_for(60 * kSecond);
  INFO(world.render_trace());
  // One break per pair: once broken, a pair stays down (its handshakes are lost too).
  CHECK(count_kind(world, TraceKind::kConnectionBroken, lossy_from_us) == 3);
  // At most one attempt per pair at a time, each failing after 5 s: 3 pairs x 12 timeouts,
  // plus the attempt running at the end.
  CHECK(world.connect_attempts() > 0);
  CHECK(world.connect_attempts() <= 3 * (60 / 5 + 1));
  for (ServerId id : {1, 2, 3}) CHECK(world.state(id) == PeerState::kLooking);
  // Everything the minute traced: the breaks, the three servers going LOOKING and their
  // rounds; the storm before this traced ~500 breaks a second.
  CHECK(world.trace().size() - trace_before < 100);
}

TEST_CASE("a broken pair is opened again by the next send once the network carries it") {
  auto world = zk::test::settled_three_servers();
  connect_client(world, "c", 1);
  do_op(world, "c", create("/before"));
  world.mutable_network().set_faults(sim::NetworkFaults{.loss = 1.0});
  world.run_for(20 * kSecond);  // every pair broken; the notification timeout has grown past 6 s
  world.mutable_network().set_faults(sim::NetworkFaults{});
  const int64_t attempts = world.connect_attempts();
  REQUIRE(run_until_converged(world, 70 * kSecond));
  INFO(world.render_trace());
  // The pairs came back only through new attempts (sends of the LOOKING servers).
  CHECK(world.connect_attempts() > attempts);
  CHECK(world.leader_serving());
  for (ServerId id : {1, 2, 3}) CHECK(world.peer(id)->tree().exists("/before").has_value());
}
