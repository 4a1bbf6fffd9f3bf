// Naming, sizing and one-line descriptions of txns for traces and proposal statistics.
#include "core/txn.h"

#include <fmt/format.h>

namespace zk {
namespace {

constexpr size_t kIntBytes = 4;
constexpr size_t kLongBytes = 8;
constexpr size_t kHeaderBytes = kLongBytes + kIntBytes + kLongBytes + kLongBytes + kIntBytes;

constexpr size_t kBoolBytes = 1;
// TxnDigest {int version; long treeDigest}: 3.8 appends it to every txn (zookeeper.digest.enabled).
constexpr size_t kDigestBytes = kIntBytes + kLongBytes;
size_t string_bytes(const std::string& s) { return kIntBytes + s.size(); }

// vector<ACL>: count, then per entry {int perms; Id {ustring scheme; ustring id}}.
size_t acl_bytes(const AclList& acl) {
  size_t bytes = kIntBytes;
  for (const Acl& entry : acl) bytes += kIntBytes + string_bytes(entry.id.scheme) + string_bytes(entry.id.id);
  return bytes;
}

// The jute record ZooKeeper 3.8's PrepRequestProcessor builds for the op: CreateTxn {path,
// data, acl, ephemeral, parentCVersion}, CreateContainerTxn without `ephemeral`,
// CreateTTLTxn with a trailing long ttl; SetACLTxn {path, acl, version}.
template <typename Body>
size_t op_body_bytes(OpCode type, const Body& b) {
  return [type](const auto& b) -> size_t {
    using T = std::decay_t<decltype(b)>;
    if constexpr (std::is_same_v<T, CreateTxn>) {
      const size_t common = string_bytes(b.path) + string_bytes(b.data) + acl_bytes(b.acl) + kIntBytes;
      if (type == OpCode::kCreateContainer) return common;
      if (type == OpCode::kCreateTtl) return common + kLongBytes;
      return common + kBoolBytes;
    } else if constexpr (std::is_same_v<T, DeleteTxn>) {
      return string_bytes(b.path);
    } else if constexpr (std::is_same_v<T, SetDataTxn>) {
      return string_bytes(b.path) + string_bytes(b.data) + kIntBytes;
    } else if constexpr (std::is_same_v<T, CheckVersionTxn>) {
      return string_bytes(b.path) + kIntBytes;
    } else if constexpr (std::is_same_v<T, SetAclTxn>) {
      return string_bytes(b.path) + acl_bytes(b.acl) + kIntBytes;
    } else {
      return kIntBytes;
    }
  }(b);
}

size_t sub_body_bytes(OpCode type, const SubTxnBody& body) {
  return std::visit([type](const auto& b) { return op_body_bytes(type, b); }, body);
}

template <typename Body>
std::string describe_op(OpCode type, const Body& b) {
  // Plain concatenation: one of these is built for every proposal (the trace's sentence).
  std::string_view head = op_name(type);
  std::string_view tail;
  if constexpr (std::is_same_v<Body, ErrorTxn>) {
    head = "error";
    tail = error_name(b.err);
  } else {
    tail = b.path;
  }
  std::string out;
  out.reserve(head.size() + 1 + tail.size());
  out.append(head).append(1, ' ').append(tail);
  return out;
}

std::string describe_sub(OpCode type, const SubTxnBody& body) {
  return std::visit([type](const auto& b) { return describe_op(type, b); }, body);
}

}  // namespace

const char* op_name(OpCode op) {
  switch (op) {
    case OpCode::kNotification: return "notification";
    case OpCode::kCreate: return "create";
    case OpCode::kDelete: return "delete";
    case OpCode::kExists: return "exists";
    case OpCode::kGetData: return "getData";
    case OpCode::kSetData: return "setData";
    case OpCode::kGetAcl: return "getACL";
    case OpCode::kSetAcl: return "setACL";
    case OpCode::kGetChildren: return "getChildren";
    case OpCode::kSync: return "sync";
    case OpCode::kPing: return "ping";
    case OpCode::kGetChildren2: return "getChildren2";
    case OpCode::kCheck: return "check";
    case OpCode::kMulti: return "multi";
    case OpCode::kCreate2: return "create2";
    case OpCode::kReconfig: return "reconfig";
    case OpCode::kCheckWatches: return "checkWatches";
    case OpCode::kRemoveWatches: return "removeWatches";
    case OpCode::kCreateContainer: return "createContainer";
    case OpCode::kDeleteContainer: return "deleteContainer";
    case OpCode::kCreateTtl: return "createTTL";
    case OpCode::kMultiRead: return "multiRead";
    case OpCode::kAuth: return "auth";
    case OpCode::kSetWatches: return "setWatches";
    case OpCode::kSasl: return "sasl";
    case OpCode::kGetEphemerals: return "getEphemerals";
    case OpCode::kGetAllChildrenNumber: return "getAllChildrenNumber";
    case OpCode::kSetWatches2: return "setWatches2";
    case OpCode::kAddWatch: return "addWatch";
    case OpCode::kWhoAmI: return "whoAmI";
    case OpCode::kCreateSession: return "createSession";
    case OpCode::kCloseSession: return "closeSession";
    case OpCode::kError: return "error";
  }
  return "unknown";
}

size_t serialized_bytes(const Txn& txn) {
  return kHeaderBytes + kDigestBytes +
         std::visit(
                            [&txn](const auto& b) -> size_t {
                              using T = std::decay_t<decltype(b)>;
                              if constexpr (std::is_same_v<T, CreateSessionTxn>) {
                                return kIntBytes;
                              } else if constexpr (std::is_same_v<T, CloseSessionTxn>) {
                                size_t bytes = kIntBytes;
                                for (const std::string& path : b.paths_to_delete) bytes += string_bytes(path);
                                return bytes;
                              } else if constexpr (std::is_same_v<T, MultiTxn>) {
                                size_t bytes = kIntBytes;
                                for (const SubTxn& sub : b.txns)
                                  bytes += kIntBytes + kIntBytes + sub_body_bytes(sub.type, sub.body);
                                return bytes;
                              } else {
                                return op_body_bytes(txn.header.type, b);
                              }
                            },
                            txn.body);
}

std::string describe(const Txn& txn) {
  return std::visit(
      [&txn](const auto& b) -> std::string {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, CreateSessionTxn>) {
          return fmt::format("createSession {} timeout {}ms", zxid_hex(txn.header.session_id), b.timeout_ms);
        } else if constexpr (std::is_same_v<T, CloseSessionTxn>) {
          return fmt::format("closeSession {}", zxid_hex(txn.header.session_id));
        } else if constexpr (std::is_same_v<T, MultiTxn>) {
          std::string out = "multi [";
          for (size_t i = 0; i < b.txns.size(); ++i) {
            if (i > 0) out += ", ";
            out += describe_sub(b.txns[i].type, b.txns[i].body);
          }
          return out + "]";
        } else {
          return describe_op(txn.header.type, b);
        }
      },
      txn.body);
}

}  // namespace zk
