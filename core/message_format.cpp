// Readable lines for peer and client messages (see message_format.h).
#include "core/message_format.h"

#include <fmt/format.h>

#include "core/zkcli_format.h"

namespace zk {

std::string describe_peer_message(const PeerMessage& message) {
  if (const auto* notification = std::get_if<Notification>(&message)) {
    const Vote& vote = notification->vote;
    if (vote.leader == kNoVote) {  // an observer's own vote: Long.MIN_VALUE everywhere
      return fmt::format("vote no one (Long.MIN_VALUE) round {}, sender {}", vote.election_epoch,
                         peer_state_name(vote.state));
    }
    return fmt::format("vote S{} zxid {} peerEpoch {} round {}, sender {}", vote.leader, zxid_hex(vote.zxid),
                       vote.peer_epoch, vote.election_epoch, peer_state_name(vote.state));
  }
  const auto& packet = std::get<QuorumPacket>(message);
  std::string text = fmt::format("zxid {}", zxid_hex(packet.zxid));
  if (packet.type == PacketType::kLeaderInfo || packet.type == PacketType::kAckEpoch ||
      is_learner_info(packet.type)) {
    text += fmt::format(" value {}", packet.value);
  }
  if (packet.txn) text += ", " + describe(*packet.txn);
  if (packet.request && !packet.request->auth_info.empty()) {
    text += ", authinfo";
    for (const AuthId& id : packet.request->auth_info) text += " " + id.scheme + ":" + id.id;
  }
  if (packet.snapshot) text += fmt::format(", snapshot of {} znodes", packet.snapshot->tree.node_count());
  if (!packet.sessions.empty()) text += fmt::format(", {} sessions", packet.sessions.size());
  return text;
}

const char* client_message_kind(const ClientToServer& message) {
  static constexpr const char* kNames[] = {"CONNECT", "REQUEST", "PING", "DISCONNECT", "AUTH"};
  static_assert(std::size(kNames) == std::variant_size_v<ClientToServer>);
  return kNames[message.index()];
}

const char* client_message_kind(const ServerToClient& message) {
  static constexpr const char* kNames[] = {"CONNECTED", "REPLY", "WATCH EVENT", "PING REPLY", "CLOSE"};
  static_assert(std::size(kNames) == std::variant_size_v<ServerToClient>);
  return kNames[message.index()];
}

std::string describe_client_message(const ClientToServer& message) {
  if (const auto* request = std::get_if<RequestMessage>(&message)) return fmt::format("cxid {}", request->cxid);
  if (const auto* auth = std::get_if<AuthPacket>(&message)) return fmt::format("scheme {}", auth->scheme);
  if (const auto* connect = std::get_if<ConnectRequest>(&message)) {
    return fmt::format("session 0x{:x} timeout {} ms lastZxidSeen {}", connect->session_id, connect->timeout_ms,
                       zxid_hex(connect->last_zxid_seen));
  }
  return "";
}

std::string describe_client_message(const ServerToClient& message) {
  if (const auto* reply = std::get_if<ReplyMessage>(&message)) {
    std::string text = fmt::format("cxid {} zxid {} {}", reply->cxid, zxid_hex(reply->zxid), error_name(reply->err));
    if (!reply->body.acl.empty()) text += " acl " + acl_list_text(reply->body.acl);
    for (const ClientInfo& info : reply->body.client_infos) text += " " + info.auth_scheme + ":" + info.user;
    return text;
  }
  if (const auto* event = std::get_if<WatchEventMessage>(&message)) {
    return fmt::format("{} {}", event_type_name(event->type), event->path);
  }
  if (const auto* connected = std::get_if<ConnectResponse>(&message)) {
    return fmt::format("session 0x{:x} timeout {} ms", connected->session_id, connected->timeout_ms);
  }
  return "";
}

}  // namespace zk
