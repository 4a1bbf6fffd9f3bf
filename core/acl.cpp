// ACL rules as ZooKeeper 3.8.0 applies them: see acl.h. Java's String.split and
// Integer.parseInt are reproduced where the providers' answers depend on them.
#include "core/acl.h"

#include <algorithm>
#include <array>
#include <optional>

#include "core/java_hash_set.h"

namespace zk {
namespace {

constexpr std::string_view kWorld = "world";
constexpr std::string_view kAnyone = "anyone";
constexpr std::string_view kDigest = "digest";
constexpr std::string_view kIp = "ip";
constexpr std::string_view kSuper = "super";

bool is_world_anyone(const AuthId& id) { return id.scheme == kWorld && id.id == kAnyone; }

// ProviderRegistry of a stock server: ip and digest.
bool provider_known(std::string_view scheme) { return scheme == kIp || scheme == kDigest; }
// ServerAuthenticationProvider.isAuthenticated: digest yes, ip no.
bool provider_authenticated(std::string_view scheme) { return scheme == kDigest; }

// Integer.parseInt: an optional sign, then 1..n decimal digits, within int range.
std::optional<int64_t> java_parse_int(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    i = 1;
  }
  if (i == text.size()) return std::nullopt;
  int64_t value = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
    if (value > 2147483648LL) return std::nullopt;
  }
  if (negative) value = -value;
  if (value > 2147483647LL) return std::nullopt;
  return value;
}

// IPAuthenticationProvider.v4addr2Bytes: split("\\.", -1) into exactly four 0..255 parts.
std::optional<std::array<uint8_t, 4>> v4_bytes(std::string_view address) {
  std::array<uint8_t, 4> bytes{};
  size_t part = 0;
  size_t start = 0;
  for (size_t i = 0; i <= address.size(); ++i) {
    if (i < address.size() && address[i] != '.') continue;
    if (part == 4) return std::nullopt;
    const std::optional<int64_t> v = java_parse_int(address.substr(start, i - start));
    if (!v || *v < 0 || *v > 255) return std::nullopt;
    bytes[part++] = static_cast<uint8_t>(*v);
    start = i + 1;
  }
  if (part != 4) return std::nullopt;
  return bytes;
}

void mask_bits(std::array<uint8_t, 4>* bytes, int64_t bits) {
  for (size_t i = 0; i < bytes->size(); ++i) {
    const int64_t keep = bits - static_cast<int64_t>(8 * i);
    if (keep >= 8) continue;
    const int mask = keep <= 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    (*bytes)[i] = static_cast<uint8_t>((*bytes)[i] & mask);
  }
}

// "a.b.c.d" or "a.b.c.d/bits" with bits in 0..32 (split("/", 2)).
bool parse_ip_expression(std::string_view expression, std::array<uint8_t, 4>* bytes, int64_t* bits) {
  const size_t slash = expression.find('/');
  const std::optional<std::array<uint8_t, 4>> address = v4_bytes(expression.substr(0, slash));
  if (!address) return false;
  *bytes = *address;
  *bits = 32;
  if (slash == std::string_view::npos) return true;
  const std::optional<int64_t> parsed = java_parse_int(expression.substr(slash + 1));
  if (!parsed || *parsed < 0 || *parsed > 32) return false;
  *bits = *parsed;
  return true;
}

bool provider_matches(std::string_view scheme, std::string_view id, std::string_view acl_id) {
  if (scheme == kDigest) return id == acl_id;
  if (scheme == kIp) return ip_matches(id, acl_id);
  return false;
}

}  // namespace

AclList open_acl_unsafe() { return {Acl{perms::kAll, AuthId{std::string(kWorld), std::string(kAnyone)}}}; }
AclList read_acl_unsafe() { return {Acl{perms::kRead, AuthId{std::string(kWorld), std::string(kAnyone)}}}; }

bool digest_id_valid(std::string_view id) {
  // Java's split(":") drops trailing empty parts: count the parts up to the last non-empty one.
  size_t parts = 0;
  size_t start = 0;
  size_t counted = 0;
  for (size_t i = 0; i <= id.size(); ++i) {
    if (i < id.size() && id[i] != ':') continue;
    ++parts;
    if (i > start) counted = parts;
    start = i + 1;
  }
  // An empty string splits into one (empty) part.
  if (id.empty()) return false;
  return counted == 2;
}

bool ip_id_valid(std::string_view id) {
  std::array<uint8_t, 4> bytes{};
  int64_t bits = 0;
  return parse_ip_expression(id, &bytes, &bits);
}

bool ip_matches(std::string_view address, std::string_view acl_expression) {
  std::array<uint8_t, 4> acl_bytes{};
  int64_t bits = 0;
  if (!parse_ip_expression(acl_expression, &acl_bytes, &bits)) return false;
  std::optional<std::array<uint8_t, 4>> remote = v4_bytes(address);
  if (!remote) return false;
  mask_bits(&acl_bytes, bits);
  mask_bits(&*remote, bits);
  return *remote == acl_bytes;
}

ErrorCode fixup_acl(const AclList& requested, const std::vector<AuthId>& auth_info, AclList* fixed) {
  AclList unique;
  for (const Acl& acl : requested) {
    bool seen = false;
    for (const Acl& kept : unique) seen = seen || kept == acl;
    if (!seen) unique.push_back(acl);
  }
  if (unique.empty()) return ErrorCode::kInvalidAcl;
  AclList out;
  for (const Acl& acl : unique) {
    if (is_world_anyone(acl.id)) {
      out.push_back(acl);
    } else if (acl.id.scheme == "auth") {
      bool expanded = false;
      for (const AuthId& id : auth_info) {
        if (!provider_authenticated(id.scheme)) continue;
        expanded = true;
        out.push_back(Acl{acl.perms, id});
      }
      if (!expanded) return ErrorCode::kInvalidAcl;
    } else {
      const bool valid = (acl.id.scheme == kDigest && digest_id_valid(acl.id.id)) ||
                         (acl.id.scheme == kIp && ip_id_valid(acl.id.id));
      if (!valid) return ErrorCode::kInvalidAcl;
      out.push_back(acl);
    }
  }
  *fixed = std::move(out);
  return ErrorCode::kOk;
}

bool check_acl(const AclList& acl, int32_t perm, const std::vector<AuthId>& auth_info) {
  if (acl.empty()) return true;
  for (const AuthId& id : auth_info) {
    if (id.scheme == kSuper) return true;
  }
  for (const Acl& entry : acl) {
    if ((entry.perms & perm) == 0) continue;
    if (is_world_anyone(entry.id)) return true;
    if (!provider_known(entry.id.scheme)) continue;
    for (const AuthId& id : auth_info) {
      if (id.scheme == entry.id.scheme && provider_matches(id.scheme, id.id, entry.id.id)) return true;
    }
  }
  return false;
}

AclList redact_digests(const AclList& acl) {
  AclList out = acl;
  for (Acl& entry : out) {
    if (entry.id.scheme != kDigest) continue;
    // replaceAll(":.*", ":x"): from the first ':' on (no newline in the id, or '.' stops there).
    const size_t colon = entry.id.id.find(':');
    if (colon == std::string::npos) continue;
    const size_t newline = entry.id.id.find_first_of("\n\r", colon);
    std::string tail = newline == std::string::npos ? std::string() : entry.id.id.substr(newline);
    entry.id.id = entry.id.id.substr(0, colon) + ":x" + tail;
  }
  return out;
}

std::vector<AuthId> auth_info_order(const std::vector<AuthId>& insertion_order) {
  size_t table_size = 16;
  while (insertion_order.size() * 4 > table_size * 3) table_size *= 2;
  const auto bin = [table_size](const AuthId& id) {
    uint32_t h = 17;
    h = 37 * h + static_cast<uint32_t>(java_string_hash_code(id.scheme));
    h = 37 * h + static_cast<uint32_t>(java_string_hash_code(id.id));
    const uint32_t spread = (h ^ (h >> 16)) & 0x7fffffffU;
    return spread & (table_size - 1);
  };
  std::vector<AuthId> out = insertion_order;
  std::stable_sort(out.begin(), out.end(), [&](const AuthId& a, const AuthId& b) { return bin(a) < bin(b); });
  return out;
}

std::vector<ClientInfo> client_infos(const std::vector<AuthId>& auth_info) {
  std::vector<ClientInfo> out;
  out.reserve(auth_info.size());
  for (const AuthId& id : auth_info) {
    std::string user;
    if (id.scheme == kDigest) {
      user = id.id.substr(0, id.id.find(':'));
    } else if (id.scheme == kIp) {
      user = id.id;
    }
    // No provider (super, world): AuthUtil.getUser gives null, ClientInfo gets "".
    out.push_back(ClientInfo{id.scheme, std::move(user)});
  }
  return out;
}

std::string perms_text(int32_t value) {
  std::string out;
  if ((value & perms::kCreate) != 0) out.push_back('c');
  if ((value & perms::kDelete) != 0) out.push_back('d');
  if ((value & perms::kRead) != 0) out.push_back('r');
  if ((value & perms::kWrite) != 0) out.push_back('w');
  if ((value & perms::kAdmin) != 0) out.push_back('a');
  return out;
}

std::string acl_text(const Acl& acl) { return acl.id.scheme + ":" + acl.id.id + ":" + perms_text(acl.perms); }

std::string acl_list_text(const AclList& acl) {
  std::string out;
  for (const Acl& entry : acl) {
    if (!out.empty()) out.push_back(',');
    out += acl_text(entry);
  }
  return out;
}

bool parse_acl_text(std::string_view text, AclList* out, std::string* error) {
  AclList parsed;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != ',') continue;
    const std::string_view entry = text.substr(start, i - start);
    start = i + 1;
    const size_t first = entry.find(':');
    const size_t last = entry.rfind(':');
    if (first == std::string_view::npos || first == last) {
      *error = "ACL '" + std::string(entry) + "' does not have the form scheme:id:perm";
      return false;
    }
    Acl acl;
    acl.id.scheme = std::string(entry.substr(0, first));
    acl.id.id = std::string(entry.substr(first + 1, last - first - 1));
    for (const char c : entry.substr(last + 1)) {
      switch (c) {
        case 'r': acl.perms |= perms::kRead; break;
        case 'w': acl.perms |= perms::kWrite; break;
        case 'c': acl.perms |= perms::kCreate; break;
        case 'd': acl.perms |= perms::kDelete; break;
        case 'a': acl.perms |= perms::kAdmin; break;
        default:
          *error = "ACL '" + std::string(entry) + "': unknown perm '" + std::string(1, c) + "' (perms are of cdrwa)";
          return false;
      }
    }
    parsed.push_back(std::move(acl));
  }
  *out = std::move(parsed);
  return true;
}

}  // namespace zk
