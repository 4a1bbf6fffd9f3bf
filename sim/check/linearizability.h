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
// Long runs check their history in segments (ConsistencyChecker::fold, called by the World
// with a history window): the operations of a segment are checked once and then forgotten,
// and only a summary is kept for the later ones — per client its last reply zxid, per
// znode the newest acknowledged writes (kWritesKeptPerPath) and the register states the
// folded operations can have left it in.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "sim/check/history.h"

namespace zk::sim {

// The single-register model of one znode.
struct RegisterState {
  bool exists = false;
  std::string data;
  int32_t version = 0;
  bool operator<(const RegisterState& o) const {
    return std::tie(exists, data, version) < std::tie(o.exists, o.data, o.version);
  }
  bool operator==(const RegisterState&) const = default;
};

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

// The same checks over a history given as segments. fold() takes every operation invoked
// before a cut time T, where each definite one completed by T and no client's sync is
// separated from the operation after it (a quiescent cut: no later operation can be
// ordered before one of these). An indeterminate operation in a segment is taken to have
// happened before T or never (the World folds it only kIndeterminateSettleUs after it was
// invoked). finish() checks the operations after the last cut and reports over the whole
// history. Checking power kept: client-fifo is exact; read-matches-write finds the write
// among the kWritesKeptPerPath newest folded ones of its znode (an older one is not
// checked, nor a read folded before the write it read was); linearizable-writes checks
// each segment from every state the earlier ones can have left the znode in (a znode
// whose segment search runs out of steps, or that has more than kStatesKeptPerPath
// possible states, is not checked from then on and counts in gave_up).
class ConsistencyChecker {
 public:
  static constexpr size_t kWritesKeptPerPath = 64;
  static constexpr size_t kStatesKeptPerPath = 64;
  static constexpr int64_t kFoldStepsPerPartition = 200'000;

  void fold(const std::vector<HistoryOp>& segment);
  ConsistencyReport finish(const std::vector<HistoryOp>& rest, int64_t max_steps_per_partition = 2'000'000) const;
  size_t folded_ops() const { return report_.ops; }

  // What is remembered of the folded segments (public for the check functions).
  struct Summary {
    std::map<std::string, std::pair<Zxid, int32_t>> last_reply;  // client -> its last reply's zxid, cxid
    std::map<std::string, std::map<Zxid, HistoryOp>> writes;     // znode -> newest acknowledged writes by zxid
    std::map<std::string, std::vector<RegisterState>> states;    // znode -> states it can be in after them
    std::set<std::string> excluded;             // znodes out of the search (ephemeral, container, TTL)
    std::set<std::string> sequential_prefixes;  // sequential creates' prefixes (their names are the server's)
    std::set<std::string> unchecked;            // znodes whose search gave up in a folded segment
  };

 private:
  Summary summary_;
  ConsistencyReport report_;  // the counters so far and the first violation of a folded segment
};

}  // namespace zk::sim
