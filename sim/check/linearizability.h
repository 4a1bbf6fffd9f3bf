// The consistency checker for client histories (ZooKeeper's documented guarantees):
//   client-fifo            each client's replies carry non-decreasing zxids: a client never
//                          sees an older state after a newer one (its view is in FIFO order)
//   read-matches-write     a read that returns data with mzxid z returns what the write
//                          acknowledged with zxid z on that path wrote (reads are sequentially
//                          consistent: they see some prefix of the write order)
//   linearizable-writes    per znode, the writes (setData, create, delete, including failed
//                          conditional ones and indeterminate ones that may or may not have
//                          happened) plus every read made right after a sync of the same
//                          client ("linearizable after sync") can be ordered consistently
//                          with real time and a single-register model of the znode.
// The linearizability search is Wing & Gong's, with Lowe's memo of (linearized set, state)
// as in Porcupine, partitioned per znode. Ephemeral and sequential znodes are left out of
// the search (the server deletes and names them without a client write).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/check/history.h"

namespace zk::sim {

struct ConsistencyReport {
  bool ok = true;
  std::string property;  // the violated property's name when !ok
  std::string detail;    // one line
  size_t ops = 0;        // operations looked at
  size_t partitions = 0; // znodes searched
  int64_t search_steps = 0;
  size_t gave_up = 0;    // partitions whose search hit the step budget (not counted as failures)
};

ConsistencyReport check_consistency(const std::vector<HistoryOp>& history, int64_t max_steps_per_partition = 2'000'000);

}  // namespace zk::sim
