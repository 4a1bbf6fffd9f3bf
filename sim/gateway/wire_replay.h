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
#include <memory>
#include <string>

#include "sim/gateway/gateway.h"
#include "sim/scenario/scenario.h"
#include "sim/world/world.h"

namespace zk::sim::gateway {

class WireReplay {
 public:
  explicit WireReplay(World& world) : world_(world) {}

  // Applies one recorded line; "" or why it cannot be applied. The gateway's log lines go
  // to the world's trace as notes.
  std::string apply(const Wire& wire);
  // True when the next expect.byte_count bytes for the connection have expect.crc32;
  // otherwise *detail says what the replay had instead.
  bool check(const ExpectWire& expect, std::string* detail);

 private:
  Gateway& gateway();
  void flush_log();

  World& world_;
  std::unique_ptr<Gateway> gateway_;          // made by `wire gateway`, or with defaults at the first line
  std::map<std::string, uint64_t, std::less<>> ids_;  // recorded name -> this gateway's connection number
};

}  // namespace zk::sim::gateway
