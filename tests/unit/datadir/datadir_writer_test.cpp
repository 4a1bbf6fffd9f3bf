// The data-directory writers: a real ZooKeeper 3.8 log re-encoded from zksim's txns is the
// same bytes ZooKeeper wrote; a written snapshot reads back to the same tree with a digest
// trailer that matches ZooKeeper's digest of its nodes; a written directory restores to the
// state it was written from.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <unistd.h>

#include "sim/datadir/data_dir_writer.h"
#include "sim/datadir/restore.h"
#include "sim/datadir/server_dir.h"
#include "sim/datadir/snapshot_reader.h"
#include "sim/datadir/txn_log_reader.h"
#include "sim/datadir/zk_digest.h"

using namespace zk;
using namespace zk::sim::datadir;
namespace fs = std::filesystem;

namespace {

std::string fixture(const std::string& rel) { return std::string(ZKSIM_SOURCE_DIR) + "/tests/fixtures/datadir/" + rel; }

std::string bytes_of(const std::string& path) {
  auto r = read_binary_file(path, kDataFileBytesMax);
  REQUIRE(std::holds_alternative<std::string>(r));
  return std::get<std::string>(r);
}

RestoredServer restore_ok(const std::string& dir) {
  auto listed = list_server_dir(dir);
  REQUIRE(std::holds_alternative<ServerDir>(listed));
  auto r = restore_server(std::get<ServerDir>(listed));
  if (auto* e = std::get_if<DataDirError>(&r)) FAIL(e->line());
  return std::move(std::get<RestoredServer>(r));
}

}  // namespace

TEST_CASE("datadir writer: a real log re-encoded from zksim's txns is ZooKeeper's own bytes") {
  for (const char* server : {"ensemble/server1", "ensemble/server3"}) {
    INFO(server);
    const std::string real = bytes_of(fixture(std::string(server) + "/version-2/log.100000001"));
    const RestoredServer s = restore_ok(fixture(server));
    const std::string written = encode_txn_log(DataTree(), s.state.log);
    CHECK(written.size() == 1015);
    CHECK(written == real.substr(0, 1015));  // the rest of the real file is preallocated zeros
  }
}

TEST_CASE("datadir writer: a snapshot reads back to the same tree with ZooKeeper's digest") {
  const RestoredServer s = restore_ok(fixture("snaplogs/server1"));
  const std::string bytes = encode_snapshot(s.replayed_tree(), s.last_processed_zxid);
  CHECK(looks_like_complete_snapshot(bytes));
  auto read = read_snapshot("snap", bytes);
  REQUIRE(std::holds_alternative<SnapshotFile>(read));
  const SnapshotFile& snap = std::get<SnapshotFile>(read);
  CHECK(snap.nodes.size() == s.replayed_tree().node_count());
  REQUIRE(snap.digest.has_value());
  CHECK(snap.digest->zxid == 0x10000000d);
  CHECK(snap.digest->version == 2);
  CHECK(snap.digest->digest == 0x2911e2725);  // the digest ZooKeeper logged with 0x10000000d
  auto tree = tree_from_snapshot(snap, s.last_processed_zxid);
  if (auto* e = std::get_if<DataDirError>(&tree)) FAIL(e->line());
  CHECK(std::get<DataTree>(tree) == s.replayed_tree());
  // At zxid 0 ZooKeeper writes an empty digest trailer.
  auto empty = read_snapshot("snap", encode_snapshot(DataTree(), 0));
  REQUIRE(std::holds_alternative<SnapshotFile>(empty));
  CHECK(std::get<SnapshotFile>(empty).digest->zxid == 0);
  CHECK(std::get<SnapshotFile>(empty).digest->digest == 0);
}

TEST_CASE("datadir writer: a written directory restores to the state it was written from") {
  const RestoredServer s = restore_ok(fixture("snaplogs/server2"));
  const std::string dir = (fs::temp_directory_path() / ("zksim-datadir-writer-" + std::to_string(::getpid()))).string();
  fs::remove_all(dir);
  REQUIRE_FALSE(write_server_dir(dir, 2, s.state).has_value());
  CHECK(bytes_of(dir + "/myid") == "2\n");
  CHECK(bytes_of(dir + "/version-2/currentEpoch") == "1");
  CHECK(fs::exists(dir + "/version-2/snapshot.100000009"));
  CHECK(fs::exists(dir + "/version-2/log.10000000a"));
  const RestoredServer again = restore_ok(dir);
  CHECK(again.state.snapshot_zxid == s.state.snapshot_zxid);
  CHECK(again.state.current_epoch == s.state.current_epoch);
  CHECK(again.state.accepted_epoch == s.state.accepted_epoch);
  REQUIRE(again.state.snapshot != nullptr);
  CHECK(*again.state.snapshot == *s.state.snapshot);
  REQUIRE(again.state.log.size() == s.state.log.size());
  for (size_t i = 0; i < s.state.log.size(); ++i) CHECK(*again.state.log[i] == *s.state.log[i]);
  CHECK(again.replayed_tree() == s.replayed_tree());
  fs::remove_all(dir);
}

TEST_CASE("datadir writer: a real snapshot's ACL cache and node keys are written back as ZooKeeper wrote them") {
  struct Case {
    const char* file;
    Zxid zxid;
    std::vector<int64_t> keys;  // the cache's keys in the file's order
  };
  // snaplogs: world:anyone only; acl: digest, ip and redacted-looking lists (see its README).
  for (const Case& c : {Case{"snaplogs/server1/version-2/snapshot.10000000a", 0x10000000a, {1, 2}},
                        Case{"acl/server3/version-2/snapshot.100000005", 0x100000005, {1, 2, 4, 5}}}) {
    INFO(c.file);
    auto real = read_snapshot("real", bytes_of(fixture(c.file)));
    REQUIRE(std::holds_alternative<SnapshotFile>(real));
    const SnapshotFile& snap = std::get<SnapshotFile>(real);
    std::vector<int64_t> keys;
    for (const auto& [key, list] : snap.acls) keys.push_back(key);
    CHECK(keys == c.keys);
    auto tree = tree_from_snapshot(snap, c.zxid);
    if (auto* e = std::get_if<DataDirError>(&tree)) FAIL(e->line());
    CHECK(std::get<DataTree>(tree).check_invariants() == std::nullopt);
    auto again = read_snapshot("again", encode_snapshot(std::get<DataTree>(tree), c.zxid));
    REQUIRE(std::holds_alternative<SnapshotFile>(again));
    const SnapshotFile& written = std::get<SnapshotFile>(again);
    CHECK(written.acls == snap.acls);
    // Node order differs (ZooKeeper lists children in HashSet order, zksim sorted): by path.
    std::map<std::string, int64_t> real_keys, written_keys;
    for (const SnapshotNode& n : snap.nodes) real_keys[n.path] = n.acl;
    for (const SnapshotNode& n : written.nodes) written_keys[n.path] = n.acl;
    CHECK(written_keys == real_keys);
  }
  // What the acl fixture's nodes hold, as zksim reads them.
  auto acl = read_snapshot("acl", bytes_of(fixture("acl/server3/version-2/snapshot.100000005")));
  REQUIRE(std::holds_alternative<SnapshotFile>(acl));
  auto tree = tree_from_snapshot(std::get<SnapshotFile>(acl), 0x100000005);
  REQUIRE(std::holds_alternative<DataTree>(tree));
  const DataTree& t = std::get<DataTree>(tree);
  CHECK(t.get_acl("/secret").acl == AclList{Acl{31, AuthId{"digest", "alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E="}}});
  CHECK(t.get_acl("/open").acl == AclList{Acl{1, AuthId{"world", "anyone"}}, Acl{31, AuthId{"ip", "127.0.0.1"}}});
  CHECK(t.get_acl("/open").stat.aversion == 1);
  CHECK(t.get_acl("/bob").acl == AclList{Acl{1, AuthId{"digest", "bob:ikIaKsbtGweaHnb/jKn7OHqbunM="}}});
  CHECK(t.get_acl("/zookeeper/config").acl == read_acl_unsafe());
}

TEST_CASE("datadir writer: ACLs and setACL txns survive a log and a snapshot") {
  DataTree tree;
  TxnLog log;
  const AclList alice{Acl{31, AuthId{"digest", "alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E="}}};
  const auto add = [&](TxnBody body, OpCode type, int counter) {
    auto txn = std::make_shared<const Txn>(Txn{TxnHeader{0x100, counter, make_zxid(1, counter), 1000, type}, std::move(body)});
    tree.apply(*txn);
    log.push_back(std::move(txn));
  };
  add(CreateSessionTxn{30000}, OpCode::kCreateSession, 1);
  add(CreateTxn{"/p", "x", 0, 1, alice}, OpCode::kCreate, 2);
  add(SetAclTxn{"/p", read_acl_unsafe(), 1}, OpCode::kSetAcl, 3);
  add(CreateTxn{"/q", "", 0, 2, alice}, OpCode::kCreate, 4);
  CHECK(tree.acl_key("/p") == 1);  // the list /zookeeper/config has (key 1); key 2 went away
  const std::string bytes = encode_txn_log(DataTree(), log);
  auto read = read_txn_log("log", bytes);
  REQUIRE(std::holds_alternative<TxnLogFile>(read));
  const TxnLogFile& file = std::get<TxnLogFile>(read);
  REQUIRE(file.entries.size() == log.size());
  // Each TxnDigest is ZooKeeper's digest of the tree after the txn (setACL changes aversion):
  // a real server loading the log compares them with its own (digest mismatches otherwise).
  DataTree replayed;
  for (size_t i = 0; i < log.size(); ++i) {
    CHECK(file.entries[i].decoded.txn == *log[i]);
    replayed.apply(file.entries[i].decoded.txn);
    REQUIRE(file.entries[i].decoded.digest.has_value());
    CHECK(file.entries[i].decoded.digest->tree_digest == zk_tree_digest(replayed));
  }
  auto snap = read_snapshot("snap", encode_snapshot(tree, make_zxid(1, 4)));
  REQUIRE(std::holds_alternative<SnapshotFile>(snap));
  auto back = tree_from_snapshot(std::get<SnapshotFile>(snap), make_zxid(1, 4));
  if (auto* e = std::get_if<DataDirError>(&back)) FAIL(e->line());
  const DataTree& restored = std::get<DataTree>(back);
  CHECK(restored.get_acl("/p").acl == read_acl_unsafe());
  CHECK(restored.get_acl("/p").stat.aversion == 1);
  CHECK(restored.get_acl("/q").acl == alice);
  CHECK(restored.acl_key("/q") == 3);  // keys are not reused
  CHECK(restored.get_acl("/zookeeper/config").stat.aversion == -1);
  CHECK(restored.check_invariants() == std::nullopt);
}
