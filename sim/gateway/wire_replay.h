// WireReplay: a recorded live session (`zksim serve --record`, live_recorder.h) played back
// in `zksim run`. Each `wire` line is handed to a Gateway over the run's World exactly as the
// socket loop handed it in the live session (a connection accepted, the bytes of one read, a
// client's close, a collect of the servers' messages, the socket's end), so the same gateway
// code makes the same inputs at the same virtual times; `expect wire NAME got N crc32=X`
// takes the next N bytes the gateway has for that client and compares them with what the
// live clients were sent. Nothing here touches a socket or the wall clock.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/gateway/gateway.h"
#include "sim/scenario/scenario.h"
#include "sim/world/world.h"

namespace zk::sim::gateway {

class WireReplay {
 public:
  explicit WireReplay(World& world) : world_(&world) {}
  // A value, like the World: a copy kept with a World checkpoint is pointed at the restored
  // World (sim/replay/recorded_run.h).
  void rebind(World& world);

  // Applies one recorded line; "" or why it cannot be applied. The gateway's log lines go
  // to the world's trace as notes.
  std::string apply(const Wire& wire);
  // True when the next expect.byte_count bytes for the connection have expect.crc32;
  // otherwise *detail says what the replay had instead.
  bool check(const ExpectWire& expect, std::string* detail);

  // For a live session driven through recorded `wire` lines (the GUI's --serve): the
  // gateway (null before the first line) and a recorded name's connection number (0: none).
  Gateway* gateway_if_made() { return gateway_ ? &*gateway_ : nullptr; }
  const Gateway* gateway_if_made() const { return gateway_ ? &*gateway_ : nullptr; }
  uint64_t connection_id(std::string_view name) const;
  // For each connection with bytes not yet checked, the `expect wire` line that checks them
  // (a session saved from the GUI, so its replay compares bytes as `serve --record`'s does).
  std::vector<ExpectWire> unchecked_output() const;

 private:
  Gateway& gateway();
  void flush_log();

  World* world_;
  std::optional<Gateway> gateway_;            // made by `wire gateway`, or with defaults at the first line
  std::map<std::string, uint64_t, std::less<>> ids_;  // recorded name -> this gateway's connection number
};

}  // namespace zk::sim::gateway
