// Hand-written history entries for the consistency checker's tests: operations on /x
// with their client, cxid, times (µs), outcome zxid and what they wrote or read.
#pragma once

#include "sim/check/history.h"

namespace zk::sim::test_history {

inline HistoryOp set(const char* client, int32_t cxid, const char* data, int64_t from, int64_t to, Zxid zxid) {
  HistoryOp op;
  op.client = client;
  op.cxid = cxid;
  op.kind = HistoryOpKind::kSetData;
  op.path = "/x";
  op.data = data;
  op.invoked_us = from;
  op.completed_us = to;
  op.zxid = zxid;
  return op;
}
inline HistoryOp lost_set(const char* client, int32_t cxid, const char* data, int64_t from) {
  HistoryOp op = set(client, cxid, data, from, HistoryOp::kNever, 0);
  op.indeterminate = true;
  op.err = ErrorCode::kConnectionLoss;
  return op;
}
inline HistoryOp sync(const char* client, int32_t cxid, int64_t from, int64_t to, Zxid zxid) {
  HistoryOp op = set(client, cxid, "", from, to, zxid);
  op.kind = HistoryOpKind::kSync;
  return op;
}
inline HistoryOp get(const char* client, int32_t cxid, const char* data, int32_t version, int64_t from, int64_t to, Zxid zxid,
              Zxid mzxid) {
  HistoryOp op = set(client, cxid, data, from, to, zxid);
  op.kind = HistoryOpKind::kRead;
  op.read_version = version;
  op.mzxid = mzxid;
  return op;
}
inline HistoryOp create(const char* client, int32_t cxid, const char* data, int64_t from, int64_t to, Zxid zxid) {
  HistoryOp op = set(client, cxid, data, from, to, zxid);
  op.kind = HistoryOpKind::kCreate;
  return op;
}


}  // namespace zk::sim::test_history
