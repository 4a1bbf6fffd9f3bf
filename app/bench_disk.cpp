// `zksim bench disk [--nodes N] [--txns M] [--dir DIR]`: writes a ZooKeeper 3.8 data
// directory with a snapshot of N znodes (16-byte data, 1,000 per parent) and a log of M
// setData txns after it (sim/datadir/data_dir_writer.h), then restores it as ZooKeeper
// would (list, newest snapshot, log replay, epochs; sim/datadir/restore.h) and prints the
// seconds of each phase, the file sizes and the resident memory the restored state adds
// (VmRSS after minus before the restore, the written tree freed first). DIR defaults to a
// fresh folder under the system temp dir, removed afterwards.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "app/bench.h"
#include "app/cli_numbers.h"
#include "app/commands.h"
#include "sim/datadir/data_dir_writer.h"
#include "sim/datadir/restore.h"
#include "sim/datadir/server_dir.h"

namespace zk::app {
namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

int64_t resident_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6)) * 1024;
  }
  return 0;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string node_path(size_t i) { return fmt::format("/bench/d{}/n{:07d}", i / 1000, i % 1000); }

// The disk: a snapshot of `nodes` znodes at its last zxid, then `txns` setData txns.
PersistentState make_state(size_t nodes, size_t txns) {
  auto tree = std::make_shared<DataTree>();
  Zxid zxid = make_zxid(1, 1);
  const auto create = [&](const std::string& path) {
    Txn txn{TxnHeader{0x100, 0, zxid, zxid, OpCode::kCreate}, CreateTxn{path, std::string(16, 'd'), 0, -1}};
    ZK_INVARIANT(tree->apply(txn).err == ErrorCode::kOk);
    ++zxid;
  };
  create("/bench");
  for (size_t i = 0; i < nodes; ++i) {
    if (i % 1000 == 0) create(fmt::format("/bench/d{}", i / 1000));
    create(node_path(i));
  }
  PersistentState state;
  state.snapshot_zxid = zxid - 1;
  state.snapshot = std::move(tree);
  for (size_t i = 0; i < txns; ++i) {
    const std::string path = node_path(i % nodes);
    const int32_t version = static_cast<int32_t>(i / nodes) + 1;
    state.log.push_back(std::make_shared<const Txn>(
        Txn{TxnHeader{0x100, 0, zxid, zxid, OpCode::kSetData}, SetDataTxn{path, std::string(16, 'e'), version}}));
    ++zxid;
  }
  state.current_epoch = state.accepted_epoch = 1;
  return state;
}

uint64_t bytes_under(const fs::path& dir) {
  uint64_t total = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) total += e.file_size();
  }
  return total;
}

}  // namespace

int run_bench_disk(const std::vector<std::string>& args) {
  uint64_t nodes = 1'000'000;
  uint64_t txns = 100'000;
  std::string dir;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (i + 1 >= args.size() || (arg != "--nodes" && arg != "--txns" && arg != "--dir")) {
      return usage_error(fmt::format("bench disk: bad argument '{}' (usage: zksim bench disk [--nodes N] [--txns M] [--dir DIR])", arg));
    }
    if (arg == "--dir") {
      dir = args[++i];
      continue;
    }
    uint64_t value = 0;
    if (auto e = parse_number_option(arg, args[++i], 1, 10'000'000, value); !e.empty()) return usage_error("bench disk: " + e);
    (arg == "--nodes" ? nodes : txns) = value;
  }
  const bool temporary = dir.empty();
  if (temporary) dir = (fs::temp_directory_path() / fmt::format("zksim-bench-disk-{}", ::getpid())).string();
  fs::remove_all(dir);

  {
    const auto start = Clock::now();
    const PersistentState state = make_state(nodes, txns);
    const double build_s = seconds_since(start);
    const auto write_start = Clock::now();
    if (auto e = sim::datadir::write_server_dir(dir, 1, state)) {
      fmt::print(stderr, "zksim: bench disk: {}\n", e->line());
      return 2;
    }
    fmt::print("build tree {} znodes + {} txns   {:8.2f} s\n", nodes, txns, build_s);
    fmt::print("write dataDir ({} MB)           {:8.2f} s\n", bytes_under(dir) / 1'000'000, seconds_since(write_start));
  }
  const int64_t rss_before = resident_bytes();
  const auto load_start = Clock::now();
  auto listed = sim::datadir::list_server_dir(dir);
  if (auto* e = std::get_if<sim::datadir::DataDirError>(&listed)) {
    fmt::print(stderr, "zksim: bench disk: {}\n", e->line());
    return 2;
  }
  auto restored = sim::datadir::restore_server(std::get<sim::datadir::ServerDir>(listed));
  if (auto* e = std::get_if<sim::datadir::DataDirError>(&restored)) {
    fmt::print(stderr, "zksim: bench disk: {}\n", e->line());
    return 2;
  }
  const double load_s = seconds_since(load_start);
  const auto& r = std::get<sim::datadir::RestoredServer>(restored);
  const int64_t rss_after = resident_bytes();
  fmt::print("restore (snapshot + log replay)  {:8.2f} s   {} znodes, last zxid {:#x}\n", load_s, r.tree.node_count(),
             r.last_processed_zxid);
  fmt::print("resident memory added by restore {:8.1f} MB ({} bytes a znode; it holds the snapshot's tree and the replayed tree)\n",
             static_cast<double>(rss_after - rss_before) / 1e6, (rss_after - rss_before) / static_cast<int64_t>(r.tree.node_count()));
  if (temporary) fs::remove_all(dir);
  return 0;
}

}  // namespace zk::app
