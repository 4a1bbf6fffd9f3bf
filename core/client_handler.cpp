// The server's client side (ZooKeeper's ServerCnxn + FinalRequestProcessor): accepting
// connections (refusing them while not serving or when the client has seen a newer zxid),
// new sessions through a createSession txn, moved sessions through REVALIDATE, reads from
// the local tree held back behind the session's own writes (FIFO), writes and syncs sent
// to the leader, watch events delivered before the reply that reveals the change.
#include <fmt/format.h>

#include <cassert>

#include "core/quorum_peer.h"
#include "core/session_password.h"
#include "core/request_size.h"

namespace zk {
namespace {

bool is_local_read(const Request& request) {
  return std::holds_alternative<GetDataRequest>(request) || std::holds_alternative<ExistsRequest>(request) ||
         std::holds_alternative<GetChildrenRequest>(request) || std::holds_alternative<AddWatchRequest>(request) ||
         std::holds_alternative<SetWatchesRequest>(request) ||
         std::holds_alternative<GetAllChildrenNumberRequest>(request) ||
         std::holds_alternative<GetEphemeralsRequest>(request) || std::holds_alternative<MultiReadRequest>(request) ||
         std::holds_alternative<CheckWatchesRequest>(request) || std::holds_alternative<RemoveWatchesRequest>(request) ||
         std::holds_alternative<GetAclRequest>(request) || std::holds_alternative<WhoAmIRequest>(request);
}

bool valid_watcher_type(int32_t type) { return type >= kWatcherTypeChildren && type <= kWatcherTypeAny; }
bool covers_data(int32_t type) { return type == kWatcherTypeData || type == kWatcherTypeAny; }
bool covers_children(int32_t type) { return type == kWatcherTypeChildren || type == kWatcherTypeAny; }

// GetEphemerals: every path of the set when the prefix is empty or "/" once trimmed (Java's
// String.trim drops every char <= ' ' at both ends), else those starting with the prefix as
// given.
bool ephemeral_matches(std::string_view path, std::string_view prefix) {
  std::string_view trimmed = prefix;
  while (!trimmed.empty() && static_cast<unsigned char>(trimmed.front()) <= ' ') trimmed.remove_prefix(1);
  while (!trimmed.empty() && static_cast<unsigned char>(trimmed.back()) <= ' ') trimmed.remove_suffix(1);
  return trimmed.empty() || trimmed == "/" || path.starts_with(prefix);
}

// NIOServerCnxn's first id: ip:<the remote host address>. A simulated client has no address
// and connects as from 127.0.0.1.
AuthId ip_auth_id(const std::string& remote_address) {
  const size_t colon = remote_address.rfind(':');
  if (remote_address.empty() || colon == 0) return AuthId{"ip", "127.0.0.1"};
  return AuthId{"ip", remote_address.substr(0, colon)};
}

}  // namespace

void QuorumPeer::on_client_message(ConnectionId connection, const ClientToServer& message, Outbox& out) {
  if (const auto* connect = std::get_if<ConnectRequest>(&message)) {
    client_on_connect(connection, *connect, out);
  } else if (const auto* request = std::get_if<RequestMessage>(&message)) {
    // As NIOServerCnxn.readLength: a packet above jute.maxbuffer is never read; the
    // connection is closed (the client sees CONNECTIONLOSS; its session lives on).
    if (const int64_t bytes = request_packet_bytes(request->request); bytes > kJuteMaxBufferBytes) {
      return client_close(connection,
                          fmt::format("Len error {} (the request is larger than jute.maxbuffer, {} bytes)", bytes,
                                      kJuteMaxBufferBytes),
                          out);
    }
    client_on_request(connection, *request, out);
  } else if (std::holds_alternative<PingRequest>(message)) {
    auto it = cnxns_.connections.find(connection);
    if (it == cnxns_.connections.end() || !it->second.established) return;
    client_touch(it->second.session, out);
    out.push(ClientSendEffect{connection, PingReply{db_.last_processed_zxid()}});
  } else if (const auto* auth = std::get_if<AuthPacket>(&message)) {
    client_on_auth(connection, *auth, out);
  } else if (std::holds_alternative<Disconnect>(message)) {
    watches_.remove_watcher(static_cast<WatcherId>(connection));
    cnxns_.connections.erase(connection);
  }
}

void QuorumPeer::client_on_connect(ConnectionId connection, const ConnectRequest& request, Outbox& out) {
  if (!serving()) {
    out.push(ClientSendEffect{connection, ConnectionClosed{"This ZooKeeper instance is not currently serving requests"}});
    return;
  }
  if (request.last_zxid_seen > db_.last_processed_zxid()) {
    out.push(ClientSendEffect{connection, ConnectionClosed{fmt::format(
        "client has seen zxid {}, our last zxid is {}: refusing", zxid_hex(request.last_zxid_seen),
        zxid_hex(db_.last_processed_zxid()))}});
    return;
  }
  ClientConnection& conn = cnxns_.connections[connection];
  conn.remote_address = request.remote_address;
  conn.auth_info = {ip_auth_id(request.remote_address)};
  if (request.session_id == 0) {
    const int64_t tick_ms = config_.tick_us / 1000;
    const int64_t min_ms = config_.min_session_timeout_ms > 0 ? config_.min_session_timeout_ms : 2 * tick_ms;
    const int64_t max_ms = config_.max_session_timeout_ms > 0 ? config_.max_session_timeout_ms : 20 * tick_ms;
    const SessionId session = cnxns_.next_session_id++;
    conn.session = session;
    client_submit(connection, session, 0, CreateSessionRequest{negotiate_timeout_ms(request.timeout_ms, min_ms, max_ms)},
                  out);
    return;
  }
  if (!session_password_matches(request.session_id, request.password)) {
    // ZooKeeperServer.reopenSession: "Incorrect password": the invalid-session answer.
    cnxns_.connections.erase(connection);
    out.push(ClientSendEffect{connection, ConnectResponse{request.session_id, 0, {}}});
    return;
  }
  conn.session = request.session_id;
  conn.set_watches = request.watches;
  conn.set_watches_zxid = request.last_zxid_seen;
  cnxns_.pending_revalidations[request.session_id] = connection;
  if (state_ == PeerState::kLeading) {
    client_on_revalidated(request.session_id, sessions_.touch(request.session_id, out.now_ms()), out);
  } else {
    QuorumPacket packet;
    packet.type = PacketType::kRevalidate;
    packet.connection = as_learner().connection;
    packet.sessions = {{request.session_id, request.timeout_ms}};
    send_packet(as_learner().leader, std::move(packet), out);
  }
}

void QuorumPeer::client_on_revalidated(SessionId session, bool valid, Outbox& out) {
  auto pending = cnxns_.pending_revalidations.find(session);
  if (pending == cnxns_.pending_revalidations.end()) return;
  const ConnectionId connection = pending->second;
  cnxns_.pending_revalidations.erase(pending);
  auto it = cnxns_.connections.find(connection);
  if (it == cnxns_.connections.end()) return;
  if (!valid) {
    out.push(ClientSendEffect{connection, ConnectResponse{session, 0, {}}});
    cnxns_.connections.erase(it);
    return;
  }
  it->second.established = true;
  out.push(ClientSendEffect{connection, ConnectResponse{session, db_.tree().session_timeout_ms(session).value_or(0),
                                                        session_password(session)}});
  // SetWatches (DataTree.setWatches): a watch whose change happened after the client's last
  // zxid fires at once; the others are registered on this server.
  ReconnectWatches lists = std::exchange(it->second.set_watches, {});
  if (lists.empty()) return;
  const WatchLists watch_lists{std::move(lists.data), std::move(lists.exist), std::move(lists.child), {}, {}};
  for (const WatchEvent& event :
       watches_.set_watches(static_cast<WatcherId>(connection), it->second.set_watches_zxid, watch_lists, db_.tree())) {
    out.push(ClientSendEffect{connection, WatchEventMessage{event.type, event.path, db_.last_processed_zxid()}});
  }
}

void QuorumPeer::client_touch(SessionId session, Outbox& out) {
  if (state_ == PeerState::kLeading) {
    sessions_.touch(session, out.now_ms());
  } else if (learner_role()) {
    as_learner().touched.insert(session);
  }
}

void QuorumPeer::client_on_request(ConnectionId connection, const RequestMessage& received, Outbox& out) {
  auto it = cnxns_.connections.find(connection);
  if (it == cnxns_.connections.end() || !it->second.established) return;
  ClientConnection& conn = it->second;
  client_touch(conn.session, out);
  // new Request(..., cnxn.getAuthInfo()): the ids as they are now travel with the request,
  // in the order ZooKeeper's set gives them.
  RequestMessage message = received;
  message.auth_info = auth_info_order(conn.auth_info);
  if (is_local_read(message.request)) {
    if (conn.outstanding > 0 || !conn.queued_reads.empty()) {
      conn.queued_reads.push_back(message);  // FIFO: after this session's earlier writes
    } else {
      client_answer_read(connection, message, out);
    }
    return;
  }
  // A write behind queued reads waits too, so that replies keep the session's order.
  if (!conn.queued_reads.empty()) {
    conn.queued_reads.push_back(message);
    return;
  }
  if (std::holds_alternative<CloseSessionRequest>(message.request)) prep_.mark_session_closing(conn.session);
  client_submit(connection, conn.session, message.cxid, message.request, out, message.auth_info);
}

void QuorumPeer::client_submit(ConnectionId connection, SessionId session, int32_t cxid, const Request& request,
                               Outbox& out, const std::vector<AuthId>& auth_info) {
  ClientConnection& conn = cnxns_.connections[connection];
  ++conn.outstanding;
  // Answered on apply (writes) or on SYNC (syncs, which also remember their cxid here).
  cnxns_.pending_writes[{session, cxid}] = connection;
  if (std::holds_alternative<SyncRequest>(request)) cnxns_.pending_syncs.push_back(connection);
  if (state_ == PeerState::kLeading) {
    as_leader().submit(*this, session, cxid, request, config_.my_id, out, auth_info);
  } else if (learner_role()) {
    QuorumPacket packet;
    packet.type = PacketType::kRequest;
    packet.connection = as_learner().connection;
    packet.request = std::make_shared<const ForwardedRequest>(ForwardedRequest{session, cxid, request, auth_info});
    send_packet(as_learner().leader, std::move(packet), out);
  }
}

void QuorumPeer::client_answer_read(ConnectionId connection, const RequestMessage& message, Outbox& out) {
  const WatcherId watcher = static_cast<WatcherId>(connection);
  ReplyMessage reply;
  reply.cxid = message.cxid;
  // getData / getChildren / getAllChildrenNumber: NONODE first, then READ (before any watch is set).
  const auto readable = [&](const std::string& path) { return client_may_read(path, message.auth_info); };
  if (client_answer_acl_read(message, &reply)) {
    // getACL / whoAmI
  } else if (const auto* get = std::get_if<GetDataRequest>(&message.request)) {
    DataResult result = db_.tree().get_data(get->path);
    reply.err = result.err;
    if (result.err == ErrorCode::kOk && !readable(get->path)) reply.err = ErrorCode::kNoAuth;
    if (reply.err == ErrorCode::kOk) {
      reply.body.data = std::move(result.data);
      reply.body.stat = result.stat;
      if (get->watch) watches_.add(watcher, get->path, WatchKind::kData);
      if (config_.injected_bug == InjectedBug::kReadUncommitted && learner_role()) injected_read_pending(get->path, reply);
    }
  } else if (const auto* exists = std::get_if<ExistsRequest>(&message.request)) {
    const std::optional<Stat> stat = db_.tree().exists(exists->path);
    reply.err = stat ? ErrorCode::kOk : ErrorCode::kNoNode;
    reply.body.stat = stat;
    if (exists->watch) watches_.add(watcher, exists->path, stat ? WatchKind::kData : WatchKind::kExist);
  } else if (const auto* children = std::get_if<GetChildrenRequest>(&message.request)) {
    ChildrenResult result = db_.tree().get_children(children->path);
    reply.err = result.err;
    if (result.err == ErrorCode::kOk && !readable(children->path)) reply.err = ErrorCode::kNoAuth;
    if (reply.err == ErrorCode::kOk) {
      reply.body.children = std::move(result.children);
      reply.body.stat = result.stat;
      if (children->watch) watches_.add(watcher, children->path, WatchKind::kChild);
    }
  } else if (const auto* count = std::get_if<GetAllChildrenNumberRequest>(&message.request)) {
    reply.body.all_children_number = db_.tree().all_children_number(count->path);
    if (!reply.body.all_children_number) reply.err = ErrorCode::kNoNode;
    else if (!readable(count->path)) reply.err = ErrorCode::kNoAuth;
  } else if (const auto* ephemerals = std::get_if<GetEphemeralsRequest>(&message.request)) {
    // DataTree.getEphemerals hands out a clone of the session's set; its order is the clone's.
    const SessionId session = cnxns_.connections.at(connection).session;
    for (std::string& path : db_.tree().ephemerals_copy(session).iteration_order()) {
      if (ephemeral_matches(path, ephemerals->prefix_path)) reply.body.ephemerals.push_back(std::move(path));
    }
  } else if (const auto* multi = std::get_if<MultiReadRequest>(&message.request)) {
    client_answer_multi_read(*multi, message.auth_info, reply);
  } else if (const auto* check = std::get_if<CheckWatchesRequest>(&message.request)) {
    if (!valid_watcher_type(check->watcher_type)) {
      reply.err = ErrorCode::kMarshallingError;  // WatcherType.fromInt throws
    } else {
      const bool found = (covers_children(check->watcher_type) && watches_.child_table_has_path(check->path)) ||
                         (covers_data(check->watcher_type) && watches_.data_table_has_path(check->path));
      if (!found) reply.err = ErrorCode::kNoWatcher;
    }
  } else if (const auto* remove = std::get_if<RemoveWatchesRequest>(&message.request)) {
    if (!valid_watcher_type(remove->watcher_type)) {
      reply.err = ErrorCode::kMarshallingError;
    } else {
      // DataTree.removeWatch: for Any, both tables are tried.
      bool removed = false;
      if (covers_children(remove->watcher_type)) removed = watches_.remove_child_watch(watcher, remove->path);
      if (covers_data(remove->watcher_type)) removed = watches_.remove_data_watch(watcher, remove->path) || removed;
      if (!removed) reply.err = ErrorCode::kNoWatcher;
    }
  } else if (const auto* add = std::get_if<AddWatchRequest>(&message.request)) {
    watches_.add(watcher, add->path,
                 add->mode == AddWatchMode::kPersistent ? WatchKind::kPersistent : WatchKind::kPersistentRecursive);
  } else if (const auto* set = std::get_if<SetWatchesRequest>(&message.request)) {
    // FinalRequestProcessor's setWatches: the missed changes fire (before the reply), the
    // rest are registered; the reply is the header alone.
    const WatchLists lists{set->data, set->exist, set->child, set->persistent, set->persistent_recursive};
    for (const WatchEvent& event : watches_.set_watches(watcher, set->relative_zxid, lists, db_.tree())) {
      out.push(ClientSendEffect{connection, WatchEventMessage{event.type, event.path, db_.last_processed_zxid()}});
    }
  }
  client_reply(connection, std::move(reply), out);
}

// FinalRequestProcessor's multiRead: each getData / getChildren answered in turn (a failed
// one gives an error result and the next goes on). No watch is set: MultiOperationRecord
// keeps only the path of a read op (Op.getData(path)), so a watch flag sent is dropped, as a
// real 3.8.0 showed (tools/live/wire_probe.py reads). A write op stops it with
// MARSHALLINGERROR ("Invalid type of readOp"), the header alone.
bool QuorumPeer::client_may_read(const std::string& path, const std::vector<AuthId>& auth_info) const {
  const AclList* acl = db_.tree().acl_for(path);
  return acl == nullptr || config_.skip_acl || check_acl(*acl, perms::kRead, auth_info);
}

// Each op is checked as its own request would be (handleGetDataRequest /
// handleGetChildrenRequest): NONODE, then NOAUTH, as that op's error result.
void QuorumPeer::client_answer_multi_read(const MultiReadRequest& multi, const std::vector<AuthId>& auth_info,
                                          ReplyMessage& reply) {
  for (const ReadOp& op : multi.ops) {
    ReadOpResult result;
    if (const auto* get = std::get_if<GetDataRequest>(&op)) {
      DataResult data = db_.tree().get_data(get->path);
      if (data.err == ErrorCode::kOk && !client_may_read(get->path, auth_info)) data.err = ErrorCode::kNoAuth;
      if (data.err == ErrorCode::kOk) {
        result.type = OpCode::kGetData;
        result.data = std::move(data.data);
        result.stat = data.stat;
      } else {
        result.err = data.err;
      }
    } else if (const auto* children = std::get_if<GetChildrenRequest>(&op)) {
      ChildrenResult listed = db_.tree().get_children(children->path);
      if (listed.err == ErrorCode::kOk && !client_may_read(children->path, auth_info)) listed.err = ErrorCode::kNoAuth;
      if (listed.err == ErrorCode::kOk) {
        result.type = OpCode::kGetChildren;
        result.children = std::move(listed.children);
      } else {
        result.err = listed.err;
      }
    } else {
      reply.err = ErrorCode::kMarshallingError;
      reply.body.read_results.clear();
      return;
    }
    reply.body.read_results.push_back(std::move(result));
  }
}

// InjectedBug::kReadUncommitted: answer with the newest logged, uncommitted setData.
void QuorumPeer::injected_read_pending(const std::string& path, ReplyMessage& reply) const {
  for (auto it = as_learner().pending_txns.rbegin(); it != as_learner().pending_txns.rend(); ++it) {
    const auto* set = std::get_if<SetDataTxn>(&(*it)->body);
    if (!set || set->path != path) continue;
    reply.body.data = set->data;
    if (reply.body.stat) {
      reply.body.stat->mzxid = (*it)->header.zxid;
      reply.body.stat->version = set->version;
    }
    return;
  }
}

void QuorumPeer::client_reply(ConnectionId connection, ReplyMessage reply, Outbox& out) {
  reply.zxid = db_.last_processed_zxid();
  out.push(ClientSendEffect{connection, std::move(reply)});
}

void QuorumPeer::client_drain(ConnectionId connection, Outbox& out) {
  auto it = cnxns_.connections.find(connection);
  if (it == cnxns_.connections.end()) return;
  ClientConnection& conn = it->second;
  while (conn.outstanding == 0 && !conn.queued_reads.empty()) {
    RequestMessage next = std::move(conn.queued_reads.front());
    conn.queued_reads.pop_front();
    if (is_local_read(next.request)) {
      client_answer_read(connection, next, out);
    } else {
      if (std::holds_alternative<CloseSessionRequest>(next.request)) prep_.mark_session_closing(conn.session);
      client_submit(connection, conn.session, next.cxid, next.request, out, next.auth_info);
    }
  }
}

void QuorumPeer::client_after_apply(const Txn& txn, const ApplyResult& result, Outbox& out) {
  // Watch events first: a client sees the event before any reply that shows the change.
  for (const WatchEvent& event : watches_.trigger(result.changes)) {
    const auto connection = static_cast<ConnectionId>(event.watcher);
    if (cnxns_.connections.count(connection)) {
      out.push(ClientSendEffect{connection, WatchEventMessage{event.type, event.path, txn.header.zxid}});
    }
  }
  const SessionId session = txn.header.session_id;
  if (std::holds_alternative<CloseSessionTxn>(txn.body)) {
    // Connections of a closed (or expired) session end here.
    std::vector<ConnectionId> closing;
    for (const auto& [connection, conn] : cnxns_.connections) {
      if (conn.session == session) closing.push_back(connection);
    }
    auto pending = cnxns_.pending_writes.find({session, txn.header.cxid});
    if (pending != cnxns_.pending_writes.end()) {
      ReplyMessage reply;
      reply.cxid = txn.header.cxid;
      client_reply(pending->second, std::move(reply), out);
      cnxns_.pending_writes.erase(pending);
    }
    for (ConnectionId connection : closing) client_close(connection, "session closed", out);
    return;
  }
  auto pending = cnxns_.pending_writes.find({session, txn.header.cxid});
  if (pending == cnxns_.pending_writes.end()) return;
  const ConnectionId connection = pending->second;
  cnxns_.pending_writes.erase(pending);
  auto it = cnxns_.connections.find(connection);
  if (it == cnxns_.connections.end()) return;
  --it->second.outstanding;
  if (const auto* create = std::get_if<CreateSessionTxn>(&txn.body)) {
    it->second.established = true;
    out.trace(TraceEvent{.kind = TraceKind::kSessionCreated, .zxid = txn.header.zxid, .session = static_cast<uint64_t>(session)});
    out.push(ClientSendEffect{connection, ConnectResponse{session, create->timeout_ms, session_password(session)}});
    return;
  }
  ReplyMessage reply;
  reply.cxid = txn.header.cxid;
  reply.err = result.err;
  reply.body.path = result.created_path;
  if (result.err == ErrorCode::kOk && !std::holds_alternative<DeleteTxn>(txn.body)) reply.body.stat = result.stat;
  reply.body.multi_results = result.multi_results;
  client_reply(connection, std::move(reply), out);
  client_drain(connection, out);
}

void QuorumPeer::client_finish_sync(Outbox& out) {
  if (cnxns_.pending_syncs.empty()) return;
  const ConnectionId connection = cnxns_.pending_syncs.front();
  cnxns_.pending_syncs.pop_front();
  auto it = cnxns_.connections.find(connection);
  if (it == cnxns_.connections.end()) return;
  // Find this connection's oldest pending sync cxid.
  for (auto pending = cnxns_.pending_writes.begin(); pending != cnxns_.pending_writes.end(); ++pending) {
    if (pending->second != connection || pending->first.first != it->second.session) continue;
    ReplyMessage reply;
    reply.cxid = pending->first.second;
    cnxns_.pending_writes.erase(pending);
    --it->second.outstanding;
    client_reply(connection, std::move(reply), out);
    client_drain(connection, out);
    return;
  }
}

void QuorumPeer::client_close(ConnectionId connection, const std::string& reason, Outbox& out) {
  watches_.remove_watcher(static_cast<WatcherId>(connection));
  cnxns_.connections.erase(connection);
  out.push(ClientSendEffect{connection, ConnectionClosed{reason}});
}

void QuorumPeer::client_close_all(const std::string& reason, Outbox& out) {
  std::vector<ConnectionId> all;
  for (const auto& [connection, conn] : cnxns_.connections) all.push_back(connection);
  for (ConnectionId connection : all) client_close(connection, reason, out);
  cnxns_.pending_writes.clear();
  cnxns_.pending_syncs.clear();
  cnxns_.pending_revalidations.clear();
}

}  // namespace zk
