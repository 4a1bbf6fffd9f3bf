// `zksim bench WHAT`: dispatches to the benchmarks (each prints figures and exits 0).
#include <fmt/format.h>

#include "app/bench.h"
#include "app/commands.h"

namespace zk::app {

int cmd_bench(const Args& args) {
  if (args.empty()) return usage_error("bench needs what to measure: 'cluster', 'tree', 'timetravel', 'checker', 'disk', 'live', 'clients', 'memory' or 'elections'");
  const Args rest(args.begin() + 1, args.end());
  if (args.front() == "cluster") return run_bench_cluster(rest);
  if (args.front() == "tree") return run_bench_tree(rest);
  if (args.front() == "timetravel") return run_bench_timetravel(rest);
  if (args.front() == "checker") return run_bench_checker(rest);
  if (args.front() == "disk") return run_bench_disk(rest);
  if (args.front() == "live") return run_bench_live(rest);
  if (args.front() == "clients") return run_bench_clients(rest);
  if (args.front() == "memory") return run_bench_memory(rest);
  if (args.front() == "elections") return run_bench_elections(rest);
  return usage_error(
      fmt::format("unknown benchmark '{}' (use 'cluster', 'tree', 'timetravel', 'checker', 'disk', 'live', 'clients', 'memory' or 'elections')", args.front()));
}

}  // namespace zk::app
