// What `zksim fuzz` prints about a campaign, shared by a run (whole range or one shard) and
// `zksim fuzz merge`, so that a merge of N shards prints exactly the lines a single run over
// the whole range prints: the failing seeds in seed order, the count of those not listed, the
// seeds stuck on ZooKeeper's accepted-epoch liveness limit, the summary line, and the lines
// naming the first failure's scenario and shrunk reproducer.
#pragma once

#include <cstdint>
#include <string>

#include "sim/fuzz/fuzz_run.h"

namespace zk::app {

// The summary line's figures beside the counts.
struct FuzzSummaryFigures {
  std::string range_text;  // "1..200", or "shard 1/3 of 1..200"
  double elapsed_s = 0;
  int jobs = 0;
  int servers = 0;
  int clients = 0;
  int64_t duration_us = 0;
  std::string bug;   // injected_bug_name
  std::string bugs;  // format_upstream_bugs, "" when none
};

// "seed S: FAILED kind: detail" lines and "(and N more failing seeds, ...)".
void print_fuzz_failures(const sim::FuzzCampaignResult& result);
// The stuck seeds line (nothing when there are none).
void print_fuzz_stuck(const sim::FuzzCampaignResult& result);
// "N seeds (RANGE), F failed, X seeds/s (...)".
void print_fuzz_summary(const sim::FuzzCampaignResult& result, const FuzzSummaryFigures& figures);
// The shrink result and the commands that replay and show the reproducer.
void print_fuzz_reproducer(uint64_t seed, uint64_t original_steps, uint64_t steps, uint64_t runs,
                           const std::string& check, const std::string& path, const std::string& bug);

}  // namespace zk::app
