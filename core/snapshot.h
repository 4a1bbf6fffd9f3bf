// Snapshot: a DataTree as deterministic bytes and back. The bytes hold the ACL cache (key ->
// list, as ZooKeeper's ReferenceCountedACLCache), every node (path, persisted stat including
// the internal create counter, data, ACL key) in pre-order with children in name order, the session table and the last processed zxid, followed by a CRC-32 of
// everything before it. Two replicas with equal trees produce identical bytes. Loading
// rejects a wrong magic, a bad checksum, truncation or an inconsistent tree with an error
// message instead of crashing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/data_tree.h"

namespace zk {

std::string serialize_snapshot(const DataTree& tree);
// On failure returns nullopt and, if `error` is not null, sets it to the reason.
std::optional<DataTree> load_snapshot(std::string_view bytes, std::string* error);
// A tree built a node at a time, for loading this format and others (sim/datadir streams a
// ZooKeeper snapshot's nodes into one as it reads them, keeping no copy): the ACL cache first,
// then the nodes parents first with "/" first (as a ZooKeeper snapshot lists them), then the
// session table. Each node goes straight into the tree. The first node that cannot go in (a
// bad path, a missing parent, an ACL key that is neither -1 nor in the cache) stops the
// building: add_node returns false and error() says why; build() then fails with it too, as
// it does for a tree without its system nodes or /zookeeper/config's ACL.
struct SnapshotNodeInput {
  std::string_view path;
  StatPersisted stat;
  std::string_view data;
  int64_t acl_key = AclCache::kOpenUnsafeKey;
};
class SnapshotBuilder {
 public:
  SnapshotBuilder(Zxid last_processed_zxid, std::vector<std::pair<int64_t, AclList>> acls);
  bool add_node(const SnapshotNodeInput& node);
  size_t node_count() const { return node_count_; }
  const std::string& error() const { return error_; }
  std::optional<DataTree> build(const std::vector<std::pair<SessionId, int64_t>>& sessions, std::string* error) &&;

 private:
  DataTree tree_;
  Zxid last_processed_zxid_ = 0;
  size_t node_count_ = 0;
  std::string error_;  // the first node's that could not go in
};
// CRC-32 (IEEE 802.3, reflected, as zlib's crc32) of `bytes`.
uint32_t crc32(std::string_view bytes);

}  // namespace zk
