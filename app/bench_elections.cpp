// `zksim bench elections [--servers N,N,...] [--runs K]`: how a cold-start election's cost
// grows with the ensemble (a benchmark that prints figures, not a test). For each size, K
// fresh worlds (seeds 1..K) start every server at virtual time 0 and run until a leader
// serves; printed per size: the mean events (messages delivered, timers), notifications'
// proposal changes (kVoteChanged: each one is re-sent to every voter), CPU milliseconds per
// election, and, against the size before it, the growth of each and its exponent
// log(growth) / log(size ratio), so the complexity can be read off directly.
#include <fmt/format.h>

#include <cmath>
#include <ctime>
#include <string>
#include <vector>

#include "app/bench.h"
#include "app/cli_numbers.h"
#include "app/commands.h"
#include "sim/text/text_words.h"
#include "sim/world/world.h"

namespace zk::app {
namespace {

struct SizeFigures {
  int servers = 0;
  double events = 0;        // per election
  double vote_changes = 0;  // per election, all servers
  double cpu_ms = 0;        // per election
};

SizeFigures measure(int servers, int runs) {
  SizeFigures f;
  f.servers = servers;
  const std::clock_t start = std::clock();
  for (int run = 1; run <= runs; ++run) {
    sim::World world = bench_serving_world(servers, static_cast<uint64_t>(run));
    if (!world.leader_serving()) {
      fmt::print(stderr, "zksim: bench elections: {} servers, seed {}: no serving leader within 60 s\n", servers, run);
    }
    f.events += static_cast<double>(world.events_processed());
    for (const TraceEvent& e : world.trace()) f.vote_changes += e.kind == TraceKind::kVoteChanged ? 1 : 0;
  }
  f.cpu_ms = 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC / runs;
  f.events /= runs;
  f.vote_changes /= runs;
  return f;
}

// "x5.2 (n^2.4)": the growth from `before` to `after` and its exponent in the size ratio.
std::string growth(double before, double after, double size_ratio) {
  if (before <= 0 || after <= 0) return "-";
  const double ratio = after / before;
  return fmt::format("x{:.1f} (n^{:.1f})", ratio, std::log(ratio) / std::log(size_ratio));
}

}  // namespace

int run_bench_elections(const Args& args) {
  constexpr const char* kUsage = "usage: zksim bench elections [--servers N,N,...] [--runs K]  (sizes 1..255, K 1..1000)";
  std::vector<int> sizes = {3, 7, 15, 31, 63, 127, 255};
  int runs = 3;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if ((arg != "--servers" && arg != "--runs") || i + 1 >= args.size()) {
      return usage_error(fmt::format("bench elections: bad argument '{}'\n{}", sim::word_for_message(arg), kUsage));
    }
    const std::string& value = args[++i];
    if (arg == "--runs") {
      if (auto e = parse_number_option(arg, value, 1, 1000, runs); !e.empty()) return usage_error("bench elections: " + e);
      continue;
    }
    sizes.clear();
    size_t from = 0;
    while (from <= value.size()) {
      const size_t comma = std::min(value.find(',', from), value.size());
      int n = 0;
      if (auto e = parse_number_option(arg, value.substr(from, comma - from), 1, 255, n); !e.empty()) {
        return usage_error("bench elections: " + e);
      }
      sizes.push_back(n);
      from = comma + 1;
    }
  }
  fmt::print("{:>7} {:>12} {:>13} {:>10}   {:>16} {:>16} {:>16}\n", "servers", "events", "vote changes", "CPU ms",
             "events growth", "changes growth", "CPU growth");
  SizeFigures before;
  for (int n : sizes) {
    const SizeFigures f = measure(n, runs);
    const double size_ratio = before.servers > 0 ? static_cast<double>(n) / before.servers : 0;
    const bool grows = before.servers > 0 && n > before.servers;
    fmt::print("{:>7} {:>12.0f} {:>13.0f} {:>10.2f}   {:>16} {:>16} {:>16}\n", n, f.events, f.vote_changes, f.cpu_ms,
               grows ? growth(before.events, f.events, size_ratio) : "",
               grows ? growth(before.vote_changes, f.vote_changes, size_ratio) : "",
               grows ? growth(before.cpu_ms, f.cpu_ms, size_ratio) : "");
    std::fflush(stdout);
    before = f;
  }
  return 0;
}

}  // namespace zk::app
