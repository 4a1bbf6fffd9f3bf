// Decoding one txn entry of a ZooKeeper txn log (what FileTxnLog checksums: a TxnHeader, the
// txn record its type selects, and, since 3.6, an optional TxnDigest) into zksim's Txn, with
// ZooKeeper's generated jute records (SerializeUtils.deserializeTxn's choices: create and
// create2 read a CreateTxn, reconfig a SetDataTxn, a closeSession without a body has no
// paths, a digest is read only when 12 bytes are left). Creates keep their ACL list and a
// setACL txn becomes a SetAclTxn (a setACL inside a multi is refused: ZooKeeper never
// writes one).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/txn.h"

namespace zk::sim::datadir {

struct ZkTxnDigest {
  int32_t version = 0;
  int64_t tree_digest = 0;
  bool operator==(const ZkTxnDigest&) const = default;
};

struct DecodedTxn {
  Txn txn;                            // header always; body unless `unsupported`
  std::string unsupported;            // non-empty: why zksim cannot replay this txn
  std::string path;                   // the path the txn names ("" for sessions, multi: first op's)
  std::optional<ZkTxnDigest> digest;  // the tree digest after the txn, as the leader computed it
};

// On failure returns nullopt and sets *error to the reason and *error_offset to the byte
// offset inside `bytes`.
std::optional<DecodedTxn> decode_zk_txn(std::string_view bytes, std::string* error, size_t* error_offset);

}  // namespace zk::sim::datadir
