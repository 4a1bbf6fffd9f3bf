// Every command of the scenario language parses into the exact AST, defaults included.
#include <doctest/doctest.h>

#include "scenario_test_util.h"
#include "sim/scenario/scenario_parser.h"

using namespace zk::sim;
using zk::sim::test::command_of;
using zk::sim::test::memory_reader;
using zk::sim::test::parse_ok;

namespace {
constexpr ServerRef S(int id) { return ServerRef{.is_leader = false, .id = id}; }
constexpr ServerRef kLeader{.is_leader = true, .id = 0};
}  // namespace

TEST_CASE("cluster: defaults and every option") {
  const Scenario plain = parse_ok("# comment\n\ncluster 3\n");
  CHECK(plain.setup_line == 3);
  CHECK(plain.file_name == "t.zks");
  CHECK(plain.steps.empty());
  CHECK(std::get<Cluster>(plain.setup) == Cluster{.server_count = 3, .tick_ms = 2000, .init_limit = 10,
                                                  .sync_limit = 5, .latency_min_us = 1000,
                                                  .latency_max_us = 5000, .seed = std::nullopt});
  const Scenario full = parse_ok("cluster 5 tick=1s init=4 sync=2 latency=2ms..10ms seed=42");
  CHECK(std::get<Cluster>(full.setup) == Cluster{.server_count = 5, .tick_ms = 1000, .init_limit = 4,
                                                 .sync_limit = 2, .latency_min_us = 2000,
                                                 .latency_max_us = 10000, .seed = 42});
  CHECK(std::get<Cluster>(parse_ok("cluster 1 latency=3ms seed=0x10").setup).latency_max_us == 3000);
  CHECK(std::get<Cluster>(parse_ok("cluster 1 seed=0x10").setup).seed == 16);
  CHECK(effective_cluster(full.setup) == std::get<Cluster>(full.setup));
}

TEST_CASE("cluster config: reads zoo.cfg relative to the scenario file") {
  const auto reader = memory_reader({{"dir/conf/zoo.cfg",
                                      "tickTime=1000\ninitLimit=7\nsyncLimit=3\nserver.1=a:1:2\nserver.2=b:1:2\n"}});
  const ParseResult result = parse_scenario("cluster config conf/zoo.cfg seed=9\nstart 1 2\n", "dir/s.zks", reader);
  REQUIRE(result.ok());
  const auto& config = std::get<ClusterConfig>(result.scenario.setup);
  CHECK(config.path == "conf/zoo.cfg");
  CHECK(config.resolved_path == "dir/conf/zoo.cfg");
  CHECK(config.cfg.tick_ms == 1000);
  CHECK(config.cfg.servers.size() == 2);
  CHECK(config.seed == 9);
  CHECK(effective_cluster(result.scenario.setup) ==
        Cluster{.server_count = 2, .tick_ms = 1000, .init_limit = 7, .sync_limit = 3, .latency_min_us = 1000,
                .latency_max_us = 5000, .seed = 9});
  const ParseResult absolute = parse_scenario("cluster config /etc/zk/../zk/zoo.cfg\n", "dir/s.zks",
                                              memory_reader({{"/etc/zk/zoo.cfg", "server.1=a:1:2\n"}}));
  REQUIRE(absolute.ok());
  CHECK(std::get<ClusterConfig>(absolute.scenario.setup).resolved_path == "/etc/zk/zoo.cfg");
  CHECK(effective_cluster(absolute.scenario.setup).tick_ms == 3000);
}

TEST_CASE("start, kill, restart with ids and leader") {
  CHECK(command_of("start 1 2 3") == Command(Start{.servers = {S(1), S(2), S(3)}, .every_us = std::nullopt}));
  CHECK(command_of("start 3 1 every=500ms") == Command(Start{.servers = {S(3), S(1)}, .every_us = 500'000}));
  CHECK(command_of("kill 2") == Command(Kill{.server = S(2)}));
  CHECK(command_of("kill leader") == Command(Kill{.server = kLeader}));
  CHECK(command_of("restart 3") == Command(Restart{.server = S(3)}));
}

TEST_CASE("partition and heal") {
  const PartitionMember one{.is_client = false, .server = S(1), .client = ""};
  const PartitionMember two{.is_client = false, .server = S(2), .client = ""};
  const PartitionMember three{.is_client = false, .server = S(3), .client = ""};
  const PartitionMember client{.is_client = true, .server = {}, .client = "c"};
  const PartitionMember leader{.is_client = false, .server = kLeader, .client = ""};
  CHECK(command_of("partition 1 2 | 3 c") == Command(Partition{.groups = {{one, two}, {three, client}}}));
  CHECK(command_of("partition 1|2|3") == Command(Partition{.groups = {{one}, {two}, {three}}}));
  CHECK(command_of("partition leader | 1") == Command(Partition{.groups = {{leader}, {one}}}));
  CHECK(command_of("heal") == Command(Heal{}));
}

TEST_CASE("run, run until leader, run until converged") {
  CHECK(command_of("run 200ms") == Command(Run{.duration_us = 200'000}));
  CHECK(command_of("run 0s") == Command(Run{.duration_us = 0}));
  CHECK(command_of("run until leader") == Command(RunUntilLeader{.timeout_us = 60'000'000}));
  CHECK(command_of("run until leader timeout=5s") == Command(RunUntilLeader{.timeout_us = 5'000'000}));
  CHECK(command_of("run until converged") == Command(RunUntilConverged{.timeout_us = 60'000'000}));
  CHECK(command_of("run until converged timeout=1m") == Command(RunUntilConverged{.timeout_us = 60'000'000}));
}

TEST_CASE("client connect, defaults and timeout") {
  const Scenario scenario = parse_ok("cluster 3\nclient alice connect 2\nclient bob connect leader timeout=10s\n");
  REQUIRE(scenario.steps.size() == 2);
  CHECK(scenario.steps[0] ==
        Step{.line = 2, .command = ClientConnect{.client = "alice", .server = S(2), .timeout_us = 6'000'000}});
  CHECK(scenario.steps[1] ==
        Step{.line = 3, .command = ClientConnect{.client = "bob", .server = kLeader, .timeout_us = 10'000'000}});
  // A closed name may be connected again.
  CHECK(parse_ok("cluster 1\nclient a connect 1\na close\nclient a connect 1\n").steps.size() == 3);
}

TEST_CASE("client operations in zkCli spelling") {
  CHECK(command_of("c create /a") == Command(ClientCreate{.client = "c", .ephemeral = false, .sequential = false,
                                                          .path = "/a", .data = ""}));
  CHECK(command_of("c create -e -s /a/b- \"x y\"") ==
        Command(ClientCreate{.client = "c", .ephemeral = true, .sequential = true, .path = "/a/b-", .data = "x y"}));
  CHECK(command_of("c create -s /q/ x") ==
        Command(ClientCreate{.client = "c", .ephemeral = false, .sequential = true, .path = "/q/", .data = "x"}));
  CHECK(command_of("c create /n -5") ==
        Command(ClientCreate{.client = "c", .ephemeral = false, .sequential = false, .path = "/n", .data = "-5"}));
  CHECK(command_of("c create /n \"-e\"") ==
        Command(ClientCreate{.client = "c", .ephemeral = false, .sequential = false, .path = "/n", .data = "-e"}));
  CHECK(command_of("c create -c /box") == Command(ClientCreate{.client = "c", .path = "/box", .container = true}));
  CHECK(command_of("c create -t 1500 /t x") ==
        Command(ClientCreate{.client = "c", .path = "/t", .data = "x", .ttl_ms = 1500}));
  CHECK(command_of("c create -s -t 5 /t-") ==
        Command(ClientCreate{.client = "c", .sequential = true, .path = "/t-", .ttl_ms = 5}));
  CHECK(std::get<ClientCreate>(command_of("c create -c /box")).mode() == zk::CreateMode::kContainer);
  CHECK(std::get<ClientCreate>(command_of("c create -t 9 /t")).mode() == zk::CreateMode::kPersistentWithTtl);
  CHECK(std::get<ClientCreate>(command_of("c create -s -t 9 /t")).mode() ==
        zk::CreateMode::kPersistentSequentialWithTtl);
  CHECK(std::get<ClientCreate>(command_of("c create -e -s /t")).mode() == zk::CreateMode::kEphemeralSequential);
  CHECK(command_of("c get /a") == Command(ClientGet{.client = "c", .watch = false, .path = "/a"}));
  CHECK(command_of("c get -w /a") == Command(ClientGet{.client = "c", .watch = true, .path = "/a"}));
  CHECK(command_of("c set /a v2") ==
        Command(ClientSet{.client = "c", .path = "/a", .data = "v2", .version = std::nullopt}));
  CHECK(command_of("c set /a v2 -v 3") == Command(ClientSet{.client = "c", .path = "/a", .data = "v2", .version = 3}));
  CHECK(command_of("c set -v -1 /a x=1") ==
        Command(ClientSet{.client = "c", .path = "/a", .data = "x=1", .version = -1}));
  CHECK(command_of("c ls /") == Command(ClientLs{.client = "c", .watch = false, .path = "/"}));
  CHECK(command_of("c ls -w /a") == Command(ClientLs{.client = "c", .watch = true, .path = "/a"}));
  CHECK(command_of("c stat -w /missing") == Command(ClientStat{.client = "c", .watch = true, .path = "/missing"}));
  CHECK(command_of("c delete /a") == Command(ClientDelete{.client = "c", .path = "/a", .version = std::nullopt}));
  CHECK(command_of("c delete /a -v 0") == Command(ClientDelete{.client = "c", .path = "/a", .version = 0}));
  CHECK(command_of("c sync /") == Command(ClientSync{.client = "c", .path = "/"}));
  CHECK(command_of("c close") == Command(ClientClose{.client = "c"}));
}

TEST_CASE("server expectations") {
  CHECK(command_of("expect leader 3") == Command(ExpectLeader{.server = S(3)}));
  CHECK(command_of("expect state 1 FOLLOWING") == Command(ExpectState{.server = S(1), .state = ServerState::kFollowing}));
  CHECK(command_of("expect state 2 LOOKING") == Command(ExpectState{.server = S(2), .state = ServerState::kLooking}));
  CHECK(command_of("expect state leader LEADING") ==
        Command(ExpectState{.server = kLeader, .state = ServerState::kLeading}));
  CHECK(command_of("expect state 3 DOWN") == Command(ExpectState{.server = S(3), .state = ServerState::kDown}));
  CHECK(command_of("expect state 3 OBSERVING") == Command(ExpectState{.server = S(3), .state = ServerState::kObserving}));
  CHECK(command_of("expect converged") == Command(ExpectConverged{}));
}

TEST_CASE("client expectations") {
  CHECK(command_of("expect c ok") == Command(ExpectOk{.client = "c"}));
  CHECK(command_of("expect c error NODEEXISTS") ==
        Command(ExpectError{.client = "c", .code_name = "NODEEXISTS", .code = -110}));
  CHECK(command_of("expect c error CONNECTIONLOSS") ==
        Command(ExpectError{.client = "c", .code_name = "CONNECTIONLOSS", .code = -4}));
  CHECK(command_of("expect c error THROTTLEDOP") ==
        Command(ExpectError{.client = "c", .code_name = "THROTTLEDOP", .code = -127}));
  CHECK(command_of("expect c data \"hello world\"") == Command(ExpectData{.client = "c", .text = "hello world"}));
  CHECK(command_of("expect c data \"\"") == Command(ExpectData{.client = "c", .text = ""}));
  CHECK(command_of("expect c created /q/job-0000000001") ==
        Command(ExpectCreated{.client = "c", .path = "/q/job-0000000001"}));
  CHECK(command_of("expect c children a b zookeeper") ==
        Command(ExpectChildren{.client = "c", .names = {"a", "b", "zookeeper"}}));
  CHECK(command_of("expect c children") == Command(ExpectChildren{.client = "c", .names = {}}));
  CHECK(command_of("expect c event NodeChildrenChanged /a") ==
        Command(ExpectEvent{.client = "c", .type = WatchEventType::kNodeChildrenChanged, .path = "/a"}));
  CHECK(command_of("expect c event NodeDeleted /a/b") ==
        Command(ExpectEvent{.client = "c", .type = WatchEventType::kNodeDeleted, .path = "/a/b"}));
  CHECK(command_of("expect c no-event") == Command(ExpectNoEvent{.client = "c"}));
}

TEST_CASE("expect stat: all 11 fields, hex zxids, decimal counts, zkCli aliases") {
  const auto stat = [](StatField field, int64_t value) {
    return Command(ExpectStat{.client = "c", .field = field, .value = value});
  };
  CHECK(command_of("expect c stat czxid 0x100000003") == stat(StatField::kCzxid, 0x100000003));
  CHECK(command_of("expect c stat mzxid 0x0") == stat(StatField::kMzxid, 0));
  CHECK(command_of("expect c stat pzxid 0XFFFFFFFFFFFFFFFF") == stat(StatField::kPzxid, -1));
  CHECK(command_of("expect c stat ctime 1700000000000") == stat(StatField::kCtime, 1700000000000));
  CHECK(command_of("expect c stat mtime 0") == stat(StatField::kMtime, 0));
  CHECK(command_of("expect c stat version 2") == stat(StatField::kVersion, 2));
  CHECK(command_of("expect c stat cversion -1") == stat(StatField::kCversion, -1));
  CHECK(command_of("expect c stat aclVersion 0") == stat(StatField::kAclVersion, 0));
  CHECK(command_of("expect c stat ephemeralOwner 0x100000abc0001") == stat(StatField::kEphemeralOwner, 0x100000abc0001));
  CHECK(command_of("expect c stat dataLength 5") == stat(StatField::kDataLength, 5));
  CHECK(command_of("expect c stat numChildren 1") == stat(StatField::kNumChildren, 1));
  CHECK(command_of("expect c stat cZxid 0x1") == stat(StatField::kCzxid, 1));
  CHECK(command_of("expect c stat dataVersion 4") == stat(StatField::kVersion, 4));
}

TEST_CASE("zksim additions: pause, resume, network, expect epoch, expect zxid") {
  CHECK(command_of("pause 2") == Command(Pause{.server = S(2)}));
  CHECK(command_of("resume leader") == Command(Resume{.server = kLeader}));
  CHECK(command_of("network loss=5%") ==
        Command(SetNetwork{.loss_ppm = 50'000, .duplicate_ppm = std::nullopt, .reorder_ppm = std::nullopt}));
  CHECK(command_of("network loss=0.05 duplicate=0.5% reorder=100%") ==
        Command(SetNetwork{.loss_ppm = 50'000, .duplicate_ppm = 5'000, .reorder_ppm = 1'000'000}));
  CHECK(command_of("network reorder=1") ==
        Command(SetNetwork{.loss_ppm = std::nullopt, .duplicate_ppm = std::nullopt, .reorder_ppm = 1'000'000}));
  CHECK(command_of("network loss=0.000001 duplicate=0.0001%") ==
        Command(SetNetwork{.loss_ppm = 1, .duplicate_ppm = 1, .reorder_ppm = std::nullopt}));
  CHECK(command_of("expect epoch 1 2") == Command(ExpectEpoch{.server = S(1), .epoch = 2}));
  CHECK(command_of("expect zxid leader 0x200000001") == Command(ExpectZxid{.server = kLeader, .zxid = 0x200000001}));
}

TEST_CASE("four-letter-word expectations: srvr, stat, mntr (zk_ optional), conf, envi") {
  CHECK(command_of("expect srvr 2 Mode follower") ==
        Command(ExpectFourLetter{.word = "srvr", .server = S(2), .field = "Mode", .value = "follower"}));
  CHECK(command_of("expect stat leader \"Node count\" 8") ==
        Command(ExpectFourLetter{.word = "stat", .server = kLeader, .field = "Node count", .value = "8"}));
  CHECK(command_of("expect mntr 1 zk_znode_count 5") ==
        Command(ExpectFourLetter{.word = "mntr", .server = S(1), .field = "zk_znode_count", .value = "5"}));
  CHECK(command_of("expect mntr 1 znode_count 5") ==
        Command(ExpectFourLetter{.word = "mntr", .server = S(1), .field = "zk_znode_count", .value = "5"}));
  CHECK(command_of("expect conf 3 tickTime 2000") ==
        Command(ExpectFourLetter{.word = "conf", .server = S(3), .field = "tickTime", .value = "2000"}));
}

TEST_CASE("steps keep their line numbers and file order") {
  const Scenario scenario = parse_ok("cluster 3\n\n# boot\nstart 1 2 3\nrun until leader\n  \nexpect leader 3\n");
  REQUIRE(scenario.steps.size() == 3);
  CHECK(scenario.steps[0].line == 4);
  CHECK(scenario.steps[1].line == 5);
  CHECK(scenario.steps[2].line == 7);
  CHECK(std::holds_alternative<ExpectLeader>(scenario.steps[2].command));
}

TEST_CASE("zksim additions: hold, drop and release the next message on a link") {
  CHECK(command_of("hold 1 2") == Command(HoldNext{.from = S(1), .to = S(2)}));
  CHECK(command_of("drop leader 3") == Command(DropNext{.from = kLeader, .to = S(3)}));
  CHECK(command_of("release 2 1") == Command(ReleaseHeld{.from = S(2), .to = S(1)}));
}
