// Client requests as plain values. A server receives one of these from a client
// connection; is_write() tells whether it must go through the leader's
// PrepRequestProcessor and ZAB (it then costs a zxid) or is answered from the local
// DataTree/WatchManager. Versions use -1 for "any version", as in ZooKeeper.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/acl.h"
#include "core/zxid.h"

namespace zk {

enum class CreateMode : int32_t {
  kPersistent = 0,
  kEphemeral = 1,
  kPersistentSequential = 2,
  kEphemeralSequential = 3,
  kContainer = 4,
  kPersistentWithTtl = 5,
  kPersistentSequentialWithTtl = 6,
};

constexpr bool is_sequential(CreateMode mode) {
  return mode == CreateMode::kPersistentSequential || mode == CreateMode::kEphemeralSequential ||
         mode == CreateMode::kPersistentSequentialWithTtl;
}
constexpr bool is_ephemeral(CreateMode mode) {
  return mode == CreateMode::kEphemeral || mode == CreateMode::kEphemeralSequential;
}
constexpr bool is_container(CreateMode mode) { return mode == CreateMode::kContainer; }
constexpr bool is_ttl(CreateMode mode) {
  return mode == CreateMode::kPersistentWithTtl || mode == CreateMode::kPersistentSequentialWithTtl;
}

enum class AddWatchMode : int32_t { kPersistent = 0, kPersistentRecursive = 1 };

struct CreateRequest {
  std::string path;
  std::string data;
  CreateMode mode = CreateMode::kPersistent;
  int64_t ttl_ms = -1;  // only for the *WithTtl modes
  AclList acl = open_acl_unsafe();  // as sent; the leader validates it (fixupACL)
  bool operator==(const CreateRequest&) const = default;
};
struct DeleteRequest {
  std::string path;
  int32_t version = -1;
  bool operator==(const DeleteRequest&) const = default;
};
struct SetDataRequest {
  std::string path;
  std::string data;
  int32_t version = -1;
  bool operator==(const SetDataRequest&) const = default;
};
struct CheckRequest {
  std::string path;
  int32_t version = -1;
  bool operator==(const CheckRequest&) const = default;
};
using MultiOp = std::variant<CreateRequest, DeleteRequest, SetDataRequest, CheckRequest>;
struct MultiRequest {
  std::vector<MultiOp> ops;
  bool operator==(const MultiRequest&) const = default;
};
struct GetDataRequest {
  std::string path;
  bool watch = false;
  bool operator==(const GetDataRequest&) const = default;
};
struct ExistsRequest {
  std::string path;
  bool watch = false;
  bool operator==(const ExistsRequest&) const = default;
};
struct GetChildrenRequest {
  std::string path;
  bool watch = false;
  bool operator==(const GetChildrenRequest&) const = default;
};
struct SyncRequest {
  std::string path;
  bool operator==(const SyncRequest&) const = default;
};
struct AddWatchRequest {
  std::string path;
  AddWatchMode mode = AddWatchMode::kPersistent;
  bool operator==(const AddWatchRequest&) const = default;
};
// SetWatches / SetWatches2 (opcodes 101 / 105): a client re-registers its watches after
// it reconnects, relative to the last zxid it saw; a watch whose change happened after it
// fires at once (DataTree.setWatches), the others are registered. Answered locally.
struct SetWatchesRequest {
  Zxid relative_zxid = 0;
  std::vector<std::string> data;
  std::vector<std::string> exist;
  std::vector<std::string> child;
  std::vector<std::string> persistent;            // SetWatches2 only
  std::vector<std::string> persistent_recursive;  // SetWatches2 only
  bool operator==(const SetWatchesRequest&) const = default;
};
// getAllChildrenNumber (opcode 104): how many nodes are below a path.
struct GetAllChildrenNumberRequest {
  std::string path;
  bool operator==(const GetAllChildrenNumberRequest&) const = default;
};
// getEphemerals (opcode 103): the asking session's ephemeral paths that start with a prefix
// (all of them for an empty or "/" prefix).
struct GetEphemeralsRequest {
  std::string prefix_path;
  bool operator==(const GetEphemeralsRequest&) const = default;
};
// multiRead (opcode 22): getData and getChildren ops answered one by one from the local tree,
// each with its own result or error; their watch flags are dropped, as 3.8.0's
// MultiOperationRecord does. A write op in it makes the answer MARSHALLINGERROR.
using ReadOp = std::variant<GetDataRequest, GetChildrenRequest, CreateRequest, DeleteRequest, SetDataRequest, CheckRequest>;
struct MultiReadRequest {
  std::vector<ReadOp> ops;
  bool operator==(const MultiReadRequest&) const = default;
};
// checkWatches (17) and removeWatches (18): WatcherType as sent (1 children, 2 data, 3 any;
// anything else is refused by WatcherType.fromInt, as MARSHALLINGERROR).
inline constexpr int32_t kWatcherTypeChildren = 1;
inline constexpr int32_t kWatcherTypeData = 2;
inline constexpr int32_t kWatcherTypeAny = 3;
struct CheckWatchesRequest {
  std::string path;
  int32_t watcher_type = kWatcherTypeAny;
  bool operator==(const CheckWatchesRequest&) const = default;
};
struct RemoveWatchesRequest {
  std::string path;
  int32_t watcher_type = kWatcherTypeAny;
  bool operator==(const RemoveWatchesRequest&) const = default;
};
// setACL (a txn: SetACLTxn; version is the expected aversion, -1 any) and getACL (a read).
struct SetAclRequest {
  std::string path;
  AclList acl;
  int32_t version = -1;
  bool operator==(const SetAclRequest&) const = default;
};
struct GetAclRequest {
  std::string path;
  bool operator==(const GetAclRequest&) const = default;
};
// whoAmI (opcode 107): the connection's authentication ids, answered locally.
struct WhoAmIRequest {
  bool operator==(const WhoAmIRequest&) const = default;
};
struct CreateSessionRequest {
  int64_t timeout_ms = 0;  // already negotiated
  bool operator==(const CreateSessionRequest&) const = default;
};
struct CloseSessionRequest {
  bool operator==(const CloseSessionRequest&) const = default;
};

using Request = std::variant<CreateRequest, DeleteRequest, SetDataRequest, CheckRequest, MultiRequest, GetDataRequest,
                             ExistsRequest, GetChildrenRequest, SyncRequest, AddWatchRequest, CreateSessionRequest,
                             CloseSessionRequest, SetWatchesRequest, GetAllChildrenNumberRequest, GetEphemeralsRequest,
                             MultiReadRequest, CheckWatchesRequest, RemoveWatchesRequest, SetAclRequest, GetAclRequest,
                             WhoAmIRequest>;

// True for requests that become txns (create, delete, setData, setACL, check, multi,
// createSession, closeSession). sync goes to the leader too but is not a txn: false.
constexpr bool is_write(const Request& request) {
  return std::holds_alternative<CreateRequest>(request) || std::holds_alternative<DeleteRequest>(request) ||
         std::holds_alternative<SetDataRequest>(request) || std::holds_alternative<CheckRequest>(request) ||
         std::holds_alternative<MultiRequest>(request) || std::holds_alternative<CreateSessionRequest>(request) ||
         std::holds_alternative<CloseSessionRequest>(request) || std::holds_alternative<SetAclRequest>(request);
}

}  // namespace zk
