// ZooKeeper's DataTree digest (3.6+, digest version 2, DigestCalculator and
// NodeHashMapImpl): the sum, as a wrapping 64-bit integer, of one CRC-32 per node over the
// path's bytes ("" for the root), the data, and 60 bytes of StatPersisted (czxid, mzxid,
// pzxid, ctime, mtime as longs; version, cversion, aversion as ints; ephemeralOwner),
// leaving out every node under "/zookeeper/". It is what a snapshot's digest trailer and
// every txn's TxnDigest hold, and what a server checks when it loads a snapshot.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/data_tree.h"

namespace zk::sim::datadir {

inline constexpr int32_t kZkDigestVersion = 2;

// One node's share; 0 for nodes under "/zookeeper/". `path` is "/" or "" for the root.
int64_t zk_node_digest(std::string_view path, std::string_view data, const StatPersisted& stat);
// The digest of zksim's tree, as ZooKeeper would compute it for the same nodes.
int64_t zk_tree_digest(const DataTree& tree);
// Applies `txn` to `tree` and returns the tree's new digest from `digest_before`, touching
// only the nodes the txn names and their parents (as NodeHashMapImpl updates its digest),
// so a log of many txns over a large tree costs no full pass per txn.
int64_t apply_with_zk_digest(DataTree& tree, const Txn& txn, int64_t digest_before);

}  // namespace zk::sim::datadir
