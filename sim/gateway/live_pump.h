// LivePump: `zksim gui --serve` — real clients' sockets joined to the GUI's RecordedRun.
// Unlike the headless loop (socket_loop.h), which feeds a Gateway directly, every input
// from a socket (a connection accepted, the bytes of one read, a client's close, a collect
// of the servers' messages, a socket's end) becomes a `wire` action applied through the
// run's command layer (RecordedRun::apply), so it is recorded with its virtual time: time
// travel replays the session through the run's own gateway, and Save as scenario writes it
// as `wire` lines that `zksim run` replays byte for byte. The GUI paces the world (its
// speed); the pump only moves bytes, once a frame. While the playhead is before the end of
// the run (the user looks back), nothing is read or written: the ensemble is frozen for the
// real clients, as a stopped clock would be, until the playhead is back at the end. Bytes
// that a jump back makes the run's gateway encode again are not sent twice (each connection
// counts what its socket was given, Gateway::unsent).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/gateway/gateway.h"
#include "sim/gateway/socket_set.h"
#include "sim/replay/recorded_run.h"

namespace zk::sim::gateway {

struct LivePumpConfig {
  std::string bind_address = "127.0.0.1";
  std::vector<int> ports;  // ports[i] is server i+1's client port
  GatewayConfig gateway;
};

class LivePump {
 public:
  explicit LivePump(LivePumpConfig config) : config_(std::move(config)) {}
  // Opens the ports; "" or the one-line error.
  std::string listen();
  // One turn: what the servers sent goes out, then what came in (waiting up to wait_us for
  // it) goes in, and is handled at once. Marks the run live (RecordedRun::live). A new run
  // (New cluster, an opened scenario) closes every real client's socket first.
  void turn(RecordedRun& run, int64_t wait_us);
  // Closes every socket and the ports.
  void stop(RecordedRun& run);
  const LivePumpConfig& config() const { return config_; }
  size_t connection_count() const { return sockets_.size(); }
  // What happened that the world's trace does not say (a refused input), taken by the caller.
  std::vector<std::string>& log() { return log_; }

 private:
  struct Socket {
    std::string name;   // the `wire` lines' connection name, "c1"
    uint64_t sent = 0;  // bytes of the gateway's output given to the socket
  };
  void apply(RecordedRun& run, const Command& command);
  // Applies `wire collect` when the servers sent something, then writes and closes.
  void flush(RecordedRun& run);
  uint64_t gateway_id(const RecordedRun& run, const Socket& socket) const;

  LivePumpConfig config_;
  SocketSet sockets_;
  std::map<uint64_t, Socket> sockets_by_id_;
  uint64_t next_id_ = 1;
  uint64_t run_id_ = 0;
  bool listening_ = false;
  std::vector<std::string> log_;
};

}  // namespace zk::sim::gateway
