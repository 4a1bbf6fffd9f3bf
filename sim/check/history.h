// Client histories for the consistency checker: every operation the simulated clients
// sent, with its invocation and completion time (virtual µs), its outcome and what it
// wrote or read. An operation without a definite outcome (CONNECTIONLOSS, no reply yet)
// is "indeterminate": a write may or may not have taken effect, and it never completed.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/error_code.h"
#include "core/zxid.h"

namespace zk::sim {

class World;

enum class HistoryOpKind : uint8_t { kRead, kSetData, kCreate, kDelete, kSync, kOther };

struct HistoryOp {
  static constexpr int64_t kNever = std::numeric_limits<int64_t>::max();
  std::string client;
  int32_t cxid = 0;
  HistoryOpKind kind = HistoryOpKind::kOther;
  std::string path;
  bool ephemeral = false;   // create -e
  bool sequential = false;  // create -s (path is the prefix)
  bool reaped = false;      // create -c or -t: the leader's ContainerManager may delete it
  int32_t version = -1;     // setData / delete: the expected version, -1 any
  std::string data;         // setData / create: written; read: what it returned
  int32_t read_version = 0; // read: the Stat version it returned
  int64_t invoked_us = 0;
  int64_t completed_us = kNever;  // kNever: indeterminate
  bool indeterminate = false;
  ErrorCode err = ErrorCode::kOk;
  Zxid zxid = 0;            // the reply's zxid (the server's last processed zxid)
  Zxid mzxid = 0;           // read: the Stat's mzxid
};

class SimClient;
struct ClientOpResult;

// The history of every client of the world, client by client in cxid order (the ops still
// in the clients' windows: see World::set_history_window for the folded ones).
std::vector<HistoryOp> collect_history(const World& world);
// One op of a client as history entries (a multi gives one per write it made).
void append_history(const SimClient& client, const ClientOpResult& op, std::vector<HistoryOp>* history);
// Whether the op has no definite outcome (no reply, CONNECTIONLOSS, SESSIONEXPIRED, timeout).
bool indeterminate(const ClientOpResult& op);

}  // namespace zk::sim
