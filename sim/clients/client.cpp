// The simulated client's connection state machine.
#include "sim/clients/client.h"

#include <fmt/format.h>

#include <algorithm>
#include "core/invariant.h"

namespace zk::sim {
namespace {

// ClientCnxn's send loop pings once nothing has been sent for readTimeout / 2, where
// readTimeout = negotiated timeout * 2 / 3 in whole ms: every send (a request, a ping, the
// connect) restarts that wait. Not modelled: its timeToNextPing also subtracts 1000 ms when
// the loop wakes for a received packet after more than 1 s without sending.
ClientTimer ping_after_send(int64_t negotiated_timeout_ms) {
  const int64_t read_timeout_ms = negotiated_timeout_ms * 2 / 3;
  return ClientTimer{ClientTimerKind::kPing, read_timeout_ms / 2 * 1000};
}

}  // namespace

const char* keeper_state_name(KeeperState state) {
  switch (state) {
    case KeeperState::kDisconnected: return "Disconnected";
    case KeeperState::kSyncConnected: return "SyncConnected";
    case KeeperState::kExpired: return "Expired";
    case KeeperState::kClosed: return "Closed";
    case KeeperState::kAuthFailed: return "AuthFailed";
  }
  return "?";
}

const char* client_state_name(ClientState state) {
  switch (state) {
    case ClientState::kNotConnected: return "NOT_CONNECTED";
    case ClientState::kConnecting: return "CONNECTING";
    case ClientState::kConnected: return "CONNECTED";
    case ClientState::kExpired: return "EXPIRED";
    case ClientState::kClosed: return "CLOSED";
    case ClientState::kCrashed: return "CRASHED";
  }
  return "?";
}

SimClient::SimClient(std::string name, EndpointId endpoint, StaticHostProvider hosts, int64_t requested_timeout_ms)
    : name_(std::move(name)), endpoint_(endpoint), hosts_(std::move(hosts)),
      requested_timeout_ms_(requested_timeout_ms) {}

const ClientOpResult* SimClient::op(int32_t cxid) const {
  if (cxid < 1 || static_cast<size_t>(cxid) <= ops_dropped_ || static_cast<size_t>(cxid) > ops_dropped_ + ops_.size()) {
    return nullptr;
  }
  return &ops_[static_cast<size_t>(cxid - 1) - ops_dropped_];
}

void SimClient::drop_settled_ops(size_t count) {
  ZK_INVARIANT(count <= ops_.size());
  for (size_t i = 0; i < count; ++i) ZK_INVARIANT(ops_[i].done || state_ == ClientState::kCrashed);
  ops_.drop_front(count);
  ops_dropped_ += count;
  first_maybe_pending_ = first_maybe_pending_ > count ? first_maybe_pending_ - count : 0;
}

void SimClient::connect(ClientOutbox& out) {
  ZK_INVARIANT(state_ == ClientState::kNotConnected && connection_count_ == 0);
  open_connection(hosts_.next().server, out);  // never a spin on the first call
}

void SimClient::queue_state(KeeperState state, int64_t now_us) {
  if (state == last_state_queued_) return;
  last_state_queued_ = state;
  if (state_events_.size() < kMaxQueuedEvents) state_events_.push_back(ClientStateEvent{state, now_us});
}

void SimClient::open_connection(ServerId server, ClientOutbox& out) {
  server_ = server;
  connection_ = out.open_connection();
  ++connection_count_;
  state_ = ClientState::kConnecting;
  connect_settled_ = false;
  ConnectRequest request{session_id_, requested_timeout_ms_, last_zxid_seen_, {}, password_,
                         fmt::format("client-{}:{}", endpoint_, connection_count_)};
  if (session_id_ != 0) {  // SetWatches rides behind the ConnectRequest
    request.watches.data.assign(data_watches_.begin(), data_watches_.end());
    request.watches.exist.assign(exist_watches_.begin(), exist_watches_.end());
    request.watches.child.assign(child_watches_.begin(), child_watches_.end());
  }
  out.send(ClientSend{server, connection_, std::move(request)});
  // connectTimeout = T / number of servers (before the session exists, the requested T).
  const int64_t t_ms = negotiated_timeout_ms_ > 0 ? negotiated_timeout_ms_ : requested_timeout_ms_;
  out.set_timer(ClientTimer{ClientTimerKind::kReadTimeout, t_ms * 1000 / hosts_.size()});
  out.set_timer(ClientTimer{ClientTimerKind::kPing, -1});
}

int32_t SimClient::submit(Request request, ClientOutbox& out) {
  const int64_t now_us = out.now_us();
  const int32_t cxid = next_cxid_++;
  ZK_INVARIANT(static_cast<size_t>(cxid) == ops_dropped_ + ops_.size() + 1);
  ops_.push_back(ClientOpResult{});
  ClientOpResult& result = ops_.mutable_at(ops_.size() - 1);
  result.cxid = cxid;
  result.request = request;
  result.invoked_us = now_us;
  if (state_ == ClientState::kCrashed) {
    // A dead process asks nothing: the op stays without an outcome.
  } else if (state_ == ClientState::kExpired || state_ == ClientState::kClosed) {
    result.done = true;
    // ClientCnxn.conLossPacket: AUTHFAILED once authentication failed, else SESSIONEXPIRED.
    result.err = auth_failed_ ? ErrorCode::kAuthFailed : ErrorCode::kSessionExpired;
    result.completed_us = now_us;
  } else if (state_ != ClientState::kConnected) {
    // It waits (see first_maybe_pending_). Past the bound, everything waiting fails
    // together, so completions stay in cxid order.
    if (ops_.size() - first_maybe_pending_ > kMaxUnsentRequests) fail_pending(ErrorCode::kConnectionLoss, now_us);
  } else {
    out.send(ClientSend{server_, connection_, RequestMessage{cxid, std::move(request)}});
    out.set_timer(ping_after_send(negotiated_timeout_ms_));
  }
  return cxid;
}

std::optional<int32_t> SimClient::close(ClientOutbox& out) {
  const int64_t now_us = out.now_us();
  if (state_ == ClientState::kConnected) return submit(CloseSessionRequest{}, out);
  if (state_ != ClientState::kNotConnected && state_ != ClientState::kConnecting) return std::nullopt;
  // As ClientCnxn's close() while disconnected: the send thread stops instead of
  // reconnecting, so what was waiting fails with CONNECTIONLOSS, and the session is left
  // to expire on the servers.
  out.trace(TraceEvent{.kind = TraceKind::kClientClosedDisconnected,
                                      .session = static_cast<uint64_t>(session_id_),
                                      .client = name_});
  if (state_ == ClientState::kConnecting) out.send(ClientSend{server_, connection_, Disconnect{}});
  state_ = ClientState::kClosed;
  queue_state(KeeperState::kClosed, now_us);
  fail_pending(ErrorCode::kConnectionLoss, now_us);
  for (const ClientTimerKind kind : {ClientTimerKind::kPing, ClientTimerKind::kReadTimeout, ClientTimerKind::kReconnect}) {
    out.set_timer(ClientTimer{kind, -1});
  }
  return std::nullopt;
}

void SimClient::arm_read_timeout(ClientOutbox& out) {
  out.set_timer(ClientTimer{ClientTimerKind::kReadTimeout, negotiated_timeout_ms_ * 2000 / 3});
}

void SimClient::on_message(ConnectionId connection, const ServerToClient& message, ClientOutbox& out) {
  const int64_t now_us = out.now_us();
  if (connection != connection_ || state_ == ClientState::kClosed || state_ == ClientState::kExpired ||
      state_ == ClientState::kCrashed) {
    return;
  }
  const auto* closed = std::get_if<ConnectionClosed>(&message);
  // Anything from the server but a refused connect means the TCP connection was
  // established and primeConnection ran.
  if (closed == nullptr || !closed->refused) first_connect_ = false;
  if (const auto* response = std::get_if<ConnectResponse>(&message)) {
    // Only the attempt in progress can be answered: one the client gave up on (its connect
    // timeout fired first) was closed, so a late answer finds no socket.
    if (state_ != ClientState::kConnecting) return;
    connect_settled_ = true;
    if (response->timeout_ms <= 0) {
      state_ = ClientState::kExpired;
      data_watches_.clear();
      exist_watches_.clear();
      child_watches_.clear();
      out.trace(TraceEvent{.kind = TraceKind::kClientSessionExpired,
                                          .peer = server_,
                                          .session = static_cast<uint64_t>(session_id_),
                                          .client = name_});
      // ClientCnxn also queues Closed, but behind the event of death: whether the default
      // watcher sees it is a race between two threads, so it is not queued here.
      queue_state(KeeperState::kExpired, now_us);
      fail_pending(ErrorCode::kSessionExpired, now_us);
      out.set_timer(ClientTimer{ClientTimerKind::kReadTimeout, -1});
      return;
    }
    const bool fresh = session_id_ == 0;
    session_id_ = response->session_id;
    password_ = response->password;
    negotiated_timeout_ms_ = response->timeout_ms;
    state_ = ClientState::kConnected;
    failed_attempts_ = 0;
    hosts_.on_connected();
    queue_state(KeeperState::kSyncConnected, now_us);
    out.trace(TraceEvent{.kind = fresh ? TraceKind::kClientConnected : TraceKind::kClientReconnected,
                                        .peer = server_,
                                        .session = static_cast<uint64_t>(session_id_),
                                        .timeout_ms = static_cast<int32_t>(negotiated_timeout_ms_),
                                        .client = name_});
    out.set_timer(ping_after_send(negotiated_timeout_ms_));
    arm_read_timeout(out);
    // primeConnection's auth packets (each addFirst, so the newest first), then what was asked
    // while disconnected, in order.
    for (size_t i = auth_info_.size(); i-- > 0;) send_auth(i, out);
    for (size_t i = first_maybe_pending_; i < ops_.size(); ++i) {
      const ClientOpResult& waiting = ops_[i];
      ZK_INVARIANT(!waiting.done);
      out.send(ClientSend{server_, connection_, RequestMessage{waiting.cxid, waiting.request}});
    }
    return;
  }
  if (closed != nullptr) {
    lose_connection(closed->reason, out);
    return;
  }
  if (state_ == ClientState::kConnected) arm_read_timeout(out);
  if (const auto* reply = std::get_if<ReplyMessage>(&message); reply != nullptr && reply->cxid == kAuthXid) {
    on_auth_reply(*reply, out);
  } else if (const auto* reply = std::get_if<ReplyMessage>(&message)) {
    last_zxid_seen_ = std::max(last_zxid_seen_, reply->zxid);
    const ClientOpResult* found = op(reply->cxid);
    if (found != nullptr && !found->done) {
      ClientOpResult& result = ops_.mutable_at(static_cast<size_t>(reply->cxid - 1) - ops_dropped_);
      result.done = true;
      result.err = reply->err;
      result.body = reply->body;
      result.completed_us = now_us;
      result.zxid = reply->zxid;
      remember_watch(result);
      if (std::holds_alternative<CloseSessionRequest>(result.request)) {
        state_ = ClientState::kClosed;
        queue_state(KeeperState::kClosed, now_us);
        out.set_timer(ClientTimer{ClientTimerKind::kPing, -1});
        out.set_timer(ClientTimer{ClientTimerKind::kReadTimeout, -1});
      }
    }
  } else if (const auto* event = std::get_if<WatchEventMessage>(&message)) {
    last_zxid_seen_ = std::max(last_zxid_seen_, event->zxid);
    forget_watches(*event);
    if (events_.size() < kMaxQueuedEvents) events_.push_back(ClientWatchEvent{event->type, event->path, now_us});
  } else if (const auto* ping = std::get_if<PingReply>(&message)) {
    last_zxid_seen_ = std::max(last_zxid_seen_, ping->zxid);
  }
}

void SimClient::remember_watch(const ClientOpResult& op) {
  if (const auto* get = std::get_if<GetDataRequest>(&op.request); get && get->watch && op.err == ErrorCode::kOk) {
    data_watches_.insert(get->path);
  } else if (const auto* exists = std::get_if<ExistsRequest>(&op.request); exists && exists->watch) {
    if (op.err == ErrorCode::kOk) data_watches_.insert(exists->path);
    if (op.err == ErrorCode::kNoNode) exist_watches_.insert(exists->path);
  } else if (const auto* ls = std::get_if<GetChildrenRequest>(&op.request); ls && ls->watch && op.err == ErrorCode::kOk) {
    child_watches_.insert(ls->path);
  }
}

void SimClient::forget_watches(const WatchEventMessage& event) {
  switch (event.type) {
    case EventType::kNodeCreated:
    case EventType::kNodeDataChanged:
      data_watches_.erase(event.path);
      exist_watches_.erase(event.path);
      break;
    case EventType::kNodeChildrenChanged: child_watches_.erase(event.path); break;
    case EventType::kNodeDeleted:
      data_watches_.erase(event.path);
      exist_watches_.erase(event.path);
      child_watches_.erase(event.path);
      break;
    default: break;
  }
}

void SimClient::on_timer(ClientTimerKind kind, ClientOutbox& out) {
  switch (kind) {
    case ClientTimerKind::kPing:
      if (state_ != ClientState::kConnected) return;
      out.send(ClientSend{server_, connection_, PingRequest{}});
      out.set_timer(ping_after_send(negotiated_timeout_ms_));
      break;
    case ClientTimerKind::kReadTimeout:
      if (state_ == ClientState::kConnected || state_ == ClientState::kConnecting) {
        lose_connection(fmt::format("no answer from S{}", server_), out);
      }
      break;
    case ClientTimerKind::kReconnect:
      if (state_ == ClientState::kNotConnected) open_connection(next_server_, out);
      break;
    case ClientTimerKind::kCount: break;
  }
}

void SimClient::on_connection_lost(ConnectionId connection, const std::string& reason, ClientOutbox& out) {
  if (connection != connection_) return;
  lose_connection(reason, out);
}

void SimClient::lose_connection(const std::string& reason, ClientOutbox& out) {
  const int64_t now_us = out.now_us();
  if (state_ == ClientState::kClosed || state_ == ClientState::kExpired || state_ == ClientState::kNotConnected ||
      state_ == ClientState::kCrashed) {
    return;
  }
  out.trace(
      TraceEvent{.kind = TraceKind::kClientConnectionLost, .peer = server_, .client = name_, .text = reason});
  if (state_ == ClientState::kConnecting) {
    ++failed_attempts_;
    if (session_id_ == 0 && failed_attempts_ >= hosts_.size()) connect_settled_ = true;  // refused everywhere
  }
  state_ = ClientState::kNotConnected;
  fail_pending(ErrorCode::kConnectionLoss, now_us);
  auth_in_flight_.clear();  // sent again on the next connection
  out.send(ClientSend{server_, connection_, Disconnect{}});
  out.set_timer(ClientTimer{ClientTimerKind::kPing, -1});
  out.set_timer(ClientTimer{ClientTimerKind::kReadTimeout, -1});
  // cleanAndNotifyState: Disconnected (dropped by the EventThread if it was the last state).
  queue_state(KeeperState::kDisconnected, now_us);
  schedule_reconnect(out);
}

// ClientCnxn.SendThread.run: hostProvider.next(1000) (1 s when it comes round to the
// server of the last session, StaticHostProvider.next), then startConnect, which sleeps
// ThreadLocalRandom.nextLong(1000) ms unless isFirstConnect, then connects.
void SimClient::schedule_reconnect(ClientOutbox& out) {
  const StaticHostProvider::Next next = hosts_.next();
  next_server_ = next.server;
  const int64_t spin_us = next.spin ? StaticHostProvider::kSpinDelayUs : 0;
  int64_t random_us = 0;
  if (!first_connect_) {
    random_us = out.prng().uniform_int(0, 999) * 1000;
  }
  if (spin_us > 0 || !first_connect_) {
    out.trace(TraceEvent{.kind = TraceKind::kClientRetrying,
                         .peer = next.server,
                                        .random_sleep_ms = first_connect_ ? -1 : static_cast<int32_t>(random_us / 1000),
                                        .spin = next.spin,
                                        .client = name_});
  }
  out.set_timer(ClientTimer{ClientTimerKind::kReconnect, spin_us + random_us});
}

bool SimClient::crash(ClientOutbox& out) {
  if (state_ == ClientState::kClosed || state_ == ClientState::kExpired || state_ == ClientState::kCrashed) {
    return false;
  }
  out.trace(TraceEvent{
      .kind = TraceKind::kClientCrashed,
      .peer = state_ == ClientState::kConnected || state_ == ClientState::kConnecting ? server_ : ServerId{0},
      .session = static_cast<uint64_t>(session_id_),
      .client = name_});
  // The OS closes the socket (FIN): the server sees the connection drop.
  if (state_ == ClientState::kConnected || state_ == ClientState::kConnecting) {
    out.send(ClientSend{server_, connection_, Disconnect{}});
  }
  state_ = ClientState::kCrashed;
  for (const ClientTimerKind kind : {ClientTimerKind::kPing, ClientTimerKind::kReadTimeout, ClientTimerKind::kReconnect}) {
    out.set_timer(ClientTimer{kind, -1});
  }
  return true;
}

size_t SimClient::add_auth(std::string scheme, std::string auth, ClientOutbox& out) {
  const size_t index = auth_info_.size();
  auth_info_.push_back(AuthPacket{std::move(scheme), std::move(auth)});
  auth_results_.push_back(AuthResult{});
  if (state_ == ClientState::kConnected) send_auth(index, out);
  return index;
}

void SimClient::send_auth(size_t index, ClientOutbox& out) {
  auth_in_flight_.push_back(index);
  out.send(ClientSend{server_, connection_, auth_info_[index]});
  out.set_timer(ping_after_send(negotiated_timeout_ms_));
}

// ClientCnxn.readResponse, AUTHPACKET_XID: AUTHFAILED moves the client to AUTH_FAILED and
// queues the AuthFailed event; the server closes the connection behind it.
void SimClient::on_auth_reply(const ReplyMessage& reply, ClientOutbox& out) {
  if (auth_in_flight_.empty()) return;
  const size_t index = auth_in_flight_.front();
  auth_in_flight_.pop_front();
  AuthResult& result = auth_results_[index];
  if (!result.done) result = AuthResult{true, reply.err};
  if (reply.err != ErrorCode::kAuthFailed) return;
  auth_failed_ = true;
  state_ = ClientState::kClosed;
  queue_state(KeeperState::kAuthFailed, out.now_us());
  fail_pending(ErrorCode::kAuthFailed, out.now_us());
  for (const ClientTimerKind kind : {ClientTimerKind::kPing, ClientTimerKind::kReadTimeout, ClientTimerKind::kReconnect}) {
    out.set_timer(ClientTimer{kind, -1});
  }
}

void SimClient::fail_pending(ErrorCode err, int64_t now_us) {
  // Only not-done ops are written: done history stays shared with checkpoint copies.
  for (size_t i = first_maybe_pending_; i < ops_.size(); ++i) {
    if (ops_[i].done) continue;
    ClientOpResult& op = ops_.mutable_at(i);
    op.done = true;
    op.err = err;
    op.completed_us = now_us;
  }
  first_maybe_pending_ = ops_.size();
}

}  // namespace zk::sim
