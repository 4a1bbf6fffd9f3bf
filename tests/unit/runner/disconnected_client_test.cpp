// A client's request made while it is disconnected, as ZooKeeper's ClientCnxn handles it:
// the request waits in the outgoing queue and goes out once a connection is established,
// so a read right after a re-election sees the last committed write; a connection attempt
// that fails fails the waiting request with CONNECTIONLOSS. Also: an expectation on a
// remembered value says when the client's last operation failed.
#include <doctest/doctest.h>

#include <string>

#include "sim/scenario_parser.h"
#include "sim/scenario_runner.h"

namespace {

zk::sim::RunReport run_text(const std::string& text) {
  const auto parsed = zk::sim::parse_scenario(text, "client.zks");
  REQUIRE_MESSAGE(parsed.error.empty(), parsed.error);
  zk::sim::RunReport report = zk::sim::run_scenario(parsed.scenario, std::nullopt);
  REQUIRE_MESSAGE(report.ok(), report.error);
  return report;
}

const zk::sim::ExpectationResult& expectation_at(const zk::sim::RunReport& report, int line) {
  for (const auto& e : report.expectations) {
    if (e.line == line) return e;
  }
  FAIL("no expectation at line " << line);
  return report.expectations.front();
}

// The client reaches S3 (S1 and S2 are not serving yet when it tries them). When the
// leader S3 dies, S1 and S2 stop serving while they elect S1 (S2 had not joined epoch 1
// yet), so the client's reconnects are refused and it waits a second before the next
// round. The get is asked in that second.
constexpr const char* kReadAfterReelection = R"(cluster 3
start 1 2 3
run until leader
expect leader 3
client c1 connect 1
c1 create /app v1
c1 set /app v2
kill leader
run until leader
expect leader 1
c1 get /app
expect c1 ok
expect c1 data "v2"
expect state 2 FOLLOWING
)";

}  // namespace

TEST_CASE("a read asked while the client reconnects waits for the connection and sees the last write") {
  const zk::sim::RunReport report = run_text(kReadAfterReelection);
  CHECK(report.failed() == 0);
  CHECK(expectation_at(report, 12).passed);
  CHECK(expectation_at(report, 13).passed);
  // The get was asked while the client was disconnected: its reply came after the
  // reconnect, not at the moment it was asked.
  const int64_t asked_us = expectation_at(report, 10).time_us;
  const int64_t answered_us = expectation_at(report, 12).time_us;
  int reconnects_between = 0;
  for (const zk::TraceEvent& event : report.trace) {
    if (event.detail.starts_with("client c1: reconnected to S1") && event.time_us > asked_us &&
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
