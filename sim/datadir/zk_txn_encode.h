// Encoding zksim's Txn as the txn bytes ZooKeeper 3.8 logs (the inverse of zk_txn_decode.h):
// the TxnHeader, the record the header's type selects (a multi's ops each as a jute Txn of
// type + record bytes), and a TxnDigest when one is given. Every node is created with
// world:anyone and all permissions (OPEN_ACL_UNSAFE), zksim's only ACL.
#pragma once

#include <optional>
#include <string>

#include "core/txn.h"
#include "sim/datadir/zk_txn_decode.h"

namespace zk::sim::datadir {

std::string encode_zk_txn(const Txn& txn, const std::optional<ZkTxnDigest>& digest);

}  // namespace zk::sim::datadir
