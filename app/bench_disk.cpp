// `zksim bench disk [--nodes N] [--txns M] [--dir DIR]`: writes a ZooKeeper 3.8 data
// directory with a snapshot of N znodes (16-byte data, 1,000 per parent) and a log of M
// setData txns after it (sim/datadir/data_dir_writer.h), then restores it as ZooKeeper
// would (list, newest snapshot streamed into a tree, the log read, epochs;
// sim/datadir/restore.h), then starts a server's database from it (ZKDatabase.load: the
// tree copied from the disk's, the log replayed, as a simulated server does when it starts),
// and prints the seconds of each phase, the file sizes and the resident memory: what the
// restored disk adds (VmRSS after minus before, the written tree freed first), the peak
// during the restore (VmHWM, reset through /proc/self/clear_refs just before it) and what the
// started database adds on top. DIR defaults to a fresh folder under the system temp dir,
// removed afterwards.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/bench.h"
#include "app/cli_numbers.h"
#include "app/commands.h"
#include "core/quorum_peer.h"
#include "core/zk_database.h"
#include "sim/datadir/data_dir_writer.h"
#include "sim/datadir/restore.h"
#include "sim/datadir/server_dir.h"

namespace zk::app {

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

int64_t resident_bytes() { return proc_status_bytes("VmRSS"); }

double megabytes(int64_t bytes) { return static_cast<double>(bytes) / 1e6; }

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
  // The written tree's pages go back to the system first, so the restore cannot reuse them
  // and its resident figures are its own.
  release_free_heap();
  const std::optional<int64_t> heap_before = heap_in_use_bytes();
  const int64_t rss_before = resident_bytes();
  const bool peak_known = reset_peak_resident();
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
  const double restore_s = seconds_since(load_start);
  const auto& r = std::get<sim::datadir::RestoredServer>(restored);
  const int64_t rss_restored = resident_bytes();
  const int64_t peak_restore = proc_status_bytes("VmHWM");
  const std::optional<int64_t> heap_restored = heap_in_use_bytes();
  const size_t znodes = r.state.snapshot ? r.state.snapshot->node_count() : 0;
  fmt::print("restore (snapshot into a tree, log read) {:8.2f} s   {} znodes, {} txns, last zxid {:#x}\n", restore_s,
             znodes, r.state.log.size(), r.last_processed_zxid);
  fmt::print("  resident memory added                 {:8.1f} MB ({} bytes a znode: one tree and the txns){}\n",
             megabytes(rss_restored - rss_before), (rss_restored - rss_before) / static_cast<int64_t>(znodes),
             peak_known ? fmt::format(", peak +{:.1f} MB", megabytes(peak_restore - rss_before)) : std::string());
  if (heap_before && heap_restored) {
    // What the restored disk holds (the tree and the txns, as allocated) against the peak:
    // a restore that keeps no file bytes or second encoding peaks at about what it keeps.
    const int64_t kept = *heap_restored - *heap_before;
    fmt::print("  heap the restored disk holds          {:8.1f} MB (tree + txns); peak resident / held = {:.2f}\n",
               megabytes(kept), peak_known && kept > 0 ? static_cast<double>(peak_restore - rss_before) / static_cast<double>(kept) : 0.0);
  }
  const auto start_start = Clock::now();
  ZKDatabase database(PeerConfig{}.commit_log_count);
  database.load(r.state, r.last_processed_zxid);
  const double start_s = seconds_since(start_start);
  fmt::print("server start (ZKDatabase.load)          {:8.2f} s   the tree copied, {} txns replayed, last zxid {:#x}\n",
             start_s, r.state.log.size(), database.last_processed_zxid());
  fmt::print("  resident memory added                 {:8.1f} MB more (the server's tree next to the disk's)\n",
             megabytes(resident_bytes() - rss_restored));
  fmt::print("restore + server start                  {:8.2f} s\n", restore_s + start_s);
  if (temporary) fs::remove_all(dir);
  return 0;
}

}  // namespace zk::app
