// DataTree: node storage, the (parent, name) hash index, txn application in ZooKeeper's
// order (DataTree.processTxn / createNode / deleteNode / setData / killSession) and the
// incrementally maintained digest.
#include "core/data_tree.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "core/ephemeral_type.h"
#include "core/path_utils.h"

namespace zk {
namespace {

constexpr uint64_t kMul = 0x9e3779b97f4a7c15ULL;
constexpr size_t kIndexInitialSlots = 64;

uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

uint64_t hash_bytes(uint64_t seed, std::string_view bytes) {
  uint64_t h = seed ^ (bytes.size() * kMul);
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t chunk = 0;
    std::memcpy(&chunk, bytes.data() + i, 8);
    h = (h ^ chunk) * kMul;
    h ^= h >> 29;
  }
  uint64_t tail = 0;
  if (bytes.size() > i) std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  return mix64(h ^ tail);
}

uint64_t combine(uint64_t h, uint64_t value) { return mix64(h ^ (value + kMul + (h << 6) + (h >> 2))); }

// Java int arithmetic: wraps instead of overflowing.
int32_t wrapping_add(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

DataTree::DataTree() {
  index_slots_.assign(kIndexInitialSlots, 0);
  Node root;
  nodes_.push_back(std::move(root));
  node_count_ = 1;
  nodes_[0].path_hash = path_hash_of("/");
  digest_ += node_hash(nodes_[0]);
  const uint32_t zookeeper = add_child(0, "zookeeper");
  add_child(zookeeper, "quota");
  add_child(zookeeper, "config");
  digest_ += node_hash(nodes_[zookeeper]);
  digest_ += node_hash(nodes_[find("/zookeeper/quota")]);
  const uint32_t config = find("/zookeeper/config");
  // DataTree.addConfigNode: setACL(READ_ACL_UNSAFE, version -1), so its aversion is -1.
  nodes_[config].acl = acl_cache_.convert_acls(read_acl_unsafe());
  nodes_[config].stat.aversion = -1;
  digest_ += node_hash(nodes_[config]);
  ZK_INVARIANT(node_count_ == 4);
}

// ---- the hash index -------------------------------------------------------------------

namespace {
uint64_t child_key_hash(uint32_t parent, std::string_view name) {
  return hash_bytes(static_cast<uint64_t>(parent) * kMul, name);
}
// An index entry holds the top 32 bits of the key hash (the tag) over the node index + 1.
// The home slot is taken from the tag too, so moving an entry never needs its name.
size_t home_slot(uint64_t entry_or_hash, size_t mask) { return static_cast<size_t>(entry_or_hash >> 32) & mask; }
}  // namespace

DataTree::ChildProbe DataTree::probe_child(uint32_t parent, std::string_view name) const {
  const uint64_t h = child_key_hash(parent, name);
  const uint64_t tag = h >> 32;
  const size_t mask = index_slots_.size() - 1;
  for (size_t probe = 0, slot = home_slot(h, mask); probe <= mask; ++probe, slot = (slot + 1) & mask) {
    const uint64_t entry = index_slots_[slot];
    if (entry == 0) return ChildProbe{h, slot, kNone};
    if ((entry >> 32) != tag) continue;
    const auto index = static_cast<uint32_t>((entry & 0xffffffffULL) - 1);
    const Node& node = nodes_[index];
    if (node.parent == parent && node.name == name) return ChildProbe{h, slot, index};
  }
  ZK_INVARIANT(false);  // the index is never full: it grows at 3/4
  return ChildProbe{h, 0, kNone};
}

uint32_t DataTree::find_child(uint32_t parent, std::string_view name) const { return probe_child(parent, name).index; }

void DataTree::index_insert(uint32_t index, const ChildProbe& miss) {
  ZK_INVARIANT(miss.index == kNone);
  const uint64_t entry = ((miss.hash >> 32) << 32) | (static_cast<uint64_t>(index) + 1);
  if ((index_used_ + 1) * 4 <= index_slots_.size() * 3) {
    // The probe ended at the first empty slot of the key's run: where it belongs.
    ZK_INVARIANT(miss.slot < index_slots_.size() && index_slots_[miss.slot] == 0);
    index_slots_[miss.slot] = entry;
  } else {
    index_grow();
    index_place(entry);
  }
  ++index_used_;
}

void DataTree::index_place(uint64_t entry) {
  const size_t mask = index_slots_.size() - 1;
  size_t slot = home_slot(entry, mask);
  for (size_t probe = 0; index_slots_[slot] != 0; ++probe, slot = (slot + 1) & mask) ZK_INVARIANT(probe <= mask);
  index_slots_[slot] = entry;
}

void DataTree::index_erase(uint32_t index) {
  const Node& node = nodes_[index];
  const uint64_t h = child_key_hash(node.parent, node.name);
  const size_t mask = index_slots_.size() - 1;
  size_t slot = home_slot(h, mask);
  const uint64_t wanted_low = static_cast<uint64_t>(index) + 1;
  for (size_t probe = 0; (index_slots_[slot] & 0xffffffffULL) != wanted_low; ++probe, slot = (slot + 1) & mask) {
    ZK_INVARIANT(probe <= mask && index_slots_[slot] != 0);
  }
  // Backward-shift deletion keeps linear probing tombstone-free.
  size_t hole = slot;
  size_t next = (hole + 1) & mask;
  for (size_t probe = 0; index_slots_[next] != 0; ++probe, next = (next + 1) & mask) {
    ZK_INVARIANT(probe <= mask);
    const size_t home = home_slot(index_slots_[next], mask);
    // Move `next` into the hole unless its home lies cyclically in (hole, next].
    const bool home_between = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
    if (!home_between) {
      index_slots_[hole] = index_slots_[next];
      hole = next;
    }
  }
  index_slots_[hole] = 0;
  --index_used_;
}

void DataTree::index_grow() {
  std::vector<uint64_t> old = std::move(index_slots_);
  index_slots_.assign(old.size() * 2, 0);
  for (const uint64_t entry : old) {
    if (entry != 0) index_place(entry);
  }
}

// ---- node storage ---------------------------------------------------------------------

uint32_t DataTree::find(std::string_view path) const {
  if (path.empty() || path[0] != '/') return kNone;
  uint32_t current = 0;
  for_each_path_element(path, [&](std::string_view name) {
    current = find_child(current, name);
    return current != kNone;
  });
  return current;
}

uint32_t DataTree::add_child(uint32_t parent, std::string_view name) {
  return add_child(parent, name, probe_child(parent, name));
}

uint32_t DataTree::add_child(uint32_t parent, std::string_view name, const ChildProbe& miss) {
  uint32_t index = free_head_;
  if (index != kNone) {
    free_head_ = nodes_[index].next_sibling;
    nodes_[index] = Node{};
  } else {
    ZK_INVARIANT(nodes_.size() < kFree);
    index = static_cast<uint32_t>(nodes_.size());
    nodes_.emplace_back();
  }
  Node& node = nodes_[index];
  node.name.assign(name);
  node.data_hash = hash_bytes(0, {});
  node.parent = parent;
  Node& parent_node = nodes_[parent];
  node.path_hash = child_path_hash(parent_node.path_hash, name);
  node.next_sibling = parent_node.first_child;
  if (parent_node.first_child != kNone) nodes_[parent_node.first_child].prev_sibling = index;
  parent_node.first_child = index;
  ++parent_node.num_children;
  ++node_count_;
  index_insert(index, miss);
  return index;
}

void DataTree::remove_node(uint32_t index) {
  ZK_INVARIANT(index != 0 && nodes_[index].num_children == 0);
  index_erase(index);
  Node& node = nodes_[index];
  Node& parent_node = nodes_[node.parent];
  if (node.prev_sibling != kNone) {
    nodes_[node.prev_sibling].next_sibling = node.next_sibling;
  } else {
    parent_node.first_child = node.next_sibling;
  }
  if (node.next_sibling != kNone) nodes_[node.next_sibling].prev_sibling = node.prev_sibling;
  --parent_node.num_children;
  ZK_INVARIANT(parent_node.num_children >= 0);
  node = Node{};
  node.parent = kFree;
  node.next_sibling = free_head_;
  free_head_ = index;
  --node_count_;
}

std::vector<uint32_t> DataTree::sorted_children(uint32_t index) const {
  // Sort (name, index) pairs so comparisons never chase node indices.
  std::vector<std::pair<std::string_view, uint32_t>> named;
  named.reserve(static_cast<size_t>(nodes_[index].num_children));
  for (uint32_t c = nodes_[index].first_child; c != kNone; c = nodes_[c].next_sibling) {
    ZK_INVARIANT(named.size() < static_cast<size_t>(nodes_[index].num_children));
    named.emplace_back(nodes_[c].name, c);
  }
  std::sort(named.begin(), named.end());
  std::vector<uint32_t> children;
  children.reserve(named.size());
  for (const auto& entry : named) children.push_back(entry.second);
  return children;
}

Stat DataTree::to_stat(const Node& node) const {
  Stat stat;
  stat.czxid = node.stat.czxid;
  stat.mzxid = node.stat.mzxid;
  stat.ctime_ms = node.stat.ctime_ms;
  stat.mtime_ms = node.stat.mtime_ms;
  stat.version = node.stat.version;
  // Reported cversion = 2 x creates - numChildren (= creates + deletes), Java int math.
  stat.cversion = wrapping_add(wrapping_add(node.stat.cversion, node.stat.cversion), -node.num_children);
  stat.aversion = node.stat.aversion;
  stat.ephemeral_owner = node.stat.ephemeral_owner;
  stat.data_length = static_cast<int32_t>(node.data.size());
  stat.num_children = node.num_children;
  stat.pzxid = node.stat.pzxid;
  return stat;
}

uint64_t DataTree::session_hash_of(SessionId session, int64_t timeout_ms) {
  return combine(combine(0x5e55105eULL, static_cast<uint64_t>(session)), static_cast<uint64_t>(timeout_ms));
}

uint64_t DataTree::path_hash_of(std::string_view path) {
  uint64_t h = hash_bytes(0x7a6e6f6465ULL, "/");
  for_each_path_element(path, [&](std::string_view name) {
    h = child_path_hash(h, name);
    return true;
  });
  return h;
}

uint64_t DataTree::child_path_hash(uint64_t parent_path_hash, std::string_view name) {
  return combine(parent_path_hash, hash_bytes(0x6e616d65ULL, name));
}

// One multiply-xorshift step per 64-bit word of the persisted stat (the 32-bit counters
// packed in pairs), then a full mix with the data hash: a dozen multiplies a node, and it
// is recomputed for a node and its parent on every change.
uint64_t DataTree::node_hash(const Node& node) {
  const StatPersisted& s = node.stat;
  const auto pack = [](int32_t high, int32_t low) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(high)) << 32) | static_cast<uint32_t>(low);
  };
  uint64_t h = node.path_hash;
  for (const uint64_t word : {static_cast<uint64_t>(s.czxid), static_cast<uint64_t>(s.mzxid),
                              static_cast<uint64_t>(s.pzxid), static_cast<uint64_t>(s.ctime_ms),
                              static_cast<uint64_t>(s.mtime_ms), static_cast<uint64_t>(s.ephemeral_owner),
                              pack(s.version, s.cversion), pack(s.aversion, 0)}) {
    h = (h ^ word) * kMul;
    h ^= h >> 29;
  }
  return mix64(h ^ node.data_hash);
}

// ---- mutations ------------------------------------------------------------------------

ErrorCode DataTree::create_node(std::string_view path, std::string_view data, const AclList& acl,
                                int64_t ephemeral_owner, int32_t parent_cversion, Zxid zxid, int64_t time_ms,
                                std::vector<TreeChange>* changes, uint32_t* created_index) {
  const std::string_view parent = parent_path(path);
  const uint32_t parent_index = parent.empty() ? kNone : find(parent);
  if (parent_index == kNone) return ErrorCode::kNoNode;
  const std::string_view name = base_name(path);
  if (name.empty()) return ErrorCode::kNodeExists;
  const ChildProbe probe = probe_child(parent_index, name);
  if (probe.index != kNone) return ErrorCode::kNodeExists;

  digest_ -= node_hash(nodes_[parent_index]);
  {
    StatPersisted& parent_stat = nodes_[parent_index].stat;
    if (parent_cversion == -1) parent_cversion = wrapping_add(parent_stat.cversion, 1);
    if (parent_cversion > parent_stat.cversion) {
      parent_stat.cversion = parent_cversion;
      parent_stat.pzxid = zxid;
    }
  }
  const uint32_t index = add_child(parent_index, name, probe);
  digest_ += node_hash(nodes_[parent_index]);

  Node& node = nodes_[index];
  node.acl = acl_cache_.convert_acls(acl);
  node.data.assign(data);
  node.data_hash = hash_bytes(0, data);
  node.stat.czxid = zxid;
  node.stat.mzxid = zxid;
  node.stat.pzxid = zxid;
  node.stat.ctime_ms = time_ms;
  node.stat.mtime_ms = time_ms;
  node.stat.ephemeral_owner = ephemeral_owner;
  digest_ += node_hash(node);
  track_owner(path, ephemeral_owner);
  changes->push_back({TreeChangeKind::kNodeCreated, std::string(path)});
  changes->push_back({TreeChangeKind::kChildrenChanged, std::string(parent)});
  *created_index = index;
  return ErrorCode::kOk;
}

ErrorCode DataTree::delete_node(std::string_view path, Zxid zxid, std::vector<TreeChange>* changes) {
  const uint32_t index = find(path);
  if (index == kNone || index == 0) return ErrorCode::kNoNode;
  if (nodes_[index].num_children > 0) return ErrorCode::kNotEmpty;
  const std::string_view parent = parent_path(path);
  const uint32_t parent_index = nodes_[index].parent;

  const int64_t owner = nodes_[index].stat.ephemeral_owner;
  untrack_owner(path, owner);
  acl_cache_.remove_usage(nodes_[index].acl);
  digest_ -= node_hash(nodes_[index]);
  digest_ -= node_hash(nodes_[parent_index]);
  remove_node(index);
  StatPersisted& parent_stat = nodes_[parent_index].stat;
  if (zxid > parent_stat.pzxid) parent_stat.pzxid = zxid;
  digest_ += node_hash(nodes_[parent_index]);

  changes->push_back({TreeChangeKind::kNodeDeleted, std::string(path)});
  changes->push_back({TreeChangeKind::kChildrenChanged, std::string(parent)});
  return ErrorCode::kOk;
}

ErrorCode DataTree::set_data(std::string_view path, std::string_view data, int32_t version, Zxid zxid, int64_t time_ms,
                             std::vector<TreeChange>* changes, uint32_t* changed_index) {
  const uint32_t index = find(path);
  if (index == kNone) return ErrorCode::kNoNode;
  *changed_index = index;
  Node& node = nodes_[index];
  digest_ -= node_hash(node);
  node.data.assign(data);
  node.data_hash = hash_bytes(0, data);
  node.stat.mtime_ms = time_ms;
  node.stat.mzxid = zxid;
  node.stat.version = version;
  digest_ += node_hash(node);
  changes->push_back({TreeChangeKind::kDataChanged, std::string(path)});
  return ErrorCode::kOk;
}

void DataTree::add_session(SessionId session, int64_t timeout_ms) {
  auto [it, inserted] = sessions_.try_emplace(session, timeout_ms);
  if (!inserted) {
    digest_ -= session_hash_of(session, it->second);
    it->second = timeout_ms;
  }
  digest_ += session_hash_of(session, timeout_ms);
}

void DataTree::remove_session(SessionId session) {
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return;
  digest_ -= session_hash_of(session, it->second);
  sessions_.erase(it);
}

void DataTree::close_session(SessionId session, const CloseSessionTxn& txn, Zxid zxid,
                             std::vector<TreeChange>* changes) {
  // As ZooKeeper's processTxn/killSession: the session's set leaves the table first; the
  // txn's list is deleted in its order (a vanished path is skipped), then any path of the set
  // the list missed, in the set's iteration order.
  JavaStringHashSet own;
  if (auto node = ephemerals_.extract(session)) own = std::move(node.mapped());
  for (const std::string& path : txn.paths_to_delete) {
    delete_node(path, zxid, changes);
    own.remove(path);
  }
  for (const std::string& path : own.iteration_order()) delete_node(path, zxid, changes);
  ZK_INVARIANT(!ephemerals_.contains(session));
  remove_session(session);
}

void DataTree::apply_op(const CreateTxn& t, const TxnHeader& header, OpResult* result,
                        std::vector<TreeChange>* changes) {
  result->path = t.path;
  uint32_t index = kNone;
  result->err =
      create_node(t.path, t.data, t.acl, t.ephemeral_owner, t.parent_cversion, header.zxid, header.time_ms, changes,
                  &index);
  if (result->err == ErrorCode::kOk) result->stat = to_stat(nodes_[index]);
}

void DataTree::apply_op(const DeleteTxn& t, const TxnHeader& header, OpResult* result,
                        std::vector<TreeChange>* changes) {
  result->path = t.path;
  result->err = delete_node(t.path, header.zxid, changes);
}

void DataTree::apply_op(const SetDataTxn& t, const TxnHeader& header, OpResult* result,
                        std::vector<TreeChange>* changes) {
  result->path = t.path;
  uint32_t index = kNone;
  result->err = set_data(t.path, t.data, t.version, header.zxid, header.time_ms, changes, &index);
  if (result->err == ErrorCode::kOk) result->stat = to_stat(nodes_[index]);
}

void DataTree::apply_op(const CheckVersionTxn& t, const TxnHeader&, OpResult* result, std::vector<TreeChange>*) {
  result->path = t.path;
  result->err = ErrorCode::kOk;
}

void DataTree::apply_op(const ErrorTxn& t, const TxnHeader&, OpResult* result, std::vector<TreeChange>*) {
  result->err = t.err;
}

// DataTree.setACL: the old key loses a usage, aversion becomes the txn's; no watch fires.
void DataTree::apply_op(const SetAclTxn& t, const TxnHeader&, OpResult* result, std::vector<TreeChange>*) {
  result->path = t.path;
  const uint32_t index = find(t.path);
  if (index == kNone) {
    result->err = ErrorCode::kNoNode;
    return;
  }
  Node& node = nodes_[index];
  digest_ -= node_hash(node);
  acl_cache_.remove_usage(node.acl);
  node.stat.aversion = t.version;
  node.acl = acl_cache_.convert_acls(t.acl);
  digest_ += node_hash(node);
  result->err = ErrorCode::kOk;
  result->stat = to_stat(node);
}

void DataTree::apply_multi(const MultiTxn& multi, const TxnHeader& header, ApplyResult* result) {
  // ZooKeeper's rule: if any sub-txn is an error, none is applied; sub-txns before the
  // first error report OK, those after it RUNTIMEINCONSISTENCY.
  const bool failed = std::any_of(multi.txns.begin(), multi.txns.end(),
                                  [](const SubTxn& sub) { return std::holds_alternative<ErrorTxn>(sub.body); });
  bool post_failed = false;
  for (const SubTxn& sub : multi.txns) {
    OpResult op;
    if (std::holds_alternative<ErrorTxn>(sub.body)) {
      post_failed = true;
      op.type = OpCode::kError;
      apply_op(std::get<ErrorTxn>(sub.body), header, &op, &result->changes);
    } else if (failed) {
      op.type = OpCode::kError;
      const ErrorCode err = post_failed ? ErrorCode::kRuntimeInconsistency : ErrorCode::kOk;
      apply_op(ErrorTxn{err}, header, &op, &result->changes);
    } else {
      op.type = sub.type;
      std::visit([&](const auto& t) { apply_op(t, header, &op, &result->changes); }, sub.body);
    }
    if (op.err != ErrorCode::kOk && result->err == ErrorCode::kOk) result->err = op.err;
    result->multi_results.push_back(std::move(op));
  }
}

ApplyResult DataTree::apply(const Txn& txn) {
  ApplyResult result;
  apply(txn, &result);
  return result;
}

void DataTree::apply(const Txn& txn, ApplyResult* result) {
  result->err = ErrorCode::kOk;
  result->created_path.clear();
  result->stat = Stat{};
  result->multi_results.clear();
  result->changes.clear();
  const TxnHeader& header = txn.header;
  std::visit(Overloaded{
                 [&](const CreateSessionTxn& t) { add_session(header.session_id, t.timeout_ms); },
                 [&](const CloseSessionTxn& t) { close_session(header.session_id, t, header.zxid, &result->changes); },
                 [&](const MultiTxn& t) { apply_multi(t, header, result); },
                 [&](const auto& t) {
                   OpResult op;
                   op.type = header.type;
                   apply_op(t, header, &op, &result->changes);
                   result->err = op.err;
                   result->stat = op.stat;
                   if (std::is_same_v<std::decay_t<decltype(t)>, CreateTxn> && op.err == ErrorCode::kOk) {
                     result->created_path = std::move(op.path);
                   }
                 },
             },
             txn.body);
  if (header.zxid > last_processed_zxid_) last_processed_zxid_ = header.zxid;
}

bool DataTree::restore_node(std::string_view path, const StatPersisted& stat, std::string_view data,
                            int64_t acl_key) {
  uint32_t index = find(path);
  if (index == kNone) {
    const std::string_view parent = parent_path(path);
    const uint32_t parent_index = parent.empty() ? kNone : find(parent);
    const std::string_view name = base_name(path);
    if (parent_index == kNone || name.empty()) return false;
    index = add_child(parent_index, name);
  } else {
    digest_ -= node_hash(nodes_[index]);
    untrack_owner(path, nodes_[index].stat.ephemeral_owner);
  }
  Node& node = nodes_[index];
  // The loader restored the snapshot's cache first; each node adds its usage (deserialize).
  node.acl = acl_key;
  acl_cache_.add_usage(acl_key);
  node.stat = stat;
  node.data.assign(data);
  node.data_hash = hash_bytes(0, data);
  digest_ += node_hash(node);
  track_owner(path, stat.ephemeral_owner);
  return true;
}

void DataTree::track_owner(std::string_view path, int64_t ephemeral_owner) {
  switch (ephemeral_type(ephemeral_owner)) {
    case EphemeralType::kNormal: ephemerals_[ephemeral_owner].add(path); break;
    case EphemeralType::kContainer: containers_.emplace(path); break;
    case EphemeralType::kTtl: ttls_.emplace(path); break;
    case EphemeralType::kVoid: break;
  }
}

void DataTree::untrack_owner(std::string_view path, int64_t ephemeral_owner) {
  switch (ephemeral_type(ephemeral_owner)) {
    case EphemeralType::kNormal:
      // A closing session's set is already out of the table (close_session).
      if (auto it = ephemerals_.find(ephemeral_owner); it != ephemerals_.end()) it->second.remove(path);
      break;
    case EphemeralType::kContainer: containers_.erase(std::string(path)); break;
    case EphemeralType::kTtl: ttls_.erase(std::string(path)); break;
    case EphemeralType::kVoid: break;
  }
}

// ---- reads ----------------------------------------------------------------------------

// Every stored name passed validation when it was created, so a path that resolves to a
// node is valid unless it ends in '/' (find() ignores an empty last element). Only a miss
// or a trailing slash needs the full check, which tells BADARGUMENTS from NONODE.
uint32_t DataTree::find_valid(std::string_view path, ErrorCode* err) const {
  const uint32_t index = find(path);
  if (index != kNone && (path.size() == 1 || path.back() != '/')) {
    *err = ErrorCode::kOk;
    return index;
  }
  *err = validate_path(path) != ErrorCode::kOk ? ErrorCode::kBadArguments : ErrorCode::kNoNode;
  return kNone;
}

DataResult DataTree::get_data(std::string_view path) const {
  DataResult result;
  const uint32_t index = find_valid(path, &result.err);
  if (index == kNone) return result;
  result.data = nodes_[index].data;
  result.stat = to_stat(nodes_[index]);
  return result;
}

std::optional<Stat> DataTree::exists(std::string_view path) const {
  ErrorCode err = ErrorCode::kOk;
  const uint32_t index = find_valid(path, &err);
  if (index == kNone) return std::nullopt;
  return to_stat(nodes_[index]);
}

ChildrenResult DataTree::get_children(std::string_view path) const {
  ChildrenResult result;
  const uint32_t index = find_valid(path, &result.err);
  if (index == kNone) return result;
  std::vector<std::string_view> names;
  names.reserve(static_cast<size_t>(nodes_[index].num_children));
  for (uint32_t c = nodes_[index].first_child; c != kNone; c = nodes_[c].next_sibling) {
    ZK_INVARIANT(names.size() < static_cast<size_t>(nodes_[index].num_children));
    names.push_back(nodes_[c].name);
  }
  std::sort(names.begin(), names.end());
  result.children.assign(names.begin(), names.end());
  result.stat = to_stat(nodes_[index]);
  return result;
}

std::optional<int32_t> DataTree::all_children_number(std::string_view path) const {
  // ZooKeeper's node map holds the root under "" and "/": getNode("") is the root, and
  // every key but "" starts with "" + "/", the root's "/" key included.
  if (path.empty()) return static_cast<int32_t>(node_count_);
  const uint32_t index = find(path);
  if (index == kNone) return std::nullopt;
  if (nodes_[index].parent == kNone) return static_cast<int32_t>(node_count_ - 1);
  // Pre-order walk of the subtree below `index`, bounded by the tree's size.
  int64_t count = 0;
  std::vector<uint32_t> stack;
  for (uint32_t c = nodes_[index].first_child; c != kNone; c = nodes_[c].next_sibling) stack.push_back(c);
  while (!stack.empty()) {
    const uint32_t node = stack.back();
    stack.pop_back();
    ++count;
    ZK_INVARIANT(static_cast<size_t>(count) < node_count_);
    for (uint32_t c = nodes_[node].first_child; c != kNone; c = nodes_[c].next_sibling) stack.push_back(c);
  }
  return static_cast<int32_t>(count);
}

std::optional<NodeRecord> DataTree::node_record(std::string_view path) const {
  const uint32_t index = find(path);
  if (index == kNone) return std::nullopt;
  const AclList* acl = acl_cache_.convert_long(nodes_[index].acl);
  ZK_INVARIANT(acl != nullptr);
  return NodeRecord{nodes_[index].stat, nodes_[index].num_children, *acl};
}

AclResult DataTree::get_acl(std::string_view path) const {
  AclResult result;
  const uint32_t index = find_valid(path, &result.err);
  if (index == kNone) return result;
  const AclList* acl = acl_cache_.convert_long(nodes_[index].acl);
  ZK_INVARIANT(acl != nullptr);
  result.acl = *acl;
  result.stat = to_stat(nodes_[index]);
  return result;
}

const AclList* DataTree::acl_for(std::string_view path) const {
  ErrorCode err = ErrorCode::kOk;
  const uint32_t index = find_valid(path, &err);
  if (index == kNone) return nullptr;
  const AclList* acl = acl_cache_.convert_long(nodes_[index].acl);
  ZK_INVARIANT(acl != nullptr);
  return acl;
}

std::optional<int64_t> DataTree::acl_key(std::string_view path) const {
  const uint32_t index = find(path);
  if (index == kNone) return std::nullopt;
  return nodes_[index].acl;
}

std::optional<int64_t> DataTree::session_timeout_ms(SessionId session) const {
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::pair<SessionId, int64_t>> DataTree::sessions() const { return {sessions_.begin(), sessions_.end()}; }

std::vector<std::string> DataTree::ephemerals(SessionId session) const {
  auto it = ephemerals_.find(session);
  if (it == ephemerals_.end()) return {};
  return it->second.iteration_order();
}

JavaStringHashSet DataTree::ephemerals_copy(SessionId session) const {
  auto it = ephemerals_.find(session);
  if (it == ephemerals_.end()) return {};
  return it->second.clone();
}

bool DataTree::same_ephemerals(const std::map<SessionId, JavaStringHashSet>& a,
                               const std::map<SessionId, JavaStringHashSet>& b) {
  using Table = std::map<SessionId, JavaStringHashSet>;
  auto covered = [](const Table& from, const Table& to) {
    for (const auto& [session, set] : from) {
      if (set.empty()) continue;
      auto it = to.find(session);
      if (it == to.end() || !set.same_keys(it->second)) return false;
    }
    return true;
  };
  return covered(a, b) && covered(b, a);
}

bool DataTree::operator==(const DataTree& other) const {
  if (last_processed_zxid_ != other.last_processed_zxid_ || node_count_ != other.node_count_ ||
      digest_ != other.digest_ || sessions_ != other.sessions_ || !same_ephemerals(ephemerals_, other.ephemerals_)) {
    return false;
  }
  struct Entry {
    std::string path;
    StatPersisted stat;
    std::string data;
    AclList acl;  // by content: a SNAP-synced replica may hold other keys for the same lists
    bool operator==(const Entry&) const = default;
  };
  auto collect = [](const DataTree& tree) {
    std::vector<Entry> entries;
    entries.reserve(tree.node_count_);
    tree.for_each_node([&](std::string_view path, const StatPersisted& stat, std::string_view data, int32_t) {
      const AclList* acl = tree.acl_for(path);
      entries.push_back({std::string(path), stat, std::string(data), acl != nullptr ? *acl : AclList{}});
    });
    return entries;
  };
  return collect(*this) == collect(other);
}

}  // namespace zk
