// `zksim bench memory [writes|time] [--writes N] [--days D] [--max-mb M]`: the resident
// memory of a 3-server World with the invariant checker on, as a headless run holds it
// (a benchmark that prints figures, not a test). The writes part has 10 clients each
// setting its own znode again and again (the live state stays the same size, so what grows
// is history: trace, logs, client operations, checker tables) and prints VmRSS and VmHWM
// at 10k, 20k, 50k, ... committed writes up to N, with the bytes each write added. The
// time part has one client setting one znode once a virtual second for D virtual days and
// prints VmRSS every 6 virtual hours, with the megabytes each virtual day added. Both stop
// early, saying so, once VmRSS passes M megabytes (the machine is shared). Issue 20's
// targets: 10M writes under 200 MB peak, 10 virtual days under 100 MB.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "app/bench.h"
#include "app/cli_numbers.h"
#include "app/commands.h"
#include "sim/text/text_words.h"
#include "sim/world/world.h"

namespace zk::app {
namespace {

constexpr int64_t kSecondUs = 1'000'000;
constexpr int kClients = 10;
constexpr int kOutstanding = 100;  // async setData each client has in flight per round

double megabytes(int64_t bytes) { return static_cast<double>(bytes) / 1e6; }

struct Limits {
  int64_t writes = 1'000'000;
  int days = 1;
  int64_t max_bytes = 2'000'000'000;
};

// Runs until every client's newest operation is done (each client's ops complete in order).
void run_until_replied(sim::World& world) {
  world.run_until(
      [](const sim::World& w) {
        for (const sim::ClientSlot& slot : w.clients()) {
          const auto& ops = slot.client.ops();
          if (!ops.empty() && !ops.back().done) return false;
        }
        return true;
      },
      60 * kSecondUs);
}

void create_znodes(sim::World& world, int count) {
  int32_t cxid = 0;
  for (int c = 0; c < count; ++c) {
    world.client_submit(fmt::format("c{}", c), CreateRequest{fmt::format("/m{}", c), "", CreateMode::kPersistent, -1},
                        &cxid);
  }
  run_until_replied(world);
}

int64_t committed_zxid(const sim::World& world) {
  const auto leader = world.leader();
  return leader ? static_cast<int64_t>(world.peer(*leader)->last_processed_zxid()) : 0;
}

void bench_memory_writes(const Limits& limits) {
  sim::World world = bench_serving_world(3, 7);
  world.set_trace_window(sim::World::kHeadlessTraceWindow);  // as zksim run and fuzz keep them
  world.set_history_window(sim::World::kHeadlessHistoryFoldOps);
  bench_connect_clients(world, kClients);
  create_znodes(world, kClients);
  const int64_t rss_start = proc_status_bytes("VmRSS");
  const int64_t zxid_start = committed_zxid(world);
  fmt::print("memory vs committed writes (3 servers, {} clients setting their own znode; VmRSS {:.1f} MB at the start)\n",
             kClients, megabytes(rss_start));
  fmt::print("{:>10} {:>10} {:>10} {:>14} {:>16}\n", "writes", "VmRSS MB", "VmHWM MB", "bytes/write", "virtual seconds");
  std::vector<int64_t> marks;
  for (int64_t decade = 10'000; decade <= limits.writes; decade *= 10) {
    for (int64_t step : {1, 2, 5}) {
      if (decade * step <= limits.writes) marks.push_back(decade * step);
    }
  }
  if (marks.empty() || marks.back() != limits.writes) marks.push_back(limits.writes);
  const std::string data = "0123456789abcdef";
  size_t next_mark = 0;
  int32_t cxid = 0;
  while (next_mark < marks.size()) {
    for (int c = 0; c < kClients; ++c) {
      for (int i = 0; i < kOutstanding; ++i) {
        world.client_submit(fmt::format("c{}", c), SetDataRequest{fmt::format("/m{}", c), data, -1}, &cxid);
      }
    }
    run_until_replied(world);
    const int64_t writes = committed_zxid(world) - zxid_start;
    if (writes < marks[next_mark]) continue;
    const int64_t rss = proc_status_bytes("VmRSS");
    fmt::print("{:>10} {:>10.1f} {:>10.1f} {:>14.0f} {:>16.1f}\n", writes, megabytes(rss),
               megabytes(proc_status_bytes("VmHWM")),
               static_cast<double>(rss - rss_start) / static_cast<double>(writes),
               static_cast<double>(world.now_us()) / kSecondUs);
    while (next_mark < marks.size() && marks[next_mark] <= writes) ++next_mark;
    if (rss > limits.max_bytes) {
      fmt::print("stopped at {} writes: VmRSS passed --max-mb {}\n", writes, limits.max_bytes / 1'000'000);
      return;
    }
  }
}

void bench_memory_time(const Limits& limits) {
  sim::World world = bench_serving_world(3, 7);
  world.set_trace_window(sim::World::kHeadlessTraceWindow);
  world.set_history_window(sim::World::kHeadlessHistoryFoldOps);
  bench_connect_clients(world, 1);
  create_znodes(world, 1);
  const int64_t rss_start = proc_status_bytes("VmRSS");
  const int64_t start_us = world.now_us();
  fmt::print("memory vs virtual time (3 servers, one setData a virtual second; VmRSS {:.1f} MB at the start)\n",
             megabytes(rss_start));
  fmt::print("{:>10} {:>10} {:>10} {:>10} {:>16}\n", "virtual h", "writes", "VmRSS MB", "VmHWM MB", "MB/virtual day");
  constexpr int64_t kHourUs = 3600 * kSecondUs;
  constexpr int64_t kReportEveryUs = 6 * kHourUs;
  const int64_t end_us = start_us + limits.days * 24 * kHourUs;
  const int64_t zxid_start = committed_zxid(world);
  int32_t cxid = 0;
  for (int64_t at_us = start_us + kSecondUs; at_us <= end_us; at_us += kSecondUs) {
    world.client_submit("c0", SetDataRequest{"/m0", "0123456789abcdef", -1}, &cxid);
    world.run_for(at_us - world.now_us());
    if ((at_us - start_us) % kReportEveryUs != 0) continue;
    const int64_t rss = proc_status_bytes("VmRSS");
    const double days = static_cast<double>(at_us - start_us) / static_cast<double>(24 * kHourUs);
    fmt::print("{:>10} {:>10} {:>10.1f} {:>10.1f} {:>16.2f}\n", (at_us - start_us) / kHourUs,
               committed_zxid(world) - zxid_start, megabytes(rss), megabytes(proc_status_bytes("VmHWM")),
               megabytes(rss - rss_start) / days);
    if (rss > limits.max_bytes) {
      fmt::print("stopped at {} virtual hours: VmRSS passed --max-mb {}\n", (at_us - start_us) / kHourUs,
                 limits.max_bytes / 1'000'000);
      return;
    }
  }
}

}  // namespace

int run_bench_memory(const Args& args) {
  constexpr const char* kUsage =
      "usage: zksim bench memory [writes|time] [--writes N] [--days D] [--max-mb M]\n"
      "  (no part: both; --writes: committed writes, 10000..100000000, default 1000000;\n"
      "   --days: virtual days of one write a second, 1..100, default 1; --max-mb: stop once\n"
      "   VmRSS passes it, 100..1000000, default 2000)";
  std::string only;
  Limits limits;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "writes" || arg == "time") {
      if (!only.empty()) return usage_error(fmt::format("bench memory: one part at a time ('{}' and '{}')\n{}", only, arg, kUsage));
      only = arg;
    } else if ((arg == "--writes" || arg == "--days" || arg == "--max-mb") && i + 1 >= args.size()) {
      return usage_error(fmt::format("bench memory: {} needs a value", arg));
    } else if (arg == "--writes" || arg == "--max-mb") {
      uint64_t value = 0;
      const uint64_t lo = arg == "--writes" ? 10'000 : 100;
      const uint64_t hi = arg == "--writes" ? 100'000'000 : 1'000'000;
      if (auto e = parse_number_option(arg, args[++i], lo, hi, value); !e.empty()) return usage_error("bench memory: " + e);
      if (arg == "--writes") limits.writes = static_cast<int64_t>(value);
      else limits.max_bytes = static_cast<int64_t>(value) * 1'000'000;
    } else if (arg == "--days") {
      if (auto e = parse_number_option(arg, args[++i], 1, 100, limits.days); !e.empty()) return usage_error("bench memory: " + e);
    } else {
      return usage_error(fmt::format("bench memory: unknown argument '{}'\n{}", sim::word_for_message(arg), kUsage));
    }
  }
  if (only.empty() || only == "writes") bench_memory_writes(limits);
  if (only.empty() || only == "time") bench_memory_time(limits);
  return 0;
}

}  // namespace zk::app
