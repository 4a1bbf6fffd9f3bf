// The lines `zksim fuzz` and `zksim fuzz merge` print about a campaign.
#include "app/fuzz_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/text/text_words.h"

namespace zk::app {

void print_fuzz_failures(const sim::FuzzCampaignResult& result) {
  for (const sim::FuzzSeedResult& r : result.failures) {
    fmt::print("seed {}: FAILED {}: {}\n", r.seed, r.outcome.kind, sim::escape_for_message(r.outcome.detail));
  }
  if (result.failed > result.failures.size()) {
    fmt::print("(and {} more failing seeds, not listed: only the lowest {} are kept)\n",
               result.failed - result.failures.size(), result.failures.size());
  }
}

void print_fuzz_stuck(const sim::FuzzCampaignResult& result) {
  if (result.stuck_on_accepted_epoch == 0) return;
  fmt::print("{} seed(s) passed but left a server refused by a lower-epoch leader (ZooKeeper's "
             "Learner.registerWithLeader: \"Leaders epoch ... is less than accepted epoch\"; see README): {}{}\n",
             result.stuck_on_accepted_epoch, fmt::join(result.stuck_seeds, ", "),
             result.stuck_on_accepted_epoch > result.stuck_seeds.size() ? ", ..." : "");
}

void print_fuzz_summary(const sim::FuzzCampaignResult& result, const FuzzSummaryFigures& f) {
  const uint64_t run = result.seeds_run;
  fmt::print("{} seeds ({}), {} failed, {:.1f} seeds/s ({:.2f} s wall, {} jobs, {} servers, {} clients, {} s "
             "simulated each, bug {}{})\n",
             run, f.range_text, result.failed, f.elapsed_s > 0 ? static_cast<double>(run) / f.elapsed_s : 0.0,
             f.elapsed_s, f.jobs, f.servers, f.clients, static_cast<double>(f.duration_us) / 1e6, f.bug,
             f.bugs.empty() ? std::string() : ", upstream bugs " + f.bugs);
}

void print_fuzz_reproducer(uint64_t seed, uint64_t original_steps, uint64_t steps, uint64_t runs,
                           const std::string& check, const std::string& path, const std::string& bug) {
  const std::string bug_flag = bug == "none" ? "" : " --inject-bug " + bug;
  fmt::print("seed {}: shrunk from {} to {} steps in {} runs; still fails with {}\n", seed, original_steps, steps,
             runs, check);
  fmt::print("reproducer: {}\n", path);
  fmt::print("replay:     zksim run{} {}\n", bug_flag, path);
  fmt::print("watch:      zksim gui {}\n", path);
}

}  // namespace zk::app
