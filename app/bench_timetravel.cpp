// `zksim bench timetravel`: how long the GUI's time travel takes (a benchmark that prints
// figures, not a test). It records a 10-minute GUI session on 5 servers (staggered starts,
// a client writing ten times a second, the leader killed and restarted, a partition and its
// heal), then jumps the playhead to 40 moments spread over the run in a scrambled order
// (back and forth) and prints the mean and worst wall time of one jump, plus the time to
// record the session and the number of checkpoints kept. Wall time is read here in app/.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "app/commands.h"

#ifdef ZKSIM_HAVE_GUI
#include "sim/replay/recorded_run.h"
#endif

namespace zk::app {

#ifdef ZKSIM_HAVE_GUI
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

sim::ServerRef server(int id) { return sim::ServerRef{.is_leader = false, .id = id}; }

// The recorded session: 600 s of virtual time.
void record_session(sim::RecordedRun& simulation) {
  simulation.new_cluster(5, 1);
  simulation.start_in_order({1, 2, 3, 4, 5}, 1'000'000);
  simulation.run_for(10'000'000);
  simulation.apply(sim::ClientConnect{.client = "app", .server = server(1), .timeout_us = 6'000'000});
  simulation.run_for(1'000'000);
  simulation.apply(sim::ClientCreate{.client = "app", .path = "/b", .data = "0"});
  for (int tenth = 120; tenth < 6000; ++tenth) {
    simulation.run_for(100'000);
    simulation.apply(sim::ClientSet{.client = "app", .path = "/b", .data = fmt::format("{}", tenth)});
    if (tenth % 10 != 0) continue;
    const int second = tenth / 10;
    if (second == 120) simulation.kill_leader();
    if (second == 180) simulation.apply(sim::Restart{.server = server(5)});
    if (second == 300) {
      simulation.apply(sim::Partition{.groups = {{{.server = server(1)}, {.server = server(2)}},
                                                 {{.server = server(3)}, {.server = server(4)}, {.server = server(5)}}}});
    }
    if (second == 360) simulation.heal();
  }
  simulation.run_for(600'000'000 - simulation.world()->now_us());
}

}  // namespace

int run_bench_timetravel(const Args& args) {
  if (!args.empty()) return usage_error("bench timetravel takes no options");
  sim::RecordedRun simulation;
  const auto record_start = Clock::now();
  record_session(simulation);
  const double record_ms = ms_since(record_start);
  fmt::print("recorded a 600 s session on 5 servers: {} events, {} trace events, {} recorded actions, {:.0f} ms\n",
             simulation.world()->events_processed(), simulation.world()->trace().size(),
             simulation.recorded().size(), record_ms);
  fmt::print("checkpoints kept: {} (at most {})\n", simulation.checkpoint_count(), sim::RecordedRun::kMaxCheckpoints);
  // 40 targets, 15 s apart, visited in a scrambled order (i * 17 mod 40).
  constexpr int kJumps = 40;
  double total_ms = 0;
  double worst_ms = 0;
  int64_t worst_target_us = 0;
  for (int i = 0; i < kJumps; ++i) {
    const int64_t target_us = static_cast<int64_t>((i * 17) % kJumps) * 15'000'000 + 7'300'000;
    const auto start = Clock::now();
    simulation.jump_to(target_us);
    const double ms = ms_since(start);
    if (simulation.world()->now_us() != target_us) {
      fmt::print(stderr, "zksim: jump to {} us landed at {} us\n", target_us, simulation.world()->now_us());
      return 1;
    }
    total_ms += ms;
    if (ms > worst_ms) {
      worst_ms = ms;
      worst_target_us = target_us;
    }
  }
  const auto end_start = Clock::now();
  simulation.jump_to(600'000'000);
  const double to_end_ms = ms_since(end_start);
  fmt::print("{} jumps back and forth: mean {:.2f} ms, worst {:.2f} ms (to {:.1f} s); jump to the end {:.2f} ms\n",
             kJumps, total_ms / kJumps, worst_ms, static_cast<double>(worst_target_us) / 1e6, to_end_ms);
  return 0;
}
#else
int run_bench_timetravel(const Args&) { return usage_error("bench timetravel needs the GUI build (ZKSIM_GUI=ON)"); }
#endif

}  // namespace zk::app
