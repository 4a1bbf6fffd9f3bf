// `zksim bench cluster [elections|writes|idle] [--ops N] [--servers N]`: throughput of the
// simulator (a benchmark that prints figures, not a test): cold-start 5-server elections
// per second, committed writes per second through full ZAB on 3 and 5 servers, the ratio
// of simulated time to wall time for an idle 5-server cluster with 10 clients pinging, and
// simulated events per second in each. One part can be run alone (for profiling).
// Every rate is given per wall second (the target) and per CPU second of this process
// (steadier on a shared machine). Wall and CPU time are read here in app/, never inside
// core/ or sim/. README "The simulated cluster" says exactly what each figure measures.
#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <ctime>
#include <iterator>
#include <string>
#include <vector>

#include "app/bench.h"
#include "app/cli_numbers.h"
#include "app/commands.h"
#include "sim/text/text_words.h"
#include "sim/world/world.h"

namespace zk::app {

sim::World bench_serving_world(int servers, uint64_t seed) {
  sim::WorldConfig config;
  config.server_count = servers;
  config.seed = seed;
  sim::World world(config);
  for (int id = 1; id <= servers; ++id) world.start(id);
  world.run_until([](const sim::World& w) { return w.leader_serving(); }, 60'000'000);
  return world;
}

void bench_connect_clients(sim::World& world, int count) {
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

namespace {

using Clock = std::chrono::steady_clock;

// Wall and process CPU time since construction.
struct Stopwatch {
  Clock::time_point wall_start = Clock::now();
  std::clock_t cpu_start = std::clock();
  double wall_s() const { return std::chrono::duration<double>(Clock::now() - wall_start).count(); }
  double cpu_s() const { return static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC; }
};

double per_second(double count, double seconds) { return seconds > 0 ? count / seconds : 0.0; }

void bench_elections() {
  const Stopwatch watch;
  int elections = 0;
  int64_t events = 0;
  while (watch.wall_s() < 2.0) {
    sim::World world = bench_serving_world(5, static_cast<uint64_t>(elections) + 1);
    events += world.events_processed();
    ++elections;
  }
  const double wall_s = watch.wall_s();
  const double cpu_s = watch.cpu_s();
  fmt::print("cold-start 5-server elections: {:.0f} per wall second, {:.0f} per CPU second ({} elections, "
             "{:.0f} events/wall s)\n",
             per_second(elections, wall_s), per_second(elections, cpu_s), elections,
             per_second(static_cast<double>(events), wall_s));
}

void bench_writes(int servers, int ops_per_client) {
  sim::World world = bench_serving_world(servers, 7);
  constexpr int kClients = 10;
  constexpr int kOutstanding = 100;  // async creates each client has in flight per round
  bench_connect_clients(world, kClients);
  std::vector<std::string> names;
  std::vector<std::string> prefixes;
  for (int c = 0; c < kClients; ++c) {
    names.push_back(fmt::format("c{}", c));
    prefixes.push_back(fmt::format("/c{}-", c));
  }
  const int64_t events_before = world.events_processed();
  const int64_t nodes_before = static_cast<int64_t>(world.peer(*world.leader())->tree().node_count());
  const Stopwatch watch;
  int32_t last_cxid = 0;
  for (int round = 0; round < ops_per_client; round += kOutstanding) {
    for (int c = 0; c < kClients; ++c) {
      for (int i = 0; i < kOutstanding; ++i) {
        // "/c<client>-<n>", built without a format call: the driver's own cost stays small.
        std::string path = prefixes[static_cast<size_t>(c)];
        char digits[12];
        path.append(digits, std::to_chars(std::begin(digits), std::end(digits), round + i).ptr);
        world.client_submit(names[static_cast<size_t>(c)],
                            CreateRequest{std::move(path), "0123456789abcdef", CreateMode::kPersistent, -1}, &last_cxid);
      }
    }
    // Each client's ops complete in FIFO order: its last one (the highest cxid) done means
    // all done. The check runs after every event, so it is O(1): it resumes at the first
    // client still busy and looks only at that client's newest op.
    size_t first_busy = 0;
    world.run_until(
        [&](const sim::World& w) {
          for (; first_busy < w.clients().size(); ++first_busy) {
            const auto& ops = w.clients()[first_busy].client.ops();
            if (ops.empty() || ops.back().cxid != last_cxid || !ops.back().done) return false;
          }
          return true;
        },
        60'000'000);
  }
  const double wall_s = watch.wall_s();
  const double cpu_s = watch.cpu_s();
  const int64_t committed = static_cast<int64_t>(world.peer(*world.leader())->tree().node_count()) - nodes_before;
  const auto events = static_cast<double>(world.events_processed() - events_before);
  fmt::print("committed writes through ZAB, {} servers: {:.0f} per wall second, {:.0f} per CPU second ({} writes, "
             "{:.0f} events/wall s, {:.0f} events/CPU s, {:.2f} events/write)\n",
             servers, per_second(static_cast<double>(committed), wall_s),
             per_second(static_cast<double>(committed), cpu_s), committed, per_second(events, wall_s),
             per_second(events, cpu_s), committed ? events / static_cast<double>(committed) : 0.0);
}

void bench_idle() {
  sim::World world = bench_serving_world(5, 11);
  bench_connect_clients(world, 10);
  const int64_t sim_us = 36'000'000'000;  // ten virtual hours: long enough to time
  const int64_t events_before = world.events_processed();
  const Stopwatch watch;
  world.run_for(sim_us);
  const double wall_s = watch.wall_s();
  const double cpu_s = watch.cpu_s();
  const double sim_s = static_cast<double>(sim_us) / 1e6;
  fmt::print("idle 5 servers + 10 clients: {:.0f}x real time per wall second, {:.0f}x per CPU second ({} s simulated "
             "in {:.3f} s, {:.0f} events/wall s)\n",
             per_second(sim_s, wall_s), per_second(sim_s, cpu_s), sim_us / 1'000'000, wall_s,
             per_second(static_cast<double>(world.events_processed() - events_before), wall_s));
}

}  // namespace

int run_bench_cluster(const Args& args) {
  constexpr const char* kUsage =
      "usage: zksim bench cluster [elections|writes|idle] [--ops N] [--servers N]\n"
      "  (no part: all of them; --ops: creates per client in the writes part, a multiple of 100;\n"
      "   --servers: run the writes part on that many servers only, instead of 3 and 5)";
  std::string only;
  int ops_per_client = 10'000;
  int write_servers = 0;  // 0: 3 and then 5
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "elections" || arg == "writes" || arg == "idle") {
      if (!only.empty()) return usage_error(fmt::format("bench cluster: one part at a time ('{}' and '{}')\n{}", only, arg, kUsage));
      only = arg;
    } else if ((arg == "--ops" || arg == "--servers") && i + 1 >= args.size()) {
      return usage_error(fmt::format("bench cluster: {} needs a value", arg));
    } else if (arg == "--ops" || arg == "--servers") {
      const std::string& text = args[++i];
      if (arg == "--ops") {
        int value = 0;
        if (!parse_number_option(arg, text, 100, 100'000, value).empty() || value % 100 != 0) {
          return usage_error(fmt::format("bench cluster: --ops needs a multiple of 100 from 100 to 100000, saw '{}'",
                                         sim::word_for_message(text)));
        }
        ops_per_client = value;
      } else if (auto e = parse_number_option(arg, text, 1, 9, write_servers); !e.empty()) {
        return usage_error("bench cluster: " + e);
      }
    } else {
      return usage_error(fmt::format("bench cluster: unknown argument '{}'\n{}", arg, kUsage));
    }
  }
  if (only.empty() || only == "elections") bench_elections();
  if (only.empty() || only == "writes") {
    bench_writes(write_servers ? write_servers : 3, ops_per_client);
    if (write_servers == 0) bench_writes(5, ops_per_client);
  }
  if (only.empty() || only == "idle") bench_idle();
  return 0;
}

}  // namespace zk::app
