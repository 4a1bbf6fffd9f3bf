// VirtualDisk: one server's disk. Appended txns sit in the page cache until an fsync
// completes (after a drawn latency, in order); a crash loses whatever was not fsynced.
// Truncation, snapshots and the epoch files are written synchronously and durable at once,
// as ZooKeeper blocks on them. The durable image is what a restarted server reads.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "core/quorum_peer.h"

namespace zk::sim {

class VirtualDisk {
 public:
  const PersistentState& durable() const { return durable_; }
  // A whole durable image (a restored data directory); nothing is pending.
  void load(PersistentState state) {
    durable_ = std::move(state);
    unsynced_.clear();
    synced_total_ = appended_total_;
  }
  void write_epoch(EpochFile file, Epoch epoch) {
    (file == EpochFile::kAcceptedEpoch ? durable_.accepted_epoch : durable_.current_epoch) = epoch;
  }
  void append(std::shared_ptr<const Txn> txn) {
    unsynced_.push_back(std::move(txn));
    ++appended_total_;
  }
  // The sequence number an fsync requested now makes durable.
  uint64_t fsync_target() const { return appended_total_; }
  void complete_fsync(uint64_t target);
  void truncate(Zxid keep_up_to);
  void snapshot(std::shared_ptr<const DataTree> tree, Zxid zxid);
  // Returns how many appended txns were lost.
  size_t crash();
  size_t unsynced_count() const { return unsynced_.size(); }
  int64_t last_fsync_done_us = 0;

 private:
  PersistentState durable_;
  std::deque<std::shared_ptr<const Txn>> unsynced_;
  uint64_t appended_total_ = 0;
  uint64_t synced_total_ = 0;
};

}  // namespace zk::sim
