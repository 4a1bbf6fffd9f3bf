// SyncRequestProcessor: group commit, as ZooKeeper's SyncRequestProcessor does it. One fsync
// is in flight at a time; txns logged meanwhile (and a NEWLEADER epoch marker) wait and are
// covered together by the next fsync, at most max_batch of them. Each token is handed back
// on its own, in order, when the fsync that covered it completes. It belongs to the
// process, so it survives a change of role (the disk does not care who is leading).
//
// It also decides when to snapshot (shouldSnapshot): once the txns logged since the log last
// rolled exceed snapCount / 2 + randRoll, where randRoll is drawn in [0, snapCount / 2) at
// process start and after every snapshot, so that the servers of an ensemble do not all
// snapshot at the same txn. ZooKeeper draws randRoll from ThreadLocalRandom; here the draws
// are a fixed sequence made from a seed the process is started with (an input: sim/ derives
// it from the run's seed), so a run replays exactly. ZooKeeper's second trigger, the log's
// bytes against snapSizeLimitInKb (4 GB by default), is not modelled.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/outbox.h"
#include "core/zxid.h"

namespace zk {

// ZooKeeperServer.getSnapCount: zookeeper.snapCount, 100,000 by default, at least 2.
inline constexpr int64_t kDefaultSnapCount = 100'000;
inline constexpr int64_t kMinSnapCount = 2;

class SyncRequestProcessor {
 public:
  SyncRequestProcessor(size_t max_batch, int64_t snap_count, uint64_t snap_roll_seed);

  // Queues token for the next fsync, which starts now when none is in flight.
  void request(Zxid token, Outbox& out);
  // The fsync for token completed: the tokens it covered, in log order. Hand the vector
  // back with finish() once they are handled (requests made meanwhile start a new fsync).
  std::vector<Zxid> take_completed(Zxid token);
  // Starts the next fsync when tokens wait and none is in flight; batch is reused.
  void finish(std::vector<Zxid>&& batch, Outbox& out);

  // shouldSnapshot, given the txns logged since the log last rolled (ZKDatabase.getTxnCount).
  bool should_snapshot(int64_t txns_since_roll) const { return txns_since_roll > snap_count_ / 2 + rand_roll_; }
  // resetSnapshotStats: the next randRoll.
  void reset_snapshot_stats();
  int64_t snap_count() const { return snap_count_; }
  int64_t rand_roll() const { return rand_roll_; }

  bool idle() const { return in_flight_.empty(); }
  // Txns (not epoch markers) logged and not yet durable.
  int64_t unflushed_txns() const;
  const std::vector<Zxid>& in_flight() const { return in_flight_; }
  const std::vector<Zxid>& waiting() const { return waiting_; }

 private:
  void start(Outbox& out);

  size_t max_batch_;
  int64_t snap_count_;
  uint64_t snap_roll_seed_;
  uint64_t snap_rolls_drawn_ = 0;
  int64_t rand_roll_ = 0;
  std::vector<Zxid> waiting_;
  std::vector<Zxid> in_flight_;
};

}  // namespace zk
