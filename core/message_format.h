// One readable line for each message a server sends or receives: peer messages (a
// notification's vote, a quorum packet's zxid and payload) and client <-> server messages.
// The GUI's hover text, the interaction tests (tests/interaction) and any other printer
// share these, so a message reads the same everywhere.
#pragma once

#include <string>

#include "core/client_protocol.h"
#include "core/peer_message.h"

namespace zk {

// "vote S2 zxid 0x0 peerEpoch 0 round 1, sender LOOKING"; "zxid 0x100000000 value 1".
std::string describe_peer_message(const PeerMessage& message);

// "CONNECT", "REQUEST", ... / "CONNECTED", "REPLY", "WATCH EVENT", ...
const char* client_message_kind(const ClientToServer& message);
const char* client_message_kind(const ServerToClient& message);
// The fields worth showing: "cxid 3", "session 0x... timeout 4000 ms", "NodeDataChanged /a".
std::string describe_client_message(const ClientToServer& message);
std::string describe_client_message(const ServerToClient& message);

}  // namespace zk
