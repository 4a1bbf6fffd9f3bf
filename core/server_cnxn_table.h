// ServerCnxnTable: a server's client connections (ZooKeeper's ServerCnxn per connection and
// ServerCnxnFactory's table of them), and the requests waiting on them: writes answered
// when their txn is applied, syncs answered when the leader's SYNC arrives, reconnects
// waiting for the leader to revalidate their session. The code that runs it is
// client_handler.cpp; it belongs to the process, so it lives across changes of role (and is
// emptied when the server leaves the quorum).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <utility>

#include "core/client_protocol.h"

namespace zk {

struct ClientConnection {
  SessionId session = 0;
  bool established = false;
  ReconnectWatches set_watches;  // applied when a moved session is re-established
  Zxid set_watches_zxid = 0;     // ... relative to the client's last seen zxid
  int outstanding = 0;                     // writes and syncs not yet answered
  std::deque<RequestMessage> queued_reads; // held back behind the session's writes (FIFO)
  std::string remote_address;              // as the driver named it in the connect
  // ServerCnxn.authInfo: ip:<the client's address> from the connect on, then what auth
  // packets added (per connection: a session moved to another server starts again). In
  // insertion order, without duplicates; auth_info_order() gives ZooKeeper's order.
  std::vector<AuthId> auth_info;
  bool operator==(const ClientConnection&) const = default;
};

struct ServerCnxnTable {
  SessionId next_session_id = 0;
  std::map<ConnectionId, ClientConnection> connections;
  std::map<std::pair<SessionId, int32_t>, ConnectionId> pending_writes;  // answered on apply
  std::deque<ConnectionId> pending_syncs;                                // answered on SYNC
  std::map<SessionId, ConnectionId> pending_revalidations;
  bool operator==(const ServerCnxnTable&) const = default;
};

}  // namespace zk
