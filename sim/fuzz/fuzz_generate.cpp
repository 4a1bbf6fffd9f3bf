// generate_fuzz_scenario: seeds to scenario steps (see fuzz_generate.h). Everything random
// comes from one Prng seeded with the fuzz seed; the world's own PRNG uses the same seed.
#include "sim/fuzz/fuzz_generate.h"

#include <fmt/format.h>

#include <algorithm>

#include "sim/world/prng.h"
#include "sim/text/text_words.h"

namespace zk::sim {

const char* fuzz_fault_name(FuzzFault fault) {
  switch (fault) {
    case FuzzFault::kCrash: return "crash";
    case FuzzFault::kPartition: return "partition";
    case FuzzFault::kPause: return "pause";
    case FuzzFault::kLoss: return "loss";
    case FuzzFault::kDuplicate: return "duplicate";
    case FuzzFault::kReorder: return "reorder";
    case FuzzFault::kSlowDisk: return "slow-disk";
  }
  return "?";
}

std::string parse_fuzz_faults(const std::string& list, std::set<FuzzFault>& out) {
  constexpr FuzzFault kEvery[] = {FuzzFault::kCrash, FuzzFault::kPartition, FuzzFault::kPause, FuzzFault::kLoss,
                                  FuzzFault::kDuplicate, FuzzFault::kReorder, FuzzFault::kSlowDisk};
  out.clear();
  if (list == "none") return {};
  if (list == "all") {
    out = kTcpPreservingFaults;
    return {};
  }
  if (list == "all-including-non-tcp") {
    out.insert(std::begin(kEvery), std::end(kEvery));
    return {};
  }
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    const std::string name = list.substr(start, comma - start);
    const auto* found = std::find_if(std::begin(kEvery), std::end(kEvery),
                                     [&](FuzzFault f) { return name == fuzz_fault_name(f); });
    if (found == std::end(kEvery)) {
      return fmt::format("unknown fault '{}' (crash, partition, pause, loss, slow-disk, duplicate, reorder, all, "
                         "all-including-non-tcp, none)",
                         word_for_message(name));
    }
    out.insert(*found);
    start = comma + 1;
  }
  return {};
}

namespace {

constexpr int64_t kMs = 1000;
constexpr int64_t kS = 1'000'000;

class Generator {
 public:
  Generator(uint64_t seed, const FuzzOptions& options) : prng_(seed ^ 0x5eedf022ULL), options_(options) {
    up_.assign(static_cast<size_t>(options.servers) + 1, true);
    paused_.assign(static_cast<size_t>(options.servers) + 1, false);
    // A partition splits the servers into two non-empty groups, so it needs two of them;
    // with one server it is left out of the schedule (the other faults still run).
    for (const FuzzFault fault : options.faults) {
      if (fault == FuzzFault::kPartition && options.servers < 2) continue;
      fault_kinds_.push_back(fault);
    }
    scenario_.file_name = fmt::format("fuzz-seed-{}.zks", seed);
    scenario_.setup_line = 1;
    Cluster cluster{.server_count = options.servers, .seed = seed, .upstream_bugs = options.upstream_bugs};
    cluster.snap_count = options.snap_count;
    // --observers K: K distinct servers drawn for this seed observe (no draw without them,
    // so campaigns without observers generate what they always did).
    while (static_cast<int>(cluster.observers.size()) < std::min(options.observers, options.servers - 1)) {
      const int id = static_cast<int>(draw(1, options.servers));
      if (std::find(cluster.observers.begin(), cluster.observers.end(), id) == cluster.observers.end()) {
        cluster.observers.push_back(id);
      }
    }
    std::sort(cluster.observers.begin(), cluster.observers.end());
    scenario_.setup = cluster;
  }

  Scenario generate() {
    Start start;
    for (int id = 1; id <= options_.servers; ++id) start.servers.push_back(ref(id));
    add(start);
    add(RunUntilLeader{});
    add(ClientConnect{.client = "init", .server = ref(1)});
    for (const char* path : {"/config", "/locks", "/queue", "/members", "/counter"}) {
      add(ClientCreate{.client = "init", .path = path, .data = "0"});
    }
    add(ClientClose{.client = "init"});
    for (int c = 1; c <= options_.clients; ++c) {
      add(ClientConnect{.client = client_name(c), .server = ref(static_cast<int>(draw(1, options_.servers))),
                        .timeout_us = draw(4, 10) * kS});
    }
    add(SetClients{.async = true});
    int64_t planned_us = 0;
    while (planned_us < options_.duration_us) {
      const int64_t roll = draw(0, 99);
      if (roll < 55) {
        client_op();
      } else if (roll < 85 || fault_kinds_.empty()) {
        const int64_t run_us = draw(5, 800) * kMs;
        planned_us += run_us;
        add(Run{.duration_us = run_us});
      } else {
        fault();
      }
    }
    // The end: every fault repaired, then the ensemble must converge.
    add(SetClients{.async = false});
    add(Heal{});
    add(SetNetwork{.loss_ppm = 0, .duplicate_ppm = 0, .reorder_ppm = 0});
    add(SetDisk{});
    for (int id = 1; id <= options_.servers; ++id) {
      if (paused_[static_cast<size_t>(id)]) add(Resume{.server = ref(id)});
      if (!up_[static_cast<size_t>(id)]) add(Restart{.server = ref(id)});
    }
    add(RunUntilConverged{.timeout_us = 120 * kS});
    return std::move(scenario_);
  }

 private:
  static ServerRef ref(int id) { return ServerRef{.is_leader = false, .id = id}; }
  static std::string client_name(int c) { return fmt::format("c{}", c); }
  int64_t draw(int64_t lo, int64_t hi) { return prng_.uniform_int(lo, hi); }
  void add(Command command) {
    scenario_.steps.push_back(Step{.line = static_cast<int>(scenario_.steps.size()) + 2, .command = std::move(command)});
  }
  std::string sequential(const char* prefix) { return fmt::format("{}{:010}", prefix, draw(0, 12)); }

  void client_op() {
    const int c = static_cast<int>(draw(1, options_.clients));
    const std::string name = client_name(c);
    const int64_t pick = draw(0, 99);
    switch (c % 5) {
      case 0:  // configuration: a writer and readers that watch
        if (pick < 40) {
          add(ClientSet{.client = name, .path = "/config", .data = fmt::format("v{}", ++value_)});
        } else if (pick < 80) {
          add(ClientGet{.client = name, .watch = true, .path = "/config"});
        } else {
          add(ClientStat{.client = name, .watch = true, .path = "/config"});
        }
        break;
      case 1:  // lock: ephemeral sequential nodes, watch the children, release by delete
        if (pick < 40) {
          add(ClientCreate{.client = name, .ephemeral = true, .sequential = true, .path = "/locks/lock-"});
        } else if (pick < 75) {
          add(ClientLs{.client = name, .watch = true, .path = "/locks"});
        } else {
          add(ClientDelete{.client = name, .path = sequential("/locks/lock-")});
        }
        break;
      case 2:  // queue: producers append sequential items, consumers read and take them
        if (pick < 40) {
          add(ClientCreate{.client = name, .sequential = true, .path = "/queue/item-", .data = fmt::format("job{}", ++value_)});
        } else if (pick < 60) {
          add(ClientLs{.client = name, .watch = pick < 50, .path = "/queue"});
        } else if (pick < 80) {
          add(ClientGet{.client = name, .path = sequential("/queue/item-")});
        } else {
          add(ClientDelete{.client = name, .path = sequential("/queue/item-")});
        }
        break;
      case 3:  // group membership with ephemeral nodes
        if (pick < 35) {
          add(ClientCreate{.client = name, .ephemeral = true, .path = "/members/" + name, .data = "up"});
        } else if (pick < 70) {
          add(ClientLs{.client = name, .watch = true, .path = "/members"});
        } else {
          add(ClientDelete{.client = name, .path = "/members/" + name});
        }
        break;
      default:  // a versioned counter, read after sync
        if (pick < 40) {
          add(ClientSet{.client = name, .path = "/counter", .data = fmt::format("{}", ++value_),
                        .version = static_cast<int32_t>(draw(-1, 12))});
        } else if (pick < 60) {
          add(ClientSync{.client = name, .path = "/counter"});
        } else {
          add(ClientGet{.client = name, .watch = pick < 70, .path = "/counter"});
        }
        break;
    }
  }

  void fault() {
    const FuzzFault kind = fault_kinds_[static_cast<size_t>(draw(0, static_cast<int64_t>(fault_kinds_.size()) - 1))];
    const int id = static_cast<int>(draw(1, options_.servers));
    const auto slot = static_cast<size_t>(id);
    switch (kind) {
      case FuzzFault::kCrash:
        if (draw(0, 3) == 0) {
          power_failure();
        } else if (up_[slot]) {
          add(Kill{.server = ref(id)});
          up_[slot] = false;
          paused_[slot] = false;
        } else {
          add(Restart{.server = ref(id)});
          up_[slot] = true;
        }
        break;
      case FuzzFault::kPartition: {
        if (partitioned_ && draw(0, 1) == 0) {
          add(Heal{});
          partitioned_ = false;
          break;
        }
        Partition partition;
        partition.groups.resize(2);
        const int split = static_cast<int>(draw(1, options_.servers - 1));
        std::vector<int> order;
        for (int s = 1; s <= options_.servers; ++s) order.push_back(s);
        for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[static_cast<size_t>(draw(0, static_cast<int64_t>(i) - 1))]);
        for (size_t i = 0; i < order.size(); ++i) {
          partition.groups[static_cast<int>(i) < split ? 0 : 1].push_back(PartitionMember{.server = ref(order[i])});
        }
        for (int c = 1; c <= options_.clients; ++c) {
          if (draw(0, 3) == 0) {
            partition.groups[static_cast<size_t>(draw(0, 1))].push_back(
                PartitionMember{.is_client = true, .client = client_name(c)});
          }
        }
        add(partition);
        partitioned_ = true;
        break;
      }
      case FuzzFault::kPause:
        if (!up_[slot]) break;
        add(paused_[slot] ? Command(Resume{.server = ref(id)}) : Command(Pause{.server = ref(id)}));
        paused_[slot] = !paused_[slot];
        break;
      case FuzzFault::kLoss:
        add(SetNetwork{.loss_ppm = draw(0, 2) == 0 ? 0 : draw(1, 50) * 1000});
        break;
      case FuzzFault::kDuplicate:
        add(SetNetwork{.duplicate_ppm = draw(0, 2) == 0 ? 0 : draw(1, 50) * 1000});
        break;
      case FuzzFault::kReorder:
        add(SetNetwork{.reorder_ppm = draw(0, 2) == 0 ? 0 : draw(1, 200) * 1000});
        break;
      case FuzzFault::kSlowDisk:
        if (draw(0, 2) == 0) {
          add(SetDisk{});
        } else {
          const int64_t max_ms = draw(5, 500);
          add(SetDisk{.fsync_min_us = max_ms * kMs / 2, .fsync_max_us = max_ms * kMs});
        }
        break;
    }
  }

  // A power failure right after a write: every running server dies within a few ms of a
  // setData that other clients read at once, while (with slow-disk) fsyncs take 100-400 ms.
  // Whatever was acknowledged must survive (ACK only after fsync), and no client may have
  // read data of a txn that is lost with the unsynced logs (reads from committed state).
  void power_failure() {
    if (options_.faults.count(FuzzFault::kSlowDisk)) add(SetDisk{.fsync_min_us = 100 * kMs, .fsync_max_us = 400 * kMs});
    add(ClientSet{.client = client_name(static_cast<int>(draw(1, options_.clients))), .path = "/config",
                  .data = fmt::format("v{}", ++value_)});
    add(Run{.duration_us = draw(2, 12) * kMs});
    for (int c = 1; c <= options_.clients; ++c) add(ClientGet{.client = client_name(c), .path = "/config"});
    add(Run{.duration_us = draw(1, 30) * kMs});
    for (int id = 1; id <= options_.servers; ++id) {
      const auto slot = static_cast<size_t>(id);
      if (!up_[slot]) continue;
      add(Kill{.server = ref(id)});
      up_[slot] = false;
      paused_[slot] = false;
    }
  }

  Prng prng_;
  const FuzzOptions& options_;
  std::vector<FuzzFault> fault_kinds_;  // options_.faults that fit the cluster, in set order
  Scenario scenario_;
  std::vector<bool> up_, paused_;
  bool partitioned_ = false;
  int64_t value_ = 0;
};

}  // namespace

Scenario generate_fuzz_scenario(uint64_t seed, const FuzzOptions& options) { return Generator(seed, options).generate(); }

}  // namespace zk::sim
