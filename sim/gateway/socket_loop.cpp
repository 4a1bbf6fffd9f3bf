// The headless loop of live mode: see socket_loop.h.
#include "sim/gateway/socket_loop.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/gateway/socket_set.h"
#include "sim/gateway/wall_pacer.h"

namespace zk::sim::gateway {

std::string serve(World& world, const ServeConfig& config, const std::atomic<bool>& stop,
                  const std::function<std::string(World&, Gateway&)>& on_turn) {
  SocketSet sockets;
  sockets.max_connections = config.max_connections;
  if (std::string error = sockets.listen(config.bind_address, config.ports); !error.empty()) return error;
  Gateway gateway(world, config.gateway);
  gateway.set_observer(config.observer);
  // Every run of the world is told to the observer: a recording replays the same runs.
  const auto run_world_for = [&](int64_t duration_us) {
    world.run_for(duration_us);
    if (config.observer) config.observer->world_ran();
  };
  const WallPacer pacer(world.now_us(), config.speed, WallPacer::Clock::now());
  const auto catch_up = [&] {
    const int64_t target_us = pacer.virtual_now_us(WallPacer::Clock::now());
    if (target_us > world.now_us()) run_world_for(target_us - world.now_us());
  };
  const SocketSet::Handlers handlers{
      .ready = catch_up,  // what came is an input at the world's time when it came
      .accepted = [&](ServerId server, const std::string& peer) { return gateway.accept(server, peer); },
      .bytes = [&](uint64_t id, std::string_view bytes) { gateway.on_bytes(id, bytes); },
      .closed_by_client = [&](uint64_t id) { gateway.on_client_closed(id); },
  };
  const auto want_write = [&](uint64_t id) {
    const std::string* out = gateway.output(id);
    return out != nullptr && !out->empty();
  };
  std::string stop_reason;
  while (!stop.load()) {
    // 1. The world catches up with the wall clock.
    catch_up();
    gateway.collect();
    if (stop_reason = on_turn(world, gateway); !stop_reason.empty()) break;
    gateway.collect();
    for (std::string& line : gateway.log()) fmt::print(stderr, "zksim serve: {}\n", line);
    gateway.log().clear();
    // 2. Write what is waiting; close what is done.
    for (const uint64_t id : sockets.ids()) {
      std::string* out = gateway.output(id);
      if (out && !out->empty()) out->erase(0, sockets.write(id, *out));
      gateway.close_if_unread(id);
      if (gateway.closing(id) && (!out || out->empty() || world.violation())) {
        sockets.close(id);
        gateway.forget(id);
      }
    }
    // 3. Wait for bytes, a new client, or the next event's wall time (at most 10 ms); then
    // 4. new clients and their bytes are inputs at the world's current time.
    int64_t wait_us = 10'000;
    if (!world.queue().empty()) {
      wait_us = std::min(wait_us, pacer.wall_us_until(world.queue().top_time_us(), WallPacer::Clock::now()));
    }
    if (!sockets.wait(wait_us, want_write, handlers)) continue;
    // What just arrived is handled now, not a poll later.
    run_world_for(0);
  }
  gateway.collect();
  sockets.close_all();
  return stop_reason == "stop" ? std::string() : stop_reason;
}

}  // namespace zk::sim::gateway
