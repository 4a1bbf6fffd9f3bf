// Snapshot reading: see snapshot_reader.h. Records (FileHeader, ACL, StatPersisted) are
// read with their generated jute deserializers; the primitives between them through the same
// bounds-checked archive, so no count or length is trusted beyond the bytes left. Every node
// is read into the same two strings, whose capacity stays, and handed to the sink as views;
// the seals' Adler-32 runs once over the file, carried from the first seal to the second.
#include "sim/datadir/snapshot_reader.h"

#include <cstdlib>
#include <fmt/format.h>

#include "sim/datadir/adler32.h"
#include "sim/jute/jute_archive.h"

namespace zk::sim::datadir {
namespace {

class Reader {
 public:
  Reader(std::string file, std::string_view bytes, const ReleaseBefore& release)
      : file_(std::move(file)), bytes_(bytes), archive_(bytes), release_(release) {}

  size_t offset() const { return archive_.offset(); }
  size_t remaining() const { return archive_.remaining(); }
  DataDirError error(size_t at, const std::string& what) const {
    return byte_error(file_, at, archive_.error().empty() ? what : fmt::format("{}: {}", what, archive_.error()));
  }
  bool i32(int32_t* v) { return archive_.get()->deserialize_Int(archive_.get(), "", v) == 0 && !archive_.failed(); }
  bool i64(int64_t* v) { return archive_.get()->deserialize_Long(archive_.get(), "", v) == 0 && !archive_.failed(); }
  // Into *s, reusing its capacity.
  bool string(std::string* s) {
    char* raw = nullptr;
    const bool ok = archive_.get()->deserialize_String(archive_.get(), "", &raw) == 0 && !archive_.failed();
    if (raw == nullptr) {
      s->clear();
    } else {
      s->assign(raw);
    }
    free(raw);  // NOLINT: the C archive allocates strings with malloc
    return ok;
  }
  bool buffer(std::string* s) {
    ::buffer b{};
    const bool ok = archive_.get()->deserialize_Buffer(archive_.get(), "", &b) == 0 && !archive_.failed();
    if (b.buff == nullptr || b.len <= 0) {
      s->clear();
    } else {
      s->assign(b.buff, static_cast<size_t>(b.len));
    }
    free(b.buff);  // NOLINT: as above
    return ok;
  }
  template <class Record>
  bool record(int (*deserialize)(iarchive*, const char*, Record*), jute::Decoded<Record>& out) {
    return jute::read(archive_, deserialize, out);
  }
  // Every few MB read: fold them into the Adler-32 and tell the caller no byte before here
  // is needed again.
  void moved_on() {
    if (!release_ || offset() - summed_ < kReleaseEveryBytes) return;
    fold();
    release_(summed_);
  }
  // A seal: the Adler-32 of every byte before it, then the string "/".
  std::optional<DataDirError> seal(uint32_t* checksum) {
    const size_t at = offset();
    fold();
    const uint32_t computed = sum_.value();
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
  static constexpr size_t kReleaseEveryBytes = size_t{4} << 20;
  void fold() {
    sum_.update(bytes_.substr(summed_, offset() - summed_));
    summed_ = offset();
  }

  std::string file_;
  std::string_view bytes_;
  jute::InputArchive archive_;
  const ReleaseBefore& release_;
  Adler32 sum_;        // of bytes_[0, summed_)
  size_t summed_ = 0;
};

// The record-keeping sink behind read_snapshot(file, bytes).
class KeepNodes final : public SnapshotNodeSink {
 public:
  std::string begin(const SnapshotFile&) override { return ""; }
  std::string node(const SnapshotNodeView& n) override {
    nodes.push_back(SnapshotNode{std::string(n.path), std::string(n.data), n.acl, n.stat});
    return "";
  }
  std::vector<SnapshotNode> nodes;
};

// Header, sessions and ACL cache into `snap`.
std::optional<DataDirError> read_head(Reader& r, const std::string& file, SnapshotFile& snap) {
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
  return std::nullopt;
}

// Every node up to the "/" end mark, each handed to `sink`.
std::optional<DataDirError> read_nodes(Reader& r, const std::string& file, SnapshotNodeSink& sink, SnapshotFile& snap) {
  std::string path;
  std::string data;
  while (true) {
    const size_t at = r.offset();
    if (!r.string(&path)) return r.error(at, "a node path is cut short");
    if (path == "/") break;
    if (snap.node_count == 0 && !path.empty()) return byte_error(file, 0, "the snapshot has no root node (path \"\") first");
    SnapshotNodeView node;
    jute::Decoded<::StatPersisted> stat(deallocate_StatPersisted);
    if (!r.buffer(&data) || !r.i64(&node.acl) || !r.record(deserialize_StatPersisted, stat)) {
      return r.error(at, fmt::format("node \"{}\" is cut short", path));
    }
    const ::StatPersisted& s = stat.value;
    node.path = path;
    node.data = data;
    node.stat = StatPersisted{s.czxid, s.mzxid, s.ctime, s.mtime, s.version, s.cversion, s.aversion, s.ephemeralOwner, s.pzxid};
    ++snap.node_count;
    if (std::string e = sink.node(node); !e.empty()) return byte_error(file, at, e);
    r.moved_on();
  }
  if (snap.node_count == 0) return byte_error(file, 0, "the snapshot has no root node (path \"\") first");
  return std::nullopt;
}

}  // namespace

bool looks_like_complete_snapshot(std::string_view bytes) {
  return bytes.size() >= 10 && bytes.substr(bytes.size() - 5) == std::string_view("\0\0\0\1/", 5);
}

DataDirResult<SnapshotFile> read_snapshot(std::string file, std::string_view bytes, SnapshotNodeSink& sink,
                                          const ReleaseBefore& release) {
  SnapshotFile snap;
  snap.file = file;
  Reader r(file, bytes, release);
  if (auto e = read_head(r, file, snap)) return *e;
  if (std::string e = sink.begin(snap); !e.empty()) return byte_error(file, r.offset(), e);
  if (auto e = read_nodes(r, file, sink, snap)) return *e;
  if (auto e = r.seal(&snap.checksum)) return *e;
  if (r.remaining() > 0) {  // the digest trailer of ZooKeeper 3.6+
    const size_t at = r.offset();
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

DataDirResult<SnapshotFile> read_snapshot(std::string file, std::string_view bytes) {
  KeepNodes keep;
  DataDirResult<SnapshotFile> read = read_snapshot(std::move(file), bytes, keep, {});
  if (auto* snap = std::get_if<SnapshotFile>(&read)) snap->nodes = std::move(keep.nodes);
  return read;
}

}  // namespace zk::sim::datadir
