// A fuzz campaign's streamed results as JSON lines (`zksim fuzz --jsonl FILE`, and every
// `--shard I/N` run): one line per failing seed as it is found (with the path of its
// generated scenario), one per seed that hit the accepted-epoch liveness limit, one summary
// line per shard when its seeds are done (range, shard, counts, options, elapsed), and one
// line for the shrunk reproducer of the shard's lowest failing seed. Lines are written and
// flushed one at a time, so a shard that is killed leaves whole lines; their order between
// failures depends on the workers, and readers sort by seed. `zksim fuzz merge` reads them
// back (sim/fuzz/fuzz_merge.h). Every line is one flat JSON object whose "type" names the
// record; values are strings and whole or decimal numbers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "sim/fuzz/fuzz_run.h"

namespace zk::sim {

struct FuzzJsonlFailure {
  FuzzShard shard;
  uint64_t seed = 0;
  std::string check;       // the failure's name (FuzzOutcome::kind)
  std::string detail;      // one line, as the run found it
  std::string reproducer;  // the generated scenario of the seed (DIR/seed-S-full.zks)
};

struct FuzzJsonlStuck {
  FuzzShard shard;
  uint64_t seed = 0;
};

// Everything a merge needs to print the campaign's summary line and to check that shards
// belong to the same campaign.
struct FuzzJsonlShardSummary {
  FuzzShard shard;
  uint64_t first_seed = 0;
  uint64_t last_seed = 0;
  uint64_t shard_seed_count = 0;  // seeds of the range in this shard
  uint64_t seeds_run = 0;         // a prefix of them
  uint64_t failed = 0;
  uint64_t stuck = 0;
  double elapsed_s = 0;
  int jobs = 0;
  int max_seconds = 0;  // 0: no limit
  bool stopped = false;  // --max-seconds stopped it before its last seed
  int servers = 0;
  int observers = 0;
  int clients = 0;
  int64_t duration_us = 0;
  std::string faults;  // comma list, fuzz_fault_name order
  std::string bug;     // injected_bug_name
  std::string bugs;    // format_upstream_bugs, "" when none
};

// The shrunk reproducer of the shard's lowest failing seed.
struct FuzzJsonlReproducer {
  FuzzShard shard;
  uint64_t seed = 0;
  std::string check;  // what the shrunk scenario still fails with
  uint64_t original_steps = 0;
  uint64_t steps = 0;
  uint64_t runs = 0;
  std::string path;
};

using FuzzJsonlRecord = std::variant<FuzzJsonlFailure, FuzzJsonlStuck, FuzzJsonlShardSummary, FuzzJsonlReproducer>;

// One line, without the newline.
std::string format_fuzz_jsonl(const FuzzJsonlRecord& record);

// Parses one line written by format_fuzz_jsonl. Returns an error message (empty on success).
std::string parse_fuzz_jsonl(std::string_view line, FuzzJsonlRecord& out);

// The options of a campaign as the summary line records them.
std::string fuzz_faults_text(const FuzzOptions& options);

}  // namespace zk::sim
