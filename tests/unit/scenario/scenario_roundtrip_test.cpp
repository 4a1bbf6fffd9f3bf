// format_step renders every command back to text that parses to the same AST.
#include <doctest/doctest.h>

#include "scenario_test_util.h"
#include "sim/scenario/scenario_format.h"

using namespace zk::sim;
using zk::sim::test::memory_reader;
using zk::sim::test::parse_ok;

namespace {

// One line per command and option form, including awkward data.
constexpr const char* kEveryCommand = R"(cluster 5 tick=1500ms init=3 sync=2 latency=500us..7ms seed=77
client c connect 1
client d connect leader timeout=10s
start 1 2 3
start 5 4 every=250ms
kill 2
kill leader
restart 2
pause 3
resume 3
partition 1 2 c | 3 leader | d
heal
network loss=5% duplicate=0.05 reorder=12.3456%
network loss=0%
hold 1 2
drop leader 3
release 1 2
run 90s
run 1500us
run until leader
run until leader timeout=2m
run until converged timeout=45s
c create /a
c create -e -s /a/b- "hello world"
c create -s / "-e"
c create /d "x=1 # not a comment | \"quoted\" \\ back\nslash"
c create /t "tab	here"
c get /a
c get -w /a
c set /a v2
c set /a "" -v -1
c ls -w /
c stat /a
c stat -w /gone
c delete /a -v 7
c delete /a
c sync /a
expect leader 3
expect leader leader
expect state 1 FOLLOWING
expect state 5 DOWN
expect state 4 OBSERVING
expect c ok
expect c error NOCHILDRENFOREPHEMERALS
expect c data "hello world"
expect c data ""
expect c data plain
expect c created /a/b-0000000001
expect c children
expect c children a "b c" zookeeper
expect c stat czxid 0x100000003
expect c stat pzxid 0xffffffffffffffff
expect c stat ctime -5
expect c stat cversion -1
expect c stat dataVersion 2
expect c stat ephemeralOwner 0x1000001
expect c event NodeDataChanged /a
expect c no-event
expect converged
expect epoch 2 3
expect zxid leader 0x200000000
expect srvr 1 "Node count" 5
expect mntr leader zk_peer_state "leading - broadcast"
c close
client c connect 2
c multi create /m x ; create -e -s /m/q- ";" ; set /m "a b" -v 3 ; delete /m/old -v 0 ; check /m -v 1 ; check /n
expect c results OK BADVERSION RUNTIMEINCONSISTENCY
expect c state Disconnected
expect c state SyncConnected
expect c state Expired
expect c state Closed
expect c server leader
expect c server 2
expect c timeout 4000ms
expect c stat ephemeralOwner session d
client e connect 3,1,2 timeout=4s
client f connect
crash e
client e connect 2
wire gateway 4lw=srvr,mntr maxbuffer=4096
wire c7 open 2 from 127.0.0.1:40000
wire c7 send 0000002d00ff
wire collect
expect wire c7 got 41 crc32=53809db1
wire c7 eof
wire c7 unread
wire c7 forget
expect node 2 "/d x" data "a\nb \"q\""
expect node leader / children zookeeper "b c"
expect node 1 /a missing
expect node 3 /e stat ephemeralOwner session d
expect node 3 /e stat mzxid 0x200000001
)";

}  // namespace

TEST_CASE("round trip: format_step then parse gives the same command, for every command") {
  const Scenario original = parse_ok(kEveryCommand);
  REQUIRE(original.steps.size() == 91);
  const std::string text = format_scenario(original);
  const Scenario again = parse_ok(text);
  CHECK(again.setup == original.setup);
  REQUIRE(again.steps.size() == original.steps.size());
  for (size_t i = 0; i < original.steps.size(); ++i) {
    INFO(format_step(original.steps[i].command));
    CHECK(again.steps[i].command == original.steps[i].command);
    CHECK(again.steps[i].line == static_cast<int>(i + 2));
  }
  // Formatting is a fixed point.
  CHECK(format_scenario(again) == text);
}

TEST_CASE("round trip: canonical text of a few commands") {
  const Scenario scenario = parse_ok(kEveryCommand);
  CHECK(format_step(Command(std::get<Cluster>(scenario.setup))) ==
        "cluster 5 tick=1500ms init=3 sync=2 latency=500us..7ms seed=77");
  CHECK(format_step(scenario.steps[9].command) == "partition 1 2 c | 3 leader | d");
  CHECK(format_step(scenario.steps[11].command) == "network loss=5% duplicate=5% reorder=12.3456%");
  CHECK(format_step(scenario.steps[23].command) == "c create -s / \"-e\"");
  CHECK(format_step(scenario.steps[24].command) ==
        R"(c create /d "x=1 # not a comment | \"quoted\" \\ back\nslash")");
  CHECK(format_step(scenario.steps[45].command) == "expect c data \"plain\"");
  CHECK(format_step(scenario.steps[48].command) == "expect c children a \"b c\" zookeeper");
  CHECK(format_step(scenario.steps[53].command) == "expect c stat version 2");
  Cluster three;
  three.server_count = 3;
  CHECK(format_step(Command(three)) == "cluster 3");
  three.leader_bind_us = 0;
  CHECK(format_step(Command(three)) == "cluster 3 leader-bind=0s");
  const Scenario observers = parse_ok("cluster 5 observers=4,2 sync=2\n");
  CHECK(std::get<Cluster>(observers.setup).observers == std::vector<int>{2, 4});
  CHECK(format_step(Command(std::get<Cluster>(observers.setup))) == "cluster 5 sync=2 observers=2,4");
  CHECK(parse_ok(format_scenario(observers)) == observers);
  const Scenario snaps = parse_ok("cluster 3 snap-count=50\n");
  CHECK(std::get<Cluster>(snaps.setup).snap_count == 50);
  CHECK(format_step(Command(std::get<Cluster>(snaps.setup))) == "cluster 3 snap-count=50");
  CHECK(parse_ok(format_scenario(snaps)) == snaps);
  const Scenario bind = parse_ok("cluster 3 leader-bind=35ms\n");
  CHECK(std::get<Cluster>(bind.setup).leader_bind_us == 35'000);
  CHECK(format_step(Command(std::get<Cluster>(bind.setup))) == "cluster 3 leader-bind=35ms");
  CHECK(format_step(Command(RunUntilLeader{})) == "run until leader");
  CHECK(format_step(Command(Start{.servers = {ServerRef{.is_leader = false, .id = 1}}, .every_us = 0})) ==
        "start 1 every=0s");
}

TEST_CASE("round trip: cluster config keeps the path as written") {
  const auto reader = memory_reader({{"s/my zoo.cfg", "server.1=a:1:2\n"}});
  const ParseResult first = parse_scenario("cluster config \"my zoo.cfg\" latency=2ms..2ms\nkill 1\n", "s/x.zks", reader);
  REQUIRE(first.ok());
  const std::string text = format_scenario(first.scenario);
  CHECK(text == "cluster config \"my zoo.cfg\" latency=2ms..2ms\nkill 1\n");
  const ParseResult second = parse_scenario(text, "s/x.zks", reader);
  REQUIRE(second.ok());
  CHECK(second.scenario == first.scenario);
}

TEST_CASE("round trip: host-uptime on both cluster forms") {
  const std::string text = "cluster 3 host-uptime=1500ms\n";
  const Scenario scenario = parse_ok(text);
  CHECK(format_scenario(scenario) == text);
  CHECK(std::get<Cluster>(scenario.setup).host_uptime_ms == 1500);
  CHECK_FALSE(std::get<Cluster>(parse_ok("cluster 3\n").setup).host_uptime_ms.has_value());
}

TEST_CASE("round trip: containers, TTL nodes and the ContainerManager options") {
  const std::string text =
      "cluster 3 container-check=1s container-max-per-minute=600 container-max-never-used=5s extended-types=on\n"
      "client c connect 1\n"
      "c create -c /box\n"
      "c create -t 1500 /t x\n"
      "c create -s -t 7 /t-\n"
      "c multi create -c /m ; create -t 9 /n ; create -s -t 3 /q-\n";
  const Scenario scenario = parse_ok(text);
  CHECK(format_scenario(scenario) == text);
  CHECK(format_scenario(parse_ok(format_scenario(scenario))) == text);
  const zk::ContainerManagerConfig& containers = std::get<Cluster>(scenario.setup).containers;
  CHECK(containers.check_interval_ms == 1000);
  CHECK(containers.max_per_minute == 600);
  CHECK(containers.max_never_used_interval_ms == 5000);
  CHECK(containers.extended_types_enabled);
  const auto& multi = std::get<ClientMulti>(scenario.steps.back().command);
  REQUIRE(multi.ops.size() == 3);
  CHECK(std::get<zk::CreateRequest>(multi.ops[0]).mode == zk::CreateMode::kContainer);
  CHECK(std::get<zk::CreateRequest>(multi.ops[1]) ==
        zk::CreateRequest{"/n", "", zk::CreateMode::kPersistentWithTtl, 9});
  CHECK(std::get<zk::CreateRequest>(multi.ops[2]).mode == zk::CreateMode::kPersistentSequentialWithTtl);
}

TEST_CASE("disk ID load: DIR, the cluster zoo.cfg's dataDir, a server's own zoo.cfg - each formats back") {
  const FileReader reader = memory_reader({
      {"conf/zoo.cfg", "initLimit=5\nsyncLimit=2\nserver.1=a:1:2\nserver.2=b:1:2\ndataDir=data\ndataLogDir=/logs\n"},
      {"conf/s2.cfg", "# server 2's\ndataDir=/srv/zk2\n"},
  });
  const Scenario s = parse_ok(
      "cluster config conf/zoo.cfg\ndisk 1 load\ndisk 2 load config conf/s2.cfg\ndisk 2 load disks/two\n", reader);
  REQUIRE(s.steps.size() == 3);
  const auto& from_cluster = std::get<LoadDisk>(s.steps[0].command);
  CHECK(from_cluster.source == DiskSource::kClusterConfig);
  CHECK(from_cluster.resolved_path == "conf/data");
  CHECK(from_cluster.resolved_data_log_path == "/logs");
  CHECK(from_cluster.data_dir_origin == "conf/zoo.cfg:5: dataDir=data");
  CHECK(from_cluster.data_log_dir_origin == "conf/zoo.cfg:6: dataLogDir=/logs");
  const auto& from_file = std::get<LoadDisk>(s.steps[1].command);
  CHECK(from_file.source == DiskSource::kConfigFile);
  CHECK(from_file.resolved_path == "/srv/zk2");
  CHECK(from_file.resolved_data_log_path.empty());
  CHECK(from_file.data_dir_origin == "conf/s2.cfg:2: dataDir=/srv/zk2");
  const auto& from_dir = std::get<LoadDisk>(s.steps[2].command);
  CHECK(from_dir.source == DiskSource::kDir);
  CHECK(from_dir.resolved_path == "disks/two");
  CHECK(from_dir.data_dir_origin.empty());
  CHECK(format_step(s.steps[0].command) == "disk 1 load");
  CHECK(format_step(s.steps[1].command) == "disk 2 load config conf/s2.cfg");
  CHECK(format_step(s.steps[2].command) == "disk 2 load disks/two");
  CHECK(zk::sim::test::error_of("cluster config conf/zoo.cfg\ndisk 1 load config conf/none.cfg\n", reader) ==
        "t.zks:2: zoo.cfg 'conf/none.cfg' cannot be read");
  CHECK(zk::sim::test::error_of("cluster config conf/zoo.cfg\ndisk 1 load one two\n", reader) ==
        "t.zks:2: extra argument 'two' (usage: disk fsync=MIN..MAX | disk ID load [DIR | config ZOO.CFG])");
  CHECK(zk::sim::test::error_of("cluster config conf/zoo.cfg\ndisk leader load\n", reader) ==
        "t.zks:2: disk ID load needs a server id, not leader");
}
