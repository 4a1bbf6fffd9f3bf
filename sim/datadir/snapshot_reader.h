// Reading one ZooKeeper snapshot file (version-2/snapshot.<zxid>) as FileSnap writes it: a
// FileHeader (magic "ZKSN", version 2, dbid), the session table (count, then id and
// timeout), the ACL cache (count, then each id with its ACL list), every DataNode in
// pre-order as a path followed by its data, ACL id and StatPersisted, the path "/" as the end
// mark, a seal (the Adler-32 of everything before it, then "/"), and, where ZooKeeper 3.6+
// wrote it, the digest trailer (zxid, digest version, tree digest) with a second seal.
// The root's path is "" in the file. Compressed snapshots (snapshot.<zxid>.gz / .snappy)
// are not read.
#pragma once

#include <cstdint>
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
  std::vector<SnapshotNode> nodes;  // file order (parents before children)
  uint32_t checksum = 0;
  std::optional<SnapshotDigest> digest;
};

DataDirResult<SnapshotFile> read_snapshot(std::string file, std::string_view bytes);

// SnapStream.isValidSnapshot's quick test: at least 10 bytes, ending in the seal's "/".
bool looks_like_complete_snapshot(std::string_view bytes);

}  // namespace zk::sim::datadir
