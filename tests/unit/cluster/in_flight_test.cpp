// World::messages_in_flight lists exactly the messages on the network, in a fixed order,
// and describe_in_flight gives their fields.
#include <doctest/doctest.h>

#include <string>

#include "tests/unit/cluster/world_helpers.h"

using zk::test::make_world;

TEST_CASE("messages in flight are the queued deliveries, sorted, with their fields") {
  auto world = make_world(3);
  for (zk::ServerId id = 1; id <= 3; ++id) REQUIRE(world.start(id).ok());
  REQUIRE(world.run_until([](const zk::sim::World& w) { return w.messages_in_flight(100).size() >= 2; }, 1'000'000));
  const auto messages = world.messages_in_flight(100);
  size_t queued = 0;
  world.queue().for_each_pending([&](int64_t, const zk::sim::EventPayload& payload) {
    // A server's notification to itself is queued but never on a link.
    const auto* deliver = std::get_if<zk::sim::DeliverMessage>(&payload);
    queued += deliver != nullptr && deliver->from != deliver->to ? 1 : 0;
  });
  CHECK(messages.size() == queued);
  for (size_t i = 0; i < messages.size(); ++i) {
    const auto& message = messages[i];
    CHECK(std::string(message.kind) == "NOTIFICATION");
    CHECK(message.from >= 1);
    CHECK(message.from <= 3);
    CHECK(message.to != message.from);
    CHECK(message.sent_us <= world.now_us());
    CHECK(message.deliver_us >= world.now_us());
    CHECK(message.deliver_us - message.sent_us >= world.config().latency_min_us);
    CHECK(message.deliver_us - message.sent_us <= world.config().latency_max_us);
    if (i > 0) CHECK(messages[i - 1].deliver_us <= message.deliver_us);
    // At the start every server votes for itself in round 1.
    CHECK(zk::sim::describe_in_flight(message) ==
          "vote S" + std::to_string(message.from) + " zxid 0x0 peerEpoch 0 round 1, sender LOOKING");
  }
  CHECK(world.messages_in_flight(1).size() == 1);
  std::vector<zk::sim::InFlightMessage> reused(7);  // stale entries are cleared
  world.messages_in_flight(100, &reused);
  CHECK(reused == messages);
}
