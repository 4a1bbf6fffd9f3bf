// Request decoding: one frame from a real ZooKeeper client, read with ZooKeeper's own
// generated jute records (sim/jute), turned into core's typed client input. The first frame
// of a connection is a ConnectRequest (plus the readOnly flag 3.x clients append); every
// later one is a RequestHeader {xid, type} and the opcode's record. What core does not model
// comes back as kUnsupported (a known ZooKeeper opcode) or kUnknown (none ZooKeeper knows:
// it answers UNIMPLEMENTED and closes); a record that does not parse is kMalformed with
// the byte offset where it went wrong.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/client_protocol.h"

namespace zk::sim::gateway {

// ZooDefs.OpCode values the gateway names.
namespace opcode {
inline constexpr int32_t kCreate = 1, kDelete = 2, kExists = 3, kGetData = 4, kSetData = 5, kGetAcl = 6,
                         kSetAcl = 7, kGetChildren = 8, kSync = 9, kPing = 11, kGetChildren2 = 12, kCheck = 13,
                         kMulti = 14, kCreate2 = 15, kReconfig = 16, kCheckWatches = 17, kRemoveWatches = 18,
                         kCreateContainer = 19, kDeleteContainer = 20, kCreateTtl = 21, kMultiRead = 22,
                         kAuth = 100, kSetWatches = 101, kSasl = 102, kGetEphemerals = 103,
                         kGetAllChildrenNumber = 104, kSetWatches2 = 105, kAddWatch = 106, kWhoAmI = 107,
                         kCreateSession = -10, kCloseSession = -11, kError = -1;
}
// Request.isValid in 3.8: the opcodes a server accepts at all.
bool is_known_opcode(int32_t type);
const char* opcode_name(int32_t type);

struct DecodedConnect {
  ConnectRequest request;
  int32_t protocol_version = 0;
  bool read_only = false;
  bool has_read_only = false;  // false: an old client (no readOnly byte); the reply has none either
};

struct DecodedRequest {
  enum class Kind : uint8_t { kMessage, kUnsupported, kUnknown, kMalformed };
  Kind kind = Kind::kMessage;
  int32_t xid = 0;
  int32_t type = 0;
  std::string path;        // sync: the path its reply echoes
  ClientToServer message;  // kMessage
  std::string error;       // kMalformed: "at byte N: ..."
};

// false and *error ("ConnectRequest at byte 12: ...") if the frame is not a ConnectRequest.
bool decode_connect(std::string_view frame, DecodedConnect* out, std::string* error);
// A frame after the connect. A header that does not parse is kMalformed with xid 0
// (ZooKeeper closes the connection then); a body that does not parse is kMalformed with the
// header's xid and type.
DecodedRequest decode_request(std::string_view frame);
// "create /a": a request frame's opcode name and, where its body starts with one, the path
// (printable characters only, '?' for others: for comments and views, not for decisions).
std::string describe_request_frame(std::string_view frame);

}  // namespace zk::sim::gateway
