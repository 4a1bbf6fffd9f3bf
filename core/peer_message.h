// PeerMessage: everything one server sends another over the virtual network — election
// notifications and (once ZAB is wired) quorum packets. Links carry these typed values,
// not bytes; estimated_bytes() gives a wire-size estimate for statistics.
#pragma once

#include <variant>

#include "core/notification.h"
#include "core/quorum_packet.h"

namespace zk {

using PeerMessage = std::variant<Notification, QuorumPacket>;

int estimated_bytes(const PeerMessage& message);
const char* message_kind_name(const PeerMessage& message);  // "NOTIFICATION", "PROPOSAL", ...

}  // namespace zk
