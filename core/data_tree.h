// DataTree: one server's replica of the znode tree plus the replicated session table
// (ZooKeeper's DataTree + ZKDatabase.sessionsWithTimeouts). It is a copyable value: the GUI
// copies whole worlds for time travel, so copies are deep and independent.
//
// apply(txn) is the only way the content changes; it returns what happened (error code,
// created path, Stat, per-op multi results) and the TreeChanges in the order ZooKeeper
// fires watches, for the WatchManager. Reads never change anything. Error txns change
// nothing but still advance last_processed_zxid.
//
// Storage: nodes live in a BlockVector indexed by a 32-bit node index; each node keeps its own
// name (not the full path), its parent and an intrusive sibling list. A single
// open-addressing hash index maps (parent index, name) to a node, so a path lookup is one
// probe per path element (the index slot comes from the same 32 hash bits that tag the
// entry, so growing the index never rehashes a name). digest() is the sum of per-node
// hashes over path, persisted stat and data, plus per-session hashes; it is kept up to
// date on every change (each node caches its path's hash), so comparing two replicas'
// digests is O(1).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/acl_cache.h"
#include "core/block_vector.h"
#include "core/error_code.h"
#include "core/invariant.h"
#include "core/java_hash_set.h"
#include "core/stat.h"
#include "core/txn.h"
#include "core/zxid.h"

namespace zk {

class SnapshotBuilder;

// ZooKeeper's StatPersisted: what a node stores. cversion is the internal child-create
// counter (the sequential suffix source), not the client-visible value.
struct StatPersisted {
  Zxid czxid = 0;
  Zxid mzxid = 0;
  int64_t ctime_ms = 0;
  int64_t mtime_ms = 0;
  int32_t version = 0;
  int32_t cversion = 0;
  int32_t aversion = 0;
  int64_t ephemeral_owner = 0;
  Zxid pzxid = 0;
  bool operator==(const StatPersisted&) const = default;
};

enum class TreeChangeKind { kNodeCreated, kNodeDeleted, kDataChanged, kChildrenChanged };
struct TreeChange {
  TreeChangeKind kind = TreeChangeKind::kNodeCreated;
  std::string path;
  bool operator==(const TreeChange&) const = default;
};

struct OpResult {
  OpCode type = OpCode::kError;
  ErrorCode err = ErrorCode::kOk;
  std::string path;  // create: the created path
  Stat stat;         // create / setData: the node's Stat after the op
  bool operator==(const OpResult&) const = default;
};

struct ApplyResult {
  ErrorCode err = ErrorCode::kOk;
  std::string created_path;
  Stat stat;
  std::vector<OpResult> multi_results;
  std::vector<TreeChange> changes;
};

struct DataResult {
  ErrorCode err = ErrorCode::kOk;
  std::string data;
  Stat stat;
};

struct ChildrenResult {
  ErrorCode err = ErrorCode::kOk;
  std::vector<std::string> children;  // sorted (zkCli `ls` order)
  Stat stat;
};

struct AclResult {
  ErrorCode err = ErrorCode::kOk;
  AclList acl;
  Stat stat;
};

// What the PrepRequestProcessor needs to know about an existing node.
struct NodeRecord {
  StatPersisted stat;
  int32_t num_children = 0;
  AclList acl;
};

class DataTree {
 public:
  // The initial tree: "/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config"; the first
  // three with OPEN_ACL_UNSAFE (key -1), the config node READ_ACL_UNSAFE (ZOOKEEPER-2014).
  DataTree();

  ApplyResult apply(const Txn& txn);
  // The same into *result, reusing its buffers (a server applies every txn this way).
  void apply(const Txn& txn, ApplyResult* result);

  DataResult get_data(std::string_view path) const;
  std::optional<Stat> exists(std::string_view path) const;
  ChildrenResult get_children(std::string_view path) const;
  std::optional<NodeRecord> node_record(std::string_view path) const;
  // DataTree.getAllChildrenNumber: every node below `path` (not only its children); for "/"
  // every node but the root, /zookeeper and its children included; for "" one more (3.8.0's
  // map keys the root as "" and "/"). nullopt: no such node (the path is looked up as given,
  // never validated, as FinalRequestProcessor does).
  std::optional<int32_t> all_children_number(std::string_view path) const;
  // getACL: the node's list and Stat (DataTree.getACL).
  AclResult get_acl(std::string_view path) const;
  // The node's ACL list for a permission check, or nullptr when there is no such node. Valid
  // until the tree changes.
  const AclList* acl_for(std::string_view path) const;
  // The node's key in the ACL cache (what a snapshot stores), or nullopt.
  std::optional<int64_t> acl_key(std::string_view path) const;
  const AclCache& acl_cache() const { return acl_cache_; }

  Zxid last_processed_zxid() const { return last_processed_zxid_; }
  size_t node_count() const { return node_count_; }
  uint64_t digest() const { return digest_; }

  bool has_session(SessionId session) const { return sessions_.contains(session); }
  std::optional<int64_t> session_timeout_ms(SessionId session) const;
  // (session, timeout_ms), sorted by session id.
  std::vector<std::pair<SessionId, int64_t>> sessions() const;
  // Paths of the normal ephemeral nodes owned by `session`, in the iteration order of
  // ZooKeeper's per-session HashSet (DataTree.ephemerals), which this tree replays: adds on
  // create and snapshot load, removes on delete, the set kept (never shrinking) until the
  // session closes.
  std::vector<std::string> ephemerals(SessionId session) const;
  // DataTree.getEphemerals: a HashSet.clone of the session's set (a new empty set if it has
  // none), which PrepRequestProcessor then edits and iterates for closeSession.
  JavaStringHashSet ephemerals_copy(SessionId session) const;
  // DataTree.getContainers / getTtls: the container and TTL nodes' paths, in path order
  // (ZooKeeper keeps concurrent sets of them for its ContainerManager; see
  // container_manager.h for the order it visits them in). Kept on create, delete and load.
  const std::set<std::string>& containers() const { return containers_; }
  const std::set<std::string>& ttls() const { return ttls_; }

  // Visits every node in pre-order with children in byte-wise name order (deterministic
  // on every replica). Bounded by node_count().
  template <typename Visitor>
  void for_each_node(Visitor&& visit) const;

  bool operator==(const DataTree& other) const;

  // The tree's well-formedness: every node but "/" has a parent, numChildren = |children|, names
  // are unique under a parent, ephemerals have no children and belong to a live session,
  // czxid <= mzxid and czxid <= pzxid, version/aversion >= 0 and (system nodes aside)
  // the internal create counter >= numChildren; plus the index, ephemeral table and digest agree with the
  // nodes. Returns the first violation found, or nullopt. O(nodes); for tests/checkers.
  std::optional<std::string> check_invariants() const;

 private:
  friend class SnapshotBuilder;  // builds a tree a node at a time through restore_node

  static constexpr uint32_t kNone = 0xffffffffU;
  static constexpr uint32_t kFree = 0xfffffffeU;

  // Field order matters: a path lookup reads parent and name, which share the first
  // cache line.
  struct Node {
    uint32_t parent = kNone;
    int32_t num_children = 0;
    std::string name;
    uint32_t first_child = kNone;
    uint32_t next_sibling = kNone;
    uint32_t prev_sibling = kNone;
    std::string data;
    StatPersisted stat;
    uint64_t data_hash = 0;
    uint64_t path_hash = 0;  // path_hash_of(full path), derived from the parent's at creation
    int64_t acl = AclCache::kOpenUnsafeKey;  // key into acl_cache_
  };

  // Mutations (called only from apply and the snapshot loader).
  // The ephemeral table and the container / TTL sets, for a node with this owner.
  void track_owner(std::string_view path, int64_t ephemeral_owner);
  void untrack_owner(std::string_view path, int64_t ephemeral_owner);
  ErrorCode create_node(std::string_view path, std::string_view data, const AclList& acl, int64_t ephemeral_owner,
                        int32_t parent_cversion, Zxid zxid, int64_t time_ms, std::vector<TreeChange>* changes,
                        uint32_t* created_index);
  ErrorCode delete_node(std::string_view path, Zxid zxid, std::vector<TreeChange>* changes);
  ErrorCode set_data(std::string_view path, std::string_view data, int32_t version, Zxid zxid, int64_t time_ms,
                     std::vector<TreeChange>* changes, uint32_t* changed_index);
  void apply_op(const CreateTxn& t, const TxnHeader& header, OpResult* result, std::vector<TreeChange>* changes);
  void apply_op(const DeleteTxn& t, const TxnHeader& header, OpResult* result, std::vector<TreeChange>* changes);
  void apply_op(const SetDataTxn& t, const TxnHeader& header, OpResult* result, std::vector<TreeChange>* changes);
  void apply_op(const CheckVersionTxn& t, const TxnHeader& header, OpResult* result, std::vector<TreeChange>* changes);
  void apply_op(const ErrorTxn& t, const TxnHeader& header, OpResult* result, std::vector<TreeChange>* changes);
  void apply_op(const SetAclTxn& t, const TxnHeader& header, OpResult* result, std::vector<TreeChange>* changes);
  void apply_multi(const MultiTxn& multi, const TxnHeader& header, ApplyResult* result);
  void close_session(SessionId session, const CloseSessionTxn& txn, Zxid zxid, std::vector<TreeChange>* changes);
  void add_session(SessionId session, int64_t timeout_ms);
  void remove_session(SessionId session);
  // Snapshot loading: overwrite a system node or add a node below an existing parent, with
  // its key into the ACL cache the loader restored before the nodes.
  bool restore_node(std::string_view path, const StatPersisted& stat, std::string_view data, int64_t acl_key);

  // Node storage and the (parent, name) hash index.
  uint32_t find(std::string_view path) const;
  uint32_t find_valid(std::string_view path, ErrorCode* err) const;
  // A (parent, name) lookup: the key's hash, the slot it was found in or, when absent
  // (index == kNone), the empty slot where it would be inserted.
  struct ChildProbe {
    uint64_t hash = 0;
    size_t slot = 0;
    uint32_t index = kNone;
  };
  ChildProbe probe_child(uint32_t parent, std::string_view name) const;
  uint32_t find_child(uint32_t parent, std::string_view name) const;
  uint32_t add_child(uint32_t parent, std::string_view name);
  // The same after a probe that missed (no index change since): no second lookup.
  uint32_t add_child(uint32_t parent, std::string_view name, const ChildProbe& miss);
  void remove_node(uint32_t index);
  void index_insert(uint32_t index, const ChildProbe& miss);
  // Puts an entry in the first free slot from its home (no check for the key).
  void index_place(uint64_t entry);
  void index_erase(uint32_t index);
  void index_grow();
  Stat to_stat(const Node& node) const;
  // A node's share of the digest: its path (through path_hash), persisted stat and data.
  static uint64_t node_hash(const Node& node);
  // The hash of a path, element by element from the root's: what Node::path_hash holds.
  static uint64_t path_hash_of(std::string_view path);
  static uint64_t child_path_hash(uint64_t parent_path_hash, std::string_view name);
  static uint64_t session_hash_of(SessionId session, int64_t timeout_ms);
  std::vector<uint32_t> sorted_children(uint32_t index) const;
  // The same non-empty sets of paths per session (histories and emptied sets aside).
  static bool same_ephemerals(const std::map<SessionId, JavaStringHashSet>& a,
                              const std::map<SessionId, JavaStringHashSet>& b);

  BlockVector<Node> nodes_;  // grows by blocks: nodes never move
  uint32_t free_head_ = kNone;
  size_t node_count_ = 0;
  std::vector<uint64_t> index_slots_;  // 0 = empty, else (hash high 32 bits << 32) | (node + 1)
  size_t index_used_ = 0;
  std::map<SessionId, int64_t> sessions_;
  // Per session, ZooKeeper's HashSet of its ephemeral paths with its history (see
  // ephemerals()); a set emptied by deletes stays, as in ZooKeeper.
  std::map<SessionId, JavaStringHashSet> ephemerals_;
  std::set<std::string> containers_;  // paths of the container nodes
  std::set<std::string> ttls_;        // paths of the TTL nodes
  AclCache acl_cache_;
  Zxid last_processed_zxid_ = 0;
  uint64_t digest_ = 0;
};

template <typename Visitor>
void DataTree::for_each_node(Visitor&& visit) const {
  struct Frame {
    uint32_t index;
    std::string path;
  };
  std::vector<Frame> stack;
  stack.push_back({0, "/"});
  size_t visited = 0;
  while (!stack.empty()) {
    ZK_INVARIANT(visited < node_count_);
    Frame frame = std::move(stack.back());
    stack.pop_back();
    const Node& node = nodes_[frame.index];
    visit(std::string_view(frame.path), node.stat, std::string_view(node.data), node.num_children);
    ++visited;
    std::vector<uint32_t> children = sorted_children(frame.index);
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
      std::string child_path = frame.path;
      if (child_path.size() > 1) child_path.push_back('/');
      child_path += nodes_[*it].name;
      stack.push_back({*it, std::move(child_path)});
    }
  }
  ZK_INVARIANT(visited == node_count_);
}

}  // namespace zk
