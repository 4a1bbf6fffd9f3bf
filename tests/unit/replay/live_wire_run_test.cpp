// A live session through the GUI's command layer (`zksim gui --serve`, sim/gateway/live_pump.h):
// `wire` actions applied to a RecordedRun go through the run's own gateway, time travel
// restores that gateway with the world, acting in the past is refused while real clients are
// served, a jump back and forward re-encodes nothing a socket was already given, and the
// session saved as a scenario replays headless with every byte checked.
#include <doctest/doctest.h>

#include <string>

#include "sim/gateway/request_decoder.h"
#include "sim/replay/recorded_run.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"
#include "tests/unit/gateway/wire_bytes.h"

using namespace zk;
using namespace zk::sim;
using namespace zk::test_wire;

namespace {

Wire send(const std::string& bytes) {
  Wire wire{.kind = Wire::Kind::kSend, .connection = "c1"};
  wire.bytes = bytes;
  return wire;
}

// What the pump does once a turn: collect, then give the socket what it has not had.
std::string pump_output(RecordedRun& run, uint64_t* sent) {
  gateway::Gateway* g = run.wire()->gateway_if_made();
  if (g->has_collect_pending()) REQUIRE(run.apply(Wire{.kind = Wire::Kind::kCollect}).empty());
  const uint64_t id = run.wire()->connection_id("c1");
  const std::string out(g->unsent(id, *sent));
  *sent += out.size();
  g->trim_output(id, *sent);
  return out;
}

}  // namespace

TEST_CASE("wire actions in a RecordedRun: time travel keeps the gateway, nothing is sent twice, the save replays") {
  RecordedRun run;
  run.new_cluster(3, 7);
  run.start_in_order({1, 2, 3}, 0);
  run.run_for(8'000'000);
  REQUIRE(run.world()->leader().has_value());
  run.live = true;
  Wire gateway_line{.kind = Wire::Kind::kGateway};
  REQUIRE(run.apply(gateway_line).empty());
  REQUIRE(run.apply(Wire{.kind = Wire::Kind::kOpen, .connection = "c1", .server = 1,
                         .remote_address = "127.0.0.1:5000"}).empty());
  REQUIRE(run.apply(send(connect_frame(0, std::string(16, '\0')))).empty());
  uint64_t sent = 0;
  run.run_for(100'000);
  const std::string connect_response = pump_output(run, &sent);
  CHECK(connect_response.size() == 41);  // length, protocol, timeout, session, password, readOnly
  const int64_t connected_us = run.world()->now_us();
  REQUIRE(run.apply(send(framed(be32(1) + be32(gateway::opcode::kCreate) + jstr("/a") + jstr("x") + open_acl() +
                                be32(0)))).empty());
  run.run_for(100'000);
  const std::string create_reply = pump_output(run, &sent);
  CHECK(create_reply.size() == 4 + 16 + 6);  // header (xid, zxid, err) and the path "/a"
  const std::vector<gateway::Gateway::ConnectionView> live = run.wire()->gateway_if_made()->connections();
  REQUIRE(live.size() == 1);
  CHECK(live[0].last_request == "create /a");
  CHECK(live[0].session_id != 0);
  const int64_t end_us = run.world()->now_us();

  // Back before the connection: the gateway there has none, and acting is refused.
  run.jump_to(connected_us - 200'000);
  CHECK_FALSE(run.at_horizon());
  CHECK((run.wire() == nullptr || run.wire()->gateway_if_made()->connections().empty()));
  CHECK(run.apply(send("x")) == "real clients saw what follows this moment: go to the end of the run (End) to act");
  // Forward again: the same connection, and every byte it was given is not given again.
  run.jump_to(end_us);
  CHECK(run.at_horizon());
  gateway::Gateway* g = run.wire()->gateway_if_made();
  REQUIRE(g->connections().size() == 1);
  CHECK(g->connections()[0].session_id == live[0].session_id);
  CHECK(g->unsent(run.wire()->connection_id("c1"), sent).empty());
  CHECK(g->unsent(run.wire()->connection_id("c1"), 0).size() == connect_response.size() + create_reply.size());

  // Saved and replayed headless: the bytes the client got are checked and match.
  const SavedScenario saved = run.to_scenario();
  CHECK(saved.warning.empty());
  CHECK(saved.text.find("wire c1 open 1 from 127.0.0.1:5000\n") != std::string::npos);
  CHECK(saved.text.find("expect wire c1 got 41 crc32=") != std::string::npos);
  CHECK(saved.text.find("expect wire c1 got 26 crc32=") != std::string::npos);
  const ParseResult parsed = parse_scenario(saved.text, "session.zks");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  const RunReport report = run_scenario(parsed.scenario, std::nullopt);
  CHECK(report.error.empty());
  CHECK(report.failed() == 0);
  CHECK(report.passed() == 2);
  // The recording opened in the GUI travels in time through its wire lines too.
  RecordedRun reopened;
  reopened.open_scenario(parsed.scenario, std::nullopt);
  reopened.scenario_run_to_end();
  REQUIRE(reopened.wire() != nullptr);
  CHECK(reopened.wire()->gateway_if_made()->connections().size() == 1);
  reopened.jump_to(connected_us - 200'000);
  CHECK((reopened.wire() == nullptr || reopened.wire()->gateway_if_made()->connections().empty()));
  reopened.jump_to(reopened.horizon_us());
  CHECK(reopened.wire()->gateway_if_made()->connections().size() == 1);
  CHECK(reopened.wire()->gateway_if_made()->connections()[0].session_id == live[0].session_id);
}
