// The four-letter words srvr, stat, mntr, conf and ruok, answered from a server's state in
// ZooKeeper's text format, checked exactly on a running three-server ensemble.
#include <doctest/doctest.h>

#include "core/four_letter_words.h"
#include "tests/unit/cluster/world_helpers.h"

using zk::four_letter_word;
using zk::test::connect_client;
using zk::test::do_op;
using zk::test::make_world;
using zk::test::run_until_settled;
using zk::test::start_in_order;

TEST_CASE("srvr on a fresh ensemble: the leader and a follower") {
  auto world = zk::test::settled_three_servers();
  CHECK(*four_letter_word("srvr", *world.peer(2)) ==
        "Zookeeper version: 3.8.4-zksim, built on simulated time\n"
        "Latency min/avg/max: 0/0.0/0\n"
        "Received: 0\n"
        "Sent: 0\n"
        "Connections: 0\n"
        "Outstanding: 0\n"
        "Zxid: 0x100000000\n"
        "Mode: leader\n"
        "Node count: 4\n"
        "Proposal sizes last/min/max: -1/-1/-1\n");
  // A follower synced by an empty DIFF keeps its old zxid, as ZooKeeper does.
  CHECK(*four_letter_word("srvr", *world.peer(1)) ==
        "Zookeeper version: 3.8.4-zksim, built on simulated time\n"
        "Latency min/avg/max: 0/0.0/0\n"
        "Received: 0\n"
        "Sent: 0\n"
        "Connections: 0\n"
        "Outstanding: 0\n"
        "Zxid: 0x0\n"
        "Mode: follower\n"
        "Node count: 4\n");
  CHECK(*four_letter_word("ruok", *world.peer(1)) == "imok");
  CHECK_FALSE(four_letter_word("dump", *world.peer(1)).has_value());
  CHECK_FALSE(four_letter_word("get", *world.peer(1)).has_value());
}

TEST_CASE("a LOOKING server is not serving, but answers ruok") {
  auto world = make_world(3);
  REQUIRE(world.start(1).empty());
  world.run_for(1'000'000);
  REQUIRE(world.state(1) == zk::PeerState::kLooking);
  for (const char* word : {"srvr", "stat", "mntr", "conf"}) {
    CHECK(*four_letter_word(word, *world.peer(1)) == "This ZooKeeper instance is not currently serving requests\n");
  }
  CHECK(*four_letter_word("ruok", *world.peer(1)) == "imok");
}

TEST_CASE("stat, mntr and conf after a client session and a create") {
  auto world = make_world(3);
  start_in_order(world, {1, 2, 3}, 1'000'000);
  REQUIRE(run_until_settled(world));
  connect_client(world, "c", 1);
  REQUIRE(do_op(world, "c", zk::test::create("/a", "hello")).err == zk::ErrorCode::kOk);
  REQUIRE(do_op(world, "c", zk::GetDataRequest{"/a", true}).err == zk::ErrorCode::kOk);
  const std::string stat = *four_letter_word("stat", *world.peer(1));
  CHECK(stat ==
        "Zookeeper version: 3.8.4-zksim, built on simulated time\n"
        "Clients:\n"
        " /client-1000:1[1](queued=0,recved=0,sent=0)\n"
        "\n"
        "Latency min/avg/max: 0/0.0/0\n"
        "Received: 0\n"
        "Sent: 0\n"
        "Connections: 1\n"
        "Outstanding: 0\n"
        "Zxid: 0x100000002\n"
        "Mode: follower\n"
        "Node count: 5\n");
  CHECK(*four_letter_word("mntr", *world.peer(1)) ==
        "zk_version\t3.8.4-zksim, built on simulated time\n"
        "zk_server_state\tfollower\n"
        "zk_avg_latency\t0.0\n"
        "zk_max_latency\t0\n"
        "zk_min_latency\t0\n"
        "zk_packets_received\t0\n"
        "zk_packets_sent\t0\n"
        "zk_num_alive_connections\t1\n"
        "zk_outstanding_requests\t0\n"
        "zk_znode_count\t5\n"
        "zk_watch_count\t1\n"
        "zk_ephemerals_count\t0\n"
        "zk_approximate_data_size\t51\n"
        "zk_quorum_size\t3\n");
  const std::string leader = *four_letter_word("mntr", *world.peer(2));
  CHECK(leader.find("zk_server_state\tleader\n") != std::string::npos);
  CHECK(leader.find("zk_num_alive_connections\t0\n") != std::string::npos);
  CHECK(leader.find("zk_watch_count\t0\n") != std::string::npos);
  CHECK(leader.find("zk_learners\t2\n") != std::string::npos);
  CHECK(leader.find("zk_synced_followers\t2\n") != std::string::npos);
  CHECK(leader.find("zk_pending_syncs\t0\n") != std::string::npos);
  const std::string srvr = *four_letter_word("srvr", *world.peer(2));
  // createSession and the create were proposed in epoch 1.
  CHECK(srvr.find("Proposal sizes last/min/max: -1/-1/-1\n") == std::string::npos);
  CHECK(*four_letter_word("conf", *world.peer(3)) ==
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
        "server.1=zk1:2888:3888:participant;0.0.0.0:2181\n"
        "server.2=zk2:2888:3888:participant;0.0.0.0:2181\n"
        "server.3=zk3:2888:3888:participant;0.0.0.0:2181\n"
        "version=0\n");
}
