// ZooKeeper's tree digest: see zk_digest.h. CRC-32 is zlib's (core/snapshot.h's crc32),
// fed the three pieces in one pass.
#include "sim/datadir/zk_digest.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/path_utils.h"

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

namespace {

// One node's share in `tree` now (0 when absent).
uint64_t share_of(const DataTree& tree, const std::string& path) {
  const std::optional<NodeRecord> record = tree.node_record(path);
  if (!record) return 0;
  return static_cast<uint64_t>(zk_node_digest(path, tree.get_data(path).data, record->stat));
}

void add_path_and_parent(std::vector<std::string>* paths, const std::string& path) {
  if (path.empty() || path[0] != '/') return;
  paths->push_back(path);
  const std::string_view parent = parent_path(path);
  if (!parent.empty()) paths->emplace_back(parent);
}

}  // namespace

int64_t apply_with_zk_digest(DataTree& tree, const Txn& txn, int64_t digest_before) {
  std::vector<std::string> paths;
  const auto collect = [&paths](const auto& body) {
    using T = std::decay_t<decltype(body)>;
    if constexpr (std::is_same_v<T, CreateTxn> || std::is_same_v<T, DeleteTxn> || std::is_same_v<T, SetDataTxn> ||
                  std::is_same_v<T, SetAclTxn>) {
      add_path_and_parent(&paths, body.path);
    } else if constexpr (std::is_same_v<T, CloseSessionTxn>) {
      for (const std::string& p : body.paths_to_delete) add_path_and_parent(&paths, p);
    }
  };
  std::visit(
      [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, MultiTxn>) {
          for (const SubTxn& sub : body.txns) std::visit(collect, sub.body);
        } else {
          collect(body);
        }
      },
      txn.body);
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  uint64_t digest = static_cast<uint64_t>(digest_before);
  for (const std::string& p : paths) digest -= share_of(tree, p);
  tree.apply(txn);
  for (const std::string& p : paths) digest += share_of(tree, p);
  return static_cast<int64_t>(digest);
}

}  // namespace zk::sim::datadir
