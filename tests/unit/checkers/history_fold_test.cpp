// The consistency checker over a history given in segments (ConsistencyChecker::fold, the
// World's history window): a violation inside an early, folded segment or across a cut is
// still reported with the message of the whole-history check, and folding at quiescent
// cuts keeps the whole history's verdict.
#include <doctest/doctest.h>

#include <vector>

#include "sim/check/linearizability.h"
#include "tests/unit/checkers/history_ops.h"

namespace zk::sim {
using namespace test_history;  // NOLINT: the helpers read as history entries
namespace {

// The report of `segments` folded one by one and the last one finished.
ConsistencyReport folded(const std::vector<std::vector<HistoryOp>>& segments) {
  ConsistencyChecker checker;
  for (size_t i = 0; i + 1 < segments.size(); ++i) checker.fold(segments[i]);
  return checker.finish(segments.back());
}

std::vector<HistoryOp> joined(const std::vector<std::vector<HistoryOp>>& segments) {
  std::vector<HistoryOp> all;
  for (const auto& segment : segments) all.insert(all.end(), segment.begin(), segment.end());
  return all;
}

// Many writes and synced reads, then one more segment: the early violation must survive.
std::vector<std::vector<HistoryOp>> with_clean_tail(std::vector<HistoryOp> early) {
  std::vector<std::vector<HistoryOp>> segments{std::move(early)};
  for (int s = 0; s < 3; ++s) {
    std::vector<HistoryOp> later;
    const int64_t t = 1000 * (s + 1);
    later.push_back(sync("c", 10 * s + 1, t, t + 10, 0));
    later.push_back(get("c", 10 * s + 2, "", 0, t + 10, t + 20, 0, 0));
    later.back().path = "/other";
    later.back().err = ErrorCode::kNoNode;
    later.front().path = "/other";
    segments.push_back(std::move(later));
  }
  return segments;
}

}  // namespace

TEST_CASE("consistency folding: a violation in an early, folded segment is still reported") {
  SUBCASE("linearizable-writes") {
    const std::vector<HistoryOp> early{create("a", 1, "0", 0, 10, 0x100000001), set("a", 2, "1", 20, 30, 0x100000002),
                                       sync("b", 1, 60, 70, 0x100000002),
                                       get("b", 2, "0", 0, 70, 80, 0x100000002, 0x100000001)};
    const auto segments = with_clean_tail(early);
    const ConsistencyReport whole = check_consistency(joined(segments));
    REQUIRE_FALSE(whole.ok);
    const ConsistencyReport r = folded(segments);
    CHECK_FALSE(r.ok);
    CHECK(r.property == "linearizable-writes");
    CHECK(r.detail == whole.detail);
    CHECK(r.detail ==
          "the 3 operations on /x have no linearization; stuck at client b cxid 2 get /x -> \"0\" (version 0) "
          "[70us..80us]");
  }
  SUBCASE("read-matches-write") {
    const std::vector<HistoryOp> early{create("a", 1, "0", 0, 10, 0x100000001), set("a", 2, "1", 20, 30, 0x100000002),
                                       get("b", 1, "2", 1, 40, 50, 0x100000002, 0x100000002)};
    const ConsistencyReport r = folded(with_clean_tail(early));
    CHECK(r.property == "read-matches-write");
    CHECK(r.detail == check_consistency(early).detail);
  }
  SUBCASE("client-fifo") {
    const std::vector<HistoryOp> early{create("a", 1, "0", 0, 10, 0x100000001), set("a", 2, "1", 20, 30, 0x100000002),
                                       get("a", 3, "0", 0, 40, 50, 0x100000001, 0x100000001)};
    const ConsistencyReport r = folded(with_clean_tail(early));
    CHECK(r.property == "client-fifo");
    CHECK(r.detail == "client a saw zxid 0x100000001 (cxid 3) after zxid 0x100000002 (cxid 2)");
  }
}

TEST_CASE("consistency folding: a violation across a cut is reported from what the folded segment left") {
  const std::vector<HistoryOp> early{create("a", 1, "0", 0, 10, 0x100000001), set("a", 2, "1", 20, 30, 0x100000002)};
  SUBCASE("a synced read of the state before the folded write") {
    const std::vector<HistoryOp> late{sync("b", 1, 100, 110, 0x100000002),
                                      get("b", 2, "0", 0, 110, 120, 0x100000002, 0x100000001)};
    const ConsistencyReport r = folded({early, late});
    CHECK(r.property == "linearizable-writes");
    CHECK(r.detail ==
          "the 1 operations on /x have no linearization; stuck at client b cxid 2 get /x -> \"0\" (version 0) "
          "[110us..120us]");
    CHECK_FALSE(check_consistency(joined({early, late})).ok);
  }
  SUBCASE("a read of other data at a folded write's zxid") {
    const std::vector<HistoryOp> late{get("b", 1, "9", 1, 100, 110, 0x100000002, 0x100000002)};
    const ConsistencyReport r = folded({early, late});
    CHECK(r.property == "read-matches-write");
    CHECK(r.detail == check_consistency(joined({early, late})).detail);
  }
  SUBCASE("a reply older than the client's last folded one") {
    const std::vector<HistoryOp> late{get("a", 3, "0", 0, 100, 110, 0x100000001, 0x100000001)};
    const ConsistencyReport r = folded({early, late});
    CHECK(r.property == "client-fifo");
    CHECK(r.detail == "client a saw zxid 0x100000001 (cxid 3) after zxid 0x100000002 (cxid 2)");
  }
  SUBCASE("a conditional set that needs the version the folded writes left") {
    HistoryOp conditional = set("b", 1, "2", 100, 110, 0x100000003);
    conditional.version = 0;  // the folded create and set left version 1
    const ConsistencyReport r = folded({early, {conditional}});
    CHECK(r.property == "linearizable-writes");
    CHECK_FALSE(check_consistency(joined({early, {conditional}})).ok);
    conditional.version = 1;
    CHECK(folded({early, {conditional}}).ok);
  }
}

TEST_CASE("consistency folding: correct histories keep their verdict, indeterminate writes included") {
  // An indeterminate set folded: later segments may see it applied or not.
  const std::vector<HistoryOp> early{create("a", 1, "0", 0, 10, 0x100000001), lost_set("a", 2, "1", 20)};
  const std::vector<HistoryOp> applied{sync("b", 1, 100, 110, 0x100000002),
                                       get("b", 2, "1", 1, 110, 120, 0x100000002, 0x100000002)};
  const std::vector<HistoryOp> never{sync("b", 1, 100, 110, 0x100000001),
                                     get("b", 2, "0", 0, 110, 120, 0x100000001, 0x100000001)};
  CHECK(folded({early, applied}).ok);
  CHECK(folded({early, never}).ok);
  // Concurrent writes folded in their zxid order, then a synced read of the last one.
  const std::vector<HistoryOp> concurrent{create("a", 1, "0", 0, 10, 0x100000001), set("a", 2, "1", 20, 50, 0x100000002),
                                          set("b", 1, "2", 25, 45, 0x100000003)};
  const std::vector<HistoryOp> read_last{sync("c", 1, 100, 110, 0x100000003),
                                         get("c", 2, "2", 2, 110, 120, 0x100000003, 0x100000003)};
  CHECK(folded({concurrent, read_last}).ok);
  CHECK(check_consistency(joined({concurrent, read_last})).ok);
  const ConsistencyReport r = folded({early, {}, applied});
  CHECK(r.ops == 4);
}

}  // namespace zk::sim
