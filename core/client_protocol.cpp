// Size estimates of client protocol messages (for network statistics).
#include "core/client_protocol.h"

namespace zk {

int estimated_bytes(const ClientToServer& message) {
  return std::visit([](const auto& m) -> int {
    using T = std::decay_t<decltype(m)>;
    if constexpr (std::is_same_v<T, ConnectRequest>) return 48;
    else if constexpr (std::is_same_v<T, RequestMessage>) return 64;
    else if constexpr (std::is_same_v<T, AuthPacket>) return 28 + static_cast<int>(m.scheme.size() + m.auth.size());
    else return 12;
  }, message);
}

int estimated_bytes(const ServerToClient& message) {
  return std::visit([](const auto& m) -> int {
    using T = std::decay_t<decltype(m)>;
    if constexpr (std::is_same_v<T, ReplyMessage>) {
      int bytes = 16 + static_cast<int>(m.body.path.size() + m.body.data.size());
      for (const auto& child : m.body.children) bytes += 4 + static_cast<int>(child.size());
      for (const auto& path : m.body.ephemerals) bytes += 4 + static_cast<int>(path.size());
      for (const auto& result : m.body.read_results) {
        bytes += 9 + static_cast<int>(result.data.size()) + (result.type == OpCode::kGetData ? 68 : 0);
        for (const auto& child : result.children) bytes += 4 + static_cast<int>(child.size());
      }
      for (const Acl& acl : m.body.acl) bytes += 12 + static_cast<int>(acl.id.scheme.size() + acl.id.id.size());
      return bytes + (m.body.stat ? 68 : 0);
    } else if constexpr (std::is_same_v<T, WatchEventMessage>) {
      return 16 + static_cast<int>(m.path.size());
    } else {
      return 36;
    }
  }, message);
}

}  // namespace zk
