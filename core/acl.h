// ACLs and authentication ids as ZooKeeper 3.8 has them (org.apache.zookeeper.data.ACL / Id,
// ZooDefs.Perms, ZooDefs.Ids) and the rules the server applies to them: PrepRequestProcessor
// .fixupACL (validation and the `auth` expansion), ZooKeeperServer.checkACL (a permission
// against a node's list and a connection's ids), the ip and digest providers' isValid /
// matches, and FinalRequestProcessor's getACL redaction of digests. Only the providers a
// stock 3.8.0 server registers exist here: `ip` and `digest` (plus `world:anyone`, and the
// `super` id a super digest grants). Everything is a plain value; nothing here allocates
// beyond the strings and lists it returns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error_code.h"

namespace zk {

// ZooDefs.Perms: a bitmask.
namespace perms {
inline constexpr int32_t kRead = 1, kWrite = 2, kCreate = 4, kDelete = 8, kAdmin = 16, kAll = 31;
}

// An authentication id: a scheme and an id in that scheme's syntax ("digest",
// "user:base64(sha1)"; "ip", "10.0.0.0/8"; "world", "anyone"; "super", "").
struct AuthId {
  std::string scheme;
  std::string id;
  bool operator==(const AuthId&) const = default;
  auto operator<=>(const AuthId&) const = default;
};

struct Acl {
  int32_t perms = 0;
  AuthId id;
  bool operator==(const Acl&) const = default;
  auto operator<=>(const Acl&) const = default;
};
using AclList = std::vector<Acl>;

// ZooDefs.Ids.OPEN_ACL_UNSAFE (world:anyone, every permission) and READ_ACL_UNSAFE.
AclList open_acl_unsafe();
AclList read_acl_unsafe();

// PrepRequestProcessor.fixupACL: duplicates dropped (first kept), an empty list or an id of
// an unknown scheme or of invalid syntax is INVALIDACL, `auth` expands to every
// authenticated id of `auth_info` (digest ids; `ip` ids are not "authenticated") and is
// INVALIDACL when there is none. On success *fixed is the list as it will be stored.
ErrorCode fixup_acl(const AclList& requested, const std::vector<AuthId>& auth_info, AclList* fixed);

// ZooKeeperServer.checkACL: true when an empty list, a `super` id in auth_info, or an entry
// with one of `perm`'s bits whose id matches (world:anyone, or an id of the same scheme
// that the provider matches) grants it.
bool check_acl(const AclList& acl, int32_t perm, const std::vector<AuthId>& auth_info);

// FinalRequestProcessor's getACL without ADMIN: every digest id "user:hash" becomes "user:x".
AclList redact_digests(const AclList& acl);

// DigestAuthenticationProvider.isValid: Java's id.split(":") gives exactly two parts
// (trailing empty parts dropped, so "u:" is invalid and ":h" valid).
bool digest_id_valid(std::string_view id);
// IPAuthenticationProvider.isValid / matches: IPv4 "a.b.c.d" with an optional "/bits".
bool ip_id_valid(std::string_view id);
bool ip_matches(std::string_view address, std::string_view acl_expression);

// ServerCnxn.getAuthInfo: the connection's ids in the iteration order of the set ZooKeeper keeps
// them in (a ConcurrentHashMap key set: bins of Id.hashCode, jute's 37 * (37 * 17 +
// scheme.hashCode()) + id.hashCode(), spread, in a table of 16 doubled past 3/4 full; a bin
// in insertion order). `insertion_order` holds no duplicates. This order reaches clients:
// whoAmI lists it, and an `auth` ACL expands in it. (A table that grew past 16 may reorder a
// bin on transfer in Java; not modelled.)
std::vector<AuthId> auth_info_order(const std::vector<AuthId>& insertion_order);

// ZooKeeper's WhoAmI ClientInfo (AuthUtil.getClientInfos): the scheme and the user name the
// provider gives the id (digest: the part before ':'; ip and others: the id itself).
struct ClientInfo {
  std::string auth_scheme;
  std::string user;
  bool operator==(const ClientInfo&) const = default;
};
std::vector<ClientInfo> client_infos(const std::vector<AuthId>& auth_info);

// zkCli's ACL text: "cdrwa" for perms (in that order), "scheme:id:perms" per entry,
// entries joined by ','. parse_acl_text returns false with *error for text zkCli's
// AclParser would not turn into a list ("digest:u:h:cdrwa" splits at the first and last ':').
std::string perms_text(int32_t perms);
std::string acl_text(const Acl& acl);
std::string acl_list_text(const AclList& acl);
bool parse_acl_text(std::string_view text, AclList* out, std::string* error);

}  // namespace zk
