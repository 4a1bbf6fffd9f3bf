// How a simulated client reconnects, as ZooKeeper 3.8.0's Java client does
// (ClientCnxn.SendThread.run / startConnect and StaticHostProvider.next):
// - the host list is shuffled once when the client is created (a scenario may pin it);
// - before each attempt but those before the first TCP connection ever established it
//   sleeps a random 0-999 ms drawn from the run's PRNG;
// - coming back to the server of its last session (a full round) it sleeps 1 s more;
// - the default watcher's connection states are queued as the EventThread queues them.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"
#include "sim/clients/static_host_provider.h"

namespace {

zk::sim::RunReport run_text(const std::string& text, uint64_t seed = 1) {
  const auto parsed = zk::sim::parse_scenario(text, "client.zks");
  REQUIRE_MESSAGE(parsed.error.empty(), parsed.error);
  zk::sim::RunReport report = zk::sim::run_scenario(parsed.scenario, seed);
  REQUIRE_MESSAGE(report.ok(), report.error);
  return report;
}

// Times (µs) of the trace notes that start with `prefix`, in order.
std::vector<int64_t> note_times(const zk::sim::RunReport& report, const std::string& prefix) {
  std::vector<int64_t> times;
  for (const zk::TraceEvent& event : report.trace) {
    if (zk::describe(event).starts_with(prefix)) times.push_back(event.time_us);
  }
  return times;
}

std::vector<std::string> notes(const zk::sim::RunReport& report, const std::string& prefix) {
  std::vector<std::string> out;
  for (const zk::TraceEvent& event : report.trace) {
    if (std::string text = zk::describe(event); text.starts_with(prefix)) out.push_back(std::move(text));
  }
  return out;
}

}  // namespace

TEST_CASE("StaticHostProvider: round robin, 1 s spin when it comes back to the last session's server") {
  zk::sim::StaticHostProvider hosts({2, 3, 1});
  auto n = hosts.next();
  CHECK(n.server == 2);
  CHECK_FALSE(n.spin);  // never on the first attempt
  n = hosts.next();
  CHECK((n.server == 3 && !n.spin));
  n = hosts.next();
  CHECK((n.server == 1 && !n.spin));
  n = hosts.next();
  CHECK((n.server == 2 && n.spin));  // a full round without a session
  n = hosts.next();
  CHECK((n.server == 3 && !n.spin));
  hosts.on_connected();  // session on 3
  n = hosts.next();
  CHECK((n.server == 1 && !n.spin));
  n = hosts.next();
  CHECK((n.server == 2 && !n.spin));
  n = hosts.next();
  CHECK((n.server == 3 && n.spin));
  zk::sim::StaticHostProvider one({4});
  CHECK_FALSE(one.next().spin);
  CHECK(one.next().spin);  // a lone server: 1 s before every retry
}

TEST_CASE("shuffle_hosts is Collections.shuffle: a permutation, every order reachable, same seed same order") {
  std::set<std::vector<zk::ServerId>> seen;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    zk::sim::Prng prng(seed);
    std::vector<zk::ServerId> hosts{1, 2, 3};
    zk::sim::shuffle_hosts(hosts, prng);
    CHECK(std::set<zk::ServerId>(hosts.begin(), hosts.end()) == std::set<zk::ServerId>{1, 2, 3});
    seen.insert(hosts);
    zk::sim::Prng again(seed);
    std::vector<zk::ServerId> twice{1, 2, 3};
    zk::sim::shuffle_hosts(twice, again);
    CHECK(twice == hosts);
  }
  CHECK(seen.size() == 6);
}

TEST_CASE("a plain connect starts at a random server of the shuffled list - connect 3,1,2 at 3") {
  std::set<std::string> first_servers;
  for (uint64_t seed = 1; seed <= 24; ++seed) {
    const auto report = run_text("cluster 3\nstart 1 2 3\nrun until leader\nrun until converged\nclient c connect\nclient d connect 3,1,2\n", seed);
    const auto connected = notes(report, "client c: connected to S");
    REQUIRE(connected.size() == 1);
    first_servers.insert(connected[0].substr(0, std::string("client c: connected to S1").size()));
    CHECK(notes(report, "client d: connected to S3").size() == 1);
  }
  CHECK(first_servers.size() == 3);
}

TEST_CASE("after a lost connection the client sleeps a random 0-999 ms, then tries the next server of its list") {
  std::set<int64_t> sleeps_ms;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    // 5 servers, leader 5; the client's list is 2,4,1,3,5. Killing its server (a follower)
    // sends it to the next one in the list.
    const auto report = run_text(R"(cluster 5
start 1 2 3 4 5
run until leader
run until converged
client c connect 2,4,1,3,5
expect c server 2
kill 2
run 2s
expect c server 4
expect c state SyncConnected
expect c state Disconnected
expect c state SyncConnected
expect c no-event
)", seed);
    CHECK(report.failed() == 0);
    const auto lost = note_times(report, "client c: connection to S2 lost");
    const auto tries = notes(report, "client c: tries S4 in ");
    const auto reconnected = note_times(report, "client c: reconnected to S4");
    REQUIRE(lost.size() == 1);
    REQUIRE(tries.size() == 1);
    REQUIRE(reconnected.size() == 1);
    // "client c: tries S4 in N ms (random sleep N ms)"
    const std::string text = tries[0];
    const size_t at = std::string("client c: tries S4 in ").size();
    const int64_t sleep_ms = std::stoll(text.substr(at));
    CHECK(text == "client c: tries S4 in " + std::to_string(sleep_ms) + " ms (random sleep " +
                      std::to_string(sleep_ms) + " ms)");
    CHECK(sleep_ms >= 0);
    CHECK(sleep_ms <= 999);
    sleeps_ms.insert(sleep_ms);
    // The connect goes out after the sleep; the answer takes two link latencies (1-5 ms each).
    const int64_t gap_us = reconnected[0] - lost[0];
    CHECK(gap_us >= sleep_ms * 1000 + 2'000);
    CHECK(gap_us <= sleep_ms * 1000 + 25'000);  // a moved session is revalidated by the leader
  }
  CHECK(sleeps_ms.size() >= 6);  // drawn, not fixed
}

TEST_CASE("before its first TCP connection a client retries at once, and 1 s after a full round") {
  // Nothing runs: every connect is refused (no TCP connection), so no random sleep; after
  // S1, S2, S3 it comes back to S1 only after the 1 s spin.
  const auto report = run_text("cluster 3\nclient c connect 1,2,3\nrun 1500ms\n");
  const auto refused = note_times(report, "client c: connection to S");
  REQUIRE(refused.size() >= 4);
  CHECK(refused[1] - refused[0] <= 10'000);
  CHECK(refused[2] - refused[1] <= 10'000);
  CHECK(refused[3] - refused[2] >= 1'000'000);
  CHECK(refused[3] - refused[2] <= 1'010'000);
  CHECK(notes(report, "client c: tries S1 in 1000 ms (1000 ms after a full round)").size() >= 1);
  CHECK(notes(report, "client c: tries S2").empty());  // no sleep, no note
}

TEST_CASE("crash: the session outlives the process until it expires - close ends it at once") {
  const auto report = run_text(R"(cluster 3
start 1 2 3
run until leader
run until converged
client w connect 1 timeout=4s
expect w timeout 4s
w create -e /member x
client v connect 2
v stat -w /member
expect v stat ephemeralOwner session w
crash w
run 2s
v stat /member
expect v ok
expect v no-event
run 10s
expect v event NodeDeleted /member
expect w state SyncConnected
expect w no-event
client w connect 1
expect w state SyncConnected
)");
  CHECK(report.failed() == 0);
  CHECK(report.passed() == 8);
  // The session expired on the servers' clock, 4-8 s after the crash (ExpiryQueue buckets).
  const auto crashed = note_times(report, "client w: process crashed");
  REQUIRE(crashed.size() == 1);
}
