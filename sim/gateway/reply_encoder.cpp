// Reply encoding with ZooKeeper's generated jute records: see reply_encoder.h.
#include "sim/gateway/reply_encoder.h"

#include "core/invariant.h"
#include "sim/gateway/request_decoder.h"
#include "sim/jute/jute_acl.h"
#include "sim/jute/jute_archive.h"

namespace zk::sim::gateway {

namespace {

constexpr int32_t kStateSyncConnected = 3;  // Watcher.Event.KeeperState.SyncConnected

::Stat to_jute(const Stat& s) {
  return ::Stat{s.czxid, s.mzxid, s.ctime_ms, s.mtime_ms, s.version, s.cversion, s.aversion, s.ephemeral_owner,
                s.data_length, s.num_children, s.pzxid};
}

// Prefixes the archive's bytes with their length.
std::string framed(const jute::OutputArchive& archive) {
  const std::string_view body = archive.bytes();
  std::string out(4, '\0');
  const auto n = static_cast<uint32_t>(body.size());
  out[0] = static_cast<char>(n >> 24), out[1] = static_cast<char>(n >> 16);
  out[2] = static_cast<char>(n >> 8), out[3] = static_cast<char>(n);
  out.append(body);
  return out;
}

void write_header(jute::OutputArchive& archive, int32_t xid, int64_t zxid, int32_t err) {
  ZK_INVARIANT_RESULT(archive.write(serialize_ReplyHeader, ::ReplyHeader{xid, zxid, err}));
}

// A String_vector borrowing the strings' bytes (serialize only).
struct BorrowedStrings {
  std::vector<char*> pointers;
  ::String_vector vector{};
  explicit BorrowedStrings(const std::vector<std::string>& strings) {
    for (const std::string& s : strings) pointers.push_back(const_cast<char*>(s.c_str()));
    vector.count = static_cast<int32_t>(pointers.size());
    vector.data = pointers.data();
  }
};

char* c_str(const std::string& s) { return const_cast<char*>(s.c_str()); }

bool is_create(int32_t type) {
  return type == opcode::kCreate || type == opcode::kCreate2 || type == opcode::kCreateContainer ||
         type == opcode::kCreateTtl;
}

// MultiResponse.serialize: per result a MultiHeader {type, done=false, err} and its record,
// then MultiHeader {-1, true, -1}.
void write_multi(jute::OutputArchive& archive, const ReplyMessage& reply) {
  const auto& results = reply.body.multi_results;
  for (size_t i = 0; i < results.size(); ++i) {
    const OpResult& r = results[i];
    // Real ZooKeeper 3.8 answers every create of a multi, create2 included, as a create
    // (path only): its multi txn records creates as create (tests/live/wire_basic.expected).
    int32_t type = static_cast<int32_t>(r.type);
    if (is_create(type)) type = opcode::kCreate;
    const int32_t err = type == opcode::kError ? static_cast<int32_t>(r.err) : 0;
    ZK_INVARIANT_RESULT(archive.write(serialize_MultiHeader, ::MultiHeader{type, 0, err}));
    switch (type) {
      case opcode::kCreate:
        ZK_INVARIANT_RESULT(archive.write(serialize_CreateResponse, ::CreateResponse{c_str(r.path)}));
        break;
        case opcode::kSetData:
        ZK_INVARIANT_RESULT(archive.write(serialize_SetDataResponse, ::SetDataResponse{to_jute(r.stat)}));
        break;
      case opcode::kError:
        ZK_INVARIANT_RESULT(archive.write(serialize_ErrorResponse, ::ErrorResponse{err}));
        break;
      default: break;  // delete, check: no record
    }
  }
  ZK_INVARIANT_RESULT(archive.write(serialize_MultiHeader, ::MultiHeader{-1, 1, -1}));
}

}  // namespace

std::string encode_connect_response(int32_t timeout_ms, int64_t session_id, const std::string& password,
                                    bool with_read_only) {
  jute::OutputArchive archive;
  ::ConnectResponse response{0, timeout_ms, session_id, jute::borrow(password)};
  ZK_INVARIANT_RESULT(archive.write(serialize_ConnectResponse, response));
  if (with_read_only) {
    int32_t read_only = 0;
    ZK_INVARIANT_RESULT(archive.get()->serialize_Bool(archive.get(), "readOnly", &read_only) == 0);
  }
  return framed(archive);
}

std::string encode_header_only(int32_t xid, int64_t zxid, int32_t err) {
  jute::OutputArchive archive;
  write_header(archive, xid, zxid, err);
  return framed(archive);
}

std::string encode_ping_reply(int64_t zxid) { return encode_header_only(-2, zxid, 0); }

std::string encode_watch_event(const WatchEventMessage& event) {
  jute::OutputArchive archive;
  write_header(archive, -1, -1, 0);
  ZK_INVARIANT_RESULT(archive.write(serialize_WatcherEvent,
                             ::WatcherEvent{static_cast<int32_t>(event.type), kStateSyncConnected, c_str(event.path)}));
  return framed(archive);
}

// multiRead's MultiResponse: getData as GetDataResponse, getChildren as GetChildrenResponse,
// a failed op as ErrorResponse, each behind its MultiHeader; then the closing header.
void write_multi_read(jute::OutputArchive& archive, const ReplyMessage& reply) {
  for (const ReadOpResult& r : reply.body.read_results) {
    const auto type = static_cast<int32_t>(r.type);
    const int32_t err = r.type == OpCode::kError ? static_cast<int32_t>(r.err) : 0;
    ZK_INVARIANT_RESULT(archive.write(serialize_MultiHeader, ::MultiHeader{type, 0, err}));
    if (r.type == OpCode::kGetData) {
      ZK_INVARIANT_RESULT(archive.write(serialize_GetDataResponse, ::GetDataResponse{jute::borrow(r.data), to_jute(r.stat)}));
    } else if (r.type == OpCode::kGetChildren) {
      BorrowedStrings children(r.children);
      ZK_INVARIANT_RESULT(archive.write(serialize_GetChildrenResponse, ::GetChildrenResponse{children.vector}));
    } else {
      ZK_INVARIANT_RESULT(archive.write(serialize_ErrorResponse, ::ErrorResponse{err}));
    }
  }
  ZK_INVARIANT_RESULT(archive.write(serialize_MultiHeader, ::MultiHeader{-1, 1, -1}));
}

std::string encode_reply(const PendingRequest& request, const ReplyMessage& reply) {
  const auto err = static_cast<int32_t>(reply.err);
  // A failed multi still carries its per-op results (FinalRequestProcessor builds the
  // MultiResponse from the txn's results; its header says OK); any other error is the header
  // alone (a multiRead stopped by a write op included, as a real 3.8.0 sent it).
  if (err != 0 && request.type != opcode::kMulti) return encode_header_only(reply.cxid, reply.zxid, err);
  jute::OutputArchive archive;
  // A multi's header says OK even when an op failed (the results carry the errors).
  write_header(archive, reply.cxid, reply.zxid, request.type == opcode::kMulti ? 0 : err);
  const ReplyBody& body = reply.body;
  const Stat stat = body.stat.value_or(Stat{});
  switch (request.type) {
    case opcode::kCreate:
      ZK_INVARIANT_RESULT(archive.write(serialize_CreateResponse, ::CreateResponse{c_str(body.path)}));
      break;
    case opcode::kCreate2: case opcode::kCreateContainer: case opcode::kCreateTtl:
      ZK_INVARIANT_RESULT(archive.write(serialize_Create2Response, ::Create2Response{c_str(body.path), to_jute(stat)}));
      break;
    case opcode::kSetData:
      ZK_INVARIANT_RESULT(archive.write(serialize_SetDataResponse, ::SetDataResponse{to_jute(stat)}));
      break;
    case opcode::kExists:
      ZK_INVARIANT_RESULT(archive.write(serialize_ExistsResponse, ::ExistsResponse{to_jute(stat)}));
      break;
    case opcode::kGetData: {
      ZK_INVARIANT_RESULT(archive.write(serialize_GetDataResponse, ::GetDataResponse{jute::borrow(body.data), to_jute(stat)}));
      break;
    }
    case opcode::kGetChildren: {
      BorrowedStrings children(body.children);
      ZK_INVARIANT_RESULT(archive.write(serialize_GetChildrenResponse, ::GetChildrenResponse{children.vector}));
      break;
    }
    case opcode::kGetChildren2: {
      BorrowedStrings children(body.children);
      ZK_INVARIANT_RESULT(archive.write(serialize_GetChildren2Response, ::GetChildren2Response{children.vector, to_jute(stat)}));
      break;
    }
    case opcode::kSync:
      ZK_INVARIANT_RESULT(archive.write(serialize_SyncResponse, ::SyncResponse{c_str(request.path)}));
      break;
    case opcode::kCheck:
      ZK_INVARIANT_RESULT(archive.write(serialize_SetDataResponse, ::SetDataResponse{to_jute(stat)}));
      break;
    case opcode::kAddWatch:
      ZK_INVARIANT_RESULT(archive.write(serialize_ErrorResponse, ::ErrorResponse{0}));
      break;
    case opcode::kMulti: write_multi(archive, reply); break;
    case opcode::kMultiRead: write_multi_read(archive, reply); break;
    case opcode::kGetAllChildrenNumber:
      ZK_INVARIANT_RESULT(archive.write(serialize_GetAllChildrenNumberResponse,
                                        ::GetAllChildrenNumberResponse{body.all_children_number.value_or(0)}));
      break;
    case opcode::kGetEphemerals: {
      BorrowedStrings ephemerals(body.ephemerals);
      ZK_INVARIANT_RESULT(archive.write(serialize_GetEphemeralsResponse, ::GetEphemeralsResponse{ephemerals.vector}));
      break;
    }
    case opcode::kGetAcl: {
      const jute::BorrowedAcls acl(body.acl);
      ZK_INVARIANT_RESULT(archive.write(serialize_GetACLResponse, ::GetACLResponse{acl.vector(), to_jute(stat)}));
      break;
    }
    case opcode::kSetAcl:
      ZK_INVARIANT_RESULT(archive.write(serialize_SetACLResponse, ::SetACLResponse{to_jute(stat)}));
      break;
    case opcode::kWhoAmI: {
      const jute::BorrowedClientInfos infos(body.client_infos);
      ZK_INVARIANT_RESULT(archive.write(serialize_WhoAmIResponse, ::WhoAmIResponse{infos.vector()}));
      break;
    }
    default: break;  // delete, closeSession, checkWatches, removeWatches, auth: the header alone
  }
  return framed(archive);
}

}  // namespace zk::sim::gateway
