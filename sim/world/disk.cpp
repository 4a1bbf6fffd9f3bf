// Virtual disk bookkeeping.
#include "sim/world/disk.h"

#include <algorithm>

namespace zk::sim {

void VirtualDisk::complete_fsync(uint64_t target) {
  while (synced_total_ < target && !unsynced_.empty()) {
    durable_.log.push_back(std::move(unsynced_.front()));
    unsynced_.pop_front();
    ++synced_total_;
  }
  synced_total_ = std::max(synced_total_, std::min(target, appended_total_));
}

void VirtualDisk::truncate(Zxid keep_up_to) {
  auto beyond = [&](const auto& txn) { return txn->header.zxid > keep_up_to; };
  truncate_log_after(durable_.log, keep_up_to);
  const size_t before = unsynced_.size();
  std::erase_if(unsynced_, beyond);
  const size_t removed = before - unsynced_.size();
  appended_total_ -= removed;
  synced_total_ = std::min(synced_total_, appended_total_);
}

void VirtualDisk::snapshot(std::shared_ptr<const DataTree> tree, Zxid zxid) {
  durable_.snapshot = std::move(tree);
  durable_.snapshot_zxid = zxid;
  auto covered = [&](const auto& txn) { return txn->header.zxid <= zxid; };
  drop_logged_through(durable_.log, zxid);
  const size_t before = unsynced_.size();
  std::erase_if(unsynced_, covered);
  appended_total_ -= before - unsynced_.size();
  synced_total_ = std::min(synced_total_, appended_total_);
}

size_t VirtualDisk::crash() {
  const size_t lost = unsynced_.size();
  appended_total_ -= lost;
  unsynced_.clear();
  synced_total_ = appended_total_;
  last_fsync_done_us = 0;  // the dead process's fsyncs are gone with it: a restart starts idle
  return lost;
}

}  // namespace zk::sim
