// `zksim fuzz merge FILE|DIR...`: reads the JSON lines of the shards of one campaign
// (`zksim fuzz --shard I/N`, sim/fuzz/fuzz_merge.h) and prints what the single-machine run
// over the whole range prints: the failing seeds in seed order, the stuck seeds, the summary
// line (wall time: the longest shard; jobs: the shards' jobs summed) and the first failure's
// scenario and shrunk reproducer as its shard wrote them. A directory stands for its *.jsonl
// files. Shards missing, twice, of another campaign or with lines that disagree with their
// summary: one line, exit status 2. Exit status 0 no seed failed, 1 a seed failed.
#include <fmt/format.h>

#include "app/commands.h"
#include "app/fuzz_report.h"
#include "sim/fuzz/fuzz_merge.h"

namespace zk::app {

int cmd_fuzz_merge(const Args& args) {
  if (args.empty()) return usage_error("fuzz merge needs the shards' JSON lines: FILE or DIR arguments");
  for (const std::string& a : args) {
    if (!a.empty() && a[0] == '-') return usage_error(fmt::format("unknown option '{}' for 'zksim fuzz merge'", a));
  }
  sim::FuzzMergedCampaign merged;
  if (auto e = sim::merge_fuzz_shards(args, merged); !e.empty()) return usage_error("fuzz merge: " + e);
  const sim::FuzzJsonlShardSummary& o = merged.options;
  const sim::FuzzCampaignResult& result = merged.result;
  const uint64_t total = o.last_seed - o.first_seed + 1;
  fmt::print("merged {} shards of seeds {}..{} from {} file(s)\n", merged.shard_count, o.first_seed, o.last_seed,
             merged.file_count);
  print_fuzz_failures(result);
  if (merged.stopped) {
    fmt::print("stopped by --max-seconds: the shards ran {} of {} seeds; the first {} form the prefix summarised "
               "here ({} more ran beyond it, {} of them failed)\n",
               merged.seeds_run_total, total, result.seeds_run, merged.seeds_run_total - result.seeds_run,
               merged.failed_beyond_prefix);
  }
  print_fuzz_stuck(result);
  const uint64_t run = result.seeds_run;
  const uint64_t last_run = run == 0 ? o.first_seed : o.first_seed + run - 1;
  print_fuzz_summary(result, FuzzSummaryFigures{.range_text = fmt::format("{}..{}", o.first_seed, last_run),
                                                .elapsed_s = merged.elapsed_s_max,
                                                .jobs = merged.jobs_total,
                                                .servers = o.servers,
                                                .clients = o.clients,
                                                .duration_us = o.duration_us,
                                                .bug = o.bug,
                                                .bugs = o.bugs});
  if (result.failures.empty()) return 0;
  fmt::print("full scenario: {}\n", merged.failure_reproducers.front());
  if (const auto& r = merged.reproducer) {
    print_fuzz_reproducer(r->seed, r->original_steps, r->steps, r->runs, r->check, r->path, o.bug);
  }
  return 1;
}

}  // namespace zk::app
