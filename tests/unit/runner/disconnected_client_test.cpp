// A client's request made while it is disconnected, as ZooKeeper's ClientCnxn handles it:
// the request waits in the outgoing queue and goes out, in order, once a connection is
// established, so a read right after a re-election sees the last committed write; a
// connection attempt that fails fails the waiting requests with CONNECTIONLOSS, an expired
// session with SESSIONEXPIRED, and closing a disconnected client fails them and stops it.
// Also: an expectation on a remembered value says when the client's last operation failed.
#include <doctest/doctest.h>

#include <string>

#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"

namespace {

zk::sim::RunReport run_text(const std::string& text) {
  const auto parsed = zk::sim::parse_scenario(text, "client.zks");
  REQUIRE_MESSAGE(parsed.error.empty(), parsed.error);
  zk::sim::RunOptions options;
  options.keep_history = true;
  zk::sim::RunReport report = zk::sim::run_scenario(parsed.scenario, std::nullopt, options);
  REQUIRE_MESSAGE(report.ok(), report.error);
  return report;
}

// The client's latest operation on `path` in the recorded history.
const zk::sim::HistoryOp& history_op(const zk::sim::RunReport& report, const std::string& client,
                                     const std::string& path) {
  const zk::sim::HistoryOp* found = nullptr;
  for (const auto& op : report.history) {
    if (op.client == client && op.path == path && (!found || op.cxid > found->cxid)) found = &op;
  }
  REQUIRE_MESSAGE(found != nullptr, "no operation of " << client << " on " << path);
  return *found;
}

bool trace_has(const zk::sim::RunReport& report, const std::string& text) {
  for (const zk::TraceEvent& event : report.trace) {
    if (zk::describe(event) == text) return true;
  }
  return false;
}

// The session id a client was first given, read from its "connected" trace line (ids carry
// the server host's clock, drawn from the seed).
std::string session_of(const zk::sim::RunReport& report, const std::string& client) {
  const std::string prefix = "client " + client + ": connected to S";
  for (const zk::TraceEvent& event : report.trace) {
    const std::string text = zk::describe(event);
    if (!text.starts_with(prefix)) continue;
    const size_t at = text.find("session 0x");
    REQUIRE(at != std::string::npos);
    return text.substr(at + 8, text.find(',', at) - at - 8);
  }
  FAIL("client " << client << " never connected");
  return "";
}

const zk::sim::ExpectationResult& expectation_at(const zk::sim::RunReport& report, int line) {
  for (const auto& e : report.expectations) {
    if (e.line == line) return e;
  }
  FAIL("no expectation at line " << line);
  return report.expectations.front();
}

// The client's list is pinned (1,2,3) and it is on the follower S1. When S1 dies the
// client sees the reset within a link latency, sleeps its random 0-999 ms and moves to
// S2; the get is asked in that sleep, while it is disconnected, waits in the outgoing queue and is answered after the reconnect.
constexpr const char* kReadAfterReconnect = R"(cluster 3
start 1 2 3
run until leader
run until converged
expect leader 3
client c1 connect 1,2,3
c1 create /app v1
c1 set /app v2
kill 1
run 5ms
expect state 1 DOWN
c1 get /app
expect c1 ok
expect c1 data "v2"
expect state 2 FOLLOWING
)";

// Lines 1-4 of the scenarios below: three servers, all serving.
constexpr const char* kSettledCluster = "cluster 3\nstart 1 2 3\nrun until leader\nrun until converged\n";

}  // namespace

TEST_CASE("a read asked while the client reconnects waits for the connection and sees the last write") {
  const zk::sim::RunReport report = run_text(kReadAfterReconnect);
  CHECK(report.failed() == 0);
  CHECK(expectation_at(report, 13).passed);
  CHECK(expectation_at(report, 14).passed);
  // The get was asked while the client was disconnected: its reply came after the
  // reconnect, not at the moment it was asked.
  const int64_t asked_us = expectation_at(report, 11).time_us;
  const int64_t answered_us = expectation_at(report, 13).time_us;
  CHECK(answered_us > asked_us);
  int reconnects_between = 0;
  for (const zk::TraceEvent& event : report.trace) {
    if (zk::describe(event).starts_with("client c1: reconnected to S2") && event.time_us > asked_us &&
        event.time_us <= answered_us) {
      ++reconnects_between;
    }
  }
  CHECK(reconnects_between == 1);
}

TEST_CASE("a request waiting for a connection fails with CONNECTIONLOSS when the attempt fails") {
  // c2 is cut off with S2, which stops serving: every attempt to connect fails.
  const zk::sim::RunReport report = run_text(R"(cluster 3
start 1 2 3 every=1s
run until leader
expect leader 2
client c2 connect 2
c2 create /before x
partition 2 c2 | 1 3
run 20s
c2 create /during y
expect c2 error CONNECTIONLOSS
c2 get /before
expect c2 data "x"
)");
  CHECK(expectation_at(report, 10).passed);
  // The create waited for the next attempt, which failed.
  const zk::sim::HistoryOp& during = history_op(report, "c2", "/during");
  CHECK(during.err == zk::ErrorCode::kConnectionLoss);
  CHECK(during.completed_us > during.invoked_us);
  const auto& data = expectation_at(report, 12);
  CHECK_FALSE(data.passed);
  CHECK(data.detail == "no successful get yet (the last operation, get /before, failed with CONNECTIONLOSS)");
}

TEST_CASE("a failed data expectation names the failed operation when the value seen is an older one") {
  const zk::sim::RunReport report = run_text(R"(cluster 3
start 1 2 3
run until leader
client c connect 1
c create /a one
c get /a
c get /missing
expect c data "two"
expect c stat version 1
expect c data "one"
)");
  CHECK(expectation_at(report, 8).detail ==
        "expected \"two\", saw \"one\" (the last operation, get /missing, failed with NONODE)");
  CHECK(expectation_at(report, 9).detail ==
        "expected version 1, saw 0 (the last operation, get /missing, failed with NONODE)");
  CHECK(expectation_at(report, 10).passed);
}

TEST_CASE("requests made while reconnecting go out in the order they were made") {
  // S1 crashes under the client; while it connects to S2 it is asked three sequential
  // creates at once (`clients async`): they get the sequence numbers in that order.
  const zk::sim::RunReport report = run_text(std::string(kSettledCluster) + R"(client c connect 1
c create /q
kill 1
run 5ms
clients async
c create -s /q/n- one
c create -s /q/n- two
c create -s /q/n- three
run 3s
clients wait
c get /q/n-0000000000
expect c data "one"
c get /q/n-0000000001
expect c data "two"
c get /q/n-0000000002
expect c data "three"
)");
  CHECK(report.failed() == 0);
  CHECK(report.passed() == 3);
  CHECK(trace_has(report, "client c: connection to S1 lost (connection reset)"));
  const zk::sim::HistoryOp& last = history_op(report, "c", "/q/n-");  // the third create
  CHECK(last.err == zk::ErrorCode::kOk);
  CHECK(last.completed_us > last.invoked_us);
}

TEST_CASE("a request waiting when the session turns out to have expired fails with SESSIONEXPIRED") {
  // Cut off for 10 s, the client's session (6 s) expires on the servers. The get is asked
  // after the heal, while the client waits before its next attempt; that attempt learns
  // of the expiry.
  const zk::sim::RunReport report = run_text(std::string(kSettledCluster) + R"(client c connect 1
c create /q
partition c | 1 2 3
run 10100ms
heal
c get /q
expect c error SESSIONEXPIRED
)");
  CHECK(expectation_at(report, 11).passed);
  // Which server tells it depends on the client's shuffled server list (a PRNG draw).
  bool told = false;
  const std::string session = session_of(report, "c");
  CHECK(session.starts_with("0x1"));  // made by S1
  for (const zk::TraceEvent& event : report.trace) {
    told = told || zk::describe(event).starts_with("client c: session " + session + " has expired (told by S");
  }
  CHECK(told);
  const zk::sim::HistoryOp& get = history_op(report, "c", "/q");  // the get, after the create
  CHECK(get.err == zk::ErrorCode::kSessionExpired);
  CHECK(get.completed_us > get.invoked_us);
}

TEST_CASE("closing a disconnected client fails what waits and stops it reconnecting") {
  const zk::sim::RunReport report = run_text(std::string(kSettledCluster) + R"(client c connect 1
kill 1
run 5ms
clients async
c create /x a
c close
run 2s
clients wait
c get /
expect c error SESSIONEXPIRED
client d connect 2
d get /x
expect d error NONODE
)");
  CHECK(report.failed() == 0);
  const std::string session = session_of(report, "c");
  CHECK(trace_has(report, "client c: closed while disconnected; session " + session + " is left to expire"));
  CHECK_FALSE(trace_has(report, "client c: reconnected to S2, session " + session + ", timeout 6000 ms"));
  const zk::sim::HistoryOp& create = history_op(report, "c", "/x");
  CHECK(create.err == zk::ErrorCode::kConnectionLoss);
}
