// `zksim fuzz [--seeds A..B] [--jobs N] [--servers N] [--clients N] [--duration DUR]
// [--faults LIST] [--inject-bug NAME] [--bugs LIST] [--out DIR] [--no-shrink] [--progress]`: generates one
// random workload + fault schedule per seed, runs each on its own World with the invariant
// checker on (seeds spread over worker threads), prints every failing seed, shrinks the
// first failure to a small `.zks` reproducer in DIR and prints the commands that replay
// it. A progress line (seeds/s, failures so far) goes to stderr when it is a terminal or
// with --progress. Exit status 0 all seeds passed, 1 a seed failed, 2 bad usage.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/commands.h"
#include "sim/duration.h"
#include "sim/fuzz_run.h"
#include "sim/fuzz_shrink.h"
#include "sim/scenario_format.h"

namespace zk::app {
namespace {

struct FuzzArgs {
  sim::FuzzCampaign campaign;
  std::string out_dir = "fuzz-out";
  bool shrink = true;
  bool progress = false;
};

bool parse_count(const std::string& text, uint64_t& out) {
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoull(text);
  return true;
}

std::string parse_args(const Args& args, FuzzArgs& out) {
  out.campaign.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    auto value = [&]() -> const std::string& { return args[++i]; };
    uint64_t n = 0;
    if (a == "--progress") {
      out.progress = true;
    } else if (a == "--no-shrink") {
      out.shrink = false;
    } else if (!has_value) {
      return fmt::format("unknown option or missing value: '{}'", a);
    } else if (a == "--seeds") {
      const std::string& range = value();
      const size_t dots = range.find("..");
      uint64_t first = 0, last = 0;
      if (dots == std::string::npos || !parse_count(range.substr(0, dots), first) ||
          !parse_count(range.substr(dots + 2), last) || first > last || last - first >= 100'000'000) {
        return fmt::format("--seeds needs A..B with A <= B (at most 10^8 seeds), saw '{}'", range);
      }
      out.campaign.first_seed = first;
      out.campaign.last_seed = last;
    } else if (a == "--jobs") {
      if (!parse_count(value(), n) || n < 1 || n > 256) return "--jobs needs a number 1..256";
      out.campaign.jobs = static_cast<int>(n);
    } else if (a == "--servers") {
      if (!parse_count(value(), n) || n < 1 || n > 9) return "--servers needs a number 1..9";
      out.campaign.options.servers = static_cast<int>(n);
    } else if (a == "--clients") {
      if (!parse_count(value(), n) || n < 1 || n > 100) return "--clients needs a number 1..100";
      out.campaign.options.clients = static_cast<int>(n);
    } else if (a == "--duration") {
      const sim::DurationResult d = sim::parse_duration_us(value());
      if (!d.ok()) return "--duration: " + d.error;
      if (d.duration_us <= 0 || d.duration_us > 3'600'000'000) return "--duration must be in 1us..1h";
      out.campaign.options.duration_us = d.duration_us;
    } else if (a == "--faults") {
      if (auto e = sim::parse_fuzz_faults(value(), out.campaign.options.faults); !e.empty()) return "--faults: " + e;
    } else if (a == "--inject-bug") {
      const std::string& name = value();
      const auto bug = parse_injected_bug(name);
      if (!bug) {
        return fmt::format("unknown bug '{}' (ack-before-fsync, commit-without-quorum, vote-ignores-epoch, "
                           "leader-skips-trunc, read-uncommitted)", name);
      }
      out.campaign.options.bug = *bug;
    } else if (a == "--bugs") {
      const std::string& list = value();
      const auto bugs = parse_upstream_bugs(list);
      if (!bugs) return fmt::format("--bugs: unknown bug in '{}' (a comma list of: {}; or none)", list, upstream_bug_names());
      out.campaign.options.upstream_bugs = *bugs;
    } else if (a == "--out") {
      out.out_dir = value();
    } else {
      return fmt::format("unknown option '{}'", a);
    }
  }
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
  const bool show_progress = fa.progress || isatty(STDERR_FILENO);
  const uint64_t total = fa.campaign.last_seed - fa.campaign.first_seed + 1;
  sim::FuzzProgress progress;
  std::vector<sim::FuzzSeedResult> results;
  const auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  std::thread runner([&] { results = sim::run_fuzz_campaign(fa.campaign, &progress); });
  while (progress.done.load() < total) {
    if (show_progress) draw_progress(progress.done.load(), total, progress.failed.load(), elapsed());
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  runner.join();
  const double seconds = elapsed();
  if (show_progress) {
    draw_progress(total, total, progress.failed.load(), seconds);
    fmt::print(stderr, "\n");
  }
  const sim::FuzzSeedResult* first_failure = nullptr;
  uint64_t failures = 0;
  for (const sim::FuzzSeedResult& r : results) {
    if (!r.outcome.failed) continue;
    ++failures;
    if (!first_failure) first_failure = &r;
    fmt::print("seed {}: FAILED {}: {}\n", r.seed, r.outcome.kind, r.outcome.detail);
  }
  fmt::print("{} seeds ({}..{}), {} failed, {:.1f} seeds/s ({:.2f} s wall, {} jobs, {} servers, {} clients, {} s "
             "simulated each, bug {}{})\n",
             total, fa.campaign.first_seed, fa.campaign.last_seed, failures, static_cast<double>(total) / seconds, seconds,
             fa.campaign.jobs, fa.campaign.options.servers, fa.campaign.options.clients,
             static_cast<double>(fa.campaign.options.duration_us) / 1e6, injected_bug_name(fa.campaign.options.bug),
             fa.campaign.options.upstream_bugs.empty()
                 ? std::string()
                 : ", upstream bugs " + format_upstream_bugs(fa.campaign.options.upstream_bugs));
  if (!first_failure) return 0;
  // The whole generated scenario of the first failure, then (unless --no-shrink) the shrunk one.
  const sim::Scenario failing = sim::generate_fuzz_scenario(first_failure->seed, fa.campaign.options);
  std::error_code ec;
  std::filesystem::create_directories(fa.out_dir, ec);
  const std::string full_path =
      (std::filesystem::path(fa.out_dir) / fmt::format("seed-{}-full.zks", first_failure->seed)).string();
  std::ofstream full(full_path, std::ios::binary | std::ios::trunc);
  full << sim::format_scenario(failing);
  full.flush();
  fmt::print("full scenario: {}\n", full ? full_path : "(cannot write " + full_path + ")");
  if (!fa.shrink) return 1;
  const sim::ShrinkResult shrunk = sim::shrink_failure(failing, first_failure->outcome, fa.campaign.options.bug);
  const std::string path = (std::filesystem::path(fa.out_dir) / fmt::format("seed-{}.zks", first_failure->seed)).string();
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << sim::render_reproducer(shrunk, first_failure->seed, fa.campaign.options.bug, path);
  file.flush();
  if (!file) {
    fmt::print(stderr, "zksim: cannot write '{}'\n", path);
    return 1;
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
