// `zksim fuzz [--seeds A..B] [--shard I/N] [--jobs N] [--servers N] [--observers K] [--clients N]
// [--duration DUR] [--faults LIST] [--inject-bug NAME] [--bugs LIST] [--out DIR] [--jsonl FILE]
// [--no-shrink] [--progress] [--max-seconds N]`: generates one random workload + fault
// schedule per seed, runs each on its own World with the invariant checker on (workers take
// seeds from a shared counter; only failures are kept), prints the failing seeds in seed
// order, shrinks the first failure to a small `.zks` reproducer in DIR and prints the
// commands that replay it. With --shard I/N it runs only the seeds (s - A) mod N == I; with
// --jsonl (default DIR/shard-I-of-N.jsonl when sharded) every failing seed is streamed as a
// JSON line as it is found, with its generated scenario written beside, and a summary line
// ends the shard (sim/fuzz/fuzz_jsonl.h); `zksim fuzz merge` is in cmd_fuzz_merge.cpp. DIR
// and the JSONL file are created and probed before the first seed runs. A progress line
// (seeds/s, failures so far) goes to stderr when it is a terminal or with --progress. Exit
// status 0 all seeds passed, 1 a seed failed, 2 bad usage or an output that cannot be written.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/cli_numbers.h"
#include "app/commands.h"
#include "app/fuzz_report.h"
#include "sim/text/duration.h"
#include "sim/fuzz/fuzz_jsonl.h"
#include "sim/fuzz/fuzz_run.h"
#include "sim/fuzz/fuzz_shrink.h"
#include "sim/scenario/scenario_format.h"
#include "sim/text/text_words.h"

namespace zk::app {
namespace {

struct FuzzArgs {
  sim::FuzzCampaign campaign;
  std::string out_dir = "fuzz-out";
  std::string jsonl_path;  // "" : no JSON lines (the default without --shard)
  bool sharded = false;
  bool shrink = true;
  bool progress = false;
  int max_seconds = 0;  // 0: no limit
};

// --shard I/N: at most this many shards (a merge keeps O(1) per shard).
constexpr uint64_t kShardsMax = 1'000'000;

// "I/N" with whole numbers 0 <= I < N <= kShardsMax. Returns an error message or empty.
std::string parse_shard(const std::string& text, sim::FuzzShard& out) {
  const std::string error = fmt::format("--shard needs I/N with whole numbers 0 <= I < N <= {}, saw '{}'", kShardsMax,
                                        sim::word_for_message(text));
  const size_t slash = text.find('/');
  if (slash == std::string::npos) return error;
  auto whole = [](std::string_view digits, uint64_t& value) {
    if (digits.empty() || digits.size() > 7) return false;
    for (const char c : digits) {
      if (c < '0' || c > '9') return false;
    }
    return std::from_chars(digits.data(), digits.data() + digits.size(), value).ec == std::errc();
  };
  uint64_t index = 0, count = 0;
  if (!whole(std::string_view(text).substr(0, slash), index) || !whole(std::string_view(text).substr(slash + 1), count) ||
      count == 0 || count > kShardsMax || index >= count) {
    return error;
  }
  out = {index, count};
  return {};
}

// The --faults list as given names `partition` (not through `all`).
bool names_partition(const std::string& list) { return ("," + list + ",").find(",partition,") != std::string::npos; }

std::string parse_args(const Args& args, FuzzArgs& out) {
  out.campaign.jobs = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 256u));
  std::string faults_text;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    auto value = [&]() -> const std::string& { return args[++i]; };
    if (a == "--progress") {
      out.progress = true;
    } else if (a == "--no-shrink") {
      out.shrink = false;
    } else if (a != "--seeds" && a != "--jobs" && a != "--servers" && a != "--observers" && a != "--clients" &&
               a != "--duration" && a != "--faults" && a != "--inject-bug" && a != "--bugs" && a != "--out" &&
               a != "--max-seconds" && a != "--shard" && a != "--jsonl" && a != "--snap-count") {
      return fmt::format("unknown option '{}' for 'zksim fuzz'", a);
    } else if (!has_value) {
      return fmt::format("{} needs a value", a);
    } else if (a == "--seeds") {
      uint64_t first = 0, last = 0;
      if (auto e = parse_range_option(a, value(), 0, UINT64_MAX - 1, first, last); !e.empty()) return e;
      out.campaign.first_seed = first;
      out.campaign.last_seed = last;
    } else if (a == "--shard") {
      if (auto e = parse_shard(value(), out.campaign.shard); !e.empty()) return e;
      out.sharded = true;
    } else if (a == "--jsonl") {
      out.jsonl_path = value();
      if (out.jsonl_path.empty()) return "--jsonl needs a file name, saw ''";
    } else if (a == "--jobs") {
      if (auto e = parse_number_option(a, value(), 1, 256, out.campaign.jobs); !e.empty()) return e;
    } else if (a == "--servers") {
      if (auto e = parse_number_option(a, value(), 1, 9, out.campaign.options.servers); !e.empty()) return e;
    } else if (a == "--observers") {
      if (auto e = parse_number_option(a, value(), 0, 8, out.campaign.options.observers); !e.empty()) return e;
    } else if (a == "--clients") {
      if (auto e = parse_number_option(a, value(), 1, 100, out.campaign.options.clients); !e.empty()) return e;
    } else if (a == "--max-seconds") {
      if (auto e = parse_number_option(a, value(), 1, 1'000'000, out.max_seconds); !e.empty()) return e;
    } else if (a == "--duration") {
      const std::string& text = value();
      const sim::DurationResult d = sim::parse_duration_us(text);
      if (!d.ok()) return "--duration: " + d.error;
      if (d.duration_us <= 0 || d.duration_us > 3'600'000'000) {
        return fmt::format("--duration needs a time in 1us..1h, saw '{}'", sim::word_for_message(text));
      }
      out.campaign.options.duration_us = d.duration_us;
    } else if (a == "--faults") {
      faults_text = value();
      if (auto e = sim::parse_fuzz_faults(faults_text, out.campaign.options.faults); !e.empty()) return "--faults: " + e;
    } else if (a == "--inject-bug") {
      const std::string& name = value();
      const auto bug = parse_injected_bug(name);
      if (!bug) {
        return fmt::format("unknown bug '{}' (ack-before-fsync, commit-without-quorum, vote-ignores-epoch, "
                           "leader-skips-trunc, read-uncommitted, ack-unproposed)", sim::word_for_message(name));
      }
      out.campaign.options.bug = *bug;
    } else if (a == "--snap-count") {
      int snap_count = 0;
      if (auto e = parse_number_option(a, value(), static_cast<int>(kMinSnapCount), INT32_MAX, snap_count); !e.empty()) {
        return e;
      }
      out.campaign.options.snap_count = snap_count;
    } else if (a == "--bugs") {
      const std::string& list = value();
      const auto bugs = parse_upstream_bugs(list);
      if (!bugs) {
        return fmt::format("--bugs: unknown bug in '{}' (a comma list of: {}; or none)", sim::word_for_message(list),
                           upstream_bug_names());
      }
      out.campaign.options.upstream_bugs = *bugs;
    } else {  // --out
      out.out_dir = value();
      if (out.out_dir.empty()) return "--out needs a directory name, saw ''";
    }
  }
  if (out.campaign.options.observers >= out.campaign.options.servers) {
    return fmt::format("--observers {} needs --servers {} or more (at least one server votes)",
                       out.campaign.options.observers, out.campaign.options.observers + 1);
  }
  if (out.campaign.options.servers < 2 && names_partition(faults_text)) {
    return "--faults partition needs --servers 2 or more (a partition splits the servers into two groups)";
  }
  if (out.sharded && out.jsonl_path.empty()) {
    out.jsonl_path = (std::filesystem::path(out.out_dir) /
                      fmt::format("shard-{}-of-{}.jsonl", out.campaign.shard.index, out.campaign.shard.count))
                         .string();
  }
  return {};
}

// The streamed JSON lines: opened (truncated) before the run, one flushed line per record.
class JsonlStream {
 public:
  JsonlStream() = default;
  JsonlStream(const JsonlStream&) = delete;
  JsonlStream& operator=(const JsonlStream&) = delete;
  ~JsonlStream() {
    if (file_) std::fclose(file_);
  }
  std::string open(const std::string& path) {
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_) return fmt::format("--jsonl: cannot write '{}': {}", sim::word_for_message(path), std::strerror(errno));
    return {};
  }
  bool is_open() const { return file_ != nullptr; }
  // Returns false when the line could not be written.
  bool write(const sim::FuzzJsonlRecord& record) {
    const std::string line = sim::format_fuzz_jsonl(record) + "\n";
    return std::fwrite(line.data(), 1, line.size(), file_) == line.size() && std::fflush(file_) == 0;
  }

 private:
  std::FILE* file_ = nullptr;
};

std::string full_scenario_path(const FuzzArgs& fa, uint64_t seed) {
  return (std::filesystem::path(fa.out_dir) / fmt::format("seed-{}-full.zks", seed)).string();
}

// Writes the generated scenario of seed; false when it cannot be written.
bool write_full_scenario(const FuzzArgs& fa, uint64_t seed, const std::string& path) {
  std::ofstream full(path, std::ios::binary | std::ios::trunc);
  full << sim::format_scenario(sim::generate_fuzz_scenario(seed, fa.campaign.options));
  full.flush();
  return static_cast<bool>(full);
}

// Creates DIR and a file in it (removed again), so that an output directory that cannot be
// written is reported before the campaign runs. Returns an error message or empty.
std::string check_out_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fmt::format("--out: cannot create directory '{}': {}", sim::word_for_message(dir), ec.message());
  if (!std::filesystem::is_directory(dir, ec)) {
    return fmt::format("--out: '{}' is not a directory", sim::word_for_message(dir));
  }
  const std::string probe = (std::filesystem::path(dir) / ".zksim-write-check").string();
  const int fd = open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return fmt::format("--out: cannot write in '{}': {}", sim::word_for_message(dir), std::strerror(errno));
  close(fd);
  std::filesystem::remove(probe, ec);
  return {};
}

void draw_progress(uint64_t done, uint64_t total, uint64_t failed, double seconds) {
  constexpr int kWidth = 30;
  const int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
  fmt::print(stderr, "\r[{}{}] {}/{} seeds  {:.1f} seeds/s  {} failed ", std::string(static_cast<size_t>(filled), '#'),
             std::string(static_cast<size_t>(kWidth - filled), '.'), done, total,
             seconds > 0 ? static_cast<double>(done) / seconds : 0.0, failed);
}

}  // namespace

int cmd_fuzz(const Args& args) {
  if (!args.empty() && args.front() == "merge") return cmd_fuzz_merge(Args(args.begin() + 1, args.end()));
  FuzzArgs fa;
  if (auto e = parse_args(args, fa); !e.empty()) return usage_error(e);
  if (auto e = check_out_dir(fa.out_dir); !e.empty()) return usage_error(e);
  JsonlStream jsonl;
  if (!fa.jsonl_path.empty()) {
    if (auto e = jsonl.open(fa.jsonl_path); !e.empty()) return usage_error(e);
  }
  const sim::FuzzShard shard = fa.campaign.shard;
  const bool show_progress = fa.progress || isatty(STDERR_FILENO);
  const uint64_t total = sim::fuzz_shard_seed_count(fa.campaign.first_seed, fa.campaign.last_seed, shard);
  sim::FuzzProgress progress;
  // Failing seeds are streamed as they are found (on_seed_reported runs serialised).
  std::string stream_error;
  if (jsonl.is_open()) {
    fa.campaign.on_seed_reported = [&](const sim::FuzzSeedResult& r) {
      if (!stream_error.empty()) return;
      bool ok = true;
      if (r.outcome.failed) {
        const std::string path = full_scenario_path(fa, r.seed);
        if (!write_full_scenario(fa, r.seed, path)) {
          stream_error = fmt::format("cannot write '{}'", path);
        } else {
          ok = jsonl.write(sim::FuzzJsonlFailure{shard, r.seed, r.outcome.kind, r.outcome.detail, path});
        }
      } else {
        ok = jsonl.write(sim::FuzzJsonlStuck{shard, r.seed});
      }
      if (!ok) stream_error = fmt::format("cannot write '{}'", fa.jsonl_path);
      if (!stream_error.empty()) progress.stop = true;
    };
  }
  sim::FuzzCampaignResult result;
  std::atomic<bool> finished{false};
  const auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  std::thread runner([&] {
    result = sim::run_fuzz_campaign(fa.campaign, &progress);
    finished = true;
  });
  bool timed_out = false;
  while (!finished.load()) {
    if (show_progress) draw_progress(progress.done.load(), total, progress.failed.load(), elapsed());
    if (fa.max_seconds > 0 && !timed_out && elapsed() >= fa.max_seconds) {
      timed_out = true;
      progress.stop = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  runner.join();
  const double seconds = elapsed();
  const uint64_t run = result.seeds_run;
  if (show_progress) {
    draw_progress(run, total, result.failed, seconds);
    fmt::print(stderr, "\n");
  }
  if (!stream_error.empty()) {
    fmt::print(stderr, "zksim: {}\n", stream_error);
    return 2;
  }
  // Failing seeds in seed order, whatever the number of jobs.
  print_fuzz_failures(result);
  if (timed_out && run < total) {
    fmt::print("stopped by --max-seconds {}: {} of {} seeds run\n", fa.max_seconds, run, total);
  }
  print_fuzz_stuck(result);
  const sim::FuzzOptions& options = fa.campaign.options;
  const uint64_t last_run = run == 0 ? fa.campaign.first_seed : fa.campaign.first_seed + run - 1;
  FuzzSummaryFigures figures{
      .range_text = fa.sharded ? fmt::format("shard {}/{} of {}..{}", shard.index, shard.count, fa.campaign.first_seed,
                                             fa.campaign.last_seed)
                               : fmt::format("{}..{}", fa.campaign.first_seed, last_run),
      .elapsed_s = seconds,
      .jobs = fa.campaign.jobs,
      .servers = options.servers,
      .clients = options.clients,
      .duration_us = options.duration_us,
      .bug = injected_bug_name(options.bug),
      .bugs = options.upstream_bugs.empty() ? std::string() : format_upstream_bugs(options.upstream_bugs)};
  print_fuzz_summary(result, figures);
  if (jsonl.is_open()) {
    const sim::FuzzJsonlShardSummary summary{.shard = shard,
                                             .first_seed = fa.campaign.first_seed,
                                             .last_seed = fa.campaign.last_seed,
                                             .shard_seed_count = total,
                                             .seeds_run = run,
                                             .failed = result.failed,
                                             .stuck = result.stuck_on_accepted_epoch,
                                             .elapsed_s = seconds,
                                             .jobs = fa.campaign.jobs,
                                             .max_seconds = fa.max_seconds,
                                             .stopped = run < total,
                                             .servers = options.servers,
                                             .observers = options.observers,
                                             .clients = options.clients,
                                             .duration_us = options.duration_us,
                                             .faults = sim::fuzz_faults_text(options),
                                             .bug = figures.bug,
                                             .bugs = figures.bugs};
    if (!jsonl.write(summary)) {
      fmt::print(stderr, "zksim: cannot write '{}'\n", fa.jsonl_path);
      return 2;
    }
  }
  if (result.failures.empty()) return 0;
  const sim::FuzzSeedResult* first_failure = &result.failures.front();
  const std::string full_path = full_scenario_path(fa, first_failure->seed);
  if (!write_full_scenario(fa, first_failure->seed, full_path)) {
    fmt::print(stderr, "zksim: cannot write '{}'\n", full_path);
    return 2;
  }
  fmt::print("full scenario: {}\n", full_path);
  if (!fa.shrink) return 1;
  const sim::Scenario failing = sim::generate_fuzz_scenario(first_failure->seed, options);
  const sim::ShrinkResult shrunk = sim::shrink_failure(failing, first_failure->outcome, options.bug);
  const std::string path = (std::filesystem::path(fa.out_dir) / fmt::format("seed-{}.zks", first_failure->seed)).string();
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << sim::render_reproducer(shrunk, first_failure->seed, options.bug, path);
  file.flush();
  if (!file) {
    fmt::print(stderr, "zksim: cannot write '{}'\n", path);
    return 2;
  }
  print_fuzz_reproducer(first_failure->seed, shrunk.original_steps, shrunk.scenario.steps.size(),
                        static_cast<uint64_t>(shrunk.runs), shrunk.outcome.kind, path, figures.bug);
  if (jsonl.is_open() &&
      !jsonl.write(sim::FuzzJsonlReproducer{shard, first_failure->seed, shrunk.outcome.kind, shrunk.original_steps,
                                            shrunk.scenario.steps.size(), static_cast<uint64_t>(shrunk.runs), path})) {
    fmt::print(stderr, "zksim: cannot write '{}'\n", fa.jsonl_path);
    return 2;
  }
  return 1;
}

}  // namespace zk::app
