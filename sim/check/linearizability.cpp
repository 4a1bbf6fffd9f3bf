// check_consistency: the per-client FIFO check, the read/write matching and the Wing-Gong
// linearizability search per znode (see linearizability.h).
#include "sim/check/linearizability.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

#include "core/data_tree.h"
#include "core/error_code.h"

namespace zk::sim {
namespace {

using NodeState = RegisterState;

// The register's state before the first txn: the znodes every ZooKeeper tree starts with
// (/, /zookeeper, /zookeeper/quota, /zookeeper/config) exist, everything else does not.
NodeState initial_state(const std::string& path) {
  static const DataTree kInitialTree;
  const DataResult node = kInitialTree.get_data(path);
  if (node.err != ErrorCode::kOk) return NodeState{};
  return NodeState{true, node.data, node.stat.version};
}

// Applies op to state; false when op's observed outcome is impossible in state.
bool step(const HistoryOp& op, const NodeState& state, NodeState& next) {
  next = state;
  const bool version_ok = op.version == -1 || op.version == state.version;
  switch (op.kind) {
    case HistoryOpKind::kRead:
      if (op.err == ErrorCode::kNoNode) return !state.exists;
      return state.exists && state.data == op.data && state.version == op.read_version;
    case HistoryOpKind::kSetData:
      if (op.indeterminate) {
        if (state.exists && version_ok) next = NodeState{true, op.data, state.version + 1};
        return true;
      }
      if (op.err == ErrorCode::kNoNode) return !state.exists;
      if (op.err == ErrorCode::kBadVersion) return state.exists && !version_ok;
      if (!state.exists || !version_ok) return false;
      next = NodeState{true, op.data, state.version + 1};
      return true;
    case HistoryOpKind::kCreate:
      if (op.indeterminate) {
        if (!state.exists) next = NodeState{true, op.data, 0};
        return true;
      }
      if (op.err == ErrorCode::kNodeExists) return state.exists;
      if (state.exists) return false;
      next = NodeState{true, op.data, 0};
      return true;
    case HistoryOpKind::kDelete:
      if (op.indeterminate) {
        if (state.exists && version_ok) next = NodeState{};
        return true;
      }
      if (op.err == ErrorCode::kNoNode) return !state.exists;
      if (op.err == ErrorCode::kBadVersion) return state.exists && !version_ok;
      if (!state.exists || !version_ok) return false;
      next = NodeState{};
      return true;
    default:
      return true;
  }
}

struct Key {
  std::vector<uint64_t> bits;
  size_t state = 0;
  bool operator==(const Key&) const = default;
};
struct KeyHash {
  size_t operator()(const Key& k) const {
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ k.state;
    for (uint64_t w : k.bits) h = (h ^ w) * 0x100000001b3ULL;
    return static_cast<size_t>(h);
  }
};

struct SearchResult {
  bool ok = true;
  bool gave_up = false;
  int64_t steps = 0;
  size_t stuck_op = 0;  // the op whose completion could not be explained (deepest point)
};

// Wing & Gong with Lowe's memo over ops (indices into `ops`), real-time order from
// invoked_us / completed_us.
SearchResult search(const std::vector<const HistoryOp*>& ops, const std::vector<int64_t>& invoked, NodeState initial,
                    int64_t max_steps) {
  const size_t n = ops.size();
  // Entries 1..2n; 0 is the head, 2n+1 the tail. Entry e < n+1: call of op e-1; else return.
  struct Event {
    int64_t time;
    bool is_return;
    size_t op;
  };
  std::vector<Event> events;
  events.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    events.push_back(Event{invoked[i], false, i});
    events.push_back(Event{ops[i]->completed_us, true, i});
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.time != b.time ? a.time < b.time : (!a.is_return && b.is_return);
  });
  const size_t head = 0, tail = 2 * n + 1;
  std::vector<size_t> next(2 * n + 2), prev(2 * n + 2), call_of(n), return_of(n);
  std::vector<Event> at(2 * n + 2);
  for (size_t i = 0; i < events.size(); ++i) {
    const size_t e = i + 1;
    at[e] = events[i];
    (events[i].is_return ? return_of : call_of)[events[i].op] = e;
  }
  for (size_t e = 0; e <= tail; ++e) {
    next[e] = e + 1;
    prev[e] = e == 0 ? 0 : e - 1;
  }
  auto lift = [&](size_t op) {
    for (size_t e : {call_of[op], return_of[op]}) {
      next[prev[e]] = next[e];
      prev[next[e]] = prev[e];
    }
  };
  auto unlift = [&](size_t op) {
    for (size_t e : {return_of[op], call_of[op]}) {
      next[prev[e]] = e;
      prev[next[e]] = e;
    }
  };
  std::map<NodeState, size_t> state_ids;
  auto intern = [&](const NodeState& s) { return state_ids.try_emplace(s, state_ids.size()).first->second; };
  std::unordered_set<Key, KeyHash> cache;
  std::vector<uint64_t> bits((n + 63) / 64, 0);
  std::vector<std::pair<size_t, NodeState>> stack;
  NodeState state = std::move(initial);
  SearchResult result;
  size_t deepest = 0;
  size_t entry = next[head];
  while (next[head] != tail) {
    if (++result.steps > max_steps) {
      result.gave_up = true;
      return result;
    }
    if (entry == tail) break;
    const Event& ev = at[entry];
    if (!ev.is_return) {
      NodeState after;
      if (step(*ops[ev.op], state, after)) {
        Key key{bits, intern(after)};
        key.bits[ev.op / 64] |= uint64_t{1} << (ev.op % 64);
        if (cache.insert(key).second) {
          stack.emplace_back(ev.op, state);
          bits = std::move(key.bits);
          state = std::move(after);
          lift(ev.op);
          entry = next[head];
          continue;
        }
      }
      entry = next[entry];
    } else {
      if (stack.size() >= deepest) {
        deepest = stack.size();
        result.stuck_op = ev.op;
      }
      if (stack.empty()) {
        result.ok = false;
        return result;
      }
      const auto [op, previous] = stack.back();
      stack.pop_back();
      state = previous;
      bits[op / 64] &= ~(uint64_t{1} << (op % 64));
      unlift(op);
      entry = next[call_of[op]];
    }
  }
  return result;
}

// A quick witness from the servers' own order: definite writes at their reply zxid (the
// txn's zxid), reads right after the zxid they were answered at, indeterminate writes at
// the mzxid a read saw their data at, else last (never applied). If that order satisfies
// the model and real time, the operations are linearizable and no search is needed; if not,
// the search decides (the witness is only a shortcut, never a verdict of failure).
bool zxid_witness_holds(const std::vector<const HistoryOp*>& ops, const std::vector<int64_t>& invoked,
                        NodeState initial, NodeState* final_state = nullptr) {
  constexpr Zxid kLast = std::numeric_limits<Zxid>::max();
  std::map<std::string, Zxid> seen_at;  // data -> mzxid of a read that returned it
  for (const HistoryOp* op : ops) {
    if (op->kind == HistoryOpKind::kRead && op->err == ErrorCode::kOk) seen_at.try_emplace(op->data, op->mzxid);
  }
  struct Placed {
    Zxid zxid;
    int rank;  // at one zxid: the write first, then reads
    size_t index;
  };
  std::vector<Placed> order;
  for (size_t i = 0; i < ops.size(); ++i) {
    const HistoryOp& op = *ops[i];
    if (op.kind == HistoryOpKind::kRead) {
      order.push_back(Placed{op.zxid, 1, i});
    } else if (!op.indeterminate) {
      order.push_back(Placed{op.zxid, 0, i});
    } else {
      const auto it = seen_at.find(op.data);
      order.push_back(Placed{it != seen_at.end() && op.kind != HistoryOpKind::kDelete ? it->second : kLast, 0, i});
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const Placed& a, const Placed& b) { return std::tie(a.zxid, a.rank) < std::tie(b.zxid, b.rank); });
  NodeState state = std::move(initial);
  int64_t latest_invoked = std::numeric_limits<int64_t>::min();
  for (const Placed& p : order) {
    const HistoryOp& op = *ops[p.index];
    if (op.completed_us < latest_invoked) return false;  // real time: it finished before an earlier-placed op began
    latest_invoked = std::max(latest_invoked, invoked[p.index]);
    NodeState next;
    if (!step(op, state, next)) return false;
    state = std::move(next);
  }
  if (final_state) *final_state = std::move(state);
  return true;
}

// Every state the register can end in after a linearization of all of `ops` from
// `initial`, where each definite op takes effect once between its invocation and its
// completion and each indeterminate one once after its invocation or never (in a folded
// segment it happened before the cut or not at all). A depth-first walk over (ops
// linearized, state) with a memo; false when it took more than max_steps.
bool final_states(const std::vector<const HistoryOp*>& ops, const std::vector<int64_t>& invoked, const NodeState& initial,
                  int64_t max_steps, int64_t* steps, std::set<NodeState>* finals) {
  const size_t n = ops.size();
  struct Node {
    std::vector<uint64_t> bits;
    NodeState state;
    bool operator<(const Node& o) const { return std::tie(bits, state) < std::tie(o.bits, o.state); }
  };
  const auto linearized = [](const Node& node, size_t i) { return (node.bits[i / 64] >> (i % 64)) & 1; };
  std::set<Node> seen;
  std::vector<Node> stack{Node{std::vector<uint64_t>((n + 63) / 64, 0), initial}};
  seen.insert(stack.back());
  while (!stack.empty()) {
    if (++*steps > max_steps) return false;
    const Node node = std::move(stack.back());
    stack.pop_back();
    // Real time: an op can go next unless a definite op still to go completed before it began.
    int64_t horizon_us = std::numeric_limits<int64_t>::max();
    for (size_t i = 0; i < n; ++i) {
      if (!linearized(node, i) && !ops[i]->indeterminate) horizon_us = std::min(horizon_us, ops[i]->completed_us);
    }
    if (horizon_us == std::numeric_limits<int64_t>::max()) finals->insert(node.state);
    for (size_t i = 0; i < n; ++i) {
      if (linearized(node, i) || invoked[i] > horizon_us) continue;
      Node next{node.bits, {}};
      if (!step(*ops[i], node.state, next.state)) continue;
      next.bits[i / 64] |= uint64_t{1} << (i % 64);
      if (seen.insert(next).second) stack.push_back(std::move(next));
    }
  }
  return true;
}

std::string describe_op(const HistoryOp& op) {
  std::string what;
  switch (op.kind) {
    case HistoryOpKind::kRead:
      what = op.err == ErrorCode::kOk ? fmt::format("get {} -> \"{}\" (version {})", op.path, op.data, op.read_version)
                                      : fmt::format("get {} -> {}", op.path, error_name(op.err));
      break;
    case HistoryOpKind::kSetData: what = fmt::format("set {} \"{}\" -v {}", op.path, op.data, op.version); break;
    case HistoryOpKind::kCreate: what = fmt::format("create {} \"{}\"", op.path, op.data); break;
    case HistoryOpKind::kDelete: what = fmt::format("delete {} -v {}", op.path, op.version); break;
    case HistoryOpKind::kSync: what = fmt::format("sync {}", op.path); break;
    case HistoryOpKind::kOther: what = "other"; break;
  }
  if (op.kind != HistoryOpKind::kRead) {
    what += op.indeterminate ? " -> indeterminate" : fmt::format(" -> {}", op.err == ErrorCode::kOk ? "ok" : error_name(op.err));
  }
  return fmt::format("client {} cxid {} {} [{}us..{}]", op.client, op.cxid, what, op.invoked_us,
                     op.indeterminate ? std::string("never") : fmt::format("{}us", op.completed_us));
}

// The checks over one segment of the history, from what `known` remembers of the earlier
// ones. With `update`, the segment is folded: *update becomes what later segments need.
ConsistencyReport check_segment(const std::vector<HistoryOp>& history, const ConsistencyChecker::Summary& known,
                                ConsistencyReport report, int64_t max_steps_per_partition,
                                ConsistencyChecker::Summary* update) {
  if (!report.ok) return report;
  report.ops += history.size();
  // client-fifo: per client (history is client by client, cxid order).
  std::map<std::string, std::pair<Zxid, int32_t>> last_reply = known.last_reply;
  for (const HistoryOp& op : history) {
    if (op.indeterminate || op.zxid == 0) continue;
    const auto last = last_reply.find(op.client);
    if (last != last_reply.end() && op.zxid < last->second.first) {
      report.ok = false;
      report.property = "client-fifo";
      report.detail = fmt::format("client {} saw zxid {} (cxid {}) after zxid {} (cxid {})", op.client,
                                  zxid_hex(op.zxid), op.cxid, zxid_hex(last->second.first), last->second.second);
      return report;
    }
    last_reply[op.client] = {op.zxid, op.cxid};
  }
  // read-matches-write: the acknowledged write at (path, zxid), in this segment or kept
  // from the earlier ones.
  std::map<std::pair<std::string, Zxid>, const HistoryOp*> writes;
  for (const HistoryOp& op : history) {
    if (op.indeterminate || op.err != ErrorCode::kOk || op.sequential) continue;
    if (op.kind == HistoryOpKind::kSetData || op.kind == HistoryOpKind::kCreate) writes[{op.path, op.zxid}] = &op;
  }
  const auto find_write = [&](const std::string& path, Zxid zxid) -> const HistoryOp* {
    if (const auto it = writes.find({path, zxid}); it != writes.end()) return it->second;
    const auto kept = known.writes.find(path);
    if (kept == known.writes.end()) return nullptr;
    const auto it = kept->second.find(zxid);
    return it == kept->second.end() ? nullptr : &it->second;
  };
  for (const HistoryOp& op : history) {
    if (op.kind != HistoryOpKind::kRead || op.indeterminate || op.err != ErrorCode::kOk || op.mzxid == 0) continue;
    const HistoryOp* write = find_write(op.path, op.mzxid);
    if (write && write->data != op.data) {
      report.ok = false;
      report.property = "read-matches-write";
      report.detail = fmt::format("{} but the write at mzxid {} was {}", describe_op(op), zxid_hex(op.mzxid),
                                  describe_op(*write));
      return report;
    }
  }
  // linearizable-writes: per znode.
  std::map<std::string, std::vector<const HistoryOp*>> partitions;
  std::map<std::string, std::vector<int64_t>> invoked;
  std::set<std::string> excluded = known.excluded;
  const HistoryOp* previous = nullptr;
  for (const HistoryOp& op : history) {
    const bool after_sync = previous && previous->client == op.client && previous->kind == HistoryOpKind::kSync &&
                            previous->path == op.path && !previous->indeterminate && previous->err == ErrorCode::kOk;
    const HistoryOp* sync = after_sync ? previous : nullptr;
    previous = &op;
    // Znodes the server deletes on its own (a session's ephemerals, reaped containers and TTL
    // nodes) and names (sequential) are written outside this history: not checked.
    if (op.kind == HistoryOpKind::kCreate && (op.ephemeral || op.sequential || op.reaped)) excluded.insert(op.path);
    if (op.kind == HistoryOpKind::kSync || op.kind == HistoryOpKind::kOther) continue;
    if (op.kind == HistoryOpKind::kRead && (op.indeterminate || !sync)) continue;
    if (!op.indeterminate && op.err != ErrorCode::kOk && op.err != ErrorCode::kNoNode &&
        op.err != ErrorCode::kBadVersion && op.err != ErrorCode::kNodeExists) {
      continue;  // NOTEMPTY, bad arguments: not about this register
    }
    partitions[op.path].push_back(&op);
    invoked[op.path].push_back(sync ? sync->invoked_us : op.invoked_us);
  }
  std::set<std::string> sequential_prefixes = known.sequential_prefixes;
  for (const HistoryOp& op : history) {
    if (op.kind == HistoryOpKind::kCreate && op.sequential) sequential_prefixes.insert(op.path);
  }
  std::map<std::string, std::vector<NodeState>> folded_states;
  std::set<std::string> gave_up_paths;
  for (const auto& [path, ops] : partitions) {
    if (excluded.count(path) || known.unchecked.count(path)) continue;
    // A znode a sequential create may have named: the server wrote it, not this history.
    const auto named = [&path = path](const std::string& prefix) { return path.rfind(prefix, 0) == 0; };
    if (std::any_of(sequential_prefixes.begin(), sequential_prefixes.end(), named)) continue;
    ++report.partitions;
    const auto carried = known.states.find(path);
    const std::vector<NodeState> starts =
        carried != known.states.end() ? carried->second : std::vector<NodeState>{initial_state(path)};
    const std::vector<int64_t>& times = invoked[path];
    if (update) {
      // Folding: every state this segment can leave the znode in, from each it can start in.
      const bool definite = std::none_of(ops.begin(), ops.end(), [](const HistoryOp* op) { return op->indeterminate; });
      std::set<NodeState> finals;
      bool gave_up = false;
      int64_t steps = 0;
      for (const NodeState& start : starts) {
        NodeState witnessed;
        if (definite && zxid_witness_holds(ops, times, start, &witnessed)) {
          finals.insert(std::move(witnessed));
        } else if (!final_states(ops, times, start, max_steps_per_partition, &steps, &finals)) {
          gave_up = true;
          break;
        }
      }
      report.search_steps += steps;
      if (gave_up || finals.size() > ConsistencyChecker::kStatesKeptPerPath) {
        ++report.gave_up;
        gave_up_paths.insert(path);
        continue;
      }
      if (!finals.empty()) {
        folded_states[path].assign(finals.begin(), finals.end());
        continue;
      }
    } else {
      if (std::any_of(starts.begin(), starts.end(),
                      [&](const NodeState& start) { return zxid_witness_holds(ops, times, start); })) {
        continue;
      }
      bool gave_up = false;
      bool found = false;
      for (const NodeState& start : starts) {
        const SearchResult r = search(ops, times, start, max_steps_per_partition);
        report.search_steps += r.steps;
        gave_up = gave_up || r.gave_up;
        found = found || (r.ok && !r.gave_up);
        if (found) break;
      }
      if (found) continue;
      if (gave_up) {
        ++report.gave_up;
        continue;
      }
    }
    const SearchResult r = search(ops, times, starts.front(), max_steps_per_partition);
    report.ok = false;
    report.property = "linearizable-writes";
    report.detail = fmt::format("the {} operations on {} have no linearization; stuck at {}", ops.size(), path,
                                describe_op(*ops[r.stuck_op]));
    return report;
  }
  if (update) {
    update->last_reply = std::move(last_reply);
    update->excluded = std::move(excluded);
    update->sequential_prefixes = std::move(sequential_prefixes);
    update->unchecked.insert(gave_up_paths.begin(), gave_up_paths.end());
    for (auto& [path, states] : folded_states) update->states[path] = std::move(states);
    for (const std::string& path : update->excluded) update->states.erase(path);
    for (const std::string& path : update->unchecked) update->states.erase(path);
    for (const auto& [key, op] : writes) {
      std::map<Zxid, HistoryOp>& kept = update->writes[key.first];
      kept.insert_or_assign(key.second, *op);
      if (kept.size() > ConsistencyChecker::kWritesKeptPerPath) kept.erase(kept.begin());
    }
  }
  return report;
}

}  // namespace

ConsistencyReport check_consistency(const std::vector<HistoryOp>& history, int64_t max_steps_per_partition) {
  return ConsistencyChecker().finish(history, max_steps_per_partition);
}

void ConsistencyChecker::fold(const std::vector<HistoryOp>& segment) {
  report_ = check_segment(segment, summary_, report_, kFoldStepsPerPartition, &summary_);
}

ConsistencyReport ConsistencyChecker::finish(const std::vector<HistoryOp>& rest, int64_t max_steps_per_partition) const {
  return check_segment(rest, summary_, report_, max_steps_per_partition, nullptr);
}

}  // namespace zk::sim
