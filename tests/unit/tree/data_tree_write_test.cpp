// delete and setData: version rules, BADVERSION before NOTEMPTY, pzxid/cversion on the
// parent, the undeletable system nodes, and copies being independent.
#include <doctest/doctest.h>

#include "core/zkcli_format.h"
#include "tests/unit/tree/tree_harness.h"

using namespace zk;
using zk::test::kSessionA;
using zk::test::TreeHarness;

TEST_CASE("delete checks version before emptiness") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/d");
  h.create("/d/c");
  const auto bad_version = h.write(DeleteRequest{"/d", 5});
  CHECK(bad_version.result.err == ErrorCode::kBadVersion);
  CHECK(format_error(bad_version.result.err, "/d") == "version No is not valid : /d");
  const auto not_empty = h.write(DeleteRequest{"/d", 0});
  CHECK(not_empty.result.err == ErrorCode::kNotEmpty);
  CHECK(format_error(not_empty.result.err, "/d") == "Node not empty: /d");
  CHECK(h.write(DeleteRequest{"/d", -1}).result.err == ErrorCode::kNotEmpty);
  const auto del = h.write(DeleteRequest{"/d/c", -1});
  CHECK(del.result.err == ErrorCode::kOk);
  CHECK(del.txn.header.type == OpCode::kDelete);
  CHECK(del.result.changes ==
        std::vector<TreeChange>{{TreeChangeKind::kNodeDeleted, "/d/c"}, {TreeChangeKind::kChildrenChanged, "/d"}});
  const Stat d = h.stat("/d");
  CHECK(d.pzxid == del.txn.header.zxid);
  CHECK(d.cversion == 2);  // one create + one delete
  CHECK(d.num_children == 0);
  CHECK(h.write(DeleteRequest{"/d/c", -1}).result.err == ErrorCode::kNoNode);
  CHECK(h.write(DeleteRequest{"/d", 0}).result.err == ErrorCode::kOk);
  CHECK_FALSE(h.tree.exists("/d").has_value());
  CHECK(h.tree.node_count() == 4);
}

TEST_CASE("system nodes and bad paths cannot be deleted") {
  TreeHarness h;
  h.connect(kSessionA);
  for (const char* path : {"/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config"}) {
    const auto out = h.write(DeleteRequest{path, -1});
    CHECK(out.result.err == ErrorCode::kBadArguments);
    CHECK(format_error(out.result.err, path) == std::string("Argument is not valid : ") + path);
  }
  h.create("/a");
  CHECK(h.write(DeleteRequest{"/a/", -1}).result.err == ErrorCode::kBadArguments);
  CHECK(h.write(DeleteRequest{"a", -1}).result.err == ErrorCode::kBadArguments);
  CHECK(h.tree.node_count() == 5);
}

TEST_CASE("setData bumps version, mzxid and mtime, even for equal bytes") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/s", CreateMode::kPersistent, "one");
  const auto first = h.write(SetDataRequest{"/s", "two!", 0});
  CHECK(first.result.err == ErrorCode::kOk);
  CHECK(first.txn.body == TxnBody{SetDataTxn{"/s", "two!", 1}});
  CHECK(first.result.stat.version == 1);
  CHECK(first.result.stat.mzxid == make_zxid(1, 3));
  CHECK(first.result.stat.mtime_ms == 3000);
  CHECK(first.result.stat.czxid == make_zxid(1, 2));
  CHECK(first.result.stat.ctime_ms == 2000);
  CHECK(first.result.stat.data_length == 4);
  CHECK(first.result.stat.pzxid == make_zxid(1, 2));
  CHECK(first.result.stat == h.stat("/s"));
  CHECK(first.result.changes == std::vector<TreeChange>{{TreeChangeKind::kDataChanged, "/s"}});
  CHECK(h.write(SetDataRequest{"/s", "x", 0}).result.err == ErrorCode::kBadVersion);
  CHECK(h.write(SetDataRequest{"/s", "two!", -1}).result.stat.version == 2);
  CHECK(h.write(SetDataRequest{"/nope", "x", -1}).result.err == ErrorCode::kNoNode);
  CHECK(h.write(SetDataRequest{"/s/", "x", -1}).result.err == ErrorCode::kBadArguments);
  CHECK(h.tree.get_data("/s").data == "two!");
  // The parent's stat is untouched by setData.
  CHECK(h.stat("/").pzxid == make_zxid(1, 2));
}

TEST_CASE("a DataTree copy is independent of the original") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/a", CreateMode::kPersistent, "1");
  const DataTree copy = h.tree;
  CHECK(copy == h.tree);
  CHECK(copy.digest() == h.tree.digest());
  h.write(SetDataRequest{"/a", "2", -1});
  h.create("/b");
  CHECK(copy.get_data("/a").data == "1");
  CHECK_FALSE(copy.exists("/b").has_value());
  CHECK_FALSE(copy == h.tree);
  CHECK(copy.digest() != h.tree.digest());
}

TEST_CASE("check_invariants reports a broken tree") {
  DataTree tree;
  CHECK(tree.check_invariants() == std::nullopt);
  // An ephemeral whose session was never created violates item 9.
  tree.apply(Txn{{0x9, 0, make_zxid(1, 1), 1000, OpCode::kCreate}, CreateTxn{"/e", "", 0x9, 1}});
  CHECK(tree.check_invariants() == std::optional<std::string>("/e: owner session is gone"));
}
