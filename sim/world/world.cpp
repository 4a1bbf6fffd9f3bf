// The world's event loop: commands, event dispatch to servers, and effects turned into
// future events (messages through the network, timers, link changes).
#include "sim/world/world.h"

#include <fmt/format.h>

#include "core/invariant.h"
#include "core/peer_timing.h"
#include <algorithm>
#include <iterator>
#include <utility>

#include "core/invariant.h"

namespace zk::sim {
namespace {
constexpr uint64_t kHostUptimeKey = 0x686f737400000000ULL;  // "host", plus the server id
// "snap", plus the server id and the process's incarnation: the seed of its randRoll draws.
constexpr uint64_t kSnapRollKey = 0x736e617000000000ULL;
}  // namespace

std::string format_time_us(int64_t time_us) {
  return fmt::format("{:>5}.{:06}s", time_us / 1'000'000, time_us % 1'000'000);
}

World::World(WorldConfig config)
    : config_(config), prng_(config.seed), network_(config.latency_min_us, config.latency_max_us) {
  ZK_INVARIANT(config_.server_count >= 1 && config_.server_count <= 255);
  for (int i = 1; i <= config_.server_count; ++i) {
    ServerSlot slot;
    slot.id = i;
    // A keyed draw: the stream every other draw comes from stays as it was without hosts.
    slot.host_clock_at_zero_ms =
        config_.host_uptime_ms ? *config_.host_uptime_ms
                               : prng_.keyed_uniform_int(kHostUptimeKey + static_cast<uint64_t>(i), 0,
                                                         kDrawnHostUptimeMaxMs - 1);
    servers_.push_back(std::move(slot));
  }
}

const QuorumPeer* World::peer(ServerId id) const {
  if (!valid_server(id)) return nullptr;
  const ServerSlot& s = slot(id);
  return s.peer ? &*s.peer : nullptr;
}

PeerState World::state(ServerId id) const {
  const QuorumPeer* p = peer(id);
  return p ? p->state() : PeerState::kLooking;
}

std::optional<ServerId> World::leader() const {
  if (leading_count_ != 1) return std::nullopt;
  return leading_id_sum_;
}

static bool is_leading(const ServerSlot& s) { return s.peer && s.peer->state() == PeerState::kLeading; }

void World::note_leading(const ServerSlot& s, bool was_leading) {
  const bool leading = is_leading(s);
  if (leading == was_leading) return;
  leading_count_ += leading ? 1 : -1;
  leading_id_sum_ += leading ? s.id : -s.id;
}

std::optional<ServerId> World::leader_by_scan() const {
  std::optional<ServerId> found;
  for (const ServerSlot& s : servers_) {
    if (s.peer && s.peer->state() == PeerState::kLeading) {
      if (found) return std::nullopt;
      found = s.id;
    }
  }
  return found;
}

bool World::leader_serving() const {
  const auto id = leader();
  return id && peer(*id)->serving();
}

bool converged(const World& world, ConvergenceScope scope) {
  if (!world.leader_serving()) return false;
  const QuorumPeer* reference = nullptr;
  for (ServerId id = 1; id <= world.server_count(); ++id) {
    const QuorumPeer* p = world.peer(id);
    if (!p) continue;
    if (!p->serving()) {
      if (scope == ConvergenceScope::kEveryLiveServer) return false;
      continue;
    }
    if (!reference) {
      reference = p;
    } else if (!(p->tree() == reference->tree())) {
      return false;
    }
  }
  return reference != nullptr;
}

void World::record(TraceEvent&& event) {
  event.time_us = now_us_;
  if (trace_sink_) trace_sink_(event);
  trace_.push_back(std::move(event));
  if (trace_window_ == 0 || trace_.size() < trace_window_ + Trace::kChunkSize) return;
  // Whole chunks only (the copies' shared chunks are released, nothing is moved), and
  // none the checker has still to read.
  const size_t unread = checking_ ? trace_recorded() - std::min(checker_.trace_seen(), trace_recorded()) : 0;
  size_t drop = (trace_.size() - trace_window_) / Trace::kChunkSize * Trace::kChunkSize;
  drop = std::min(drop, (trace_.size() - unread) / Trace::kChunkSize * Trace::kChunkSize);
  trace_.drop_front(drop);
  trace_dropped_ += drop;
}

void World::set_trace_window(size_t max_events, TraceSink sink) {
  trace_window_ = max_events;
  trace_sink_ = std::move(sink);
}

void World::record_message(int64_t sent_us, EndpointId from, EndpointId to, const char* kind) {
  if (messages_.size() >= kMaxMessageRecords) messages_.drop_front(MessageLog::kChunkSize);
  messages_.push_back(MessageRecord{sent_us, now_us_, from, to, kind});
}

namespace {

const char* client_message_name(const ClientToServer& message) {
  static constexpr const char* kNames[] = {"CONNECT", "REQUEST", "PING", "DISCONNECT", "AUTH"};
  static_assert(std::size(kNames) == std::variant_size_v<ClientToServer>);
  return kNames[message.index()];
}

const char* server_reply_name(const ServerToClient& message) {
  static constexpr const char* kNames[] = {"CONNECTED", "REPLY", "WATCH EVENT", "PING REPLY", "CLOSE"};
  static_assert(std::size(kNames) == std::variant_size_v<ServerToClient>);
  return kNames[message.index()];
}

}  // namespace

const char* drop_reason_text(DropReason reason) {
  switch (reason) {
    case DropReason::kLoss: return "lost (loss fault)";
    case DropReason::kPartition: return "partition (the cut link's backlog was full)";
    case DropReason::kReceiverDown: return "receiver down";
    case DropReason::kSenderDown: return "sender crashed while it waited on a cut link";
    case DropReason::kDropNext: return "drop next";
    case DropReason::kConnectionBroken: return "its connection was broken";
  }
  return "?";
}

void World::record_drop(int64_t sent_us, int64_t dropped_us, EndpointId from, EndpointId to, const char* kind,
                        DropReason reason) {
  if (!record_messages_) return;
  if (dropped_.size() >= kMaxMessageRecords) dropped_.drop_front(DropLog::kChunkSize);
  dropped_.push_back(DroppedMessageRecord{sent_us, dropped_us, from, to, kind, reason});
}

void World::record_drop(const DeliverMessage& message, int64_t dropped_us, DropReason reason) {
  if (!record_messages_ || message.from == message.to) return;  // a server's vote to itself is on no link
  record_drop(message.sent_us, dropped_us, message.from, message.to, message_kind_name(message.message), reason);
}

void World::note(const std::string& text) { record(TraceEvent{.kind = TraceKind::kNote, .text = text}); }

Status World::check_server_id(ServerId id) const {
  if (valid_server(id)) return {};
  return Status::error(StatusCode::kNoSuchServer,
                       fmt::format("server id {} is out of range 1..{}", id, config_.server_count));
}

std::string World::render_trace() const {
  std::string text;
  for (const TraceEvent& event : trace_) text += format_time_us(event.time_us) + " " + describe(event) + "\n";
  return text;
}

template <typename Payload, typename... Fields>
void World::push_delivery(const Network::Delivery& delivery, Fields&&... fields) {
  for (size_t i = 0; i < delivery.count; ++i) {
    if (i + 1 == delivery.count) {
      queue_.emplace<Payload>(delivery.times_us[i], std::forward<Fields>(fields)...);  // the last copy: moved
    } else {
      queue_.emplace<Payload>(delivery.times_us[i], std::as_const(fields)...);
    }
  }
}

// ---------------------------------------------------------------- commands

void World::boot(ServerSlot& s) {
  ++s.incarnation;
  s.paused = false;
  s.exited = false;
  s.deferred.clear();
  s.stalled_peers.clear();
  s.stalled_clients.clear();
  s.timers = {};
  PeerConfig peer_config;
  peer_config.my_id = s.id;
  std::vector<ServerId> voters;
  for (ServerId id = 1; id <= config_.server_count; ++id) {
    if (!std::binary_search(config_.observers.begin(), config_.observers.end(), id)) voters.push_back(id);
  }
  peer_config.quorum = QuorumVerifier(std::move(voters), config_.observers);
  if (peer_config.quorum.is_observer(s.id)) {
    // Observer.waitForObserverElectionDelay's random sleep, drawn once per process start.
    peer_config.observer_election_delay_us = prng_.uniform_int(0, 199) * 1000;
  }
  peer_config.tick_us = config_.tick_us;
  peer_config.init_limit = config_.init_limit;
  peer_config.sync_limit = config_.sync_limit;
  peer_config.leader_bind_delay_us = config_.leader_bind_us;
  peer_config.containers = config_.containers;
  peer_config.super_digest = config_.super_digest;
  peer_config.skip_acl = config_.skip_acl;
  peer_config.snap_count = config_.snap_count;
  // A keyed draw, so the run's stream (and every trace made before snapCount existed) stays.
  peer_config.snap_roll_seed = static_cast<uint64_t>(
      prng_.keyed_uniform_int(kSnapRollKey + (static_cast<uint64_t>(s.id) << 24) + s.incarnation, 0, INT64_MAX));
  peer_config.incarnation = s.incarnation;
  peer_config.host_clock_at_zero_ms = s.host_clock_at_zero_ms;
  peer_config.min_session_timeout_ms = config_.min_session_timeout_ms;
  peer_config.max_session_timeout_ms = config_.max_session_timeout_ms;
  peer_config.injected_bug = config_.injected_bug;
  peer_config.upstream_bugs = config_.upstream_bugs;
  Outbox out(s.id, now_us_, effect_buffer_);
  try {
    s.peer.emplace(peer_config, s.disk.durable());
    s.peer->start(out);
  } catch (const InvariantFailure& failure) {
    out.mutable_effects().clear();
    server_invariant_failed(s, failure);
    note_leading(s, false);
    return;
  }
  apply_effects(s, out);
  note_leading(s, false);
  announce_links(s.id, true);
}

Status World::start(ServerId id) {
  if (Status status = check_server_id(id); !status.ok()) return status;
  ServerSlot& s = mutable_slot(id);
  if (s.peer) return Status::error(StatusCode::kServerRunning, fmt::format("server {} is already running", id));
  boot(s);
  return {};
}

Status World::load_disk(ServerId id, PersistentState state, const std::string& description) {
  if (Status status = check_server_id(id); !status.ok()) return status;
  ServerSlot& s = mutable_slot(id);
  if (s.peer) {
    return Status::error(StatusCode::kServerRunning,
                         fmt::format("server {} is running; load its disk before it starts or after a kill", id));
  }
  s.disk.load(std::move(state));
  note(fmt::format("server {}'s disk loaded: {}", id, description));
  return {};
}

Status World::restart(ServerId id) {
  if (Status status = check_server_id(id); !status.ok()) return status;
  ServerSlot& s = mutable_slot(id);
  if (s.peer) return Status::error(StatusCode::kServerRunning, fmt::format("server {} is running; kill it first", id));
  if (s.incarnation == 0) {
    return Status::error(StatusCode::kNeverStarted, fmt::format("server {} was never started; use start", id));
  }
  boot(s);
  return {};
}

Status World::kill(ServerId id) {
  if (Status status = check_server_id(id); !status.ok()) return status;
  ServerSlot& s = mutable_slot(id);
  if (!s.peer) return Status::error(StatusCode::kServerNotRunning, fmt::format("server {} is not running", id));
  const bool was_leading = is_leading(s);
  stop_process(s);
  note_leading(s, was_leading);
  return {};
}

void World::stop_process(ServerSlot& s) {
  const ServerId id = s.id;
  s.peer.reset();
  s.paused = false;
  s.deferred.clear();
  s.stalled_peers.clear();
  s.stalled_clients.clear();
  const size_t lost = s.disk.crash();
  record(TraceEvent{.server = id, .kind = TraceKind::kServerCrashed, .txns = static_cast<int32_t>(lost)});
  announce_links(id, false);
  // Its unsent data dies with it.
  std::erase_if(partitioned_, [&](const DeliverMessage& m) {
    if (m.from != id && m.to != id) return false;
    record_drop(m, now_us_, m.to == id ? DropReason::kReceiverDown : DropReason::kSenderDown);
    return true;
  });
  std::erase_if(partitioned_client_, [id](const ClientLinkMessage& m) {
    if (const auto* to_server = std::get_if<DeliverToServer>(&m)) return to_server->server == id;
    return std::get<DeliverToClient>(m).from == id;
  });
  // Its client connections are reset (TCP RST), reaching clients that can still hear it.
  connections_.for_each_open_external(id, [&](ConnectionId connection, ConnectionEnd& end) {
    external_out_.push_back(ExternalDelivery{connection, end.external_id, ConnectionClosed{"connection reset"}});
    end.open = false;
  });
  for (ClientSlot& c : clients_) {
    if (c.client.server() != id || !network_.connected(id, c.client.endpoint())) continue;
    queue_.push(now_us_ + network_.draw_latency_us(prng_),
                DeliverToClient{c.client.endpoint(), id, c.client.connection(), ConnectionClosed{"connection reset"}, now_us_});
  }
}

Status World::pause(ServerId id) {
  if (Status status = check_server_id(id); !status.ok()) return status;
  ServerSlot& s = mutable_slot(id);
  if (!s.peer) return Status::error(StatusCode::kServerNotRunning, fmt::format("server {} is not running", id));
  if (s.paused) return Status::error(StatusCode::kServerPaused, fmt::format("server {} is already paused", id));
  s.paused = true;
  record(TraceEvent{.server = id, .kind = TraceKind::kServerPaused});
  return {};
}

Status World::resume(ServerId id) {
  if (Status status = check_server_id(id); !status.ok()) return status;
  ServerSlot& s = mutable_slot(id);
  if (!s.peer || !s.paused) return Status::error(StatusCode::kServerNotPaused, fmt::format("server {} is not paused", id));
  s.paused = false;
  record(TraceEvent{.server = id, .kind = TraceKind::kServerResumed});
  std::vector<EventPayload> deferred = std::exchange(s.deferred, {});
  for (const EventPayload& payload : deferred) {
    if (!s.peer || s.paused || violation_) break;
    handle_input(s, payload);
  }
  // Connections that lost messages while it held no more: they break now, as TCP's would
  // once the gap is seen.
  if (s.peer && !s.paused) {
    for (ServerId peer : std::exchange(s.stalled_peers, {})) break_connection(peer, id, now_us_);
    for (const auto& [client, connection] : std::exchange(s.stalled_clients, {})) {
      send_to_connection(id, connection, ConnectionClosed{"connection reset: messages were lost"}, client != kExternalEndpoint);
      queue_.push(now_us_, DeliverToServer{id, s.incarnation, client, connection, Disconnect{}, now_us_});
    }
  }
  return {};
}

Status World::partition(const std::vector<std::vector<EndpointId>>& groups) {
  if (groups.size() < 2) {
    return Status::error(StatusCode::kInvalidArgument, "partition needs at least two groups separated by |");
  }
  network_.partition(groups);
  std::string text;
  for (size_t g = 0; g < groups.size(); ++g) {
    text += g ? " |" : "";
    for (EndpointId e : groups[g]) text += e >= kFirstClientEndpoint ? fmt::format(" C{}", e) : fmt::format(" S{}", e);
  }
  record(TraceEvent{.kind = TraceKind::kNetworkPartitioned, .text = std::move(text)});
  return {};
}

Status World::heal() {
  const auto healed = network_.heal();
  record(TraceEvent{.kind = TraceKind::kNetworkHealed});
  // Connections between servers that were cut come back up.
  for (const auto& [from, to] : healed) {
    if (from < to && valid_server(from) && valid_server(to) && is_up(from) && is_up(to)) {
      for (const auto& [a, b] : {std::pair{from, to}, std::pair{to, from}}) {
        queue_.push(now_us_ + network_.draw_latency_us(prng_),
                    LinkChange{a, slot(a).incarnation, b, true});
      }
    }
  }
  // What the servers sent over the cut links arrives now, in order (TCP retransmission).
  std::vector<DeliverMessage> waiting = std::exchange(partitioned_, {});
  for (DeliverMessage& message : waiting) {
    const ServerSlot& target = slot(message.to);
    if (target.peer && target.incarnation == message.to_incarnation) {
      transmit(std::move(message));
    } else {
      record_drop(message, now_us_, DropReason::kReceiverDown);
    }
  }
  // Likewise on client connections that both ends still hold.
  std::vector<ClientLinkMessage> client_waiting = std::exchange(partitioned_client_, {});
  for (ClientLinkMessage& message : client_waiting) {
    if (auto* to_server = std::get_if<DeliverToServer>(&message)) {
      const ServerSlot& target = slot(to_server->server);
      if (target.peer && target.incarnation == to_server->incarnation) transmit_client_link(std::move(*to_server));
    } else {
      auto& to_client = std::get<DeliverToClient>(message);
      const ClientSlot* target = client_by_endpoint(to_client.client);
      if (target && target->client.connection() == to_client.connection) transmit_client_link(std::move(to_client));
    }
  }
  return {};
}

Status World::hold_next(EndpointId from, EndpointId to) {
  network_.hold_next(from, to);
  return {};
}

Status World::drop_next(EndpointId from, EndpointId to) {
  network_.drop_next(from, to);
  return {};
}

Status World::release_held(EndpointId from, EndpointId to) {
  bool any = false;
  std::vector<HeldMessage> keep;
  for (HeldMessage& held : held_) {
    if (held.message.from == from && held.message.to == to) {
      queue_.push(now_us_ + network_.draw_latency_us(prng_), held.message);
      any = true;
    } else {
      keep.push_back(std::move(held));
    }
  }
  held_ = std::move(keep);
  if (!any) return Status::error(StatusCode::kNothingHeld, fmt::format("no message is held on S{} -> S{}", from, to));
  return {};
}

void World::announce_links(ServerId id, bool connected) {
  // A process that starts or dies has none of its old connections left to re-open.
  std::erase_if(broken_links_, [id](const auto& link) { return link.first.first == id || link.first.second == id; });
  for (ServerSlot& other : servers_) {
    if (other.id == id || !other.peer) continue;
    if (!network_.connected(id, other.id) || !network_.connected(other.id, id)) continue;
    queue_.push(now_us_ + network_.draw_latency_us(prng_), LinkChange{other.id, other.incarnation, id, connected});
    if (connected) {
      queue_.push(now_us_ + network_.draw_latency_us(prng_),
                  LinkChange{id, slot(id).incarnation, other.id, true});
    }
  }
}

// ---------------------------------------------------------------- time

bool World::step_until(int64_t deadline_us) {
  if (queue_.empty() || violation_) return false;
  EventQueue::Popped popped;
  if (!queue_.pop_key_due(deadline_us, &popped)) return false;
  ZK_INVARIANT(popped.time_us >= now_us_);
  now_us_ = popped.time_us;
  // The payload is handled in place: the slab keeps it put while new events are pushed.
  const EventPayload& payload = queue_.payload(popped);
  if (timer_due(popped, payload)) {
    ++events_processed_;
    dispatch(payload);
    // A server that stopped on its own check has set the violation already; the checker
    // must not overwrite it (the run stops at the first one).
    if (checking_ && !violation_ && (violation_ = checker_.after_event(*this, payload))) {
      record(TraceEvent{.server = violation_->servers.empty() ? 0 : violation_->servers.front(),
                        .kind = TraceKind::kInvariantViolated, .text = describe_violation(*violation_)});
    }
  }
  queue_.release(popped);
  return true;
}

// Timer entries are bookkeeping until the armed deadline itself comes up (see LazyTimer):
// an early entry is re-queued at the deadline with the arming's sequence number, a stale
// one (cancelled, superseded, or of a server's earlier incarnation) is dropped.
template <typename MakePayload>
bool World::lazy_timer_due(LazyTimer& timer, const EventQueue::Popped& popped, MakePayload payload_at_seq) {
  switch (timer.on_pop(popped.time_us, popped.seq)) {
    case LazyTimer::Pop::kStale: return false;
    case LazyTimer::Pop::kRequeue:
      queue_.push_at(timer.deadline_us, timer.seq, payload_at_seq(timer.seq));
      return false;
    case LazyTimer::Pop::kFire: return true;
  }
  return false;
}

bool World::timer_due(const EventQueue::Popped& popped, const EventPayload& payload) {
  if (const auto* timer = std::get_if<FireTimer>(&payload)) {
    if (!valid_server(timer->server)) return false;
    ServerSlot& s = mutable_slot(timer->server);
    if (!s.peer || s.incarnation != timer->incarnation) return false;
    return lazy_timer_due(s.timers[static_cast<size_t>(timer->kind)], popped, [&](uint64_t seq) {
      return FireTimer{timer->server, timer->incarnation, timer->kind, seq};
    });
  }
  if (const auto* timer = std::get_if<ClientTimerFire>(&payload)) {
    ClientSlot* c = client_by_endpoint(timer->client);
    if (!c || timer->kind >= kClientTimerKindCount) return false;
    return lazy_timer_due(c->timers[timer->kind], popped,
                          [&](uint64_t seq) { return ClientTimerFire{timer->client, timer->kind, seq}; });
  }
  return true;
}

void World::run_for(int64_t duration_us) {
  const int64_t until_us = now_us_ + duration_us;
  while (step_until(until_us)) {
  }
  now_us_ = until_us;
}

// ---------------------------------------------------------------- dispatch

void World::dispatch(const EventPayload& payload) {
  if (std::holds_alternative<DeliverToClient>(payload) || std::holds_alternative<ClientTimerFire>(payload)) {
    handle_client_event(payload);
    return;
  }
  const auto [target, incarnation] = event_target(payload);
  if (const auto* to_server = std::get_if<DeliverToServer>(&payload)) {
    // Nothing listens on a crashed server's client port: the connect is refused.
    if (valid_server(target) && (!slot(target).peer || slot(target).incarnation != incarnation)) {
      refuse_connect(target, *to_server);
      return;
    }
  }
  if (!valid_server(target)) return;
  ServerSlot& s = mutable_slot(target);
  if (!s.peer || s.incarnation != incarnation) {  // down, or restarted since
    if (const auto* deliver = std::get_if<DeliverMessage>(&payload)) record_drop(*deliver, now_us_, DropReason::kReceiverDown);
    return;
  }
  if (s.paused) {
    defer_input(s, payload);
    return;
  }
  handle_input(s, payload);
}

void World::refuse_connect(ServerId server, const DeliverToServer& connect) {
  if (connect.from == kExternalEndpoint) {
    send_to_connection(server, connect.connection, ConnectionClosed{"connection refused", true}, false);
  } else if (std::holds_alternative<ConnectRequest>(connect.message) && network_.connected(server, connect.from)) {
    queue_.push(now_us_ + network_.draw_latency_us(prng_),
                DeliverToClient{connect.from, server, connect.connection, ConnectionClosed{"connection refused", true},
                                now_us_});
  }
}

void World::defer_input(ServerSlot& s, const EventPayload& payload) {
  if (s.deferred.size() >= config_.max_deferred_inputs) {
    if (const auto* deliver = std::get_if<DeliverMessage>(&payload)) {
      if (s.stalled_peers.insert(deliver->from).second) {
        record(TraceEvent{.server = s.id, .kind = TraceKind::kPausedBacklogFull, .peer = deliver->from,
                          .inputs = static_cast<int32_t>(s.deferred.size())});
      }
      return;
    }
    if (const auto* from_client = std::get_if<DeliverToServer>(&payload)) {
      if (std::holds_alternative<ConnectRequest>(from_client->message)) {
        refuse_connect(s.id, *from_client);  // the accept backlog is full
        return;
      }
      if (!std::holds_alternative<Disconnect>(from_client->message)) {
        if (s.stalled_clients.emplace(from_client->from, from_client->connection).second) {
          record(TraceEvent{.server = s.id, .kind = TraceKind::kPausedBacklogFull,
                            .client_endpoint = from_client->from,
                            .inputs = static_cast<int32_t>(s.deferred.size())});
        }
        return;
      }
    }
    // What is left is the process's own (one entry per timer kind, one fsync, link
    // changes, a close per connection): few, and checked.
    ZK_INVARIANT(s.deferred.size() < config_.max_deferred_inputs + kMaxDeferredOwnInputs);
  }
  s.deferred.push_back(payload);
}

void World::handle_input(ServerSlot& s, const EventPayload& payload) {
  const bool was_leading = is_leading(s);
  Outbox out(s.id, now_us_, effect_buffer_);
  try {
    deliver_input(s, payload, out);
  } catch (const InvariantFailure& failure) {
    out.mutable_effects().clear();
    server_invariant_failed(s, failure);
    note_leading(s, was_leading);
    return;
  }
  apply_effects(s, out);
  note_leading(s, was_leading);
}

void World::server_invariant_failed(ServerSlot& s, const InvariantFailure& failure) {
  if (violation_) return;
  violation_ = InvariantViolation{"server-invariant", {s.id},
                                  fmt::format("{}:{}: {}", failure.file(), failure.line(), failure.condition())};
  record(TraceEvent{.server = s.id, .kind = TraceKind::kInvariantViolated, .text = describe_violation(*violation_)});
}

void World::deliver_input(ServerSlot& s, const EventPayload& payload, Outbox& out) {
  if (const auto* deliver = std::get_if<DeliverMessage>(&payload)) {
    if (record_messages_) record_message(deliver->sent_us, deliver->from, s.id, message_kind_name(deliver->message));
    s.peer->on_message(deliver->from, deliver->message, out);
  } else if (const auto* timer = std::get_if<FireTimer>(&payload)) {
    LazyTimer& t = s.timers[static_cast<size_t>(timer->kind)];
    if (!t.armed || t.seq != timer->generation) return;
    t.armed = false;
    s.peer->on_timer(timer->kind, out);
  } else if (const auto* link = std::get_if<LinkChange>(&payload)) {
    if (link->connected) {
      s.peer->on_peer_connected(link->peer, out);
    } else {
      s.peer->on_peer_disconnected(link->peer, out);
    }
  } else if (const auto* synced = std::get_if<DiskSynced>(&payload)) {
    s.disk.complete_fsync(synced->target);
    s.peer->on_disk_synced(synced->token, out);
  } else if (const auto* from_client = std::get_if<DeliverToServer>(&payload)) {
    if (record_messages_) record_message(from_client->sent_us, from_client->from, s.id, client_message_name(from_client->message));
    s.peer->on_client_message(from_client->connection, from_client->message, out);
  }
}

void World::apply_effects(ServerSlot& s, Outbox& out) {
  // Drained in place: applying an effect never hands a server another input, so nothing
  // adds to the buffer while it is walked.
  std::vector<Effect>& effects = out.mutable_effects();
  const size_t effect_count = effects.size();
  bool exits = false;
  for (Effect& effect : effects) {
    if (auto* send_effect = std::get_if<SendEffect>(&effect)) {
      send(s.id, send_effect->to, std::move(send_effect->message));
    } else if (const auto* set = std::get_if<SetTimerEffect>(&effect)) {
      const uint64_t seq = queue_.reserve_seq();
      const int64_t at_us = now_us_ + set->after_us;
      if (s.timers[static_cast<size_t>(set->kind)].arm(at_us, seq)) {
        queue_.push_at(at_us, seq, FireTimer{s.id, s.incarnation, set->kind, seq});
      }
    } else if (const auto* cancel = std::get_if<CancelTimerEffect>(&effect)) {
      s.timers[static_cast<size_t>(cancel->kind)].cancel();
    } else if (auto* trace = std::get_if<TraceEffect>(&effect)) {
      // A server that finds its own protocol state broken (ZooKeeper exits the process
      // there) stops the run as a failed check, like any checker's violation.
      if (trace->event.kind == TraceKind::kInvariantViolated && !violation_) {
        violation_ = InvariantViolation{"server-invariant", {s.id}, trace->event.text};
      }
      record(std::move(trace->event));
    } else if (auto* to_client = std::get_if<ClientSendEffect>(&effect)) {
      send_to_connection(s.id, to_client->connection, std::move(to_client->message), true);
    } else if (auto* append = std::get_if<LogAppendEffect>(&effect)) {
      s.disk.append(std::move(append->txn));
    } else if (const auto* fsync = std::get_if<FsyncEffect>(&effect)) {
      const int64_t done_us = std::max(now_us_ + prng_.uniform_int(config_.fsync_min_us, config_.fsync_max_us),
                                       s.disk.last_fsync_done_us);
      s.disk.last_fsync_done_us = done_us;
      queue_.push(done_us, DiskSynced{s.id, s.incarnation, fsync->token, s.disk.fsync_target()});
    } else if (const auto* truncate = std::get_if<LogTruncateEffect>(&effect)) {
      s.disk.truncate(truncate->zxid);
    } else if (auto* snapshot = std::get_if<SnapshotEffect>(&effect)) {
      s.disk.snapshot(std::move(snapshot->tree), snapshot->zxid);
    } else if (const auto* epoch = std::get_if<EpochWriteEffect>(&effect)) {
      s.disk.write_epoch(epoch->file, epoch->epoch);
    } else if (std::holds_alternative<ProcessExitEffect>(effect)) {
      exits = true;
    }
  }
  ZK_INVARIANT(effects.size() == effect_count);
  effects.clear();
  // The process ended itself: it stops as a crashed one does (what it did not fsync is lost).
  if (exits) {
    stop_process(s);
    s.exited = true;
  }
}

// ---------------------------------------------------------------- clients

void World::send_to_connection(ServerId from, ConnectionId connection, ServerToClient&& message, bool through_network) {
  ConnectionEnd* end = connections_.find(connection);
  ZK_INVARIANT(end != nullptr);
  if (end->kind == ConnectionEnd::Kind::kSimulatedClient) {
    ZK_INVARIANT(through_network);
    transmit_client_link(DeliverToClient{end->endpoint, from, connection, std::move(message), now_us_});
    return;
  }
  if (!end->open) return;
  if (std::holds_alternative<ConnectionClosed>(message)) end->open = false;
  external_out_.push_back(ExternalDelivery{connection, end->external_id, std::move(message)});
}

Status World::external_open(ServerId server, uint64_t external_id, ConnectionId* connection) {
  if (Status status = check_server_id(server); !status.ok()) return status;
  *connection = connections_.open(
      ConnectionEnd{ConnectionEnd::Kind::kExternal, kExternalEndpoint, external_id, server, true});
  return {};
}

Status World::external_send(ConnectionId connection, ClientToServer message) {
  const ConnectionEnd* end = connections_.find(connection);
  if (!end || end->kind != ConnectionEnd::Kind::kExternal) {
    return Status::error(StatusCode::kNoSuchConnection, fmt::format("no external connection {}", connection));
  }
  if (!end->open) {
    return Status::error(StatusCode::kConnectionClosed, fmt::format("external connection {} is closed", connection));
  }
  queue_.push(now_us_, DeliverToServer{end->server, slot(end->server).incarnation, kExternalEndpoint, connection,
                                       std::move(message), now_us_});
  return {};
}

void World::external_close(ConnectionId connection) {
  ConnectionEnd* end = connections_.find(connection);
  // Closed by the server already (it forgot the connection then): nothing to tell it.
  if (!end || end->kind != ConnectionEnd::Kind::kExternal || !end->open) return;
  end->open = false;
  queue_.push(now_us_, DeliverToServer{end->server, slot(end->server).incarnation, kExternalEndpoint, connection,
                                       Disconnect{}, now_us_});
}

const SimClient* World::client(const std::string& name) const {
  // The latest client of that name (a closed name may be connected again).
  const auto it = client_index_by_name_.find(name);
  return it == client_index_by_name_.end() ? nullptr : &clients_[it->second].client;
}

SimClient* World::mutable_client(const std::string& name) {
  const auto it = client_index_by_name_.find(name);
  return it == client_index_by_name_.end() ? nullptr : &clients_[it->second].client;
}

std::optional<EndpointId> World::client_endpoint(const std::string& name) const {
  const SimClient* c = client(name);
  return c ? std::optional<EndpointId>(c->endpoint()) : std::nullopt;
}

ClientSlot* World::client_by_endpoint(EndpointId endpoint) {
  const auto index = endpoint - kFirstClientEndpoint;
  if (index < 0 || index >= static_cast<EndpointId>(clients_.size())) return nullptr;
  return &clients_[static_cast<size_t>(index)];
}

std::vector<ServerId> World::client_hosts(ServerId first) {
  std::vector<ServerId> hosts;
  for (ServerId id = 1; id <= config_.server_count; ++id) hosts.push_back(id);
  shuffle_hosts(hosts, prng_);
  if (first != 0) {
    const auto it = std::find(hosts.begin(), hosts.end(), first);
    if (it != hosts.end()) std::rotate(hosts.begin(), it, it + 1);
  }
  return hosts;
}

Status World::client_connect(const std::string& name, ServerId first, int64_t timeout_ms) {
  if (first != 0) {
    if (Status status = check_server_id(first); !status.ok()) return status;
  }
  return client_connect(name, client_hosts(first), timeout_ms);
}

Status World::client_connect(const std::string& name, std::vector<ServerId> hosts, int64_t timeout_ms) {
  if (hosts.empty()) return Status::error(StatusCode::kInvalidArgument, "a client needs at least one server");
  for (size_t i = 0; i < hosts.size(); ++i) {
    if (Status status = check_server_id(hosts[i]); !status.ok()) return status;
    if (std::find(hosts.begin(), hosts.begin() + static_cast<std::ptrdiff_t>(i), hosts[i]) !=
        hosts.begin() + static_cast<std::ptrdiff_t>(i)) {
      return Status::error(StatusCode::kInvalidArgument, fmt::format("server {} is listed twice", hosts[i]));
    }
  }
  if (const SimClient* existing = client(name)) {
    const ClientState state = existing->state();
    if (state != ClientState::kClosed && state != ClientState::kExpired && state != ClientState::kCrashed) {
      return Status::error(StatusCode::kClientConnected, fmt::format("client '{}' is already connected", name));
    }
  }
  const EndpointId endpoint = kFirstClientEndpoint + static_cast<EndpointId>(clients_.size());
  clients_.push_back(ClientSlot{SimClient(name, endpoint, StaticHostProvider(std::move(hosts)), timeout_ms), {}});
  client_index_by_name_.insert_or_assign(name, clients_.size() - 1);
  ClientSlot& slot = clients_.back();
  ClientOutbox& out = fresh_client_outbox();
  slot.client.connect(out);
  apply_client_effects(slot, out);
  return {};
}

Status World::client_crash(const std::string& name) {
  Status error;
  Status result = act_on_client(name, [&](SimClient& c, ClientOutbox& out) {
    if (!c.crash(out)) {
      error = Status::error(StatusCode::kClientNotRunning,
                            fmt::format("client '{}' is {}", name, client_state_name(c.state())));
    }
  });
  return result.ok() ? error : result;
}

template <typename Act>
Status World::act_on_client(const std::string& name, Act&& act) {
  SimClient* c = mutable_client(name);
  if (!c) return Status::error(StatusCode::kNoSuchClient, fmt::format("unknown client '{}'", name));
  ClientSlot& slot = *client_by_endpoint(c->endpoint());
  ClientOutbox& out = fresh_client_outbox();
  act(*c, out);
  apply_client_effects(slot, out);
  return {};
}

Status World::client_submit(const std::string& name, Request request, int32_t* cxid) {
  const Status status = act_on_client(name, [&](SimClient& c, ClientOutbox& out) {
    const int32_t id = c.submit(std::move(request), out);
    if (cxid) *cxid = id;
  });
  if (status.ok() && history_fold_every_ops_ > 0 && ++ops_since_fold_ >= history_fold_every_ops_) {
    ops_since_fold_ = 0;
    fold_client_history();
  }
  return status;
}

Status World::client_add_auth(const std::string& name, std::string scheme, std::string auth, size_t* index) {
  return act_on_client(name, [&](SimClient& c, ClientOutbox& out) {
    *index = c.add_auth(std::move(scheme), std::move(auth), out);
  });
}

Status World::client_close(const std::string& name, std::optional<int32_t>* cxid) {
  return act_on_client(name, [&](SimClient& c, ClientOutbox& out) { *cxid = c.close(out); });
}

ClientOutbox& World::fresh_client_outbox() {
  client_outbox_.reset(now_us_, connections_.next_id(), &prng_);
  return client_outbox_;
}

void World::apply_client_effects(ClientSlot& slot, ClientOutbox& out) {
  const EndpointId endpoint = slot.client.endpoint();
  if (out.connection_opened()) {
    const ConnectionId id = connections_.open(ConnectionEnd{ConnectionEnd::Kind::kSimulatedClient, endpoint, 0});
    ZK_INVARIANT(id == out.next_connection());
  }
  for (ClientSend& send : out.sends()) {
    if (!valid_server(send.server)) continue;
    transmit_client_link(DeliverToServer{send.server, this->slot(send.server).incarnation, endpoint, send.connection,
                                         std::move(send.message), now_us_});
  }
  for (const ClientTimer& timer : out.timers()) {
    LazyTimer& t = slot.timers[static_cast<size_t>(timer.kind)];
    if (timer.after_us < 0) {
      t.cancel();
      continue;
    }
    const uint64_t seq = queue_.reserve_seq();
    const int64_t at_us = now_us_ + timer.after_us;
    if (t.arm(at_us, seq)) queue_.push_at(at_us, seq, ClientTimerFire{endpoint, static_cast<uint8_t>(timer.kind), seq});
  }
  for (TraceEvent& event : out.traces()) record(std::move(event));
}

void World::handle_client_event(const EventPayload& payload) {
  ClientOutbox& out = fresh_client_outbox();
  ClientSlot* slot = nullptr;
  if (const auto* to_client = std::get_if<DeliverToClient>(&payload)) {
    slot = client_by_endpoint(to_client->client);
    if (!slot) return;
    if (record_messages_) record_message(to_client->sent_us, to_client->from, to_client->client, server_reply_name(to_client->message));
    slot->client.on_message(to_client->connection, to_client->message, out);
  } else if (const auto* timer = std::get_if<ClientTimerFire>(&payload)) {
    slot = client_by_endpoint(timer->client);
    if (!slot) return;
    LazyTimer& t = slot->timers[timer->kind];
    if (!t.armed || t.seq != timer->generation) return;
    t.armed = false;
    slot->client.on_timer(static_cast<ClientTimerKind>(timer->kind), out);
  }
  if (slot) apply_client_effects(*slot, out);
}

void World::send(ServerId from, ServerId to, PeerMessage&& message) {
  if (from == to) {
    queue_.push(now_us_, DeliverMessage{from, to, slot(to).incarnation, now_us_, std::move(message)});
    return;
  }
  if (!valid_server(to)) return;
  const ServerSlot& target = slot(to);
  if (!target.peer) {
    // Nothing listens there: a connect attempt is refused at once (TCP RST).
    const auto* packet = std::get_if<QuorumPacket>(&message);
    if (packet && is_learner_info(packet->type) && network_.connected(from, to) &&
        network_.connected(to, from)) {
      QuorumPacket refused;
      refused.type = PacketType::kConnectRefused;
      refused.connection = packet->connection;
      queue_.push(now_us_ + 2 * network_.draw_latency_us(prng_),
                  DeliverMessage{to, from, slot(from).incarnation, now_us_, refused});
    }
    return;
  }
  transmit(from, to, target.incarnation, now_us_, std::move(message));
}

void World::transmit(DeliverMessage&& deliver) {
  transmit(deliver.from, deliver.to, deliver.to_incarnation, deliver.sent_us, std::move(deliver.message));
}

void World::transmit(ServerId from, ServerId to, uint64_t to_incarnation, int64_t sent_us, PeerMessage&& message) {
  // A broken connection carries nothing until it is re-established: what is sent meanwhile
  // is lost with it. (Delivering it would leave a gap behind the lost message in a stream
  // the receiver still trusts: a DIFF that lost one COMMIT left a follower with a logged,
  // never applied txn and a tree that differed from the leader's at the same zxid.)
  if (!server_link_up(from, to)) {
    if (record_messages_) record_drop(sent_us, now_us_, from, to, message_kind_name(message), DropReason::kConnectionBroken);
    connect_servers(from, to);
    return;
  }
  const Network::Delivery delivery = network_.schedule(from, to, now_us_, prng_);
  // Server links are TCP connections: in order, without gaps, while they last. A cut link
  // keeps the connection (TCP retransmits until the partition heals or a timeout in the
  // servers gives up on it); a lost message shows as the connection breaking.
  if (delivery.cut) {
    if (partitioned_.size() < kMaxPartitionedMessages) {
      partitioned_.push_back(DeliverMessage{from, to, to_incarnation, sent_us, std::move(message)});
    } else {
      if (record_messages_) record_drop(sent_us, now_us_, from, to, message_kind_name(message), DropReason::kPartition);
      break_connection(from, to, now_us_);
    }
    return;
  }
  if (delivery.lost) {
    if (record_messages_) {
      record_drop(sent_us, delivery.lost_at_us, from, to, message_kind_name(message), DropReason::kLoss);
    }
    break_connection(from, to, delivery.lost_at_us);
    return;
  }
  if (delivery.held) {
    held_.push_back(HeldMessage{DeliverMessage{from, to, to_incarnation, sent_us, std::move(message)}});
    return;
  }
  if (delivery.count == 0) {  // taken by `drop` on this link: say which message it was
    record(TraceEvent{.server = from, .kind = TraceKind::kMessageDropped, .peer = to,
                      .message_kind = message_kind_name(message)});
    record_drop(sent_us, now_us_, from, to, message_kind_name(message), DropReason::kDropNext);
    return;
  }
  push_delivery<DeliverMessage>(delivery, from, to, to_incarnation, sent_us, std::move(message));
}

// Client links are TCP connections as well: in order and without gaps while they last.
// A cut link holds what is sent (delivered at heal if both ends still hold the
// connection; the client's read timeout or the session expiry gives up first); a lost
// message breaks the connection: the sender's end learns now, the receiver's after what
// was sent before it. Duplicate and reorder still act on single messages (opt-in faults).
template <typename Delivery>
void World::transmit_client_link(Delivery&& message) {
  constexpr bool kToServer = std::is_same_v<std::decay_t<Delivery>, DeliverToServer>;
  EndpointId from = 0, to = 0;
  if constexpr (kToServer) {
    from = message.from;
    to = message.server;
  } else {
    from = message.from;
    to = message.client;
  }
  const Network::Delivery delivery = network_.schedule(from, to, now_us_, prng_);
  if (delivery.cut && partitioned_client_.size() < kMaxPartitionedMessages) {
    partitioned_client_.emplace_back(std::move(message));
    return;
  }
  if (delivery.cut || delivery.lost) {
    const int64_t receiver_at_us = delivery.lost ? delivery.lost_at_us : now_us_;
    const ConnectionId connection = message.connection;
    const EndpointId client = kToServer ? from : to;
    const ServerId server = kToServer ? to : from;
    const ServerSlot& server_slot = slot(server);
    const int64_t server_at_us = kToServer ? receiver_at_us : now_us_;
    const int64_t client_at_us = kToServer ? now_us_ : receiver_at_us;
    if (record_messages_) {
      const char* kind = "";
      if constexpr (kToServer) {
        kind = client_message_name(message.message);
      } else {
        kind = server_reply_name(message.message);
      }
      record_drop(message.sent_us, receiver_at_us, from, to, kind, delivery.lost ? DropReason::kLoss : DropReason::kPartition);
    }
    record(TraceEvent{.kind = TraceKind::kClientLinkBroken, .peer = server, .client_endpoint = client});
    queue_.push(server_at_us, DeliverToServer{server, server_slot.incarnation, client, connection, Disconnect{}, now_us_});
    queue_.push(client_at_us,
                DeliverToClient{client, server, connection, ConnectionClosed{"connection reset: a message was lost"}, now_us_});
    return;
  }
  if constexpr (kToServer) {
    push_delivery<DeliverToServer>(delivery, message.server, message.incarnation, message.from, message.connection,
                                   std::move(message.message), message.sent_us);
  } else {
    push_delivery<DeliverToClient>(delivery, message.client, message.from, message.connection,
                                   std::move(message.message), message.sent_us);
  }
}

void World::break_connection(ServerId from, ServerId to, int64_t receiver_at_us) {
  // Already broken and not yet reconnected: this message is simply gone with the connection.
  if (!server_link_up(from, to)) return;
  record(TraceEvent{.server = from, .kind = TraceKind::kConnectionBroken, .peer = to});
  queue_.push(now_us_, LinkChange{from, slot(from).incarnation, to, false});
  queue_.push(receiver_at_us, LinkChange{to, slot(to).incarnation, from, false});
  broken_links_[{std::min(from, to), std::max(from, to)}] = BrokenLink{};
}

bool World::server_link_up(ServerId from, ServerId to) {
  if (broken_links_.empty()) return true;
  const auto it = broken_links_.find({std::min(from, to), std::max(from, to)});
  if (it == broken_links_.end()) return true;
  BrokenLink& link = it->second;
  if (link.attempting && now_us_ >= link.attempt_ends_us) {
    if (link.attempt_succeeds) {
      broken_links_.erase(it);
      return true;
    }
    link.attempting = false;  // timed out: the next send tries again
  }
  return false;
}

void World::connect_servers(ServerId from, ServerId to) {
  BrokenLink& link = broken_links_[{std::min(from, to), std::max(from, to)}];
  if (link.attempting) return;
  ++connect_attempts_;
  const Network::Handshake handshake = network_.handshake(from, to, prng_);
  link.attempting = true;
  link.attempt_succeeds = handshake.ok;
  link.attempt_ends_us = now_us_ + (handshake.ok ? handshake.round_trip_us : kQuorumConnectTimeoutUs);
  if (handshake.ok) {
    queue_.push(link.attempt_ends_us, LinkChange{from, slot(from).incarnation, to, true});
    queue_.push(link.attempt_ends_us, LinkChange{to, slot(to).incarnation, from, true});
  }
}

}  // namespace zk::sim
