// The fuzz generator: a seed always gives the same scenario, the scenario survives
// format -> parse, it honours --faults, and a campaign's results do not depend on how many
// worker threads ran it.
#include <doctest/doctest.h>

#include "sim/fuzz_generate.h"
#include "sim/fuzz_run.h"
#include "sim/scenario_format.h"
#include "sim/scenario_parser.h"

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

TEST_CASE("fuzz faults list: names, all, none and a clear error") {
  std::set<FuzzFault> faults;
  CHECK(parse_fuzz_faults("crash,slow-disk", faults).empty());
  CHECK(faults == std::set<FuzzFault>{FuzzFault::kCrash, FuzzFault::kSlowDisk});
  CHECK(parse_fuzz_faults("all", faults).empty());
  CHECK(faults.size() == 7);
  CHECK(parse_fuzz_faults("none", faults).empty());
  CHECK(faults.empty());
  CHECK(parse_fuzz_faults("crash,meteor", faults) ==
        "unknown fault 'meteor' (crash, partition, pause, loss, duplicate, reorder, slow-disk, all, none)");
}

TEST_CASE("fuzz campaign: one job and two jobs give the same results in seed order") {
  FuzzCampaign campaign;
  campaign.first_seed = 11;
  campaign.last_seed = 16;
  campaign.options.servers = 3;
  campaign.options.clients = 3;
  campaign.options.duration_us = 3'000'000;
  campaign.jobs = 1;
  const auto one = run_fuzz_campaign(campaign);
  campaign.jobs = 2;
  const auto two = run_fuzz_campaign(campaign);
  REQUIRE(one.size() == 6);
  REQUIRE(two.size() == 6);
  for (size_t i = 0; i < one.size(); ++i) {
    CHECK(one[i].seed == 11 + i);
    CHECK(two[i].seed == one[i].seed);
    CHECK(two[i].outcome.failed == one[i].outcome.failed);
    CHECK(two[i].outcome.detail == one[i].outcome.detail);
    CHECK(two[i].outcome.end_time_us == one[i].outcome.end_time_us);
  }
}

}  // namespace zk::sim
