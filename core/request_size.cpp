// request_packet_bytes: jute record sizes of the client requests (see request_size.h).
#include "core/request_size.h"

#include <string>
#include <type_traits>
#include <variant>

namespace zk {
namespace {

constexpr int64_t kIntBytes = 4;
constexpr int64_t kLongBytes = 8;
constexpr int64_t kBoolBytes = 1;
constexpr int64_t kHeaderBytes = 2 * kIntBytes;  // RequestHeader {int xid; int type}
// vector<ACL> holding ZooDefs.Ids.OPEN_ACL_UNSAFE: count, then {perms, scheme "world", id "anyone"}.
constexpr int64_t kOpenAclBytes = kIntBytes + kIntBytes + (kIntBytes + 5) + (kIntBytes + 6);
constexpr int64_t kMultiHeaderBytes = kIntBytes + kBoolBytes + kIntBytes;  // {type, done, err}

int64_t text_bytes(const std::string& text) { return kIntBytes + static_cast<int64_t>(text.size()); }

// The request record without the RequestHeader.
int64_t record_bytes(const Request& request);

int64_t op_bytes(const MultiOp& op) {
  return std::visit([](const auto& r) { return record_bytes(Request(r)); }, op);
}

int64_t record_bytes(const Request& request) {
  return std::visit(
      [](const auto& r) -> int64_t {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, CreateRequest>) {
          return text_bytes(r.path) + text_bytes(r.data) + kOpenAclBytes + kIntBytes + (is_ttl(r.mode) ? kLongBytes : 0);
        } else if constexpr (std::is_same_v<T, SetDataRequest>) {
          return text_bytes(r.path) + text_bytes(r.data) + kIntBytes;
        } else if constexpr (std::is_same_v<T, DeleteRequest> || std::is_same_v<T, CheckRequest> ||
                             std::is_same_v<T, AddWatchRequest>) {
          return text_bytes(r.path) + kIntBytes;
        } else if constexpr (std::is_same_v<T, GetDataRequest> || std::is_same_v<T, ExistsRequest> ||
                             std::is_same_v<T, GetChildrenRequest>) {
          return text_bytes(r.path) + kBoolBytes;
        } else if constexpr (std::is_same_v<T, SyncRequest> || std::is_same_v<T, GetAllChildrenNumberRequest>) {
          return text_bytes(r.path);
        } else if constexpr (std::is_same_v<T, GetEphemeralsRequest>) {
          return text_bytes(r.prefix_path);
        } else if constexpr (std::is_same_v<T, CheckWatchesRequest> || std::is_same_v<T, RemoveWatchesRequest>) {
          return text_bytes(r.path) + kIntBytes;
        } else if constexpr (std::is_same_v<T, MultiReadRequest>) {
          int64_t bytes = kMultiHeaderBytes;
          for (const ReadOp& op : r.ops) {
            bytes += kMultiHeaderBytes + std::visit([](const auto& o) { return record_bytes(Request(o)); }, op);
          }
          return bytes;
        } else if constexpr (std::is_same_v<T, SetWatchesRequest>) {
          int64_t bytes = kLongBytes;
          for (const auto* list : {&r.data, &r.exist, &r.child}) {
            bytes += kIntBytes;
            for (const std::string& path : *list) bytes += text_bytes(path);
          }
          return bytes;
        } else if constexpr (std::is_same_v<T, MultiRequest>) {
          int64_t bytes = kMultiHeaderBytes;  // the closing header
          for (const MultiOp& op : r.ops) bytes += kMultiHeaderBytes + op_bytes(op);
          return bytes;
        } else {
          return 0;  // createSession (made by the server itself), closeSession: header only
        }
      },
      request);
}

}  // namespace

int64_t request_packet_bytes(const Request& request) { return kHeaderBytes + record_bytes(request); }

}  // namespace zk
