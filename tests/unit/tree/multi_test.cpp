// multi: one txn and one zxid for all ops, all-or-nothing, and the per-op results of a
// multi that fails half way (OK before, the error, RUNTIMEINCONSISTENCY after).
#include <doctest/doctest.h>

#include "tests/unit/tree/tree_harness.h"

using namespace zk;
using zk::test::kSessionA;
using zk::test::TreeHarness;

namespace {
std::vector<ErrorCode> result_errors(const ApplyResult& result) {
  std::vector<ErrorCode> out;
  for (const OpResult& op : result.multi_results) out.push_back(op.err);
  return out;
}
}  // namespace

TEST_CASE("a failing multi applies nothing and reports per-op results") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/m");
  const uint64_t digest_before = h.tree.digest();
  const auto out =
      h.write(MultiRequest{{CreateRequest{"/m/a", "", CreateMode::kPersistent, -1}, SetDataRequest{"/m", "x", 0},
                            DeleteRequest{"/nope", -1}, CreateRequest{"/m/b", "", CreateMode::kPersistent, -1}}});
  CHECK(out.txn.header.type == OpCode::kMulti);
  CHECK(out.txn.header.zxid == make_zxid(1, 3));
  const auto& multi = std::get<MultiTxn>(out.txn.body);
  REQUIRE(multi.txns.size() == 4);
  CHECK(multi.txns[0] == SubTxn{OpCode::kError, ErrorTxn{ErrorCode::kOk}});
  CHECK(multi.txns[1] == SubTxn{OpCode::kError, ErrorTxn{ErrorCode::kOk}});
  CHECK(multi.txns[2] == SubTxn{OpCode::kError, ErrorTxn{ErrorCode::kNoNode}});
  CHECK(multi.txns[3] == SubTxn{OpCode::kError, ErrorTxn{ErrorCode::kRuntimeInconsistency}});
  CHECK(out.result.err == ErrorCode::kNoNode);
  CHECK(result_errors(out.result) ==
        std::vector<ErrorCode>{ErrorCode::kOk, ErrorCode::kOk, ErrorCode::kNoNode, ErrorCode::kRuntimeInconsistency});
  CHECK(out.result.changes.empty());
  CHECK_FALSE(h.tree.exists("/m/a").has_value());
  CHECK(h.stat("/m").version == 0);
  CHECK(h.tree.digest() == digest_before);
  CHECK(h.tree.last_processed_zxid() == make_zxid(1, 3));
  // The rolled-back records do not linger: /m/a can be created next.
  CHECK(h.create("/m/a").result.err == ErrorCode::kOk);
  CHECK(describe(out.txn) == "multi [error OK, error OK, error NONODE, error RUNTIMEINCONSISTENCY]");
}

TEST_CASE("a successful multi shares one zxid and sees its own earlier ops") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/m");
  const auto out =
      h.write(MultiRequest{{CreateRequest{"/m/a", "1", CreateMode::kPersistent, -1}, SetDataRequest{"/m", "x", -1},
                            CheckRequest{"/m", 1}, DeleteRequest{"/m/a", 0}}});
  const Zxid zxid = make_zxid(1, 3);
  CHECK(out.result.err == ErrorCode::kOk);
  REQUIRE(out.result.multi_results.size() == 4);
  CHECK(out.result.multi_results[0].type == OpCode::kCreate);
  CHECK(out.result.multi_results[0].path == "/m/a");
  CHECK(out.result.multi_results[1].type == OpCode::kSetData);
  CHECK(out.result.multi_results[1].stat.version == 1);
  CHECK(out.result.multi_results[1].stat.mzxid == zxid);
  CHECK(out.result.multi_results[2].type == OpCode::kCheck);
  CHECK(out.result.multi_results[2].err == ErrorCode::kOk);
  CHECK(out.result.multi_results[3].type == OpCode::kDelete);
  CHECK(out.result.changes == std::vector<TreeChange>{{TreeChangeKind::kNodeCreated, "/m/a"},
                                                      {TreeChangeKind::kChildrenChanged, "/m"},
                                                      {TreeChangeKind::kDataChanged, "/m"},
                                                      {TreeChangeKind::kNodeDeleted, "/m/a"},
                                                      {TreeChangeKind::kChildrenChanged, "/m"}});
  const Stat m = h.stat("/m");
  CHECK(m.version == 1);
  CHECK(m.mzxid == zxid);
  CHECK(m.pzxid == zxid);
  CHECK(m.cversion == 2);
  CHECK(m.num_children == 0);
  CHECK(h.tree.last_processed_zxid() == zxid);
  CHECK(h.next_zxid == make_zxid(1, 4));
}

TEST_CASE("check inside multi fails on a version mismatch or a missing node") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/m");
  const auto bad =
      h.write(MultiRequest{{CheckRequest{"/m", 7}, CreateRequest{"/m/x", "", CreateMode::kPersistent, -1}}});
  CHECK(result_errors(bad.result) == std::vector<ErrorCode>{ErrorCode::kBadVersion, ErrorCode::kRuntimeInconsistency});
  const auto missing = h.write(MultiRequest{{CheckRequest{"/zz", -1}}});
  CHECK(missing.result.err == ErrorCode::kNoNode);
  CHECK(h.tree.node_count() == 5);
}
