// The invariant checker inside real runs: lessons pass with it on, a violation stops the
// world with one trace event naming it, and the runner reports it as a failed check.
#include <doctest/doctest.h>

#include "sim/fuzz/fuzz_generate.h"
#include "sim/fuzz/fuzz_run.h"
#include "sim/fuzz/fuzz_shrink.h"
#include "sim/check/invariant_checker.h"
#include "sim/scenario/scenario_format.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"

namespace zk::sim {

TEST_CASE("invariant checker: a violation's text names the invariant and the servers") {
  CHECK(describe_violation(InvariantViolation{"digest-agreement", {2, 3}, "at zxid 0x5 they differ"}) ==
        "digest-agreement violated by S2, S3: at zxid 0x5 they differ");
  CHECK(describe_violation(InvariantViolation{"client-fifo", {}, "x"}) == "client-fifo violated: x");
}

TEST_CASE("invariant checker: commit without a quorum loses an acknowledged write and stops the run") {
  // The shrunk reproducer of fuzz seed 15 (3 servers, faults crash/pause/slow-disk).
  const char* text =
      "cluster 3 seed=15\nstart 1 2 3\nrun until leader\nclient init connect 1\ninit create /queue 0\n"
      "client c2 connect 3 timeout=4s\nclients async\nkill 1\npause 3\nkill 2\nc2 create -s /queue/item- job7\n"
      "restart 1\nrestart 2\nresume 3\nrun until converged timeout=2m\n";
  const ParseResult parsed = parse_scenario(text, "repro.zks");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  RunOptions options;
  options.injected_bug = InjectedBug::kCommitWithoutQuorum;
  const RunReport buggy = run_scenario(parsed.scenario, std::nullopt, options);
  REQUIRE(buggy.violation.has_value());
  CHECK(buggy.violation->invariant == "acked-txn-durable");
  CHECK(buggy.violation->servers == std::vector<ServerId>{1});
  CHECK(buggy.violation->detail == "S1 established epoch 2 without client-acknowledged txn 0x100000004");
  REQUIRE(buggy.failed() == 1);
  CHECK(buggy.expectations.back().text == "invariant acked-txn-durable");
  CHECK(buggy.expectations.back().line == 15);
  // Exactly one trace event reports it, and it is the last one: the world stopped there.
  size_t reported = 0;
  for (const TraceEvent& e : buggy.trace) reported += e.kind == TraceKind::kInvariantViolated ? 1 : 0;
  CHECK(reported == 1);
  CHECK(buggy.trace.back().kind == TraceKind::kInvariantViolated);
  CHECK(buggy.trace.back().text ==
        "acked-txn-durable violated by S1: S1 established epoch 2 without client-acknowledged txn 0x100000004");
  // The correct protocol passes the same scenario.
  const RunReport correct = run_scenario(parsed.scenario, std::nullopt, RunOptions{});
  CHECK_FALSE(correct.violation.has_value());
  CHECK(correct.ok());
  CHECK(correct.failed() == 0);
}

TEST_CASE("shrinking: a failing fuzz seed shrinks to a scenario that parses back and fails the same way") {
  FuzzOptions options;
  options.servers = 3;
  options.clients = 5;
  options.duration_us = 10'000'000;
  options.faults = {FuzzFault::kCrash, FuzzFault::kPause, FuzzFault::kSlowDisk};
  options.bug = InjectedBug::kCommitWithoutQuorum;
  const Scenario failing = generate_fuzz_scenario(40, options);
  const FuzzOutcome outcome = run_fuzz_scenario(failing, options.bug);
  REQUIRE(outcome.failed);
  CHECK(outcome.kind == "acked-txn-durable");
  const ShrinkResult shrunk = shrink_failure(failing, outcome, options.bug);
  CHECK(shrunk.scenario.steps.size() < failing.steps.size() / 4);
  CHECK(shrunk.outcome.kind == "acked-txn-durable");
  const std::string file = render_reproducer(shrunk, 40, options.bug, "out/seed-40.zks");
  CHECK(file.find("# Replay: zksim run --inject-bug commit-without-quorum out/seed-40.zks\n") != std::string::npos);
  const ParseResult parsed = parse_scenario(file, "seed-40.zks");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  CHECK(run_fuzz_scenario(parsed.scenario, options.bug).kind == "acked-txn-durable");
  CHECK_FALSE(run_fuzz_scenario(parsed.scenario, InjectedBug::kNone).failed);
}

}  // namespace zk::sim
