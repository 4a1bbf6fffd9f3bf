// The inspect report: see inspect_report.h.
#include "sim/datadir/inspect_report.h"

#include <ctime>
#include <filesystem>
#include <fmt/format.h>

#include "sim/datadir/mapped_file.h"
#include "sim/datadir/restore.h"
#include "sim/datadir/server_dir.h"
#include "sim/datadir/snapshot_reader.h"
#include "sim/datadir/txn_log_reader.h"
#include "sim/datadir/zk_digest.h"

namespace zk::sim::datadir {
namespace {

std::string base(const std::string& path) { return std::filesystem::path(path).filename().string(); }

std::string utc_ms(int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, ((ms % 1000) + 1000) % 1000);
}

std::string hex(int64_t v) { return fmt::format("{:#x}", static_cast<uint64_t>(v)); }

std::string optional_number(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "(missing)"; }

// What a txn carries beyond its path, in ZooKeeper's record field names.
std::string txn_details(const DecodedTxn& d) {
  return std::visit(
      [&](const auto& body) -> std::string {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, CreateTxn>) {
          std::string s = fmt::format("{} data {} bytes parentCVersion {}", body.path, body.data.size(), body.parent_cversion);
          if (body.ephemeral_owner != 0) s += fmt::format(" ephemeralOwner {}", hex(body.ephemeral_owner));
          if (body.acl != open_acl_unsafe()) s += " acl " + acl_list_text(body.acl);
          return s;
        } else if constexpr (std::is_same_v<T, SetAclTxn>) {
          return fmt::format("{} acl {} version {}", body.path, acl_list_text(body.acl), body.version);
        } else if constexpr (std::is_same_v<T, SetDataTxn>) {
          return fmt::format("{} data {} bytes version {}", body.path, body.data.size(), body.version);
        } else if constexpr (std::is_same_v<T, DeleteTxn>) {
          return body.path;
        } else if constexpr (std::is_same_v<T, CheckVersionTxn>) {
          return fmt::format("{} version {}", body.path, body.version);
        } else if constexpr (std::is_same_v<T, ErrorTxn>) {
          return d.unsupported.empty() ? fmt::format("err {}", static_cast<int32_t>(body.err)) : d.path;
        } else if constexpr (std::is_same_v<T, CreateSessionTxn>) {
          return fmt::format("timeOut {}", body.timeout_ms);
        } else if constexpr (std::is_same_v<T, CloseSessionTxn>) {
          std::string s = "paths2Delete [";
          for (size_t i = 0; i < body.paths_to_delete.size(); ++i) s += (i ? " " : "") + body.paths_to_delete[i];
          return s + "]";
        } else {
          std::string s = "[";
          for (size_t i = 0; i < body.txns.size(); ++i) {
            s += (i ? ", " : "") + std::string(op_name(body.txns[i].type));
            std::visit([&](const auto& op) {
              if constexpr (requires { op.path; }) s += " " + op.path;
            }, body.txns[i].body);
          }
          return s + "]";
        }
      },
      d.txn.body);
}

void report_snapshot(const NamedFile& f, InspectReport* r) {
  auto bytes = MappedFile::open(f.path, kDataFileBytesMax);
  if (auto* e = std::get_if<DataDirError>(&bytes)) {
    r->lines.push_back("error: " + e->line());
    r->ok = false;
    return;
  }
  auto read = read_snapshot(f.path, std::get<MappedFile>(bytes).bytes());
  if (auto* e = std::get_if<DataDirError>(&read)) {
    r->lines.push_back(fmt::format("snapshot {}: unreadable: {}", base(f.path), e->line()));
    return;
  }
  const SnapshotFile& s = std::get<SnapshotFile>(read);
  uint64_t digest = 0;
  for (const SnapshotNode& n : s.nodes) digest += static_cast<uint64_t>(zk_node_digest(n.path, n.data, n.stat));
  r->lines.push_back(fmt::format("snapshot {}: zxid {} dbid {} sessions {} acl lists {} nodes {} checksum {}",
                                 base(f.path), hex(f.name_zxid), s.dbid, s.sessions.size(), s.acls.size(),
                                 s.nodes.size(), hex(s.checksum)));
  for (const auto& [id, timeout] : s.sessions) r->lines.push_back(fmt::format("  session {} timeOut {}", hex(id), timeout));
  if (!s.digest) {
    r->lines.push_back(fmt::format("  no digest trailer (written before 3.6); tree digest {}", hex(static_cast<int64_t>(digest))));
  } else if (s.digest->zxid == 0) {
    r->lines.push_back(fmt::format("  digest trailer empty; tree digest {}", hex(static_cast<int64_t>(digest))));
  } else {
    const bool same = static_cast<uint64_t>(s.digest->digest) == digest;
    r->lines.push_back(fmt::format("  digest at zxid {} version {}: {}; tree digest {} {}", hex(s.digest->zxid),
                                   s.digest->version, hex(s.digest->digest), hex(static_cast<int64_t>(digest)),
                                   same ? "(matches)"
                                        : (s.digest->zxid != f.name_zxid ? "(differs: a fuzzy snapshot, checked after replay)"
                                                                         : "(MISMATCH)")));
  }
}

void report_log(const NamedFile& f, InspectReport* r) {
  auto bytes = MappedFile::open(f.path, kDataFileBytesMax);
  if (auto* e = std::get_if<DataDirError>(&bytes)) {
    r->lines.push_back("error: " + e->line());
    r->ok = false;
    return;
  }
  const size_t size = std::get<MappedFile>(bytes).bytes().size();
  auto read = read_txn_log(f.path, std::get<MappedFile>(bytes).bytes());
  if (auto* e = std::get_if<DataDirError>(&read)) {
    r->lines.push_back("error: " + e->line());
    r->ok = false;
    return;
  }
  const TxnLogFile& log = std::get<TxnLogFile>(read);
  r->lines.push_back(fmt::format("log {}: zxid {} dbid {} txns {}", base(f.path), hex(f.name_zxid), log.dbid,
                                 log.entries.size()));
  for (const TxnLogEntry& e : log.entries) {
    const TxnHeader& h = e.decoded.txn.header;
    std::string line = fmt::format("  {} {} session {} cxid {} {} {}", hex(h.zxid), utc_ms(h.time_ms), hex(h.session_id),
                                   hex(h.cxid), op_name(h.type), txn_details(e.decoded));
    if (e.decoded.digest) line += fmt::format(" digest {}", hex(e.decoded.digest->tree_digest));
    if (!e.decoded.unsupported.empty()) line += " (" + e.decoded.unsupported + ")";
    r->lines.push_back(std::move(line));
  }
  switch (log.end) {
    case TxnLogEnd::kEndOfFile:
      r->lines.push_back(fmt::format("  ends at byte {} (end of file)", log.end_offset));
      break;
    case TxnLogEnd::kZeroPadding:
      r->lines.push_back(fmt::format("  ends at byte {}, then {} bytes of preallocated zeros", log.end_offset, size - log.end_offset));
      break;
    case TxnLogEnd::kTornEntry:
      r->lines.push_back(fmt::format("  torn entry at byte {}: {} (Last transaction was partial)", log.end_offset, log.end_detail));
      break;
    case TxnLogEnd::kBadChecksum:
      r->lines.push_back(fmt::format("  CRC check failed at byte {}: {}", log.end_offset, log.end_detail));
      break;
  }
}

}  // namespace

InspectReport inspect_data_dir(const std::string& data_dir, const std::string& data_log_dir,
                               const DirOrigins& origins) {
  InspectReport r;
  auto listed = list_server_dir(data_dir, data_log_dir);
  if (auto* e = std::get_if<DataDirError>(&listed)) {
    r.lines.push_back("error: " + located_line(*e, origins));
    r.ok = false;
    return r;
  }
  const ServerDir& dir = std::get<ServerDir>(listed);
  r.lines.push_back(fmt::format("dataDir {}", dir.data_dir));
  if (dir.log_dir != dir.snap_dir) r.lines.push_back(fmt::format("dataLogDir {}", dir.log_dir));
  r.lines.push_back(fmt::format("myid {}", optional_number(dir.myid)));
  r.lines.push_back(fmt::format("currentEpoch {}", optional_number(dir.current_epoch)));
  r.lines.push_back(fmt::format("acceptedEpoch {}", optional_number(dir.accepted_epoch)));
  for (const NamedFile& f : dir.snapshots) report_snapshot(f, &r);
  for (const NamedFile& f : dir.logs) report_log(f, &r);
  auto restored = restore_server(dir);
  if (auto* e = std::get_if<DataDirError>(&restored)) {
    r.lines.push_back("error: ZooKeeper would not start: " + located_line(*e, origins));
    r.ok = false;
    return r;
  }
  const RestoredServer& s = std::get<RestoredServer>(restored);
  const DataTree tree = s.replayed_tree();
  for (const std::string& note : s.notes) r.lines.push_back("note: " + note);
  r.lines.push_back(fmt::format("restore: {} + {} txns -> last zxid {}, {} nodes, {} sessions",
                                s.snapshot_file.empty() ? "no snapshot" : base(s.snapshot_file), s.state.log.size(),
                                hex(s.last_processed_zxid), tree.node_count(), tree.sessions().size()));
  const int64_t digest = zk_tree_digest(tree);
  std::string digest_line = fmt::format("restore: tree digest {}", hex(digest));
  // The newest TxnDigest among the restored txns: the tree digest the leader had after it.
  std::optional<ZkTxnDigest> logged;
  Zxid logged_zxid = 0;
  for (const NamedFile& f : dir.logs) {
    auto bytes = MappedFile::open(f.path, kDataFileBytesMax);
    if (!std::holds_alternative<MappedFile>(bytes)) continue;
    auto read = read_txn_log(f.path, std::get<MappedFile>(bytes).bytes());
    if (!std::holds_alternative<TxnLogFile>(read)) continue;
    for (const TxnLogEntry& e : std::get<TxnLogFile>(read).entries) {
      if (e.decoded.digest && e.decoded.txn.header.zxid == s.last_processed_zxid) {
        logged = e.decoded.digest;
        logged_zxid = e.decoded.txn.header.zxid;
      }
    }
  }
  if (logged) {
    digest_line += fmt::format(", the log's digest after {} is {} {}", hex(logged_zxid), hex(logged->tree_digest),
                               logged->tree_digest == digest ? "(matches)" : "(MISMATCH)");
    if (logged->tree_digest != digest) r.ok = false;
  }
  r.lines.push_back(std::move(digest_line));
  r.lines.push_back(fmt::format("restore: currentEpoch {} acceptedEpoch {}", s.state.current_epoch, s.state.accepted_epoch));
  r.lines.push_back(fmt::format("vote: myid {} zxid {} peerEpoch {}", optional_number(dir.myid), hex(s.last_processed_zxid),
                                s.state.current_epoch));
  return r;
}

}  // namespace zk::sim::datadir
