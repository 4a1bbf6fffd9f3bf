// AclList <-> jute ACL_vector: see jute_acl.h.
#include "sim/jute/jute_acl.h"

#include <algorithm>

namespace zk::jute {
namespace {

std::string str(const char* s) { return s == nullptr ? std::string() : std::string(s); }
char* c_str(const std::string& s) { return const_cast<char*>(s.c_str()); }

}  // namespace

AclList acl_list(const ::ACL_vector& vector) {
  AclList out;
  out.reserve(static_cast<size_t>(std::max(0, vector.count)));
  for (int32_t i = 0; i < vector.count; ++i) {
    const ::ACL& a = vector.data[i];
    out.push_back(Acl{a.perms, AuthId{str(a.id.scheme), str(a.id.id)}});
  }
  return out;
}

BorrowedAcls::BorrowedAcls(const AclList& acl) {
  entries_.reserve(acl.size());
  for (const Acl& a : acl) entries_.push_back(::ACL{a.perms, ::Id{c_str(a.id.scheme), c_str(a.id.id)}});
  vector_.count = static_cast<int32_t>(entries_.size());
  vector_.data = entries_.data();
}

BorrowedClientInfos::BorrowedClientInfos(const std::vector<ClientInfo>& infos) {
  entries_.reserve(infos.size());
  for (const ClientInfo& i : infos) entries_.push_back(::ClientInfo{c_str(i.auth_scheme), c_str(i.user)});
  vector_.count = static_cast<int32_t>(entries_.size());
  vector_.data = entries_.data();
}

}  // namespace zk::jute
