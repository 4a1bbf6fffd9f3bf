// A learner's state (ZooKeeper's Learner / Follower): the leader it follows and the
// connection to it, the epoch it accepted, the sync in progress (mode, proposals before
// NEWLEADER, a SNAP held in memory) and what waits for a COMMIT or for currentEpoch. The
// code that runs it is learner.cpp; a QuorumPeer holds one as its role while it follows.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/trace_event.h"
#include "core/txn.h"

namespace zk {

struct LearnerState {
  ServerId leader = 0;
  uint64_t connection = 0;
  int connect_attempts = 0;
  Epoch new_epoch = -1;
  bool got_new_leader = false;
  bool serving = false;
  SyncMode sync_mode = SyncMode::kNone;
  std::deque<std::shared_ptr<const Txn>> pending_txns;  // logged proposals awaiting COMMIT
  std::vector<std::shared_ptr<const Txn>> unlogged;     // proposals before NEWLEADER
  std::optional<Zxid> snapshot_zxid;                     // a SNAP in memory, written at NEWLEADER
  // Txns fsynced before the NEWLEADER marker, so before currentEpoch is written: their ACKs
  // wait and go out right after NEWLEADER's (the ZOOKEEPER-4685 order of the 4643 fix).
  std::vector<Zxid> acks_held_for_epoch;
  std::set<SessionId> touched;                          // reported with the next PING reply
  bool operator==(const LearnerState&) const = default;
};

}  // namespace zk
