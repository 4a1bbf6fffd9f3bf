// libFuzzer target for the ZooKeeper snapshot reader (sim/datadir/snapshot_reader.h) and the
// conversion of its nodes into zksim's tree (restore.h). Any input must give an error naming
// the file (and a byte offset inside the input) or a snapshot whose first node is the root;
// converting it gives a tree or an error, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sim/datadir/restore.h"
#include "sim/datadir/snapshot_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto result = zk::sim::datadir::read_snapshot("snapshot.1", bytes);
  if (auto* e = std::get_if<zk::sim::datadir::DataDirError>(&result)) {
    if (e->file != "snapshot.1" || (e->offset && *e->offset > size) || e->what.empty()) std::abort();
    return 0;
  }
  const auto& snap = std::get<zk::sim::datadir::SnapshotFile>(result);
  if (snap.nodes.empty() || !snap.nodes.front().path.empty()) std::abort();
  auto tree = zk::sim::datadir::tree_from_snapshot(snap, 1);
  if (auto* t = std::get_if<zk::DataTree>(&tree); t != nullptr && t->node_count() < 4) std::abort();
  return 0;
}
