// ddmin over scenario steps, then halving `run` durations (see fuzz_shrink.h).
#include "sim/fuzz/fuzz_shrink.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "sim/scenario/scenario_format.h"

namespace zk::sim {
namespace {

class Shrinker {
 public:
  Shrinker(const Scenario& failing, const FuzzOutcome& failure, InjectedBug bug, int max_runs)
      : best_(failing), failure_(failure), bug_(bug), max_runs_(max_runs) {
    renumber(best_);
  }

  ShrinkResult shrink() {
    ShrinkResult result;
    result.original_steps = best_.steps.size();
    outcome_ = run_fuzz_scenario(best_, bug_);
    ++runs_;
    truncate_after_failure(best_, outcome_);
    ddmin();
    shorten_runs();
    ddmin();
    result.scenario = best_;
    result.outcome = outcome_;
    result.runs = runs_;
    return result;
  }

 private:
  static void renumber(Scenario& s) {
    for (size_t i = 0; i < s.steps.size(); ++i) s.steps[i].line = static_cast<int>(i) + 2;
  }
  static void truncate_after_failure(Scenario& s, const FuzzOutcome& outcome) {
    const auto keep = static_cast<size_t>(std::max(0, outcome.line - 1));
    if (outcome.line > 0 && keep < s.steps.size()) s.steps.resize(keep);
  }
  // Runs a candidate; on the same failure it becomes the best (cut after the failing step).
  bool try_candidate(Scenario candidate) {
    if (runs_ >= max_runs_) return false;
    renumber(candidate);
    ++runs_;
    FuzzOutcome outcome = run_fuzz_scenario(candidate, bug_);
    if (!same_failure(outcome)) return false;
    truncate_after_failure(candidate, outcome);
    best_ = std::move(candidate);
    outcome_ = std::move(outcome);
    return true;
  }

  // The message without "FILE:LINE: " and the zxids/states that follow "after DUR: ".
  static std::string essence(const FuzzOutcome& o) {
    std::string text = o.detail;
    const size_t colon = text.find(": ");
    if (colon != std::string::npos && text.find(".zks:") < colon) text = text.substr(colon + 2);
    std::string out;  // hex numbers (zxids) dropped: they move as steps go
    for (size_t i = 0; i < text.size(); ++i) {
      if (text.compare(i, 2, "0x") == 0) {
        i += 2;
        while (i < text.size() && std::isxdigit(static_cast<unsigned char>(text[i]))) ++i;
        --i;
        continue;
      }
      out += text[i];
    }
    return out;
  }
  bool same_failure(const FuzzOutcome& o) const {
    if (!o.failed || o.kind != failure_.kind) return false;
    if (o.kind == "not-converged" || o.kind == "step-error" || o.kind == "expectation") {
      return essence(o) == essence(failure_);
    }
    return true;
  }

  void ddmin() {
    size_t chunks = 2;
    while (best_.steps.size() >= 2 && runs_ < max_runs_) {
      const size_t size = best_.steps.size();
      chunks = std::min(chunks, size);
      bool reduced = false;
      for (size_t c = 0; c < chunks && !reduced; ++c) {
        const size_t from = size * c / chunks, to = size * (c + 1) / chunks;
        Scenario candidate = best_;
        candidate.steps.erase(candidate.steps.begin() + static_cast<std::ptrdiff_t>(from),
                              candidate.steps.begin() + static_cast<std::ptrdiff_t>(to));
        reduced = try_candidate(std::move(candidate));
      }
      if (reduced) {
        chunks = std::max<size_t>(chunks - 1, 2);
      } else if (chunks >= size) {
        break;
      } else {
        chunks = std::min(size, chunks * 2);
      }
    }
  }

  void shorten_runs() {
    for (size_t i = 0; i < best_.steps.size() && runs_ < max_runs_; ++i) {
      for (int attempt = 0; attempt < 6; ++attempt) {
        const auto* run = std::get_if<Run>(&best_.steps[i].command);
        if (!run || run->duration_us < 2000) break;
        Scenario candidate = best_;
        std::get<Run>(candidate.steps[i].command).duration_us = run->duration_us / 2 / 1000 * 1000;
        if (!try_candidate(std::move(candidate)) || i >= best_.steps.size()) break;
      }
    }
  }

  Scenario best_;
  FuzzOutcome outcome_;
  FuzzOutcome failure_;
  InjectedBug bug_;
  int max_runs_;
  int runs_ = 0;
};

}  // namespace

ShrinkResult shrink_failure(const Scenario& failing, const FuzzOutcome& failure, InjectedBug bug, int max_runs) {
  return Shrinker(failing, failure, bug, max_runs).shrink();
}

std::string render_reproducer(const ShrinkResult& shrunk, uint64_t seed, InjectedBug bug, const std::string& path) {
  const std::string bug_flag = bug == InjectedBug::kNone ? "" : fmt::format(" --inject-bug {}", injected_bug_name(bug));
  std::string text;
  text += fmt::format("# zksim fuzz reproducer: seed {}, shrunk from {} to {} steps in {} runs.\n", seed,
                      shrunk.original_steps, shrunk.scenario.steps.size(), shrunk.runs);
  if (bug != InjectedBug::kNone) text += fmt::format("# Injected bug: {} (pass --inject-bug to replay).\n", injected_bug_name(bug));
  text += fmt::format("# Expected failure: {}\n", shrunk.outcome.detail);
  text += "# The invariant checker runs on every event; the run stops at the violation and reports it\n";
  text += "# as a failed check (exit status 1).\n";
  text += fmt::format("# Replay: zksim run{} {}\n", bug_flag, path);
  text += fmt::format("# Watch:  zksim gui {}\n", path);
  text += format_scenario(shrunk.scenario);
  return text;
}

}  // namespace zk::sim
