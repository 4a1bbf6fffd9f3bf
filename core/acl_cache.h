// AclCache: ZooKeeper 3.8's ReferenceCountedACLCache. Nodes store a long key instead of a
// list; equal lists share a key, handed out from a counter that only grows (1, 2, ...), and a
// key whose last node went away is dropped. -1 is OPEN_ACL_UNSAFE without an entry: the keys
// the root, /zookeeper and /zookeeper/quota are built with (a client's world:anyone:cdrwa
// create gets a real key, as in ZooKeeper). The snapshot stores the map and every node's
// key, so the keys are part of what a real server reads back. A copyable value in std::maps:
// iteration is by key, never by hash.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "core/acl.h"

namespace zk {

class AclCache {
 public:
  static constexpr int64_t kOpenUnsafeKey = -1;

  // convertAcls: the list's key (a new one if the list is not known), with one more usage.
  int64_t convert_acls(const AclList& acl);
  // convertLong: -1 is OPEN_ACL_UNSAFE; nullptr for a key the cache does not hold.
  const AclList* convert_long(int64_t key) const;
  void add_usage(int64_t key);
  void remove_usage(int64_t key);

  // ReferenceCountedACLCache.deserialize: one entry of a snapshot's map (usage 0; the
  // counter moves up to the largest key). Then every node adds its usage, and
  // purge_unused drops the entries no node uses.
  void restore(int64_t key, AclList acl);
  void purge_unused();

  // (key, list) in key order; the usage of a key (0 when absent).
  std::vector<std::pair<int64_t, AclList>> entries() const { return {by_key_.begin(), by_key_.end()}; }
  int64_t usage(int64_t key) const;
  size_t size() const { return by_key_.size(); }
  int64_t last_key() const { return last_key_; }

  bool operator==(const AclCache&) const = default;

 private:
  std::map<int64_t, AclList> by_key_;
  std::map<AclList, int64_t> by_list_;
  std::map<int64_t, int64_t> usage_;
  int64_t last_key_ = 0;  // aclIndex
};

}  // namespace zk
