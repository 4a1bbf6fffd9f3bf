// DataTree + PrepRequestProcessor: the initial tree, create in every mode, exact Stats,
// sequential numbering from the parent's create counter, and create's errors.
#include <doctest/doctest.h>

#include <climits>

#include "core/ephemeral_type.h"
#include "core/zkcli_format.h"
#include "tests/unit/tree/tree_harness.h"

using namespace zk;
using zk::test::kSessionA;
using zk::test::TreeHarness;

TEST_CASE("the initial tree holds the four system nodes with zero stats") {
  const DataTree tree;
  CHECK(tree.node_count() == 4);
  CHECK(tree.last_processed_zxid() == 0);
  CHECK(tree.get_children("/").children == std::vector<std::string>{"zookeeper"});
  CHECK(tree.get_children("/zookeeper").children == std::vector<std::string>{"config", "quota"});
  const Stat root = *tree.exists("/");
  CHECK(root.czxid == 0);
  CHECK(root.mzxid == 0);
  CHECK(root.pzxid == 0);
  CHECK(root.cversion == -1);  // 2 x 0 creates - 1 child, as real ZooKeeper reports
  CHECK(root.num_children == 1);
  CHECK(tree.exists("/zookeeper")->cversion == -2);
  CHECK(tree.exists("/zookeeper/config")->cversion == 0);
  CHECK(tree.get_data("/zookeeper/quota").err == ErrorCode::kOk);
  CHECK(tree.get_data("/nope").err == ErrorCode::kNoNode);
  CHECK(tree.get_data("nope").err == ErrorCode::kBadArguments);
  CHECK_FALSE(tree.exists("/nope").has_value());
  CHECK(tree.get_children("/nope").err == ErrorCode::kNoNode);
}

TEST_CASE("create sets every Stat field and updates the parent") {
  TreeHarness h;
  h.connect(kSessionA);
  const auto out = h.create("/a", CreateMode::kPersistent, "hello");
  CHECK(out.txn.header.zxid == make_zxid(1, 2));
  CHECK(out.txn.header.type == OpCode::kCreate);
  CHECK(out.txn.body == TxnBody{CreateTxn{"/a", "hello", 0, 1}});
  CHECK(out.result.err == ErrorCode::kOk);
  CHECK(out.result.created_path == "/a");
  Stat expected;
  expected.czxid = make_zxid(1, 2);
  expected.mzxid = make_zxid(1, 2);
  expected.pzxid = make_zxid(1, 2);
  expected.ctime_ms = 2000;
  expected.mtime_ms = 2000;
  expected.data_length = 5;
  CHECK(out.result.stat == expected);
  CHECK(h.stat("/a") == expected);
  CHECK(h.tree.get_data("/a").data == "hello");
  const Stat root = h.stat("/");
  CHECK(root.pzxid == make_zxid(1, 2));
  CHECK(root.mzxid == 0);
  CHECK(root.num_children == 2);
  CHECK(root.cversion == 0);  // 2 x 1 create - 2 children
  CHECK(out.result.changes ==
        std::vector<TreeChange>{{TreeChangeKind::kNodeCreated, "/a"}, {TreeChangeKind::kChildrenChanged, "/"}});
  CHECK(h.tree.node_count() == 5);
  CHECK(h.tree.last_processed_zxid() == make_zxid(1, 2));
}

TEST_CASE("failed writes use up zxids as error txns (reference 1.1)") {
  TreeHarness h;
  h.connect(kSessionA);
  CHECK(h.tree.last_processed_zxid() == 0x100000001LL);
  CHECK(h.create("/a").txn.header.zxid == 0x100000002LL);
  const auto dup = h.create("/a");
  CHECK(dup.txn.header.zxid == 0x100000003LL);
  CHECK(dup.txn.header.type == OpCode::kError);
  CHECK(dup.txn.body == TxnBody{ErrorTxn{ErrorCode::kNodeExists}});
  CHECK(dup.result.err == ErrorCode::kNodeExists);
  CHECK(dup.result.changes.empty());
  CHECK(h.tree.last_processed_zxid() == 0x100000003LL);
  const auto set = h.write(SetDataRequest{"/a", "v", -1});
  CHECK(set.txn.header.zxid == 0x100000004LL);
  CHECK(h.stat("/a").czxid == 0x100000002LL);
  CHECK(h.stat("/a").mzxid == 0x100000004LL);
  CHECK(h.stat("/a").version == 1);
  CHECK(describe(dup.txn) == "error NODEEXISTS");
  CHECK(describe(set.txn) == "setData /a");
}

TEST_CASE("sequential suffixes come from the parent's create counter (reference 1.3)") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/q");
  CHECK(h.create("/q/s-", CreateMode::kPersistentSequential).result.created_path == "/q/s-0000000000");
  CHECK(h.stat("/q").cversion == 1);
  CHECK(h.write(DeleteRequest{"/q/s-0000000000", -1}).result.err == ErrorCode::kOk);
  CHECK(h.stat("/q").cversion == 2);
  CHECK(h.create("/q/s-", CreateMode::kPersistentSequential).result.created_path == "/q/s-0000000001");
  h.create("/q/x");
  h.write(DeleteRequest{"/q/x", -1});
  CHECK(h.create("/q/s-", CreateMode::kEphemeralSequential).result.created_path == "/q/s-0000000003");
  CHECK(h.stat("/q").cversion == 6);
  CHECK(h.stat("/q").num_children == 2);
  CHECK(h.tree.get_children("/q").children == std::vector<std::string>{"s-0000000001", "s-0000000003"});
}

TEST_CASE("sequential and plain creates share the counter") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/q");
  CHECK(h.create("/q/x", CreateMode::kPersistentSequential).result.created_path == "/q/x0000000000");
  CHECK(h.create("/q/y").result.created_path == "/q/y");
  CHECK(h.stat("/q").cversion == 2);
  CHECK(h.create("/q/x", CreateMode::kPersistentSequential).result.created_path == "/q/x0000000002");
  CHECK(h.create("/q/", CreateMode::kPersistentSequential).result.created_path == "/q/0000000003");
}

TEST_CASE("the sequential counter is a Java int and wraps") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/w");
  // Drive /w's stored counter to INT_MAX with a hand-made txn.
  const Txn seed{{kSessionA, 0, h.next_zxid++, 5000, OpCode::kCreate}, CreateTxn{"/w/seed", "", 0, INT_MAX}};
  h.commit(seed);
  const Txn first = h.propose(CreateRequest{"/w/s-", "", CreateMode::kPersistentSequential, -1}, kSessionA);
  CHECK(std::get<CreateTxn>(first.body).path == "/w/s-2147483647");
  CHECK(std::get<CreateTxn>(first.body).parent_cversion == INT_MIN);
  const Txn second = h.propose(CreateRequest{"/w/s-", "", CreateMode::kPersistentSequential, -1}, kSessionA);
  CHECK(std::get<CreateTxn>(second.body).path == "/w/s--2147483648");
}

TEST_CASE("ephemeral, container and TTL owners") {
  TreeHarness h(true);
  h.connect(kSessionA);
  CHECK(h.create("/e", CreateMode::kEphemeral).result.stat.ephemeral_owner == kSessionA);
  CHECK(h.tree.ephemerals(kSessionA) == std::vector<std::string>{"/e"});
  const auto container = h.create("/c", CreateMode::kContainer);
  CHECK(container.txn.header.type == OpCode::kCreateContainer);
  CHECK(container.result.stat.ephemeral_owner == kContainerEphemeralOwner);
  const auto ttl = h.write(CreateRequest{"/t", "", CreateMode::kPersistentWithTtl, 5000});
  CHECK(ttl.txn.header.type == OpCode::kCreateTtl);
  CHECK(static_cast<uint64_t>(ttl.result.stat.ephemeral_owner) == 0xff00000000001388ULL);
  CHECK(h.write(CreateRequest{"/t2", "", CreateMode::kPersistentWithTtl, 0}).result.err == ErrorCode::kBadArguments);
  CHECK(h.write(CreateRequest{"/t3", "", CreateMode::kPersistent, 100}).result.err == ErrorCode::kBadArguments);
  // Only normal ephemerals belong to a session and refuse children.
  CHECK(h.tree.ephemerals(kSessionA) == std::vector<std::string>{"/e"});
  CHECK(h.create("/c/child").result.err == ErrorCode::kOk);
  CHECK(h.create("/t/child").result.err == ErrorCode::kOk);
}

TEST_CASE("TTL nodes are UNIMPLEMENTED unless extended types are enabled") {
  TreeHarness h;
  h.connect(kSessionA);
  CHECK(h.write(CreateRequest{"/t", "", CreateMode::kPersistentWithTtl, 5000}).result.err == ErrorCode::kUnimplemented);
}

TEST_CASE("create errors in ZooKeeper's check order") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/e", CreateMode::kEphemeral);
  const auto child = h.create("/e/c");
  CHECK(child.result.err == ErrorCode::kNoChildrenForEphemerals);
  CHECK(format_error(child.result.err, "/e/c") == "Ephemerals cannot have children: /e/c");
  // NODEEXISTS is checked before the ephemeral parent.
  CHECK(h.create("/e").result.err == ErrorCode::kNodeExists);
  CHECK(h.create("/missing/c").result.err == ErrorCode::kNoNode);
  CHECK(h.create("a").result.err == ErrorCode::kBadArguments);
  CHECK(h.create("/a/").result.err == ErrorCode::kBadArguments);
  CHECK(h.create("/a//b").result.err == ErrorCode::kBadArguments);
  CHECK(h.create("/a/..").result.err == ErrorCode::kBadArguments);
  CHECK(h.create("/").result.err == ErrorCode::kNodeExists);
  CHECK(h.create("/zookeeper").result.err == ErrorCode::kNodeExists);
  // Bad path beats a dead session; a dead session beats a missing parent.
  CHECK(h.create("bad", CreateMode::kPersistent, "", 0x7777).result.err == ErrorCode::kBadArguments);
  CHECK(h.create("/missing/c", CreateMode::kPersistent, "", 0x7777).result.err == ErrorCode::kSessionExpired);
  CHECK(h.tree.node_count() == 5);
  CHECK(h.tree.last_processed_zxid() == make_zxid(1, 13));
}
