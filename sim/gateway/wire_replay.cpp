// WireReplay: recorded `wire` lines through a socketless Gateway (see wire_replay.h).
#include "sim/gateway/wire_replay.h"

#include <fmt/format.h>

#include "core/snapshot.h"

namespace zk::sim::gateway {

Gateway& WireReplay::gateway() {
  if (!gateway_) gateway_.emplace(*world_, GatewayConfig{});
  return *gateway_;
}

void WireReplay::rebind(World& world) {
  world_ = &world;
  if (gateway_) gateway_->rebind(world);
}

uint64_t WireReplay::connection_id(std::string_view name) const {
  const auto it = ids_.find(name);
  return it == ids_.end() ? 0 : it->second;
}

std::vector<ExpectWire> WireReplay::unchecked_output() const {
  std::vector<ExpectWire> out;
  if (!gateway_) return out;
  for (const auto& [name, id] : ids_) {
    const std::string_view bytes = gateway_->unsent(id, 0);
    if (!bytes.empty()) out.push_back(ExpectWire{.connection = name, .byte_count = static_cast<int64_t>(bytes.size()), .crc32 = crc32(bytes)});
  }
  return out;
}

void WireReplay::flush_log() {
  if (!gateway_) return;
  for (const std::string& line : gateway_->log()) world_->note("gateway: " + line);
  gateway_->log().clear();
}

std::string WireReplay::apply(const Wire& wire) {
  if (wire.kind == Wire::Kind::kGateway) {
    if (gateway_) return "wire gateway must come before every other wire line";
    GatewayConfig config;
    config.max_buffer_bytes = wire.max_buffer_bytes;
    if (!wire.four_letter_whitelist.empty()) config.four_letter_whitelist = wire.four_letter_whitelist;
    gateway_.emplace(*world_, std::move(config));
    return {};
  }
  Gateway& g = gateway();
  if (wire.kind == Wire::Kind::kCollect) {
    g.collect();
    flush_log();
    return {};
  }
  if (wire.kind == Wire::Kind::kOpen) {
    ids_[wire.connection] = g.accept(wire.server, wire.remote_address);
    flush_log();
    return {};
  }
  const auto it = ids_.find(wire.connection);
  if (it == ids_.end()) return fmt::format("wire connection '{}' was not opened", wire.connection);
  const uint64_t id = it->second;
  switch (wire.kind) {
    case Wire::Kind::kSend: g.on_bytes(id, wire.bytes); break;
    case Wire::Kind::kEof: g.on_client_closed(id); break;
    case Wire::Kind::kUnread: g.close_unread(id); break;  // how much the live client read is the wall's
    case Wire::Kind::kForget: g.forget(id); break;
    case Wire::Kind::kGateway:
    case Wire::Kind::kOpen:
    case Wire::Kind::kCollect: break;
  }
  flush_log();
  return {};
}

bool WireReplay::check(const ExpectWire& expect, std::string* detail) {
  const auto it = ids_.find(expect.connection);
  std::string* output = it == ids_.end() || !gateway_ ? nullptr : gateway_->output(it->second);
  const size_t wanted = static_cast<size_t>(expect.byte_count);
  if (!output || output->size() < wanted) {
    *detail = fmt::format("the replay had {} bytes for {}, the recording {}", output ? output->size() : 0,
                          expect.connection, wanted);
    if (output) output->clear();
    return false;
  }
  const uint32_t crc = crc32(std::string_view(*output).substr(0, wanted));
  output->erase(0, wanted);
  if (crc != expect.crc32) {
    *detail = fmt::format("the replay's {} bytes for {} have crc32={:08x}, the recording's crc32={:08x}", wanted,
                          expect.connection, crc, expect.crc32);
    return false;
  }
  return true;
}

}  // namespace zk::sim::gateway
