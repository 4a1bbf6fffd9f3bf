// InvariantChecker: ZooKeeper's safety properties, checked after every event of every
// simulated run (scenarios, GUI, fuzz). The world calls after_event() once per event; the
// checker reads the servers through QuorumPeer's const API, the new trace events (commits,
// established leaders) and the message just delivered to a client, and keeps only small
// summaries (the txn applied at each zxid, the committed zxids, one digest per zxid, the
// leader of each epoch, per-client watch counts). Only the server the event was an input
// to is examined (no other server changes), and an unchanged one costs one comparison.
// The zxid tables are bounded: every kPruneEveryApplied new zxids, entries below the
// low-water mark are dropped — the oldest zxid still in the committed-log window
// (QuorumPeer::committed_log) of any server seen so far, as of its last look. No server
// applies, serves at or establishes without a zxid below that mark again, except one that
// comes back with an older window than it had (a restart from an old snapshot): its
// re-applied old zxids are then recorded afresh instead of compared. A server down for
// good keeps the mark at its last window.
// Invariants, by name:
//   one-leader-per-epoch    at most one server establishes (serves as leader in) each epoch
//   committed-log-agreement no two servers apply different txns at the same zxid, so the
//                           committed logs of any two servers are prefixes of one another
//   applied-zxid-monotonic  while a server serves clients without a break (one process,
//                           one accepted epoch, one connection to its leader or one
//                           leadership), its last processed zxid never goes back, so no
//                           client of it sees the tree go back. Between serving periods
//                           it may: an epoch marker gives way to the log's last zxid
//                           when a former leader rebuilds, and a sync may TRUNC txns it
//                           fast-forwarded but the quorum never committed; whether
//                           those were committed is the durability checks' business.
//   acked-txn-durable       a write acknowledged to a client is in every later leader's log
//   committed-txn-durable   likewise for any txn a leader committed
//   digest-agreement        serving servers at the same zxid have equal tree digests
//   watch-once-in-order     a client gets at most one event per watch registration on a
//                           path, and its events arrive in zxid order
//   read-committed          data a client read was written by a txn that is committed
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/quorum_peer.h"
#include "sim/world/event_queue.h"
#include "sim/check/flat_map.h"

namespace zk::sim {

class World;

struct InvariantViolation {
  std::string invariant;          // one of the names above
  std::vector<ServerId> servers;  // the servers involved (may be empty for client-side ones)
  std::string detail;             // one line: what was seen
  bool operator==(const InvariantViolation&) const = default;
};

// "committed-log-agreement violated by S1, S3: ..." — the trace event's text.
std::string describe_violation(const InvariantViolation& violation);

class InvariantChecker {
 public:
  static constexpr size_t kMaxPendingReads = 100'000;
  static constexpr size_t kPruneEveryApplied = 4096;

  // Examines the world after it handled one event (payload). Returns the first violation.
  std::optional<InvariantViolation> after_event(const World& world, const EventPayload& payload);
  // Prunes every `count` new zxids instead (tests prune often to show nothing is missed).
  void set_prune_every_applied(size_t count) { prune_every_applied_ = count; }
  // Entries in the zxid tables (applied txns, committed and acknowledged zxids, digests).
  size_t zxid_entries() const { return applied_.size() + committed_.size() + acked_.size() + digests_.size(); }
  // Trace events read so far, counted from the start of the run (World::trace_recorded).
  size_t trace_seen() const { return trace_seen_; }

 private:
  struct ServerView {
    bool up = false;
    uint64_t incarnation = 0;
    Zxid last_processed = 0;
    Epoch accepted_epoch = 0;
    bool serving = false;
    uint64_t connection = 0;  // the learner's connection to its leader (0: none)
    bool seen = false;        // up at some look
    Zxid window_start = 0;    // the oldest zxid of its committed-log window at its last look
  };
  struct AppliedTxn {
    std::shared_ptr<const Txn> txn;
    ServerId server = 0;
  };
  struct ClientView {
    int32_t last_cxid = 0;      // ops up to this cxid have been counted
    Zxid last_event_zxid = 0;
    std::map<std::string, int> data_watches;   // get -w / stat -w sent, not yet fired
    std::map<std::string, int> child_watches;  // ls -w sent, not yet fired
  };
  struct ReadSeen {
    Zxid mzxid = 0;
    ServerId server = 0;
    std::string client;
  };

  std::optional<InvariantViolation> check_server(const World& world, ServerId id);
  std::optional<InvariantViolation> check_client(const World& world, const DeliverToClient& delivery);
  std::optional<InvariantViolation> on_leader_established(const World& world, ServerId leader, Epoch epoch);
  std::optional<InvariantViolation> record_applied(const std::shared_ptr<const Txn>& txn, ServerId server);
  void prune_below_low_water_mark();

  std::vector<ServerView> servers_;
  size_t trace_seen_ = 0;
  FlatMap<Zxid, AppliedTxn> applied_;
  FlatSet<Zxid> committed_;
  FlatSet<Zxid> acked_;
  FlatMap<Zxid, std::pair<uint64_t, ServerId>> digests_;
  std::map<Epoch, ServerId> epoch_leaders_;
  std::map<EndpointId, ClientView> clients_;
  std::vector<ReadSeen> reads_;
  size_t applied_since_prune_ = 0;
  size_t prune_every_applied_ = kPruneEveryApplied;
};

}  // namespace zk::sim
