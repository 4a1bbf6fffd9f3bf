// WatchManager: one server's watch tables (ZooKeeper's dataWatches and childWatches with
// their WatcherModeManager). A watcher is a client connection, named by a WatcherId.
// trigger() turns the TreeChanges of one applied txn into the events ZooKeeper would send,
// removing one-shot watches as they fire; persistent watches stay, and recursive ones see
// every descendant but never NodeChildrenChanged. As in 3.8.0, addWatch's modes (persistent
// and persistent recursive) sit in both tables.
//
// Event order is deterministic: changes in the order given; within one change, the data
// table's events before the child table's, and within one table trigger, ascending
// WatcherId. Each watcher gets at most one event per table trigger, so a data and an exist
// watch on one path (both live in the data table) give one event, and a NodeDeleted already
// sent through the data table is not repeated through the child table.
//
// Mode per (watcher, path, table) follows ZooKeeper 3.8: the latest registration sets it,
// so a standard watch added over a persistent one turns it back into a one-shot watch.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/data_tree.h"
#include "core/zxid.h"

namespace zk {

using WatcherId = int64_t;

enum class WatchKind { kData, kExist, kChild, kPersistent, kPersistentRecursive };

enum class EventType : int32_t {
  kNone = -1,
  kNodeCreated = 1,
  kNodeDeleted = 2,
  kNodeDataChanged = 3,
  kNodeChildrenChanged = 4,
};

struct WatchEvent {
  WatcherId watcher = 0;
  EventType type = EventType::kNone;
  std::string path;
  bool operator==(const WatchEvent&) const = default;
};

// The watch lists a reconnecting client sends with setWatches.
struct WatchLists {
  std::vector<std::string> data;
  std::vector<std::string> exist;
  std::vector<std::string> child;
  std::vector<std::string> persistent;
  std::vector<std::string> persistent_recursive;
};

class WatchManager {
 public:
  void add(WatcherId watcher, std::string_view path, WatchKind kind);
  std::vector<WatchEvent> trigger(const std::vector<TreeChange>& changes);
  // The connection closed: drop every watch it had.
  void remove_watcher(WatcherId watcher);
  // Total (path, watcher) entries over both tables (zk_watch_count).
  size_t watch_count() const;
  // Reconnect (ZooKeeper's setWatches): events for watches that would have fired while away,
  // registration for the rest. Events in list order: data, exist, child.
  std::vector<WatchEvent> set_watches(WatcherId watcher, Zxid last_zxid, const WatchLists& lists, const DataTree& tree);
  // Has `watcher` a watch on `path` in the data / child table?
  bool has_data_watch(WatcherId watcher, std::string_view path) const;
  bool has_child_watch(WatcherId watcher, std::string_view path) const;
  // checkWatches as 3.8.0's WatchManager.containsWatcher answers it: true when the table
  // holds any watcher at exactly `path` - not necessarily the asking one (3.8.0 checks only
  // that the path has watchers at the leaf, whatever the watcher; ancestors matter only for a
  // recursive watch of the asker's at `path`, which the leaf already shows).
  bool data_table_has_path(std::string_view path) const { return data_watches_.contains(path); }
  bool child_table_has_path(std::string_view path) const { return child_watches_.contains(path); }
  // removeWatches: drops `watcher`'s watch of any mode at `path` from one table; false when
  // it had none there (WatchManager.removeWatcher).
  bool remove_data_watch(WatcherId watcher, std::string_view path) { return remove_from(&data_watches_, watcher, path); }
  bool remove_child_watch(WatcherId watcher, std::string_view path) { return remove_from(&child_watches_, watcher, path); }
  // The data table as (path, watchers ascending), paths ascending: what 3.8's wchs, wchc and
  // wchp report (DataTree dumps only its data watches, not its child watches).
  std::vector<std::pair<std::string, std::vector<WatcherId>>> data_watch_paths() const;

 private:
  enum class Mode { kStandard, kPersistent, kPersistentRecursive };
  // path -> watcher -> mode
  using Table = std::map<std::string, std::map<WatcherId, Mode>, std::less<>>;

  void add_to(Table* table, WatcherId watcher, std::string_view path, Mode mode);
  bool remove_from(Table* table, WatcherId watcher, std::string_view path);
  // Fires `type` for `path` from one table; recursive watches on ancestors are consulted
  // when `with_ancestors`. Returns the watchers notified (ascending).
  std::vector<WatcherId> trigger_table(Table* table, std::string_view path, EventType type,
                                       const std::set<WatcherId>& suppress, bool with_ancestors);

  Table data_watches_;
  Table child_watches_;
  size_t recursive_count_ = 0;
};

}  // namespace zk
