// The size of a client request on the wire, as ZooKeeper's Java client serializes it with
// jute (a 4-byte length prefix, then RequestHeader {xid, type} and the request record;
// strings and buffers are a 4-byte length and the bytes; creates carry the one ACL
// world:anyone). ZooKeeper 3.8's server reads the length prefix first and, when it is
// above jute.maxbuffer (BinaryInputArchive.maxBuffer, default 0xfffff = 1,048,575 bytes),
// throws "Len error" and closes the connection (NIOServerCnxn.readLength); the client
// checks only what it receives (ClientCnxnSocket.readLength), so the request fails with
// CONNECTIONLOSS and the session survives. The server here does the same.
#pragma once

#include <cstdint>

#include "core/request.h"

namespace zk {

// jute.maxbuffer's default: the largest request packet a server reads.
inline constexpr int64_t kJuteMaxBufferBytes = 0xfffff;

// The packet length a server compares with jute.maxbuffer (the length prefix excluded).
int64_t request_packet_bytes(const Request& request);

}  // namespace zk
