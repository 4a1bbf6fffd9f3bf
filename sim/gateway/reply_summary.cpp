// Masked text of a server's reply frames (see reply_summary.h).
#include "sim/gateway/reply_summary.h"

#include <fmt/format.h>

#include "sim/datadir/big_endian.h"

#include "sim/gateway/request_decoder.h"
#include "sim/jute/jute_archive.h"

namespace zk::sim::gateway {
namespace {

std::string stat_text(const ::Stat& s) {
  return fmt::format("stat(version={} cversion={} aversion={} dataLength={} numChildren={} ephemeral={})", s.version,
                     s.cversion, s.aversion, s.dataLength, s.numChildren, s.ephemeralOwner != 0 ? "yes" : "no");
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out += c;
    } else {
      out += fmt::format("\\x{:02x}", static_cast<uint8_t>(c));
    }
  }
  return out + "\"";
}

std::string strings_text(const ::String_vector& v) {
  std::string out = "[";
  for (int32_t i = 0; i < v.count; ++i) out += (i ? " " : "") + std::string(v.data[i] ? v.data[i] : "");
  return out + "]";
}

std::string acl_text(const ::ACL_vector& v) {
  std::string out = "[";
  for (int32_t i = 0; i < v.count; ++i) {
    const ::ACL& acl = v.data[i];
    out += fmt::format("{}{}:{}:{}", i ? " " : "", acl.id.scheme ? acl.id.scheme : "", acl.id.id ? acl.id.id : "",
                       acl.perms);
  }
  return out + "]";
}

// Reads one record into `text` with `format`, or says it could not.
template <class Record, class Format>
std::string body(jute::InputArchive& in, int (*deserialize)(iarchive*, const char*, Record*),
                 void (*deallocate)(Record*), Format format) {
  jute::Decoded<Record> record(deallocate);
  if (!jute::read(in, deserialize, record)) return fmt::format(" body unreadable at byte {}", in.offset());
  return " " + format(record.value);
}

void no_deallocate(::Stat*) {}
void no_deallocate_children_number(::GetAllChildrenNumberResponse*) {}

std::string op_body(jute::InputArchive& in, int32_t opcode) {
  switch (opcode) {
    case opcode::kCreate:
      return body(in, deserialize_CreateResponse, deallocate_CreateResponse,
                  [](const ::CreateResponse& r) { return std::string(r.path ? r.path : ""); });
    case opcode::kCreate2: case opcode::kCreateContainer: case opcode::kCreateTtl:
      return body(in, deserialize_Create2Response, deallocate_Create2Response,
                  [](const ::Create2Response& r) { return std::string(r.path ? r.path : "") + " " + stat_text(r.stat); });
    case opcode::kExists: case opcode::kSetData: case opcode::kSetAcl:
      return body(in, deserialize_Stat, no_deallocate, [](const ::Stat& s) { return stat_text(s); });
    case opcode::kGetData:
      return body(in, deserialize_GetDataResponse, deallocate_GetDataResponse, [](const ::GetDataResponse& r) {
        return quoted(jute::to_string(r.data)) + " " + stat_text(r.stat);
      });
    case opcode::kGetAcl:
      return body(in, deserialize_GetACLResponse, deallocate_GetACLResponse,
                  [](const ::GetACLResponse& r) { return acl_text(r.acl) + " " + stat_text(r.stat); });
    case opcode::kGetChildren:
      return body(in, deserialize_GetChildrenResponse, deallocate_GetChildrenResponse,
                  [](const ::GetChildrenResponse& r) { return strings_text(r.children); });
    case opcode::kGetChildren2:
      return body(in, deserialize_GetChildren2Response, deallocate_GetChildren2Response,
                  [](const ::GetChildren2Response& r) { return strings_text(r.children) + " " + stat_text(r.stat); });
    case opcode::kSync:
      return body(in, deserialize_SyncResponse, deallocate_SyncResponse,
                  [](const ::SyncResponse& r) { return std::string(r.path ? r.path : ""); });
    case opcode::kGetAllChildrenNumber:
      return body(in, deserialize_GetAllChildrenNumberResponse, no_deallocate_children_number,
                  [](const ::GetAllChildrenNumberResponse& r) { return std::to_string(r.totalNumber); });
    case opcode::kGetEphemerals:
      return body(in, deserialize_GetEphemeralsResponse, deallocate_GetEphemeralsResponse,
                  [](const ::GetEphemeralsResponse& r) { return strings_text(r.ephemerals); });
    case opcode::kWhoAmI:
      return body(in, deserialize_WhoAmIResponse, deallocate_WhoAmIResponse, [](const ::WhoAmIResponse& r) {
        std::string out = "[";
        for (int32_t i = 0; i < r.clientInfo.count; ++i) {
          const ::ClientInfo& info = r.clientInfo.data[i];
          out += fmt::format("{}{}:{}", i ? " " : "", info.authScheme ? info.authScheme : "", info.user ? info.user : "");
        }
        return out + "]";
      });
    case opcode::kMulti: case opcode::kMultiRead: {
      // Each op's type and error in order (the bodies follow the same rules as alone).
      std::string out = " [";
      for (int guard = 0; guard < 100000; ++guard) {
        jute::Decoded<::MultiHeader> header([](::MultiHeader*) {});
        if (!jute::read(in, deserialize_MultiHeader, header)) return out + " unreadable]";
        if (header.value.done) break;
        out += fmt::format("{}{}:{}", out.size() > 2 ? " " : "", opcode_name(header.value.type), header.value.err);
        const int32_t type = header.value.type;
        if (type == -1) {
          jute::Decoded<::ErrorResponse> error([](::ErrorResponse*) {});
          if (!jute::read(in, deserialize_ErrorResponse, error)) return out + " unreadable]";
          continue;
        }
        if (type == opcode::kDelete || type == opcode::kCheck) continue;
        out += op_body(in, type);
      }
      return out + "]";
    }
    default: return {};
  }
}


}  // namespace

int32_t reply_xid(std::string_view frame) { return frame.size() < 4 ? 0 : datadir::read_be32(frame); }

std::string summarize_connect_response(std::string_view frame) {
  jute::InputArchive in(frame);
  jute::Decoded<::ConnectResponse> response(deallocate_ConnectResponse);
  if (!jute::read(in, deserialize_ConnectResponse, response)) return "connect response unreadable";
  std::string out = fmt::format("connect protocolVersion={} timeout={} session={}", response.value.protocolVersion,
                                response.value.timeOut, response.value.sessionId != 0 ? "yes" : "none");
  if (in.remaining() >= 1) out += fmt::format(" readOnly={}", static_cast<int>(frame[in.offset()]));
  return out;
}

std::string summarize_reply(std::string_view frame, int32_t opcode) {
  jute::InputArchive in(frame);
  jute::Decoded<::ReplyHeader> header([](::ReplyHeader*) {});
  if (!jute::read(in, deserialize_ReplyHeader, header)) return "reply header unreadable";
  const ::ReplyHeader& h = header.value;
  if (h.xid == -1) {
    jute::Decoded<::WatcherEvent> event(deallocate_WatcherEvent);
    if (!jute::read(in, deserialize_WatcherEvent, event)) return "watch event unreadable";
    return fmt::format("event type={} state={} path={}", event.value.type, event.value.state,
                       event.value.path ? event.value.path : "");
  }
  std::string out = fmt::format("xid={} {} err={}", h.xid, opcode != 0 ? opcode_name(opcode) : "?", h.err);
  if (h.err == 0 && opcode != 0) out += op_body(in, opcode);
  return out;
}

}  // namespace zk::sim::gateway
