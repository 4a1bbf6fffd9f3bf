// The timers a server has armed: the notification backoff of a lone LOOKING server, then
// after an election the followers' syncLimit wait and the leader's tick.
#include <doctest/doctest.h>

#include <algorithm>

#include "sim/replay/recorded_run.h"
#include "ui/server_timers.h"

using zk::TimerKind;
using zk::ui::ServerTimer;

TEST_CASE("Server timers: backoff while alone, syncLimit and tick once led") {
  zk::sim::RecordedRun run;
  run.new_cluster(3, 1);
  run.start_in_order({1}, 0);
  run.run_for(100'000);
  const zk::sim::World& alone = *run.world();
  CHECK(zk::ui::server_timers(alone, 2).empty());  // not started
  const std::vector<ServerTimer> looking = zk::ui::server_timers(alone, 1);
  REQUIRE(looking.size() == 1);
  CHECK(looking[0].kind == TimerKind::kElectionPoll);
  CHECK(looking[0].total_us == 0);  // the backoff doubles: only what is left is known
  CHECK(looking[0].left_us > 0);
  CHECK(looking[0].left_us <= 100'000);  // the first resend comes 200 ms after the start

  run.start_in_order({2, 3}, 0);
  run.run_for(3'000'000);
  const zk::sim::World& led = *run.world();
  REQUIRE(led.leader().has_value());
  for (zk::ServerId id = 1; id <= 3; ++id) {
    const std::vector<ServerTimer> timers = zk::ui::server_timers(led, id);
    const auto has = [&](TimerKind kind) {
      return std::any_of(timers.begin(), timers.end(), [&](const ServerTimer& t) { return t.kind == kind; });
    };
    if (id == *led.leader()) {
      CHECK(has(TimerKind::kLeaderTick));
      for (const ServerTimer& t : timers) {
        if (t.kind == TimerKind::kLeaderTick) CHECK(t.total_us == 1'000'000);  // half a 2 s tick
      }
    } else {
      REQUIRE(has(TimerKind::kFollowerTimeout));
      for (const ServerTimer& t : timers) {
        if (t.kind != TimerKind::kFollowerTimeout) continue;
        CHECK(t.total_us == 10'000'000);  // syncLimit 5 x 2 s
        CHECK(t.left_us <= t.total_us);
        CHECK(t.left_us > 0);
      }
    }
  }
}
