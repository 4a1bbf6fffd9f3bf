// WatchManager: registration, firing (WatchManager.triggerWatch with PathParentIterator),
// one-shot removal and the setWatches reconnect rule.
#include "core/watch_manager.h"

#include <algorithm>

#include "core/invariant.h"
#include "core/path_utils.h"

namespace zk {

void WatchManager::add_to(Table* table, WatcherId watcher, std::string_view path, Mode mode) {
  auto it = table->find(path);
  if (it == table->end()) it = table->emplace(std::string(path), std::map<WatcherId, Mode>{}).first;
  auto [entry, inserted] = it->second.try_emplace(watcher, mode);
  if (!inserted) {
    if (entry->second == Mode::kPersistentRecursive) --recursive_count_;
    entry->second = mode;
  }
  if (mode == Mode::kPersistentRecursive) ++recursive_count_;
}

bool WatchManager::remove_from(Table* table, WatcherId watcher, std::string_view path) {
  auto it = table->find(path);
  if (it == table->end()) return false;
  auto entry = it->second.find(watcher);
  if (entry == it->second.end()) return false;
  if (entry->second == Mode::kPersistentRecursive) --recursive_count_;
  it->second.erase(entry);
  if (it->second.empty()) table->erase(it);
  return true;
}

void WatchManager::add(WatcherId watcher, std::string_view path, WatchKind kind) {
  switch (kind) {
    case WatchKind::kData:
    case WatchKind::kExist: add_to(&data_watches_, watcher, path, Mode::kStandard); break;
    case WatchKind::kChild: add_to(&child_watches_, watcher, path, Mode::kStandard); break;
    case WatchKind::kPersistent:
      add_to(&data_watches_, watcher, path, Mode::kPersistent);
      add_to(&child_watches_, watcher, path, Mode::kPersistent);
      break;
    case WatchKind::kPersistentRecursive:
      // DataTree.addWatch puts every addWatch mode in both tables (3.8.0); the child table's
      // recursive entries never give NodeChildrenChanged, and their NodeDeleted is the data
      // table's, suppressed - but they count (zk_watch_count) and checkWatches and
      // removeWatches see them.
      add_to(&data_watches_, watcher, path, Mode::kPersistentRecursive);
      add_to(&child_watches_, watcher, path, Mode::kPersistentRecursive);
      break;
  }
}

std::vector<WatcherId> WatchManager::trigger_table(Table* table, std::string_view path, EventType type,
                                                   const std::set<WatcherId>& suppress, bool with_ancestors) {
  std::set<WatcherId> fired;
  // The path itself: every mode fires; standard watches are removed.
  if (auto it = table->find(path); it != table->end()) {
    for (auto entry = it->second.begin(); entry != it->second.end();) {
      const Mode mode = entry->second;
      if (mode == Mode::kPersistentRecursive) {
        if (type != EventType::kNodeChildrenChanged) fired.insert(entry->first);
        ++entry;
        continue;
      }
      fired.insert(entry->first);
      entry = mode == Mode::kStandard ? it->second.erase(entry) : std::next(entry);
    }
    if (it->second.empty()) table->erase(it);
  }
  // Ancestors: only recursive watches apply there.
  if (with_ancestors && recursive_count_ > 0 && type != EventType::kNodeChildrenChanged) {
    std::string_view ancestor = parent_path(path);
    for (size_t depth = 0; !ancestor.empty(); ++depth, ancestor = parent_path(ancestor)) {
      ZK_INVARIANT(depth <= path.size());
      auto it = table->find(ancestor);
      if (it == table->end()) continue;
      for (const auto& [watcher, mode] : it->second) {
        if (mode == Mode::kPersistentRecursive) fired.insert(watcher);
      }
    }
  }
  std::vector<WatcherId> out;
  out.reserve(fired.size());
  for (const WatcherId watcher : fired) {
    if (!suppress.contains(watcher)) out.push_back(watcher);
  }
  return out;
}

std::vector<WatchEvent> WatchManager::trigger(const std::vector<TreeChange>& changes) {
  std::vector<WatchEvent> events;
  if (data_watches_.empty() && child_watches_.empty()) return events;  // nobody watches: nothing fires
  const std::set<WatcherId> none;
  for (const TreeChange& change : changes) {
    switch (change.kind) {
      case TreeChangeKind::kNodeCreated:
        for (const WatcherId w : trigger_table(&data_watches_, change.path, EventType::kNodeCreated, none, true)) {
          events.push_back({w, EventType::kNodeCreated, change.path});
        }
        break;
      case TreeChangeKind::kDataChanged:
        for (const WatcherId w : trigger_table(&data_watches_, change.path, EventType::kNodeDataChanged, none, true)) {
          events.push_back({w, EventType::kNodeDataChanged, change.path});
        }
        break;
      case TreeChangeKind::kNodeDeleted: {
        const std::vector<WatcherId> data_fired =
            trigger_table(&data_watches_, change.path, EventType::kNodeDeleted, none, true);
        for (const WatcherId w : data_fired) events.push_back({w, EventType::kNodeDeleted, change.path});
        const std::set<WatcherId> suppress(data_fired.begin(), data_fired.end());
        // Ancestors too: a recursive watch removed from the data table alone still fires here.
        for (const WatcherId w :
             trigger_table(&child_watches_, change.path, EventType::kNodeDeleted, suppress, true)) {
          events.push_back({w, EventType::kNodeDeleted, change.path});
        }
        break;
      }
      case TreeChangeKind::kChildrenChanged:
        for (const WatcherId w :
             trigger_table(&child_watches_, change.path, EventType::kNodeChildrenChanged, none, false)) {
          events.push_back({w, EventType::kNodeChildrenChanged, change.path});
        }
        break;
    }
  }
  return events;
}

void WatchManager::remove_watcher(WatcherId watcher) {
  for (Table* table : {&data_watches_, &child_watches_}) {
    for (auto it = table->begin(); it != table->end();) {
      auto entry = it->second.find(watcher);
      if (entry != it->second.end()) {
        if (entry->second == Mode::kPersistentRecursive) --recursive_count_;
        it->second.erase(entry);
      }
      it = it->second.empty() ? table->erase(it) : std::next(it);
    }
  }
}

size_t WatchManager::watch_count() const {
  size_t count = 0;
  for (const Table* table : {&data_watches_, &child_watches_}) {
    for (const auto& [path, watchers] : *table) count += watchers.size();
  }
  return count;
}

std::vector<std::pair<std::string, std::vector<WatcherId>>> WatchManager::data_watch_paths() const {
  std::vector<std::pair<std::string, std::vector<WatcherId>>> out;
  for (const auto& [path, watchers] : data_watches_) {
    std::vector<WatcherId> ids;
    for (const auto& [watcher, mode] : watchers) ids.push_back(watcher);
    out.emplace_back(path, std::move(ids));
  }
  return out;
}

bool WatchManager::has_data_watch(WatcherId watcher, std::string_view path) const {
  auto it = data_watches_.find(path);
  return it != data_watches_.end() && it->second.contains(watcher);
}

bool WatchManager::has_child_watch(WatcherId watcher, std::string_view path) const {
  auto it = child_watches_.find(path);
  return it != child_watches_.end() && it->second.contains(watcher);
}

std::vector<WatchEvent> WatchManager::set_watches(WatcherId watcher, Zxid last_zxid, const WatchLists& lists,
                                                  const DataTree& tree) {
  std::vector<WatchEvent> events;
  for (const std::string& path : lists.data) {
    const std::optional<Stat> stat = tree.exists(path);
    if (!stat) {
      events.push_back({watcher, EventType::kNodeDeleted, path});
    } else if (stat->mzxid > last_zxid) {
      events.push_back({watcher, EventType::kNodeDataChanged, path});
    } else {
      add(watcher, path, WatchKind::kData);
    }
  }
  for (const std::string& path : lists.exist) {
    if (tree.exists(path)) {
      events.push_back({watcher, EventType::kNodeCreated, path});
    } else {
      add(watcher, path, WatchKind::kExist);
    }
  }
  for (const std::string& path : lists.child) {
    const std::optional<Stat> stat = tree.exists(path);
    if (!stat) {
      events.push_back({watcher, EventType::kNodeDeleted, path});
    } else if (stat->pzxid > last_zxid) {
      events.push_back({watcher, EventType::kNodeChildrenChanged, path});
    } else {
      add(watcher, path, WatchKind::kChild);
    }
  }
  for (const std::string& path : lists.persistent) add(watcher, path, WatchKind::kPersistent);
  for (const std::string& path : lists.persistent_recursive) add(watcher, path, WatchKind::kPersistentRecursive);
  return events;
}

}  // namespace zk
