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
  CHECK(close.body == TxnBody{CloseSessionTxn{{"/e1", "/p/e2", "/p/e4"}}});
  CHECK(describe(close) == "closeSession 0x100000000000001");
  CHECK(txn_error(h.propose(create_req("/late"), kSessionA)) == ErrorCode::kSessionExpired);
  h.commit(pending);
  h.watches.add(1, "/e1", WatchKind::kData);
  h.watches.add(1, "/p", WatchKind::kChild);
  const auto out = h.commit(close);
  CHECK(out.result.err == ErrorCode::kOk);
  CHECK(out.result.changes == std::vector<TreeChange>{{TreeChangeKind::kNodeDeleted, "/e1"},
                                                      {TreeChangeKind::kChildrenChanged, "/"},
                                                      {TreeChangeKind::kNodeDeleted, "/p/e2"},
                                                      {TreeChangeKind::kChildrenChanged, "/p"},
                                                      {TreeChangeKind::kNodeDeleted, "/p/e4"},
                                                      {TreeChangeKind::kChildrenChanged, "/p"}});
  CHECK_FALSE(h.tree.has_session(kSessionA));
  CHECK(h.tree.has_session(kSessionB));
  CHECK(h.tree.ephemerals(kSessionA).empty());
  CHECK(h.tree.ephemerals(kSessionB) == std::vector<std::string>{"/e3"});
  CHECK(h.stat("/p").pzxid == close.header.zxid);
  CHECK(h.stat("/p").num_children == 0);
  CHECK(h.take_events() ==
        std::vector<WatchEvent>{{1, EventType::kNodeDeleted, "/e1"}, {1, EventType::kNodeChildrenChanged, "/p"}});
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
