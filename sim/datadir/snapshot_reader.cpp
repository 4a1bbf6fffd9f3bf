// Snapshot reading: see snapshot_reader.h. Records (FileHeader, ACL, StatPersisted) are
// read with their generated jute deserializers; the primitives between them through the same
// bounds-checked archive, so no count or length is trusted beyond the bytes left.
#include "sim/datadir/snapshot_reader.h"

#include <cstdlib>
#include <fmt/format.h>

#include "sim/datadir/adler32.h"
#include "sim/jute/jute_archive.h"

namespace zk::sim::datadir {
namespace {

class Reader {
 public:
  Reader(std::string file, std::string_view bytes) : file_(std::move(file)), bytes_(bytes), archive_(bytes) {}

  size_t offset() const { return archive_.offset(); }
  size_t remaining() const { return archive_.remaining(); }
  DataDirError error(size_t at, const std::string& what) const {
    return byte_error(file_, at, archive_.error().empty() ? what : fmt::format("{}: {}", what, archive_.error()));
  }
  bool i32(int32_t* v) { return archive_.get()->deserialize_Int(archive_.get(), "", v) == 0 && !archive_.failed(); }
  bool i64(int64_t* v) { return archive_.get()->deserialize_Long(archive_.get(), "", v) == 0 && !archive_.failed(); }
  bool string(std::string* s) {
    char* raw = nullptr;
    const bool ok = archive_.get()->deserialize_String(archive_.get(), "", &raw) == 0 && !archive_.failed();
    *s = raw == nullptr ? std::string() : std::string(raw);
    free(raw);  // NOLINT: the C archive allocates strings with malloc
    return ok;
  }
  bool buffer(std::string* s) {
    ::buffer b{};
    const bool ok = archive_.get()->deserialize_Buffer(archive_.get(), "", &b) == 0 && !archive_.failed();
    *s = jute::to_string(b);
    free(b.buff);  // NOLINT: as above
    return ok;
  }
  template <class Record>
  bool record(int (*deserialize)(iarchive*, const char*, Record*), jute::Decoded<Record>& out) {
    return jute::read(archive_, deserialize, out);
  }
  // A seal: the Adler-32 of every byte before it, then the string "/".
  std::optional<DataDirError> seal(uint32_t* checksum) {
    const size_t at = offset();
    const uint32_t computed = adler32(bytes_.substr(0, at));
    int64_t stored = 0;
    std::string slash;
    if (!i64(&stored) || !string(&slash)) return error(at, "the checksum seal is cut short");
    if (static_cast<uint64_t>(stored) != computed) {
      return byte_error(file_, at, fmt::format("checksum mismatch: stored {:#x}, the bytes sum to {:#x}",
                                               static_cast<uint64_t>(stored), computed));
    }
    if (slash != "/") return byte_error(file_, at + 8, "the checksum seal does not end with \"/\"");
    *checksum = computed;
    return std::nullopt;
  }

 private:
  std::string file_;
  std::string_view bytes_;
  jute::InputArchive archive_;
};

}  // namespace

bool looks_like_complete_snapshot(std::string_view bytes) {
  return bytes.size() >= 10 && bytes.substr(bytes.size() - 5) == std::string_view("\0\0\0\1/", 5);
}

DataDirResult<SnapshotFile> read_snapshot(std::string file, std::string_view bytes) {
  SnapshotFile snap;
  snap.file = file;
  Reader r(file, bytes);
  {
    jute::Decoded<::FileHeader> header(deallocate_FileHeader);
    if (!r.record(deserialize_FileHeader, header)) return r.error(0, "the file header is cut short");
    if (header.value.magic != kSnapshotMagic) {
      return byte_error(file, 0, fmt::format("not a snapshot: magic {:#010x}, expected {:#010x} (\"ZKSN\")",
                                             static_cast<uint32_t>(header.value.magic), kSnapshotMagic));
    }
    if (header.value.version != 2) {
      return byte_error(file, 4, fmt::format("snapshot format version {}, zksim reads version 2", header.value.version));
    }
    snap.dbid = header.value.dbid;
  }
  int32_t count = 0;
  size_t at = r.offset();
  if (!r.i32(&count)) return r.error(at, "the session count is cut short");
  if (count < 0 || static_cast<size_t>(count) > r.remaining() / 12) {
    return byte_error(file, at, fmt::format("session count {} does not fit the {} bytes left", count, r.remaining()));
  }
  for (int32_t i = 0; i < count; ++i) {
    int64_t id = 0;
    int32_t timeout = 0;
    at = r.offset();
    if (!r.i64(&id) || !r.i32(&timeout)) return r.error(at, "a session entry is cut short");
    snap.sessions.emplace_back(id, timeout);
  }
  at = r.offset();
  if (!r.i32(&count)) return r.error(at, "the ACL cache size is cut short");
  if (count < 0 || static_cast<size_t>(count) > r.remaining() / 12) {
    return byte_error(file, at, fmt::format("ACL cache size {} does not fit the {} bytes left", count, r.remaining()));
  }
  for (int32_t i = 0; i < count; ++i) {
    at = r.offset();
    int64_t key = 0;
    jute::Decoded<::ACL_vector> list(+[](::ACL_vector* v) { deallocate_ACL_vector(v); });
    if (!r.i64(&key) || !r.record(deserialize_ACL_vector, list)) return r.error(at, "an ACL cache entry is cut short");
    std::vector<ZkAcl> acls;
    for (int32_t k = 0; k < list.value.count; ++k) {
      const ::ACL& a = list.value.data[k];
      acls.push_back(ZkAcl{a.perms, a.id.scheme ? a.id.scheme : "", a.id.id ? a.id.id : ""});
    }
    snap.acls.emplace_back(key, std::move(acls));
  }
  while (true) {
    at = r.offset();
    SnapshotNode node;
    if (!r.string(&node.path)) return r.error(at, "a node path is cut short");
    if (node.path == "/") break;
    jute::Decoded<::StatPersisted> stat(deallocate_StatPersisted);
    if (!r.buffer(&node.data) || !r.i64(&node.acl) || !r.record(deserialize_StatPersisted, stat)) {
      return r.error(at, fmt::format("node \"{}\" is cut short", node.path));
    }
    const ::StatPersisted& s = stat.value;
    node.stat = StatPersisted{s.czxid, s.mzxid, s.ctime, s.mtime, s.version, s.cversion, s.aversion, s.ephemeralOwner, s.pzxid};
    snap.nodes.push_back(std::move(node));
  }
  if (snap.nodes.empty() || !snap.nodes.front().path.empty()) {
    return byte_error(file, 0, "the snapshot has no root node (path \"\") first");
  }
  if (auto e = r.seal(&snap.checksum)) return *e;
  if (r.remaining() > 0) {  // the digest trailer of ZooKeeper 3.6+
    at = r.offset();
    SnapshotDigest digest;
    if (!r.i64(&digest.zxid) || !r.i32(&digest.version)) return r.error(at, "the digest trailer is cut short");
    if (digest.version < 2) {
      std::string hex;
      if (!r.string(&hex)) return r.error(at, "the digest trailer is cut short");
      digest.digest = static_cast<int64_t>(std::strtoull(hex.c_str(), nullptr, 16));
    } else if (!r.i64(&digest.digest)) {
      return r.error(at, "the digest trailer is cut short");
    }
    uint32_t second = 0;
    if (auto e = r.seal(&second)) return *e;
    snap.digest = digest;
    if (r.remaining() > 0) return byte_error(file, r.offset(), fmt::format("{} bytes follow the last seal", r.remaining()));
  }
  return snap;
}

}  // namespace zk::sim::datadir
