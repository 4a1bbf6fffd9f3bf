// The data-directory readers on files real ZooKeeper 3.8 wrote (tests/fixtures/datadir, made
// by tools/datadir-fixtures/make-fixtures.sh) and on damaged copies of them: exact entries,
// ends, offsets, and ZooKeeper's digests reproduced txn by txn by zksim's DataTree.
#include <doctest/doctest.h>

#include <string>

#include "sim/datadir/adler32.h"
#include "sim/datadir/restore.h"
#include "sim/datadir/server_dir.h"
#include "sim/datadir/snapshot_reader.h"
#include "sim/datadir/txn_log_reader.h"
#include "sim/datadir/zk_digest.h"

using namespace zk;
using namespace zk::sim::datadir;

namespace {

std::string fixture(const std::string& rel) { return std::string(ZKSIM_SOURCE_DIR) + "/tests/fixtures/datadir/" + rel; }

std::string bytes_of(const std::string& path) {
  auto r = read_binary_file(path, kDataFileBytesMax);
  REQUIRE(std::holds_alternative<std::string>(r));
  return std::get<std::string>(r);
}

TxnLogFile log_ok(const std::string& name, const std::string& bytes) {
  auto r = read_txn_log(name, bytes);
  if (auto* e = std::get_if<DataDirError>(&r)) FAIL(e->line());
  return std::get<TxnLogFile>(r);
}

std::string log_error(const std::string& bytes) {
  auto r = read_txn_log("log.1", bytes);
  REQUIRE(std::holds_alternative<DataDirError>(r));
  return std::get<DataDirError>(r).line();
}

}  // namespace

TEST_CASE("datadir: a real 3.8 txn log reads entry by entry, ending in preallocated zeros") {
  const std::string bytes = bytes_of(fixture("ensemble/server1/version-2/log.100000001"));
  CHECK(bytes.size() == 8208);
  const TxnLogFile log = log_ok("log", bytes);
  CHECK(log.version == 2);
  CHECK(log.dbid == 0);
  REQUIRE(log.entries.size() == 11);
  CHECK(log.end == TxnLogEnd::kZeroPadding);
  CHECK(log.end_offset == 1015);
  const TxnLogEntry& first = log.entries[0];
  CHECK(first.offset == 16);
  CHECK(first.checksum == 0xe4920b9cU);
  CHECK(first.decoded.txn.header == TxnHeader{0x10000a78a690000, 0, 0x100000001, 1796200429786, OpCode::kCreateSession});
  CHECK(std::get<CreateSessionTxn>(first.decoded.txn.body).timeout_ms == 4000);
  const Txn& lock = log.entries[6].decoded.txn;
  CHECK(lock.header.zxid == 0x100000007);
  CHECK(std::get<CreateTxn>(lock.body) == CreateTxn{"/app/lock", "held", 0x10000a78a690000, 4});
  CHECK(std::get<ErrorTxn>(log.entries[7].decoded.txn.body).err == ErrorCode::kNoNode);
  CHECK_FALSE(log.entries[7].decoded.digest.has_value());  // ZooKeeper logs no digest with an error txn
  CHECK(std::get<CloseSessionTxn>(log.entries[10].decoded.txn.body).paths_to_delete ==
        std::vector<std::string>{"/app/lock"});
  REQUIRE(log.entries[10].decoded.digest.has_value());
  CHECK(log.entries[10].decoded.digest->version == 2);
  CHECK(log.entries[10].decoded.digest->tree_digest == 0x1e18ee3f4);
}

TEST_CASE("datadir: zksim's tree replays a real log with ZooKeeper's digest after every txn") {
  const TxnLogFile log = log_ok("log", bytes_of(fixture("ensemble/server1/version-2/log.100000001")));
  DataTree tree;
  CHECK(zk_tree_digest(tree) == 0x51c6d660);  // the empty tree ("" and /zookeeper)
  int checked = 0;
  DataTree incremental;
  int64_t incremental_digest = zk_tree_digest(incremental);
  for (const TxnLogEntry& e : log.entries) {
    tree.apply(e.decoded.txn);
    incremental_digest = apply_with_zk_digest(incremental, e.decoded.txn, incremental_digest);
    CHECK(incremental_digest == zk_tree_digest(tree));
    if (!e.decoded.digest) continue;
    INFO("after zxid " << e.decoded.txn.header.zxid);
    CHECK(zk_tree_digest(tree) == e.decoded.digest->tree_digest);
    ++checked;
  }
  CHECK(checked == 10);
}

TEST_CASE("datadir: a torn last entry ends the log where FileTxnLog stops") {
  const TxnLogFile log = log_ok("log", bytes_of(fixture("torn/server1/version-2/log.100000001")));
  CHECK(log.entries.size() == 10);
  CHECK(log.end == TxnLogEnd::kTornEntry);
  CHECK(log.end_offset == 941);
  CHECK(log.end_detail == "the entry claims 61 bytes but 55 are left");
  // Without its 'B' marker an entry is partial too.
  std::string bytes = bytes_of(fixture("ensemble/server1/version-2/log.100000001"));
  bytes[1014] = 'X';
  const TxnLogFile unmarked = log_ok("log", bytes);
  CHECK(unmarked.entries.size() == 10);
  CHECK(unmarked.end == TxnLogEnd::kTornEntry);
  CHECK(unmarked.end_detail == "the entry has no end-of-record marker 'B'");
}

TEST_CASE("datadir: a flipped byte in a log entry is a checksum mismatch at that entry") {
  std::string bytes = bytes_of(fixture("ensemble/server1/version-2/log.100000001"));
  bytes[16 + 12 + 20] ^= 0x01;  // inside the first entry's TxnHeader
  const TxnLogFile log = log_ok("log", bytes);
  CHECK(log.entries.empty());
  CHECK(log.end == TxnLogEnd::kBadChecksum);
  CHECK(log.end_offset == 16);
}

TEST_CASE("datadir: bad txn log headers are refused with the file and byte") {
  const std::string good = bytes_of(fixture("ensemble/server1/version-2/log.100000001"));
  CHECK(log_error("") == "log.1: byte 0: the file header is cut short (0 bytes; a txn log starts with 16)");
  CHECK(log_error(good.substr(0, 10)) == "log.1: byte 0: the file header is cut short (10 bytes; a txn log starts with 16)");
  std::string magic = good;
  magic[0] = 'X';
  CHECK(log_error(magic) == "log.1: byte 0: not a txn log: magic 0x584b4c47, expected 0x5a4b4c47 (\"ZKLG\")");
  std::string version = good;
  version[7] = 3;
  CHECK(log_error(version) == "log.1: byte 4: txn log format version 3, zksim reads version 2");
  // A header alone is an empty log.
  const TxnLogFile empty = log_ok("log", good.substr(0, 16));
  CHECK(empty.entries.empty());
  CHECK(empty.end == TxnLogEnd::kEndOfFile);
}

TEST_CASE("datadir: a real 3.8 snapshot reads with its sessions, ACLs, nodes and digest") {
  const std::string bytes = bytes_of(fixture("snaplogs/server1/version-2/snapshot.10000000a"));
  CHECK(looks_like_complete_snapshot(bytes));
  auto r = read_snapshot("snap", bytes);
  REQUIRE(std::holds_alternative<SnapshotFile>(r));
  const SnapshotFile& s = std::get<SnapshotFile>(r);
  CHECK(s.dbid == -1);
  CHECK(s.sessions == std::vector<std::pair<SessionId, int32_t>>{{0x10000a7af360000, 4000}});
  REQUIRE(s.acls.size() == 2);
  CHECK(s.nodes.size() == 8);
  CHECK(s.nodes[0].path.empty());
  REQUIRE(s.digest.has_value());
  CHECK(s.digest->zxid == 0x10000000a);
  CHECK(s.digest->version == 2);
  CHECK(s.digest->digest == 0x3329af744);
  uint64_t sum = 0;
  for (const SnapshotNode& n : s.nodes) sum += static_cast<uint64_t>(zk_node_digest(n.path, n.data, n.stat));
  CHECK(static_cast<int64_t>(sum) == s.digest->digest);
}

TEST_CASE("datadir: damaged snapshots name the file and byte") {
  const std::string good = bytes_of(fixture("snaplogs/server1/version-2/snapshot.10000000a"));
  const auto error_of = [](const std::string& bytes) {
    auto r = read_snapshot("snap", bytes);
    REQUIRE(std::holds_alternative<DataDirError>(r));
    return std::get<DataDirError>(r).line();
  };
  CHECK(error_of("") == "snap: byte 0: the file header is cut short: the record ends early at byte 0 of 0");
  std::string magic = good;
  magic[3] = 'X';
  CHECK(error_of(magic) == "snap: byte 0: not a snapshot: magic 0x5a4b5358, expected 0x5a4b534e (\"ZKSN\")");
  CHECK(error_of(good.substr(0, 200)).starts_with("snap: byte "));
  CHECK_FALSE(looks_like_complete_snapshot(good.substr(0, 200)));
  std::string flipped = good;
  flipped[100] ^= 0x20;
  CHECK(error_of(flipped).find("checksum mismatch") != std::string::npos);
  std::string huge = good;
  huge[16] = 0x7f;  // the session count
  CHECK(error_of(huge) == "snap: byte 16: session count 2130706433 does not fit the " +
                              std::to_string(good.size() - 20) + " bytes left");
}

TEST_CASE("datadir: file names give zxids as Util.getZxidFromName does") {
  CHECK(zxid_from_name("log.100000001", "log") == 0x100000001);
  CHECK(zxid_from_name("snapshot.0", "snapshot") == 0);
  CHECK(zxid_from_name("snapshot.1a.gz", "snapshot") == 0x1a);
  CHECK(zxid_from_name("snapshot.", "snapshot") == -1);
  CHECK(zxid_from_name("log.xyz", "log") == -1);
  CHECK(zxid_from_name("logx.1", "log") == -1);
}

TEST_CASE("datadir Adler-32: zlib's values, whole or fed in pieces") {
  CHECK(adler32("") == 1U);
  CHECK(adler32("Wikipedia") == 0x11E60398U);
  CHECK(adler32(std::string(100000, 'x')) == 0x7E2A25BAU);  // zlib.adler32(b'x' * 100000)
  std::string every_byte;
  for (int i = 0; i < 256 * 300; ++i) every_byte.push_back(static_cast<char>(i % 256));
  CHECK(adler32(every_byte) == 0x09F872BCU);  // zlib.adler32(bytes(range(256)) * 300)
  Adler32 pieces;
  for (size_t at = 0; at < every_byte.size(); at += 4999) pieces.update(std::string_view(every_byte).substr(at, 4999));
  CHECK(pieces.value() == 0x09F872BCU);
}
