// LivePump: real clients' sockets through the GUI's command layer (see live_pump.h).
#include "sim/gateway/live_pump.h"

#include <fmt/format.h>

#include "sim/scenario/scenario_format.h"

namespace zk::sim::gateway {

std::string LivePump::listen() {
  if (listening_) return {};
  if (std::string error = sockets_.listen(config_.bind_address, config_.ports); !error.empty()) return error;
  listening_ = true;
  return {};
}

void LivePump::stop(RecordedRun& run) {
  sockets_.close_all();
  sockets_by_id_.clear();
  listening_ = false;
  run.live = false;
}

void LivePump::apply(RecordedRun& run, const Command& command) {
  const std::string error = run.apply(command);
  if (!error.empty()) log_.push_back(fmt::format("{}: {}", format_step(command).substr(0, 80), error));
}

uint64_t LivePump::gateway_id(const RecordedRun& run, const Socket& socket) const {
  const WireReplay* wire = run.wire();
  return wire ? wire->connection_id(socket.name) : 0;
}

void LivePump::flush(RecordedRun& run) {
  WireReplay* wire = run.wire();
  Gateway* gateway = wire ? wire->gateway_if_made() : nullptr;
  if (gateway == nullptr) return;
  if (gateway->has_collect_pending()) apply(run, Wire{.kind = Wire::Kind::kCollect});
  for (auto it = sockets_by_id_.begin(); it != sockets_by_id_.end();) {
    Socket& socket = it->second;
    const uint64_t id = gateway_id(run, socket);
    if (id == 0) {  // the run forgot it (it cannot here; a guard)
      sockets_.close(it->first);
      it = sockets_by_id_.erase(it);
      continue;
    }
    socket.sent += sockets_.write(it->first, gateway->unsent(id, socket.sent));
    gateway->trim_output(id, socket.sent);
    // What the socket did not take: a client that reads nothing is closed as serve closes it.
    const size_t waiting = gateway->unsent(id, socket.sent).size();
    if (waiting > config_.gateway.max_output_bytes && !gateway->closing(id)) {
      apply(run, Wire{.kind = Wire::Kind::kUnread, .connection = socket.name});
    }
    if (gateway->closing(id) && waiting == 0) {
      sockets_.close(it->first);
      apply(run, Wire{.kind = Wire::Kind::kForget, .connection = socket.name});
      it = sockets_by_id_.erase(it);
      continue;
    }
    ++it;
  }
}

void LivePump::turn(RecordedRun& run, int64_t wait_us) {
  if (run.run_id() != run_id_) {
    // A new run: the ensemble the clients talked to is gone.
    for (const uint64_t id : sockets_.ids()) sockets_.close(id);
    sockets_by_id_.clear();
    next_id_ = 1;
    run_id_ = run.run_id();
  }
  run.live = true;
  if (run.world() == nullptr || !run.at_horizon()) return;  // frozen while the user looks back
  flush(run);
  bool came = false;
  const SocketSet::Handlers handlers{
      .ready = [&] { came = true; },
      .accepted =
          [&](ServerId server, const std::string& peer) {
            const uint64_t id = next_id_++;
            Socket& socket = sockets_by_id_[id];
            socket.name = fmt::format("c{}", id);
            if (run.wire() == nullptr || run.wire()->gateway_if_made() == nullptr) {
              Wire gateway{.kind = Wire::Kind::kGateway};
              gateway.max_buffer_bytes = config_.gateway.max_buffer_bytes;
              gateway.four_letter_whitelist = config_.gateway.four_letter_whitelist;
              apply(run, gateway);
            }
            apply(run, Wire{.kind = Wire::Kind::kOpen, .connection = socket.name, .server = server,
                            .remote_address = peer});
            return id;
          },
      .bytes =
          [&](uint64_t id, std::string_view bytes) {
            const auto it = sockets_by_id_.find(id);
            if (it == sockets_by_id_.end()) return;
            Wire send{.kind = Wire::Kind::kSend, .connection = it->second.name};
            send.bytes = std::string(bytes);
            apply(run, send);
          },
      .closed_by_client =
          [&](uint64_t id) {
            const auto it = sockets_by_id_.find(id);
            if (it != sockets_by_id_.end()) apply(run, Wire{.kind = Wire::Kind::kEof, .connection = it->second.name});
          },
  };
  const auto want_write = [&](uint64_t id) {
    const auto it = sockets_by_id_.find(id);
    const WireReplay* wire = run.wire();
    const Gateway* gateway = wire ? wire->gateway_if_made() : nullptr;
    return it != sockets_by_id_.end() && gateway != nullptr &&
           !gateway->unsent(gateway_id(run, it->second), it->second.sent).empty();
  };
  sockets_.wait(wait_us, want_write, handlers);
  if (!came) return;
  // What came is handled now (the events it made at this microsecond), and answered.
  run.run_for(0);
  flush(run);
}

}  // namespace zk::sim::gateway
