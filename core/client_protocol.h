// The client <-> server protocol as typed messages (ZooKeeper's ConnectRequest/Response,
// request/reply headers, watch events and pings). Clients live in sim/; servers in core/.
// A connection is identified by an opaque id the driver (sim's World) hands out when the
// connection opens; a reconnect gets a new id, so a reply to an old connection never
// reaches a newer one. Core only compares and orders ids, never decodes them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/data_tree.h"
#include "core/error_code.h"
#include "core/request.h"
#include "core/stat.h"
#include "core/watch_manager.h"

namespace zk {

using ConnectionId = uint64_t;  // opaque, handed out by the driver (sim/world/connection_table.h)

// ---- client -> server
// The watches a client re-registers when it reconnects its session (ClientCnxn's
// primeConnection sends SetWatches right behind the ConnectRequest, relative to the last
// zxid it saw); the server applies them once the session is re-established.
struct ReconnectWatches {
  std::vector<std::string> data;   // getData / exists on an existing node
  std::vector<std::string> exist;  // exists on a missing node
  std::vector<std::string> child;  // getChildren
  bool empty() const { return data.empty() && exist.empty() && child.empty(); }
  bool operator==(const ReconnectWatches&) const = default;
};
struct ConnectRequest {
  SessionId session_id = 0;  // 0: a new session
  int64_t timeout_ms = 0;    // requested
  Zxid last_zxid_seen = 0;
  ReconnectWatches watches;  // with session_id != 0: SetWatches
  std::string password;      // with session_id != 0: the session's (core/session_password.h)
  // Not on the wire: who is on the other end, as the driver names it (NIOServerCnxn's
  // remote socket address, shown by `stat` / `cons`): "client-1000:1", "127.0.0.1:50312".
  std::string remote_address;
};
struct RequestMessage {
  int32_t cxid = 0;
  Request request;
  // Not on the wire: the connection's authentication ids when the server received the
  // request (Request.authInfo, a copy), set by the server, not by the client.
  std::vector<AuthId> auth_info;
};
struct PingRequest {};
struct Disconnect {};  // the client closed the TCP connection
// An auth packet (xid -4, opcode auth: ZooKeeper.addAuthInfo). The server handles it at once
// on the connection (ZooKeeperServer.processPacket), not behind the session's requests:
// OK with zxid 0, or AUTHFAILED with zxid 0 and the connection closed.
struct AuthPacket {
  std::string scheme;
  std::string auth;  // bytes ("user:password" for digest)
};

using ClientToServer = std::variant<ConnectRequest, RequestMessage, PingRequest, Disconnect, AuthPacket>;

// The xid of auth replies (ClientCnxn.AUTHPACKET_XID).
inline constexpr int32_t kAuthXid = -4;

// ---- server -> client
struct ConnectResponse {
  SessionId session_id = 0;
  int64_t timeout_ms = 0;  // 0: the session is expired (or the password was wrong)
  std::string password;    // the session's, when valid (16 bytes)
};
// One op's answer in a multiRead: getData's data and Stat, getChildren's children, or an
// error (OpCode kError with its code).
struct ReadOpResult {
  OpCode type = OpCode::kError;
  ErrorCode err = ErrorCode::kOk;
  std::string data;
  Stat stat;
  std::vector<std::string> children;
  bool operator==(const ReadOpResult&) const = default;
};
struct ReplyBody {
  std::string path;                       // create
  std::string data;                       // getData
  std::vector<std::string> children;      // getChildren (sorted)
  std::optional<Stat> stat;               // create2 / setData / getData / exists / getChildren2
  std::vector<OpResult> multi_results;    // multi
  std::optional<int32_t> all_children_number;  // getAllChildrenNumber
  std::vector<std::string> ephemerals;         // getEphemerals, in the session set's HashSet order
  std::vector<ReadOpResult> read_results;      // multiRead
  AclList acl;                            // getACL
  std::vector<ClientInfo> client_infos;   // whoAmI
};
struct ReplyMessage {
  int32_t cxid = 0;
  Zxid zxid = 0;  // the server's last processed zxid when it replied
  ErrorCode err = ErrorCode::kOk;
  ReplyBody body;
};
struct WatchEventMessage {
  EventType type = EventType::kNone;
  std::string path;
  Zxid zxid = 0;
};
struct PingReply {
  Zxid zxid = 0;
};
struct ConnectionClosed {
  std::string reason;  // "not currently serving", "client zxid is ahead", "server left the quorum"
  // The TCP connect itself was refused (nothing listens on the port): the connection was
  // never established, as opposed to a server that accepted it and then closed it.
  bool refused = false;
};

using ServerToClient = std::variant<ConnectResponse, ReplyMessage, WatchEventMessage, PingReply, ConnectionClosed>;

int estimated_bytes(const ClientToServer& message);
int estimated_bytes(const ServerToClient& message);

}  // namespace zk
