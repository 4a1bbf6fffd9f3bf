// SyncRequestProcessor: group commit, as ZooKeeper's SyncRequestProcessor does it. One fsync
// is in flight at a time; txns logged meanwhile (and a NEWLEADER epoch marker) wait and are
// covered together by the next fsync, at most max_batch of them. Each token is handed back
// on its own, in order, when the fsync that covered it completes. It belongs to the
// process, so it survives a change of role (the disk does not care who is leading).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/outbox.h"
#include "core/zxid.h"

namespace zk {

class SyncRequestProcessor {
 public:
  explicit SyncRequestProcessor(size_t max_batch) : max_batch_(max_batch) {}

  // Queues token for the next fsync, which starts now when none is in flight.
  void request(Zxid token, Outbox& out);
  // The fsync for token completed: the tokens it covered, in log order. Hand the vector
  // back with finish() once they are handled (requests made meanwhile start a new fsync).
  std::vector<Zxid> take_completed(Zxid token);
  // Starts the next fsync when tokens wait and none is in flight; batch is reused.
  void finish(std::vector<Zxid>&& batch, Outbox& out);

  bool idle() const { return in_flight_.empty(); }
  // Txns (not epoch markers) logged and not yet durable.
  int64_t unflushed_txns() const;
  const std::vector<Zxid>& in_flight() const { return in_flight_; }
  const std::vector<Zxid>& waiting() const { return waiting_; }

 private:
  void start(Outbox& out);

  size_t max_batch_;
  std::vector<Zxid> waiting_;
  std::vector<Zxid> in_flight_;
};

}  // namespace zk
