// Damaged input, exhaustively on small real files (a deterministic stand-in for the libFuzzer
// targets in tests/fuzz, and run under the sanitizers): every truncation and every one-byte
// change of a real txn log and snapshot gives either a result or one error line naming the
// file and a byte offset inside it; nothing crashes, hangs or allocates what a length claims.
#include <doctest/doctest.h>

#include <string>

#include "sim/datadir/restore.h"
#include "sim/datadir/server_dir.h"
#include "sim/datadir/snapshot_reader.h"
#include "sim/datadir/txn_log_reader.h"

using namespace zk;
using namespace zk::sim::datadir;

namespace {

std::string bytes_of(const std::string& rel) {
  auto r = read_binary_file(std::string(ZKSIM_SOURCE_DIR) + "/tests/fixtures/datadir/" + rel, kDataFileBytesMax);
  REQUIRE(std::holds_alternative<std::string>(r));
  return std::get<std::string>(r);
}

// True when the result is well-formed for an input of `size` bytes.
bool log_ok(const std::string& bytes) {
  auto r = read_txn_log("log", bytes);
  if (auto* e = std::get_if<DataDirError>(&r)) return e->file == "log" && e->offset && *e->offset <= bytes.size();
  const TxnLogFile& log = std::get<TxnLogFile>(r);
  return log.end_offset <= bytes.size();
}

bool snapshot_ok(const std::string& bytes) {
  auto r = read_snapshot("snap", bytes);
  if (auto* e = std::get_if<DataDirError>(&r)) return e->file == "snap" && (!e->offset || *e->offset <= bytes.size());
  auto tree = tree_from_snapshot(std::get<SnapshotFile>(r), 1);
  return std::holds_alternative<DataTree>(tree) || !std::get<DataDirError>(tree).what.empty();
}

}  // namespace

TEST_CASE("datadir mutations: every truncation and byte change of a real txn log") {
  const std::string log = bytes_of("ensemble/server1/version-2/log.100000001").substr(0, 1100);
  int bad = 0;
  for (size_t n = 0; n <= log.size(); ++n) bad += log_ok(log.substr(0, n)) ? 0 : 1;
  for (size_t i = 0; i < log.size(); ++i) {
    for (const char v : {'\0', '\x7f', '\xff'}) {
      std::string m = log;
      m[i] = v;
      bad += log_ok(m) ? 0 : 1;
    }
  }
  CHECK(bad == 0);
}

TEST_CASE("datadir mutations: every truncation and byte change of a real snapshot") {
  const std::string snap = bytes_of("snaplogs/server1/version-2/snapshot.10000000a");
  int bad = 0;
  for (size_t n = 0; n <= snap.size(); ++n) bad += snapshot_ok(snap.substr(0, n)) ? 0 : 1;
  for (size_t i = 0; i < snap.size(); ++i) {
    for (const char v : {'\0', '\x7f', '\xff'}) {
      std::string m = snap;
      m[i] = v;
      bad += snapshot_ok(m) ? 0 : 1;
    }
  }
  CHECK(bad == 0);
}
