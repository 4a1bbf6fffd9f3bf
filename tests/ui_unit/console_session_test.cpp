// The zkCli-style console: each line goes through the command layer (recorded as a
// scenario command), replies print as zkCli prints them, watch events as WATCHER lines,
// and errors as zkCli's messages.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/scenario/scenario_format.h"
#include "ui/console_session.h"
#include "sim/replay/recorded_run.h"

namespace {

struct Console {
  zk::sim::RecordedRun simulation;
  zk::ui::ConsoleSession session;
  size_t read = 0;

  Console() {
    simulation.new_cluster(3, 1);
    simulation.start_in_order({1, 2, 3}, 0);
    simulation.run_for(5'000'000);
    simulation.playing = true;  // as if Play were on (run() moves time itself)
  }
  // Runs a line, lets 1 s of virtual time pass, and returns the lines printed since the
  // last call.
  std::vector<std::string> run(const std::string& line) {
    session.submit(line, simulation);
    simulation.run_for(1'000'000);
    session.poll(*simulation.world());
    std::vector<std::string> out;
    for (; read < session.lines().size(); ++read) out.push_back(session.lines()[read].text);
    return out;
  }
};

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("console: connect, create, get -s, set -v, get -w with its watch event") {
  Console console;
  CHECK(console.run("ls /") == Lines{"[zk: S1(NOT_CONNECTED) 0] ls /", "Not connected: type connect (or connect ID) first."});
  CHECK(console.run("connect 2") == Lines{"[zk: S1(NOT_CONNECTED) 1] connect 2", "Connecting to S2 as session 'console1'",
                                          "WATCHER::", "WatchedEvent state:SyncConnected type:None path:null"});
  CHECK(console.run("create /a hello") == Lines{"[zk: S2(CONNECTED) 2] create /a hello", "Created /a"});
  const Lines get = console.run("get -s /a");
  REQUIRE(get.size() == 13);
  CHECK(get[1] == "hello");
  CHECK(get[2] == "cZxid = 0x100000002");
  CHECK(get[8] == "dataVersion = 0");
  CHECK(get[11] == "dataLength = 5");
  CHECK(get[12] == "numChildren = 0");
  CHECK(console.run("set -v 7 /a x") == Lines{"[zk: S2(CONNECTED) 4] set -v 7 /a x", "version No is not valid : /a"});
  CHECK(console.run("set /a x -v 7") == Lines{"[zk: S2(CONNECTED) 5] set /a x -v 7", "version No is not valid : /a"});
  CHECK(console.run("get -w /a") == Lines{"[zk: S2(CONNECTED) 6] get -w /a", "hello"});
  CHECK(console.run("set /a world") ==
        Lines{"[zk: S2(CONNECTED) 7] set /a world", "WATCHER::",
              "WatchedEvent state:SyncConnected type:NodeDataChanged path:/a"});
  CHECK(console.run("create -e -s /a/lock- x") == Lines{"[zk: S2(CONNECTED) 8] create -e -s /a/lock- x",
                                                        "Created /a/lock-0000000000"});
  CHECK(console.run("ls /") == Lines{"[zk: S2(CONNECTED) 9] ls /", "[a, zookeeper]"});
  CHECK(console.run("delete /nope") == Lines{"[zk: S2(CONNECTED) 10] delete /nope", "Node does not exist: /nope"});
  CHECK(console.run("create /a") == Lines{"[zk: S2(CONNECTED) 11] create /a", "Node already exists: /a"});
  CHECK(console.run("create /q \"two words\"") == Lines{"[zk: S2(CONNECTED) 12] create /q \"two words\"", "Created /q"});
  CHECK(console.run("frobnicate /a") ==
        Lines{"[zk: S2(CONNECTED) 13] frobnicate /a", "Command not found: frobnicate (type help)"});
  CHECK(console.run("sync /a") == Lines{"[zk: S2(CONNECTED) 14] sync /a", "Sync is OK"});
  CHECK(console.run("close") == Lines{"[zk: S2(CONNECTED) 15] close", "WATCHER::",
                                      "WatchedEvent state:Closed type:None path:null"});
  // Every console operation went through the command layer and was recorded.
  std::vector<std::string> recorded;
  for (const auto& action : console.simulation.recorded()) recorded.push_back(zk::sim::format_step(action.command));
  CHECK(recorded == std::vector<std::string>{"start 1 2 3", "client console1 connect 2 timeout=30s",
                                             "console1 create /a hello", "console1 get /a",
                                             "console1 set /a x -v 7", "console1 set /a x -v 7", "console1 get -w /a", "console1 set /a world",
                                             "console1 create -e -s /a/lock- x", "console1 ls /",
                                             "console1 delete /nope", "console1 create /a",
                                             "console1 create /q \"two words\"", "console1 sync /a",
                                             "console1 close"});
  CHECK(console.session.history().back() == "close");
  CHECK(console.session.history().size() == 16);  // "ls /" twice, not in a row
}

TEST_CASE("console: bad arguments get the parser's one-line error") {
  Console console;
  console.run("connect");
  const Lines bad = console.run("set /a");
  REQUIRE(bad.size() == 2);
  CHECK(bad[1].find("usage: set PATH DATA [-v VERSION]") != std::string::npos);
  CHECK(console.run("connect 9") == Lines{"[zk: S1(CONNECTED) 2] connect 9", "no server '9' (servers are 1..3)"});
}

TEST_CASE("console: four-letter words go to the chosen server") {
  Console console;
  console.session.set_server(3);
  const Lines srvr = console.run("srvr");
  REQUIRE(srvr.size() >= 9);
  CHECK(srvr[1] == "Zookeeper version: 3.8.4-zksim, built on simulated time");
  CHECK(srvr[8] == "Mode: leader");  // three started together elect 3
  CHECK(console.run("ruok") == Lines{"[zk: S3(NOT_CONNECTED) 1] ruok", "imok"});
  REQUIRE(console.simulation.apply(zk::sim::Kill{.server = {.is_leader = false, .id = 3}}).empty());
  CHECK(console.run("mntr") ==
        Lines{"[zk: S3(NOT_CONNECTED) 2] mntr", "S3: connection refused or timed out (the server is down)"});
}

TEST_CASE("console: a command typed while paused says it waits for Play, and its reply comes once time runs") {
  Console console;
  console.simulation.playing = false;
  const std::string hint = zk::ui::ConsoleSession::kPausedHint;
  CHECK(hint.rfind("paused \u2014 press Play", 0) == 0);
  console.session.submit("connect 2", console.simulation);
  CHECK(console.session.lines().back().text == hint);
  console.simulation.run_for(1'000'000);  // what Play does
  console.session.poll(*console.simulation.world());  // as each frame does
  console.session.submit("create /a hello", console.simulation);
  CHECK(console.session.lines().back().text == hint);
  console.simulation.run_for(1'000'000);
  console.session.poll(*console.simulation.world());
  CHECK(console.session.lines().back().text == "Created /a");
  // Answered at once (no virtual time needed), a four-letter word gets no hint; nor a
  // command while playing.
  console.session.submit("ruok", console.simulation);
  CHECK(console.session.lines().back().text == "imok");
  console.simulation.playing = true;
  console.session.submit("get /a", console.simulation);
  CHECK(console.session.lines().back().text != hint);
}

TEST_CASE("console: multi prints its per-op results - connect 3,1,2 pins the server list") {
  Console console;
  CHECK(console.run("connect 3,1,2") == Lines{"[zk: S1(NOT_CONNECTED) 0] connect 3,1,2",
                                              "Connecting to S3 as session 'console1'", "WATCHER::",
                                              "WatchedEvent state:SyncConnected type:None path:null"});
  CHECK(console.run("create /a x") == Lines{"[zk: S3(CONNECTED) 1] create /a x", "Created /a"});
  CHECK(console.run("multi set /a y -v 0 ; create /b") ==
        Lines{"[zk: S3(CONNECTED) 2] multi set /a y -v 0 ; create /b", "multi: OK OK"});
  CHECK(console.run("multi create /c ; set /a z -v 0 ; delete /b") ==
        Lines{"[zk: S3(CONNECTED) 3] multi create /c ; set /a z -v 0 ; delete /b",
              "multi: OK BADVERSION RUNTIMEINCONSISTENCY"});
  CHECK(console.run("multi get /a") ==
        Lines{"[zk: S3(CONNECTED) 4] multi get /a", "multi op 1: unknown multi op 'get' (create, set, delete or check)"});
  CHECK(console.run("connect 1,4") ==
        Lines{"[zk: S3(CONNECTED) 5] connect 1,4", "bad server list '1,4': '4' is not a server id 1..3 (e.g. connect 2,1,3)"});
  std::vector<std::string> recorded;
  for (const auto& action : console.simulation.recorded()) recorded.push_back(zk::sim::format_step(action.command));
  REQUIRE(recorded.size() == 5);
  CHECK(recorded[1] == "client console1 connect 3,1,2 timeout=30s");
  CHECK(recorded[3] == "console1 multi set /a y -v 0 ; create /b");
}

TEST_CASE("console: create -c and -t as zkCli takes them - a TTL node needs extended types") {
  Console console;
  console.run("connect 1");
  CHECK(console.run("create -c /box") == Lines{"[zk: S1(CONNECTED) 1] create -c /box", "Created /box"});
  CHECK(console.run("get -s /box")[10] == "ephemeralOwner = 0x8000000000000000");
  // The GUI's cluster runs ZooKeeper's defaults: zookeeper.extendedTypesEnabled is off.
  CHECK(console.run("create -t 5000 /t") ==
        Lines{"[zk: S1(CONNECTED) 3] create -t 5000 /t", "KeeperErrorCode = Unimplemented for /t"});
  const Lines refused = console.run("create -c -e /x");
  REQUIRE(refused.size() == 2);
  CHECK(refused[1] == "-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.");
}

TEST_CASE("console: addauth, getAcl and setAcl as zkCli prints them - NOAUTH and INVALIDACL messages") {
  Console console;
  console.run("connect 2");
  CHECK(console.run("create /p data auth::cdrwa") ==
        Lines{"[zk: S2(CONNECTED) 1] create /p data auth::cdrwa", "Acl is not valid : /p"});
  CHECK(console.run("addauth digest alice:secret") == Lines{"[zk: S2(CONNECTED) 2] addauth digest alice:secret"});
  CHECK(console.run("create /p data auth::cdrwa") == Lines{"[zk: S2(CONNECTED) 3] create /p data auth::cdrwa", "Created /p"});
  CHECK(console.run("getAcl /p") == Lines{"[zk: S2(CONNECTED) 4] getAcl /p", "'digest,'alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=",
                                          ": cdrwa"});
  CHECK(console.run("setAcl /p world:anyone:r") == Lines{"[zk: S2(CONNECTED) 5] setAcl /p world:anyone:r"});
  const Lines get_acl = console.run("getAcl -s /p");
  REQUIRE(get_acl.size() == 14);
  CHECK(get_acl[1] == "'world,'anyone");
  CHECK(get_acl[2] == ": r");
  CHECK(get_acl[10] == "aclVersion = 1");
  CHECK(console.run("set /p x") == Lines{"[zk: S2(CONNECTED) 7] set /p x", "Insufficient permission : /p"});
  CHECK(console.run("setAcl /p world:anyone") ==
        Lines{"[zk: S2(CONNECTED) 8] setAcl /p world:anyone", "ACL 'world:anyone' does not have the form scheme:id:perm"});
}

TEST_CASE("console: help lists every command the console takes, the ACL ones included") {
  Console console;
  const Lines out = console.run("help");
  for (const char* command : {"\taddauth scheme auth", "\tcreate [-s] [-e] [-c] [-t ttl] path [data] [acl]",
                              "\tgetAcl path", "\tsetAcl [-v version] path acl"}) {
    CHECK_MESSAGE(std::find(out.begin(), out.end(), std::string(command)) != out.end(), command);
  }
}
