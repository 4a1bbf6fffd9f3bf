// Writing a data directory: see data_dir_writer.h. Records go through the generated jute
// serializers; the seals and the entry framing are added around them here.
#include "sim/datadir/data_dir_writer.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>

#include "sim/datadir/adler32.h"
#include "sim/datadir/big_endian.h"
#include "sim/datadir/snapshot_reader.h"
#include "sim/datadir/txn_log_reader.h"
#include "sim/datadir/zk_digest.h"
#include "sim/datadir/zk_txn_encode.h"
#include "sim/jute/jute_acl.h"
#include "sim/jute/jute_archive.h"

namespace zk::sim::datadir {
namespace {

namespace fs = std::filesystem;

// The order ReferenceCountedACLCache.serialize writes its map in: that of a Java
// HashMap<Long, ...> copied from the cache's (new HashMap<>(longKeyMap)), i.e. by bucket
// (Long.hashCode, HashMap.hash's spread, the copy's table size for that many entries). Keys
// sharing a bucket keep the source map's order, taken as its own bucket order for a table of
// at least 16 (the default it starts with), then the key: exact for every cache whose
// source table never grew past the size its current entries need.
std::vector<std::pair<int64_t, AclList>> java_serialization_order(std::vector<std::pair<int64_t, AclList>> entries) {
  const auto table_size_for = [](size_t wanted) {
    size_t n = 1;
    while (n < wanted) n <<= 1U;
    return n;
  };
  const size_t copy_table =
      table_size_for(static_cast<size_t>(static_cast<float>(entries.size()) / 0.75F + 1.0F));
  size_t source_table = 16;
  while (static_cast<float>(entries.size()) > 0.75F * static_cast<float>(source_table)) source_table <<= 1U;
  const auto spread = [](int64_t key) {
    const auto u = static_cast<uint64_t>(key);
    const auto h = static_cast<uint32_t>(u ^ (u >> 32U));
    return static_cast<size_t>(h ^ (h >> 16U));
  };
  std::stable_sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) {
    const size_t ha = spread(a.first), hb = spread(b.first);
    if ((ha & (copy_table - 1)) != (hb & (copy_table - 1))) return (ha & (copy_table - 1)) < (hb & (copy_table - 1));
    if ((ha & (source_table - 1)) != (hb & (source_table - 1))) {
      return (ha & (source_table - 1)) < (hb & (source_table - 1));
    }
    return a.first < b.first;
  });
  return entries;
}

std::string file_header(int32_t magic, int64_t dbid) {
  jute::OutputArchive out;
  ZK_INVARIANT_RESULT(out.write(serialize_FileHeader, ::FileHeader{magic, kFileFormatVersion, dbid}));
  return std::string(out.bytes());
}

void append_string(std::string* out, std::string_view s) {
  append_be32(out, static_cast<int32_t>(s.size()));
  out->append(s);
}

void append_seal(std::string* out) {
  append_be64(out, static_cast<int64_t>(adler32(*out)));
  append_string(out, "/");
}

void append_acl_list(std::string* out, int64_t key, const AclList& acl) {
  const jute::BorrowedAcls borrowed(acl);
  ::ACL_vector vector = borrowed.vector();
  jute::OutputArchive a;
  ZK_INVARIANT_RESULT(a.write(serialize_ACL_vector, vector));
  append_be64(out, key);
  out->append(a.bytes());
}

std::optional<DataDirError> write_file(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) return file_error(path, "cannot be written");
  return std::nullopt;
}

}  // namespace

std::string encode_snapshot(const DataTree& tree, Zxid zxid) {
  std::string out = file_header(kSnapshotMagic, -1);
  const auto sessions = tree.sessions();
  append_be32(&out, static_cast<int32_t>(sessions.size()));
  for (const auto& [id, timeout_ms] : sessions) {
    append_be64(&out, id);
    append_be32(&out, static_cast<int32_t>(timeout_ms));
  }
  const std::vector<std::pair<int64_t, AclList>> acls = java_serialization_order(tree.acl_cache().entries());
  append_be32(&out, static_cast<int32_t>(acls.size()));
  for (const auto& [key, acl] : acls) append_acl_list(&out, key, acl);
  tree.for_each_node([&](std::string_view path, const StatPersisted& s, std::string_view data, int32_t) {
    const bool root = path == "/";
    append_string(&out, root ? std::string_view() : path);
    append_be32(&out, static_cast<int32_t>(data.size()));
    out.append(data);
    append_be64(&out, tree.acl_key(path).value_or(AclCache::kOpenUnsafeKey));
    jute::OutputArchive stat;
    ZK_INVARIANT_RESULT(stat.write(serialize_StatPersisted, ::StatPersisted{s.czxid, s.mzxid, s.ctime_ms, s.mtime_ms, s.version,
                                                                    s.cversion, s.aversion, s.ephemeral_owner, s.pzxid}));
    out.append(stat.bytes());
  });
  append_string(&out, "/");
  append_seal(&out);
  // The digest trailer: ZooKeeper writes an empty one (zxid 0) until it has logged a digest.
  append_be64(&out, zxid);
  append_be32(&out, kZkDigestVersion);
  append_be64(&out, zxid == 0 ? 0 : zk_tree_digest(tree));
  append_seal(&out);
  return out;
}

std::string encode_txn_log(const DataTree& base, const TxnLog& log) {
  std::string out = file_header(kTxnLogMagic, 0);
  DataTree tree = base;
  int64_t tree_digest = zk_tree_digest(tree);
  for (const auto& txn : log) {
    tree_digest = apply_with_zk_digest(tree, *txn, tree_digest);
    std::optional<ZkTxnDigest> digest;
    if (txn->header.type != OpCode::kError) digest = ZkTxnDigest{kZkDigestVersion, tree_digest};
    const std::string bytes = encode_zk_txn(*txn, digest);
    append_be64(&out, static_cast<int64_t>(adler32(bytes)));
    append_be32(&out, static_cast<int32_t>(bytes.size()));
    out += bytes;
    out.push_back('B');
  }
  return out;
}

std::optional<DataDirError> write_server_dir(const std::string& dir, int64_t myid, const PersistentState& state) {
  std::error_code ec;
  const fs::path version2 = fs::path(dir) / "version-2";
  fs::create_directories(version2, ec);
  if (ec) return file_error(version2.string(), "cannot be created: " + ec.message());
  const DataTree initial;
  const DataTree& base = state.snapshot ? *state.snapshot : initial;
  if (auto e = write_file((fs::path(dir) / "myid").string(), fmt::format("{}\n", myid))) return e;
  if (auto e = write_file((version2 / fmt::format("snapshot.{:x}", state.snapshot_zxid)).string(),
                          encode_snapshot(base, state.snapshot_zxid))) {
    return e;
  }
  if (!state.log.empty()) {
    const Zxid first = state.log.front()->header.zxid;
    if (auto e = write_file((version2 / fmt::format("log.{:x}", first)).string(), encode_txn_log(base, state.log))) return e;
  }
  if (auto e = write_file((version2 / "currentEpoch").string(), std::to_string(state.current_epoch))) return e;
  if (auto e = write_file((version2 / "acceptedEpoch").string(), std::to_string(state.accepted_epoch))) return e;
  return std::nullopt;
}

}  // namespace zk::sim::datadir
