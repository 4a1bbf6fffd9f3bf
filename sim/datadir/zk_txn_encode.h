// Encoding zksim's Txn as the txn bytes ZooKeeper 3.8 logs (the inverse of zk_txn_decode.h):
// the TxnHeader, the record the header's type selects (a multi's ops each as a jute Txn of
// type + record bytes), and a TxnDigest when one is given. Creates carry their ACL list;
// setACL is a SetACLTxn.
#pragma once

#include <optional>
#include <string>

#include "core/txn.h"
#include "sim/datadir/zk_txn_decode.h"

namespace zk::sim::datadir {

std::string encode_zk_txn(const Txn& txn, const std::optional<ZkTxnDigest>& digest);

}  // namespace zk::sim::datadir
