// Sharded fuzz campaigns: the split of a seed range, the JSON lines a shard streams, and the
// merge that rebuilds the single run's result from them (and refuses shard sets that are
// not one whole campaign).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "sim/fuzz/fuzz_jsonl.h"
#include "sim/fuzz/fuzz_merge.h"
#include "sim/fuzz/fuzz_run.h"

namespace zk::sim {

TEST_CASE("fuzz shard: every seed of the range is in exactly one shard") {
  CHECK(fuzz_shard_seed_count(1, 10, {0, 3}) == 4);  // 1, 4, 7, 10
  CHECK(fuzz_shard_seed_count(1, 10, {1, 3}) == 3);  // 2, 5, 8
  CHECK(fuzz_shard_seed_count(1, 10, {2, 3}) == 3);  // 3, 6, 9
  CHECK(fuzz_shard_seed_count(1, 3, {5, 10}) == 0);
  CHECK(fuzz_shard_seed_count(7, 7, {0, 1}) == 1);
  CHECK(fuzz_shard_seed_count(0, UINT64_MAX - 1, {0, 1}) == UINT64_MAX);
  CHECK(fuzz_shard_seed_count(0, UINT64_MAX - 1, {1, 2}) == UINT64_MAX / 2);
}

TEST_CASE("fuzz shard: three shards find the failures of the whole range, each in its own seeds") {
  FuzzCampaign campaign;
  campaign.first_seed = 1;
  campaign.last_seed = 12;
  campaign.options.servers = 3;
  campaign.options.clients = 5;
  campaign.options.duration_us = 10'000'000;
  campaign.options.bug = InjectedBug::kAckBeforeFsync;  // so that some seeds fail
  const FuzzCampaignResult whole = run_fuzz_campaign(campaign);
  REQUIRE(!whole.failures.empty());
  std::set<uint64_t> whole_seeds, shard_seeds;
  for (const FuzzSeedResult& r : whole.failures) whole_seeds.insert(r.seed);
  uint64_t run = 0;
  std::set<uint64_t> reported;
  for (uint64_t i = 0; i < 3; ++i) {
    campaign.shard = {i, 3};
    campaign.on_seed_reported = [&](const FuzzSeedResult& r) { reported.insert(r.seed); };
    const FuzzCampaignResult part = run_fuzz_campaign(campaign);
    CHECK(part.seeds_run == 4);
    run += part.seeds_run;
    for (const FuzzSeedResult& r : part.failures) {
      CHECK((r.seed - 1) % 3 == i);
      shard_seeds.insert(r.seed);
    }
  }
  CHECK(run == 12);
  CHECK(shard_seeds == whole_seeds);
  CHECK(reported == whole_seeds);  // streamed as found, every one
}

TEST_CASE("fuzz jsonl: every record survives format -> parse, escapes included") {
  const FuzzJsonlFailure failure{{2, 5}, 17, "digest-agreement", "S1 \"x\"\n\ttab \x01 caf\xc3\xa9 \\", "out/seed-17-full.zks"};
  FuzzJsonlRecord parsed;
  const std::string line = format_fuzz_jsonl(failure);
  CHECK(line.find('\n') == std::string::npos);
  REQUIRE(parse_fuzz_jsonl(line, parsed) == "");
  const auto& f = std::get<FuzzJsonlFailure>(parsed);
  CHECK(f.shard.index == 2);
  CHECK(f.shard.count == 5);
  CHECK(f.seed == 17);
  CHECK(f.check == failure.check);
  CHECK(f.detail == failure.detail);
  CHECK(f.reproducer == failure.reproducer);

  FuzzJsonlShardSummary summary{.shard = {0, 1}, .first_seed = 5, .last_seed = UINT64_MAX - 1, .shard_seed_count = 9,
                                .seeds_run = 3, .failed = 1, .stuck = 2, .elapsed_s = 1.5, .jobs = 2, .max_seconds = 7,
                                .stopped = true, .servers = 3, .observers = 1, .clients = 5, .duration_us = 10'000'000,
                                .faults = "crash,loss", .bug = "none", .bugs = "ZOOKEEPER-4643"};
  REQUIRE(parse_fuzz_jsonl(format_fuzz_jsonl(summary), parsed) == "");
  const auto& s = std::get<FuzzJsonlShardSummary>(parsed);
  CHECK(s.last_seed == UINT64_MAX - 1);
  CHECK(s.seeds_run == 3);
  CHECK(s.stuck == 2);
  CHECK(s.elapsed_s == doctest::Approx(1.5));
  CHECK(s.max_seconds == 7);
  CHECK(s.stopped);
  CHECK(s.observers == 1);
  CHECK(s.faults == "crash,loss");
  CHECK(s.bugs == "ZOOKEEPER-4643");

  REQUIRE(parse_fuzz_jsonl(format_fuzz_jsonl(FuzzJsonlReproducer{{1, 2}, 9, "read-committed", 120, 8, 300, "d/seed-9.zks"}),
                           parsed) == "");
  CHECK(std::get<FuzzJsonlReproducer>(parsed).steps == 8);
  REQUIRE(parse_fuzz_jsonl(format_fuzz_jsonl(FuzzJsonlStuck{{0, 1}, 57004}), parsed) == "");
  CHECK(std::get<FuzzJsonlStuck>(parsed).seed == 57004);
}

TEST_CASE("fuzz jsonl: a cut line, an unknown record and a missing field are refused") {
  const std::string line = format_fuzz_jsonl(FuzzJsonlStuck{{0, 1}, 3});
  FuzzJsonlRecord parsed;
  CHECK(parse_fuzz_jsonl(line.substr(0, line.size() - 3), parsed) != "");
  CHECK(parse_fuzz_jsonl(R"({"type":"other","shard":0,"shards":1})", parsed) == "unknown record type 'other'");
  CHECK(parse_fuzz_jsonl(R"({"type":"stuck","shard":0,"shards":1})", parsed) == "\"seed\" missing");
  CHECK(parse_fuzz_jsonl(R"({"type":"stuck","shard":1,"shards":1,"seed":3})", parsed) ==
        "\"shard\" is not below \"shards\"");
  CHECK(parse_fuzz_jsonl(R"({"type":"stuck","shard":0,"shards":1,"seed":"3"})", parsed) == "\"seed\" is not a number");
}

namespace {

// A directory of synthetic shard files for the merge tests.
class ShardFiles {
 public:
  explicit ShardFiles(const std::string& name) : dir_(std::filesystem::temp_directory_path() / ("zksim-merge-" + name)) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~ShardFiles() { std::filesystem::remove_all(dir_); }
  static FuzzJsonlShardSummary summary(FuzzShard shard, uint64_t first, uint64_t last) {
    const uint64_t count = fuzz_shard_seed_count(first, last, shard);
    return {.shard = shard, .first_seed = first, .last_seed = last, .shard_seed_count = count, .seeds_run = count,
            .elapsed_s = 1, .jobs = 1, .servers = 3, .clients = 5, .duration_us = 10'000'000, .faults = "crash",
            .bug = "none"};
  }
  // Writes the lines to NAME.jsonl; returns its path.
  std::string write(const std::string& name, const std::vector<FuzzJsonlRecord>& records) {
    const std::string path = (dir_ / (name + ".jsonl")).string();
    std::ofstream out(path);
    for (const FuzzJsonlRecord& r : records) out << format_fuzz_jsonl(r) << "\n";
    return path;
  }
  std::string dir() const { return dir_.string(); }

 private:
  std::filesystem::path dir_;
};

FuzzJsonlFailure failure(FuzzShard shard, uint64_t seed) {
  return {shard, seed, "digest-agreement", "detail", "seed-" + std::to_string(seed) + "-full.zks"};
}

}  // namespace

TEST_CASE("fuzz merge: two shards give the whole range, the lowest failures kept and the rest counted") {
  ShardFiles files("whole");
  for (uint64_t i = 0; i < 2; ++i) {
    std::vector<FuzzJsonlRecord> lines;
    FuzzJsonlShardSummary s = ShardFiles::summary({i, 2}, 1, 4000);
    // Every seed of the shard fails, highest first (streamed lines are in no order).
    for (uint64_t seed = 4000; seed >= 1; --seed) {
      if ((seed - 1) % 2 == i) lines.push_back(failure({i, 2}, seed));
    }
    s.failed = lines.size();
    if (i == 1) {
      lines.push_back(FuzzJsonlStuck{{1, 2}, 2});
      s.stuck = 1;
    }
    lines.push_back(s);
    if (i == 0) lines.push_back(FuzzJsonlReproducer{{0, 2}, 1, "digest-agreement", 100, 7, 50, "seed-1.zks"});
    files.write("shard-" + std::to_string(i), lines);
  }
  FuzzMergedCampaign merged;
  REQUIRE(merge_fuzz_shards({files.dir()}, merged) == "");
  CHECK(merged.shard_count == 2);
  CHECK(merged.file_count == 2);
  CHECK(!merged.stopped);
  CHECK(merged.result.seeds_run == 4000);
  CHECK(merged.result.failed == 4000);
  REQUIRE(merged.result.failures.size() == kFuzzFailuresKeptMax);
  for (size_t k = 0; k < merged.result.failures.size(); ++k) {
    CHECK(merged.result.failures[k].seed == k + 1);
    CHECK(merged.failure_reproducers[k] == "seed-" + std::to_string(k + 1) + "-full.zks");
  }
  CHECK(merged.result.stuck_on_accepted_epoch == 1);
  CHECK(merged.result.stuck_seeds == std::vector<uint64_t>{2});
  CHECK(merged.jobs_total == 2);
  REQUIRE(merged.reproducer.has_value());
  CHECK(merged.reproducer->steps == 7);
}

TEST_CASE("fuzz merge: a stopped shard limits the merged range to the prefix every shard ran") {
  ShardFiles files("prefix");
  FuzzJsonlShardSummary s0 = ShardFiles::summary({0, 2}, 1, 20);  // seeds 1, 3, ..., 19
  FuzzJsonlShardSummary s1 = ShardFiles::summary({1, 2}, 1, 20);  // seeds 2, 4, ..., 20
  s0.seeds_run = 3;  // ran 1, 3, 5: index 6 (seed 7) is the first not run
  s0.stopped = true;
  s0.failed = 1;
  s1.failed = 2;
  files.write("a", {failure({0, 2}, 5), s0});
  files.write("b", {failure({1, 2}, 6), failure({1, 2}, 14), s1});
  FuzzMergedCampaign merged;
  REQUIRE(merge_fuzz_shards({files.dir()}, merged) == "");
  CHECK(merged.stopped);
  CHECK(merged.result.seeds_run == 6);  // seeds 1..6
  CHECK(merged.result.failed == 2);
  CHECK(merged.failed_beyond_prefix == 1);  // seed 14
  CHECK(merged.seeds_run_total == 13);
}

TEST_CASE("fuzz merge: missing, duplicated and inconsistent shards are refused with one line") {
  ShardFiles files("refused");
  const std::string a = files.write("a", {ShardFiles::summary({0, 3}, 1, 30)});
  const std::string b = files.write("b", {ShardFiles::summary({1, 3}, 1, 30)});
  const std::string c = files.write("c", {ShardFiles::summary({2, 3}, 1, 30)});
  FuzzMergedCampaign merged;
  CHECK(merge_fuzz_shards({a, b, c}, merged) == "");
  CHECK(merge_fuzz_shards({a, c}, merged) == "shard 1/3 is missing: no summary line (not run, or it did not finish)");
  CHECK(merge_fuzz_shards({a, b, c, b}, merged) == "shard 1/3 appears twice: " + b + ":1 and " + b + ":1");
  FuzzJsonlShardSummary other = ShardFiles::summary({2, 3}, 1, 30);
  other.servers = 5;
  const std::string d = files.write("d", {other});
  CHECK(merge_fuzz_shards({a, b, d}, merged).find("is not of the same campaign") != std::string::npos);
  const std::string e = files.write("e", {ShardFiles::summary({2, 4}, 1, 30)});
  CHECK(merge_fuzz_shards({a, b, e}, merged).find("a campaign of 3 shards") != std::string::npos);
  const std::string f = files.write("f", {failure({2, 3}, 3), ShardFiles::summary({2, 3}, 1, 30)});
  CHECK(merge_fuzz_shards({a, b, f}, merged).find("counts 0 failing and 0 stuck seeds, but its lines name 1 and 0") !=
        std::string::npos);
  FuzzJsonlShardSummary counted = ShardFiles::summary({2, 3}, 1, 30);
  counted.failed = 1;
  const std::string g = files.write("g", {failure({2, 3}, 4), counted});  // seed 4 is shard 0's
  CHECK(merge_fuzz_shards({a, b, g}, merged).find("seed 4 is not among the seeds shard 2/3 ran") != std::string::npos);
  const std::string h = files.write("h", {});
  {
    std::ofstream cut(h);
    cut << format_fuzz_jsonl(ShardFiles::summary({2, 3}, 1, 30)).substr(0, 40) << "\n";
  }
  CHECK(merge_fuzz_shards({a, b, h}, merged).find(h + ":1: not a line of zksim fuzz --jsonl") != std::string::npos);
  CHECK(merge_fuzz_shards({files.dir() + "/none.jsonl"}, merged).find("cannot be read") != std::string::npos);
}

}  // namespace zk::sim
