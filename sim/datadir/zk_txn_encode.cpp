// zksim Txn -> ZooKeeper txn bytes, with the generated jute serializers.
#include "sim/datadir/zk_txn_encode.h"

#include <vector>

#include "core/ephemeral_type.h"
#include "core/invariant.h"
#include "sim/jute/jute_acl.h"
#include "sim/jute/jute_archive.h"

namespace zk::sim::datadir {
namespace {

// The record of one create/delete/setData/check/error op, by its type.
template <class Body>
std::string encode_body(OpCode type, const Body& body) {
  jute::OutputArchive out;
  bool ok = true;
  std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, CreateTxn>) {
          std::string path = b.path;
          const buffer data = jute::borrow(b.data);
          const jute::BorrowedAcls borrowed(b.acl);
          const ACL_vector acl = borrowed.vector();
          if (type == OpCode::kCreateTtl) {
            const int64_t ttl = static_cast<int64_t>(static_cast<uint64_t>(b.ephemeral_owner) & ~kExtendedMask);
            ok = out.write(serialize_CreateTTLTxn, ::CreateTTLTxn{path.data(), data, acl, b.parent_cversion, ttl});
          } else if (type == OpCode::kCreateContainer) {
            ok = out.write(serialize_CreateContainerTxn, ::CreateContainerTxn{path.data(), data, acl, b.parent_cversion});
          } else {
            const int32_t ephemeral = ephemeral_type(b.ephemeral_owner) == EphemeralType::kNormal ? 1 : 0;
            ok = out.write(serialize_CreateTxn, ::CreateTxn{path.data(), data, acl, ephemeral, b.parent_cversion});
          }
        } else if constexpr (std::is_same_v<T, DeleteTxn>) {
          std::string path = b.path;
          ok = out.write(serialize_DeleteTxn, ::DeleteTxn{path.data()});
        } else if constexpr (std::is_same_v<T, SetDataTxn>) {
          std::string path = b.path;
          ok = out.write(serialize_SetDataTxn, ::SetDataTxn{path.data(), jute::borrow(b.data), b.version});
        } else if constexpr (std::is_same_v<T, CheckVersionTxn>) {
          std::string path = b.path;
          ok = out.write(serialize_CheckVersionTxn, ::CheckVersionTxn{path.data(), b.version});
        } else if constexpr (std::is_same_v<T, SetAclTxn>) {
          std::string path = b.path;
          const jute::BorrowedAcls borrowed(b.acl);
          ok = out.write(serialize_SetACLTxn, ::SetACLTxn{path.data(), borrowed.vector(), b.version});
        } else if constexpr (std::is_same_v<T, ErrorTxn>) {
          ok = out.write(serialize_ErrorTxn, ::ErrorTxn{static_cast<int32_t>(b.err)});
        } else if constexpr (std::is_same_v<T, CreateSessionTxn>) {
          ok = out.write(serialize_CreateSessionTxn, ::CreateSessionTxn{static_cast<int32_t>(b.timeout_ms)});
        } else if constexpr (std::is_same_v<T, CloseSessionTxn>) {
          std::vector<std::string> copies = b.paths_to_delete;
          std::vector<char*> pointers;
          for (std::string& p : copies) pointers.push_back(p.data());
          ok = out.write(serialize_CloseSessionTxn,
                         ::CloseSessionTxn{String_vector{static_cast<int32_t>(pointers.size()), pointers.data()}});
        } else if constexpr (std::is_same_v<T, MultiTxn>) {
          std::vector<std::string> encoded;
          encoded.reserve(b.txns.size());
          for (const SubTxn& sub : b.txns) encoded.push_back(encode_body(sub.type, sub.body));
          std::vector<::Txn> txns;
          for (size_t i = 0; i < b.txns.size(); ++i) {
            txns.push_back(::Txn{static_cast<int32_t>(b.txns[i].type), jute::borrow(encoded[i])});
          }
          ok = out.write(serialize_MultiTxn, ::MultiTxn{Txn_vector{static_cast<int32_t>(txns.size()), txns.data()}});
        }
      },
      body);
  ZK_INVARIANT(ok);
  return std::string(out.bytes());
}

}  // namespace

std::string encode_zk_txn(const Txn& txn, const std::optional<ZkTxnDigest>& digest) {
  jute::OutputArchive header;
  const TxnHeader& h = txn.header;
  ZK_INVARIANT_RESULT(header.write(serialize_TxnHeader, ::TxnHeader{h.session_id, h.cxid, h.zxid, h.time_ms, static_cast<int32_t>(h.type)}));
  std::string bytes(header.bytes());
  bytes += encode_body(h.type, txn.body);
  if (digest) {
    jute::OutputArchive d;
    ZK_INVARIANT_RESULT(d.write(serialize_TxnDigest, ::TxnDigest{digest->version, digest->tree_digest}));
    bytes += d.bytes();
  }
  return bytes;
}

}  // namespace zk::sim::datadir
