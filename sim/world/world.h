// World: a whole simulated ensemble in virtual time. It owns the clock, the event queue,
// the run's one PRNG, the network, each server's disk image and the QuorumPeer running on
// it, and the trace. Every change from outside goes through the command methods (the
// "command layer" shared by scenarios and the GUI); step() runs exactly one event.
// The world is a value: copying it forks the run (time travel, tests), and two copies
// stepped the same way stay identical.
#pragma once

#include <array>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/chunked_vector.h"
#include "core/invariant.h"
#include "core/quorum_peer.h"
#include "sim/clients/client.h"
#include "sim/world/connection_table.h"
#include "sim/world/disk.h"
#include "sim/world/event_queue.h"
#include "sim/world/lazy_timer.h"
#include "sim/check/invariant_checker.h"
#include "sim/check/linearizability.h"
#include "sim/world/network.h"
#include "sim/world/prng.h"
#include "sim/world/status.h"

namespace zk::sim {

// A drawn host uptime is below this (1,000,000 s, about 11.6 days): enough to put the
// session-expiry bucket boundaries anywhere within a tick and to give session ids the
// varied middle bits real ones have.
inline constexpr int64_t kDrawnHostUptimeMaxMs = 1'000'000'000;

struct WorldConfig {
  int server_count = 3;
  std::vector<ServerId> observers;  // ascending; the other servers of 1..server_count vote
  int64_t tick_us = 2'000'000;
  int init_limit = 10;
  int sync_limit = 5;
  int64_t latency_min_us = 1'000;
  int64_t latency_max_us = 5'000;
  int64_t leader_bind_us = kDefaultLeaderBindDelayUs;  // PeerConfig::leader_bind_delay_us
  ContainerManagerConfig containers;                   // PeerConfig::containers
  std::string super_digest;                            // PeerConfig::super_digest
  bool skip_acl = false;                               // PeerConfig::skip_acl
  int64_t snap_count = kDefaultSnapCount;              // PeerConfig::snap_count
  int64_t fsync_min_us = 500;
  int64_t fsync_max_us = 2'000;
  int64_t min_session_timeout_ms = -1;  // -1: 2 x tick
  int64_t max_session_timeout_ms = -1;  // -1: 20 x tick
  uint64_t seed = 1;
  InjectedBug injected_bug = InjectedBug::kNone;  // given to every server (checker tests only)
  UpstreamBugs upstream_bugs;                     // given to every server (`cluster ... bugs=`)
  // How long each server's host has been up at time 0 (PeerConfig::host_clock_at_zero_ms):
  // set, every server shares it (one host); unset, each server's host gets its own, drawn
  // from the run's seed when the world is made (a keyed draw: the stream does not move),
  // uniform in [0, kDrawnHostUptimeMaxMs).
  std::optional<int64_t> host_uptime_ms;
  // A paused server holds at most this many messages from peers and clients. Beyond it,
  // as a process that stopped reading with full TCP buffers: a connect is refused, later
  // messages on a connection are lost and that connection breaks when it resumes.
  size_t max_deferred_inputs = 100'000;
};

struct ServerSlot {
  ServerId id = 0;
  std::optional<QuorumPeer> peer;  // empty while the server is down
  VirtualDisk disk;                // what survives a crash
  uint64_t incarnation = 0;
  int64_t host_clock_at_zero_ms = 0;  // survives restarts: the host keeps running
  bool paused = false;
  bool exited = false;  // it stopped itself (ZooKeeper's System.exit) and was not restarted since
  std::vector<EventPayload> deferred;  // inputs that arrived while paused, in order
  // While paused with `deferred` full: the peers and client connections whose later
  // messages were lost (their connections break when it resumes).
  std::set<ServerId> stalled_peers;
  std::set<std::pair<EndpointId, ConnectionId>> stalled_clients;
  std::array<LazyTimer, kTimerKindCount> timers{};
};

struct HeldMessage {
  DeliverMessage message;
};

// One delivered message, kept when message recording is on (for flow views: the Chrome
// trace and the GUI's space-time diagram).
struct MessageRecord {
  int64_t sent_us = 0;
  int64_t delivered_us = 0;
  EndpointId from = 0;
  EndpointId to = 0;
  const char* kind = "";  // a static name: "NOTIFICATION", "PROPOSAL", "REPLY", ...
  bool operator==(const MessageRecord&) const = default;
};
// In delivery order; copies (the GUI's checkpoints) share the full chunks.
using MessageLog = ChunkedVector<MessageRecord, 10>;

// Why a message never reached its receiver.
enum class DropReason : uint8_t {
  kLoss,              // the loss fault fired (the connection breaks)
  kPartition,         // sent over a cut link whose backlog was full
  kReceiverDown,      // its receiver was down (or had restarted) when it arrived or at heal
  kSenderDown,        // waiting on a cut link when its sender crashed
  kDropNext,          // taken by `drop next` on its link
  kConnectionBroken,  // sent on a connection that a lost message had broken
};
const char* drop_reason_text(DropReason reason);  // "loss", "partition", "receiver down", ...

// One message that was dropped, kept when message recording is on, in the order the drops
// were recorded (a loss is recorded at sending, with the time its receiver learns of it).
struct DroppedMessageRecord {
  int64_t sent_us = 0;
  int64_t dropped_us = 0;  // when it was dropped (a loss: when it would have arrived)
  EndpointId from = 0;
  EndpointId to = 0;
  const char* kind = "";
  DropReason reason = DropReason::kLoss;
  bool operator==(const DroppedMessageRecord&) const = default;
};
using DropLog = ChunkedVector<DroppedMessageRecord, 10>;

// One message on the network now (sent, not yet delivered), for the GUI's moving dots.
// The payload pointer is valid until the world next changes.
struct InFlightMessage {
  EndpointId from = 0;
  EndpointId to = 0;
  int64_t sent_us = 0;
  int64_t deliver_us = 0;
  const char* kind = "";  // "NOTIFICATION", "PROPOSAL", "REQUEST", "REPLY", ...
  const EventPayload* payload = nullptr;
  bool operator==(const InFlightMessage&) const = default;
};

// A server's message to an external connection, for the gateway to encode and send.
struct ExternalDelivery {
  ConnectionId connection = 0;
  uint64_t external_id = 0;
  ServerToClient message;
};

struct ClientSlot {
  SimClient client;
  std::array<LazyTimer, kClientTimerKindCount> timers{};
};

class World {
 public:
  // Beyond WorldConfig::max_deferred_inputs, a paused server still holds its own inputs
  // (timers, its fsync, link changes, closes): at most this many more.
  static constexpr size_t kMaxDeferredOwnInputs = 10'000;
  // Beyond this many messages waiting for a partition to heal, a cut link breaks the connection.
  static constexpr size_t kMaxPartitionedMessages = 100'000;

  explicit World(WorldConfig config);

  // ---- Commands. Each returns a Status: ok, or an error code with a one-line message
  // (never throws). ----
  Status start(ServerId id);
  Status kill(ServerId id);
  Status restart(ServerId id);
  Status pause(ServerId id);
  Status resume(ServerId id);
  Status partition(const std::vector<std::vector<EndpointId>>& groups);
  Status heal();
  Status hold_next(EndpointId from, EndpointId to);
  Status drop_next(EndpointId from, EndpointId to);
  Status release_held(EndpointId from, EndpointId to);
  void note(const std::string& text);  // a free-text trace line (kNote)
  // Records a trace event the caller built (kScenarioStep, kClientNoReply, ...) at the
  // current time.
  void trace(TraceEvent&& event) { record(std::move(event)); }
  // Replaces a stopped server's disk with `state` (a restored data directory).
  Status load_disk(ServerId id, PersistentState state, const std::string& description);
  // A new client whose StaticHostProvider tries `hosts` in that order (non-empty, distinct
  // valid ids; see client_hosts for the Java client's shuffle). A name whose client was
  // closed, expired or crashed may be used again; the old client stays in clients().
  Status client_connect(const std::string& name, std::vector<ServerId> hosts, int64_t timeout_ms);
  // The same with the host list ZooKeeper's client would build for every server, shuffled
  // once from the run's PRNG, then `first` moved to the front (first == 0: none moved).
  Status client_connect(const std::string& name, ServerId first, int64_t timeout_ms);
  // Every server in a Collections.shuffle order drawn from the run's PRNG, then `first`
  // (if not 0) moved to the front.
  std::vector<ServerId> client_hosts(ServerId first);
  // The client process dies without closing its session (SimClient::crash).
  Status client_crash(const std::string& name);
  // Sends an operation from a client; returns its cxid, or an error (unknown client).
  Status client_submit(const std::string& name, Request request, int32_t* cxid);
  // Closes a client's session (SimClient::close): *cxid is the closeSession's when one was
  // sent (connected), nullopt otherwise.
  Status client_close(const std::string& name, std::optional<int32_t>* cxid);
  // ZooKeeper.addAuthInfo on a client (SimClient::add_auth): *index into its auth_results().
  Status client_add_auth(const std::string& name, std::string scheme, std::string auth, size_t* index);

  // ---- Client histories. Headless runs fold the clients' settled operations into the
  // consistency checker and drop them (world_history.cpp); the GUI keeps all of them. ----
  // With fold_every_ops > 0, fold_client_history() runs after every that many submitted
  // operations; 0 (the default) keeps every operation.
  static constexpr size_t kHeadlessHistoryFoldOps = 4096;
  // An operation without an outcome (CONNECTIONLOSS, a crashed client) is folded only this
  // long after it was invoked: the checker then takes it to have happened before the cut or
  // never (10 virtual minutes: far beyond any session timeout and election the simulated
  // ensembles go through while a txn is still undecided).
  static constexpr int64_t kIndeterminateSettleUs = 600'000'000;
  void set_history_window(size_t fold_every_ops) { history_fold_every_ops_ = fold_every_ops; }
  // Folds every operation invoked before the latest quiescent cut (ConsistencyChecker::fold):
  // the cut is lowered below any operation still unsettled (no outcome yet, a definite one
  // after the cut, or an indeterminate one younger than kIndeterminateSettleUs) and below a
  // sync that is a client's last operation before it. A reply at the cut's time orders its
  // operation before one invoked then (the request leaves after the reply arrived), which
  // is what lets a cut fall between a client's back-to-back operations.
  void fold_client_history();
  // What was folded; finish() it with collect_history(world) for the whole run's report.
  const ConsistencyChecker& consistency_checker() const { return consistency_; }

  // ---- External connections (real clients through the gateway, sim/gateway/). They do
  // not go through the simulated network: their messages reach the server at the current
  // virtual time, and the server's messages to them collect in external_outbox(). ----
  // A new connection from outside to a server (it is not told until a message arrives).
  Status external_open(ServerId server, uint64_t external_id, ConnectionId* connection);
  // A message from an external connection, an input to its server at the current time.
  Status external_send(ConnectionId connection, ClientToServer message);
  // The outside end closed: the server gets Disconnect (nothing more is delivered); a
  // connection the server closed already is left alone.
  void external_close(ConnectionId connection);
  // What servers sent to external connections, in send order; the gateway drains it.
  std::vector<ExternalDelivery>& external_outbox() { return external_out_; }

  // ---- Time. ----
  int64_t now_us() const { return now_us_; }
  // Takes the next entry off the queue and runs it; false when nothing is pending. An
  // entry that only re-queues a re-armed timer (or a stale one) runs nothing and is not
  // counted in events_processed().
  void run_for(int64_t duration_us);
  // Runs until pred(world) holds (checked after every event) or timeout; true if it held.
  template <typename Predicate>
  bool run_until(Predicate&& pred, int64_t timeout_us) {
    if (pred(std::as_const(*this))) return true;
    const int64_t deadline_us = now_us_ + timeout_us;
    while (step_until(deadline_us)) {
      if (pred(std::as_const(*this))) return true;
    }
    now_us_ = deadline_us;
    return false;
  }
  bool step() { return step_until(std::numeric_limits<int64_t>::max()); }
  // step() if the next entry is due at or before deadline_us; false (and nothing run) if not.
  bool step_until(int64_t deadline_us);
  // Events that ran: messages delivered or dropped on arrival, timers that fired, fsync
  // completions, link changes.
  int64_t events_processed() const { return events_processed_; }
  // Connect attempts between servers after a connection broke (see server_link_up).
  int64_t connect_attempts() const { return connect_attempts_; }
  // The invariant checker runs after every event; a violation stops the run (step() returns
  // false from then on) after one kInvariantViolated trace event naming it.
  const std::optional<InvariantViolation>& violation() const { return violation_; }
  void set_checking(bool on) { checking_ = on; }  // on by default; off only for benchmarks
  const InvariantChecker& invariant_checker() const { return checker_; }
  InvariantChecker& mutable_invariant_checker() { return checker_; }
  // Slow disks: every later fsync takes a time drawn from [min_us, max_us].
  void set_fsync_latency(int64_t min_us, int64_t max_us) {
    config_.fsync_min_us = min_us;
    config_.fsync_max_us = max_us;
  }

  // ---- Queries (read-only views for scenarios, the GUI and tests). ----
  const WorldConfig& config() const { return config_; }
  int server_count() const { return config_.server_count; }
  bool valid_server(ServerId id) const { return id >= 1 && id <= config_.server_count; }
  // Ok for a server id in 1..N; kNoSuchServer ("server id 4 is out of range 1..3") otherwise.
  Status check_server_id(ServerId id) const;
  const ServerSlot& slot(ServerId id) const { return servers_.at(static_cast<size_t>(id - 1)); }
  const QuorumPeer* peer(ServerId id) const;  // null when down
  bool is_up(ServerId id) const { return peer(id) != nullptr; }
  PeerState state(ServerId id) const;  // LOOKING for a down server; see is_up
  // The unique live LEADING server, if exactly one. O(1): the World counts the LEADING
  // servers as their inputs run (scenario predicates ask after every event).
  std::optional<ServerId> leader() const;
  // The same answer by a pass over every server (tests compare it with leader()).
  std::optional<ServerId> leader_by_scan() const;
  // A leader that has finished synchronizing with a quorum (it serves clients).
  bool leader_serving() const;
  // The trace: every event since the start, or with a trace window only the newest ones
  // (trace()[i] is then event number trace_dropped() + i of the run).
  const Trace& trace() const { return trace_; }
  size_t trace_dropped() const { return trace_dropped_; }
  size_t trace_recorded() const { return trace_dropped_ + trace_.size(); }  // events since the start
  std::string render_trace() const;
  // Headless runs (zksim run, fuzz, bench) keep a window of the trace instead of all of
  // it; the GUI keeps all of it (its time travel and Why panel read every event). With
  // max_events > 0 the oldest events are dropped a chunk (Trace::kChunkSize) at a time once
  // the trace holds max_events + kChunkSize of them, never one the invariant checker has
  // not read yet, so it holds at most max_events + kChunkSize events plus those recorded
  // since the checker last ran (commands between two events). `sink`, if set, is called
  // with every event as it is recorded (zksim run streams its outputs from it). Both are
  // kept by copies of the world.
  static constexpr size_t kHeadlessTraceWindow = 4096;  // zksim run, fuzz and bench keep this many
  using TraceSink = std::function<void(const TraceEvent&)>;
  void set_trace_window(size_t max_events, TraceSink sink = {});
  size_t trace_window() const { return trace_window_; }
  const EventQueue& queue() const { return queue_; }
  const Network& network() const { return network_; }
  Network& mutable_network() { return network_; }
  const std::vector<HeldMessage>& held_messages() const { return held_; }
  // Message recording (off by default) keeps the newest kMaxMessageRecords deliveries
  // (the oldest are dropped a chunk at a time beyond it).
  static constexpr size_t kMaxMessageRecords = 200'000;
  void set_record_messages(bool on) { record_messages_ = on; }
  const MessageLog& messages() const { return messages_; }
  // The dropped messages (with message recording; the newest kMaxMessageRecords).
  const DropLog& dropped_messages() const { return dropped_; }
  const SimClient* client(const std::string& name) const;
  SimClient* mutable_client(const std::string& name);
  const std::vector<ClientSlot>& clients() const { return clients_; }
  const ConnectionTable& connections() const { return connections_; }
  std::optional<EndpointId> client_endpoint(const std::string& name) const;
  // Messages in flight on a link (server<->server and client<->server; not a server's
  // notification to itself), sorted by (deliver_us, from, to, sent_us); at most max_count
  // of them (world_in_flight.cpp).
  std::vector<InFlightMessage> messages_in_flight(size_t max_count) const;
  // The same into *out (cleared first), reusing its capacity: no allocation per frame.
  void messages_in_flight(size_t max_count, std::vector<InFlightMessage>* out) const;

 private:
  ServerSlot& mutable_slot(ServerId id) { return servers_.at(static_cast<size_t>(id - 1)); }
  void boot(ServerSlot& slot);
  bool timer_due(const EventQueue::Popped& popped, const EventPayload& payload);
  void dispatch(const EventPayload& payload);
  void handle_input(ServerSlot& slot, const EventPayload& payload);
  void deliver_input(ServerSlot& slot, const EventPayload& payload, Outbox& out);
  // An input reached a paused server: held for its resume, or its connection breaks.
  void defer_input(ServerSlot& slot, const EventPayload& payload);
  // Nothing accepts this connect (a stopped process, or a full accept backlog).
  void refuse_connect(ServerId server, const DeliverToServer& connect);
  // A server's ZK_INVARIANT failed: the run stops with one trace event naming it.
  void server_invariant_failed(ServerSlot& slot, const InvariantFailure& failure);
  void apply_effects(ServerSlot& slot, Outbox& out);
  // The process stops (kill, or the server exiting by itself): its memory, timers, unsent
  // data and unsynced writes are gone; its links and client connections reset.
  void stop_process(ServerSlot& slot);
  // Keeps the LEADING count and id sum of leader() up to date for a server whose state may
  // have changed since it was_leading.
  void note_leading(const ServerSlot& slot, bool was_leading);
  void send(ServerId from, ServerId to, PeerMessage&& message);
  // Through the network, with TCP's semantics.
  void transmit(ServerId from, ServerId to, uint64_t to_incarnation, int64_t sent_us, PeerMessage&& message);
  void transmit(DeliverMessage&& deliver);
  // Queues a Payload built in place from fields at each time the network drew (twice when
  // duplicated: the first copy copies the fields, the last one moves them).
  template <typename Payload, typename... Fields>
  void push_delivery(const Network::Delivery& delivery, Fields&&... fields);
  // A timer's queue entry came up: true when it fires now; otherwise it was stale or has
  // been re-queued at the timer's later deadline (payload_at_seq makes that entry).
  template <typename MakePayload>
  bool lazy_timer_due(LazyTimer& timer, const EventQueue::Popped& popped, MakePayload payload_at_seq);
  // A lost message breaks the TCP connection between two servers: the sender learns now,
  // the receiver after everything sent before the lost message. It stays down until an end
  // sends again (see server_link_up).
  void break_connection(ServerId from, ServerId to, int64_t receiver_at_us);
  // Whether the connection between two servers carries messages now (a finished connect
  // attempt is settled here).
  bool server_link_up(ServerId from, ServerId to);
  // A send found the connection down. It is re-opened as QuorumCnxManager.connectOne does:
  // one connect attempt at a time, which comes up after the handshake or fails after
  // kQuorumConnectTimeoutUs; the send after that tries again. What is sent while it is down
  // is lost (FLE sends its last notification again once it is up, as SendWorker does).
  void connect_servers(ServerId from, ServerId to);
  // Sends one message over a client connection with TCP's semantics (see world.cpp).
  template <typename Delivery>
  void transmit_client_link(Delivery&& message);
  void announce_links(ServerId id, bool connected);
  void record(TraceEvent&& event);
  void apply_client_effects(ClientSlot& slot, ClientOutbox& out);
  // The one ClientOutbox every client input fills (cleared, capacity kept).
  ClientOutbox& fresh_client_outbox();
  // Runs a command on a named client (act(client, effects)) and applies its effects.
  template <typename Act>
  Status act_on_client(const std::string& name, Act&& act);
  ClientSlot* client_by_endpoint(EndpointId endpoint);
  void handle_client_event(const EventPayload& payload);

  WorldConfig config_;
  int64_t now_us_ = 0;
  int64_t events_processed_ = 0;
  Prng prng_;
  EventQueue queue_;
  Network network_;
  std::vector<ServerSlot> servers_;
  Trace trace_;
  size_t trace_dropped_ = 0;  // events dropped from the front of trace_ (trace window)
  size_t trace_window_ = 0;   // 0: keep every event
  TraceSink trace_sink_;
  std::vector<HeldMessage> held_;
  // Server-to-server messages sent over a cut link: TCP retransmits them, so they are
  // delivered in order when the partition heals (unless an end crashed meanwhile).
  std::vector<DeliverMessage> partitioned_;
  // The same for client connections, both directions, in send order.
  using ClientLinkMessage = std::variant<DeliverToServer, DeliverToClient>;
  std::vector<ClientLinkMessage> partitioned_client_;
  // Per server pair (lower id first) whose connection is broken: the connect attempt, if
  // one was started. Pairs not listed are connected.
  struct BrokenLink {
    bool attempting = false;
    bool attempt_succeeds = false;
    int64_t attempt_ends_us = 0;
  };
  std::map<std::pair<ServerId, ServerId>, BrokenLink> broken_links_;
  int64_t connect_attempts_ = 0;
  std::vector<ClientSlot> clients_;  // endpoint = kFirstClientEndpoint + index
  size_t history_fold_every_ops_ = 0;
  size_t ops_since_fold_ = 0;
  ConsistencyChecker consistency_;  // the operations folded out of the clients
  // The latest client of each name (a closed name may be connected again): index in clients_.
  // Ordered, so nothing in a run depends on hashing; O(log n) for client(name).
  std::map<std::string, size_t, std::less<>> client_index_by_name_;
  ConnectionTable connections_;      // every client connection id handed out, and its far end
  std::vector<ExternalDelivery> external_out_;
  // Routes a server's message to a connection: the simulated network for a simulated
  // client, external_out_ for an external one (dropped once that connection closed).
  void send_to_connection(ServerId from, ConnectionId connection, ServerToClient&& message, bool through_network);
  bool record_messages_ = false;
  MessageLog messages_;
  DropLog dropped_;
  std::vector<Effect> effect_buffer_;  // reused by every input's Outbox (no allocation per input)
  ClientOutbox client_outbox_;       // likewise for the clients' inputs
  void record_message(int64_t sent_us, EndpointId from, EndpointId to, const char* kind);
  void record_drop(const DeliverMessage& message, int64_t dropped_us, DropReason reason);
  void record_drop(int64_t sent_us, int64_t dropped_us, EndpointId from, EndpointId to, const char* kind,
                   DropReason reason);
  bool checking_ = true;
  InvariantChecker checker_;
  std::optional<InvariantViolation> violation_;
  int64_t leading_count_ = 0;      // live servers LEADING
  ServerId leading_id_sum_ = 0;    // the sum of their ids: the leader's id when the count is 1
};

// The fields of an in-flight message in one short line ("vote S3 zxid 0x0 round 1 ...").
std::string describe_in_flight(const InFlightMessage& message);

// Convergence, the one definition the scenario runner (`run until converged`, `expect
// converged`) and the tests share: a leader is serving, and the servers in scope hold
// identical trees — every live server, each of which must be serving (kEveryLiveServer), or
// only those that are serving (kServingServers). Last processed zxids are not compared: a
// follower that synced before the leader logged its NEWLEADER epoch zxid keeps an older one
// with the same tree.
enum class ConvergenceScope : uint8_t { kServingServers, kEveryLiveServer };
bool converged(const World& world, ConvergenceScope scope);

// "   1.234567s " style time stamp used by every trace rendering.
std::string format_time_us(int64_t time_us);

}  // namespace zk::sim
