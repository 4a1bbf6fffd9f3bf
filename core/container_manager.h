// ContainerManager: the leader's reaper of empty container nodes and expired TTL nodes
// (ZooKeeper 3.8's ContainerManager, started by LeaderZooKeeperServer once the leader
// serves). Every check interval (fixed rate from the start) it lists the candidates: a
// container with no children that has had one (cversion > 0), or that never had one and is
// older than max-never-used (0: kept for ever); a TTL node with no children whose mtime is
// more than its TTL ago, when extended types are enabled. It then posts one deleteContainer
// request per candidate, 60000 / maxPerMinute ms apart. The request goes through the
// PrepRequestProcessor like any write and, as a txn of session 0 and cxid 0, may fail there
// (NOTEMPTY when a child came meanwhile, NONODE when it went) and log an error txn.
//
// The settings are JVM system properties in ZooKeeper (znode.container.checkIntervalMs,
// znode.container.maxPerMinute, znode.container.maxNeverUsedIntervalMs and
// zookeeper.extendedTypesEnabled); here they are scenario options on the cluster line.
//
// The order the candidates are deleted in is Java's: getCandidates adds them to a new
// HashSet<String>, containers first (from a HashSet copy of DataTree's container set), then
// TTL nodes, and iterates it. That order is modelled with JavaStringHashSet; where two
// candidates share a bin of the copy's table, Java's order follows the history of
// DataTree's ConcurrentHashMap, which is not modelled (path order is used there).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data_tree.h"

namespace zk {

struct ContainerManagerConfig {
  int64_t check_interval_ms = 60'000;    // znode.container.checkIntervalMs
  int64_t max_per_minute = 10'000;       // znode.container.maxPerMinute
  int64_t max_never_used_interval_ms = 0;  // znode.container.maxNeverUsedIntervalMs (0: never)
  bool extended_types_enabled = false;   // zookeeper.extendedTypesEnabled: TTL nodes
  bool operator==(const ContainerManagerConfig&) const = default;

  // checkContainers' pause between two deletes: one minute / maxPerMinute.
  int64_t min_interval_ms() const { return 60'000 / max_per_minute; }
};

// ContainerManager.getCandidates at `now_ms`, in the order checkContainers posts them.
std::vector<std::string> container_candidates(const DataTree& tree, int64_t now_ms,
                                              const ContainerManagerConfig& config);

}  // namespace zk
