// World::fold_client_history: headless runs keep the clients' operations as a window. The
// operations invoked before the latest quiescent cut are checked by the consistency
// checker's fold (sim/check/linearizability.h), which keeps a summary, and dropped from the
// clients; collect_history then gives only the operations after the cut.
#include <vector>

#include "sim/check/history.h"
#include "sim/world/world.h"

namespace zk::sim {

void World::fold_client_history() {
  // Lower the cut (now at first) below each operation that is not settled at it, until a
  // pass lowers it no more; each pass looks only at operations invoked before the cut.
  // The operations invoked before the cut are folded, those invoked at or after it stay.
  int64_t cut_us = now_us_;
  for (bool lowered = true; lowered;) {
    lowered = false;
    for (const ClientSlot& slot : clients_) {
      const SimClient& client = slot.client;
      const auto& ops = client.ops();
      const bool crashed = client.state() == ClientState::kCrashed;
      for (size_t i = 0; i < ops.size() && ops[i].invoked_us < cut_us; ++i) {
        const ClientOpResult& op = ops[i];
        const bool has_outcome = op.done || crashed;
        // A reply at the cut's time arrived before anything invoked then was sent.
        const bool settled = has_outcome && (indeterminate(op) ? op.invoked_us + kIndeterminateSettleUs <= now_us_
                                                               : op.completed_us <= cut_us);
        // A sync's read must stay with it (the read is ordered from the sync's invocation).
        const bool sync_at_cut = std::holds_alternative<SyncRequest>(op.request) &&
                                 (i + 1 == ops.size() || ops[i + 1].invoked_us >= cut_us);
        if (!settled || sync_at_cut) {
          cut_us = op.invoked_us;
          lowered = true;
          break;
        }
      }
    }
  }
  std::vector<HistoryOp> segment;
  std::vector<size_t> folded(clients_.size(), 0);
  for (size_t c = 0; c < clients_.size(); ++c) {
    const SimClient& client = clients_[c].client;
    const auto& ops = client.ops();
    size_t& count = folded[c];
    for (; count < ops.size() && ops[count].invoked_us < cut_us; ++count) append_history(client, ops[count], &segment);
  }
  consistency_.fold(segment);
  for (size_t c = 0; c < clients_.size(); ++c) clients_[c].client.drop_settled_ops(folded[c]);
}

}  // namespace zk::sim
