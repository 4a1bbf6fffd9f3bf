// `zksim fuzz [--seeds A..B] [--jobs N] [--servers N] [--observers K] [--clients N] [--duration DUR]
// [--faults LIST] [--inject-bug NAME] [--bugs LIST] [--out DIR] [--no-shrink] [--progress] [--max-seconds N]`:
// generates one random workload + fault schedule per seed, runs each on its own World with
// the invariant checker on (workers take seeds from a shared counter; only failures are
// kept), prints the failing seeds in seed order, shrinks the first failure to a small
// `.zks` reproducer in DIR and prints the commands that replay it. DIR is created and
// probed before the first seed runs. A progress line (seeds/s, failures so far) goes to
// stderr when it is a terminal or with --progress. Exit status 0 all seeds passed, 1 a seed
// failed, 2 bad usage or an output that cannot be written.
#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/cli_numbers.h"
#include "app/commands.h"
#include "sim/text/duration.h"
#include "sim/fuzz/fuzz_run.h"
#include "sim/fuzz/fuzz_shrink.h"
#include "sim/scenario/scenario_format.h"
#include "sim/text/text_words.h"

namespace zk::app {
namespace {

struct FuzzArgs {
  sim::FuzzCampaign campaign;
  std::string out_dir = "fuzz-out";
  bool shrink = true;
  bool progress = false;
  int max_seconds = 0;  // 0: no limit
};

// A campaign covers at most this many seeds (B - A < kSeedsMax).
constexpr uint64_t kSeedsMax = 100'000'000;

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
               a != "--duration" && a != "--faults" && a != "--inject-bug" && a != "--bugs" && a != "--out" && a != "--max-seconds") {
      return fmt::format("unknown option '{}' for 'zksim fuzz'", a);
    } else if (!has_value) {
      return fmt::format("{} needs a value", a);
    } else if (a == "--seeds") {
      uint64_t first = 0, last = 0;
      if (auto e = parse_range_option(a, value(), 0, UINT64_MAX - 1, first, last); !e.empty()) return e;
      if (last - first >= kSeedsMax) {
        return fmt::format("--seeds covers at most {} seeds, saw '{}'", kSeedsMax, args[i]);
      }
      out.campaign.first_seed = first;
      out.campaign.last_seed = last;
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
  return {};
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
  FuzzArgs fa;
  if (auto e = parse_args(args, fa); !e.empty()) return usage_error(e);
  if (auto e = check_out_dir(fa.out_dir); !e.empty()) return usage_error(e);
  const bool show_progress = fa.progress || isatty(STDERR_FILENO);
  const uint64_t total = fa.campaign.last_seed - fa.campaign.first_seed + 1;
  sim::FuzzProgress progress;
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
  // Failing seeds in seed order, whatever the number of jobs.
  for (const sim::FuzzSeedResult& r : result.failures) {
    fmt::print("seed {}: FAILED {}: {}\n", r.seed, r.outcome.kind, sim::escape_for_message(r.outcome.detail));
  }
  if (result.failed > result.failures.size()) {
    fmt::print("(and {} more failing seeds, not listed: only the lowest {} are kept)\n",
               result.failed - result.failures.size(), result.failures.size());
  }
  if (timed_out && run < total) {
    fmt::print("stopped by --max-seconds {}: {} of {} seeds run\n", fa.max_seconds, run, total);
  }
  const uint64_t last_run = run == 0 ? fa.campaign.first_seed : fa.campaign.first_seed + run - 1;
  if (result.stuck_on_accepted_epoch > 0) {
    fmt::print("{} seed(s) passed but left a server refused by a lower-epoch leader (ZooKeeper's "
               "Learner.registerWithLeader: \"Leaders epoch ... is less than accepted epoch\"; see README): {}{}\n",
               result.stuck_on_accepted_epoch, fmt::join(result.stuck_seeds, ", "),
               result.stuck_on_accepted_epoch > result.stuck_seeds.size() ? ", ..." : "");
  }
  fmt::print("{} seeds ({}..{}), {} failed, {:.1f} seeds/s ({:.2f} s wall, {} jobs, {} servers, {} clients, {} s "
             "simulated each, bug {}{})\n",
             run, fa.campaign.first_seed, last_run, result.failed, static_cast<double>(run) / seconds, seconds,
             fa.campaign.jobs, fa.campaign.options.servers, fa.campaign.options.clients,
             static_cast<double>(fa.campaign.options.duration_us) / 1e6, injected_bug_name(fa.campaign.options.bug),
             fa.campaign.options.upstream_bugs.empty()
                 ? std::string()
                 : ", upstream bugs " + format_upstream_bugs(fa.campaign.options.upstream_bugs));
  if (result.failures.empty()) return 0;
  const sim::FuzzSeedResult* first_failure = &result.failures.front();
  const sim::Scenario failing = sim::generate_fuzz_scenario(first_failure->seed, fa.campaign.options);
  const std::string full_path =
      (std::filesystem::path(fa.out_dir) / fmt::format("seed-{}-full.zks", first_failure->seed)).string();
  std::ofstream full(full_path, std::ios::binary | std::ios::trunc);
  full << sim::format_scenario(failing);
  full.flush();
  if (!full) {
    fmt::print(stderr, "zksim: cannot write '{}'\n", full_path);
    return 2;
  }
  fmt::print("full scenario: {}\n", full_path);
  if (!fa.shrink) return 1;
  const sim::ShrinkResult shrunk = sim::shrink_failure(failing, first_failure->outcome, fa.campaign.options.bug);
  const std::string path = (std::filesystem::path(fa.out_dir) / fmt::format("seed-{}.zks", first_failure->seed)).string();
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << sim::render_reproducer(shrunk, first_failure->seed, fa.campaign.options.bug, path);
  file.flush();
  if (!file) {
    fmt::print(stderr, "zksim: cannot write '{}'\n", path);
    return 2;
  }
  const std::string bug_flag = fa.campaign.options.bug == InjectedBug::kNone
                                   ? ""
                                   : fmt::format(" --inject-bug {}", injected_bug_name(fa.campaign.options.bug));
  fmt::print("seed {}: shrunk from {} to {} steps in {} runs; still fails with {}\n", first_failure->seed,
             shrunk.original_steps, shrunk.scenario.steps.size(), shrunk.runs, shrunk.outcome.kind);
  fmt::print("reproducer: {}\n", path);
  fmt::print("replay:     zksim run{} {}\n", bug_flag, path);
  fmt::print("watch:      zksim gui {}\n", path);
  return 1;
}

}  // namespace zk::app
