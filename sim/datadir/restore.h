// Restoring a server's state from its data directory the way ZooKeeper 3.8 does at start-up
// (FileTxnSnapLog.restore, FileSnap.deserialize, FileTxnLog's iterator, then
// QuorumPeer.loadDataBase's epoch checks), into zksim's PersistentState:
//  - the newest snapshot that ends in a seal and reads without error (older ones are tried
//    when a newer one fails, as FileSnap does); none, but logs with txns: refused ("No
//    snapshot found, but there are log entries. Something is broken!");
//  - the logs from the newest one named at or below the snapshot's zxid, txns above the
//    snapshot's zxid in order; a torn entry ends its file (reading goes on with the next
//    file), a checksum mismatch refuses the directory ("CRC check failed");
//  - currentEpoch / acceptedEpoch, defaulting to the last zxid's epoch when absent, refused
//    when currentEpoch is older than the last zxid's epoch or acceptedEpoch < currentEpoch.
// Notes list what was recovered from or skipped, in ZooKeeper's words where it has them.
//
// The result is the disk, as a simulated server starts from it: the snapshot's tree (built
// once, its nodes streamed from the file into it) and the logged txns after it. The tree a
// server holds after replaying them (ZKDatabase.load) is replayed_tree(), made on demand, so
// a restore keeps one tree, not two.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/quorum_peer.h"
#include "sim/datadir/datadir_error.h"
#include "sim/datadir/server_dir.h"

namespace zk::sim::datadir {

struct RestoredServer {
  ServerDir dir;
  PersistentState state;      // the snapshot's tree (null: none, the initial tree) and the txns after it
  std::string snapshot_file;  // empty: no snapshot (the initial tree)
  Zxid last_processed_zxid = 0;
  std::vector<std::string> notes;

  // The snapshot's tree with every restored txn applied (a copy: the state keeps its own).
  DataTree replayed_tree() const;
};

DataDirResult<RestoredServer> restore_server(const ServerDir& dir);

// A ZooKeeper snapshot's nodes as zksim's tree (the root "" becomes "/"; the nodes under
// /zookeeper/, which every server rewrites for itself, are zksim's own).
struct SnapshotFile;
DataDirResult<DataTree> tree_from_snapshot(const SnapshotFile& snapshot, Zxid zxid);

}  // namespace zk::sim::datadir
