// Reading one ZooKeeper snapshot file (version-2/snapshot.<zxid>) as FileSnap writes it: a
// FileHeader (magic "ZKSN", version 2, dbid), the session table (count, then id and
// timeout), the ACL cache (count, then each id with its ACL list), every DataNode in
// pre-order as a path followed by its data, ACL id and StatPersisted, the path "/" as the end
// mark, a seal (the Adler-32 of everything before it, then "/"), and, where ZooKeeper 3.6+
// wrote it, the digest trailer (zxid, digest version, tree digest) with a second seal.
// The root's path is "" in the file. Compressed snapshots (snapshot.<zxid>.gz / .snappy)
// are not read.
//
// Two ways to read: read_snapshot(file, bytes) keeps every node as a SnapshotNode (inspect,
// tests); read_snapshot(file, bytes, sink) hands each node to a SnapshotNodeSink as it is
// read and keeps none, so a loader builds its tree without a second copy of the nodes or,
// with a release callback over a mapped file, of the file.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/data_tree.h"
#include "sim/datadir/datadir_error.h"

namespace zk::sim::datadir {

inline constexpr int32_t kSnapshotMagic = 0x5a4b534e;  // "ZKSN"

struct ZkAcl {
  int32_t perms = 0;
  std::string scheme;
  std::string id;
  bool operator==(const ZkAcl&) const = default;
};

struct SnapshotNode {
  std::string path;  // "" for the root, as in the file
  std::string data;
  int64_t acl = 0;  // key into the ACL cache; -1 is world:anyone with every permission
  StatPersisted stat;
};

// One node while it is being read: the views are valid only during the sink's call.
struct SnapshotNodeView {
  std::string_view path;  // "" for the root
  std::string_view data;
  int64_t acl = 0;
  StatPersisted stat;
};

struct SnapshotDigest {
  Zxid zxid = 0;
  int32_t version = 0;
  int64_t digest = 0;
};

struct SnapshotFile {
  std::string file;
  int64_t dbid = 0;
  std::vector<std::pair<SessionId, int32_t>> sessions;  // file order
  std::vector<std::pair<int64_t, std::vector<ZkAcl>>> acls;
  std::vector<SnapshotNode> nodes;  // file order (parents before children); empty when read into a sink
  size_t node_count = 0;            // how many nodes the file holds
  uint32_t checksum = 0;
  std::optional<SnapshotDigest> digest;
};

// Receives a snapshot's parts in file order: begin() once the sessions and the ACL cache are
// read (`head` has them, no nodes yet), then node() for every node. A non-empty string from
// either stops the reading; read_snapshot returns it as the error at that node's byte offset.
class SnapshotNodeSink {
 public:
  virtual ~SnapshotNodeSink() = default;
  virtual std::string begin(const SnapshotFile& head) = 0;
  virtual std::string node(const SnapshotNodeView& node) = 0;
};

DataDirResult<SnapshotFile> read_snapshot(std::string file, std::string_view bytes);
// The same, every node handed to `sink` instead of kept (the result's `nodes` stays empty).
// Every few MB `release` (if set) is told an offset below which no byte will be read again
// (the checksum has folded them in), so a mapped file can hand those pages back
// (MappedFile::release_before).
using ReleaseBefore = std::function<void(size_t offset)>;
DataDirResult<SnapshotFile> read_snapshot(std::string file, std::string_view bytes, SnapshotNodeSink& sink,
                                          const ReleaseBefore& release);

// SnapStream.isValidSnapshot's quick test: at least 10 bytes, ending in the seal's "/".
bool looks_like_complete_snapshot(std::string_view bytes);

}  // namespace zk::sim::datadir
