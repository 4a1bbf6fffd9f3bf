// ReplySummary: one reply frame a ZooKeeper server sent a client, as text with what may
// differ between two correct servers masked, so `zksim serve --oracle` can compare zksim's
// answer with a real ZooKeeper's. Kept: the xid, the error code, the data, paths, child
// names, ACLs, counts, and a Stat's version, cversion, aversion, dataLength, numChildren and
// whether it has an ephemeral owner. Masked: zxids (the reply header's, czxid, mzxid,
// pzxid), ctime / mtime, session ids and passwords. Bodies are read with the jute records of
// Debian's libzookeeper-mt-dev (sim/jute); a body that does not read says so in the text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace zk::sim::gateway {

// The ConnectResponse frame (the first a server sends): "connect timeout=30000 readOnly=0".
std::string summarize_connect_response(std::string_view frame);
// Any later frame; `opcode` is the type of the request with the frame's xid (0 if unknown:
// the body is then left out). Watch events (xid -1) are summarized by their own fields.
std::string summarize_reply(std::string_view frame, int32_t opcode);
// The xid of a reply frame (its first four bytes), 0 if it is too short.
int32_t reply_xid(std::string_view frame);

}  // namespace zk::sim::gateway
