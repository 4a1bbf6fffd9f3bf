// Request decoding with ZooKeeper's generated jute records: see request_decoder.h.
#include "sim/gateway/request_decoder.h"

#include <fmt/format.h>

#include <type_traits>
#include <variant>

#include "core/invariant.h"
#include "sim/datadir/big_endian.h"
#include "sim/jute/jute_acl.h"
#include "sim/jute/jute_archive.h"

namespace zk::sim::gateway {

bool is_known_opcode(int32_t type) {
  switch (type) {
    case opcode::kCreate: case opcode::kDelete: case opcode::kExists: case opcode::kGetData: case opcode::kSetData:
    case opcode::kGetAcl: case opcode::kSetAcl: case opcode::kGetChildren: case opcode::kSync: case opcode::kPing:
    case opcode::kGetChildren2: case opcode::kCheck: case opcode::kMulti: case opcode::kCreate2:
    case opcode::kReconfig: case opcode::kCheckWatches: case opcode::kRemoveWatches: case opcode::kCreateContainer:
    case opcode::kDeleteContainer: case opcode::kCreateTtl: case opcode::kMultiRead: case opcode::kAuth:
    case opcode::kSetWatches: case opcode::kSasl: case opcode::kGetEphemerals: case opcode::kGetAllChildrenNumber:
    case opcode::kSetWatches2: case opcode::kAddWatch: case opcode::kWhoAmI: case opcode::kCreateSession:
    case opcode::kCloseSession: case opcode::kError:
      return true;
    default: return false;
  }
}

const char* opcode_name(int32_t type) {
  switch (type) {
    case opcode::kCreate: return "create";
    case opcode::kDelete: return "delete";
    case opcode::kExists: return "exists";
    case opcode::kGetData: return "getData";
    case opcode::kSetData: return "setData";
    case opcode::kGetAcl: return "getACL";
    case opcode::kSetAcl: return "setACL";
    case opcode::kGetChildren: return "getChildren";
    case opcode::kSync: return "sync";
    case opcode::kPing: return "ping";
    case opcode::kGetChildren2: return "getChildren2";
    case opcode::kCheck: return "check";
    case opcode::kMulti: return "multi";
    case opcode::kCreate2: return "create2";
    case opcode::kReconfig: return "reconfig";
    case opcode::kCheckWatches: return "checkWatches";
    case opcode::kRemoveWatches: return "removeWatches";
    case opcode::kCreateContainer: return "createContainer";
    case opcode::kDeleteContainer: return "deleteContainer";
    case opcode::kCreateTtl: return "createTTL";
    case opcode::kMultiRead: return "multiRead";
    case opcode::kAuth: return "auth";
    case opcode::kSetWatches: return "setWatches";
    case opcode::kSasl: return "sasl";
    case opcode::kGetEphemerals: return "getEphemerals";
    case opcode::kGetAllChildrenNumber: return "getAllChildrenNumber";
    case opcode::kSetWatches2: return "setWatches2";
    case opcode::kAddWatch: return "addWatch";
    case opcode::kWhoAmI: return "whoAmI";
    case opcode::kCreateSession: return "createSession";
    case opcode::kCloseSession: return "closeSession";
    default: return "unknown";
  }
}

namespace {

std::string where(const jute::InputArchive& archive, const char* record) {
  return fmt::format("{} at byte {}: {}", record, archive.offset(),
                     archive.error().empty() ? "record ends early" : archive.error());
}

// One record read with its generated deserializer; false (and *error) if it did not parse.
template <class Record>
bool read_record(jute::InputArchive& archive, int (*deserialize)(iarchive*, const char*, Record*),
                 void (*deallocate)(Record*), const char* name, std::string* error, auto&& use) {
  jute::Decoded<Record> record(deallocate);
  if (!jute::read(archive, deserialize, record)) {
    *error = where(archive, name);
    return false;
  }
  use(record.value);
  return true;
}

std::string str(const char* s) { return s ? std::string(s) : std::string(); }

std::vector<std::string> strings(const String_vector& v) {
  std::vector<std::string> out;
  out.reserve(static_cast<size_t>(std::max(0, v.count)));
  for (int32_t i = 0; i < v.count; ++i) out.push_back(str(v.data[i]));
  return out;
}

bool valid_create_mode(int32_t flags) { return flags >= 0 && flags <= 6; }

// A create of any opcode (create, create2, createContainer, createTTL) as core's request.
bool read_create(jute::InputArchive& archive, int32_t type, CreateRequest* out, std::string* error) {
  if (type == opcode::kCreateTtl) {
    return read_record(archive, deserialize_CreateTTLRequest, deallocate_CreateTTLRequest, "CreateTTLRequest", error,
                       [&](const ::CreateTTLRequest& r) {
                         *out = CreateRequest{str(r.path), jute::to_string(r.data), static_cast<CreateMode>(r.flags), r.ttl,
                                              jute::acl_list(r.acl)};
                         if (!valid_create_mode(r.flags)) out->mode = CreateMode::kPersistent, *error = "bad flags";
                       }) && error->empty();
  }
  return read_record(archive, deserialize_CreateRequest, deallocate_CreateRequest, "CreateRequest", error,
                     [&](const ::CreateRequest& r) {
                       const int32_t flags = type == opcode::kCreateContainer ? 4 : r.flags;
                       *out = CreateRequest{str(r.path), jute::to_string(r.data), static_cast<CreateMode>(flags), -1,
                                            jute::acl_list(r.acl)};
                       if (!valid_create_mode(flags)) *error = fmt::format("CreateRequest: invalid flags {}", flags);
                     }) && error->empty();
}

// MultiOperationRecord: (MultiHeader, op record)* up to a header with done set. A multi
// takes create / delete / setData / check ops; a multiRead getData and getChildren too
// (MultiOperationRecord reads them all; which ones may run is decided later).
bool read_multi_ops(jute::InputArchive& archive, bool reads_allowed, std::vector<ReadOp>* ops, std::string* error) {
  for (;;) {
    int32_t type = 0;
    bool done = false;
    if (!read_record(archive, deserialize_MultiHeader, deallocate_MultiHeader, "MultiHeader", error,
                     [&](const ::MultiHeader& h) { type = h.type, done = h.done != 0; })) {
      return false;
    }
    if (done) return true;
    if (ops->size() >= 100'000) {
      *error = "multi with more than 100000 ops";
      return false;
    }
    const bool read_op = type == opcode::kGetData || type == opcode::kGetChildren;
    if (read_op && !reads_allowed) {
      *error = fmt::format("multi op of type {} at byte {}", type, archive.offset());
      return false;
    }
    bool ok = true;
    switch (type) {
      case opcode::kCreate: case opcode::kCreate2: case opcode::kCreateContainer: case opcode::kCreateTtl: {
        CreateRequest create;
        ok = read_create(archive, type, &create, error);
        if (ok) ops->emplace_back(std::move(create));
        break;
      }
      case opcode::kDelete:
        ok = read_record(archive, deserialize_DeleteRequest, deallocate_DeleteRequest, "DeleteRequest", error,
                         [&](const ::DeleteRequest& r) { ops->emplace_back(DeleteRequest{str(r.path), r.version}); });
        break;
      case opcode::kSetData:
        ok = read_record(archive, deserialize_SetDataRequest, deallocate_SetDataRequest, "SetDataRequest", error,
                         [&](const ::SetDataRequest& r) {
                           ops->emplace_back(SetDataRequest{str(r.path), jute::to_string(r.data), r.version});
                         });
        break;
      case opcode::kCheck:
        ok = read_record(archive, deserialize_CheckVersionRequest, deallocate_CheckVersionRequest,
                         "CheckVersionRequest", error,
                         [&](const ::CheckVersionRequest& r) { ops->emplace_back(CheckRequest{str(r.path), r.version}); });
        break;
      case opcode::kGetData:
        ok = read_record(archive, deserialize_GetDataRequest, deallocate_GetDataRequest, "GetDataRequest", error,
                         [&](const ::GetDataRequest& r) { ops->emplace_back(GetDataRequest{str(r.path), r.watch != 0}); });
        break;
      case opcode::kGetChildren:
        ok = read_record(archive, deserialize_GetChildrenRequest, deallocate_GetChildrenRequest, "GetChildrenRequest",
                         error,
                         [&](const ::GetChildrenRequest& r) { ops->emplace_back(GetChildrenRequest{str(r.path), r.watch != 0}); });
        break;
      default:
        *error = fmt::format("multi op of type {} at byte {}", type, archive.offset());
        return false;
    }
    if (!ok) return false;
  }
}

bool read_multi(jute::InputArchive& archive, DecodedRequest* out, std::string* error) {
  std::vector<ReadOp> ops;
  if (!read_multi_ops(archive, false, &ops, error)) return false;
  MultiRequest multi;
  multi.ops.reserve(ops.size());
  for (ReadOp& op : ops) {
    std::visit(
        [&](auto& o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, GetDataRequest> || std::is_same_v<T, GetChildrenRequest>) {
            ZK_INVARIANT(false);  // refused above
          } else {
            multi.ops.emplace_back(std::move(o));
          }
        },
        op);
  }
  out->message = RequestMessage{out->xid, std::move(multi)};
  return true;
}

bool read_multi_read(jute::InputArchive& archive, DecodedRequest* out, std::string* error) {
  MultiReadRequest multi;
  if (!read_multi_ops(archive, true, &multi.ops, error)) return false;
  out->message = RequestMessage{out->xid, std::move(multi)};
  return true;
}

}  // namespace

bool decode_connect(std::string_view frame, DecodedConnect* out, std::string* error) {
  jute::InputArchive archive(frame);
  std::string why;
  const bool ok = read_record(archive, deserialize_ConnectRequest, deallocate_ConnectRequest, "ConnectRequest", &why,
                              [&](const ::ConnectRequest& r) {
                                out->protocol_version = r.protocolVersion;
                                out->request.session_id = r.sessionId;
                                out->request.timeout_ms = r.timeOut;
                                out->request.last_zxid_seen = r.lastZxidSeen;
                                out->request.password = jute::to_string(r.passwd);
                              });
  if (!ok) {
    *error = why;
    return false;
  }
  if (archive.remaining() >= 1) {
    out->has_read_only = true;
    out->read_only = frame[archive.offset()] != 0;
  }
  return true;
}

DecodedRequest decode_request(std::string_view frame) {
  DecodedRequest out;
  jute::InputArchive archive(frame);
  std::string error;
  if (!read_record(archive, deserialize_RequestHeader, deallocate_RequestHeader, "RequestHeader", &error,
                   [&](const ::RequestHeader& h) { out.xid = h.xid, out.type = h.type; })) {
    out.kind = DecodedRequest::Kind::kMalformed;
    out.error = error;
    return out;
  }
  const int32_t xid = out.xid;
  bool ok = true;
  switch (out.type) {
    case opcode::kPing: out.message = PingRequest{}; break;
    case opcode::kCloseSession: out.message = RequestMessage{xid, CloseSessionRequest{}}; break;
    case opcode::kCreate: case opcode::kCreate2: case opcode::kCreateContainer: case opcode::kCreateTtl: {
      CreateRequest create;
      ok = read_create(archive, out.type, &create, &error);
      if (ok) out.message = RequestMessage{xid, std::move(create)};
      break;
    }
    case opcode::kDelete:
      ok = read_record(archive, deserialize_DeleteRequest, deallocate_DeleteRequest, "DeleteRequest", &error,
                       [&](const ::DeleteRequest& r) { out.message = RequestMessage{xid, DeleteRequest{str(r.path), r.version}}; });
      break;
    case opcode::kSetData:
      ok = read_record(archive, deserialize_SetDataRequest, deallocate_SetDataRequest, "SetDataRequest", &error,
                       [&](const ::SetDataRequest& r) {
                         out.message = RequestMessage{xid, SetDataRequest{str(r.path), jute::to_string(r.data), r.version}};
                       });
      break;
    case opcode::kCheck:
      ok = read_record(archive, deserialize_CheckVersionRequest, deallocate_CheckVersionRequest, "CheckVersionRequest",
                       &error,
                       [&](const ::CheckVersionRequest& r) { out.message = RequestMessage{xid, CheckRequest{str(r.path), r.version}}; });
      break;
    case opcode::kExists:
      ok = read_record(archive, deserialize_ExistsRequest, deallocate_ExistsRequest, "ExistsRequest", &error,
                       [&](const ::ExistsRequest& r) { out.message = RequestMessage{xid, ExistsRequest{str(r.path), r.watch != 0}}; });
      break;
    case opcode::kGetData:
      ok = read_record(archive, deserialize_GetDataRequest, deallocate_GetDataRequest, "GetDataRequest", &error,
                       [&](const ::GetDataRequest& r) { out.message = RequestMessage{xid, GetDataRequest{str(r.path), r.watch != 0}}; });
      break;
    case opcode::kGetChildren:
      ok = read_record(archive, deserialize_GetChildrenRequest, deallocate_GetChildrenRequest, "GetChildrenRequest",
                       &error, [&](const ::GetChildrenRequest& r) {
                         out.message = RequestMessage{xid, GetChildrenRequest{str(r.path), r.watch != 0}};
                       });
      break;
    case opcode::kGetChildren2:
      ok = read_record(archive, deserialize_GetChildren2Request, deallocate_GetChildren2Request, "GetChildren2Request",
                       &error, [&](const ::GetChildren2Request& r) {
                         out.message = RequestMessage{xid, GetChildrenRequest{str(r.path), r.watch != 0}};
                       });
      break;
    case opcode::kSync:
      ok = read_record(archive, deserialize_SyncRequest, deallocate_SyncRequest, "SyncRequest", &error,
                       [&](const ::SyncRequest& r) {
                         out.path = str(r.path);
                         out.message = RequestMessage{xid, SyncRequest{out.path}};
                       });
      break;
    case opcode::kAddWatch:
      ok = read_record(archive, deserialize_AddWatchRequest, deallocate_AddWatchRequest, "AddWatchRequest", &error,
                       [&](const ::AddWatchRequest& r) {
                         out.message = RequestMessage{xid, AddWatchRequest{str(r.path), static_cast<AddWatchMode>(r.mode)}};
                         if (r.mode != 0 && r.mode != 1) error = fmt::format("AddWatchRequest: invalid mode {}", r.mode);
                       }) && error.empty();
      break;
    case opcode::kSetWatches:
      ok = read_record(archive, deserialize_SetWatches, deallocate_SetWatches, "SetWatches", &error,
                       [&](const ::SetWatches& r) {
                         out.message = RequestMessage{xid, SetWatchesRequest{r.relativeZxid, strings(r.dataWatches),
                                                                             strings(r.existWatches),
                                                                             strings(r.childWatches), {}, {}}};
                       });
      break;
    case opcode::kSetWatches2:
      ok = read_record(archive, deserialize_SetWatches2, deallocate_SetWatches2, "SetWatches2", &error,
                       [&](const ::SetWatches2& r) {
                         out.message = RequestMessage{
                             xid, SetWatchesRequest{r.relativeZxid, strings(r.dataWatches), strings(r.existWatches),
                                                    strings(r.childWatches), strings(r.persistentWatches),
                                                    strings(r.persistentRecursiveWatches)}};
                       });
      break;
    case opcode::kMulti: ok = read_multi(archive, &out, &error); break;
    case opcode::kMultiRead: ok = read_multi_read(archive, &out, &error); break;
    case opcode::kGetAllChildrenNumber:
      ok = read_record(archive, deserialize_GetAllChildrenNumberRequest, deallocate_GetAllChildrenNumberRequest,
                       "GetAllChildrenNumberRequest", &error, [&](const ::GetAllChildrenNumberRequest& r) {
                         out.message = RequestMessage{xid, GetAllChildrenNumberRequest{str(r.path)}};
                       });
      break;
    case opcode::kGetEphemerals:
      ok = read_record(archive, deserialize_GetEphemeralsRequest, deallocate_GetEphemeralsRequest,
                       "GetEphemeralsRequest", &error, [&](const ::GetEphemeralsRequest& r) {
                         out.message = RequestMessage{xid, GetEphemeralsRequest{str(r.prefixPath)}};
                       });
      break;
    case opcode::kCheckWatches:
      ok = read_record(archive, deserialize_CheckWatchesRequest, deallocate_CheckWatchesRequest, "CheckWatchesRequest",
                       &error, [&](const ::CheckWatchesRequest& r) {
                         out.message = RequestMessage{xid, CheckWatchesRequest{str(r.path), r.type}};
                       });
      break;
    case opcode::kRemoveWatches:
      ok = read_record(archive, deserialize_RemoveWatchesRequest, deallocate_RemoveWatchesRequest,
                       "RemoveWatchesRequest", &error, [&](const ::RemoveWatchesRequest& r) {
                         out.message = RequestMessage{xid, RemoveWatchesRequest{str(r.path), r.type}};
                       });
      break;
    case opcode::kGetAcl:
      ok = read_record(archive, deserialize_GetACLRequest, deallocate_GetACLRequest, "GetACLRequest", &error,
                       [&](const ::GetACLRequest& r) { out.message = RequestMessage{xid, GetAclRequest{str(r.path)}}; });
      break;
    case opcode::kSetAcl:
      ok = read_record(archive, deserialize_SetACLRequest, deallocate_SetACLRequest, "SetACLRequest", &error,
                       [&](const ::SetACLRequest& r) {
                         out.message = RequestMessage{xid, SetAclRequest{str(r.path), jute::acl_list(r.acl), r.version}};
                       });
      break;
    case opcode::kWhoAmI: out.message = RequestMessage{xid, WhoAmIRequest{}}; break;
    case opcode::kAuth:
      ok = read_record(archive, deserialize_AuthPacket, deallocate_AuthPacket, "AuthPacket", &error,
                       [&](const ::AuthPacket& r) { out.message = zk::AuthPacket{str(r.scheme), jute::to_string(r.auth)}; });
      break;
    default:
      out.kind = is_known_opcode(out.type) ? DecodedRequest::Kind::kUnsupported : DecodedRequest::Kind::kUnknown;
      return out;
  }
  if (!ok) {
    out.kind = DecodedRequest::Kind::kMalformed;
    out.error = error;
  }
  return out;
}

static bool has_leading_path(int32_t type) {
  switch (type) {
    case opcode::kCreate: case opcode::kDelete: case opcode::kExists: case opcode::kGetData:
    case opcode::kSetData: case opcode::kGetAcl: case opcode::kSetAcl: case opcode::kGetChildren:
    case opcode::kSync: case opcode::kGetChildren2: case opcode::kCheck: case opcode::kCreate2:
    case opcode::kCheckWatches: case opcode::kRemoveWatches: case opcode::kCreateContainer:
    case opcode::kCreateTtl: case opcode::kGetEphemerals: case opcode::kGetAllChildrenNumber:
    case opcode::kAddWatch:
      return true;
    default: return false;
  }
}

std::string describe_request_frame(std::string_view frame) {
  if (frame.size() < 8) return "short frame";
  const int32_t type = datadir::read_be32(frame.substr(4));
  std::string out = opcode_name(type);
  if (!has_leading_path(type) || frame.size() < 12) return out;
  const int32_t length = datadir::read_be32(frame.substr(8));
  if (length < 0 || static_cast<size_t>(length) > frame.size() - 12) return out;
  out += ' ';
  for (const char c : frame.substr(12, static_cast<size_t>(std::min(length, 200)))) {
    out += (c >= 0x21 && c <= 0x7e && c != '#') ? c : '?';
  }
  return out;
}

}  // namespace zk::sim::gateway
