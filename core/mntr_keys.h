// The fixed part of ZooKeeper 3.8.0's mntr key list (without the "zk_" prefix), in the order
// a real 3.8.0 leader, follower or observer prints it (its metrics provider's hash-map order, captured
// from a real ensemble by tools/oracle/mntr_keys.py). Data, not logic: four_letter_mntr.cpp
// decides each key's value.
#pragma once

#include <span>

namespace zk {

enum class MntrRole { kLeader, kFollower, kObserver };  // a LOOKING server prints the follower's list

std::span<const char* const> mntr_fixed_keys(MntrRole role);

}  // namespace zk
