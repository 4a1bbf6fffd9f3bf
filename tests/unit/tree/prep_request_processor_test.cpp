// PrepRequestProcessor against outstanding (proposed, unapplied) txns: existence,
// sequential counters, sessions closing, closeSession collecting pending ephemerals.
#include <doctest/doctest.h>

#include "tests/unit/tree/tree_harness.h"

using namespace zk;
using zk::test::kSessionA;
using zk::test::kSessionB;
using zk::test::TreeHarness;

namespace {
CreateRequest create_req(const std::string& path, CreateMode mode = CreateMode::kPersistent) {
  return CreateRequest{path, "", mode, -1};
}
ErrorCode txn_error(const Txn& txn) {
  const auto* err = std::get_if<ErrorTxn>(&txn.body);
  return err == nullptr ? ErrorCode::kOk : err->err;
}
}  // namespace

TEST_CASE("requests are validated against pending changes") {
  TreeHarness h;
  h.connect(kSessionA);
  const Txn create_a = h.propose(create_req("/a"), kSessionA);
  CHECK(txn_error(create_a) == ErrorCode::kOk);
  CHECK(txn_error(h.propose(create_req("/a"), kSessionA)) == ErrorCode::kNodeExists);
  CHECK(txn_error(h.propose(create_req("/a/b"), kSessionA)) == ErrorCode::kOk);
  CHECK(txn_error(h.propose(DeleteRequest{"/a", -1}, kSessionA)) == ErrorCode::kNotEmpty);
  const Txn s0 = h.propose(create_req("/a/s", CreateMode::kPersistentSequential), kSessionA);
  const Txn s1 = h.propose(create_req("/a/s", CreateMode::kPersistentSequential), kSessionA);
  CHECK(std::get<CreateTxn>(s0.body).path == "/a/s0000000001");
  CHECK(std::get<CreateTxn>(s1.body).path == "/a/s0000000002");
  CHECK(txn_error(h.propose(SetDataRequest{"/a", "x", 0}, kSessionA)) == ErrorCode::kOk);
  CHECK(txn_error(h.propose(SetDataRequest{"/a", "y", 0}, kSessionA)) == ErrorCode::kBadVersion);
  CHECK(h.prep.outstanding_count() == 9);
  CHECK(h.tree.node_count() == 4);  // nothing applied yet
  h.prep.applied_up_to(h.next_zxid);
  CHECK(h.prep.outstanding_count() == 0);
  // With the records gone, the prep step sees the (unchanged) tree again.
  CHECK(txn_error(h.propose(create_req("/a"), kSessionA)) == ErrorCode::kOk);
  h.prep.clear();
  CHECK(h.prep.outstanding_count() == 0);
}

TEST_CASE("sessions: unknown, pending, closing") {
  TreeHarness h;
  CHECK(txn_error(h.propose(create_req("/a"), kSessionA)) == ErrorCode::kSessionExpired);
  const Txn session = h.propose(CreateSessionRequest{30000}, kSessionA);
  CHECK(session.header.type == OpCode::kCreateSession);
  CHECK(session.header.session_id == kSessionA);
  // The session is usable as soon as its createSession is proposed.
  CHECK(txn_error(h.propose(create_req("/a"), kSessionA)) == ErrorCode::kOk);
  h.connect(kSessionB);
  h.prep.mark_session_closing(kSessionB);
  CHECK(txn_error(h.propose(create_req("/b"), kSessionB)) == ErrorCode::kSessionExpired);
  CHECK(txn_error(h.propose(SetDataRequest{"/a", "", -1}, kSessionB)) == ErrorCode::kSessionExpired);
}

TEST_CASE("closeSession deletes current and pending ephemerals in one txn") {
  TreeHarness h;
  h.connect(kSessionA);
  h.connect(kSessionB);
  h.create("/e1", CreateMode::kEphemeral);
  h.create("/p");
  h.create("/p/e2", CreateMode::kEphemeral);
  h.create("/e3", CreateMode::kEphemeral, "", kSessionB);
  const Txn pending = h.propose(create_req("/p/e4", CreateMode::kEphemeral), kSessionA);
  const Txn close = h.propose(CloseSessionRequest{}, kSessionA);
  CHECK(close.header.type == OpCode::kCloseSession);
  // Java's order: the clone of {/e1, /p/e2} has 4 bins; /p/e4 joins it (see java_hash_set_test).
  CHECK(close.body == TxnBody{CloseSessionTxn{{"/p/e4", "/p/e2", "/e1"}}});
  CHECK(describe(close) == "closeSession 0x100000000000001");
  CHECK(txn_error(h.propose(create_req("/late"), kSessionA)) == ErrorCode::kSessionExpired);
  h.commit(pending);
  h.watches.add(1, "/e1", WatchKind::kData);
  h.watches.add(1, "/p", WatchKind::kChild);
  const auto out = h.commit(close);
  CHECK(out.result.err == ErrorCode::kOk);
  CHECK(out.result.changes == std::vector<TreeChange>{{TreeChangeKind::kNodeDeleted, "/p/e4"},
                                                      {TreeChangeKind::kChildrenChanged, "/p"},
                                                      {TreeChangeKind::kNodeDeleted, "/p/e2"},
                                                      {TreeChangeKind::kChildrenChanged, "/p"},
                                                      {TreeChangeKind::kNodeDeleted, "/e1"},
                                                      {TreeChangeKind::kChildrenChanged, "/"}});
  CHECK_FALSE(h.tree.has_session(kSessionA));
  CHECK(h.tree.has_session(kSessionB));
  CHECK(h.tree.ephemerals(kSessionA).empty());
  CHECK(h.tree.ephemerals(kSessionB) == std::vector<std::string>{"/e3"});
  CHECK(h.stat("/p").pzxid == close.header.zxid);
  CHECK(h.stat("/p").num_children == 0);
  CHECK(h.take_events() ==
        std::vector<WatchEvent>{{1, EventType::kNodeChildrenChanged, "/p"}, {1, EventType::kNodeDeleted, "/e1"}});
  CHECK(h.watches.watch_count() == 0);
  CHECK(txn_error(h.propose(create_req("/after"), kSessionA)) == ErrorCode::kSessionExpired);
  CHECK(h.tree.sessions() == std::vector<std::pair<SessionId, int64_t>>{{kSessionB, 30000}});
}

TEST_CASE("pending records carry ephemeral-ness, also inside a multi") {
  TreeHarness h;
  h.connect(kSessionA);
  const Txn multi = h.propose(MultiRequest{{create_req("/m"), create_req("/m/e", CreateMode::kEphemeral),
                                            create_req("/m/e/c")}},
                              kSessionA);
  const auto& subs = std::get<MultiTxn>(multi.body).txns;
  REQUIRE(subs.size() == 3);
  CHECK(subs[2] == SubTxn{OpCode::kError, ErrorTxn{ErrorCode::kNoChildrenForEphemerals}});
  const Txn ok = h.propose(MultiRequest{{create_req("/m"), create_req("/m/e", CreateMode::kEphemeral)}}, kSessionA);
  CHECK(std::get<MultiTxn>(ok.body).txns[1].type == OpCode::kCreate);
  // Not yet applied: the pending child of the ephemeral is refused, and closeSession
  // collects the pending ephemeral.
  CHECK(txn_error(h.propose(create_req("/m/e/c"), kSessionA)) == ErrorCode::kNoChildrenForEphemerals);
  const Txn close = h.propose(CloseSessionRequest{}, kSessionA);
  CHECK(close.body == TxnBody{CloseSessionTxn{{"/m/e"}}});
  h.commit(multi);
  h.commit(ok);
  const auto closed = h.commit(close);
  CHECK(closed.result.changes == std::vector<TreeChange>{{TreeChangeKind::kNodeDeleted, "/m/e"},
                                                         {TreeChangeKind::kChildrenChanged, "/m"}});
  CHECK(h.tree.get_children("/m").children.empty());
  CHECK(h.stat("/m").pzxid == close.header.zxid);
}

namespace {
// Session A's 13 ephemerals /e/a../e/l and /e/y (its set grows to 32 bins), 7 of them then
// deleted by A itself: /e/c /e/i /e/j /e/k /e/l /e/y are left.
void thirteen_then_seven_deleted(TreeHarness& h) {
  h.connect(kSessionA);
  h.create("/e");
  for (char c : std::string("abcdefghijkly")) h.create(std::string("/e/") + c, CreateMode::kEphemeral);
  for (char c : std::string("abdefgh")) h.write(DeleteRequest{std::string("/e/") + c, -1}, kSessionA);
}
}  // namespace

TEST_CASE("closeSession deletes in the iteration order of the cloned HashSet, not sorted") {
  TreeHarness h;
  thirteen_then_seven_deleted(h);
  // The session's own set (32 bins) iterates one way ...
  CHECK(h.tree.ephemerals(kSessionA) == std::vector<std::string>{"/e/k", "/e/l", "/e/i", "/e/j", "/e/y", "/e/c"});
  const std::vector<std::string> clone_order{"/e/k", "/e/l", "/e/i", "/e/y", "/e/j", "/e/c"};
  // ... the clone PrepRequestProcessor iterates (16 bins for 6 paths) another.
  for (const std::string& path : clone_order) h.watches.add(7, path, WatchKind::kData);
  const Txn close = h.propose(CloseSessionRequest{}, kSessionA);
  CHECK(close.body == TxnBody{CloseSessionTxn{clone_order}});
  h.commit(close);
  std::vector<WatchEvent> expected;
  for (const std::string& path : clone_order) expected.push_back({7, EventType::kNodeDeleted, path});
  CHECK(h.take_events() == expected);
  CHECK(h.tree.get_children("/e").children.empty());
}

TEST_CASE("closeSession edits the clone with the outstanding records in zxid order") {
  TreeHarness h;
  thirteen_then_seven_deleted(h);
  const Txn delete_c = h.propose(DeleteRequest{"/e/c", -1}, kSessionA);
  const Txn create_q = h.propose(create_req("/e/q", CreateMode::kEphemeral), kSessionA);
  const Txn close = h.propose(CloseSessionRequest{}, kSessionA);
  // Clone k l i y j c, minus the pending delete, plus the pending create at its bin's place.
  CHECK(close.body == TxnBody{CloseSessionTxn{{"/e/k", "/e/l", "/e/i", "/e/y", "/e/j", "/e/q"}}});
  h.commit(delete_c);
  h.commit(create_q);
  h.watches.add(7, "/e", WatchKind::kChild);
  const auto out = h.commit(close);
  CHECK(out.result.changes.front() == TreeChange{TreeChangeKind::kNodeDeleted, "/e/k"});
  CHECK(out.result.changes.size() == 12);
  CHECK(out.result.changes[10] == TreeChange{TreeChangeKind::kNodeDeleted, "/e/q"});
  CHECK(h.take_events() == std::vector<WatchEvent>{{7, EventType::kNodeChildrenChanged, "/e"}});
  CHECK(h.tree.get_children("/e").children.empty());
}

TEST_CASE("paths a closeSession txn misses go in the session set's own order") {
  TreeHarness h;
  thirteen_then_seven_deleted(h);
  // A txn that lists only /e/c (as if built before the others existed): the rest follow in
  // the iteration order of the session's set (32 bins), as DataTree.killSession does.
  Txn close = h.propose(CloseSessionRequest{}, kSessionA);
  std::get<CloseSessionTxn>(close.body).paths_to_delete = {"/e/c"};
  const auto out = h.commit(close);
  std::vector<std::string> deleted;
  for (const TreeChange& change : out.result.changes) {
    if (change.kind == TreeChangeKind::kNodeDeleted) deleted.push_back(change.path);
  }
  CHECK(deleted == std::vector<std::string>{"/e/c", "/e/k", "/e/l", "/e/i", "/e/j", "/e/y"});
  CHECK_FALSE(h.tree.has_session(kSessionA));
}

TEST_CASE("an emptied ephemeral set keeps its table for the session's next ephemerals") {
  TreeHarness a;
  thirteen_then_seven_deleted(a);
  for (char c : std::string("cijkly")) a.write(DeleteRequest{std::string("/e/") + c, -1}, kSessionA);
  CHECK(a.tree.ephemerals(kSessionA).empty());
  // Into the kept 32-bin set: /e/q (bin 14) before /e/y (bin 22).
  a.create("/e/y", CreateMode::kEphemeral);
  a.create("/e/q", CreateMode::kEphemeral);
  CHECK(a.tree.ephemerals(kSessionA) == std::vector<std::string>{"/e/q", "/e/y"});
  // A fresh session's set has 16 bins: /e/y (bin 6) before /e/q (bin 14).
  TreeHarness b;
  b.connect(kSessionB);
  CHECK(b.create("/e", CreateMode::kPersistent, "", kSessionB).result.err == ErrorCode::kOk);
  b.create("/e/y", CreateMode::kEphemeral, "", kSessionB);
  b.create("/e/q", CreateMode::kEphemeral, "", kSessionB);
  CHECK(b.tree.ephemerals(kSessionB) == std::vector<std::string>{"/e/y", "/e/q"});
  const Txn close_b = b.propose(CloseSessionRequest{}, kSessionB);
  CHECK(close_b.body == TxnBody{CloseSessionTxn{{"/e/y", "/e/q"}}});
}
