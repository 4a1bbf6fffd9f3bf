// A one-server write path for tree tests: PrepRequestProcessor -> DataTree::apply ->
// WatchManager::trigger, with zxids from epoch 1 and txn time advancing 1000 ms per txn
// (the first txn runs at 1000 ms). Every commit also audits the tree's invariants. propose() stops after prepare so
// tests can look at the pending-change behaviour; commit() applies a proposed txn.
#pragma once

#include <doctest/doctest.h>

#include <ostream>
#include <string>
#include <vector>

#include "core/data_tree.h"
#include "core/prep_request_processor.h"
#include "core/request.h"
#include "core/txn.h"
#include "core/watch_manager.h"

namespace zk {
// Readable doctest failure output.
inline std::ostream& operator<<(std::ostream& os, const WatchEvent& e) {
  return os << "{" << e.watcher << " " << static_cast<int>(e.type) << " " << e.path << "}";
}
inline std::ostream& operator<<(std::ostream& os, const TreeChange& c) {
  return os << "{" << static_cast<int>(c.kind) << " " << c.path << "}";
}
}  // namespace zk

namespace zk::test {

constexpr SessionId kSessionA = 0x100000000000001LL;
constexpr SessionId kSessionB = 0x100000000000002LL;

struct Outcome {
  Txn txn;
  ApplyResult result;
};

class TreeHarness {
 public:
  explicit TreeHarness(bool extended_types_enabled = false) : prep(extended_types_enabled) {}

  Txn propose(const Request& request, SessionId session) {
    time_ms += 1000;
    const Txn txn = prep.prepare(request, session, cxid++, next_zxid, time_ms, tree);
    ++next_zxid;
    return txn;
  }
  Outcome commit(const Txn& txn) {
    Outcome out{txn, tree.apply(txn)};
    CHECK(tree.check_invariants() == std::nullopt);
    prep.applied_up_to(txn.header.zxid);
    const std::vector<WatchEvent> fired = watches.trigger(out.result.changes);
    events.insert(events.end(), fired.begin(), fired.end());
    return out;
  }
  Outcome write(const Request& request, SessionId session = kSessionA) { return commit(propose(request, session)); }
  void connect(SessionId session, int64_t timeout_ms = 30000) { write(CreateSessionRequest{timeout_ms}, session); }
  Outcome create(const std::string& path, CreateMode mode = CreateMode::kPersistent, const std::string& data = "",
                 SessionId session = kSessionA) {
    return write(CreateRequest{path, data, mode, -1}, session);
  }
  Stat stat(const std::string& path) const {
    const std::optional<Stat> s = tree.exists(path);
    return s ? *s : Stat{};
  }
  std::vector<WatchEvent> take_events() {
    std::vector<WatchEvent> out = std::move(events);
    events.clear();
    return out;
  }

  DataTree tree;
  PrepRequestProcessor prep;
  WatchManager watches;
  Zxid next_zxid = make_zxid(1, 1);
  int64_t time_ms = 0;
  int32_t cxid = 0;
  std::vector<WatchEvent> events;
};

}  // namespace zk::test
