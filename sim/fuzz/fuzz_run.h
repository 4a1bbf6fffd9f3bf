// Running fuzz seeds: one seed is generated into a Scenario and executed by the scenario
// runner (invariant checker on); the outcome is classified as a pass or a failure named by
// the violated invariant ("digest-agreement", ...), "not-converged" (the ensemble did not
// converge after every fault was repaired) or "step-error" (a step could not run). A
// campaign spreads a seed range over worker threads; each World stays single-threaded, so
// results do not depend on the number of threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/fuzz/fuzz_generate.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/scenario_runner.h"

namespace zk::sim {

struct FuzzOutcome {
  bool failed = false;
  std::string kind;    // the failure's name; empty when it passed
  std::string detail;  // one line
  int line = 0;        // the step at which it failed
  int64_t end_time_us = 0;
  // Passed, but did not converge only because live servers that accepted a higher epoch
  // than the serving leader's are refused by it, as ZooKeeper's Learner.registerWithLeader
  // refuses them ("Leaders epoch, 2 is less than accepted epoch, 3") until the next
  // election: ZooKeeper's own liveness limit, not a zksim failure. Counted apart.
  bool stuck_on_accepted_epoch = false;
};

// Runs a (generated or shrunk) fuzz scenario and classifies the report.
FuzzOutcome run_fuzz_scenario(const Scenario& scenario, InjectedBug bug);
FuzzOutcome classify(const RunReport& report);
// At the end of a run: the serving servers agree, and every live server that is not
// serving has accepted a higher epoch than the leader's (and so is refused by it).
bool only_epoch_refused_servers_unconverged(const World& world);

struct FuzzSeedResult {
  uint64_t seed = 0;
  FuzzOutcome outcome;
};

// A deterministic slice of a seed range: seed s of first..last belongs to shard
// (s - first) mod count, so shard `index` runs first + index, first + index + count, ...
// (round-robin: every shard gets seeds from the whole range, and N shards stopped after the
// same number of seeds together cover a prefix of it). count 1 is the whole range.
struct FuzzShard {
  uint64_t index = 0;
  uint64_t count = 1;
};
// How many seeds of first..last shard runs.
uint64_t fuzz_shard_seed_count(uint64_t first_seed, uint64_t last_seed, FuzzShard shard);

struct FuzzCampaign {
  uint64_t first_seed = 1;
  uint64_t last_seed = 100;
  FuzzShard shard;  // the whole range unless --shard
  int jobs = 1;
  FuzzOptions options;
  // Called (serialised, from the worker that ran it) for every failing seed and every seed
  // that hit the accepted-epoch liveness limit, in the order they finish: the streamed report
  // (--jsonl). Optional.
  std::function<void(const FuzzSeedResult&)> on_seed_reported;
};

struct FuzzProgress {
  std::atomic<uint64_t> done{0};
  std::atomic<uint64_t> failed{0};
  // Set from any thread to stop the campaign: workers take no new seed after it (the seeds
  // already taken finish), so the seeds run are always first_seed..first_seed + run - 1.
  std::atomic<bool> stop{false};
};

// The lowest failing seeds a campaign keeps (failures beyond it are only counted).
inline constexpr size_t kFuzzFailuresKeptMax = 1000;
inline constexpr size_t kFuzzStuckSeedsKeptMax = 10;

struct FuzzCampaignResult {
  // A prefix of the shard's seeds (of the range when unsharded: first_seed .. first_seed +
  // seeds_run - 1).
  uint64_t seeds_run = 0;
  uint64_t failed = 0;          // failing seeds among them
  uint64_t stuck_on_accepted_epoch = 0;  // passing seeds that hit ZooKeeper's accepted-epoch liveness limit
  std::vector<uint64_t> stuck_seeds;     // the lowest kFuzzStuckSeedsKeptMax of them, ascending
  std::vector<FuzzSeedResult> failures;  // the lowest kFuzzFailuresKeptMax failing seeds, in seed order
};

// Runs the campaign's seeds (the shard's, when sharded): workers take the next seed from a
// shared counter, so memory does not depend on the size of the range; only failing seeds
// are kept (and streamed through on_seed_reported as they are found). Each seed is its
// own World with its own PRNG on one thread, and failures are returned in seed order, so
// the result does not depend on the number of workers or on scheduling. progress
// (optional) is updated as seeds finish and can stop the campaign early.
FuzzCampaignResult run_fuzz_campaign(const FuzzCampaign& campaign, FuzzProgress* progress = nullptr);

}  // namespace zk::sim
