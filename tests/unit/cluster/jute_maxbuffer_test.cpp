// Requests larger than jute.maxbuffer: the server closes the connection before reading
// them (ZooKeeper 3.8's NIOServerCnxn.readLength), so the request fails with
// CONNECTIONLOSS, nothing is written, and the client reconnects with its session intact.
// Packet sizes follow jute's encoding of the Java client's requests.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>

#include "core/request_size.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"

namespace zk {

TEST_CASE("request_packet_bytes: jute sizes of the requests (header, strings, the open ACL)") {
  CHECK(request_packet_bytes(SetDataRequest{"/a", "", -1}) == 8 + 6 + 4 + 4);
  CHECK(request_packet_bytes(SetDataRequest{"/a", std::string(10, 'x'), -1}) == 8 + 6 + 14 + 4);
  CHECK(request_packet_bytes(CreateRequest{"/a", "", CreateMode::kPersistent, -1}) == 8 + 6 + 4 + 27 + 4);
  CHECK(request_packet_bytes(CreateRequest{"/a", "", CreateMode::kPersistentWithTtl, 5}) == 8 + 6 + 4 + 27 + 4 + 8);
  CHECK(request_packet_bytes(GetDataRequest{"/a", true}) == 8 + 6 + 1);
  CHECK(request_packet_bytes(MultiRequest{{CheckRequest{"/a", 1}}}) == 8 + 9 + 6 + 4 + 9);
  CHECK(kJuteMaxBufferBytes == 1048575);
}

namespace {

// Runs the scenario text and checks every expectation passed.
void run_all_pass(const std::string& text) {
  const sim::ParseResult parsed = sim::parse_scenario(text, "t.zks");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  const sim::RunReport report = sim::run_scenario(parsed.scenario, std::nullopt);
  REQUIRE_MESSAGE(report.ok(), report.error);
  REQUIRE_FALSE(report.expectations.empty());
  for (const sim::ExpectationResult& e : report.expectations) CHECK_MESSAGE(e.passed, e.line, ": ", e.detail);
}

constexpr const char* kSetup = "cluster 3\nstart 1 2 3\nrun until leader\nclient c connect 1\n";

}  // namespace

TEST_CASE("a setData above jute.maxbuffer fails with CONNECTIONLOSS, writes nothing, and the session lives on") {
  // setData "/a": 8 + (4 + 2) + (4 + data) + 4 bytes.
  const size_t set_max = static_cast<size_t>(kJuteMaxBufferBytes) - 22;
  run_all_pass(fmt::format("{}c create /a x\n"
                           "c set /a {}\nexpect c ok\n"                      // exactly jute.maxbuffer: accepted
                           "c set /a {}\nexpect c error CONNECTIONLOSS\n"    // one byte more
                           "c get /a\nexpect c stat dataLength {}\nexpect c stat version 1\n",
                           kSetup, std::string(set_max, 's'), std::string(set_max + 1, 't'), set_max));
}

TEST_CASE("a create above jute.maxbuffer fails with CONNECTIONLOSS and creates nothing") {
  // create "/b": 8 + (4 + 2) + (4 + data) + 27 (the open ACL) + 4 (flags) bytes.
  const size_t create_max = static_cast<size_t>(kJuteMaxBufferBytes) - 49;
  run_all_pass(fmt::format("{}c create /b {}\nexpect c error CONNECTIONLOSS\n"
                           "c stat /b\nexpect c error NONODE\n"
                           "c create /c {}\nexpect c created /c\n",
                           kSetup, std::string(create_max + 1, 'u'), std::string(create_max, 'v')));
}

}  // namespace zk
