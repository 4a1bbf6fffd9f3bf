// With message recording on, the world keeps every dropped message with why: taken by
// `drop next`, on its way to a server that went down, lost by the loss fault. Without it nothing.
#include <doctest/doctest.h>

#include <string>

#include "tests/unit/cluster/world_helpers.h"

using zk::sim::DropReason;
using zk::sim::DroppedMessageRecord;
using zk::test::make_world;

TEST_CASE("dropped messages are recorded with their reason when message recording is on") {
  auto world = make_world(3);
  world.set_record_messages(true);
  REQUIRE(world.drop_next(1, 2).ok());
  for (zk::ServerId id = 1; id <= 3; ++id) REQUIRE(world.start(id).ok());
  REQUIRE(world.run_until(
      [](const zk::sim::World& w) {
        for (const auto& message : w.messages_in_flight(100)) {
          if (message.to == 3) return true;
        }
        return false;
      },
      1'000'000));
  size_t heading_to_s3 = 0;
  for (const auto& message : world.messages_in_flight(100)) heading_to_s3 += message.to == 3 ? 1 : 0;
  REQUIRE(world.kill(3).ok());
  world.run_for(50'000);
  REQUIRE_FALSE(world.dropped_messages().empty());
  const DroppedMessageRecord& first = world.dropped_messages()[0];
  CHECK(first.reason == DropReason::kDropNext);
  CHECK(first.from == 1);
  CHECK(first.to == 2);
  CHECK(std::string(first.kind) == "NOTIFICATION");
  CHECK(first.dropped_us == first.sent_us);  // taken at sending
  // S3 went down with messages on their way to it: they are dropped on arrival.
  size_t to_down = 0;
  for (const DroppedMessageRecord& record : world.dropped_messages()) {
    if (record.reason != DropReason::kReceiverDown) continue;
    ++to_down;
    CHECK(record.to == 3);
    CHECK(record.dropped_us - record.sent_us >= world.config().latency_min_us);
    CHECK(record.dropped_us - record.sent_us <= world.config().latency_max_us);
  }
  CHECK(to_down == heading_to_s3);
  CHECK(std::string(zk::sim::drop_reason_text(DropReason::kReceiverDown)) == "receiver down");

  // Every message lost: each loss is recorded at the time it would have arrived.
  zk::sim::NetworkFaults faults;
  faults.loss = 1.0;
  world.mutable_network().set_faults(faults);
  const size_t before = world.dropped_messages().size();
  REQUIRE(world.restart(3).ok());
  world.run_for(1'000'000);
  size_t lost = 0;
  for (size_t i = before; i < world.dropped_messages().size(); ++i) {
    const DroppedMessageRecord& record = world.dropped_messages()[i];
    if (record.reason != DropReason::kLoss) continue;
    ++lost;
    CHECK(record.dropped_us > record.sent_us);
  }
  CHECK(lost > 0);
}

TEST_CASE("no dropped messages are kept without message recording") {
  auto world = make_world(3);
  REQUIRE(world.drop_next(1, 2).ok());
  REQUIRE(world.start(1).ok());
  REQUIRE(world.start(2).ok());
  world.run_for(50'000);
  CHECK(world.dropped_messages().empty());
}
