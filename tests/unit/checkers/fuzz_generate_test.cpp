// The fuzz generator: a seed always gives the same scenario, the scenario survives
// format -> parse, it honours --faults, and a campaign's results do not depend on how many
// worker threads ran it.
#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "sim/fuzz/fuzz_generate.h"
#include "sim/fuzz/fuzz_run.h"
#include "sim/scenario/scenario_format.h"
#include "sim/scenario/scenario_parser.h"

namespace zk::sim {

TEST_CASE("fuzz generator: the same seed gives the same scenario, another seed another") {
  FuzzOptions options;
  options.servers = 3;
  options.clients = 4;
  options.duration_us = 5'000'000;
  const std::string a = format_scenario(generate_fuzz_scenario(7, options));
  CHECK(a == format_scenario(generate_fuzz_scenario(7, options)));
  CHECK(a != format_scenario(generate_fuzz_scenario(8, options)));
  CHECK(a.rfind("cluster 3 seed=7\nstart 1 2 3\nrun until leader\nclient init connect 1\n", 0) == 0);
}

TEST_CASE("fuzz generator: a generated scenario parses back to the same steps") {
  FuzzOptions options;
  options.duration_us = 20'000'000;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const Scenario generated = generate_fuzz_scenario(seed, options);
    const std::string text = format_scenario(generated);
    const ParseResult parsed = parse_scenario(text, generated.file_name);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error);
    REQUIRE(parsed.scenario.steps.size() == generated.steps.size());
    for (size_t i = 0; i < generated.steps.size(); ++i) CHECK(parsed.scenario.steps[i] == generated.steps[i]);
  }
}

TEST_CASE("fuzz generator: with no faults the schedule has no kill, partition, pause or network change") {
  FuzzOptions options;
  options.faults.clear();
  options.duration_us = 30'000'000;
  const Scenario s = generate_fuzz_scenario(3, options);
  for (const Step& step : s.steps) {
    CHECK_FALSE(std::holds_alternative<Kill>(step.command));
    CHECK_FALSE(std::holds_alternative<Partition>(step.command));
    CHECK_FALSE(std::holds_alternative<Pause>(step.command));
  }
}

TEST_CASE("fuzz generator: one server leaves partitions out (they need two groups of servers)") {
  for (const std::set<FuzzFault>& faults : {std::set<FuzzFault>{FuzzFault::kPartition},
                                            FuzzOptions{}.faults}) {
    FuzzOptions options;
    options.servers = 1;
    options.clients = 3;
    options.faults = faults;
    options.duration_us = 30'000'000;
    for (uint64_t seed = 1; seed <= 30; ++seed) {
      const Scenario s = generate_fuzz_scenario(seed, options);
      for (const Step& step : s.steps) CHECK_FALSE(std::holds_alternative<Partition>(step.command));
      const ParseResult parsed = parse_scenario(format_scenario(s), s.file_name);
      CHECK_MESSAGE(parsed.ok(), parsed.error);
    }
  }
}

TEST_CASE("fuzz faults list: names, all, none and a clear error") {
  std::set<FuzzFault> faults;
  CHECK(parse_fuzz_faults("crash,slow-disk", faults).empty());
  CHECK(faults == std::set<FuzzFault>{FuzzFault::kCrash, FuzzFault::kSlowDisk});
  CHECK(parse_fuzz_faults("none", faults).empty());
  CHECK(faults.empty());
  CHECK(parse_fuzz_faults("crash,meteor", faults) ==
        "unknown fault 'meteor' (crash, partition, pause, loss, slow-disk, duplicate, reorder, all, "
        "all-including-non-tcp, none)");
}

TEST_CASE("fuzz faults list: all is every TCP-preserving fault, duplicate and reorder only when asked for") {
  std::set<FuzzFault> faults;
  CHECK(parse_fuzz_faults("all", faults).empty());
  CHECK(faults == std::set<FuzzFault>{FuzzFault::kCrash, FuzzFault::kPartition, FuzzFault::kPause, FuzzFault::kLoss,
                                      FuzzFault::kSlowDisk});
  CHECK(faults == FuzzOptions{}.faults);
  CHECK(parse_fuzz_faults("all-including-non-tcp", faults).empty());
  CHECK(faults.size() == 7);
  CHECK(faults.count(FuzzFault::kDuplicate) == 1);
  CHECK(faults.count(FuzzFault::kReorder) == 1);
  CHECK(parse_fuzz_faults("crash,reorder", faults).empty());
  CHECK(faults == std::set<FuzzFault>{FuzzFault::kCrash, FuzzFault::kReorder});
}

TEST_CASE("fuzz campaign: one job and two jobs give the same failures in seed order") {
  FuzzCampaign campaign;
  campaign.first_seed = 1;
  campaign.last_seed = 8;
  campaign.options.servers = 3;
  campaign.options.clients = 5;
  campaign.options.duration_us = 10'000'000;
  campaign.options.bug = InjectedBug::kCommitWithoutQuorum;  // so that some seeds fail
  campaign.jobs = 1;
  const FuzzCampaignResult one = run_fuzz_campaign(campaign);
  campaign.jobs = 2;
  const FuzzCampaignResult two = run_fuzz_campaign(campaign);
  CHECK(one.seeds_run == 8);
  CHECK(two.seeds_run == 8);
  REQUIRE(!one.failures.empty());
  CHECK(one.failed == one.failures.size());
  REQUIRE(two.failures.size() == one.failures.size());
  for (size_t i = 0; i < one.failures.size(); ++i) {
    if (i > 0) CHECK(one.failures[i - 1].seed < one.failures[i].seed);
    CHECK(two.failures[i].seed == one.failures[i].seed);
    CHECK(two.failures[i].outcome.kind == one.failures[i].outcome.kind);
    CHECK(two.failures[i].outcome.detail == one.failures[i].outcome.detail);
    CHECK(two.failures[i].outcome.end_time_us == one.failures[i].outcome.end_time_us);
  }
}

namespace {

int64_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * sysconf(_SC_PAGESIZE);
}

}  // namespace

TEST_CASE("fuzz campaign: a range of 10^8 seeds starts without memory for every seed, and stops on request") {
  FuzzCampaign campaign;
  campaign.first_seed = 1;
  campaign.last_seed = 100'000'000;
  campaign.jobs = 2;
  campaign.options.servers = 3;
  campaign.options.clients = 2;
  campaign.options.duration_us = 1'000'000;
  FuzzProgress progress;
  const int64_t resident_before = resident_bytes();
  std::thread stopper([&] {
    while (progress.done.load() < 3) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    progress.stop = true;
  });
  const FuzzCampaignResult result = run_fuzz_campaign(campaign, &progress);
  stopper.join();
  // A slot per seed would be gigabytes; the campaign's own memory is a few worlds.
  CHECK(resident_bytes() - resident_before < (256 << 20));
  CHECK(result.seeds_run >= 3);
  CHECK(result.seeds_run < 50);  // a few more finish while the stopper notices, then none
  CHECK(result.seeds_run == progress.done.load());
}

}  // namespace zk::sim
