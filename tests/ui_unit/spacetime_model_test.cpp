// The space-time diagram's data: which messages cross a window (delivered, late, in
// flight; self-messages left out), the even thinning to at most N arrows, categories,
// lanes for servers and clients, the pick distance, and that a RecordedRun records the
// messages its time travel keeps.
#include <doctest/doctest.h>

#include "sim/replay/recorded_run.h"
#include "ui/spacetime_model.h"

using zk::sim::InFlightMessage;
using zk::sim::MessageLog;
using zk::sim::MessageRecord;
using zk::ui::MessageCategory;
using zk::ui::SpaceTimeArrow;
using zk::ui::SpaceTimeLane;
using zk::ui::SpaceTimeWindow;

TEST_CASE("Space-time arrows: the messages crossing a window, thinned evenly") {
  MessageLog log;  // in delivery order
  log.push_back(MessageRecord{0, 10, 1, 2, "NOTIFICATION"});
  log.push_back(MessageRecord{5, 20, 2, 1, "PROPOSAL"});
  log.push_back(MessageRecord{15, 30, 1, 1, "NOTIFICATION"});  // to itself: no arrow
  log.push_back(MessageRecord{25, 40, 1000, 1, "CREATE"});      // from client endpoint 1000
  log.push_back(MessageRecord{36, 45, 2, 3, "PING"});           // sent after the window
  log.push_back(MessageRecord{8, 200, 3, 1, "ACK"});            // sent before, delivered after
  const std::vector<InFlightMessage> in_flight = {{2, 3, 30, 50, "COMMIT", nullptr}, {2, 3, 40, 60, "COMMIT", nullptr}};
  SpaceTimeWindow window;
  zk::ui::collect_arrows(log, in_flight, 18, 35, 100, &window);
  CHECK(window.crossing == 4);
  CHECK(window.arrows == std::vector<SpaceTimeArrow>{
                             {5, 20, 2, 1, log[1].kind, MessageCategory::kProposal, false},
                             {25, 40, 1000, 1, log[3].kind, MessageCategory::kClient, false},
                             {8, 200, 3, 1, log[5].kind, MessageCategory::kAck, false},
                             // no payload: counted as client traffic, as the Cluster view does
                             {30, 50, 2, 3, in_flight[0].kind, MessageCategory::kClient, true},
                         });
  zk::ui::collect_arrows(log, in_flight, 18, 35, 2, &window);
  CHECK(window.crossing == 4);
  REQUIRE(window.arrows.size() == 2);  // every second one
  CHECK(window.arrows[0].sent_us == 5);
  CHECK(window.arrows[1].sent_us == 8);
  zk::ui::collect_arrows(log, {}, 300, 400, 10, &window);
  CHECK(window.crossing == 0);
  CHECK(window.arrows.empty());

  CHECK(zk::ui::categorize(1, 2, "COMMIT") == MessageCategory::kCommit);
  CHECK(zk::ui::categorize(1, 2, "LEADERINFO") == MessageCategory::kSync);
  CHECK(zk::ui::categorize(1, 1001, "REPLY") == MessageCategory::kClient);
  CHECK(zk::ui::distance_to_segment({5, 5}, {0, 0}, {10, 0}) == doctest::Approx(5.0));
  CHECK(zk::ui::distance_to_segment({13, 4}, {0, 0}, {10, 0}) == doctest::Approx(5.0));
  const std::vector<SpaceTimeLane> lanes = {{1, "S1"}, {1000, "c"}};
  CHECK(zk::ui::describe_arrow({25, 40, 1000, 1, "CREATE", MessageCategory::kClient, false}, lanes) ==
        "CREATE c -> S1 sent 0.000025s delivered 0.000040s");
  CHECK(zk::ui::describe_arrow({25, 40, 1, 2, "PING", MessageCategory::kPing, true}, lanes) ==
        "PING S1 -> #2 sent 0.000025s arrives 0.000040s");
}

TEST_CASE("Space-time arrows: dropped messages end where they were dropped, with why") {
  zk::sim::DropLog drops;  // in the order they were recorded
  drops.push_back({10, 10, 1, 2, "NOTIFICATION", zk::sim::DropReason::kDropNext});
  drops.push_back({12, 16, 2, 3, "PROPOSAL", zk::sim::DropReason::kReceiverDown});
  drops.push_back({40, 45, 3, 1, "ACK", zk::sim::DropReason::kLoss});  // after the window
  SpaceTimeWindow window;
  zk::ui::collect_arrows(MessageLog{}, {}, 5, 20, 100, &window);
  zk::ui::add_dropped_arrows(drops, 5, 20, 100, &window);
  CHECK(window.crossing == 2);
  CHECK(window.dropped == 2);
  CHECK(window.arrows == std::vector<SpaceTimeArrow>{
                             {10, 10, 1, 2, drops[0].kind, MessageCategory::kNotification, false,
                              zk::sim::DropReason::kDropNext},
                             {12, 16, 2, 3, drops[1].kind, MessageCategory::kProposal, false,
                              zk::sim::DropReason::kReceiverDown},
                         });
  const std::vector<SpaceTimeLane> lanes = {{1, "S1"}, {2, "S2"}, {3, "S3"}};
  CHECK(zk::ui::describe_arrow(window.arrows[1], lanes) ==
        "PROPOSAL S2 -> S3 sent 0.000012s dropped 0.000016s: receiver down");
  zk::ui::collect_arrows(MessageLog{}, {}, 5, 20, 100, &window);
  zk::ui::add_dropped_arrows(drops, 5, 20, 1, &window);  // thinned like the others
  CHECK(window.dropped == 1);
  CHECK(window.crossing == 2);
  REQUIRE(window.arrows.size() == 1);
  CHECK(window.arrows[0].sent_us == 10);
}

TEST_CASE("Space-time lanes and the recorded run's message log") {
  zk::sim::RecordedRun run;
  run.new_cluster(3, 1);
  run.start_in_order({1, 2, 3}, 0);
  run.run_for(2'000'000);
  REQUIRE(run.apply(zk::sim::Command{zk::sim::ClientConnect{.client = "c", .server = zk::sim::ServerRef{.id = 1}}}) == "");
  run.run_for(1'000'000);
  const zk::sim::World& world = *run.world();
  CHECK(zk::ui::space_time_lanes(world, 6) ==
        std::vector<SpaceTimeLane>{{1, "S1"}, {2, "S2"}, {3, "S3"}, {zk::sim::kFirstClientEndpoint, "c"}});
  CHECK(zk::ui::space_time_lanes(world, 0).size() == 3);
  const MessageLog& log = world.messages();
  REQUIRE(log.size() > 10);
  bool sorted = true;
  bool client_seen = false;
  for (size_t i = 1; i < log.size(); ++i) sorted = sorted && log[i - 1].delivered_us <= log[i].delivered_us;
  for (const MessageRecord& record : log) client_seen = client_seen || record.from == zk::sim::kFirstClientEndpoint;
  CHECK(sorted);
  CHECK(client_seen);
  // Back in time the log is the prefix delivered by then.
  const std::vector<MessageRecord> all(log.begin(), log.end());
  run.jump_to(1'000'000);
  const MessageLog& earlier = run.world()->messages();
  REQUIRE(earlier.size() < all.size());
  for (size_t i = 0; i < earlier.size(); ++i) CHECK(earlier[i] == all[i]);
  CHECK(earlier.back().delivered_us <= 1'000'000);
  CHECK(all[earlier.size()].delivered_us > 1'000'000);
}
