// Snapshot: a DataTree as deterministic bytes and back. The bytes hold the ACL cache (key ->
// list, as ZooKeeper's ReferenceCountedACLCache), every node (path, persisted stat including
// the internal create counter, data, ACL key) in pre-order with children in name order, the session table and the last processed zxid, followed by a CRC-32 of
// everything before it. Two replicas with equal trees produce identical bytes. Loading
// rejects a wrong magic, a bad checksum, truncation or an inconsistent tree with an error
// message instead of crashing.
#pragma once

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
// A tree from an ACL cache, nodes listed parents first with "/" first (as a ZooKeeper snapshot
// lists them), the session table and the last processed zxid: for loading other formats.
// Fails (nullopt, *error set) as load_snapshot does on a bad path, a missing parent, a missing
// system node or a node whose ACL key is neither -1 nor in the cache.
struct SnapshotNodeInput {
  std::string_view path;
  StatPersisted stat;
  std::string_view data;
  int64_t acl_key = AclCache::kOpenUnsafeKey;
};
std::optional<DataTree> tree_from_nodes(Zxid last_processed_zxid, const std::vector<std::pair<int64_t, AclList>>& acls,
                                        const std::vector<SnapshotNodeInput>& nodes,
                                        const std::vector<std::pair<SessionId, int64_t>>& sessions,
                                        std::string* error);
// The same a node at a time, for a loader that streams another format's nodes without
// keeping them (sim/datadir reads a ZooKeeper snapshot this way): add_node appends the
// node's encoding, build() turns the bytes into the tree (load_snapshot's checks and errors)
// and frees them. Each node is built once, in the tree.
class SnapshotBuilder {
 public:
  SnapshotBuilder(Zxid last_processed_zxid, const std::vector<std::pair<int64_t, AclList>>& acls);
  // Room for about this many more bytes of nodes (a hint: the file being read's size).
  void reserve(size_t bytes) { bytes_.reserve(bytes_.size() + bytes); }
  void add_node(const SnapshotNodeInput& node);
  size_t node_count() const { return node_count_; }
  std::optional<DataTree> build(const std::vector<std::pair<SessionId, int64_t>>& sessions, std::string* error) &&;

 private:
  std::string bytes_;
  size_t count_offset_ = 0;  // where the node count goes once it is known
  size_t node_count_ = 0;
};
// CRC-32 (IEEE 802.3, reflected, as zlib's crc32) of `bytes`.
uint32_t crc32(std::string_view bytes);

}  // namespace zk
