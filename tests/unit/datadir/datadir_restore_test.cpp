// Restoring servers from real ZooKeeper 3.8 data directories (tests/fixtures/datadir): the
// exact tree, epochs and zxids ZooKeeper would start with, and ZooKeeper's refusals on
// damaged copies (in a scratch directory under the system's temp dir).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "core/zk_database.h"
#include "sim/datadir/inspect_report.h"
#include "sim/datadir/restore.h"
#include "sim/datadir/server_dir.h"
#include "sim/datadir/snapshot_reader.h"
#include "sim/datadir/zk_digest.h"

using namespace zk;
using namespace zk::sim::datadir;
namespace fs = std::filesystem;

namespace {

std::string fixture(const std::string& rel) { return std::string(ZKSIM_SOURCE_DIR) + "/tests/fixtures/datadir/" + rel; }

DataDirResult<RestoredServer> restore(const std::string& dir) {
  auto listed = list_server_dir(dir);
  if (auto* e = std::get_if<DataDirError>(&listed)) return *e;
  return restore_server(std::get<ServerDir>(listed));
}

RestoredServer restore_ok(const std::string& dir) {
  auto r = restore(dir);
  if (auto* e = std::get_if<DataDirError>(&r)) FAIL(e->line());
  return std::move(std::get<RestoredServer>(r));
}

std::string restore_error(const std::string& dir) {
  auto r = restore(dir);
  REQUIRE(std::holds_alternative<DataDirError>(r));
  return std::get<DataDirError>(r).line();
}

// A scratch copy of a fixture server directory.
struct Scratch {
  explicit Scratch(const std::string& from) {
    path = (fs::temp_directory_path() / ("zksim-datadir-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++))).string();
    fs::remove_all(path);
    fs::copy(fixture(from), path, fs::copy_options::recursive);
  }
  ~Scratch() { fs::remove_all(path); }
  static int& counter() {
    static int n = 0;
    return n;
  }
  void write(const std::string& rel, const std::string& text) const { std::ofstream(path + "/" + rel, std::ios::binary) << text; }
  std::string path;
};

}  // namespace

TEST_CASE("datadir restore: the ensemble's servers start from the same tree, epochs and zxid") {
  for (const char* server : {"ensemble/server1", "ensemble/server2", "ensemble/server3"}) {
    INFO(server);
    const RestoredServer s = restore_ok(fixture(server));
    CHECK(s.dir.myid == int64_t{server[15] - '0'});
    CHECK(s.state.current_epoch == 1);
    CHECK(s.state.accepted_epoch == 1);
    CHECK(s.state.snapshot_zxid == 0);
    CHECK(s.state.log.size() == 11);
    CHECK(s.last_processed_zxid == 0x10000000b);
    CHECK(s.replayed_tree().last_processed_zxid() == 0x10000000b);
    CHECK(s.replayed_tree().node_count() == 8);
    CHECK(s.replayed_tree().sessions().empty());
    CHECK(zk_tree_digest(s.replayed_tree()) == 0x1e18ee3f4);
    const DataResult config = s.replayed_tree().get_data("/app/config");
    CHECK(config.data == "v2");
    CHECK(config.stat == Stat{0x100000003, 0x100000004, 1796200429871, 1796200429880, 1, 0, 0, 0, 2, 0, 0x100000003});
    const ChildrenResult app = s.replayed_tree().get_children("/app");
    CHECK(app.children == std::vector<std::string>{"config", "item-0000000001", "item-0000000002"});
    CHECK(app.stat.cversion == 5);  // 4 creates + 1 delete (the lock went with its session)
    CHECK(app.stat.pzxid == 0x10000000b);
    CHECK_FALSE(s.replayed_tree().exists("/gone").has_value());
    CHECK_FALSE(s.replayed_tree().exists("/app/lock").has_value());
    CHECK(s.replayed_tree().check_invariants() == std::nullopt);
  }
}

TEST_CASE("datadir restore: the killed leader holds a txn its followers never logged") {
  const RestoredServer leader = restore_ok(fixture("uncommitted/server3"));
  const RestoredServer follower = restore_ok(fixture("uncommitted/server1"));
  CHECK(leader.last_processed_zxid == 0x100000004);
  CHECK(follower.last_processed_zxid == 0x100000003);
  CHECK(leader.state.log.back()->header.type == OpCode::kCreateSession);
  CHECK(leader.replayed_tree().sessions() == std::vector<std::pair<SessionId, int64_t>>{{0x30000a79cc10000, 4000}});
  CHECK(follower.replayed_tree().get_data("/committed").data == "yes");
  CHECK(leader.replayed_tree().get_data("/committed").data == "yes");
}

TEST_CASE("datadir restore: the newest snapshot plus the txns after it") {
  const RestoredServer s = restore_ok(fixture("snaplogs/server1"));
  CHECK(s.state.snapshot_zxid == 0x10000000a);
  REQUIRE(s.state.snapshot != nullptr);
  CHECK(s.state.snapshot->last_processed_zxid() == 0x10000000a);
  CHECK(s.state.log.size() == 3);
  CHECK(s.state.log.front()->header.zxid == 0x10000000b);
  CHECK(s.last_processed_zxid == 0x10000000d);
  CHECK(s.replayed_tree().get_data("/s/d").data == "44");
  CHECK(s.replayed_tree().get_children("/s").children == std::vector<std::string>{"a", "c", "d"});
  CHECK(zk_tree_digest(s.replayed_tree()) == 0x2911e2725);
  // server2 rolled its logs and snapshots at other zxids; it restores to the same tree.
  const RestoredServer other = restore_ok(fixture("snaplogs/server2"));
  CHECK(other.state.snapshot_zxid == 0x100000009);
  CHECK(other.last_processed_zxid == 0x10000000d);
  CHECK(other.replayed_tree() == s.replayed_tree());
}

TEST_CASE("datadir restore: a torn tail is recovered as ZooKeeper does, and reported") {
  const RestoredServer s = restore_ok(fixture("torn/server1"));
  CHECK(s.last_processed_zxid == 0x10000000a);
  REQUIRE(s.notes.size() == 1);
  CHECK(s.notes[0].ends_with("log.100000001: byte 941: Last transaction was partial (the entry claims 61 bytes but 55 "
                             "are left); ZooKeeper stops reading this log here"));
  CHECK(s.replayed_tree().exists("/app/lock").has_value());  // the closeSession was the torn entry
}

TEST_CASE("datadir restore: ZooKeeper's refusals") {
  SUBCASE("logs but no snapshot") {
    Scratch d("ensemble/server1");
    fs::remove(d.path + "/version-2/snapshot.0");
    CHECK(restore_error(d.path) ==
          d.path + "/version-2: No snapshot found, but there are log entries. Something is broken!");
  }
  SUBCASE("a current epoch older than the last zxid's") {
    Scratch d("ensemble/server1");
    d.write("version-2/currentEpoch", "0");
    CHECK(restore_error(d.path) ==
          d.path + "/version-2/currentEpoch: The current epoch, 0, is older than the last zxid, 4294967307");
  }
  SUBCASE("an accepted epoch below the current one") {
    Scratch d("ensemble/server1");
    d.write("version-2/currentEpoch", "2");
    CHECK(restore_error(d.path) == d.path + "/version-2/acceptedEpoch: The accepted epoch, 1 is less than the current epoch, 2");
  }
  SUBCASE("an epoch file that is not a number") {
    Scratch d("ensemble/server1");
    d.write("version-2/acceptedEpoch", "one");
    CHECK(restore_error(d.path) == d.path + "/version-2/acceptedEpoch: byte 0: \"one\" is not a number");
  }
  SUBCASE("a corrupted log entry") {
    Scratch d("ensemble/server1");
    std::fstream f(d.path + "/version-2/log.100000001", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(200);
    f.put('\x7f');
    f.close();
    CHECK(restore_error(d.path).starts_with(d.path + "/version-2/log.100000001: byte 183: CRC check failed (stored checksum"));
  }
  SUBCASE("no version-2 directory") {
    Scratch d("ensemble/server1");
    fs::remove_all(d.path + "/version-2");
    CHECK(restore_error(d.path) == d.path + ": has no version-2 directory (ZooKeeper 3.x keeps its files there)");
  }
  SUBCASE("missing epoch files default to the last zxid's epoch") {
    Scratch d("ensemble/server1");
    fs::remove(d.path + "/version-2/currentEpoch");
    fs::remove(d.path + "/version-2/acceptedEpoch");
    const RestoredServer s = restore_ok(d.path);
    CHECK(s.state.current_epoch == 1);
    CHECK(s.state.accepted_epoch == 1);
    CHECK(s.notes == std::vector<std::string>{"currentEpoch not found, using the last zxid's epoch 1",
                                              "acceptedEpoch not found, using the last zxid's epoch 1"});
  }
  SUBCASE("a snapshot cut short is skipped for the older one") {
    Scratch d("snaplogs/server1");
    fs::resize_file(d.path + "/version-2/snapshot.10000000a", 300);
    const RestoredServer s = restore_ok(d.path);
    CHECK(s.state.snapshot_zxid == 0x100000007);
    CHECK(s.last_processed_zxid == 0x10000000d);
    CHECK(zk_tree_digest(s.replayed_tree()) == 0x2911e2725);
  }
}

TEST_CASE("datadir inspect: the torn fixture's report in ZooKeeper's terms") {
  const InspectReport r = inspect_data_dir(fixture("torn/server1"));
  CHECK(r.ok);
  const auto has = [&](const std::string& line) {
    INFO(line);
    CHECK(std::find(r.lines.begin(), r.lines.end(), line) != r.lines.end());
  };
  has("myid 1");
  has("currentEpoch 1");
  has("acceptedEpoch 1");
  has("snapshot snapshot.0: zxid 0x0 dbid -1 sessions 0 acl lists 1 nodes 4 checksum 0x1c3e6a9b");
  has("log log.100000001: zxid 0x100000001 dbid 0 txns 10");
  has("  0x100000007 2026-12-02T08:33:49.901Z session 0x10000a78a690000 cxid 0x6 create /app/lock data 4 bytes "
      "parentCVersion 4 ephemeralOwner 0x10000a78a690000 digest 0x371e6287b");
  has("  0x100000008 2026-12-02T08:33:49.908Z session 0x10000a78a690000 cxid 0x7 error err -101");
  has("  torn entry at byte 941: the entry claims 61 bytes but 55 are left (Last transaction was partial)");
  has("restore: snapshot.0 + 10 txns -> last zxid 0x10000000a, 9 nodes, 1 sessions");
  has("restore: tree digest 0x311516a0b, the log's digest after 0x10000000a is 0x311516a0b (matches)");
  has("vote: myid 1 zxid 0x10000000a peerEpoch 1");
}

TEST_CASE("datadir restore: the disk keeps one tree, the snapshot's, built straight from the file") {
  const RestoredServer s = restore_ok(fixture("snaplogs/server2"));
  REQUIRE(s.state.snapshot != nullptr);
  CHECK(s.state.snapshot_zxid == 0x100000009);
  CHECK(s.state.snapshot->last_processed_zxid() == 0x100000009);
  // The snapshot's own digest trailer (inspect: "digest at zxid 0x100000009 ... 0x1e943d45b").
  CHECK(zk_tree_digest(*s.state.snapshot) == 0x1e943d45b);
  CHECK(s.state.log.size() == 4);
  // Streamed into the tree while reading == read into records, then built.
  auto bytes = read_binary_file(fixture("snaplogs/server2/version-2/snapshot.100000009"), kDataFileBytesMax);
  REQUIRE(std::holds_alternative<std::string>(bytes));
  auto records = read_snapshot("snap", std::get<std::string>(bytes));
  REQUIRE(std::holds_alternative<SnapshotFile>(records));
  CHECK(std::get<SnapshotFile>(records).node_count == std::get<SnapshotFile>(records).nodes.size());
  auto built = tree_from_snapshot(std::get<SnapshotFile>(records), 0x100000009);
  REQUIRE(std::holds_alternative<DataTree>(built));
  CHECK(std::get<DataTree>(built) == *s.state.snapshot);
  // The replayed tree is the one a server's database loads.
  ZKDatabase database(500);
  database.load(s.state, s.last_processed_zxid);
  CHECK(database.tree() == s.replayed_tree());
  CHECK(database.last_processed_zxid() == 0x10000000d);
}
