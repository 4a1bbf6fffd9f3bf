// ZKDatabase: a server's replicated state in memory (ZooKeeper's ZKDatabase) and what this
// process wrote to disk (its FileTxnSnapLog and epoch files, as PersistentState). It holds
// the data tree, the last applied and last logged zxids, and the window of recently
// committed txns a leader syncs learners from by DIFF (ZooKeeper's committedLog, at most
// commit_log_count of them). Loading from disk (loadDataBase), fast-forwarding over the log
// before an election (fastForwardDataBase), applying a committed txn and taking a snapshot
// are its operations; QuorumPeer decides when.
#pragma once

#include <algorithm>
#include <cstddef>
#include <deque>
#include <memory>

#include "core/chunked_vector.h"
#include "core/data_tree.h"
#include "core/outbox.h"
#include "core/txn.h"

namespace zk {

// What survives a crash: the epoch files, the last snapshot and the fsynced txn log.
// A transaction log in zxid order; copies share its full chunks (GUI checkpoints).
using TxnLog = ChunkedVector<std::shared_ptr<const Txn>>;
// Drops the txns at or below zxid (a snapshot covers them) / keeps only those at or below it.
void drop_logged_through(TxnLog& log, Zxid zxid);
void truncate_log_after(TxnLog& log, Zxid zxid);

struct PersistentState {
  Epoch accepted_epoch = 0;
  Epoch current_epoch = 0;
  std::shared_ptr<const DataTree> snapshot;  // null: the initial tree
  Zxid snapshot_zxid = 0;
  // Txns logged since the snapshot's log roll, zxid order. A learner that applied a sync's
  // committed txns before logging them can snapshot in between, so the log may begin below
  // snapshot_zxid; a restore skips those, as FileTxnSnapLog.restore reads from snapshot + 1.
  TxnLog log;
  // What a restore from this image would have: the newer of the snapshot and the log's end.
  Zxid last_logged_zxid() const { return log.empty() ? snapshot_zxid : std::max(snapshot_zxid, log.back()->header.zxid); }
  bool operator==(const PersistentState&) const = default;
};

class ZKDatabase {
 public:
  explicit ZKDatabase(size_t commit_log_count) : commit_log_count_(commit_log_count) {}

  // loadDataBase: the snapshot, then every logged txn up to up_to replayed on top of it.
  // Everything replayed counts as logged.
  void load(const PersistentState& disk, Zxid up_to);
  // Applies a committed txn (processTxn) and remembers it for DIFF (addCommittedProposal).
  // The result stays valid until the next apply.
  const ApplyResult& apply_committed(const std::shared_ptr<const Txn>& txn);
  // fastForwardDataBase: applies every logged txn the tree has not applied yet.
  void fast_forward(const TxnLog& log);
  // Replaces the tree with a leader's snapshot (a SNAP sync; in memory only).
  void replace_with_snapshot(const DataTree& tree, Zxid zxid);
  // A logged txn: its zxid must follow the last logged one. Counts towards txn_count().
  void note_logged(Zxid zxid);
  // getTxnCount / rollLog: txns logged since the log last rolled (or the process started).
  int64_t txn_count() const { return txn_count_; }
  void roll_log() { txn_count_ = 0; }
  // The tree as a snapshot at the last applied zxid; the log it covers is dropped from disk.
  SnapshotEffect take_snapshot(PersistentState& disk) const;

  const DataTree& tree() const { return tree_; }
  DataTree& tree() { return tree_; }
  Zxid last_processed_zxid() const { return last_processed_zxid_; }
  // Only for an epoch marker (a new leader's zxid (epoch, 0)) or a rebuilt state.
  void set_last_processed_zxid(Zxid zxid) { last_processed_zxid_ = zxid; }
  Zxid last_logged_zxid() const { return last_logged_zxid_; }
  void set_last_logged_zxid(Zxid zxid) { last_logged_zxid_ = zxid; }
  const std::deque<std::shared_ptr<const Txn>>& committed_log() const { return committed_log_; }

 private:
  void remember_committed(const std::shared_ptr<const Txn>& txn);

  size_t commit_log_count_;
  DataTree tree_;
  ApplyResult apply_result_;  // reused by every apply (its buffers keep their capacity)
  Zxid last_processed_zxid_ = 0;
  Zxid last_logged_zxid_ = 0;
  int64_t txn_count_ = 0;
  std::deque<std::shared_ptr<const Txn>> committed_log_;
};

}  // namespace zk
