// Txn: one replicated state change as the leader proposes it and every server applies it
// (ZooKeeper's TxnHeader + record). The body is a variant; a multi holds sub-txns that
// each carry their own op code. Failed writes become ErrorTxn (or a multi of ErrorTxns)
// and still use up a zxid. Txns are plain values: comparable, copyable, printable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/acl.h"
#include "core/error_code.h"
#include "core/zxid.h"

namespace zk {

enum class OpCode : int32_t {
  kNotification = 0,
  kCreate = 1,
  kDelete = 2,
  kExists = 3,
  kGetData = 4,
  kSetData = 5,
  kGetAcl = 6,
  kSetAcl = 7,
  kGetChildren = 8,
  kSync = 9,
  kPing = 11,
  kGetChildren2 = 12,
  kCheck = 13,
  kMulti = 14,
  kCreate2 = 15,
  kReconfig = 16,
  kCheckWatches = 17,
  kRemoveWatches = 18,
  kCreateContainer = 19,
  kDeleteContainer = 20,
  kCreateTtl = 21,
  kMultiRead = 22,
  kAuth = 100,
  kSetWatches = 101,
  kSasl = 102,
  kGetEphemerals = 103,
  kGetAllChildrenNumber = 104,
  kSetWatches2 = 105,
  kAddWatch = 106,
  kWhoAmI = 107,
  kCreateSession = -10,
  kCloseSession = -11,
  kError = -1,
};

// "create", "setData", "closeSession", ... (ZooKeeper's Request.op2String names).
const char* op_name(OpCode op);

struct TxnHeader {
  SessionId session_id = 0;
  int32_t cxid = 0;
  Zxid zxid = 0;
  int64_t time_ms = 0;
  OpCode type = OpCode::kError;
  bool operator==(const TxnHeader&) const = default;
};

// ephemeral_owner is the final Stat value: 0, the session (ephemeral), the container
// marker or the TTL encoding. parent_cversion is the parent's new internal create counter.
// acl is the list fixupACL made of the request's.
struct CreateTxn {
  std::string path;
  std::string data;
  int64_t ephemeral_owner = 0;
  int32_t parent_cversion = 0;
  AclList acl = open_acl_unsafe();
  bool operator==(const CreateTxn&) const = default;
};
// SetACLTxn: version is the node's new aversion (old + 1).
struct SetAclTxn {
  std::string path;
  AclList acl;
  int32_t version = 0;
  bool operator==(const SetAclTxn&) const = default;
};
struct DeleteTxn {
  std::string path;
  bool operator==(const DeleteTxn&) const = default;
};
// version is the node's new data version (old + 1), as ZooKeeper's SetDataTxn carries it.
struct SetDataTxn {
  std::string path;
  std::string data;
  int32_t version = 0;
  bool operator==(const SetDataTxn&) const = default;
};
// version is the checked version + 1, as ZooKeeper's CheckVersionTxn carries it.
struct CheckVersionTxn {
  std::string path;
  int32_t version = 0;
  bool operator==(const CheckVersionTxn&) const = default;
};
struct ErrorTxn {
  ErrorCode err = ErrorCode::kOk;
  bool operator==(const ErrorTxn&) const = default;
};
struct CreateSessionTxn {
  int64_t timeout_ms = 0;
  bool operator==(const CreateSessionTxn&) const = default;
};
// Sorted paths of the session's ephemerals (current plus pending creates).
struct CloseSessionTxn {
  std::vector<std::string> paths_to_delete;
  bool operator==(const CloseSessionTxn&) const = default;
};

using SubTxnBody = std::variant<CreateTxn, DeleteTxn, SetDataTxn, CheckVersionTxn, ErrorTxn>;
struct SubTxn {
  OpCode type = OpCode::kError;
  SubTxnBody body;
  bool operator==(const SubTxn&) const = default;
};
struct MultiTxn {
  std::vector<SubTxn> txns;
  bool operator==(const MultiTxn&) const = default;
};

using TxnBody = std::variant<CreateTxn, DeleteTxn, SetDataTxn, CheckVersionTxn, ErrorTxn, CreateSessionTxn,
                             CloseSessionTxn, MultiTxn, SetAclTxn>;

struct Txn {
  TxnHeader header;
  TxnBody body;
  bool operator==(const Txn&) const = default;
};

// Bytes of the txn as ZooKeeper 3.8 serializes a proposal (SerializeUtils.serializeRequest:
// TxnHeader, the op's jute record, TxnDigest): the "Proposal sizes" of srvr and mntr.
size_t serialized_bytes(const Txn& txn);
// One line for traces: "create /a", "setData /a", "error NODEEXISTS",
// "createSession 0x1000001", "closeSession 0x1000001", "multi [create /a, delete /b]".
std::string describe(const Txn& txn);

}  // namespace zk
