// ConnectionTable: the world's record of every client connection it has handed out an id
// for, and who is on the far end of each — a simulated client (by endpoint) or an external
// connection (a real client reached through the wire-protocol gateway, by the gateway's own
// number). Ids are opaque to core/ (QuorumPeer only compares and orders them); they are
// consecutive from 1 in the order connections were opened, so a run opens the same ids in
// the same order. Entries are kept for the life of the world (a reply can still be in flight
// to a connection its client has since replaced; 16 bytes per connection ever opened).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/client_protocol.h"
#include "sim/world/event_queue.h"

namespace zk::sim {

struct ConnectionEnd {
  enum class Kind : uint8_t { kSimulatedClient, kExternal };
  Kind kind = Kind::kSimulatedClient;
  EndpointId endpoint = 0;   // kSimulatedClient: the client's endpoint; kExternal: kExternalEndpoint
  uint64_t external_id = 0;  // kExternal: the gateway's connection number
  ServerId server = 0;       // kExternal: the server it is connected to
  bool open = true;          // kExternal: false once either end closed it
  bool operator==(const ConnectionEnd&) const = default;
};

class ConnectionTable {
 public:
  // The id the next open() will hand out.
  ConnectionId next_id() const { return static_cast<ConnectionId>(ends_.size()) + 1; }
  ConnectionId open(const ConnectionEnd& end) {
    ends_.push_back(end);
    return static_cast<ConnectionId>(ends_.size());
  }
  // Null for an id never handed out.
  const ConnectionEnd* find(ConnectionId id) const {
    if (id == 0 || id > ends_.size()) return nullptr;
    return &ends_[static_cast<size_t>(id - 1)];
  }
  ConnectionEnd* find(ConnectionId id) {
    return const_cast<ConnectionEnd*>(std::as_const(*this).find(id));
  }
  size_t size() const { return ends_.size(); }
  // Calls f(id, end) for every open external connection to a server.
  template <typename F>
  void for_each_open_external(ServerId server, F&& f) {
    for (size_t i = 0; i < ends_.size(); ++i) {
      ConnectionEnd& end = ends_[i];
      if (end.kind == ConnectionEnd::Kind::kExternal && end.open && end.server == server) f(static_cast<ConnectionId>(i + 1), end);
    }
  }

 private:
  std::vector<ConnectionEnd> ends_;  // index = id - 1
};

}  // namespace zk::sim
