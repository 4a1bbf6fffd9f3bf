// SimClient: a simulated ZooKeeper client library (ClientCnxn) with one session. It
// connects to a server, pings once nothing was sent for readTimeout/2 (readTimeout = 2T/3
// in whole ms, as ClientCnxn), treats 2T/3 of silence as a lost connection,
// reconnects to the next server of its StaticHostProvider list (sending its session id and
// lastZxidSeen) after ClientCnxn's sleeps: the host provider's 1 s after a full round
// without a session, and, once any TCP connection was ever established (isFirstConnect
// is false), a random 0-999 ms before every attempt (drawn from the run's PRNG),
// learns of expiry only when a server answers its reconnect with timeout 0 (then
// SESSIONEXPIRED forever), keeps its operations in FIFO order and queues watch events in
// arrival order. As ClientCnxn's outgoing queue does, a request made while disconnected
// waits and is sent once a connection is established; a lost connection, or a connection
// attempt that fails, fails every request in flight or waiting with CONNECTIONLOSS.
// The connection states its default watcher would see (SyncConnected, Disconnected,
// Expired, Closed) are queued as ClientCnxn's EventThread queues them: a state equal to
// the last one queued is dropped, and the first is taken to be Disconnected, so failed
// attempts before the first session queue nothing. crash() is the client process dying:
// the OS closes its socket, nothing more is sent or seen, and the servers expire the session.
// It performs no effects itself: each input puts them in a ClientOutbox the world applies.
#pragma once

#include <cstdint>
#include <deque>

#include "core/chunked_vector.h"
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/client_protocol.h"
#include "core/invariant.h"
#include "core/trace_event.h"
#include "sim/world/event_queue.h"
#include "sim/world/prng.h"
#include "sim/clients/static_host_provider.h"

namespace zk::sim {

enum class ClientState : uint8_t { kNotConnected, kConnecting, kConnected, kExpired, kClosed, kCrashed };
const char* client_state_name(ClientState state);

enum class ClientTimerKind : uint8_t { kPing = 0, kReadTimeout, kReconnect, kCount };
constexpr int kClientTimerKindCount = static_cast<int>(ClientTimerKind::kCount);

struct ClientOpResult {
  int32_t cxid = 0;
  Request request;
  bool done = false;
  ErrorCode err = ErrorCode::kOk;
  ReplyBody body;
  int64_t invoked_us = 0;  // when submit() was called
  int64_t completed_us = 0;
  Zxid zxid = 0;           // the reply's zxid (0: no reply)
};

struct ClientWatchEvent {
  EventType type = EventType::kNone;
  std::string path;
  int64_t time_us = 0;
};

// Watcher.Event.KeeperState values a client's default watcher is given (type None).
enum class KeeperState : uint8_t { kDisconnected, kSyncConnected, kExpired, kClosed, kAuthFailed };
const char* keeper_state_name(KeeperState state);  // "SyncConnected", as Java prints it

struct ClientStateEvent {
  KeeperState state = KeeperState::kDisconnected;
  int64_t time_us = 0;
};

struct ClientSend {
  ServerId server = 0;
  ConnectionId connection = 0;
  ClientToServer message;
};
struct ClientTimer {
  ClientTimerKind kind = ClientTimerKind::kPing;
  int64_t after_us = 0;  // < 0: cancel
};
// ClientOutbox: where one input to a simulated client puts its effects, as a server's
// Outbox does: it carries the input's virtual time, collects the messages to send, the
// timer changes and the trace events the client reports, and hands out the id of the one
// connection the client may open. The world applies them after the input: the sends, then
// the timers, then the trace events (the world stamps their time), each in the order made.
class ClientOutbox {
 public:
  // Cleared for a new input (the vectors keep their capacity).
  void reset(int64_t now_us, ConnectionId next_connection, Prng* prng) {
    now_us_ = now_us;
    next_connection_ = next_connection;
    prng_ = prng;
    connection_opened_ = false;
    sends_.clear();
    timers_.clear();
    traces_.clear();
  }

  int64_t now_us() const { return now_us_; }
  void send(ClientSend send) { sends_.push_back(std::move(send)); }
  void set_timer(ClientTimer timer) { timers_.push_back(timer); }  // after_us < 0: cancel
  void trace(TraceEvent event) { traces_.push_back(std::move(event)); }
  // The id of the connection the client opens now (at most once per input).
  ConnectionId open_connection() {
    ZK_INVARIANT(!connection_opened_ && next_connection_ != 0);
    connection_opened_ = true;
    return next_connection_;
  }
  // The run's PRNG (ClientCnxn's random sleep before a reconnect attempt draws from it).
  Prng& prng() {
    ZK_INVARIANT(prng_ != nullptr);
    return *prng_;
  }

  // For the world, after the input.
  bool connection_opened() const { return connection_opened_; }
  ConnectionId next_connection() const { return next_connection_; }
  std::vector<ClientSend>& sends() { return sends_; }
  const std::vector<ClientTimer>& timers() const { return timers_; }
  std::vector<TraceEvent>& traces() { return traces_; }

 private:
  int64_t now_us_ = 0;
  ConnectionId next_connection_ = 0;
  Prng* prng_ = nullptr;
  bool connection_opened_ = false;
  std::vector<ClientSend> sends_;
  std::vector<ClientTimer> timers_;
  std::vector<TraceEvent> traces_;
};

class SimClient {
 public:
  static constexpr size_t kMaxQueuedEvents = 10'000;
  // Requests waiting for a connection; beyond this all of them fail (CONNECTIONLOSS).
  static constexpr size_t kMaxUnsentRequests = 10'000;

  SimClient(std::string name, EndpointId endpoint, StaticHostProvider hosts, int64_t requested_timeout_ms);

  // The first attempt, at once, to the host provider's first server.
  void connect(ClientOutbox& out);
  // Sends an operation; returns its cxid. While disconnected it waits for the next
  // connection (see above); once the session has expired or closed it completes at once
  // with SESSIONEXPIRED.
  int32_t submit(Request request, ClientOutbox& out);
  // Connected: sends closeSession and returns its cxid. Disconnected: stops reconnecting,
  // fails what waits with CONNECTIONLOSS and becomes kClosed (the servers expire the
  // session); nothing is sent. Closed or expired: does nothing.
  std::optional<int32_t> close(ClientOutbox& out);
  // ZooKeeper.addAuthInfo: remembered for every later connection (ClientCnxn.primeConnection
  // sends them all again, the newest first) and sent now when connected. Returns its index
  // into auth_results(). An AUTHFAILED answer ends the client as ClientCnxn's AUTH_FAILED
  // state does: the AuthFailed state event, every pending and later request fails with
  // AUTHFAILED, no reconnect (state() is then kClosed, auth_failed() true).
  size_t add_auth(std::string scheme, std::string auth, ClientOutbox& out);
  struct AuthResult {
    bool done = false;
    ErrorCode err = ErrorCode::kOk;
  };
  const std::vector<AuthResult>& auth_results() const { return auth_results_; }
  bool auth_failed() const { return auth_failed_; }
  void on_message(ConnectionId connection, const ServerToClient& message, ClientOutbox& out);
  void on_timer(ClientTimerKind kind, ClientOutbox& out);
  // The TCP connection broke (server crashed or refused).
  void on_connection_lost(ConnectionId connection, const std::string& reason, ClientOutbox& out);
  // The client process dies (kill -9): no closeSession; its socket is closed by the OS, so
  // the server it is connected to sees the connection drop; what was in flight never
  // completes (indeterminate); nothing more is sent, received or queued. False (and
  // nothing done) if it was already closed, expired or crashed.
  bool crash(ClientOutbox& out);

  const std::string& name() const { return name_; }
  EndpointId endpoint() const { return endpoint_; }
  ClientState state() const { return state_; }
  SessionId session_id() const { return session_id_; }
  int64_t timeout_ms() const { return negotiated_timeout_ms_; }
  ServerId server() const { return server_; }
  const StaticHostProvider& hosts() const { return hosts_; }
  ConnectionId connection() const { return connection_; }
  Zxid last_zxid_seen() const { return last_zxid_seen_; }
  // Every operation submitted, in cxid order (cxids are consecutive from 1), except the
  // first ops_dropped() (folded into the consistency checker's summary, drop_settled_ops):
  // ops()[i] has cxid ops_dropped() + i + 1.
  const ChunkedVector<ClientOpResult>& ops() const { return ops_; }
  size_t ops_dropped() const { return ops_dropped_; }
  // The op with this cxid; null if there is none or it was dropped.
  const ClientOpResult* op(int32_t cxid) const;
  // Forgets the oldest `count` ops of ops(), which must all be done (or this client crashed:
  // its unanswered ops then never get an outcome).
  void drop_settled_ops(size_t count);
  // Was the connect (or reconnect) answered: connected, expired, or refused everywhere.
  bool connect_settled() const { return connect_settled_; }
  std::deque<ClientWatchEvent>& events() { return events_; }
  const std::deque<ClientWatchEvent>& events() const { return events_; }
  // Connection-state events not yet checked by `expect NAME state`, oldest first.
  std::deque<ClientStateEvent>& state_events() { return state_events_; }
  const std::deque<ClientStateEvent>& state_events() const { return state_events_; }

 private:
  void open_connection(ServerId server, ClientOutbox& out);
  void fail_pending(ErrorCode err, int64_t now_us);
  void lose_connection(const std::string& reason, ClientOutbox& out);
  void arm_read_timeout(ClientOutbox& out);
  // EventThread.queueEvent for a state change (deduplicated against the last one).
  void queue_state(KeeperState state, int64_t now_us);
  // Picks the next server and arms the reconnect timer after ClientCnxn's sleeps.
  void schedule_reconnect(ClientOutbox& out);
  // ZKWatchManager's bookkeeping: a successful watch request adds, an event removes.
  void remember_watch(const ClientOpResult& op);
  void forget_watches(const WatchEventMessage& event);
  void send_auth(size_t index, ClientOutbox& out);
  void on_auth_reply(const ReplyMessage& reply, ClientOutbox& out);

  std::string name_;
  EndpointId endpoint_;
  StaticHostProvider hosts_;
  int64_t requested_timeout_ms_;
  ClientState state_ = ClientState::kNotConnected;
  SessionId session_id_ = 0;
  std::string password_;  // from the ConnectResponse; presented on every reconnect
  int64_t negotiated_timeout_ms_ = 0;
  ServerId server_ = 0;
  ServerId next_server_ = 0;  // the server the armed reconnect timer will try
  ConnectionId connection_ = 0;
  // ClientCnxn.SendThread.isFirstConnect: true until a TCP connection was established
  // (primeConnection ran); a refused connect leaves it true.
  bool first_connect_ = true;
  KeeperState last_state_queued_ = KeeperState::kDisconnected;  // EventThread.sessionState
  uint32_t connection_count_ = 0;
  int failed_attempts_ = 0;
  bool connect_settled_ = false;
  Zxid last_zxid_seen_ = 0;
  // The watches the session holds, re-registered by SetWatches on every reconnect (sorted;
  // ZooKeeper's client sends its HashMap's key order). Bounded by the paths it asked about.
  std::set<std::string> data_watches_, exist_watches_, child_watches_;
  int32_t next_cxid_ = 1;
  ChunkedVector<ClientOpResult> ops_;  // index = cxid - 1 - ops_dropped_; copies share completed history
  size_t ops_dropped_ = 0;
  // Ops before this index are all done. Every loss of a connection fails what is pending
  // and moves it to the end, so while disconnected the ops from here on are exactly the
  // requests waiting for the next connection.
  size_t first_maybe_pending_ = 0;
  std::deque<ClientWatchEvent> events_;
  std::deque<ClientStateEvent> state_events_;
  // addAuthInfo calls in order, their first answers, and the indices of the auth packets on
  // the current connection waiting for an answer (answered in order).
  std::vector<AuthPacket> auth_info_;
  std::vector<AuthResult> auth_results_;
  std::deque<size_t> auth_in_flight_;
  bool auth_failed_ = false;
};

}  // namespace zk::sim
