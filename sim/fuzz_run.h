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

#include "sim/fuzz_generate.h"
#include "sim/scenario.h"
#include "sim/scenario_runner.h"

namespace zk::sim {

struct FuzzOutcome {
  bool failed = false;
  std::string kind;    // the failure's name; empty when it passed
  std::string detail;  // one line
  int line = 0;        // the step at which it failed
  int64_t end_time_us = 0;
};

// Runs a (generated or shrunk) fuzz scenario and classifies the report.
FuzzOutcome run_fuzz_scenario(const Scenario& scenario, InjectedBug bug);
FuzzOutcome classify(const RunReport& report);

struct FuzzSeedResult {
  uint64_t seed = 0;
  FuzzOutcome outcome;
};

struct FuzzCampaign {
  uint64_t first_seed = 1;
  uint64_t last_seed = 100;
  int jobs = 1;
  FuzzOptions options;
};

struct FuzzProgress {
  std::atomic<uint64_t> done{0};
  std::atomic<uint64_t> failed{0};
};

// Runs every seed of the campaign (in any order over the workers) and returns the results
// in seed order. Each seed is its own World with its own PRNG on one thread, and results
// are placed by seed, so the outcome does not depend on the number of workers or on
// scheduling. progress (optional) is updated as seeds finish.
std::vector<FuzzSeedResult> run_fuzz_campaign(const FuzzCampaign& campaign, FuzzProgress* progress = nullptr);

}  // namespace zk::sim
