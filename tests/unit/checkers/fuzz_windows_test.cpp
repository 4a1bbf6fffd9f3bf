// The fuzzer's injected protocol bugs are found the same way when a run keeps almost
// nothing: a trace window of one event, client histories folded every 4 operations and the
// invariant checker's zxid tables pruned every 8 new zxids give, seed for seed, the
// outcome of a run that keeps everything.
#include <doctest/doctest.h>

#include <string>
#include <tuple>

#include "sim/fuzz/fuzz_generate.h"
#include "sim/fuzz/fuzz_run.h"
#include "sim/scenario/scenario_runner.h"

namespace {

zk::sim::FuzzOutcome run(const zk::sim::Scenario& scenario, zk::InjectedBug bug, bool bounded) {
  zk::sim::RunOptions options;
  options.echo_steps = false;
  options.keep_trace = false;
  options.skip_faults_on_exited_servers = true;
  options.injected_bug = bug;
  if (bounded) {
    options.trace_window = 1;
    options.history_fold_ops = 4;
    options.zxid_prune_every = 8;
  }
  return zk::sim::classify(zk::sim::run_scenario(scenario, std::nullopt, options));
}

}  // namespace

TEST_CASE("injected bugs are caught with the bounded trace, history and zxid tables as without them") {
  for (const auto& [bug, first_seed, last_seed] :
       {std::tuple{zk::InjectedBug::kAckBeforeFsync, 1, 20}, std::tuple{zk::InjectedBug::kReadUncommitted, 1, 20},
        std::tuple{zk::InjectedBug::kCommitWithoutQuorum, 1, 30}}) {
    CAPTURE(zk::injected_bug_name(bug));
    zk::sim::FuzzOptions options;  // as tests/fuzz_ci runs them
    options.servers = 3;
    options.clients = 5;
    options.duration_us = 10'000'000;
    options.bug = bug;
    bool found = false;
    for (int seed = first_seed; seed <= last_seed && !found; ++seed) {
      CAPTURE(seed);
      const zk::sim::Scenario scenario = zk::sim::generate_fuzz_scenario(static_cast<uint64_t>(seed), options);
      const zk::sim::FuzzOutcome whole = run(scenario, bug, false);
      const zk::sim::FuzzOutcome bounded = run(scenario, bug, true);
      CHECK(bounded.failed == whole.failed);
      CHECK(bounded.kind == whole.kind);
      CHECK(bounded.detail == whole.detail);
      CHECK(bounded.end_time_us == whole.end_time_us);
      found = whole.failed;
    }
    CHECK(found);
  }
}
