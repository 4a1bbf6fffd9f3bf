// zkCli-style rendering shared by traces, the GUI console and the scenario runner: the
// 11-line `stat` block (dates as Java's Date.toString in UTC), `ls` lists, the error
// messages zkCli prints for KeeperExceptions, and watch event names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error_code.h"
#include "core/stat.h"
#include "core/watch_manager.h"

namespace zk {

// "Thu Jan 01 00:00:02 UTC 1970" for 2000 ms.
std::string java_date_string(int64_t time_ms);
// The 11 lines of zkCli `stat`, each ending in '\n'.
std::string format_stat(const Stat& stat);
// "[a, b]"; "[]" when empty. Order as given (get_children already sorts).
std::string format_children(const std::vector<std::string>& children);
// zkCli's message, e.g. "Node does not exist: /a", "version No is not valid : /a",
// otherwise "KeeperErrorCode = <message> for <path>".
std::string format_error(ErrorCode code, std::string_view path);
// "NodeCreated", "NodeDeleted", "NodeDataChanged", "NodeChildrenChanged", "None".
const char* event_type_name(EventType type);
// "WatchedEvent state:SyncConnected type:NodeDataChanged path:/a" (zkCli's WATCHER line).
std::string format_watch_event(EventType type, std::string_view path);

}  // namespace zk
