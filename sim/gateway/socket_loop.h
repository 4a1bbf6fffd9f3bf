// The headless live-mode loop (`zksim serve`): one listening TCP port per simulated server
// (SocketSet, socket_set.h: non-blocking sockets and one ppoll on one thread, where the
// world must be stepped anyway). Each turn paces the World to the wall clock (WallPacer),
// lets the Gateway take what the servers sent, writes it, and reads what clients sent. The simulated world itself stays
// deterministic; the only wall-clock input is when each client's bytes arrived.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/gateway/gateway.h"
#include "sim/world/world.h"

namespace zk::sim::gateway {

struct ServeConfig {
  std::string bind_address = "127.0.0.1";
  std::vector<int> ports;  // ports[i] is server i+1's client port
  double speed = 1.0;      // virtual seconds per wall second
  GatewayConfig gateway;
  int max_connections = 4096;
  GatewayObserver* observer = nullptr;  // `serve --record` (live_recorder.h)
};

// Runs until *stop is set (a signal handler, or a test) or a listening port cannot be
// opened; returns "" or the one-line error. on_turn(world) runs after every turn (scenario
// commands due at the world's time, logging); its non-empty result stops the loop.
std::string serve(World& world, const ServeConfig& config, const std::atomic<bool>& stop,
                  const std::function<std::string(World&, Gateway&)>& on_turn);

}  // namespace zk::sim::gateway
