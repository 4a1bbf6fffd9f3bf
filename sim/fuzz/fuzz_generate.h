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
#include "sim/scenario/scenario.h"

namespace zk::sim {

enum class FuzzFault : uint8_t { kCrash, kPartition, kPause, kLoss, kDuplicate, kReorder, kSlowDisk };
const char* fuzz_fault_name(FuzzFault fault);

// Every fault that TCP-connected ZooKeeper servers can meet: crashes (and power failures),
// partitions, pauses, lost messages (a lost message breaks the connection, as on TCP) and
// slow disks. `--faults all` and the default. duplicate and reorder act on single messages
// and break TCP's in-order, exactly-once delivery that ZooKeeper relies on, so most of the
// failures they cause are expected; they are named one by one or with
// `all-including-non-tcp`, to show what the protocol depends on.
inline const std::set<FuzzFault> kTcpPreservingFaults{FuzzFault::kCrash, FuzzFault::kPartition, FuzzFault::kPause,
                                                      FuzzFault::kLoss, FuzzFault::kSlowDisk};

// "crash,partition", "all" (kTcpPreservingFaults), "all-including-non-tcp" (every fault)
// or "none"; returns an error message or empty.
std::string parse_fuzz_faults(const std::string& list, std::set<FuzzFault>& out);

struct FuzzOptions {
  int servers = 5;
  int observers = 0;  // how many of the servers are observers (drawn per seed); < servers
  int clients = 10;
  int64_t duration_us = 60'000'000;  // virtual time of the random phase
  std::set<FuzzFault> faults = kTcpPreservingFaults;  // the default: every TCP-preserving fault
  InjectedBug bug = InjectedBug::kNone;
  UpstreamBugs upstream_bugs;  // --bugs: the cluster line's bugs= (ZooKeeper 3.8's own data-loss bugs)
  int64_t snap_count = kDefaultSnapCount;  // --snap-count: the cluster line's snap-count=
};

Scenario generate_fuzz_scenario(uint64_t seed, const FuzzOptions& options);

}  // namespace zk::sim
