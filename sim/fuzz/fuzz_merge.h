// Merging shard outputs (`zksim fuzz merge FILE|DIR...`): reads the JSON lines of the N
// shards of one campaign (sim/fuzz/fuzz_jsonl.h) and rebuilds the result the single-machine
// run over the whole range would have had: the same failing seeds (the lowest
// kFuzzFailuresKeptMax listed, the rest counted), the same stuck seeds, the same counts.
// It refuses shard sets that are not one campaign: a shard missing (no summary line: it never
// finished), a shard twice, shards of another range, shard count or options, a failure that
// is not in its shard's seeds, or a summary whose counts disagree with its lines. A shard
// stopped by --max-seconds ran a prefix of its seeds; the merge then covers the longest
// prefix of the range that every shard ran (as a single run stopped early does) and counts
// what ran beyond it apart. Memory: the kept failures, and O(1) per shard; files are read
// twice (summaries first, then the lines within the merged prefix).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/fuzz/fuzz_jsonl.h"
#include "sim/fuzz/fuzz_run.h"

namespace zk::sim {

struct FuzzMergedCampaign {
  uint64_t shard_count = 0;
  uint64_t file_count = 0;
  FuzzJsonlShardSummary options;  // the campaign's range and options (shard fields unused)
  FuzzCampaignResult result;      // over the merged prefix first_seed .. first_seed + seeds_run - 1
  std::vector<std::string> failure_reproducers;  // result.failures[i]'s generated scenario
  bool stopped = false;           // a shard stopped by --max-seconds before its last seed
  uint64_t seeds_run_total = 0;   // every seed any shard ran, in the prefix or beyond it
  uint64_t failed_beyond_prefix = 0;
  int jobs_total = 0;             // the shards' jobs summed
  double elapsed_s_max = 0;       // the longest shard (the campaign's wall time when run at once)
  std::optional<FuzzJsonlReproducer> reproducer;  // of the lowest failing seed, if its shard shrank it
};

// Reads `paths` (files; a directory stands for its *.jsonl files in name order). Returns an
// error message naming the file and line or the shards at fault, or empty.
std::string merge_fuzz_shards(const std::vector<std::string>& paths, FuzzMergedCampaign& out);

}  // namespace zk::sim
