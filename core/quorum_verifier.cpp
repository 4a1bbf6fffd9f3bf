// QuorumVerifier: see quorum_verifier.h.
#include "core/quorum_verifier.h"

#include <algorithm>

#include "core/invariant.h"

namespace zk {

QuorumVerifier::QuorumVerifier(std::vector<ServerId> voters, std::vector<ServerId> observers)
    : voters_(std::move(voters)), observers_(std::move(observers)) {
  std::sort(voters_.begin(), voters_.end());
  std::sort(observers_.begin(), observers_.end());
  ZK_INVARIANT(!voters_.empty());
  for (ServerId id : voters_) ZK_INVARIANT_RESULT(voter_set_.insert(id));
  for (ServerId id : observers_) {
    ZK_INVARIANT(!voter_set_.contains(id));
    ZK_INVARIANT_RESULT(observer_set_.insert(id));
  }
}

QuorumVerifier QuorumVerifier::majority_of(int count) {
  std::vector<ServerId> voters;
  for (int id = 1; id <= count; ++id) voters.push_back(id);
  return QuorumVerifier(std::move(voters), {});
}

bool QuorumVerifier::contains_quorum(const ServerSet& ids) const {
  size_t voting = 0;
  for (ServerId id : voters_) voting += ids.contains(id) ? 1 : 0;
  return is_quorum(voting);
}

}  // namespace zk
