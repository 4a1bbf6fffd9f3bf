// ZooKeeper's tree digest: see zk_digest.h. CRC-32 is zlib's (core/snapshot.h's crc32),
// fed the three pieces in one pass.
#include "sim/datadir/zk_digest.h"

#include <string>

#include "core/snapshot.h"
#include "sim/datadir/big_endian.h"

namespace zk::sim::datadir {

int64_t zk_node_digest(std::string_view path, std::string_view data, const StatPersisted& stat) {
  if (path.starts_with("/zookeeper/")) return 0;
  if (path == "/") path = "";
  std::string bytes;
  bytes.reserve(path.size() + data.size() + 60);
  bytes.append(path);
  bytes.append(data);
  append_be64(&bytes, stat.czxid);
  append_be64(&bytes, stat.mzxid);
  append_be64(&bytes, stat.pzxid);
  append_be64(&bytes, stat.ctime_ms);
  append_be64(&bytes, stat.mtime_ms);
  append_be32(&bytes, stat.version);
  append_be32(&bytes, stat.cversion);
  append_be32(&bytes, stat.aversion);
  append_be64(&bytes, stat.ephemeral_owner);
  return static_cast<int64_t>(crc32(bytes));
}

int64_t zk_tree_digest(const DataTree& tree) {
  uint64_t sum = 0;
  tree.for_each_node([&](std::string_view path, const StatPersisted& stat, std::string_view data, int32_t) {
    sum += static_cast<uint64_t>(zk_node_digest(path, data, stat));
  });
  return static_cast<int64_t>(sum);
}

}  // namespace zk::sim::datadir
