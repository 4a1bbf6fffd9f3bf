// `zksim bench cluster`: wall-clock throughput of the simulator (a benchmark that prints
// figures, not a test): simulated events per second, cold-start 5-server elections per
// second, committed writes per second through full ZAB on 3 and 5 servers, and the ratio
// of simulated time to wall time for an idle 5-server cluster with 10 clients pinging.
// Wall time is read here in app/, never inside core/ or sim/.
#include <fmt/format.h>

#include <chrono>
#include <string>
#include <vector>

#include "app/commands.h"
#include "sim/world.h"

namespace zk::app {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

sim::World serving_world(int servers, uint64_t seed) {
  sim::WorldConfig config;
  config.server_count = servers;
  config.seed = seed;
  sim::World world(config);
  for (int id = 1; id <= servers; ++id) world.start(id);
  world.run_until([](const sim::World& w) { return w.leader_serving(); }, 60'000'000);
  return world;
}

void connect_clients(sim::World& world, int count) {
  for (int i = 0; i < count; ++i) {
    world.client_connect(fmt::format("c{}", i), static_cast<ServerId>(i % world.server_count() + 1), 6000);
  }
  world.run_until(
      [count](const sim::World& w) {
        for (int i = 0; i < count; ++i) {
          if (w.client(fmt::format("c{}", i))->state() != sim::ClientState::kConnected) return false;
        }
        return true;
      },
      30'000'000);
}

void bench_elections() {
  const auto start = Clock::now();
  int elections = 0;
  int64_t events = 0;
  while (seconds_since(start) < 2.0) {
    sim::World world = serving_world(5, static_cast<uint64_t>(elections) + 1);
    events += world.events_processed();
    ++elections;
  }
  const double wall_s = seconds_since(start);
  fmt::print("cold-start 5-server elections: {:.0f} per wall second ({} elections, {:.0f} events/s)\n",
             elections / wall_s, elections, static_cast<double>(events) / wall_s);
}

void bench_writes(int servers) {
  sim::World world = serving_world(servers, 7);
  constexpr int kClients = 10;
  constexpr int kOpsPerClient = 2000;
  connect_clients(world, kClients);
  std::vector<std::string> names;
  for (int c = 0; c < kClients; ++c) names.push_back(fmt::format("c{}", c));
  const int64_t events_before = world.events_processed();
  const auto start = Clock::now();
  int32_t last_cxid = 0;
  for (int round = 0; round < kOpsPerClient; round += 100) {
    for (int c = 0; c < kClients; ++c) {
      for (int i = 0; i < 100; ++i) {
        world.client_submit(names[static_cast<size_t>(c)], CreateRequest{fmt::format("/c{}-{}", c, round + i), "0123456789abcdef",
                                                                 CreateMode::kPersistent, -1},
                            &last_cxid);
      }
    }
    // Each client's ops complete in FIFO order: its last one done means all done. The
    // check runs after every event, so it resumes at the first client still busy.
    size_t first_busy = 0;
    world.run_until(
        [&](const sim::World& w) {
          for (; first_busy < w.clients().size(); ++first_busy) {
            const auto* op = w.clients()[first_busy].client.op(last_cxid);
            if (!op || !op->done) return false;
          }
          return true;
        },
        60'000'000);
  }
  const double wall_s = seconds_since(start);
  const int64_t committed = static_cast<int64_t>(world.peer(*world.leader())->tree().node_count()) - 4;
  fmt::print("committed writes through ZAB, {} servers: {:.0f} per wall second ({} writes, {:.0f} events/s)\n",
             servers, committed / wall_s, committed, (world.events_processed() - events_before) / wall_s);
}

void bench_idle() {
  sim::World world = serving_world(5, 11);
  connect_clients(world, 10);
  const int64_t sim_us = 600'000'000;
  const int64_t events_before = world.events_processed();
  const auto start = Clock::now();
  world.run_for(sim_us);
  const double wall_s = seconds_since(start);
  fmt::print("idle 5 servers + 10 clients: {:.0f}x real time ({} s simulated in {:.3f} s, {:.0f} events/s)\n",
             static_cast<double>(sim_us) / 1e6 / wall_s, sim_us / 1'000'000, wall_s,
             (world.events_processed() - events_before) / wall_s);
}

}  // namespace

int run_bench_cluster(const Args& args) {
  if (!args.empty()) return usage_error(fmt::format("bench cluster takes no arguments, got '{}'", args.front()));
  bench_elections();
  bench_writes(3);
  bench_writes(5);
  bench_idle();
  return 0;
}

}  // namespace zk::app
