// WatchManager: which events fire for which op and watch kind, once only for standard
// watches, persistent and recursive semantics, dedupe, ordering and setWatches.
#include <doctest/doctest.h>

#include "tests/unit/tree/tree_harness.h"

using namespace zk;
using zk::test::kSessionA;
using zk::test::TreeHarness;

namespace {
using Events = std::vector<WatchEvent>;
}

TEST_CASE("data, exist and child watches fire once") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/a");
  h.watches.add(1, "/a", WatchKind::kData);
  h.watches.add(1, "/b", WatchKind::kExist);
  h.watches.add(1, "/", WatchKind::kChild);
  CHECK(h.watches.watch_count() == 3);
  h.write(SetDataRequest{"/a", "x", -1});
  CHECK(h.take_events() == Events{{1, EventType::kNodeDataChanged, "/a"}});
  h.write(SetDataRequest{"/a", "y", -1});
  CHECK(h.take_events().empty());
  h.create("/b");
  CHECK(h.take_events() == Events{{1, EventType::kNodeCreated, "/b"}, {1, EventType::kNodeChildrenChanged, "/"}});
  h.create("/c");
  CHECK(h.take_events().empty());
  CHECK(h.watches.watch_count() == 0);
}

TEST_CASE("a failed write fires nothing") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/a");
  h.watches.add(1, "/a", WatchKind::kData);
  h.write(SetDataRequest{"/a", "x", 9});
  h.create("/a");
  CHECK(h.take_events().empty());
  CHECK(h.watches.watch_count() == 1);
}

TEST_CASE("delete: one NodeDeleted per connection, child watchers told too") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/a");
  h.watches.add(2, "/a", WatchKind::kData);
  h.watches.add(2, "/a", WatchKind::kExist);  // same table: a no-op
  h.watches.add(2, "/a", WatchKind::kChild);
  h.watches.add(1, "/a", WatchKind::kChild);
  h.watches.add(3, "/", WatchKind::kChild);
  CHECK(h.watches.watch_count() == 4);
  h.write(DeleteRequest{"/a", -1});
  CHECK(h.take_events() == Events{{2, EventType::kNodeDeleted, "/a"},
                                  {1, EventType::kNodeDeleted, "/a"},
                                  {3, EventType::kNodeChildrenChanged, "/"}});
  CHECK(h.watches.watch_count() == 0);
}

TEST_CASE("events within one change come in ascending watcher id") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/a");
  h.watches.add(7, "/a", WatchKind::kData);
  h.watches.add(3, "/a", WatchKind::kData);
  h.watches.add(5, "/a", WatchKind::kExist);
  h.write(SetDataRequest{"/a", "x", -1});
  CHECK(h.take_events() == Events{{3, EventType::kNodeDataChanged, "/a"},
                                  {5, EventType::kNodeDataChanged, "/a"},
                                  {7, EventType::kNodeDataChanged, "/a"}});
}

TEST_CASE("persistent watches stay and see the node and its children list") {
  TreeHarness h;
  h.connect(kSessionA);
  h.watches.add(1, "/p", WatchKind::kPersistent);
  CHECK(h.watches.watch_count() == 2);
  h.create("/p");
  h.create("/p/c");
  h.write(SetDataRequest{"/p", "x", -1});
  h.write(SetDataRequest{"/p/c", "x", -1});  // not the watched path: nothing
  h.write(DeleteRequest{"/p/c", -1});
  h.write(DeleteRequest{"/p", -1});
  CHECK(h.take_events() == Events{{1, EventType::kNodeCreated, "/p"},
                                  {1, EventType::kNodeChildrenChanged, "/p"},
                                  {1, EventType::kNodeDataChanged, "/p"},
                                  {1, EventType::kNodeChildrenChanged, "/p"},
                                  {1, EventType::kNodeDeleted, "/p"}});
  CHECK(h.watches.watch_count() == 2);
  h.create("/p");
  CHECK(h.take_events() == Events{{1, EventType::kNodeCreated, "/p"}});
}

TEST_CASE("recursive watches see descendants but never NodeChildrenChanged") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/r");
  h.watches.add(4, "/r", WatchKind::kPersistentRecursive);
  CHECK(h.watches.watch_count() == 2);  // 3.8.0: addWatch puts it in the data and the child table
  h.create("/r/x");
  h.create("/r/x/y");
  h.write(SetDataRequest{"/r/x/y", "d", -1});
  h.write(DeleteRequest{"/r/x/y", -1});
  h.create("/rr");  // a sibling with a common prefix is not a descendant
  h.write(SetDataRequest{"/r", "d", -1});
  CHECK(h.take_events() == Events{{4, EventType::kNodeCreated, "/r/x"},
                                  {4, EventType::kNodeCreated, "/r/x/y"},
                                  {4, EventType::kNodeDataChanged, "/r/x/y"},
                                  {4, EventType::kNodeDeleted, "/r/x/y"},
                                  {4, EventType::kNodeDataChanged, "/r"}});
  CHECK(h.watches.watch_count() == 2);
  h.watches.remove_watcher(4);
  CHECK(h.watches.watch_count() == 0);
  h.create("/r/z");
  CHECK(h.take_events().empty());
}

TEST_CASE("removeWatches takes a watch out of one table - checkWatches asks whether a path has any watcher") {
  // What a real 3.8.0 answered (tools/live/wire_probe.py reads): a recursive watch left only
  // in the child table still tells of a descendant's deletion, never of data changes.
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/r");
  h.create("/r/x");
  h.watches.add(4, "/r", WatchKind::kPersistentRecursive);
  CHECK(h.watches.remove_data_watch(4, "/r"));
  CHECK_FALSE(h.watches.remove_data_watch(4, "/r"));
  CHECK(h.watches.child_table_has_path("/r"));
  CHECK_FALSE(h.watches.data_table_has_path("/r"));
  CHECK(h.watches.watch_count() == 1);
  h.write(SetDataRequest{"/r/x", "d", -1});
  h.write(DeleteRequest{"/r/x", -1});
  CHECK(h.take_events() == Events{{4, EventType::kNodeDeleted, "/r/x"}});
  CHECK(h.watches.remove_child_watch(4, "/r"));
  CHECK(h.watches.watch_count() == 0);
  // checkWatches (3.8.0): any watcher at the exact path counts, not only the asker's.
  h.watches.add(7, "/r", WatchKind::kData);
  CHECK(h.watches.data_table_has_path("/r"));
  CHECK_FALSE(h.watches.remove_data_watch(4, "/r"));  // 4 has none there
  CHECK_FALSE(h.watches.data_table_has_path("/r/x"));
}

TEST_CASE("3.8 rule: a standard watch registered over a persistent one makes it one-shot") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/p");
  h.watches.add(1, "/p", WatchKind::kPersistent);
  h.watches.add(1, "/p", WatchKind::kData);
  h.write(SetDataRequest{"/p", "x", -1});
  h.write(SetDataRequest{"/p", "y", -1});
  CHECK(h.take_events() == Events{{1, EventType::kNodeDataChanged, "/p"}});
  CHECK(h.watches.has_child_watch(1, "/p"));
  CHECK_FALSE(h.watches.has_data_watch(1, "/p"));
}

TEST_CASE("setWatches on reconnect fires what was missed and re-registers the rest") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/same");
  h.create("/changed");
  h.create("/gone");
  h.create("/kids");
  const Zxid last_seen = h.tree.last_processed_zxid();
  h.write(SetDataRequest{"/changed", "x", -1});
  h.write(DeleteRequest{"/gone", -1});
  h.create("/kids/k");
  h.create("/born");
  WatchLists lists;
  lists.data = {"/same", "/changed", "/gone"};
  lists.exist = {"/born", "/unborn"};
  lists.child = {"/same", "/kids", "/gone"};
  lists.persistent = {"/pp"};
  lists.persistent_recursive = {"/rr"};
  const Events events = h.watches.set_watches(9, last_seen, lists, h.tree);
  CHECK(events == Events{{9, EventType::kNodeDataChanged, "/changed"},
                         {9, EventType::kNodeDeleted, "/gone"},
                         {9, EventType::kNodeCreated, "/born"},
                         {9, EventType::kNodeChildrenChanged, "/kids"},
                         {9, EventType::kNodeDeleted, "/gone"}});
  // Registered: data /same, exist /unborn, child /same, persistent /pp (2), recursive /rr (2:
  // DataTree.setWatches adds it to the child and the data table).
  CHECK(h.watches.watch_count() == 7);
  CHECK(h.watches.child_table_has_path("/rr"));
  CHECK(h.watches.has_data_watch(9, "/same"));
  CHECK(h.watches.has_data_watch(9, "/unborn"));
  CHECK(h.watches.has_child_watch(9, "/same"));
  CHECK_FALSE(h.watches.has_data_watch(9, "/changed"));
}
