// The window-free models behind the Votes and Znode tree panels: the vote matrix with its
// deciding quorum, and the per-node differences from the leader's tree.
#include <doctest/doctest.h>

#include "core/data_tree.h"
#include "sim/world/world.h"
#include "ui/tree_diff.h"
#include "ui/vote_matrix.h"

namespace {

zk::sim::World make_world(int servers) {
  zk::sim::WorldConfig config;
  config.server_count = servers;
  return zk::sim::World(config);
}

}  // namespace

TEST_CASE("vote matrix: S2 started after S1 has the quorum S1+S2 while it finalizes") {
  auto world = make_world(3);
  REQUIRE(world.start(1).ok());
  world.run_for(1'000'000);
  REQUIRE(world.start(2).ok());
  REQUIRE(world.run_until([](const zk::sim::World& w) { return w.peer(2)->election().finalizing(); }, 2'000'000));
  const zk::ui::VoteMatrix matrix = zk::ui::build_vote_matrix(world);
  CHECK(matrix.server_count == 3);
  CHECK(matrix.quorum_size == 2);
  const zk::ui::VoteRow& s2 = matrix.rows[1];
  CHECK(s2.up);
  CHECK(s2.looking);
  CHECK(s2.finalizing);
  CHECK(s2.proposal.leader == 2);
  CHECK(s2.logical_clock == 1);
  REQUIRE(s2.received[0].vote.has_value());
  REQUIRE(s2.received[1].vote.has_value());
  CHECK(s2.received[0].vote->leader == 2);  // S1 switched to S2 (higher id)
  CHECK(s2.received[1].vote->leader == 2);
  CHECK(s2.received[0].supports);
  CHECK(s2.received[1].supports);
  CHECK_FALSE(s2.received[2].vote.has_value());
  CHECK(s2.supporters == 2);
  CHECK(s2.quorum);
  const zk::ui::VoteRow& s3 = matrix.rows[2];
  CHECK_FALSE(s3.up);
  CHECK(s3.supporters == 0);
  CHECK_FALSE(s3.quorum);
}

TEST_CASE("vote matrix: a lone LOOKING server supports only itself, no quorum") {
  auto world = make_world(5);
  REQUIRE(world.start(4).ok());
  world.run_for(500'000);
  const zk::ui::VoteMatrix matrix = zk::ui::build_vote_matrix(world);
  CHECK(matrix.quorum_size == 3);
  const zk::ui::VoteRow& s4 = matrix.rows[3];
  CHECK(s4.proposal.leader == 4);
  CHECK(s4.received[3].vote.has_value());
  CHECK(s4.received[3].supports);
  CHECK(s4.supporters == 1);
  CHECK_FALSE(s4.quorum);
  for (int i : {0, 1, 2, 4}) CHECK_FALSE(matrix.rows[static_cast<size_t>(i)].up);
}

TEST_CASE("tree diff: missing, extra and changed nodes and their ancestors") {
  auto world = make_world(3);
  for (zk::ServerId id = 1; id <= 3; ++id) REQUIRE(world.start(id).ok());
  REQUIRE(world.run_until([](const zk::sim::World& w) { return w.leader_serving(); }, 30'000'000));
  world.run_for(2'000'000);
  const zk::ServerId leader = *world.leader();
  const zk::ServerId follower = leader == 1 ? 2 : 1;
  const zk::ServerId lagging = 6 - leader - follower;
  REQUIRE(world.client_connect("c", follower, 6000).ok());
  world.run_for(1'000'000);
  int32_t cxid = 0;
  auto op = [&](const zk::Request& request) {
    REQUIRE(world.client_submit("c", request, &cxid).ok());
    world.run_for(500'000);
    REQUIRE(world.client("c")->op(cxid)->done);
    REQUIRE(world.client("c")->op(cxid)->err == zk::ErrorCode::kOk);
  };
  op(zk::CreateRequest{"/a", "one", zk::CreateMode::kPersistent, -1});
  op(zk::CreateRequest{"/a/b", "", zk::CreateMode::kPersistent, -1});
  REQUIRE(world.pause(lagging).ok());
  op(zk::SetDataRequest{"/a", "two", -1});
  op(zk::CreateRequest{"/c", "", zk::CreateMode::kPersistent, -1});
  op(zk::CreateRequest{"/a/b/d", "", zk::CreateMode::kPersistent, -1});
  const zk::DataTree& behind = world.peer(lagging)->tree();
  const zk::DataTree& reference = world.peer(leader)->tree();
  const zk::ui::TreeDiff diff = zk::ui::diff_trees(behind, reference);
  REQUIRE(diff.compared);
  CHECK(diff.nodes.size() == 3);
  CHECK(diff.at("/a") == zk::ui::NodeDiff::kDiffers);
  CHECK(diff.at("/c") == zk::ui::NodeDiff::kMissing);
  CHECK(diff.at("/a/b/d") == zk::ui::NodeDiff::kMissing);
  CHECK(diff.at("/a/b") == zk::ui::NodeDiff::kSame);
  CHECK(diff.at("/zookeeper") == zk::ui::NodeDiff::kSame);
  CHECK(diff.differing_below("/") == 3);
  CHECK(diff.differing_below("/a") == 1);
  CHECK(diff.differing_below("/a/b") == 1);
  CHECK(diff.differing_below("/zookeeper") == 0);
  const zk::ui::TreeDiff reverse = zk::ui::diff_trees(reference, behind);
  CHECK(reverse.at("/c") == zk::ui::NodeDiff::kExtra);
  CHECK(reverse.at("/a/b/d") == zk::ui::NodeDiff::kExtra);
  CHECK(zk::ui::merged_children(behind, &reference, "/") == std::vector<std::string>{"a", "c", "zookeeper"});
  CHECK(zk::ui::merged_children(behind, nullptr, "/") == std::vector<std::string>{"a", "zookeeper"});
  CHECK(zk::ui::diff_trees(reference, world.peer(follower)->tree()).nodes.empty());
  CHECK(zk::ui::child_path("/", "a") == "/a");
  CHECK(zk::ui::child_path("/a", "b") == "/a/b");
}

TEST_CASE("vote matrix: observers do not count towards the quorum - an observer votes for no one") {
  zk::sim::WorldConfig config;
  config.server_count = 5;
  config.observers = {4, 5};
  zk::sim::World world(config);
  REQUIRE(world.start(5).ok());
  world.run_for(500'000);
  const zk::ui::VoteMatrix matrix = zk::ui::build_vote_matrix(world);
  CHECK(matrix.quorum_size == 2);  // 2 of the 3 voters
  CHECK(matrix.rows[4].state == zk::PeerState::kLooking);
  CHECK(matrix.rows[4].proposal.leader == zk::kNoVote);
}
