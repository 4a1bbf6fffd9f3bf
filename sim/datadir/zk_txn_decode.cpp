// ZooKeeper txn entry -> zksim Txn. Each record is read with its generated jute deserializer
// through the bounds-checked InputArchive; the ephemeral flag of a create becomes the owner
// zksim stores (the header's session), TTL and container creates their marker values.
#include "sim/datadir/zk_txn_decode.h"

#include <fmt/format.h>

#include <algorithm>
#include <type_traits>

#include "core/ephemeral_type.h"
#include "sim/jute/jute_acl.h"
#include "sim/jute/jute_archive.h"

namespace zk::sim::datadir {
namespace {

struct Failure {
  std::string what;
  size_t offset = 0;
};

class Decoder {
 public:
  explicit Decoder(std::string_view bytes) : archive_(bytes) {}

  bool fail(std::string what) {
    if (!failure_) failure_ = Failure{std::move(what), archive_.offset()};
    return false;
  }
  template <class Record>
  bool read(int (*deserialize)(iarchive*, const char*, Record*), jute::Decoded<Record>& out, const char* name) {
    const size_t at = archive_.offset();
    if (jute::read(archive_, deserialize, out)) return true;
    failure_ = Failure{fmt::format("cannot read the {}: {}", name,
                                   archive_.error().empty() ? "the bytes end early" : archive_.error()),
                       at};
    return false;
  }
  jute::InputArchive& archive() { return archive_; }
  std::optional<Failure> failure_;

 private:
  jute::InputArchive archive_;
};

std::string str(const char* s) { return s == nullptr ? std::string() : std::string(s); }

// A create's body from the three create records.
CreateTxn create_from(const char* path, const buffer& data, const ::ACL_vector& acl, int64_t owner,
                      int32_t parent_cversion) {
  return CreateTxn{str(path), jute::to_string(data), owner, parent_cversion, jute::acl_list(acl)};
}

// Decodes one record of type `type` (a top-level txn or a multi's sub-txn) into `body`.
// `session` is the header's, the owner of an ephemeral create.
template <class Body>
bool decode_body(Decoder& d, int32_t type, SessionId session, Body* body, std::string* path, std::string* unsupported) {
  switch (static_cast<OpCode>(type)) {
    case OpCode::kCreate:
    case OpCode::kCreate2: {
      jute::Decoded<::CreateTxn> r(deallocate_CreateTxn);
      if (!d.read(deserialize_CreateTxn, r, "CreateTxn")) return false;
      *path = str(r.value.path);
      *body = create_from(r.value.path, r.value.data, r.value.acl, r.value.ephemeral != 0 ? session : 0, r.value.parentCVersion);
      return true;
    }
    case OpCode::kCreateTtl: {
      jute::Decoded<::CreateTTLTxn> r(deallocate_CreateTTLTxn);
      if (!d.read(deserialize_CreateTTLTxn, r, "CreateTTLTxn")) return false;
      *path = str(r.value.path);
      if (r.value.ttl <= 0 || r.value.ttl > kMaxTtlMs) return d.fail(fmt::format("TTL {} is out of range", r.value.ttl));
      *body = create_from(r.value.path, r.value.data, r.value.acl, ttl_ephemeral_owner(r.value.ttl), r.value.parentCVersion);
      return true;
    }
    case OpCode::kCreateContainer: {
      jute::Decoded<::CreateContainerTxn> r(deallocate_CreateContainerTxn);
      if (!d.read(deserialize_CreateContainerTxn, r, "CreateContainerTxn")) return false;
      *path = str(r.value.path);
      *body = create_from(r.value.path, r.value.data, r.value.acl, kContainerEphemeralOwner, r.value.parentCVersion);
      return true;
    }
    case OpCode::kDelete:
    case OpCode::kDeleteContainer: {
      jute::Decoded<::DeleteTxn> r(deallocate_DeleteTxn);
      if (!d.read(deserialize_DeleteTxn, r, "DeleteTxn")) return false;
      *path = str(r.value.path);
      *body = DeleteTxn{*path};
      return true;
    }
    case OpCode::kSetData:
    case OpCode::kReconfig: {
      jute::Decoded<::SetDataTxn> r(deallocate_SetDataTxn);
      if (!d.read(deserialize_SetDataTxn, r, "SetDataTxn")) return false;
      *path = str(r.value.path);
      *body = SetDataTxn{*path, jute::to_string(r.value.data), r.value.version};
      if (static_cast<OpCode>(type) == OpCode::kReconfig) *unsupported = "reconfig is not modelled by zksim";
      return true;
    }
    case OpCode::kCheck: {
      jute::Decoded<::CheckVersionTxn> r(deallocate_CheckVersionTxn);
      if (!d.read(deserialize_CheckVersionTxn, r, "CheckVersionTxn")) return false;
      *path = str(r.value.path);
      *body = CheckVersionTxn{*path, r.value.version};
      return true;
    }
    case OpCode::kSetAcl: {
      jute::Decoded<::SetACLTxn> r(deallocate_SetACLTxn);
      if (!d.read(deserialize_SetACLTxn, r, "SetACLTxn")) return false;
      *path = str(r.value.path);
      if constexpr (std::is_constructible_v<Body, SetAclTxn>) {
        *body = SetAclTxn{*path, jute::acl_list(r.value.acl), r.value.version};
        return true;
      } else {
        (void)body;
        return d.fail("setACL inside a multi");
      }
    }
    case OpCode::kError: {
      jute::Decoded<::ErrorTxn> r(deallocate_ErrorTxn);
      if (!d.read(deserialize_ErrorTxn, r, "ErrorTxn")) return false;
      *body = ErrorTxn{static_cast<ErrorCode>(r.value.err)};
      return true;
    }
    default:
      return d.fail(fmt::format("unsupported txn type {}", type));
  }
}

bool decode_multi(Decoder& d, const TxnHeader& header, MultiTxn* multi, std::string* path, std::string* unsupported) {
  jute::Decoded<::MultiTxn> r(deallocate_MultiTxn);
  if (!d.read(deserialize_MultiTxn, r, "MultiTxn")) return false;
  for (int32_t i = 0; i < r.value.txns.count; ++i) {
    const ::Txn& sub = r.value.txns.data[i];
    const std::string bytes = jute::to_string(sub.data);
    Decoder inner(bytes);
    SubTxn out;
    out.type = static_cast<OpCode>(sub.type);
    std::string sub_path;
    if (out.type == OpCode::kCreateSession || out.type == OpCode::kCloseSession || out.type == OpCode::kMulti ||
        !decode_body(inner, sub.type, header.session_id, &out.body, &sub_path, unsupported)) {
      return d.fail(fmt::format("multi op {} (type {}): {}", i, sub.type,
                                inner.failure_ ? inner.failure_->what : "not allowed in a multi"));
    }
    if (path->empty()) *path = sub_path;
    multi->txns.push_back(std::move(out));
  }
  return true;
}

}  // namespace

std::optional<DecodedTxn> decode_zk_txn(std::string_view bytes, std::string* error, size_t* error_offset) {
  Decoder d(bytes);
  DecodedTxn out;
  const auto failed = [&]() -> std::optional<DecodedTxn> {
    *error = d.failure_ ? d.failure_->what : "cannot decode the txn";
    *error_offset = d.failure_ ? d.failure_->offset : 0;
    return std::nullopt;
  };
  jute::Decoded<::TxnHeader> h(deallocate_TxnHeader);
  if (!d.read(deserialize_TxnHeader, h, "TxnHeader")) return failed();
  TxnHeader& header = out.txn.header;
  header = TxnHeader{h.value.clientId, h.value.cxid, h.value.zxid, h.value.time, static_cast<OpCode>(h.value.type)};
  switch (header.type) {
    case OpCode::kCreateSession: {
      jute::Decoded<::CreateSessionTxn> r(deallocate_CreateSessionTxn);
      if (!d.read(deserialize_CreateSessionTxn, r, "CreateSessionTxn")) return failed();
      out.txn.body = CreateSessionTxn{r.value.timeOut};
      break;
    }
    case OpCode::kCloseSession: {
      CloseSessionTxn close;
      if (d.archive().remaining() > 0) {  // a closeSession from before 3.6 has no body
        jute::Decoded<::CloseSessionTxn> r(deallocate_CloseSessionTxn);
        if (!d.read(deserialize_CloseSessionTxn, r, "CloseSessionTxn")) return failed();
        for (int32_t i = 0; i < r.value.paths2Delete.count; ++i) close.paths_to_delete.push_back(str(r.value.paths2Delete.data[i]));
      }
      out.txn.body = std::move(close);
      break;
    }
    case OpCode::kMulti: {
      MultiTxn multi;
      if (!decode_multi(d, header, &multi, &out.path, &out.unsupported)) return failed();
      out.txn.body = std::move(multi);
      break;
    }
    default:
      if (!decode_body(d, h.value.type, header.session_id, &out.txn.body, &out.path, &out.unsupported)) return failed();
  }
  if (d.archive().remaining() >= 12) {
    jute::Decoded<::TxnDigest> g(deallocate_TxnDigest);
    if (!d.read(deserialize_TxnDigest, g, "TxnDigest")) return failed();
    out.digest = ZkTxnDigest{g.value.version, g.value.treeDigest};
  }
  return out;
}

}  // namespace zk::sim::datadir
