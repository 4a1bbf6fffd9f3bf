// The consistency checker on small hand-written histories: what passes, and each property
// that fails with its exact name and message.
#include <doctest/doctest.h>

#include "sim/check/linearizability.h"
#include "tests/unit/checkers/history_ops.h"

namespace zk::sim {
using namespace test_history;  // NOLINT: the helpers read as history entries

TEST_CASE("consistency: a sequential history of create, set and sync-then-get is linearizable") {
  const std::vector<HistoryOp> h{create("a", 1, "0", 0, 10, 0x100000001), set("a", 2, "1", 20, 30, 0x100000002),
                                 sync("b", 1, 40, 50, 0x100000002), get("b", 2, "1", 1, 50, 60, 0x100000002, 0x100000002)};
  const ConsistencyReport r = check_consistency(h);
  CHECK(r.ok);
  CHECK(r.partitions == 1);
  CHECK(r.ops == 4);
}

TEST_CASE("consistency: a plain stale read is allowed (sequential consistency), a stale read after sync is not") {
  std::vector<HistoryOp> h{create("a", 1, "0", 0, 10, 0x100000001), set("a", 2, "1", 20, 30, 0x100000002),
                           get("b", 1, "0", 0, 40, 50, 0x100000001, 0x100000001)};
  CHECK(check_consistency(h).ok);
  h.push_back(sync("b", 2, 60, 70, 0x100000002));
  h.push_back(get("b", 3, "0", 0, 70, 80, 0x100000002, 0x100000001));
  const ConsistencyReport r = check_consistency(h);
  CHECK_FALSE(r.ok);
  CHECK(r.property == "linearizable-writes");
  CHECK(r.detail ==
        "the 3 operations on /x have no linearization; stuck at client b cxid 3 get /x -> \"0\" (version 0) "
        "[70us..80us]");
}

TEST_CASE("consistency: an indeterminate write may take effect late or never") {
  const std::vector<HistoryOp> seen{create("a", 1, "0", 0, 10, 0x100000001), lost_set("a", 2, "1", 20),
                                    sync("b", 1, 100, 110, 0x100000002),
                                    get("b", 2, "1", 1, 110, 120, 0x100000002, 0x100000002)};
  CHECK(check_consistency(seen).ok);
  const std::vector<HistoryOp> never{create("a", 1, "0", 0, 10, 0x100000001), lost_set("a", 2, "1", 20),
                                     sync("b", 1, 100, 110, 0x100000001),
                                     get("b", 2, "0", 0, 110, 120, 0x100000001, 0x100000001)};
  CHECK(check_consistency(never).ok);
}

TEST_CASE("consistency: a read of data no write produced at that mzxid fails read-matches-write") {
  const std::vector<HistoryOp> h{create("a", 1, "0", 0, 10, 0x100000001), set("a", 2, "1", 20, 30, 0x100000002),
                                 get("b", 1, "2", 1, 40, 50, 0x100000002, 0x100000002)};
  const ConsistencyReport r = check_consistency(h);
  CHECK(r.property == "read-matches-write");
  CHECK(r.detail ==
        "client b cxid 1 get /x -> \"2\" (version 1) [40us..50us] but the write at mzxid 0x100000002 was client a "
        "cxid 2 set /x \"1\" -v -1 -> ok [20us..30us]");
}

TEST_CASE("consistency: a client that sees an older zxid after a newer one fails client-fifo") {
  const std::vector<HistoryOp> h{create("a", 1, "0", 0, 10, 0x100000001), set("a", 2, "1", 20, 30, 0x100000002),
                                 get("a", 3, "0", 0, 40, 50, 0x100000001, 0x100000001)};
  const ConsistencyReport r = check_consistency(h);
  CHECK(r.property == "client-fifo");
  CHECK(r.detail == "client a saw zxid 0x100000001 (cxid 3) after zxid 0x100000002 (cxid 2)");
}

TEST_CASE("consistency: ephemeral znodes are left out of the linearizability search") {
  HistoryOp e = create("a", 1, "0", 0, 10, 0x100000001);
  e.ephemeral = true;
  const std::vector<HistoryOp> h{e, sync("b", 1, 100, 110, 0x100000002), get("b", 2, "0", 0, 110, 120, 0x100000002, 0)};
  const ConsistencyReport r = check_consistency(h);
  CHECK(r.ok);
  CHECK(r.partitions == 0);
}

}  // namespace zk::sim

namespace zk::sim {
using namespace test_history;  // NOLINT: the helpers read as history entries
namespace {
HistoryOp at(HistoryOp op, const char* path) {
  op.path = path;
  return op;
}
}  // namespace

TEST_CASE("consistency: znodes of the initial tree exist before the first txn") {
  // `set / x` then a synced `get /` (the root's data and version start at "" / 0).
  const std::vector<HistoryOp> set_root{at(set("c", 1, "x", 0, 10, 0x100000002), "/"),
                                        at(sync("c", 2, 20, 30, 0x100000002), "/"),
                                        at(get("c", 3, "x", 1, 30, 40, 0x100000002, 0x100000002), "/")};
  CHECK(check_consistency(set_root).ok);
  // `create /` fails with NODEEXISTS, as do creates of /zookeeper and /zookeeper/quota.
  for (const char* path : {"/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config"}) {
    HistoryOp exists = at(create("c", 1, "", 0, 10, 0x100000002), path);
    exists.err = ErrorCode::kNodeExists;
    INFO(path);
    CHECK(check_consistency({exists}).ok);
  }
  // A synced read of an untouched initial znode sees its initial data and version.
  const std::vector<HistoryOp> read_root{at(sync("c", 1, 0, 10, 0x100000001), "/"),
                                         at(get("c", 2, "", 0, 10, 20, 0x100000001, 0), "/")};
  CHECK(check_consistency(read_root).ok);
  // `set /zookeeper x` acknowledged: version 0 -> 1.
  const std::vector<HistoryOp> set_zk{at(set("c", 1, "x", 0, 10, 0x100000002), "/zookeeper"),
                                      at(sync("c", 2, 20, 30, 0x100000002), "/zookeeper"),
                                      at(get("c", 3, "x", 1, 30, 40, 0x100000002, 0x100000002), "/zookeeper")};
  CHECK(check_consistency(set_zk).ok);
  // Any other znode still starts absent: a create that failed with NODEEXISTS on it is wrong.
  HistoryOp phantom = at(create("c", 1, "", 0, 10, 0x100000002), "/app");
  phantom.err = ErrorCode::kNodeExists;
  const ConsistencyReport r = check_consistency({phantom});
  CHECK_FALSE(r.ok);
  CHECK(r.property == "linearizable-writes");
}

}  // namespace zk::sim
