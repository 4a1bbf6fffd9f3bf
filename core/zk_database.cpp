// ZKDatabase: loading, applying, fast-forwarding and snapshots of a server's replicated
// state (see the header), and the two log cuts the disk image needs.
#include "core/zk_database.h"

#include <algorithm>

#include "core/invariant.h"

namespace zk {

void drop_logged_through(TxnLog& log, Zxid zxid) {
  const auto first_kept = std::partition_point(log.begin(), log.end(), [&](const auto& txn) { return txn->header.zxid <= zxid; });
  log.drop_front(first_kept.index());
}

void truncate_log_after(TxnLog& log, Zxid zxid) {
  const auto first_dropped = std::partition_point(log.begin(), log.end(), [&](const auto& txn) { return txn->header.zxid <= zxid; });
  log.truncate(first_dropped.index());
}

void ZKDatabase::remember_committed(const std::shared_ptr<const Txn>& txn) {
  committed_log_.push_back(txn);
  if (committed_log_.size() > commit_log_count_) committed_log_.pop_front();
}

void ZKDatabase::load(const PersistentState& disk, Zxid up_to) {
  tree_ = disk.snapshot ? *disk.snapshot : DataTree();
  last_processed_zxid_ = disk.snapshot_zxid;
  committed_log_.clear();
  for (const auto& txn : disk.log) {
    if (txn->header.zxid <= disk.snapshot_zxid) continue;  // in the snapshot already
    if (txn->header.zxid > up_to) break;
    tree_.apply(*txn);
    last_processed_zxid_ = txn->header.zxid;
    remember_committed(txn);
  }
  last_logged_zxid_ = last_processed_zxid_;
}

const ApplyResult& ZKDatabase::apply_committed(const std::shared_ptr<const Txn>& txn) {
  const Zxid zxid = txn->header.zxid;
  ZK_INVARIANT(zxid > last_processed_zxid_ || is_epoch_marker(last_processed_zxid_));
  tree_.apply(*txn, &apply_result_);
  last_processed_zxid_ = zxid;
  remember_committed(txn);
  return apply_result_;
}

void ZKDatabase::fast_forward(const TxnLog& log) {
  for (const auto& txn : log) {
    if (txn->header.zxid <= last_processed_zxid_) continue;
    tree_.apply(*txn);
    last_processed_zxid_ = txn->header.zxid;
    remember_committed(txn);
  }
}

void ZKDatabase::replace_with_snapshot(const DataTree& tree, Zxid zxid) {
  tree_ = tree;
  last_processed_zxid_ = zxid;
  committed_log_.clear();
}

void ZKDatabase::note_logged(Zxid zxid) {
  ZK_INVARIANT(zxid > last_logged_zxid_);
  last_logged_zxid_ = zxid;
  ++txn_count_;
}

SnapshotEffect ZKDatabase::take_snapshot(PersistentState& disk) const {
  auto tree = std::make_shared<const DataTree>(tree_);
  disk.snapshot = tree;
  disk.snapshot_zxid = last_processed_zxid_;
  drop_logged_through(disk.log, last_processed_zxid_);
  return SnapshotEffect{tree, last_processed_zxid_};
}

}  // namespace zk
