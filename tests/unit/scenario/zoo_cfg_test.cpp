// zoo.cfg reading: the shipped assets/zoo.cfg, each key, each error, warnings.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "sim/scenario/zoo_cfg.h"

using namespace zk::sim;

namespace {

std::string cfg_error(const std::string& text) {
  const ZooCfgResult result = parse_zoo_cfg(text, "zoo.cfg");
  CHECK_FALSE(result.ok());
  return result.error;
}

ZooCfg cfg_ok(const std::string& text) {
  const ZooCfgResult result = parse_zoo_cfg(text, "zoo.cfg");
  INFO(result.error);
  REQUIRE(result.ok());
  return result.cfg;
}

constexpr const char* kThree = "initLimit=10\nsyncLimit=5\nserver.1=a:2888:3888\nserver.2=b:2888:3888\nserver.3=c:2888:3888\n";

}  // namespace

TEST_CASE("zoo.cfg: the shipped assets/zoo.cfg is the seed's three-server ensemble") {
  std::ifstream file(std::string(ZKSIM_SOURCE_DIR) + "/assets/zoo.cfg");
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  const ZooCfgResult result = parse_zoo_cfg(text.str(), "assets/zoo.cfg");
  REQUIRE(result.ok());
  const ZooCfg& cfg = result.cfg;
  CHECK(cfg.tick_ms == 2000);
  CHECK(cfg.init_limit == 10);
  CHECK(cfg.sync_limit == 5);
  CHECK(cfg.client_port == 2181);
  CHECK(cfg.min_session_timeout_ms == 4000);
  CHECK(cfg.max_session_timeout_ms == 40000);
  CHECK(cfg.warnings.empty());
  REQUIRE(cfg.servers.size() == 3);
  CHECK(cfg.servers[0] == ZooCfgServer{.id = 1, .host = "192.168.88.79", .quorum_port = 3188, .election_port = 3288,
                                       .role = ServerRole::kParticipant, .client_host = std::nullopt,
                                       .client_port = std::nullopt, .line = 12});
  CHECK(cfg.servers[1].host == "192.168.88.80");
  CHECK(cfg.servers[2].host == "192.168.88.20");
}

TEST_CASE("zoo.cfg: defaults, separators, comments and sorting") {
  const ZooCfg cfg = cfg_ok("# c\n! also a comment\n  server.2 = b:1:2  \nserver.1:a:1:2\nsyncLimit 3\ninitLimit\t4\n");
  CHECK(cfg.tick_ms == 3000);  // absent: ZooKeeperServer.DEFAULT_TICK_TIME, as QuorumPeerConfig uses
  CHECK(cfg.init_limit == 4);
  CHECK(cfg.sync_limit == 3);
  CHECK(cfg.client_port == std::nullopt);
  CHECK(cfg.min_session_timeout_ms == 6000);
  CHECK(cfg.max_session_timeout_ms == 60000);
  REQUIRE(cfg.servers.size() == 2);
  CHECK(cfg.servers[0].id == 1);
  CHECK(cfg.servers[0].line == 4);
  CHECK(cfg.servers[1].id == 2);
  // A lone server needs no limits.
  const ZooCfg lone = cfg_ok("server.1=localhost:2888:3888\n");
  CHECK(lone.init_limit == std::nullopt);
  CHECK(lone.sync_limit == std::nullopt);
}

TEST_CASE("zoo.cfg: server lines with role, client port and IPv6") {
  const ZooCfg cfg = cfg_ok(std::string(kThree) +
                            "server.4=d:1:2:observer\nserver.5=[::1]:7:8:participant;2181\nserver.6=f:1:2;0.0.0.0:2182\n");
  REQUIRE(cfg.servers.size() == 6);
  CHECK(cfg.servers[3].role == ServerRole::kObserver);
  CHECK(cfg.servers[4] == ZooCfgServer{.id = 5, .host = "::1", .quorum_port = 7, .election_port = 8,
                                       .role = ServerRole::kParticipant, .client_host = std::nullopt,
                                       .client_port = 2181, .line = 7});
  CHECK(cfg.servers[5].client_host == "0.0.0.0");
  CHECK(cfg.servers[5].client_port == 2182);
}

TEST_CASE("zoo.cfg: session timeouts resolve against tickTime") {
  CHECK(cfg_ok(std::string(kThree) + "tickTime=2000\n").min_session_timeout_ms == 4000);
  const ZooCfg set = cfg_ok(std::string(kThree) + "minSessionTimeout=1000\nmaxSessionTimeout=-1\ntickTime=100\n");
  CHECK(set.min_session_timeout_ms == 1000);
  CHECK(set.max_session_timeout_ms == 2000);
  CHECK(cfg_error(std::string(kThree) + "minSessionTimeout=50000\nmaxSessionTimeout=40000\n") ==
        "zoo.cfg:7: minSessionTimeout 50000 is above maxSessionTimeout 40000");
  CHECK(cfg_error(std::string(kThree) + "minSessionTimeout=70000\n") ==
        "zoo.cfg:6: minSessionTimeout 70000 is above maxSessionTimeout 60000");
  CHECK(cfg_error(std::string(kThree) + "maxSessionTimeout=0\n") == "zoo.cfg:6: bad maxSessionTimeout 0 (use -1 or a number of ms)");
}

TEST_CASE("zoo.cfg: known keys are ignored quietly, unknown and duplicate keys warn") {
  const ZooCfg cfg = cfg_ok(std::string(kThree) +
                            "dataDir=/var/zk\ndataLogDir=/var/zkl\nmaxClientCnxns=60\nautopurge.purgeInterval=1\n"
                            "4lw.commands.whitelist=*\nelectionAlg=3\nstandaloneEnabled=false\nreconfigEnabled=true\n"
                            "admin.enableServer=false\npeerType=participant\ncnxTimeout=5000\nleaderServes=yes\n"
                            "foo=bar\ninitLimit=12\ngroup.1=1:2:3\n");
  CHECK(cfg.init_limit == 12);
  CHECK(cfg.warnings == std::vector<std::string>{
                            "zoo.cfg:18: unknown zoo.cfg key 'foo' ignored",
                            "zoo.cfg:19: key 'initLimit' set again (line 1); the last value wins",
                            "zoo.cfg:20: key 'group.1' ignored (zksim uses majority quorums)",
                        });
}

TEST_CASE("zoo.cfg: a misspelled key warns with FILE:LINE and the key it probably meant") {
  const ZooCfg cfg = cfg_ok(std::string(kThree) + "tickTme=100\nsynclimit=5\ndataDri=/var/zk\n");
  CHECK(cfg.tick_ms == 3000);  // the misspelled key changed nothing
  CHECK(cfg.warnings == std::vector<std::string>{
                            "zoo.cfg:6: unknown zoo.cfg key 'tickTme' ignored (did you mean 'tickTime'?)",
                            "zoo.cfg:7: unknown zoo.cfg key 'synclimit' ignored (did you mean 'syncLimit'?)",
                            "zoo.cfg:8: unknown zoo.cfg key 'dataDri' ignored (did you mean 'dataDir'?)",
                        });
}

TEST_CASE("zoo.cfg: the keys of a real ZooKeeper 3.8 configuration do not warn") {
  const ZooCfg cfg = cfg_ok(std::string(kThree) +
                            "clientPortAddress=0.0.0.0\nsecureClientPort=2281\nlocalSessionsEnabled=false\n"
                            "quorumListenOnAllIPs=true\nsyncEnabled=true\nsnapCount=100000\npreAllocSize=65536\n"
                            "jute.maxbuffer=1048575\nforceSync=yes\nfsync.warningthresholdms=1000\n"
                            "metricsProvider.className=org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider\n"
                            "metricsProvider.httpPort=7000\nssl.quorum.keyStore.location=/k\nsslQuorum=false\n"
                            "quorum.auth.enableSasl=false\nadmin.serverPort=8080\nautopurge.snapRetainCount=3\n"
                            "jvm.pause.warn-threshold.ms=10000\nmultiAddress.enabled=false\nconnectToLearnerMasterLimit=5\n"
                            "observerMasterPort=2191\nclientPortListenBacklog=100\nglobalOutstandingLimit=1000\n"
                            "digest.enabled=true\nsnapshot.compression.method=gz\nleaderServes=yes\n"
                            "zookeeper.extendedTypesEnabled=true\nnio.numSelectorThreads=2\nmaxCnxns=0\n"
                            "skipACL=no\nelectionPortBindRetry=3\nfastleader.minNotificationInterval=200\n");
  CHECK(cfg.warnings.empty());
}

TEST_CASE("zoo.cfg: a UTF-8 byte order mark at the start is skipped") {
  const ZooCfg cfg = cfg_ok("\xEF\xBB\xBFtickTime=1000\n" + std::string(kThree));
  CHECK(cfg.tick_ms == 1000);
  CHECK(cfg.warnings.empty());
}

TEST_CASE("zoo.cfg: errors carry FILE:LINE") {
  CHECK(cfg_error("tickTime=2s\n") == "zoo.cfg:1: bad number '2s' for tickTime (expected 1..3600000)");
  CHECK(cfg_error("tickTime=0\n") == "zoo.cfg:1: bad number '0' for tickTime (expected 1..3600000)");
  CHECK(cfg_error("initLimit=99999999999999999999\n") ==
        "zoo.cfg:1: bad number '99999999999999999999' for initLimit (expected 1..1000)");
  CHECK(cfg_error("clientPort=70000\n") == "zoo.cfg:1: bad port '70000' in clientPort (expected 1..65535)");
  CHECK(cfg_error("server.1=a:1\n") ==
        "zoo.cfg:1: bad server line 'server.1=a:1' (expected "
        "host:quorumPort:electionPort[:participant|observer][;clientPort])");
  CHECK(cfg_error("server.1=:1:2\n") ==
        "zoo.cfg:1: bad server line 'server.1=:1:2' (expected "
        "host:quorumPort:electionPort[:participant|observer][;clientPort])");
  CHECK(cfg_error("server.1=a:1:x\n") == "zoo.cfg:1: bad port 'x' in server.1 (expected 1..65535)");
  CHECK(cfg_error("server.1=a:1:2:witness\n") == "zoo.cfg:1: bad role 'witness' in server.1 (participant or observer)");
  CHECK(cfg_error("server.x=a:1:2\n") == "zoo.cfg:1: bad server id 'x' in 'server.x'");
  CHECK(cfg_error("server.0=a:1:2\n") == "zoo.cfg:1: server id 0 is out of range 1..255");
  CHECK(cfg_error("server.256=a:1:2\n") == "zoo.cfg:1: server id 256 is out of range 1..255");
  CHECK(cfg_error("server.1=a:1:2\nserver.01=b:1:2\n") == "zoo.cfg:2: duplicate server id 1 (first at line 1)");
  CHECK(cfg_error("server.1=a:1:2|b:1:2\n") == "zoo.cfg:1: several addresses in 'server.1' are not supported by zksim");
  CHECK(cfg_error("tickTime=2000\n") == "zoo.cfg:1: no server.N lines (zksim needs at least one server)");
  CHECK(cfg_error("") == "zoo.cfg:1: no server.N lines (zksim needs at least one server)");
  CHECK(cfg_error("server.1=a:1:2\nserver.2=b:1:2\nsyncLimit=5\n") ==
        "zoo.cfg:3: initLimit is required with 2 or more servers");
  CHECK(cfg_error("server.1=a:1:2\nserver.2=b:1:2\ninitLimit=5\n") ==
        "zoo.cfg:3: syncLimit is required with 2 or more servers");
  CHECK(cfg_error("server.1=a:1:2:observer\n") ==
        "zoo.cfg:1: every server is an observer (at least one must be a participant)");
  CHECK(cfg_error("electionAlg=1\n") == "zoo.cfg:1: electionAlg 1 is not supported (only 3, since ZooKeeper 3.6)");
  CHECK(cfg_error("peerType=witness\n") == "zoo.cfg:1: bad peerType 'witness' (participant or observer)");
  CHECK(cfg_error("tickTime=\n") == "zoo.cfg:1: missing value for 'tickTime'");
  CHECK(cfg_error("=5\n") == "zoo.cfg:1: missing key in line '=5'");
  CHECK(cfg_error("dataDir=/a\\\n") == "zoo.cfg:1: line continuation with '\\' is not supported");
  CHECK(cfg_error(std::string("tickTime=2\0", 11)) == "zoo.cfg:1: control byte 0x00 at column 11");
}

TEST_CASE("zoo.cfg: skipACL and the super digest, ZooKeeper system properties zksim models") {
  CHECK_FALSE(cfg_ok(kThree).skip_acl);
  CHECK(cfg_ok(std::string(kThree) + "skipACL=yes\n").skip_acl);
  // ZooKeeperServer compares with "yes" exactly.
  CHECK_FALSE(cfg_ok(std::string(kThree) + "skipACL=true\n").skip_acl);
  CHECK_FALSE(cfg_ok(std::string(kThree) + "skipACL=Yes\n").skip_acl);
  const ZooCfg super = cfg_ok(std::string(kThree) + "DigestAuthenticationProvider.superDigest=super:g9oN2HttPfn8MMWJZ2r45Np/LIA=\n");
  CHECK(super.super_digest == "super:g9oN2HttPfn8MMWJZ2r45Np/LIA=");
  CHECK(super.warnings.empty());
}

TEST_CASE("zoo.cfg: dataDir and dataLogDir, relative ones taken from the zoo.cfg's folder") {
  const ZooCfgResult result =
      parse_zoo_cfg(std::string(kThree) + "dataDir=data1\ndataLogDir = /var/zk/logs\n", "conf/zk/zoo.cfg");
  REQUIRE(result.ok());
  CHECK(result.cfg.data_dir == ZooCfgDir{.written = "data1", .resolved = "conf/zk/data1", .line = 6});
  CHECK(result.cfg.data_log_dir == ZooCfgDir{.written = "/var/zk/logs", .resolved = "/var/zk/logs", .line = 7});
  CHECK(result.cfg.warnings.empty());
  const ZooCfg up = cfg_ok(std::string(kThree) + "dataDir=../x/./y\n");
  CHECK(up.data_dir->resolved == "../x/y");  // next to "zoo.cfg": the current folder
  CHECK_FALSE(up.data_log_dir.has_value());
  CHECK(cfg_ok(kThree).data_dir == std::nullopt);  // a cluster needs none
  CHECK(cfg_error(std::string(kThree) + "dataDir=\n") == "zoo.cfg:6: missing value for 'dataDir'");
}

TEST_CASE("zoo.cfg read for its disk only: no ensemble rules, dataDir required") {
  const ZooCfgResult standalone = parse_zoo_cfg("tickTime=2000\ndataDir=/d\n", "zoo.cfg", ZooCfgUse::kDataDirs);
  REQUIRE(standalone.ok());
  CHECK(standalone.cfg.servers.empty());
  CHECK(standalone.cfg.data_dir->resolved == "/d");
  CHECK(parse_zoo_cfg("tickTime=2000\nclientPort=2181\n", "z.cfg", ZooCfgUse::kDataDirs).error ==
        "z.cfg:2: dataDir is not set");
  CHECK(parse_zoo_cfg("dataDir=/d\ntickTime=x\n", "z.cfg", ZooCfgUse::kDataDirs).error ==
        "z.cfg:2: bad number 'x' for tickTime (expected 1..3600000)");
  // The same file as a cluster's zoo.cfg still needs its servers.
  CHECK(parse_zoo_cfg("dataDir=/d\n", "z.cfg").error == "z.cfg:1: no server.N lines (zksim needs at least one server)");
}

TEST_CASE("zoo.cfg: snapCount, a ZooKeeper system property zksim models") {
  CHECK_FALSE(cfg_ok(kThree).snap_count.has_value());  // ZooKeeper's 100,000
  CHECK(cfg_ok(std::string(kThree) + "snapCount=500\n").snap_count == 500);
  // ZooKeeperServer.getSnapCount resets a value below 2 to 2, with a warning.
  const ZooCfg low = cfg_ok(std::string(kThree) + "snapCount=1\n");
  CHECK(low.snap_count == 2);
  CHECK(low.warnings == std::vector<std::string>{"zoo.cfg:6: snapCount 1 is below 2: ZooKeeper resets it to 2"});
  CHECK(cfg_error(std::string(kThree) + "snapCount=lots\n") ==
        "zoo.cfg:6: bad number 'lots' for snapCount (expected -2147483648..2147483647)");
  CHECK(cfg_error(std::string(kThree) + "snapCount=2147483648\n") ==
        "zoo.cfg:6: bad number '2147483648' for snapCount (expected -2147483648..2147483647)");
}
