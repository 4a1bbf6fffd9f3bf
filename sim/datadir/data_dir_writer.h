// Writing one server's disk (zksim's PersistentState) as a ZooKeeper 3.8 data directory:
// DIR/myid, DIR/version-2/snapshot.<zxid> (FileSnap's layout with the digest trailer, so a
// real 3.8 server checks it against its own digest and agrees), DIR/version-2/log.<first
// zxid> holding the txns after the snapshot (each with the TxnDigest of the tree after it,
// computed as ZooKeeper does), and version-2/currentEpoch / acceptedEpoch. ACLs: the tree's
// own ACL cache (ReferenceCountedACLCache's keys, -1 for the root, /zookeeper and
// /zookeeper/quota) in the order Java serializes it, and every node's key.
#pragma once

#include <optional>
#include <string>

#include "core/quorum_peer.h"
#include "sim/datadir/datadir_error.h"

namespace zk::sim::datadir {

// The bytes of snapshot.<zxid> for `tree` at `zxid`.
std::string encode_snapshot(const DataTree& tree, Zxid zxid);
// The bytes of a txn log holding `log` in order, replayed onto `base` for the digests.
std::string encode_txn_log(const DataTree& base, const TxnLog& log);

// Creates DIR (and version-2/) and writes the files; an error names the file that failed.
std::optional<DataDirError> write_server_dir(const std::string& dir, int64_t myid, const PersistentState& state);

}  // namespace zk::sim::datadir
