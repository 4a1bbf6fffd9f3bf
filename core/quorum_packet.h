// QuorumPacket: ZAB's leader<->learner packets (ZooKeeper's Leader.* packet types), typed rather than bytes.
// Every packet carries the learner connection it belongs to, so that packets of a
// connection that has since closed are ignored ("no message after close", as TCP gives).
// kConnectRefused and kClose are not ZooKeeper packets: they stand for the TCP RST/FIN a
// real socket would deliver when the other side is not listening or closes.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "core/data_tree.h"
#include "core/request.h"
#include "core/txn.h"
#include "core/zxid.h"

namespace zk {

enum class PacketType : uint8_t {
  kRequest = 1,
  kProposal = 2,
  kAck = 3,
  kCommit = 4,
  kPing = 5,
  kRevalidate = 6,
  kSync = 7,
  kInform = 8,  // leader -> observer: a committed txn (the observer's COMMIT, with the txn)
  kNewLeader = 10,
  kFollowerInfo = 11,
  kUpToDate = 12,
  kDiff = 13,
  kTrunc = 14,
  kSnap = 15,
  kObserverInfo = 16,  // an observer's FOLLOWERINFO
  kLeaderInfo = 17,
  kAckEpoch = 18,
  kConnectRefused = 100,  // simulated TCP: nobody is leading at that address
  kClose = 101,           // simulated TCP: the other side closed the connection
};

const char* packet_type_name(PacketType type);

// FOLLOWERINFO or OBSERVERINFO: the first packet of a learner's connection (its connect).
inline bool is_learner_info(PacketType type) {
  return type == PacketType::kFollowerInfo || type == PacketType::kObserverInfo;
}

// A client request a follower forwards to the leader (REQUEST), with the connection's
// authentication ids (Learner.request puts request.authInfo in the QuorumPacket).
struct ForwardedRequest {
  SessionId session_id = 0;
  int32_t cxid = 0;
  Request request;
  std::vector<AuthId> auth_info;
};

// A leader's full data tree, sent with SNAP.
struct SnapshotPayload {
  DataTree tree;
  Zxid zxid = 0;
};

struct QuorumPacket {
  PacketType type = PacketType::kPing;
  uint64_t connection = 0;  // learner connection id, chosen by the learner
  Zxid zxid = 0;
  int64_t value = 0;  // ACKEPOCH: follower's currentEpoch or -1; REVALIDATE: 1 = valid
  std::shared_ptr<const Txn> txn;                    // PROPOSAL, INFORM
  std::shared_ptr<const ForwardedRequest> request;   // REQUEST
  std::shared_ptr<const SnapshotPayload> snapshot;   // SNAP
  std::vector<std::pair<SessionId, int64_t>> sessions;  // PING reply: touched (id, timeout); REVALIDATE

  bool operator==(const QuorumPacket&) const = default;
};

}  // namespace zk
