// ACL lists between core's typed AclList and the generated jute records (struct ACL_vector of
// ACL {perms, Id {scheme, id}}): a decoded vector copied into an AclList, and an AclList lent
// to a serializer as an ACL_vector that points into it (valid while both live, never
// deallocated).
#pragma once

#include <vector>

#include "core/acl.h"
#include "sim/jute/jute_archive.h"

namespace zk::jute {

AclList acl_list(const ::ACL_vector& vector);

class BorrowedAcls {
 public:
  explicit BorrowedAcls(const AclList& acl);
  BorrowedAcls(const BorrowedAcls&) = delete;
  BorrowedAcls& operator=(const BorrowedAcls&) = delete;
  const ::ACL_vector& vector() const { return vector_; }

 private:
  std::vector<::ACL> entries_;
  ::ACL_vector vector_{};
};

// The same for WhoAmI's ClientInfo list.
class BorrowedClientInfos {
 public:
  explicit BorrowedClientInfos(const std::vector<ClientInfo>& infos);
  BorrowedClientInfos(const BorrowedClientInfos&) = delete;
  BorrowedClientInfos& operator=(const BorrowedClientInfos&) = delete;
  const ::ClientInfo_vector& vector() const { return vector_; }

 private:
  std::vector<::ClientInfo> entries_;
  ::ClientInfo_vector vector_{};
};

}  // namespace zk::jute
