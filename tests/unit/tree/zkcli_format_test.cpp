// zkCli rendering: the stat block, Java dates, ls lists, error messages, event names,
// plus txn descriptions and sizes.
#include "core/zkcli_format.h"

#include <doctest/doctest.h>

#include "tests/unit/tree/tree_harness.h"

using namespace zk;
using zk::test::kSessionA;
using zk::test::TreeHarness;

TEST_CASE("Java Date.toString in UTC") {
  CHECK(java_date_string(0) == "Thu Jan 01 00:00:00 UTC 1970");
  CHECK(java_date_string(2000) == "Thu Jan 01 00:00:02 UTC 1970");
  CHECK(java_date_string(1700000000000LL) == "Tue Nov 14 22:13:20 UTC 2023");
  CHECK(java_date_string(951782400000LL) == "Tue Feb 29 00:00:00 UTC 2000");
  CHECK(java_date_string(-1000) == "Wed Dec 31 23:59:59 UTC 1969");
}

TEST_CASE("zkCli stat of a fresh root and of a created ephemeral") {
  const DataTree tree;
  CHECK(format_stat(*tree.exists("/")) ==
        "cZxid = 0x0\nctime = Thu Jan 01 00:00:00 UTC 1970\nmZxid = 0x0\nmtime = Thu Jan 01 00:00:00 UTC 1970\n"
        "pZxid = 0x0\ncversion = -1\ndataVersion = 0\naclVersion = 0\nephemeralOwner = 0x0\ndataLength = 0\n"
        "numChildren = 1\n");
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/e", CreateMode::kEphemeral, "abc");
  CHECK(format_stat(h.stat("/e")) ==
        "cZxid = 0x100000002\nctime = Thu Jan 01 00:00:02 UTC 1970\nmZxid = 0x100000002\n"
        "mtime = Thu Jan 01 00:00:02 UTC 1970\npZxid = 0x100000002\ncversion = 0\ndataVersion = 0\n"
        "aclVersion = 0\nephemeralOwner = 0x100000000000001\ndataLength = 3\nnumChildren = 0\n");
}

TEST_CASE("ls lists, error messages and event names") {
  CHECK(format_children({}) == "[]");
  CHECK(format_children({"a", "b"}) == "[a, b]");
  CHECK(format_error(ErrorCode::kNoNode, "/a") == "Node does not exist: /a");
  CHECK(format_error(ErrorCode::kNodeExists, "/a") == "Node already exists: /a");
  CHECK(format_error(ErrorCode::kSessionExpired, "/a") == "KeeperErrorCode = Session expired for /a");
  CHECK(format_error(ErrorCode::kConnectionLoss, "") == "KeeperErrorCode = ConnectionLoss");
  CHECK(std::string(event_type_name(EventType::kNodeChildrenChanged)) == "NodeChildrenChanged");
  CHECK(std::string(event_type_name(EventType::kNodeCreated)) == "NodeCreated");
  CHECK(format_watch_event(EventType::kNodeDeleted, "/a") ==
        "WatchedEvent state:SyncConnected type:NodeDeleted path:/a");
}

TEST_CASE("txn descriptions and sizes") {
  const Txn create{{kSessionA, 1, make_zxid(1, 2), 0, OpCode::kCreate}, CreateTxn{"/a", "xyz", 0, 1}};
  CHECK(describe(create) == "create /a");
  // Sizes ZooKeeper 3.8.0 reported (srvr "Proposal sizes last/min/max: 64/48/91", tools/oracle
  // observe.py fourlw): header 32 + record + digest 12; a create carries OPEN_ACL_UNSAFE (27).
  CHECK(serialized_bytes(create) == 32 + (4 + 2) + (4 + 3) + 27 + 1 + 4 + 12);
  const Txn hello{{kSessionA, 1, make_zxid(1, 2), 0, OpCode::kCreate}, CreateTxn{"/a", "hello", 0, 1}};
  CHECK(serialized_bytes(hello) == 91);
  const Txn set{{kSessionA, 1, make_zxid(1, 5), 0, OpCode::kSetData}, SetDataTxn{"/a", "hello!", 1}};
  CHECK(serialized_bytes(set) == 64);
  const Txn session{{0x5, 0, make_zxid(1, 1), 0, OpCode::kCreateSession}, CreateSessionTxn{30000}};
  CHECK(describe(session) == "createSession 0x5 timeout 30000ms");
  CHECK(serialized_bytes(session) == 48);
  CHECK(is_write(Request{CreateRequest{}}));
  CHECK(is_write(Request{CloseSessionRequest{}}));
  CHECK_FALSE(is_write(Request{GetDataRequest{}}));
  CHECK_FALSE(is_write(Request{SyncRequest{}}));
  CHECK_FALSE(is_write(Request{AddWatchRequest{}}));
  CHECK(std::string(op_name(OpCode::kCreateTtl)) == "createTTL");
}
