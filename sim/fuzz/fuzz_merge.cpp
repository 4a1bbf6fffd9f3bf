// Merging the JSON lines of a sharded fuzz campaign: pass 1 reads the summaries and counts
// each shard's lines, pass 2 keeps the failures and stuck seeds of the merged prefix.
#include "sim/fuzz/fuzz_merge.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

namespace zk::sim {
namespace {

constexpr size_t kLineBytesMax = 1 << 20;

struct ShardState {
  FuzzJsonlShardSummary summary;
  std::string where;  // FILE:LINE of the summary
  uint64_t failure_lines = 0;
  uint64_t stuck_lines = 0;
  std::optional<FuzzJsonlReproducer> reproducer;
};

std::string shard_name(FuzzShard shard) { return fmt::format("{}/{}", shard.index, shard.count); }

// The range and options that must be the same in every shard of one campaign.
std::string campaign_key(const FuzzJsonlShardSummary& s) {
  return fmt::format("seeds {}..{} in {} shards, servers={} observers={} clients={} duration_us={} faults={} bug={} bugs={}",
                     s.first_seed, s.last_seed, s.shard.count, s.servers, s.observers, s.clients, s.duration_us,
                     s.faults, s.bug, s.bugs.empty() ? "none" : s.bugs);
}

FuzzShard shard_of(const FuzzJsonlRecord& r) {
  return std::visit([](const auto& v) { return v.shard; }, r);
}

// Calls visit(record, "FILE:LINE") for every line of every file; stops at the first error.
template <typename Visit>
std::string for_each_line(const std::vector<std::string>& files, Visit&& visit) {
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fmt::format("{}: cannot be read", file);
    std::string line;
    uint64_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      const std::string where = fmt::format("{}:{}", file, number);
      if (line.size() > kLineBytesMax) return fmt::format("{}: a line longer than {} bytes", where, kLineBytesMax);
      if (line.empty()) continue;
      FuzzJsonlRecord record;
      if (auto e = parse_fuzz_jsonl(line, record); !e.empty()) {
        return fmt::format("{}: not a line of zksim fuzz --jsonl: {}", where, e);
      }
      if (auto e = visit(record, where); !e.empty()) return e;
    }
  }
  return {};
}

std::string expand_paths(const std::vector<std::string>& paths, std::vector<std::string>& files) {
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".jsonl") found.push_back(entry.path().string());
    }
    if (ec) return fmt::format("{}: cannot be listed: {}", path, ec.message());
    if (found.empty()) return fmt::format("{}: a directory without .jsonl files", path);
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return {};
}

// Pass 1: one summary per shard, all of one campaign, each with as many lines as it counts.
std::string read_summaries(const std::vector<std::string>& files, std::map<uint64_t, ShardState>& shards,
                           std::map<uint64_t, std::pair<uint64_t, uint64_t>>& line_counts, uint64_t& shard_count) {
  std::string first_key, first_where;
  std::string error = for_each_line(files, [&](const FuzzJsonlRecord& record, const std::string& where) -> std::string {
    const FuzzShard shard = shard_of(record);
    if (shard_count == 0) shard_count = shard.count;
    if (shard.count != shard_count) {
      return fmt::format("{}: a line of shard {}, but {} is a campaign of {} shards", where, shard_name(shard),
                         first_where.empty() ? "the first line" : first_where, shard_count);
    }
    if (const auto* s = std::get_if<FuzzJsonlShardSummary>(&record)) {
      const std::string key = campaign_key(*s);
      if (first_key.empty()) {
        first_key = key;
        first_where = where;
      } else if (key != first_key) {
        return fmt::format("{}: shard {} is not of the same campaign as {}: {}, not {}", where, shard_name(shard),
                           first_where, key, first_key);
      }
      if (s->shard_seed_count != fuzz_shard_seed_count(s->first_seed, s->last_seed, shard) ||
          s->seeds_run > s->shard_seed_count) {
        return fmt::format("{}: shard {} counts {} of {} seeds, but seeds {}..{} give it {}", where, shard_name(shard),
                           s->seeds_run, s->shard_seed_count, s->first_seed, s->last_seed,
                           fuzz_shard_seed_count(s->first_seed, s->last_seed, shard));
      }
      const auto [it, inserted] = shards.try_emplace(shard.index, ShardState{*s, where});
      if (!inserted) return fmt::format("shard {} appears twice: {} and {}", shard_name(shard), it->second.where, where);
    } else if (std::holds_alternative<FuzzJsonlFailure>(record)) {
      ++line_counts[shard.index].first;
    } else if (std::holds_alternative<FuzzJsonlStuck>(record)) {
      ++line_counts[shard.index].second;
    }
    return {};  // reproducer lines are kept in pass 2, once every summary is known
  });
  if (!error.empty()) return error;
  if (shards.empty()) return "no shard summary line (\"type\":\"shard\") in the files: did any shard finish?";
  std::vector<std::string> missing;
  for (uint64_t i = 0; i < shard_count && missing.size() < 10; ++i) {
    if (!shards.contains(i)) missing.push_back(shard_name({i, shard_count}));
  }
  if (!missing.empty()) {
    return fmt::format("shard{} {}{} missing: no summary line (not run, or it did not finish)",
                       missing.size() > 1 ? "s" : "", fmt::join(missing, ", "),
                       missing.size() > 1 ? " are" : " is");
  }
  for (auto& [index, state] : shards) {
    const auto [failures, stuck] = line_counts[index];
    if (failures != state.summary.failed || stuck != state.summary.stuck) {
      return fmt::format("shard {} ({}) counts {} failing and {} stuck seeds, but its lines name {} and {}",
                         shard_name(state.summary.shard), state.where, state.summary.failed, state.summary.stuck, failures,
                         stuck);
    }
  }
  return {};
}

}  // namespace

std::string merge_fuzz_shards(const std::vector<std::string>& paths, FuzzMergedCampaign& out) {
  std::vector<std::string> files;
  if (auto e = expand_paths(paths, files); !e.empty()) return e;
  out = FuzzMergedCampaign{};
  out.file_count = files.size();
  std::map<uint64_t, ShardState> shards;
  std::map<uint64_t, std::pair<uint64_t, uint64_t>> line_counts;
  uint64_t n = 0;
  if (auto e = read_summaries(files, shards, line_counts, n); !e.empty()) return e;

  const FuzzJsonlShardSummary& any = shards.begin()->second.summary;
  out.shard_count = n;
  out.options = any;
  const uint64_t first = any.first_seed;
  const uint64_t range = any.last_seed - any.first_seed;  // seeds in the range, minus one
  // The merged prefix: the lowest index some shard did not run (its shard ran a prefix of
  // its seeds, so every lower index was run by its own shard); the whole range when every
  // shard finished. range + 1 does not overflow: last_seed is at most 2^64 - 2.
  uint64_t prefix_seeds = range + 1;
  bool complete = true;
  for (const auto& [index, state] : shards) {
    out.jobs_total += state.summary.jobs;
    out.elapsed_s_max = std::max(out.elapsed_s_max, state.summary.elapsed_s);
    out.seeds_run_total += state.summary.seeds_run;
    if (state.summary.seeds_run < state.summary.shard_seed_count) {
      prefix_seeds = std::min(prefix_seeds, index + n * state.summary.seeds_run);  // an index <= range
      complete = false;
    }
  }
  out.stopped = !complete;
  out.result.seeds_run = prefix_seeds;

  struct Kept {
    FuzzSeedResult result;
    std::string reproducer;
  };
  std::vector<Kept> kept;
  const auto higher_seed_first = [](const Kept& a, const Kept& b) { return a.result.seed < b.result.seed; };
  std::vector<uint64_t>& stuck = out.result.stuck_seeds;
  std::string error = for_each_line(files, [&](const FuzzJsonlRecord& record, const std::string& where) -> std::string {
    const FuzzShard shard = shard_of(record);
    ShardState& state = shards.at(shard.index);
    if (const auto* r = std::get_if<FuzzJsonlReproducer>(&record)) {
      state.reproducer = *r;
      return {};
    }
    if (std::holds_alternative<FuzzJsonlShardSummary>(record)) return {};
    const uint64_t seed = std::visit(
        [](const auto& v) -> uint64_t {
          if constexpr (requires { v.seed; }) return v.seed;
          return 0;
        },
        record);
    const uint64_t index = seed - first;
    if (seed < first || index > range || index % n != shard.index || index / n >= state.summary.seeds_run) {
      return fmt::format("{}: seed {} is not among the seeds shard {} ran ({}, {} of them)", where, seed,
                         shard_name(shard), state.where, state.summary.seeds_run);
    }
    const bool in_prefix = index < prefix_seeds;
    if (const auto* f = std::get_if<FuzzJsonlFailure>(&record)) {
      if (!in_prefix) {
        ++out.failed_beyond_prefix;
        return {};
      }
      ++out.result.failed;
      if (kept.size() < kFuzzFailuresKeptMax || seed < kept.front().result.seed) {
        kept.push_back(Kept{FuzzSeedResult{seed, FuzzOutcome{.failed = true, .kind = f->check, .detail = f->detail}},
                            f->reproducer});
        std::push_heap(kept.begin(), kept.end(), higher_seed_first);
        if (kept.size() > kFuzzFailuresKeptMax) {
          std::pop_heap(kept.begin(), kept.end(), higher_seed_first);
          kept.pop_back();
        }
      }
    } else if (in_prefix) {  // stuck
      ++out.result.stuck_on_accepted_epoch;
      stuck.insert(std::lower_bound(stuck.begin(), stuck.end(), seed), seed);
      if (stuck.size() > kFuzzStuckSeedsKeptMax) stuck.pop_back();
    }
    return {};
  });
  if (!error.empty()) return error;
  std::sort_heap(kept.begin(), kept.end(), higher_seed_first);
  for (Kept& k : kept) {
    out.result.failures.push_back(std::move(k.result));
    out.failure_reproducers.push_back(std::move(k.reproducer));
  }
  if (!out.result.failures.empty()) {
    const uint64_t lowest = out.result.failures.front().seed;
    const ShardState& state = shards.at((lowest - first) % n);
    if (state.reproducer && state.reproducer->seed == lowest) out.reproducer = state.reproducer;
  }
  return {};
}

}  // namespace zk::sim
