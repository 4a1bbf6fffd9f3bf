// `zksim bench checker`: the cost of checking (a benchmark that prints figures, not a
// test). (1) Simulated events per wall second of fuzz seeds (5 servers, 10 clients, default
// faults) with the invariant checker on and off; (2) the consistency checker's time on a
// history of 10,000 operations from 20 clients, recorded on a 5-server cluster. Wall time
// is read here in app/, never inside core/ or sim/.
#include <fmt/format.h>

#include <chrono>
#include <string>

#include "app/bench.h"
#include "app/commands.h"
#include "sim/fuzz/fuzz_generate.h"
#include "sim/check/linearizability.h"
#include "sim/scenario/scenario_runner.h"

namespace zk::app {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Runs fuzz seeds first..first+count-1 with the checker on or off; returns events/s.
double fuzz_events_per_second(bool checking, uint64_t first, int count, int64_t* events_out) {
  sim::FuzzOptions options;
  int64_t events = 0;
  double seconds = 0;
  for (uint64_t seed = first; seed < first + static_cast<uint64_t>(count); ++seed) {
    const sim::Scenario scenario = sim::generate_fuzz_scenario(seed, options);
    sim::RunOptions run;
    run.echo_steps = false;
    run.keep_trace = false;
    run.check_consistency = false;
    run.invariant_checking = checking;
    const auto start = Clock::now();
    const sim::RunReport report = sim::run_scenario(scenario, std::nullopt, run);
    seconds += seconds_since(start);
    events += report.events;
  }
  *events_out = events;
  return static_cast<double>(events) / seconds;
}

// 20 clients, 10,000 operations on 10 znodes (set, get, sync + get), overlapping.
sim::Scenario history_scenario(int clients, int ops) {
  sim::Scenario s;
  s.file_name = "bench-history.zks";
  s.setup = sim::Cluster{.server_count = 5, .seed = 42};
  auto add = [&](sim::Command c) { s.steps.push_back(sim::Step{static_cast<int>(s.steps.size()) + 2, std::move(c)}); };
  std::vector<sim::ServerRef> all;
  for (int id = 1; id <= 5; ++id) all.push_back(sim::ServerRef{false, id});
  add(sim::Start{.servers = all});
  add(sim::RunUntilLeader{});
  add(sim::ClientConnect{.client = "init", .server = {false, 1}});
  for (int k = 0; k < 10; ++k) add(sim::ClientCreate{.client = "init", .path = fmt::format("/k{}", k), .data = "0"});
  for (int c = 0; c < clients; ++c) add(sim::ClientConnect{.client = fmt::format("c{}", c), .server = {false, c % 5 + 1}});
  add(sim::SetClients{.async = true});
  uint64_t x = 12345;
  for (int i = 0; i < ops; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const std::string client = fmt::format("c{}", (x >> 33) % static_cast<uint64_t>(clients));
    const std::string path = fmt::format("/k{}", (x >> 40) % 10);
    const uint64_t kind = (x >> 50) % 10;
    if (kind < 4) {
      add(sim::ClientSet{.client = client, .path = path, .data = fmt::format("v{}", i)});
    } else if (kind < 8) {
      add(sim::ClientGet{.client = client, .path = path});
    } else {
      add(sim::ClientSync{.client = client, .path = path});
      add(sim::ClientGet{.client = client, .path = path});
      ++i;
    }
    if (i % 20 == 19) add(sim::Run{.duration_us = 3'000});
  }
  add(sim::Run{.duration_us = 5'000'000});
  return s;
}

}  // namespace

int run_bench_checker(const std::vector<std::string>& args) {
  if (!args.empty()) return usage_error(fmt::format("unknown option '{}' for 'zksim bench checker'", args.front()));
  constexpr int kSeeds = 10;
  int64_t events_on = 0, events_off = 0;
  const double off = fuzz_events_per_second(false, 1, kSeeds, &events_off);
  const double on = fuzz_events_per_second(true, 1, kSeeds, &events_on);
  fmt::print("fuzz seeds 1..{} (5 servers, 10 clients, 60 s simulated, default faults): {} events\n", kSeeds, events_on);
  fmt::print("  invariant checker off: {:>12.0f} events/s\n", off);
  fmt::print("  invariant checker on:  {:>12.0f} events/s  ({:.1f}% slower)\n", on, 100.0 * (off - on) / off);

  sim::RunOptions run;
  run.echo_steps = false;
  run.keep_trace = false;
  run.check_consistency = false;
  run.keep_history = true;
  const sim::RunReport report = sim::run_scenario(history_scenario(20, 10'000), std::nullopt, run);
  size_t client_ops = 0;
  for (const auto& op : report.history) client_ops += op.client != "init" ? 1 : 0;
  const auto start = Clock::now();
  const sim::ConsistencyReport consistency = sim::check_consistency(report.history);
  const double seconds = seconds_since(start);
  fmt::print("consistency checker: {} operations from 20 clients on 10 znodes: {:.1f} ms ({} znodes searched, {} "
             "search steps, {}{})\n",
             client_ops, seconds * 1000, consistency.partitions, consistency.search_steps,
             consistency.ok ? "linearizable" : "VIOLATION: " + consistency.detail,
             consistency.gave_up ? fmt::format(", {} searches gave up", consistency.gave_up) : "");
  return consistency.ok ? 0 : 1;
}

}  // namespace zk::app
