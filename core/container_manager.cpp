// container_candidates: ContainerManager.getCandidates, with Java's HashSet order.
#include "core/container_manager.h"

#include "core/ephemeral_type.h"
#include "core/java_hash_set.h"

namespace zk {

std::vector<std::string> container_candidates(const DataTree& tree, int64_t now_ms,
                                              const ContainerManagerConfig& config) {
  JavaStringHashSet candidates;
  // DataTree.getContainers: new HashSet<String>(containers).
  const JavaStringHashSet containers =
      JavaStringHashSet::copy_of(std::vector<std::string>(tree.containers().begin(), tree.containers().end()));
  for (const std::string& path : containers.iteration_order()) {
    const std::optional<NodeRecord> node = tree.node_record(path);
    if (!node || node->num_children != 0) continue;
    // cversion > 0: it has had a child. A container created just before a check is kept.
    const bool had_child = node->stat.cversion > 0;
    const bool never_used_too_long = config.max_never_used_interval_ms != 0 &&
                                     now_ms - node->stat.mtime_ms > config.max_never_used_interval_ms;
    if (had_child || never_used_too_long) candidates.add(path);
  }
  if (config.extended_types_enabled) {
    const JavaStringHashSet ttls =
        JavaStringHashSet::copy_of(std::vector<std::string>(tree.ttls().begin(), tree.ttls().end()));
    for (const std::string& path : ttls.iteration_order()) {
      const std::optional<NodeRecord> node = tree.node_record(path);
      if (!node || node->num_children != 0) continue;
      const int64_t ttl_ms = ttl_of(node->stat.ephemeral_owner);
      if (ttl_ms != 0 && now_ms - node->stat.mtime_ms > ttl_ms) candidates.add(path);
    }
  }
  return candidates.iteration_order();
}

}  // namespace zk
