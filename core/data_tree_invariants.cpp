// DataTree::check_invariants: a full, read-only audit of the tree's well-formedness
// (parents, child counts, ephemerals, zxid and version order) and of the derived structures (hash index, ephemeral
// table, container and TTL sets, digest) against the nodes themselves.
#include <fmt/format.h>

#include "core/data_tree.h"
#include "core/ephemeral_type.h"
#include "core/path_utils.h"

namespace zk {

std::optional<std::string> DataTree::check_invariants() const {
  std::optional<std::string> violation;
  uint64_t digest = 0;
  size_t visited = 0;
  std::map<SessionId, JavaStringHashSet> ephemerals;
  std::set<std::string> containers;
  std::set<std::string> ttls;
  std::map<int64_t, int64_t> acl_usage;
  for_each_node([&](std::string_view path, const StatPersisted& s, std::string_view, int32_t num_children) {
    ++visited;
    if (violation) return;
    const uint32_t index = find(path);
    if (index == kNone) {
      violation = fmt::format("{}: not reachable through the index", path);
      return;
    }
    const Node& node = nodes_[index];
    if (node.path_hash != path_hash_of(path)) {
      violation = fmt::format("{}: cached path hash disagrees with the path", path);
      return;
    }
    if (acl_cache_.convert_long(node.acl) == nullptr) {
      violation = fmt::format("{}: ACL key {} is not in the ACL cache", path, node.acl);
      return;
    }
    if (node.acl != AclCache::kOpenUnsafeKey) ++acl_usage[node.acl];
    digest += node_hash(node);
    int32_t counted = 0;
    std::set<std::string_view> names;
    for (uint32_t c = node.first_child; c != kNone && counted <= num_children; c = nodes_[c].next_sibling) {
      ++counted;
      if (nodes_[c].parent != index) violation = fmt::format("{}: child {} has another parent", path, nodes_[c].name);
      if (!names.insert(nodes_[c].name).second) violation = fmt::format("{}: duplicate child {}", path, nodes_[c].name);
    }
    if (counted != num_children)
      violation = fmt::format("{}: numChildren {} but {} children", path, num_children, counted);
    if (s.czxid > s.mzxid || s.czxid > s.pzxid) violation = fmt::format("{}: czxid after mzxid or pzxid", path);
    // /zookeeper/config's aversion is -1: ZooKeeper sets its ACL with version -1.
    if (s.version < 0 || (s.aversion < 0 && path != "/zookeeper/config")) {
      violation = fmt::format("{}: negative version", path);
    }
    if (s.cversion < num_children && !is_system_path(path))
      violation = fmt::format("{}: create counter below numChildren", path);
    if (ephemeral_type(s.ephemeral_owner) == EphemeralType::kNormal) {
      if (num_children > 0) violation = fmt::format("{}: ephemeral with children", path);
      if (!sessions_.contains(s.ephemeral_owner)) violation = fmt::format("{}: owner session is gone", path);
      ephemerals[s.ephemeral_owner].add(path);
    }
    if (ephemeral_type(s.ephemeral_owner) == EphemeralType::kContainer) containers.emplace(path);
    if (ephemeral_type(s.ephemeral_owner) == EphemeralType::kTtl) ttls.emplace(path);
  });
  if (violation) return violation;
  if (visited != node_count_) return fmt::format("visited {} nodes, node_count {}", visited, node_count_);
  if (index_used_ + 1 != node_count_)
    return fmt::format("index holds {} entries for {} nodes", index_used_, node_count_);
  if (!same_ephemerals(ephemerals, ephemerals_)) return std::string("ephemeral table disagrees with the nodes");
  if (containers != containers_) return std::string("container set disagrees with the nodes");
  if (ttls != ttls_) return std::string("TTL set disagrees with the nodes");
  for (const auto& [key, count] : acl_usage) {
    if (acl_cache_.usage(key) != count) {
      return fmt::format("ACL key {} is used by {} nodes, the cache counts {}", key, count, acl_cache_.usage(key));
    }
  }
  for (const auto& [session, timeout_ms] : sessions_) digest += session_hash_of(session, timeout_ms);
  if (digest != digest_) return std::string("digest disagrees with the content");
  return std::nullopt;
}

}  // namespace zk
