// Running one fuzz scenario and a campaign of seeds over std::thread workers.
#include "sim/fuzz/fuzz_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace zk::sim {

FuzzOutcome classify(const RunReport& report) {
  FuzzOutcome outcome;
  outcome.end_time_us = report.end_time_us;
  if (report.violation) {
    outcome.failed = true;
    outcome.kind = report.violation->invariant;
    outcome.detail = describe_violation(*report.violation);
    outcome.line = report.expectations.empty() ? 0 : report.expectations.back().line;
  } else if (!report.error.empty()) {
    outcome.failed = true;
    outcome.kind = report.error.find("not converged") != std::string::npos           ? "not-converged"
                   : report.error.find("simulator invariant violated") != std::string::npos ? "sim-invariant"
                                                                                             : "step-error";
    outcome.detail = report.error;
    const size_t colon = report.error.find(':');
    if (colon != std::string::npos) outcome.line = std::atoi(report.error.c_str() + colon + 1);
  } else if (report.failed() > 0) {
    for (const ExpectationResult& e : report.expectations) {
      if (e.passed) continue;
      outcome.failed = true;
      outcome.kind = "expectation";
      outcome.detail = fmt::format("line {}: {}: {}", e.line, e.text, e.detail);
      outcome.line = e.line;
      break;
    }
  }
  return outcome;
}

FuzzOutcome run_fuzz_scenario(const Scenario& scenario, InjectedBug bug) {
  RunOptions options;
  options.echo_steps = false;
  options.keep_trace = false;
  options.trace_window = World::kHeadlessTraceWindow;  // nothing reads the trace after the checker
  options.history_fold_ops = World::kHeadlessHistoryFoldOps;
  options.skip_faults_on_exited_servers = true;
  options.injected_bug = bug;
  bool epoch_refused_only = false;
  options.inspect_world = [&](const World& world) { epoch_refused_only = only_epoch_refused_servers_unconverged(world); };
  FuzzOutcome outcome = classify(run_scenario(scenario, std::nullopt, options));
  if (outcome.kind == "not-converged" && epoch_refused_only) {
    outcome = FuzzOutcome{.end_time_us = outcome.end_time_us, .stuck_on_accepted_epoch = true};
  }
  return outcome;
}

bool only_epoch_refused_servers_unconverged(const World& world) {
  if (!converged(world, ConvergenceScope::kServingServers)) return false;
  const std::optional<ServerId> leader = world.leader();
  if (!leader || !world.peer(*leader)->leader_state()) return false;
  const Epoch leader_epoch = world.peer(*leader)->leader_state()->epoch;
  bool any_refused = false;
  for (ServerId id = 1; id <= world.server_count(); ++id) {
    const QuorumPeer* p = world.peer(id);
    if (!p || p->serving()) continue;
    if (p->persistent().accepted_epoch <= leader_epoch) return false;
    any_refused = true;
  }
  return any_refused;
}

uint64_t fuzz_shard_seed_count(uint64_t first_seed, uint64_t last_seed, FuzzShard shard) {
  const uint64_t range = last_seed - first_seed;  // seeds in the range, minus one (no overflow)
  if (shard.index > range) return 0;
  return (range - shard.index) / shard.count + 1;
}

FuzzCampaignResult run_fuzz_campaign(const FuzzCampaign& campaign, FuzzProgress* progress) {
  const FuzzShard shard = campaign.shard;
  const uint64_t count = fuzz_shard_seed_count(campaign.first_seed, campaign.last_seed, shard);
  std::atomic<uint64_t> next{0};
  std::mutex failures_mutex;
  FuzzCampaignResult result;
  // A max-heap by seed holding the lowest failing seeds seen so far.
  const auto higher_seed_first = [](const FuzzSeedResult& a, const FuzzSeedResult& b) { return a.seed < b.seed; };
  auto worker = [&] {
    for (;;) {
      if (progress && progress->stop.load()) return;
      const uint64_t index = next.fetch_add(1);
      if (index >= count) return;
      const uint64_t seed = campaign.first_seed + shard.index + index * shard.count;
      const Scenario scenario = generate_fuzz_scenario(seed, campaign.options);
      FuzzSeedResult seed_result{seed, run_fuzz_scenario(scenario, campaign.options.bug)};
      if (campaign.on_seed_reported && (seed_result.outcome.stuck_on_accepted_epoch || seed_result.outcome.failed)) {
        const std::lock_guard<std::mutex> lock(failures_mutex);
        campaign.on_seed_reported(seed_result);
      }
      if (seed_result.outcome.stuck_on_accepted_epoch) {
        const std::lock_guard<std::mutex> lock(failures_mutex);
        ++result.stuck_on_accepted_epoch;
        std::vector<uint64_t>& stuck = result.stuck_seeds;
        stuck.insert(std::lower_bound(stuck.begin(), stuck.end(), seed), seed);
        if (stuck.size() > kFuzzStuckSeedsKeptMax) stuck.pop_back();
      }
      if (seed_result.outcome.failed) {
        const std::lock_guard<std::mutex> lock(failures_mutex);
        ++result.failed;
        std::vector<FuzzSeedResult>& kept = result.failures;
        if (kept.size() < kFuzzFailuresKeptMax || seed < kept.front().seed) {
          kept.push_back(std::move(seed_result));
          std::push_heap(kept.begin(), kept.end(), higher_seed_first);
          if (kept.size() > kFuzzFailuresKeptMax) {
            std::pop_heap(kept.begin(), kept.end(), higher_seed_first);
            kept.pop_back();
          }
        }
        if (progress) ++progress->failed;
      }
      if (progress) ++progress->done;
    }
  };
  const int jobs = std::max(1, std::min<int>(campaign.jobs, static_cast<int>(std::min<uint64_t>(count, 256))));
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  // Every seed below next (capped at count) was taken and has finished.
  result.seeds_run = std::min(next.load(), count);
  std::sort_heap(result.failures.begin(), result.failures.end(), higher_seed_first);
  return result;
}

}  // namespace zk::sim
