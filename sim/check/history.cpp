// collect_history: the simulated clients' operation tables as a HistoryOp list.
#include "sim/check/history.h"

#include "sim/world/world.h"

namespace zk::sim {

namespace {

// The write fields of one create, setData or delete, shared by plain requests and a multi's
// ops.
void fill_write(const CreateRequest& create, HistoryOp& h) {
  h.kind = HistoryOpKind::kCreate;
  h.path = create.path;
  h.data = create.data;
  h.ephemeral = create.mode == CreateMode::kEphemeral || create.mode == CreateMode::kEphemeralSequential;
  h.sequential = is_sequential(create.mode);
  h.reaped = is_container(create.mode) || is_ttl(create.mode);
}

void fill_write(const SetDataRequest& set, HistoryOp& h) {
  h.kind = HistoryOpKind::kSetData;
  h.path = set.path;
  h.data = set.data;
  h.version = set.version;
}

void fill_write(const DeleteRequest& del, HistoryOp& h) {
  h.kind = HistoryOpKind::kDelete;
  h.path = del.path;
  h.version = del.version;
}

// A multi is one txn: when it committed (or may have), each of its writes is a write of
// its own znode at the multi's zxid and times; a multi that failed wrote nothing. (The
// register model checks znodes one by one, so the multi's atomicity is not checked.)
void append_multi(const MultiRequest& multi, const HistoryOp& whole, std::vector<HistoryOp>* history) {
  if (!whole.indeterminate && whole.err != ErrorCode::kOk) return;
  for (const MultiOp& sub : multi.ops) {
    HistoryOp h = whole;
    if (const auto* create = std::get_if<CreateRequest>(&sub)) {
      fill_write(*create, h);
    } else if (const auto* set = std::get_if<SetDataRequest>(&sub)) {
      fill_write(*set, h);
    } else if (const auto* del = std::get_if<DeleteRequest>(&sub)) {
      fill_write(*del, h);
    } else {
      continue;  // check: reads a version, writes nothing
    }
    history->push_back(std::move(h));
  }
}

}  // namespace

bool indeterminate(const ClientOpResult& op) {
  return !op.done || op.err == ErrorCode::kConnectionLoss || op.err == ErrorCode::kSessionExpired ||
         op.err == ErrorCode::kOperationTimeout;
}

void append_history(const SimClient& client, const ClientOpResult& op, std::vector<HistoryOp>* history) {
  HistoryOp h;
  h.client = client.name();
  h.cxid = op.cxid;
  h.invoked_us = op.invoked_us;
  h.err = op.err;
  h.zxid = op.zxid;
  h.indeterminate = indeterminate(op);
  h.completed_us = h.indeterminate ? HistoryOp::kNever : op.completed_us;
  if (const auto* get = std::get_if<GetDataRequest>(&op.request)) {
    h.kind = HistoryOpKind::kRead;
    h.path = get->path;
    h.data = op.body.data;
    if (op.body.stat) {
      h.read_version = op.body.stat->version;
      h.mzxid = op.body.stat->mzxid;
    }
  } else if (const auto* set = std::get_if<SetDataRequest>(&op.request)) {
    fill_write(*set, h);
  } else if (const auto* create = std::get_if<CreateRequest>(&op.request)) {
    fill_write(*create, h);
  } else if (const auto* del = std::get_if<DeleteRequest>(&op.request)) {
    fill_write(*del, h);
  } else if (const auto* sync = std::get_if<SyncRequest>(&op.request)) {
    h.kind = HistoryOpKind::kSync;
    h.path = sync->path;
  } else if (const auto* multi = std::get_if<MultiRequest>(&op.request)) {
    append_multi(*multi, h, history);
    return;
  }
  history->push_back(std::move(h));
}

std::vector<HistoryOp> collect_history(const World& world) {
  std::vector<HistoryOp> history;
  for (const ClientSlot& slot : world.clients()) {
    for (const ClientOpResult& op : slot.client.ops()) append_history(slot.client, op, &history);
  }
  return history;
}

}  // namespace zk::sim
