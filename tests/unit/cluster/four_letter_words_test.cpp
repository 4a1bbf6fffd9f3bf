// The four-letter words, checked exactly on running ensembles, and against the answers a
// real ZooKeeper 3.8.0 ensemble gave for the same workload (tests/oracle/fourlw-3-servers.txt,
// captured by tools/oracle/observe.py fourlw --servers 3; volatile fields masked the same way
// on both sides).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "core/four_letter_common.h"
#include "core/four_letter_words.h"
#include "tests/unit/cluster/world_helpers.h"

using zk::test::connect_client;
using zk::test::do_op;
using zk::test::make_world;
using zk::test::run_until_settled;
using zk::test::start_in_order;

namespace {

std::string ask(const zk::sim::World& world, zk::ServerId id, std::string_view word) {
  return *zk::four_letter_word(word, *world.peer(id), world.now_us() / 1000);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The same mask as tools/oracle/observe.py plus what differs between a real ensemble on
// 127.0.0.1 and the simulation by construction: addresses, ports, paths, session ids,
// wall-clock dates. Client lines of stat/cons/dump are sorted (3.8 lists a hash set).
std::vector<std::string> normalize(const std::string& word, const std::string& text) {
  static const std::regex session(R"(0x[0-9a-f]{13,})");
  static const std::regex address(R"( ?/(?:(?:127\.0\.0\.1|client-\d+|asker):\d+|\*:\*))");
  static const std::regex counters(R"(recved=[\d*]+,sent=[\d*]+)");
  static const std::regex last_op(R"(,lop=.*\))");
  static const std::regex date(R"(expire at .*:$)");
  static const std::regex server_line(R"(^server\.(\d+)=.*:(participant|observer)$)");
  std::vector<std::string> out;
  std::vector<std::string> clients;
  for (std::string line : lines_of(text)) {
    line = std::regex_replace(line, session, "SESSION");
    line = std::regex_replace(line, date, "expire at DATE:");
    if (word == "mntr") {
      const std::string key = line.substr(0, line.find('\t'));
      if (key.find("_per_namespace") != std::string::npos) continue;  // not modelled
      static const std::set<std::string> kModelled = {
          "zk_server_state", "zk_peer_state", "zk_ephemerals_count", "zk_num_alive_connections",
          "zk_outstanding_requests", "zk_znode_count", "zk_global_sessions", "zk_watch_count", "zk_quorum_size",
          "zk_learners", "zk_synced_followers", "zk_pending_syncs", "zk_proposal_count", "zk_last_proposal_size",
          "zk_min_proposal_size", "zk_max_proposal_size", "zk_synced_observers", "zk_synced_non_voting_followers"};
      out.push_back(kModelled.contains(key) ? line : key);
      continue;
    }
    if (word == "envi") {
      out.push_back(line.substr(0, line.find('=')));
      continue;
    }
    if (word == "conf") {
      static const std::set<std::string> kLocal = {"clientPort", "dataDir", "dataDirSize", "dataLogDir",
                                                   "dataLogSize", "electionPort", "quorumPort"};
      if (kLocal.contains(line.substr(0, line.find('=')))) continue;
      line = std::regex_replace(line, server_line, "server.$1=HOST:$2");
      out.push_back(line);
      continue;
    }
    if (line.rfind("Zookeeper version: ", 0) == 0) line = "Zookeeper version: *";
    for (const char* volatile_prefix : {"Latency min/avg/max: ", "Received: ", "Sent: "}) {
      if (line.rfind(volatile_prefix, 0) == 0) line = std::string(volatile_prefix) + "*";
    }
    const bool client = std::regex_search(line, address);
    line = std::regex_replace(line, address, " ADDR");
    line = std::regex_replace(line, counters, "recved=*,sent=*");
    line = std::regex_replace(line, last_op, ",lop=*)");
    if (client) {
      clients.push_back(line);
      continue;
    }
    if (!clients.empty()) {
      std::sort(clients.begin(), clients.end());
      out.insert(out.end(), clients.begin(), clients.end());
      clients.clear();
    }
    out.push_back(line);
  }
  std::sort(clients.begin(), clients.end());
  out.insert(out.end(), clients.begin(), clients.end());
  return out;
}

// "===== server ID WORD" sections of an oracle capture.
std::map<std::pair<int, std::string>, std::string> oracle_sections(const std::string& file) {
  std::ifstream in(std::string(ZKSIM_SOURCE_DIR) + "/tests/oracle/" + file);
  REQUIRE(in.good());
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::map<std::pair<int, std::string>, std::string> sections;
  static const std::regex header(R"(===== server (\d+) (\w+)\n)");
  std::pair<int, std::string> current{0, ""};
  size_t body_start = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), header); it != std::sregex_iterator(); ++it) {
    if (current.first != 0) sections[current] = text.substr(body_start, static_cast<size_t>(it->position()) - body_start);
    current = {std::stoi((*it)[1]), (*it)[2]};
    body_start = static_cast<size_t>(it->position() + it->length());
  }
  if (current.first != 0) sections[current] = text.substr(body_start);
  return sections;
}

}  // namespace

TEST_CASE("four-letter words match real ZooKeeper 3.8.0 on the oracle's 3-server workload") {
  // observe.py fourlw: all three started at once (S3 leads), a 10 s session on S1 creates
  // /a "hello", /a/b, ephemeral /e "xy", watches /a, sets it to "hello!", watches /a
  // (data) and its children again, and syncs.
  auto world = make_world(3);
  start_in_order(world, {1, 2, 3}, 0);
  REQUIRE(run_until_settled(world));
  REQUIRE(world.leader() == 3);
  connect_client(world, "c", 1, 10000);
  REQUIRE(do_op(world, "c", zk::test::create("/a", "hello")).err == zk::ErrorCode::kOk);
  REQUIRE(do_op(world, "c", zk::test::create("/a/b")).err == zk::ErrorCode::kOk);
  REQUIRE(do_op(world, "c", zk::test::create("/e", "xy", zk::CreateMode::kEphemeral)).err == zk::ErrorCode::kOk);
  REQUIRE(do_op(world, "c", zk::GetDataRequest{"/a", true}).err == zk::ErrorCode::kOk);
  REQUIRE(do_op(world, "c", zk::SetDataRequest{"/a", "hello!", -1}).err == zk::ErrorCode::kOk);
  REQUIRE(do_op(world, "c", zk::GetDataRequest{"/a", true}).err == zk::ErrorCode::kOk);
  REQUIRE(do_op(world, "c", zk::GetChildrenRequest{"/a", true}).err == zk::ErrorCode::kOk);
  REQUIRE(do_op(world, "c", zk::SyncRequest{"/"}).err == zk::ErrorCode::kOk);
  world.run_for(500'000);
  const auto real = oracle_sections("fourlw-3-servers.txt");
  size_t compared = 0;
  for (const auto& [key, real_text] : real) {
    const auto& [id, word] = key;
    CAPTURE(id);
    CAPTURE(word);
    const std::string ours = ask(world, id, word);
    std::vector<std::string> expected = normalize(word, real_text);
    std::vector<std::string> actual = normalize(word, ours);
    if (word == "mntr") {
      // Known gap: 3.8 stores the membership text in /zookeeper/config (138 bytes here);
      // zksim's config node is empty, so only the key is compared.
      for (auto* side : {&expected, &actual}) {
        for (std::string& line : *side) {
          if (line.rfind("zk_approximate_data_size", 0) == 0) line = "zk_approximate_data_size";
        }
      }
    }
    auto joined = [](const std::vector<std::string>& lines) {
      std::string text;
      for (const std::string& line : lines) text += line + "\n";
      return text;
    };
    CHECK(joined(actual) == joined(expected));
    // Byte-level endings: conf and isro/ruok end without a newline, the rest with one.
    CHECK((ours.empty() ? false : ours.back() == '\n') == (real_text.empty() ? false : real_text.back() == '\n'));
    ++compared;
  }
  CHECK(compared == 36);
}

TEST_CASE("an observer's srvr, conf and mntr, and the leader's mntr, match real ZooKeeper 3.8.0") {
  // tests/oracle/fourlw-observer-3-servers.txt: observer 3 of 3 started first (3, 2, 1 a
  // second apart), S2 leads; a session on S1 creates /w0../w4 and closes; a session on the
  // observer syncs, lists / and closes (the observer's zxid is the leader's, 0x100000009).
  zk::sim::WorldConfig config;
  config.server_count = 3;
  config.observers = {3};
  zk::sim::World world(config);
  start_in_order(world, {3, 2, 1}, 1'000'000);
  REQUIRE(run_until_settled(world));
  REQUIRE(world.leader() == 2);
  REQUIRE(world.peer(3)->state() == zk::PeerState::kObserving);
  connect_client(world, "v", 1, 10000);
  for (int i = 0; i < 5; ++i) {
    REQUIRE(do_op(world, "v", zk::test::create("/w" + std::to_string(i), "x")).err == zk::ErrorCode::kOk);
  }
  REQUIRE(do_op(world, "v", zk::CloseSessionRequest{}).err == zk::ErrorCode::kOk);
  connect_client(world, "o", 3, 10000);
  REQUIRE(do_op(world, "o", zk::SyncRequest{"/"}).err == zk::ErrorCode::kOk);
  REQUIRE(do_op(world, "o", zk::GetChildrenRequest{"/", false}).err == zk::ErrorCode::kOk);
  REQUIRE(do_op(world, "o", zk::CloseSessionRequest{}).err == zk::ErrorCode::kOk);
  world.run_for(500'000);
  const auto real = oracle_sections("fourlw-observer-3-servers.txt");
  size_t compared = 0;
  for (const auto& [id, word] : std::vector<std::pair<int, std::string>>{{3, "srvr"}, {3, "conf"}, {3, "mntr"},
                                                                        {2, "mntr"}}) {
    CAPTURE(id);
    CAPTURE(word);
    REQUIRE(real.contains({id, word}));
    std::vector<std::string> expected = normalize(word, real.at({id, word}));
    std::vector<std::string> actual = normalize(word, ask(world, id, word));
    // The known gap of the test above: /zookeeper/config holds the membership text in 3.8.
    for (auto* side : {&expected, &actual}) {
      for (std::string& line : *side) {
        if (line.rfind("zk_approximate_data_size", 0) == 0) line = "zk_approximate_data_size";
      }
    }
    CHECK(actual == expected);
    ++compared;
  }
  CHECK(compared == 4);
}

TEST_CASE("srvr on a fresh ensemble: the leader and a follower") {
  auto world = zk::test::settled_three_servers();
  CHECK(ask(world, 2, "srvr") ==
        "Zookeeper version: 3.8.4-zksim, built on simulated time\n"
        "Latency min/avg/max: 0/0.0/0\n"
        "Received: 0\n"
        "Sent: 0\n"
        "Connections: 1\n"
        "Outstanding: 0\n"
        "Zxid: 0x100000000\n"
        "Mode: leader\n"
        "Node count: 5\n"
        "Proposal sizes last/min/max: -1/-1/-1\n");
  // A follower synced by an empty DIFF keeps its old zxid, as ZooKeeper does.
  CHECK(ask(world, 1, "srvr") ==
        "Zookeeper version: 3.8.4-zksim, built on simulated time\n"
        "Latency min/avg/max: 0/0.0/0\n"
        "Received: 0\n"
        "Sent: 0\n"
        "Connections: 1\n"
        "Outstanding: 0\n"
        "Zxid: 0x0\n"
        "Mode: follower\n"
        "Node count: 5\n");
  CHECK(ask(world, 1, "ruok") == "imok");
  CHECK(ask(world, 1, "isro") == "rw");
  CHECK(ask(world, 1, "wchs") == "0 connections watching 0 paths\nTotal watches:0\n");
  CHECK(ask(world, 1, "wchc") == "\n");
  CHECK(ask(world, 1, "wchp") == "\n");
  CHECK_FALSE(zk::four_letter_word("get", *world.peer(1), 0).has_value());
  CHECK_FALSE(zk::four_letter_word("srst", *world.peer(1), 0).has_value());
}

TEST_CASE("a LOOKING server is not serving, but answers ruok, isro and envi") {
  auto world = make_world(3);
  REQUIRE(world.start(1).ok());
  world.run_for(1'000'000);
  REQUIRE(world.state(1) == zk::PeerState::kLooking);
  for (const char* word : {"srvr", "stat", "mntr", "conf", "cons", "wchs", "wchc", "wchp", "dump"}) {
    CHECK(ask(world, 1, word) == "This ZooKeeper instance is not currently serving requests\n");
  }
  CHECK(ask(world, 1, "ruok") == "imok");
  CHECK(ask(world, 1, "isro") == "null");
  CHECK(ask(world, 1, "envi").rfind("Environment:\nzookeeper.version=3.8.4-zksim, built on simulated time\nhost.name=zk1\n", 0) == 0);
}

TEST_CASE("stat, cons, wchc, wchp, dump and conf after a session, an ephemeral and a watch") {
  auto world = make_world(3);
  start_in_order(world, {1, 2, 3}, 1'000'000);
  REQUIRE(run_until_settled(world));
  connect_client(world, "c", 1);
  REQUIRE(do_op(world, "c", zk::test::create("/a", "hello")).err == zk::ErrorCode::kOk);
  REQUIRE(do_op(world, "c", zk::test::create("/e", "", zk::CreateMode::kEphemeral)).err == zk::ErrorCode::kOk);
  REQUIRE(do_op(world, "c", zk::GetDataRequest{"/a", true}).err == zk::ErrorCode::kOk);
  const std::string session = zk::zxid_hex(world.client("c")->session_id());
  CHECK(ask(world, 1, "stat") ==
        "Zookeeper version: 3.8.4-zksim, built on simulated time\n"
        "Clients:\n"
        " /client-1000:1[1](queued=0,recved=0,sent=0)\n"
        " /asker:0[0](queued=0,recved=1,sent=0)\n"
        "\n"
        "Latency min/avg/max: 0/0.0/0\n"
        "Received: 0\n"
        "Sent: 0\n"
        "Connections: 2\n"
        "Outstanding: 0\n"
        "Zxid: 0x100000003\n"
        "Mode: follower\n"
        "Node count: 7\n");
  CHECK(ask(world, 1, "cons") ==
        " /client-1000:1[1](queued=0,recved=0,sent=0,sid=" + session +
            ",lop=NA,est=0,to=6000,lcxid=0x0,lzxid=0x0,lresp=0,llat=0,minlat=0,avglat=0,maxlat=0)\n"
            " /asker:0[0](queued=0,recved=1,sent=0)\n"
            "\n");
  CHECK(ask(world, 1, "wchs") == "1 connections watching 1 paths\nTotal watches:1\n");
  CHECK(ask(world, 1, "wchc") == session + "\n\t/a\n\n");
  CHECK(ask(world, 1, "wchp") == "/a\n\t" + session + "\n\n");
  CHECK(ask(world, 2, "wchs") == "0 connections watching 0 paths\nTotal watches:0\n");
  const std::string follower_dump = ask(world, 1, "dump");
  CHECK(follower_dump.rfind("SessionTracker dump:\nGlobal Sessions(1):\n" + session +
                                "\t6000ms\nephemeral nodes dump:\nSessions with Ephemerals (1):\n" + session +
                                ":\n\t/e\nConnections dump:\nConnections Sets (1)/(2):\n",
                            0) == 0);
  // The leader dumps its expiry queue: one bucket, a tick multiple, as a 1970 date.
  const std::string leader_dump = ask(world, 2, "dump");
  CHECK(leader_dump.rfind("SessionTracker dump:\nSession Sets (1)/(1):\n1 expire at Thu Jan 01 00:00:", 0) == 0);
  CHECK(leader_dump.find(" UTC 1970:\n\t" + session + "\nephemeral nodes dump:\n") != std::string::npos);
  CHECK(ask(world, 3, "conf") ==
        "clientPort=2181\n"
        "secureClientPort=-1\n"
        "dataDir=/data/zk3/version-2\n"
        "dataDirSize=0\n"
        "dataLogDir=/data/zk3/version-2\n"
        "dataLogSize=0\n"
        "tickTime=2000\n"
        "maxClientCnxns=60\n"
        "minSessionTimeout=4000\n"
        "maxSessionTimeout=40000\n"
        "clientPortListenBacklog=-1\n"
        "serverId=3\n"
        "initLimit=10\n"
        "syncLimit=5\n"
        "electionAlg=3\n"
        "electionPort=3888\n"
        "quorumPort=2888\n"
        "peerType=0\n"
        "membership: \n"
        "server.1=zk1:2888:3888:participant\n"
        "server.2=zk2:2888:3888:participant\n"
        "server.3=zk3:2888:3888:participant\n"
        "version=0");
}

TEST_CASE("mntr: 3.8's key order, the leader's per-learner sets, proposal sizes as serialized") {
  auto world = zk::test::settled_three_servers();
  connect_client(world, "c", 1);
  REQUIRE(do_op(world, "c", zk::test::create("/a", "hello")).err == zk::ErrorCode::kOk);
  const auto leader = lines_of(ask(world, 2, "mntr"));
  const auto follower = lines_of(ask(world, 1, "mntr"));
  REQUIRE(leader.size() == 496 + 2 * 5 + 2 * 9);
  REQUIRE(follower.size() == 487);
  CHECK(leader[0] == "zk_version\t3.8.4-zksim, built on simulated time");
  CHECK(leader[1] == "zk_server_state\tleader");
  CHECK(leader[2] == "zk_peer_state\tleading - broadcast");
  CHECK(leader[6] == "zk_min_proposal_size\t48");  // createSession: header 32 + timeout 4 + digest 12
  CHECK(std::count(leader.begin(), leader.end(), "zk_max_proposal_size\t91") == 1);
  CHECK(std::count(leader.begin(), leader.end(), "zk_proposal_count\t2") == 1);
  CHECK(std::count(leader.begin(), leader.end(), "zk_learners\t2") == 1);
  CHECK(std::count(leader.begin(), leader.end(), "zk_synced_followers\t2") == 1);
  CHECK(leader[496] == "zk_avg_1_learner_handler_qp_size\t0.0");
  CHECK(leader.back() == "zk_p999_3_learner_handler_qp_time_ms\t0");
  CHECK(follower[2] == "zk_peer_state\tfollowing - broadcast");
  CHECK(std::count(follower.begin(), follower.end(), "zk_znode_count\t6") == 1);
  CHECK(std::count(follower.begin(), follower.end(), "zk_num_alive_connections\t2") == 1);
  CHECK(std::count(follower.begin(), follower.end(), "zk_global_sessions\t1") == 1);
  CHECK(std::count(follower.begin(), follower.end(), "zk_last_client_response_size\t-1") == 1);
  CHECK(std::count(follower.begin(), follower.end(), "zk_max_file_descriptor_count\t20000") == 1);
}

TEST_CASE("java_date formats the simulated clock as java.util.Date.toString in UTC") {
  CHECK(zk::four_letter::java_date(0) == "Thu Jan 01 00:00:00 UTC 1970");
  CHECK(zk::four_letter::java_date(6'999) == "Thu Jan 01 00:00:06 UTC 1970");
  CHECK(zk::four_letter::java_date(1'796'200'807'893) == "Wed Dec 02 08:40:07 UTC 2026");
  CHECK(zk::four_letter::java_date(951'782'400'000) == "Tue Feb 29 00:00:00 UTC 2000");
}
