// Notification: the fast-leader-election message (ZooKeeper's FastLeaderElection
// Notification / ToSend): the proposed leader and its zxid and epoch, the sender's round
// (electionEpoch), the sender's state, and the sender's id.
#pragma once

#include "core/vote.h"

namespace zk {

struct Notification {
  ServerId sender = 0;
  Vote vote;  // vote.state is the sender's PeerState; vote.election_epoch its round.

  bool operator==(const Notification&) const = default;
};

// Bytes on ZooKeeper's wire: int state, long leader, zxid, electionEpoch, peerEpoch,
// int version, int configLength (empty config here).
constexpr int kNotificationBytes = 4 + 8 * 4 + 4 + 4;

}  // namespace zk
