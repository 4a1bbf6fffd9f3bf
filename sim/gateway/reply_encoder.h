// Reply encoding: a server's typed message to a real client (ServerToClient) as the bytes a
// ZooKeeper 3.8 server sends, framed with the 4-byte length, written with ZooKeeper's own
// generated jute records. Which response record follows the ReplyHeader depends on the
// request's opcode (create vs create2, getChildren vs getChildren2, ...), so the caller passes
// the request it answers. As FinalRequestProcessor does: an error reply is the header alone;
// watch notifications carry xid -1 and zxid -1; ping replies xid -2 and the last zxid.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/client_protocol.h"

namespace zk::sim::gateway {

// What the gateway remembers of a request until its reply: its opcode, and what the reply
// needs that core does not echo (sync's path).
struct PendingRequest {
  int32_t xid = 0;
  int32_t type = 0;
  std::string path;
};

// ConnectResponse (protocol version 0), then the readOnly byte unless an old client.
std::string encode_connect_response(int32_t timeout_ms, int64_t session_id, const std::string& password,
                                    bool with_read_only);
std::string encode_reply(const PendingRequest& request, const ReplyMessage& reply);
// A reply with no body: the header alone (errors, delete, closeSession, setWatches, ...).
std::string encode_header_only(int32_t xid, int64_t zxid, int32_t err);
std::string encode_ping_reply(int64_t zxid);
std::string encode_watch_event(const WatchEventMessage& event);

}  // namespace zk::sim::gateway
