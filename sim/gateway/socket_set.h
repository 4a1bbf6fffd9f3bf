// SocketSet: live mode's sockets and nothing else — one listening TCP port per simulated
// server and the accepted client sockets, all non-blocking, waited on with one ppoll. It
// knows no protocol and no World: a caller (the headless socket loop, socket_loop.h; the
// GUI's live pump, live_pump.h) names each accepted socket with its own connection number,
// hands the bytes read to its gateway and writes what the gateway has. POSIX sockets and
// poll suffice for a few thousand connections on one thread, which is where the World must
// be stepped anyway (README: "Live mode").
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/zxid.h"

namespace zk::sim::gateway {

class SocketSet {
 public:
  SocketSet() = default;
  ~SocketSet();
  SocketSet(const SocketSet&) = delete;
  SocketSet& operator=(const SocketSet&) = delete;

  // Listens on address:ports[i] for server i+1; "" or the one-line error (nothing stays open).
  std::string listen(const std::string& address, const std::vector<int>& ports);

  struct Handlers {
    // Something is ready: called once before the others (the world catches up with the wall
    // clock, so what came is an input at the time it came).
    std::function<void()> ready;
    // A client connected to a server's port; returns the caller's number for it.
    std::function<uint64_t(ServerId server, const std::string& peer)> accepted;
    std::function<void(uint64_t id, std::string_view bytes)> bytes;
    std::function<void(uint64_t id)> closed_by_client;  // end of stream or an error
  };
  // Waits up to wait_us for bytes, a new client or room to write where want_write says so,
  // then reports what came. False if nothing was ready.
  bool wait(int64_t wait_us, const std::function<bool(uint64_t id)>& want_write, const Handlers& handlers);
  // Writes as much of bytes as the socket takes now; returns how many.
  size_t write(uint64_t id, std::string_view bytes);
  void close(uint64_t id);
  void close_all();
  size_t size() const { return clients_.size(); }
  std::vector<uint64_t> ids() const;
  int max_connections = 4096;

 private:
  struct Listener {
    int fd = -1;
    ServerId server = 0;
  };
  std::vector<Listener> listeners_;
  std::map<uint64_t, int> clients_;  // caller's number -> fd
  char buffer_[64 * 1024];
};

}  // namespace zk::sim::gateway
