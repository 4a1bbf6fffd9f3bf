// The World's trace window (headless runs): beyond the window the oldest events are
// dropped a chunk at a time, the window is the tail of the whole trace, a sink sees every
// event in order, the invariant checker still reads every event, and a scenario run with a
// window streams exactly the trace and expectation order of a run that keeps everything.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"
#include "tests/unit/cluster/world_helpers.h"

namespace {

using zk::TraceEvent;

// Three servers, a client writing 400 times: several hundred trace events.
void busy_run(zk::sim::World& world) {
  zk::test::start_in_order(world, {1, 2, 3}, 1'000'000);
  REQUIRE(zk::test::run_until_settled(world));
  zk::test::connect_client(world, "c", 1);
  zk::test::do_op(world, "c", zk::test::create("/w"));
  for (int i = 0; i < 400; ++i) {
    zk::test::do_op(world, "c", zk::SetDataRequest{"/w", fmt::format("v{}", i), -1});
    if (i % 100 == 0) world.run_for(20'000'000);  // pings
  }
}

zk::sim::Scenario load_lesson(const std::string& name) {
  std::ifstream in(std::string(ZKSIM_SOURCE_DIR) + "/assets/scenarios/" + name);
  std::stringstream text;
  text << in.rdbuf();
  const auto parsed = zk::sim::parse_scenario(text.str(), name);
  REQUIRE_MESSAGE(parsed.error.empty(), parsed.error);
  return parsed.scenario;
}

// Longer than any lesson (their traces fit in one chunk): writes, synced reads and
// expectations, a leader killed halfway and a lossy network, about 1,500 trace events.
zk::sim::Scenario long_scenario() {
  std::string text = "cluster 3\nstart 1 2 3 every=1s\nrun until leader\nclient a connect 1\nclient b connect 2\n"
                     "a create /x \"0\"\nexpect a ok\n";
  for (int i = 1; i <= 240; ++i) {
    text += fmt::format("a set /x \"v{}\"\n", i);
    if (i % 40 == 0) text += fmt::format("b sync /x\nb get /x\nexpect b data \"v{}\"\nrun 30s\n", i);
    if (i == 120) text += "kill leader\nrun until leader\nrun 5s\n";
  }
  text += "network loss=100%\nrun 20s\nnetwork loss=0%\nrun until converged\nexpect converged\nexpect leader 1\n";
  const auto parsed = zk::sim::parse_scenario(text, "long.zks");
  REQUIRE_MESSAGE(parsed.error.empty(), parsed.error);
  return parsed.scenario;
}

}  // namespace

TEST_CASE("a trace window keeps the newest events and the sink sees every one") {
  zk::sim::World whole = zk::test::make_world(3);
  busy_run(whole);
  REQUIRE(whole.trace_dropped() == 0);
  const size_t total = whole.trace().size();
  REQUIRE(total > 600);

  constexpr size_t kWindow = 100;
  zk::sim::World windowed = zk::test::make_world(3);
  std::vector<TraceEvent> streamed;
  size_t largest = 0;
  windowed.set_trace_window(kWindow, [&](const TraceEvent& event) {
    streamed.push_back(event);
    largest = std::max(largest, windowed.trace().size());
  });
  busy_run(windowed);
  CHECK(windowed.trace_recorded() == total);
  CHECK(windowed.trace_dropped() > 0);
  CHECK(windowed.trace_dropped() % zk::Trace::kChunkSize == 0);
  // Events are recorded one at a time and the checker runs after each event, so the
  // window never holds more than max_events + one chunk.
  CHECK(largest < kWindow + zk::Trace::kChunkSize);
  CHECK(windowed.trace().size() >= kWindow);
  REQUIRE(streamed.size() == total);
  for (size_t i = 0; i < total; ++i) {
    REQUIRE(streamed[i] == whole.trace()[i]);
  }
  for (size_t i = 0; i < windowed.trace().size(); ++i) {
    REQUIRE(windowed.trace()[i] == whole.trace()[windowed.trace_dropped() + i]);
  }
  // Same run, same world state otherwise.
  CHECK(windowed.now_us() == whole.now_us());
  CHECK(windowed.events_processed() == whole.events_processed());
}

TEST_CASE("a trace window never drops events the invariant checker has not read") {
  // Window 1: everything the checker has read may go, nothing it has not.
  zk::sim::World world = zk::test::make_world(3);
  world.set_trace_window(1);
  busy_run(world);
  CHECK(world.trace_dropped() > 0);
  CHECK(world.trace().size() < 2 * zk::Trace::kChunkSize);
  CHECK_FALSE(world.violation().has_value());
}

TEST_CASE("a scenario run with a trace window streams the whole run's trace and expectation order") {
  for (const char* name : {"long", "reelection-kill-leader.zks", "upstream-ZOOKEEPER-4643.zks", "distributed-lock.zks"}) {
    CAPTURE(name);
    const bool is_long = std::string(name) == "long";
    const zk::sim::Scenario scenario = is_long ? long_scenario() : load_lesson(name);
    const zk::sim::RunReport whole = zk::sim::run_scenario(scenario, std::nullopt);
    REQUIRE(whole.trace_dropped == 0);

    std::vector<std::string> lines;  // as zksim run prints them: trace and expectations
    zk::sim::RunOptions options;
    options.trace_window = 1;
    options.on_trace = [&](const TraceEvent& event) { lines.push_back("T " + zk::describe(event)); };
    options.on_expectation = [&](const zk::sim::ExpectationResult& e) {
      lines.push_back(fmt::format("E {} {} {}", e.line, e.text, e.passed));
    };
    const zk::sim::RunReport windowed = zk::sim::run_scenario(scenario, std::nullopt, options);
    CHECK((windowed.trace_dropped > 0) == is_long);  // a lesson's trace is shorter than one chunk
    CHECK(windowed.trace_dropped + windowed.trace.size() == whole.trace.size());
    CHECK(windowed.failed() == whole.failed());
    CHECK(windowed.passed() == whole.passed());
    CHECK(windowed.violation == whole.violation);
    CHECK(windowed.error == whole.error);

    std::vector<std::string> expected;
    size_t next = 0;
    for (const auto& e : whole.expectations) {
      for (; next < e.trace_index; ++next) expected.push_back("T " + zk::describe(whole.trace[next]));
      expected.push_back(fmt::format("E {} {} {}", e.line, e.text, e.passed));
    }
    for (; next < whole.trace.size(); ++next) expected.push_back("T " + zk::describe(whole.trace[next]));
    REQUIRE(lines.size() == expected.size());
    for (size_t i = 0; i < lines.size(); ++i) {
      CAPTURE(i);
      REQUIRE(lines[i] == expected[i]);
    }
  }
}
