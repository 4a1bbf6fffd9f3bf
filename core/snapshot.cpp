// Snapshot encoding: little-endian fixed-width integers, u32-length-prefixed strings, a
// trailing CRC-32. The decoder checks every length against the bytes left.
#include "core/snapshot.h"

#include <array>
#include <bit>
#include <cstring>

#include "core/path_utils.h"

namespace zk {
namespace {

constexpr std::string_view kMagic = "ZKSNAP02";
constexpr size_t kChecksumBytes = 4;
// Smallest encoded node: path length + 1 byte path, 4 longs + 3 ints + 2 longs, data length,
// ACL key.
constexpr size_t kMinNodeBytes = 4 + 1 + 8 * 6 + 4 * 3 + 4 + 8;
// Smallest ACL cache entry: key, list length; smallest ACL: perms, two empty strings.
constexpr size_t kMinAclEntryBytes = 8 + 4;
constexpr size_t kMinAclBytes = 4 + 4 + 4;

// Slicing-by-8 tables: kCrcTables[0] is the classic byte table; kCrcTables[k][i] is the CRC
// of byte i followed by k zero bytes, so eight bytes fold in per step.
using CrcTables = std::array<std::array<uint32_t, 256>, 8>;
constexpr CrcTables make_crc_tables() {
  CrcTables tables{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
    tables[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; ++i) {
    for (size_t k = 1; k < 8; ++k) tables[k][i] = tables[0][tables[k - 1][i] & 0xffU] ^ (tables[k - 1][i] >> 8);
  }
  return tables;
}
constexpr CrcTables kCrcTables = make_crc_tables();

// Appends little-endian fields to a string it does not own.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void u32(uint32_t v) {
    char b[4];
    for (int i = 0; i < 4; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xffU);
    out_.append(b, sizeof b);
  }
  void i32(int32_t v) { u32(static_cast<uint32_t>(v)); }
  void i64(int64_t v) {
    const auto u = static_cast<uint64_t>(v);
    char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((u >> (8 * i)) & 0xffU);
    out_.append(b, sizeof b);
  }
  void str(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void raw(std::string_view s) { out_.append(s); }
  std::string& bytes() { return out_; }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool u32(uint32_t* v) {
    if (in_.size() - pos_ < 4) return false;
    uint32_t r = 0;
    for (int i = 0; i < 4; ++i) r |= static_cast<uint32_t>(static_cast<uint8_t>(in_[pos_ + i])) << (8 * i);
    pos_ += 4;
    *v = r;
    return true;
  }
  bool i32(int32_t* v) {
    uint32_t u = 0;
    if (!u32(&u)) return false;
    *v = static_cast<int32_t>(u);
    return true;
  }
  bool i64(int64_t* v) {
    if (in_.size() - pos_ < 8) return false;
    uint64_t r = 0;
    for (int i = 0; i < 8; ++i) r |= static_cast<uint64_t>(static_cast<uint8_t>(in_[pos_ + i])) << (8 * i);
    pos_ += 8;
    *v = static_cast<int64_t>(r);
    return true;
  }
  bool str(std::string_view* s) {
    uint32_t len = 0;
    if (!u32(&len) || in_.size() - pos_ < len) return false;
    *s = in_.substr(pos_, len);
    pos_ += len;
    return true;
  }
  bool raw(size_t len, std::string_view* s) {
    if (in_.size() - pos_ < len) return false;
    *s = in_.substr(pos_, len);
    pos_ += len;
    return true;
  }
  size_t remaining() const { return in_.size() - pos_; }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

std::optional<DataTree> fail(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
  return std::nullopt;
}

}  // namespace

uint32_t crc32(std::string_view bytes) {
  uint32_t c = 0xffffffffU;
  const auto byte = [&bytes](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])); };
  // Four bytes as a little-endian number (one load where the host is little-endian).
  const auto le32 = [&bytes, &byte](size_t i) {
    if constexpr (std::endian::native == std::endian::little) {
      uint32_t v = 0;
      std::memcpy(&v, bytes.data() + i, sizeof v);
      return v;
    }
    return byte(i) | byte(i + 1) << 8 | byte(i + 2) << 16 | byte(i + 3) << 24;
  };
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    const uint32_t low = c ^ le32(i);
    const uint32_t high = le32(i + 4);
    c = kCrcTables[7][low & 0xffU] ^ kCrcTables[6][(low >> 8) & 0xffU] ^ kCrcTables[5][(low >> 16) & 0xffU] ^
        kCrcTables[4][low >> 24] ^ kCrcTables[3][high & 0xffU] ^ kCrcTables[2][(high >> 8) & 0xffU] ^
        kCrcTables[1][(high >> 16) & 0xffU] ^ kCrcTables[0][high >> 24];
  }
  for (; i < bytes.size(); ++i) c = kCrcTables[0][(c ^ byte(i)) & 0xffU] ^ (c >> 8);
  return c ^ 0xffffffffU;
}

// The ACL cache as the snapshot stores it: count, then per key its list.
static void write_acl_cache(Writer& w, const std::vector<std::pair<int64_t, AclList>>& entries) {
  w.i64(static_cast<int64_t>(entries.size()));
  for (const auto& [key, acl] : entries) {
    w.i64(key);
    w.u32(static_cast<uint32_t>(acl.size()));
    for (const Acl& entry : acl) {
      w.i32(entry.perms);
      w.str(entry.id.scheme);
      w.str(entry.id.id);
    }
  }
}

// One node as the snapshot stores it: path, StatPersisted, data, ACL key.
static void write_node(Writer& w, std::string_view path, const StatPersisted& s, std::string_view data,
                       int64_t acl_key) {
  w.str(path);
    w.i64(s.czxid);
    w.i64(s.mzxid);
    w.i64(s.ctime_ms);
    w.i64(s.mtime_ms);
    w.i32(s.version);
    w.i32(s.cversion);
    w.i32(s.aversion);
    w.i64(s.ephemeral_owner);
    w.i64(s.pzxid);
  w.str(data);
  w.i64(acl_key);
}

std::string serialize_snapshot(const DataTree& tree) {
  std::string out;
  Writer w(out);
  w.raw(kMagic);
  w.i64(tree.last_processed_zxid());
  write_acl_cache(w, tree.acl_cache().entries());
  w.i64(static_cast<int64_t>(tree.node_count()));
  tree.for_each_node([&w, &tree](std::string_view path, const StatPersisted& s, std::string_view data, int32_t) {
    write_node(w, path, s, data, tree.acl_key(path).value_or(AclCache::kOpenUnsafeKey));
  });
  const std::vector<std::pair<SessionId, int64_t>> sessions = tree.sessions();
  w.i64(static_cast<int64_t>(sessions.size()));
  for (const auto& [session, timeout_ms] : sessions) {
    w.i64(session);
    w.i64(timeout_ms);
  }
  w.u32(crc32(w.bytes()));
  return out;
}

SnapshotBuilder::SnapshotBuilder(Zxid last_processed_zxid, std::vector<std::pair<int64_t, AclList>> acls)
    : last_processed_zxid_(last_processed_zxid) {
  // ReferenceCountedACLCache.deserialize: the map replaces the new tree's (usage 0 each).
  tree_.acl_cache_ = AclCache{};
  for (auto& [key, acl] : acls) tree_.acl_cache_.restore(key, std::move(acl));
}

bool SnapshotBuilder::add_node(const SnapshotNodeInput& node) {
  if (!error_.empty()) return false;
  const bool first = node_count_ == 0;
  ++node_count_;
  if (first != (node.path == "/") || validate_path(node.path) != ErrorCode::kOk) {
    error_ = "snapshot holds a bad path";
  } else if (tree_.acl_cache_.convert_long(node.acl_key) == nullptr) {
    error_ = "snapshot node " + std::string(node.path) + " names ACL " + std::to_string(node.acl_key) +
             ", which its ACL cache does not hold";
  } else if (!tree_.restore_node(node.path, node.stat, node.data, node.acl_key)) {
    error_ = "snapshot node without a parent";
  }
  return error_.empty();
}

std::optional<DataTree> SnapshotBuilder::build(const std::vector<std::pair<SessionId, int64_t>>& sessions,
                                               std::string* error) && {
  if (!error_.empty()) return fail(error, error_);
  if (tree_.node_count() != node_count_) return fail(error, "snapshot lacks system nodes");
  if (tree_.acl_cache_.convert_long(tree_.acl_key("/zookeeper/config").value_or(0)) == nullptr) {
    return fail(error, "snapshot lacks /zookeeper/config's ACL");
  }
  tree_.acl_cache_.purge_unused();
  for (const auto& [session, timeout_ms] : sessions) tree_.add_session(session, timeout_ms);
  tree_.last_processed_zxid_ = last_processed_zxid_;
  return std::move(tree_);
}

std::optional<DataTree> load_snapshot(std::string_view bytes, std::string* error) {
  if (bytes.size() < kMagic.size() + kChecksumBytes) return fail(error, "snapshot truncated");
  const std::string_view body = bytes.substr(0, bytes.size() - kChecksumBytes);
  Reader trailer(bytes.substr(body.size()));
  uint32_t stored_crc = 0;
  trailer.u32(&stored_crc);
  if (crc32(body) != stored_crc) return fail(error, "snapshot checksum mismatch");

  Reader r(body);
  std::string_view magic;
  if (!r.raw(kMagic.size(), &magic) || magic != kMagic) return fail(error, "not a zksim snapshot");
  int64_t last_zxid = 0;
  if (!r.i64(&last_zxid)) return fail(error, "snapshot truncated in header");
  int64_t acl_count = 0;
  if (!r.i64(&acl_count) || acl_count < 0 || static_cast<uint64_t>(acl_count) > r.remaining() / kMinAclEntryBytes) {
    return fail(error, "snapshot ACL cache size out of range");
  }
  std::vector<std::pair<int64_t, AclList>> acls;
  for (int64_t i = 0; i < acl_count; ++i) {
    int64_t key = 0;
    uint32_t list_size = 0;
    if (!r.i64(&key) || !r.u32(&list_size) || list_size > r.remaining() / kMinAclBytes) {
      return fail(error, "snapshot truncated in the ACL cache");
    }
    AclList acl(list_size);
    for (Acl& entry : acl) {
      std::string_view scheme;
      std::string_view id;
      if (!r.i32(&entry.perms) || !r.str(&scheme) || !r.str(&id)) return fail(error, "snapshot truncated in an ACL");
      entry.id = AuthId{std::string(scheme), std::string(id)};
    }
    acls.emplace_back(key, std::move(acl));
  }
  SnapshotBuilder builder(last_zxid, std::move(acls));
  int64_t node_count = 0;
  if (!r.i64(&node_count)) return fail(error, "snapshot truncated in header");
  if (node_count < 4 || static_cast<uint64_t>(node_count) > r.remaining() / kMinNodeBytes) {
    return fail(error, "snapshot node count out of range");
  }
  for (int64_t i = 0; i < node_count; ++i) {
    SnapshotNodeInput node;
    StatPersisted& s = node.stat;
    const bool ok = r.str(&node.path) && r.i64(&s.czxid) && r.i64(&s.mzxid) && r.i64(&s.ctime_ms) &&
                    r.i64(&s.mtime_ms) && r.i32(&s.version) && r.i32(&s.cversion) && r.i32(&s.aversion) &&
                    r.i64(&s.ephemeral_owner) && r.i64(&s.pzxid) && r.str(&node.data) && r.i64(&node.acl_key);
    if (!ok) return fail(error, "snapshot truncated in node list");
    if (!builder.add_node(node)) return fail(error, builder.error());
  }
  int64_t session_count = 0;
  if (!r.i64(&session_count) || session_count < 0 || static_cast<uint64_t>(session_count) > r.remaining() / 16) {
    return fail(error, "snapshot session table out of range");
  }
  std::vector<std::pair<SessionId, int64_t>> sessions;
  for (int64_t i = 0; i < session_count; ++i) {
    int64_t session = 0;
    int64_t timeout_ms = 0;
    if (!r.i64(&session) || !r.i64(&timeout_ms)) return fail(error, "snapshot truncated in sessions");
    sessions.emplace_back(session, timeout_ms);
  }
  if (r.remaining() != 0) return fail(error, "snapshot has trailing bytes");
  return std::move(builder).build(sessions, error);
}

}  // namespace zk
