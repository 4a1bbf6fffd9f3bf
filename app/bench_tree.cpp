// `zksim bench tree`: throughput and memory of the znode tree. Writes go through the
// leader's full write path (PrepRequestProcessor::prepare, DataTree::apply,
// applied_up_to); reads call DataTree directly. Memory is VmRSS from /proc/self/status
// before and after building the tree, divided by the number of znodes.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "app/bench.h"
#include "app/cli_numbers.h"
#include "app/commands.h"
#include "core/data_tree.h"
#include "core/prep_request_processor.h"
#include "core/request.h"

namespace zk::app {
namespace {

using Clock = std::chrono::steady_clock;

int64_t resident_bytes() { return proc_status_bytes("VmRSS"); }

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string child_path(size_t dir, size_t child) { return fmt::format("/bench/d{}/n{:07d}", dir, child); }

struct Writer {
  DataTree* tree;
  PrepRequestProcessor* prep;
  Zxid zxid = make_zxid(1, 1);
  int64_t time_ms = 1;
  SessionId session = 0x100;

  ErrorCode write(const Request& request) {
    const Txn txn = prep->prepare(request, session, 0, zxid, time_ms, *tree);
    const ErrorCode err = tree->apply(txn).err;
    prep->applied_up_to(zxid);
    ++zxid;
    ++time_ms;
    return err;
  }
};

}  // namespace

// Bounds of the options: the tree and its client-side paths take about 250 bytes a znode.
constexpr uint64_t kNodesMax = 10'000'000;
constexpr uint64_t kChildrenPerDirMax = 1'000'000;

int run_bench_tree(const std::vector<std::string>& args) {
  size_t node_target = 1'000'000;
  size_t children_per_dir = 100'000;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg != "--nodes" && arg != "--children-per-dir") {
      return usage_error(fmt::format("bench tree: unknown argument '{}' (usage: zksim bench tree [--nodes N] "
                                     "[--children-per-dir N])", arg));
    }
    if (i + 1 >= args.size()) return usage_error(fmt::format("bench tree: {} needs a value", arg));
    uint64_t value = 0;
    const uint64_t max = arg == "--nodes" ? kNodesMax : kChildrenPerDirMax;
    if (auto e = parse_number_option(arg, args[++i], 1, max, value); !e.empty()) return usage_error("bench tree: " + e);
    (arg == "--nodes" ? node_target : children_per_dir) = static_cast<size_t>(value);
  }
  const size_t dirs = (node_target + children_per_dir - 1) / children_per_dir;
  const std::string data(16, 'd');

  // Client-side strings are built before the clock and the memory baseline start.
  std::vector<std::string> paths;
  paths.reserve(node_target);
  for (size_t i = 0; i < node_target; ++i) paths.push_back(child_path(i % dirs, i / dirs));

  const int64_t rss_before = resident_bytes();
  DataTree tree;
  PrepRequestProcessor prep;
  Writer writer{&tree, &prep};
  writer.write(CreateSessionRequest{30000});
  writer.write(CreateRequest{"/bench", "", CreateMode::kPersistent, -1});
  for (size_t d = 0; d < dirs; ++d) {
    writer.write(CreateRequest{fmt::format("/bench/d{}", d), "", CreateMode::kPersistent, -1});
  }

  size_t failures = 0;
  const auto create_start = Clock::now();
  for (const std::string& path : paths) {
    if (writer.write(CreateRequest{path, data, CreateMode::kPersistent, -1}) != ErrorCode::kOk) ++failures;
  }
  const double create_s = seconds_since(create_start);
  const int64_t rss_after = resident_bytes();
  const size_t znodes = tree.node_count();
  const size_t created = paths.size();

  // Reads in a scattered, fixed order (stride coprime to the node count).
  const size_t stride = 7919;
  size_t read_bytes = 0;
  const auto get_start = Clock::now();
  for (size_t i = 0, p = 0; i < paths.size(); ++i, p = (p + stride) % paths.size()) {
    const DataResult result = tree.get_data(paths[p]);
    if (result.err != ErrorCode::kOk) ++failures;
    read_bytes += result.data.size();
  }
  const double get_s = seconds_since(get_start);

  const auto set_start = Clock::now();
  for (size_t i = 0, p = 0; i < paths.size(); ++i, p = (p + stride) % paths.size()) {
    if (writer.write(SetDataRequest{paths[p], data, -1}) != ErrorCode::kOk) ++failures;
  }
  const double set_s = seconds_since(set_start);

  constexpr int kChildrenCalls = 10;
  size_t listed = 0;
  const auto children_start = Clock::now();
  for (int i = 0; i < kChildrenCalls; ++i) listed += tree.get_children("/bench/d0").children.size();
  const double children_s = seconds_since(children_start) / kChildrenCalls;

  const auto copy_start = Clock::now();
  const DataTree copy = tree;
  const double copy_s = seconds_since(copy_start);
  if (copy.digest() != tree.digest()) ++failures;

  fmt::print("zksim bench tree: {} znodes ({} created, 16-byte data), {} children per directory\n", znodes, created,
             children_per_dir);
  fmt::print("  create  (prepare+apply): {:>12.0f} creates/s\n", static_cast<double>(created) / create_s);
  fmt::print("  getData:                 {:>12.0f} ops/s\n", static_cast<double>(paths.size()) / get_s);
  fmt::print("  setData (prepare+apply): {:>12.0f} ops/s\n", static_cast<double>(paths.size()) / set_s);
  fmt::print("  getChildren ({} children): {:.2f} ms/call (sorted)\n", listed / kChildrenCalls, children_s * 1e3);
  fmt::print("  DataTree copy (time travel): {:.1f} ms\n", copy_s * 1e3);
  fmt::print("  resident bytes per znode: {:.0f} (VmRSS {} -> {} bytes)\n",
             static_cast<double>(rss_after - rss_before) / static_cast<double>(znodes), rss_before, rss_after);
  fmt::print("  digest {:016x}, read {} bytes, {} failures\n", tree.digest(), read_bytes, failures);
  return failures == 0 ? 0 : 1;
}

}  // namespace zk::app
