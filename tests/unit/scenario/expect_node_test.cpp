// `expect node ID PATH data|children|missing|stat ...`: parsed into the exact AST (a client
// named `node` keeps its own expectations), refused with a reason, written back to the same
// text, and checked against the server's own tree with a one-line "saw ..." when it fails.
#include <doctest/doctest.h>

#include "core/data_tree.h"
#include "scenario_test_util.h"
#include "sim/scenario/node_check.h"
#include "sim/scenario/scenario_format.h"
#include "sim/scenario/scenario_runner.h"

using namespace zk;
using namespace zk::sim;
using zk::sim::test::command_of;
using zk::sim::test::line_error;
using zk::sim::test::parse_ok;

namespace {
constexpr ServerRef S(int id) { return ServerRef{.is_leader = false, .id = id}; }

ExpectNode node(ServerRef server, std::string path, NodeCheckKind kind) {
  ExpectNode out;
  out.server = server;
  out.path = std::move(path);
  out.kind = kind;
  return out;
}
}  // namespace

TEST_CASE("expect node: each check parses into the exact AST") {
  ExpectNode data = node(S(2), "/a", NodeCheckKind::kData);
  data.text = "x y\n";
  CHECK(command_of("expect node 2 /a data \"x y\\n\"") == Command(data));
  ExpectNode children = node(ServerRef{.is_leader = true, .id = 0}, "/", NodeCheckKind::kChildren);
  children.names = {"zookeeper", "a"};
  CHECK(command_of("expect node leader / children zookeeper a") == Command(children));
  CHECK(command_of("expect node 1 /a children") == Command(node(S(1), "/a", NodeCheckKind::kChildren)));
  CHECK(command_of("expect node 3 /a/b missing") == Command(node(S(3), "/a/b", NodeCheckKind::kMissing)));
  ExpectNode version = node(S(1), "/a", NodeCheckKind::kStat);
  version.field = StatField::kVersion;
  version.value = 2;
  CHECK(command_of("expect node 1 /a stat version 2") == Command(version));
  CHECK(command_of("expect node 1 /a stat dataVersion 2") == Command(version));  // zkCli's label
  ExpectNode pzxid = node(S(1), "/a", NodeCheckKind::kStat);
  pzxid.field = StatField::kPzxid;
  pzxid.value = 0x100000003;
  CHECK(command_of("expect node 1 /a stat pzxid 0x100000003") == Command(pzxid));
  ExpectNode owner = node(S(1), "/e", NodeCheckKind::kStat);
  owner.field = StatField::kEphemeralOwner;
  owner.session_of = "c";
  CHECK(command_of("expect node 1 /e stat ephemeralOwner session c") == Command(owner));
  // A client named `node` keeps its expectations; `expect node ID ...` still is a node check.
  const Scenario named = parse_ok("cluster 3\nclient node connect 1\nexpect node ok\nexpect node 1 / missing\n");
  CHECK(named.steps[1].command == Command(ExpectOk{.client = "node"}));
  CHECK(named.steps[2].command == Command(node(S(1), "/", NodeCheckKind::kMissing)));
}

TEST_CASE("expect node: errors name the word and the usage") {
  CHECK(line_error("expect node") == "t.zks:3: missing server id (usage: expect node ID PATH data \"TEXT\" | children "
                                     "A B ... | missing | stat FIELD VALUE)");
  CHECK(line_error("expect node 1 /a") == "t.zks:3: missing what to expect (usage: expect node ID PATH data \"TEXT\" "
                                          "| children A B ... | missing | stat FIELD VALUE)");
  CHECK(line_error("expect node 4 /a missing") == "t.zks:3: server id 4 is out of range 1..3");
  CHECK(line_error("expect node 1 a missing") == "t.zks:3: bad path 'a' (a path starts with '/', e.g. /app)");
  CHECK(line_error("expect node 1 /a size 3") ==
        "t.zks:3: unknown node check 'size' (data, children, missing or stat)");
  CHECK(line_error("expect node 1 /a data") == "t.zks:3: missing TEXT (usage: expect node ID PATH data \"TEXT\")");
  CHECK(line_error("expect node 1 /a data x y") == "t.zks:3: extra argument 'y' (usage: expect node ID PATH data \"TEXT\")");
  CHECK(line_error("expect node 1 /a missing now") == "t.zks:3: extra argument 'now' (usage: expect node ID PATH missing)");
  CHECK(line_error("expect node 1 /a children b/c") == "t.zks:3: bad child name 'b/c' (a node name, without '/')");
  CHECK(line_error("expect node 1 /a stat version 0x1") ==
        "t.zks:3: bad number '0x1' for version (expected -2147483648..2147483647)");
  CHECK(line_error("expect node 1 /a stat czxid 3") ==
        "t.zks:3: bad zxid '3' for czxid (use hex as zkCli prints it, e.g. 0x100000003)");
  CHECK(line_error("expect node 1 /a stat size 3") ==
        "t.zks:3: unknown stat field 'size' (one of: czxid mzxid pzxid ctime mtime version cversion aclVersion "
        "ephemeralOwner dataLength numChildren)");
  CHECK(line_error("expect node 1 /a stat version session c") ==
        "t.zks:3: 'session NAME' compares with a client's session id: only for ephemeralOwner, not 'version'");
}

TEST_CASE("expect node: format_step writes the canonical line, which parses back to the same check") {
  const char* lines[] = {
      "expect node 2 /a data \"x y\\n\"",         "expect node 2 /a data \"\"",
      "expect node 2 /a data \"plain\"",          "expect node leader / children zookeeper a",
      "expect node 1 /a children",                "expect node 1 \"/a b\" children \"c d\"",
      "expect node 3 /a/b missing",               "expect node 1 /a stat version 2",
      "expect node 1 /a stat pzxid 0x100000003",  "expect node 1 /e stat ephemeralOwner session c",
      "expect node 1 /a stat cversion -1",        "expect node 1 /a stat aclVersion 0",
  };
  for (const char* line : lines) {
    INFO(line);
    const Command command = command_of(line);
    CHECK(format_step(command) == line);
    CHECK(command_of(format_step(command)) == command);
  }
  CHECK(format_step(command_of("expect node 2 /a data plain")) == "expect node 2 /a data \"plain\"");
  CHECK(format_step(command_of("expect node 1 /a stat dataVersion 2")) == "expect node 1 /a stat version 2");
}

TEST_CASE("expect node: check_node against a server's tree, and what it saw when it fails") {
  const DataTree tree;  // "/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config"
  ExpectNode data = node(S(1), "/zookeeper/quota", NodeCheckKind::kData);
  NodeCheckResult result = check_node(tree, 1, data, 0, "");
  CHECK(result.passed);
  data.text = "q";
  result = check_node(tree, 1, data, 0, "");
  CHECK_FALSE(result.passed);
  CHECK(result.detail == "expected S1 /zookeeper/quota data \"q\", saw \"\"");
  ExpectNode children = node(S(2), "/zookeeper", NodeCheckKind::kChildren);
  children.names = {"quota", "config"};  // any order
  CHECK(check_node(tree, 2, children, 0, "").passed);
  children.names = {"quota"};
  result = check_node(tree, 2, children, 0, "");
  CHECK_FALSE(result.passed);
  CHECK(result.detail == "expected S2 /zookeeper children quota, saw config quota");
  children.names = {"quota", "quota", "config"};
  CHECK_FALSE(check_node(tree, 2, children, 0, "").passed);
  result = check_node(tree, 2, node(S(2), "/zookeeper/quota", NodeCheckKind::kChildren), 0, "");
  CHECK(result.passed);
  CHECK(result.detail == "expected S2 /zookeeper/quota children (none), saw (none)");
  result = check_node(tree, 3, node(S(3), "/a", NodeCheckKind::kMissing), 0, "");
  CHECK(result.passed);
  result = check_node(tree, 3, node(S(3), "/zookeeper", NodeCheckKind::kMissing), 0, "");
  CHECK_FALSE(result.passed);
  CHECK(result.detail == "expected S3 /zookeeper missing, saw it (data \"\", version 0)");
  ExpectNode stat = node(S(1), "/a", NodeCheckKind::kStat);
  stat.field = StatField::kNumChildren;
  result = check_node(tree, 1, stat, 2, "");
  CHECK_FALSE(result.passed);
  CHECK(result.detail == "expected S1 /a numChildren 2, saw no such node");
  stat.path = "/zookeeper";
  CHECK(check_node(tree, 1, stat, 2, "").passed);
  stat.field = StatField::kMzxid;
  result = check_node(tree, 1, stat, 0x100000001, "");
  CHECK_FALSE(result.passed);
  CHECK(result.detail == "expected S1 /zookeeper mzxid 0x100000001, saw 0x0");
  stat.field = StatField::kEphemeralOwner;
  result = check_node(tree, 1, stat, 0x5, " (c's session)");
  CHECK(result.detail == "expected S1 /zookeeper ephemeralOwner 0x5 (c's session), saw 0x0");
}

TEST_CASE("expect node: a scenario checks each server's own copy, and a FAILED line stays one line") {
  // S1, a follower, is cut off before the set: its copy keeps the old data and version.
  const ParseResult parsed = parse_scenario(
      "cluster 3 seed=5\nstart 1 2 3\nrun until leader\nclient c connect 2,3\n"
      "c create -e /e \"x\\ny\"\nc create /p \"\"\nc create /p/k v\nrun 1s\n"
      "partition 1 | 2 3 c\nc set /e z\nrun 1s\n"
      "expect node 1 /e data \"x\\ny\"\n"                 // 12
      "expect node 3 /e data \"z\"\n"                     // 13
      "expect node 1 /e stat version 0\n"                 // 14
      "expect node leader /e stat version 1\n"            // 15
      "expect node 3 /e stat ephemeralOwner session c\n"  // 16
      "expect node 2 /p children k\n"                     // 17
      "expect node 2 /p/k missing\n"                      // 18
      "expect node 3 /e data \"x\\ny\"\n"                 // 19
      "expect node 1 /e data \"z\"\n"                     // 20
      "expect node 2 /p children k j\n"                   // 21
      "kill 2\nexpect node 2 /p children k\n",            // 23
      "t.zks");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  const RunReport report = run_scenario(parsed.scenario, std::nullopt);
  REQUIRE_MESSAGE(report.error.empty(), report.error);
  REQUIRE(report.expectations.size() == 11);
  for (size_t i = 0; i < 6; ++i) {
    INFO(report.expectations[i].text, " -> ", report.expectations[i].detail);
    CHECK(report.expectations[i].passed);
  }
  CHECK(report.expectations[3].detail == "expected S3 /e version 1, saw 1");  // leader: S3
  CHECK_FALSE(report.expectations[6].passed);
  CHECK(report.expectations[6].line == 18);
  CHECK(report.expectations[6].detail == "expected S2 /p/k missing, saw it (data \"v\", version 0)");
  CHECK_FALSE(report.expectations[7].passed);
  CHECK(report.expectations[7].text == "expect node 3 /e data \"x\\ny\"");
  CHECK(report.expectations[7].detail == "expected S3 /e data \"x\\ny\", saw \"z\"");
  CHECK_FALSE(report.expectations[8].passed);
  CHECK(report.expectations[8].detail == "expected S1 /e data \"z\", saw \"x\\ny\"");
  CHECK_FALSE(report.expectations[9].passed);
  CHECK(report.expectations[9].detail == "expected S2 /p children k j, saw k");
  CHECK_FALSE(report.expectations[10].passed);
  CHECK(report.expectations[10].line == 23);
  CHECK(report.expectations[10].detail == "S2 is down");
}
