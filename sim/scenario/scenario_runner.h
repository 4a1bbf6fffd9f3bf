// run_scenario: executes a parsed Scenario on a fresh World, step by step, in virtual
// time. ScenarioStepper is the same interpreter one step at a time (the GUI steps a
// scenario line by line); run_scenario is a stepper run to its end. Acting commands drive the World's command layer; client operations are sent and
// awaited (up to 30 s of virtual time); every `expect` becomes one ExpectationResult
// (passed or failed with what was seen). A step that cannot run (no leader for `leader`,
// a `run until` timeout, a refused command) stops the run with RunReport::error set to
// "FILE:LINE: message". Deterministic: the same scenario and seed give the same report.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/trace_event.h"
#include "sim/check/history.h"
#include "sim/scenario/scenario.h"
#include "sim/world/world.h"

namespace zk::sim {

struct ExpectationResult {
  int line = 0;
  std::string text;    // the expectation as written (canonical form)
  bool passed = false;
  std::string detail;  // on failure: what was expected and what was seen
  int64_t time_us = 0;
  size_t trace_index = 0;  // trace events recorded before it was checked (World::trace_recorded)
};

struct RunOptions {
  bool echo_steps = true;  // record each step as a note in the trace ("line 3: start 1 2 3")
  // 0: unlimited. Otherwise a cap on virtual time: `run` and `run until` stop at it, and a
  // step that starts at or after it stops the run with "FILE:LINE: virtual time budget ..."
  // (for tests that run many mutated scenarios; `zksim run` leaves it at 0).
  int64_t max_virtual_time_us = 0;
  bool record_messages = false;  // fill RunReport::messages (for --chrome-trace flows)
  // Called just before every instant action the runner applies (a single start, kill,
  // partition, client operation, ...) with the virtual time and the number of events the
  // world has processed, so a run can be recorded as replayable actions (the GUI does).
  std::function<void(int64_t at_us, int64_t events_before, const Command& command)> on_action;
  InjectedBug injected_bug = InjectedBug::kNone;  // `--inject-bug NAME` (checker tests only)
  // At the end, check the clients' histories (sim/check/linearizability.h); a violation is
  // reported like an invariant violation.
  bool check_consistency = true;
  bool keep_trace = true;
  // Headless runs: keep only the newest trace_window trace events (World::set_trace_window;
  // 0 keeps all), so RunReport::trace is that window. on_trace gets every event as it is
  // recorded and on_expectation every expectation as it is checked, in the order zksim run
  // prints them (an expectation after the events recorded before it was checked).
  size_t trace_window = 0;
  std::function<void(const TraceEvent&)> on_trace;
  std::function<void(const ExpectationResult&)> on_expectation;
  // Headless runs: fold the clients' settled operations into the consistency checker every
  // this many operations (World::set_history_window; 0 keeps them all).
  size_t history_fold_ops = 0;
  // Tests: the invariant checker prunes its zxid tables every this many new zxids (0: its
  // default, InvariantChecker::kPruneEveryApplied).
  size_t zxid_prune_every = 0;
  // Fuzzing: a generated kill / pause / resume aimed at a server that has exited by itself
  // (ZooKeeper's System.exit, e.g. a failed TRUNC) is skipped with a note instead of
  // stopping the run; the generator cannot know the server is down.
  bool skip_faults_on_exited_servers = false;
  bool keep_history = false;      // fill RunReport::history (benchmarks)
  bool invariant_checking = true; // off only to measure the checker's cost
  std::function<void(const World&)> inspect_world;  // called with the final world (tests, debugging)
};


struct RunReport {
  std::string file_name;
  uint64_t seed = 1;
  std::vector<ExpectationResult> expectations;
  std::string error;  // "FILE:LINE: message" when a step could not run; empty otherwise
  Trace trace;                // with RunOptions::trace_window, only the newest events
  size_t trace_dropped = 0;   // events before trace[0] (World::trace_dropped)
  std::vector<MessageRecord> messages;  // only with RunOptions::record_messages
  int64_t end_time_us = 0;
  // Set when the invariant checker stopped the run; it is also the last (failed) expectation.
  std::optional<InvariantViolation> violation;
  int64_t events = 0;                // events the world processed
  std::vector<HistoryOp> history;    // only with RunOptions::keep_history

  int passed() const;
  int failed() const;
  bool ok() const { return error.empty(); }
};

// Executes a scenario one step (one line) at a time on its own World.
class ScenarioStepper {
 public:
  ScenarioStepper(Scenario scenario, std::optional<uint64_t> seed_override, RunOptions options = {});
  ~ScenarioStepper();
  ScenarioStepper(const ScenarioStepper&) = delete;
  ScenarioStepper& operator=(const ScenarioStepper&) = delete;

  // Runs the next step; false when there was none left (finished or stopped on an error).
  bool step();
  // Adds a step at the end (builds a scenario while running it, e.g. when the GUI saves
  // a session); the next step() runs it unless the run stopped on an error.
  void append(Step step);
  bool done() const;
  // Index of the next step to run in scenario().steps (== steps.size() when finished).
  size_t next_step() const;
  const Scenario& scenario() const { return *scenario_; }
  uint64_t seed() const;
  const World& world() const;
  // Expectations checked and the error so far (trace, messages and end time are filled
  // by finish()).
  const RunReport& report() const;
  // The complete report; the stepper must not be used afterwards.
  RunReport finish();
  // `expect wire` lines for the bytes its `wire` lines made that no expectation checked yet.
  std::vector<ExpectWire> unchecked_wire_output() const;

 private:
  class Impl;
  std::unique_ptr<Scenario> scenario_;  // stable address for the interpreter
  std::unique_ptr<Impl> impl_;
};

RunReport run_scenario(const Scenario& scenario, std::optional<uint64_t> seed_override, RunOptions options = {});

// The World a `cluster` line describes (the runner and the GUI build theirs with it).
WorldConfig world_config(const Cluster& cluster, uint64_t seed, InjectedBug bug = InjectedBug::kNone);

}  // namespace zk::sim
