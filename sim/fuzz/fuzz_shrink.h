// Shrinking a failing fuzz scenario: delta debugging (ddmin) over its steps, then shorter
// `run` durations, keeping every candidate that still fails with the same failure kind
// (the same invariant). The result is a small Scenario that `zksim run` replays to the
// same failure; render_reproducer() writes it as a commented `.zks` file.
#pragma once

#include <cstdint>
#include <string>

#include "core/injected_bug.h"
#include "sim/fuzz/fuzz_run.h"
#include "sim/scenario/scenario.h"

namespace zk::sim {

struct ShrinkResult {
  Scenario scenario;     // steps renumbered 2.. (line 1 is the cluster line)
  FuzzOutcome outcome;   // how the shrunk scenario fails
  int runs = 0;          // scenarios executed while shrinking
  size_t original_steps = 0;
};

// failing must fail with `failure`. A candidate counts as the same failure when it violates
// the same invariant; for the other kinds (not-converged, step-error, expectation) the
// message must match too, apart from the line number.
ShrinkResult shrink_failure(const Scenario& failing, const FuzzOutcome& failure, InjectedBug bug, int max_runs = 4000);

// The reproducer file: comment lines (seed, bug, failure, commands), then the scenario.
std::string render_reproducer(const ShrinkResult& shrunk, uint64_t seed, InjectedBug bug, const std::string& path);

}  // namespace zk::sim
