// The fuzzer's workload and fault generator: one seed becomes one Scenario (the same AST a
// `.zks` file parses into), so a fuzz run is executed exactly like `zksim run` executes a
// file, and shrinking and reproducing work on plain scenario steps. The scenario starts
// the ensemble, creates the recipes' znodes, connects the clients, switches to
// `clients async` (operations overlap) and then interleaves use-case recipes (config
// get/set with watches, locks with ephemeral sequential nodes, queues, group membership,
// versioned counters with sync) with the chosen faults, and ends by healing everything
// and waiting for the ensemble to converge.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/injected_bug.h"
#include "sim/scenario.h"

namespace zk::sim {

enum class FuzzFault : uint8_t { kCrash, kPartition, kPause, kLoss, kDuplicate, kReorder, kSlowDisk };
const char* fuzz_fault_name(FuzzFault fault);
// "crash,partition" or "all" or "none"; returns an error message or empty.
std::string parse_fuzz_faults(const std::string& list, std::set<FuzzFault>& out);

struct FuzzOptions {
  int servers = 5;
  int clients = 10;
  int64_t duration_us = 60'000'000;  // virtual time of the random phase
  // The default: every fault that TCP-connected ZooKeeper servers can meet. duplicate and
  // reorder break TCP's in-order, exactly-once delivery that ZooKeeper relies on; they are
  // opt-in (--faults all) to show what the protocol depends on.
  std::set<FuzzFault> faults{FuzzFault::kCrash, FuzzFault::kPartition, FuzzFault::kPause, FuzzFault::kLoss,
                             FuzzFault::kSlowDisk};
  InjectedBug bug = InjectedBug::kNone;
  UpstreamBugs upstream_bugs;  // --bugs: the cluster line's bugs= (ZooKeeper 3.8's own data-loss bugs)
};

Scenario generate_fuzz_scenario(uint64_t seed, const FuzzOptions& options);

}  // namespace zk::sim
