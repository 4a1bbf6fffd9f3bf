// Reading data files without holding them: MappedFile's refusals and its page hand-back, the
// snapshot reader's release offsets (every few MB, increasing, never past what it has read),
// and the restore that builds its tree straight from the reader giving the same tree as the
// record-keeping read; a node that cannot go in stops it.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/snapshot.h"
#include "sim/datadir/data_dir_writer.h"
#include "sim/datadir/mapped_file.h"
#include "sim/datadir/restore.h"
#include "sim/datadir/server_dir.h"
#include "sim/datadir/snapshot_reader.h"

using namespace zk;
using namespace zk::sim::datadir;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("zksim-streamed-{}-{}", name, ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// A tree whose snapshot is about 9 MB: 60,000 znodes of 128 bytes under 60 parents.
DataTree big_tree(Zxid* last) {
  DataTree tree;
  Zxid zxid = make_zxid(1, 1);
  const auto create = [&](const std::string& path) {
    Txn txn{TxnHeader{0x100, 0, zxid, zxid, OpCode::kCreate}, CreateTxn{path, std::string(128, 'x'), 0, -1}};
    REQUIRE(tree.apply(txn).err == ErrorCode::kOk);
    ++zxid;
  };
  for (int d = 0; d < 60; ++d) {
    create(fmt::format("/d{}", d));
    for (int n = 0; n < 1000; ++n) create(fmt::format("/d{}/n{:04d}", d, n));
  }
  *last = zxid - 1;
  return tree;
}

class CountNodes final : public SnapshotNodeSink {
 public:
  std::string begin(const SnapshotFile&) override { return ""; }
  std::string node(const SnapshotNodeView&) override {
    ++count;
    return "";
  }
  size_t count = 0;
};

}  // namespace

TEST_CASE("datadir: a mapped data file refuses what read_binary_file refuses, in one line") {
  const fs::path dir = scratch("mapped");
  const auto error_of = [](const std::string& path, size_t max_bytes) {
    auto r = MappedFile::open(path, max_bytes);
    REQUIRE(std::holds_alternative<DataDirError>(r));
    return std::get<DataDirError>(r).line();
  };
  CHECK(error_of((dir / "absent").string(), 100) == (dir / "absent").string() + ": cannot be read: No such file or directory");
  CHECK(error_of(dir.string(), 100) == dir.string() + ": is a directory, not a file");
  write_file(dir / "eleven", "hello world");
  CHECK(error_of((dir / "eleven").string(), 10) ==
        (dir / "eleven").string() + ": is larger than 10 bytes, the limit for a ZooKeeper data file");
  CHECK(error_of("", 10) == ": cannot be read: the path is empty");
  write_file(dir / "empty", "");
  auto empty = MappedFile::open((dir / "empty").string(), 10);
  REQUIRE(std::holds_alternative<MappedFile>(empty));
  CHECK(std::get<MappedFile>(empty).bytes().empty());
  std::get<MappedFile>(empty).release_before(100);  // nothing mapped: nothing to hand back
  fs::remove_all(dir);
}

TEST_CASE("datadir: a mapped file's released pages read back the same bytes") {
  const fs::path dir = scratch("release");
  std::string content(3 * 1024 * 1024 + 123, '\0');
  for (size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>((i * 7919) % 251);
  write_file(dir / "f", content);
  auto opened = MappedFile::open((dir / "f").string(), kDataFileBytesMax);
  REQUIRE(std::holds_alternative<MappedFile>(opened));
  MappedFile file = std::move(std::get<MappedFile>(opened));
  CHECK(file.bytes() == content);
  file.release_before(2 * 1024 * 1024 + 5);
  file.release_before(1000);  // behind what was released: nothing
  file.release_before(content.size() + 4096);
  CHECK(file.bytes() == content);  // released pages fault back in from the file
  MappedFile moved = std::move(file);
  CHECK(file.bytes().empty());  // NOLINT: the moved-from file is empty by design
  CHECK(moved.bytes().size() == content.size());
  moved.close();
  CHECK(moved.bytes().empty());
  fs::remove_all(dir);
}

TEST_CASE("datadir: the snapshot reader hands back what it has read every few MB, below what it read") {
  Zxid last = 0;
  const DataTree tree = big_tree(&last);
  const std::string bytes = encode_snapshot(tree, last);
  REQUIRE(bytes.size() > 8'000'000);
  std::vector<size_t> offsets;
  CountNodes sink;
  auto read = read_snapshot("snap", bytes, sink, [&offsets](size_t offset) { offsets.push_back(offset); });
  REQUIRE(std::holds_alternative<SnapshotFile>(read));
  const SnapshotFile& streamed = std::get<SnapshotFile>(read);
  CHECK(sink.count == tree.node_count());
  REQUIRE(offsets.size() == bytes.size() / (4 << 20));
  for (size_t i = 0; i < offsets.size(); ++i) {
    CHECK(offsets[i] >= (i + 1) * (size_t{4} << 20));
    if (i > 0) CHECK(offsets[i] > offsets[i - 1]);
    CHECK(offsets[i] < bytes.size());
  }
  auto kept = read_snapshot("snap", bytes);
  REQUIRE(std::holds_alternative<SnapshotFile>(kept));
  CHECK(std::get<SnapshotFile>(kept).checksum == streamed.checksum);  // the Adler-32 folded in pieces is the same
  CHECK(std::get<SnapshotFile>(kept).node_count == streamed.node_count);
}

TEST_CASE("datadir: restoring a mapped snapshot builds the tree the record-keeping read builds") {
  Zxid last = 0;
  DataTree tree = big_tree(&last);
  PersistentState state;
  state.snapshot_zxid = last;
  state.snapshot = std::make_shared<const DataTree>(tree);
  state.current_epoch = state.accepted_epoch = 1;
  const fs::path dir = scratch("restore");
  REQUIRE_FALSE(write_server_dir(dir.string(), 1, state).has_value());
  auto listed = list_server_dir(dir.string());
  REQUIRE(std::holds_alternative<ServerDir>(listed));
  auto restored = restore_server(std::get<ServerDir>(listed));
  if (auto* e = std::get_if<DataDirError>(&restored)) FAIL(e->line());
  const RestoredServer& r = std::get<RestoredServer>(restored);
  REQUIRE(r.state.snapshot != nullptr);
  CHECK(*r.state.snapshot == tree);
  CHECK(r.state.snapshot->digest() == tree.digest());
  CHECK(r.last_processed_zxid == last);
  fs::remove_all(dir);
}

TEST_CASE("datadir: a snapshot node the tree cannot take stops the reading") {
  SnapshotFile snap;
  snap.file = "snap";
  snap.acls.push_back({1, {ZkAcl{31, "world", "anyone"}}});
  snap.nodes.push_back(SnapshotNode{"", "", -1, {}});
  snap.nodes.push_back(SnapshotNode{"/a/b", "orphan", 1, {}});
  auto tree = tree_from_snapshot(snap, 1);
  REQUIRE(std::holds_alternative<DataDirError>(tree));
  CHECK(std::get<DataDirError>(tree).line() == "snap: the snapshot's tree is not one zksim can hold: snapshot node without a parent");
  snap.nodes[1] = SnapshotNode{"/a", "", 7, {}};
  tree = tree_from_snapshot(snap, 1);
  REQUIRE(std::holds_alternative<DataDirError>(tree));
  CHECK(std::get<DataDirError>(tree).line() ==
        "snap: the snapshot's tree is not one zksim can hold: snapshot node /a names ACL 7, which its ACL cache does not hold");
  // The same orphan in a file: as ZooKeeper's DataTree.deserialize fails ("Invalid Datatree,
  // unable to find parent"), the snapshot is skipped for an older one, and there is none.
  DataTree good;
  std::string bytes = encode_snapshot(good, 0);
  const size_t at = bytes.find(std::string("\0\0\0\x0a/zookeeper", 14));
  REQUIRE(at != std::string::npos);
  bytes.replace(at + 4, 10, "/zzzzzz/zz");  // /zookeeper -> /zzzzzz/zz, whose parent is absent
  const fs::path dir = scratch("orphan");
  fs::create_directories(dir / "version-2");
  write_file(dir / "version-2" / "snapshot.0", bytes);
  auto listed = list_server_dir(dir.string());
  REQUIRE(std::holds_alternative<ServerDir>(listed));
  auto restored = restore_server(std::get<ServerDir>(listed));
  REQUIRE(std::holds_alternative<DataDirError>(restored));
  const std::string line = std::get<DataDirError>(restored).line();
  INFO(line);
  CHECK(line.find("Not able to find valid snapshots") != std::string::npos);
  fs::remove_all(dir);
}
