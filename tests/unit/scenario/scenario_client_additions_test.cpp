// The client additions of the scenario language: `client NAME connect` with a host list or
// none, `crash NAME`, `NAME multi OP ; OP ...`, and `expect NAME results|state|server|
// timeout` and `expect NAME stat ephemeralOwner session OTHER`: what each parses to, its
// canonical text, and the file:line error of each misuse.
#include <doctest/doctest.h>

#include "scenario_test_util.h"
#include "sim/scenario/scenario_format.h"

using namespace zk::sim;
using zk::sim::test::command_of;
using zk::sim::test::error_of;
using zk::sim::test::parse_ok;

namespace {

constexpr ServerRef S(int id) { return ServerRef{.is_leader = false, .id = id}; }

// "cluster 3 / client c connect 1 / <line>": the error of line 3.
std::string line_error(const std::string& line) { return error_of("cluster 3\nclient c connect 1\n" + line + "\n"); }

}  // namespace

TEST_CASE("client connect: one id pins the first server, a list pins the order, none shuffles") {
  const Scenario scenario =
      parse_ok("cluster 5\nclient a connect 2\nclient b connect 3,1,5 timeout=4s\nclient d connect\n");
  REQUIRE(scenario.steps.size() == 3);
  CHECK(scenario.steps[0].command == Command(ClientConnect{.client = "a", .server = S(2), .timeout_us = 6'000'000,
                                                           .host_order = {}, .shuffled = false}));
  CHECK(scenario.steps[1].command == Command(ClientConnect{.client = "b", .server = {}, .timeout_us = 4'000'000,
                                                           .host_order = {3, 1, 5}, .shuffled = false}));
  CHECK(scenario.steps[2].command == Command(ClientConnect{.client = "d", .server = {}, .timeout_us = 6'000'000,
                                                           .host_order = {}, .shuffled = true}));
  CHECK(format_step(scenario.steps[0].command) == "client a connect 2");
  CHECK(format_step(scenario.steps[1].command) == "client b connect 3,1,5 timeout=4s");
  CHECK(format_step(scenario.steps[2].command) == "client d connect");
}

TEST_CASE("crash NAME, and the name may be connected again") {
  const Scenario scenario = parse_ok("cluster 3\nclient c connect 1\ncrash c\nexpect c state Disconnected\nclient c connect 2\nc get /\n");
  REQUIRE(scenario.steps.size() == 5);
  CHECK(scenario.steps[1].command == Command(ClientCrash{.client = "c"}));
  CHECK(format_step(scenario.steps[1].command) == "crash c");
}

TEST_CASE("multi: create, set, delete and check ops separated by semicolons") {
  const Command command =
      command_of("c multi create -e -s /q/n- \"a b\" ; set /a x -v 3 ; delete /b ; check /a -v 4 ; check /c ; create /d");
  const auto& multi = std::get<ClientMulti>(command);
  CHECK(multi.client == "c");
  REQUIRE(multi.ops.size() == 6);
  CHECK(multi.ops[0] == zk::MultiOp(zk::CreateRequest{"/q/n-", "a b", zk::CreateMode::kEphemeralSequential, -1}));
  CHECK(multi.ops[1] == zk::MultiOp(zk::SetDataRequest{"/a", "x", 3}));
  CHECK(multi.ops[2] == zk::MultiOp(zk::DeleteRequest{"/b", -1}));
  CHECK(multi.ops[3] == zk::MultiOp(zk::CheckRequest{"/a", 4}));
  CHECK(multi.ops[4] == zk::MultiOp(zk::CheckRequest{"/c", -1}));
  CHECK(multi.ops[5] == zk::MultiOp(zk::CreateRequest{"/d", "", zk::CreateMode::kPersistent, -1}));
  CHECK(format_step(command) ==
        "c multi create -e -s /q/n- \"a b\" ; set /a x -v 3 ; delete /b ; check /a -v 4 ; check /c ; create /d");
  // A quoted ";" is data, and is written back quoted.
  const Command data = command_of("c multi set /a \";\" ; delete /a");
  CHECK(std::get<ClientMulti>(data).ops[0] == zk::MultiOp(zk::SetDataRequest{"/a", ";", -1}));
  CHECK(format_step(data) == "c multi set /a \";\" ; delete /a");
}

TEST_CASE("client expectations: results, state, server, timeout, ephemeralOwner session") {
  CHECK(command_of("expect c results OK BADVERSION RUNTIMEINCONSISTENCY") ==
        Command(ExpectResults{.client = "c", .code_names = {"OK", "BADVERSION", "RUNTIMEINCONSISTENCY"},
                              .codes = {0, -103, -2}}));
  CHECK(command_of("expect c state Expired") ==
        Command(ExpectClientState{.client = "c", .state = ClientKeeperState::kExpired}));
  CHECK(command_of("expect c server leader") ==
        Command(ExpectClientServer{.client = "c", .server = ServerRef{.is_leader = true, .id = 0}}));
  CHECK(command_of("expect c server 3") == Command(ExpectClientServer{.client = "c", .server = S(3)}));
  CHECK(command_of("expect c timeout 4s") == Command(ExpectClientTimeout{.client = "c", .timeout_us = 4'000'000}));
  CHECK(command_of("expect c stat ephemeralOwner session c") ==
        Command(ExpectStat{.client = "c", .field = StatField::kEphemeralOwner, .value = 0, .session_of = "c"}));
  for (const char* line : {"expect c results OK BADVERSION RUNTIMEINCONSISTENCY", "expect c state SyncConnected",
                           "expect c state Closed", "expect c server leader", "expect c timeout 4s",
                           "expect c timeout 4500ms", "expect c stat ephemeralOwner session c"}) {
    CHECK(format_step(command_of(line)) == line);
  }
}

TEST_CASE("errors: connect lists, crash, multi and the new expectations") {
  CHECK(line_error("client d connect 1,4") ==
        "t.zks:3: bad server list '1,4': '4' is not a server id 1..3 (e.g. connect 2,1,3)");
  CHECK(line_error("client d connect 1,,2") ==
        "t.zks:3: bad server list '1,,2': '' is not a server id 1..3 (e.g. connect 2,1,3)");
  CHECK(line_error("client d connect 2,1,2") == "t.zks:3: bad server list '2,1,2': server 2 is listed twice");
  CHECK(line_error("client d connect 1 2") ==
        "t.zks:3: extra argument '2' (usage: client NAME connect [ID | ID,ID,...] [timeout=DUR])");
  CHECK(line_error("crash bob") == "t.zks:3: unknown client 'bob' (connect it first with: client bob connect ID)");
  CHECK(line_error("crash") == "t.zks:3: missing client NAME (usage: crash NAME)");
  CHECK(error_of("cluster 3\nclient c connect 1\ncrash c\ncrash c\n") == "t.zks:4: client 'c' crashed already at line 3");
  CHECK(error_of("cluster 3\nclient c connect 1\ncrash c\nc get /\n") ==
        "t.zks:4: client 'c' crashed at line 3 (connect it again first)");
  CHECK(error_of("cluster 3\nclient c connect 1\nc close\ncrash c\n") ==
        "t.zks:4: client 'c' is closed (crash needs a running client)");
  CHECK(line_error("client crash connect 1") == "t.zks:3: client name 'crash' is a reserved word");
  CHECK(line_error("c multi") ==
        "t.zks:3: missing ops (usage: NAME multi OP ; OP ; ... (OP: create [-e] [-s] [-c] [-t TTL] PATH [DATA], set PATH DATA "
        "[-v VERSION], delete PATH [-v VERSION], check PATH [-v VERSION]))");
  CHECK(line_error("c multi create /a ; ; delete /a") == "t.zks:3: multi op 2 is empty (ops are separated by ' ; ')");
  CHECK(line_error("c multi create /a ;") == "t.zks:3: multi op 2 is empty (ops are separated by ' ; ')");
  CHECK(line_error("c multi get /a") == "t.zks:3: multi op 1: unknown multi op 'get' (create, set, delete or check)");
  CHECK(line_error("c multi create /a ; set /a") ==
        "t.zks:3: multi op 2: missing DATA (usage: set PATH DATA [-v VERSION])");
  CHECK(line_error("c multi check a") == "t.zks:3: multi op 1: bad path 'a' (a path starts with '/', e.g. /app)");
  CHECK(line_error("c multi delete /a -v x") == "t.zks:3: multi op 1: bad version 'x' (expected -1..2147483647)");
  CHECK(line_error("expect c results") ==
        "t.zks:3: missing results (usage: expect NAME results CODE ..., e.g. OK BADVERSION RUNTIMEINCONSISTENCY)");
  CHECK(line_error("expect c results OK NOPE") ==
        "t.zks:3: unknown result code 'NOPE' (OK or a ZooKeeper error name such as BADVERSION, RUNTIMEINCONSISTENCY)");
  CHECK(line_error("expect c state Connected") ==
        "t.zks:3: unknown connection state 'Connected' (Disconnected, SyncConnected, Expired, Closed or AuthFailed)");
  CHECK(line_error("expect c server 4") == "t.zks:3: server id 4 is out of range 1..3");
  CHECK(line_error("expect c timeout 4") == "t.zks:3: missing unit in duration '4' (use us, ms, s or m)");
  CHECK(line_error("expect c timeout 1500us") == "t.zks:3: bad timeout '1500us' (a session timeout is whole milliseconds)");
  CHECK(line_error("expect c stat version session c") ==
        "t.zks:3: 'session NAME' compares with a client's session id: only for ephemeralOwner, not 'version'");
  CHECK(line_error("expect c stat ephemeralOwner session bob") ==
        "t.zks:3: unknown client 'bob' (connect it first with: client bob connect ID)");
}

TEST_CASE("ACL commands parse and format back to the same text") {
  const std::string text =
      "cluster 3 super-digest=super:g9oN2HttPfn8MMWJZ2r45Np/LIA=\n"
      "client c connect 1\n"
      "c addauth digest alice:secret\n"
      "c create /p \"\" auth::cdrwa,world:anyone:r\n"
      "c setAcl -v 0 /p ip:10.0.0.0/8:cd\n"
      "c getAcl /p\n"
      "expect c acl ip:10.0.0.0/8:cd\n"
      "expect c state AuthFailed\n";
  const ParseResult parsed = parse_scenario(text, "t.zks");
  REQUIRE(parsed.ok());
  const Scenario& s = parsed.scenario;
  CHECK(std::get<Cluster>(s.setup).super_digest == "super:g9oN2HttPfn8MMWJZ2r45Np/LIA=");
  const auto& create = std::get<ClientCreate>(s.steps[2].command);
  REQUIRE(create.acl.has_value());
  CHECK(*create.acl == zk::AclList{zk::Acl{31, zk::AuthId{"auth", ""}}, zk::Acl{1, zk::AuthId{"world", "anyone"}}});
  const auto& set = std::get<ClientSetAcl>(s.steps[3].command);
  CHECK(set.version == 0);
  CHECK(set.acl == zk::AclList{zk::Acl{12, zk::AuthId{"ip", "10.0.0.0/8"}}});
  CHECK(format_step(s.steps[1].command) == "c addauth digest alice:secret");
  CHECK(format_step(s.steps[2].command) == "c create /p \"\" auth::cdrwa,world:anyone:r");
  CHECK(format_step(s.steps[3].command) == "c setAcl -v 0 /p ip:10.0.0.0/8:cd");
  CHECK(format_step(s.steps[4].command) == "c getAcl /p");
  CHECK(format_step(s.steps[5].command) == "expect c acl ip:10.0.0.0/8:cd");
  CHECK(format_step(s.steps[6].command) == "expect c state AuthFailed");
  // Formatting the whole scenario and parsing it again gives the same scenario.
  std::string again = format_step(Command(std::get<Cluster>(s.setup))) + "\n";
  for (const Step& step : s.steps) again += format_step(step.command) + "\n";
  const ParseResult reparsed = parse_scenario(again, "t.zks");
  REQUIRE(reparsed.ok());
  CHECK(reparsed.scenario.steps.size() == s.steps.size());
  for (size_t i = 0; i < s.steps.size(); ++i) CHECK(reparsed.scenario.steps[i].command == s.steps[i].command);
  CHECK(reparsed.scenario.setup == s.setup);
}
