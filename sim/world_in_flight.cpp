// World::messages_in_flight and describe_in_flight: the network's current traffic for the
// GUI, read from the event queue without changing anything.
#include <fmt/format.h>

#include <algorithm>

#include "core/zkcli_format.h"
#include "sim/world.h"

namespace zk::sim {
namespace {

const char* client_to_server_kind(const ClientToServer& message) {
  static constexpr const char* kNames[] = {"CONNECT", "REQUEST", "PING", "DISCONNECT"};
  static_assert(std::size(kNames) == std::variant_size_v<ClientToServer>);
  return kNames[message.index()];
}

const char* server_to_client_kind(const ServerToClient& message) {
  static constexpr const char* kNames[] = {"CONNECTED", "REPLY", "WATCH EVENT", "PING REPLY", "CLOSE"};
  static_assert(std::size(kNames) == std::variant_size_v<ServerToClient>);
  return kNames[message.index()];
}

std::string describe_peer_message(const PeerMessage& message) {
  if (const auto* notification = std::get_if<Notification>(&message)) {
    const Vote& vote = notification->vote;
    return fmt::format("vote S{} zxid {} peerEpoch {} round {}, sender {}", vote.leader, zxid_hex(vote.zxid),
                       vote.peer_epoch, vote.election_epoch, peer_state_name(vote.state));
  }
  const auto& packet = std::get<QuorumPacket>(message);
  std::string text = fmt::format("zxid {}", zxid_hex(packet.zxid));
  if (packet.type == PacketType::kLeaderInfo || packet.type == PacketType::kAckEpoch ||
      packet.type == PacketType::kFollowerInfo) {
    text += fmt::format(" value {}", packet.value);
  }
  if (packet.txn) text += ", " + describe(*packet.txn);
  if (packet.snapshot) text += fmt::format(", snapshot of {} znodes", packet.snapshot->tree.node_count());
  if (!packet.sessions.empty()) text += fmt::format(", {} sessions", packet.sessions.size());
  return text;
}

}  // namespace

std::vector<InFlightMessage> World::messages_in_flight(size_t max_count) const {
  std::vector<InFlightMessage> found;
  messages_in_flight(max_count, &found);
  return found;
}

void World::messages_in_flight(size_t max_count, std::vector<InFlightMessage>* out) const {
  std::vector<InFlightMessage>& found = *out;
  found.clear();
  queue_.for_each_pending([&](int64_t time_us, const EventPayload& payload) {
    if (const auto* peer = std::get_if<DeliverMessage>(&payload)) {
      if (peer->from == peer->to) return;  // a server's note to itself never crosses a link
      found.push_back({peer->from, peer->to, peer->sent_us, time_us, message_kind_name(peer->message), &payload});
    } else if (const auto* up = std::get_if<DeliverToServer>(&payload)) {
      found.push_back({up->from, up->server, up->sent_us, time_us, client_to_server_kind(up->message), &payload});
    } else if (const auto* down = std::get_if<DeliverToClient>(&payload)) {
      found.push_back({down->from, down->client, down->sent_us, time_us, server_to_client_kind(down->message), &payload});
    }
  });
  std::sort(found.begin(), found.end(), [](const InFlightMessage& a, const InFlightMessage& b) {
    if (a.deliver_us != b.deliver_us) return a.deliver_us < b.deliver_us;
    if (a.from != b.from) return a.from < b.from;
    if (a.to != b.to) return a.to < b.to;
    return a.sent_us < b.sent_us;
  });
  if (found.size() > max_count) found.resize(max_count);
}

std::string describe_in_flight(const InFlightMessage& message) {
  if (message.payload == nullptr) return "";
  if (const auto* peer = std::get_if<DeliverMessage>(message.payload)) return describe_peer_message(peer->message);
  if (const auto* up = std::get_if<DeliverToServer>(message.payload)) {
    if (const auto* request = std::get_if<RequestMessage>(&up->message)) return fmt::format("cxid {}", request->cxid);
    if (const auto* connect = std::get_if<ConnectRequest>(&up->message)) {
      return fmt::format("session 0x{:x} timeout {} ms lastZxidSeen {}", connect->session_id, connect->timeout_ms,
                         zxid_hex(connect->last_zxid_seen));
    }
    return "";
  }
  if (const auto* down = std::get_if<DeliverToClient>(message.payload)) {
    if (const auto* reply = std::get_if<ReplyMessage>(&down->message)) {
      return fmt::format("cxid {} zxid {} {}", reply->cxid, zxid_hex(reply->zxid), error_name(reply->err));
    }
    if (const auto* event = std::get_if<WatchEventMessage>(&down->message)) {
      return fmt::format("{} {}", event_type_name(event->type), event->path);
    }
    if (const auto* connected = std::get_if<ConnectResponse>(&down->message)) {
      return fmt::format("session 0x{:x} timeout {} ms", connected->session_id, connected->timeout_ms);
    }
  }
  return "";
}

}  // namespace zk::sim
