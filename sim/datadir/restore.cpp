// Restoring a server from its data directory: see restore.h.
#include "sim/datadir/restore.h"

#include <algorithm>
#include <optional>
#include <fmt/format.h>

#include "core/snapshot.h"
#include "sim/datadir/mapped_file.h"
#include "sim/datadir/snapshot_reader.h"
#include "sim/datadir/txn_log_reader.h"

namespace zk::sim::datadir {
namespace {

constexpr size_t kSnapshotsTried = 100;  // FileSnap.findNValidSnapshots(100)

Epoch epoch_of(Zxid zxid) { return zxid >> 32; }

// Streams a ZooKeeper snapshot's nodes into zksim's tree as they are read (the root ""
// becomes "/"; below /zookeeper/ each server keeps its own quota and config nodes, since
// ZooKeeper rewrites /zookeeper/config from zoo.cfg at start-up and leaves them out of the
// digest, so zksim's tree starts with its own; quota limits are not modelled).
class TreeSink final : public SnapshotNodeSink {
 public:
  explicit TreeSink(Zxid zxid) : zxid_(zxid) {}

  std::string begin(const SnapshotFile& head) override {
    std::vector<std::pair<int64_t, AclList>> acls;
    acls.reserve(head.acls.size());
    for (const auto& [key, list] : head.acls) {
      AclList acl;
      for (const ZkAcl& a : list) acl.push_back(Acl{a.perms, AuthId{a.scheme, a.id}});
      acls.emplace_back(key, std::move(acl));
    }
    builder_.emplace(zxid_, std::move(acls));
    for (const auto& [id, timeout] : head.sessions) sessions_.emplace_back(id, timeout);
    std::sort(sessions_.begin(), sessions_.end());
    return "";
  }

  std::string node(const SnapshotNodeView& n) override {
    if (n.path == "/zookeeper/quota" || n.path == "/zookeeper/config") {
      StatPersisted own;
      if (n.path == "/zookeeper/config") own.aversion = -1;  // DataTree.addConfigNode's setACL
      return added(SnapshotNodeInput{n.path, own, "", n.acl});
    }
    if (n.path.starts_with("/zookeeper/")) return "";
    return added(SnapshotNodeInput{n.path.empty() ? std::string_view("/") : n.path, n.stat, n.data, n.acl});
  }

  DataDirResult<DataTree> finish(const std::string& file) {
    std::string error;
    std::optional<DataTree> tree = std::move(*builder_).build(sessions_, &error);
    if (!tree) return file_error(file, fmt::format("the snapshot's tree is not one zksim can hold: {}", error));
    return std::move(*tree);
  }

 private:
  // "" when the node went into the tree, else why it could not (which stops the reading there).
  std::string added(const SnapshotNodeInput& node) {
    if (builder_->add_node(node)) return "";
    return fmt::format("the snapshot's tree is not one zksim can hold: {}", builder_->error());
  }

  Zxid zxid_;
  std::optional<SnapshotBuilder> builder_;
  std::vector<std::pair<SessionId, int64_t>> sessions_;
};

}  // namespace

DataDirResult<DataTree> tree_from_snapshot(const SnapshotFile& snapshot, Zxid zxid) {
  TreeSink sink(zxid);
  (void)sink.begin(snapshot);
  for (const SnapshotNode& n : snapshot.nodes) {
    if (std::string e = sink.node(SnapshotNodeView{n.path, n.data, n.acl, n.stat}); !e.empty()) return file_error(snapshot.file, e);
  }
  return sink.finish(snapshot.file);
}

DataDirResult<RestoredServer> restore_server(const ServerDir& dir) {
  RestoredServer out;
  out.dir = dir;
  // 1. The newest snapshot that reads, its nodes streamed into the tree as they are read.
  Zxid snap_zxid = -1;
  size_t tried = 0;
  for (auto it = dir.snapshots.rbegin(); it != dir.snapshots.rend() && tried < kSnapshotsTried; ++it) {
    auto mapped = MappedFile::open(it->path, kDataFileBytesMax);
    if (auto* e = std::get_if<DataDirError>(&mapped)) return *e;
    MappedFile& file = std::get<MappedFile>(mapped);
    if (!looks_like_complete_snapshot(file.bytes())) {
      out.notes.push_back(fmt::format("{}: not a complete snapshot (no seal at its end), skipped", it->path));
      continue;
    }
    ++tried;
    TreeSink sink(it->name_zxid);
    // The file's pages are handed back as the nodes go into the tree, so the restore's peak
    // is the tree plus a few MB of the file.
    auto snap = read_snapshot(it->path, file.bytes(), sink, [&file](size_t offset) { file.release_before(offset); });
    file.close();
    if (auto* e = std::get_if<DataDirError>(&snap)) {
      out.notes.push_back(fmt::format("problem reading snap file {}, trying an older one", e->line()));
      continue;
    }
    auto tree = sink.finish(it->path);
    if (auto* e = std::get_if<DataDirError>(&tree)) return *e;
    snap_zxid = it->name_zxid;
    out.snapshot_file = it->path;
    out.state.snapshot = std::make_shared<const DataTree>(std::move(std::get<DataTree>(tree)));
    out.state.snapshot_zxid = snap_zxid;
    break;
  }
  if (snap_zxid < 0 && tried > 0) return file_error(dir.snap_dir, "Not able to find valid snapshots");
  // 2. The logs from the newest one named at or below the snapshot's zxid (FileTxnLog.getLogFiles).
  size_t first_log = 0;
  for (size_t i = 0; i < dir.logs.size(); ++i) {
    if (dir.logs[i].name_zxid <= std::max<Zxid>(snap_zxid, 0)) first_log = i;
  }
  Zxid last = std::max<Zxid>(snap_zxid, 0);
  bool any_txn = false;
  for (size_t i = first_log; i < dir.logs.size(); ++i) {
    auto mapped = MappedFile::open(dir.logs[i].path, kDataFileBytesMax);
    if (auto* e = std::get_if<DataDirError>(&mapped)) return *e;
    auto read = read_txn_log(dir.logs[i].path, std::get<MappedFile>(mapped).bytes());
    if (auto* e = std::get_if<DataDirError>(&read)) return *e;
    TxnLogFile& log = std::get<TxnLogFile>(read);
    for (TxnLogEntry& entry : log.entries) {
      any_txn = true;
      const Txn& txn = entry.decoded.txn;
      if (txn.header.zxid <= snap_zxid) continue;
      if (!entry.decoded.unsupported.empty()) {
        return byte_error(log.file, entry.offset,
                          fmt::format("txn {:#x}: {}", txn.header.zxid, entry.decoded.unsupported));
      }
      if (txn.header.zxid <= last) {
        return byte_error(log.file, entry.offset,
                          fmt::format("txn {:#x} is not above the txn before it ({:#x})", txn.header.zxid, last));
      }
      last = txn.header.zxid;
      out.state.log.push_back(std::make_shared<const Txn>(std::move(entry.decoded.txn)));
    }
    if (log.end == TxnLogEnd::kTornEntry) {
      out.notes.push_back(fmt::format("{}: byte {}: Last transaction was partial ({}); ZooKeeper stops reading this log here",
                                      log.file, log.end_offset, log.end_detail));
    }
    if (log.end == TxnLogEnd::kBadChecksum) {
      return byte_error(log.file, log.end_offset, fmt::format("CRC check failed ({})", log.end_detail));
    }
  }
  if (snap_zxid < 0 && any_txn) {
    return file_error(dir.snap_dir, "No snapshot found, but there are log entries. Something is broken!");
  }
  out.last_processed_zxid = last;
  // 3. The epochs (QuorumPeer.loadDataBase).
  const Epoch zxid_epoch = epoch_of(last);
  const Epoch current = dir.current_epoch.value_or(zxid_epoch);
  if (!dir.current_epoch) out.notes.push_back(fmt::format("currentEpoch not found, using the last zxid's epoch {}", current));
  if (zxid_epoch > current) {
    return file_error(dir.snap_dir + "/currentEpoch",
                      fmt::format("The current epoch, {:x}, is older than the last zxid, {}", current, last));
  }
  const Epoch accepted = dir.accepted_epoch.value_or(zxid_epoch);
  if (!dir.accepted_epoch) out.notes.push_back(fmt::format("acceptedEpoch not found, using the last zxid's epoch {}", accepted));
  if (accepted < current) {
    return file_error(dir.snap_dir + "/acceptedEpoch",
                      fmt::format("The accepted epoch, {:x} is less than the current epoch, {:x}", accepted, current));
  }
  out.state.current_epoch = current;
  out.state.accepted_epoch = accepted;
  return out;
}

DataTree RestoredServer::replayed_tree() const {
  DataTree tree = state.snapshot ? *state.snapshot : DataTree();
  for (const auto& txn : state.log) tree.apply(*txn);
  return tree;
}

}  // namespace zk::sim::datadir
