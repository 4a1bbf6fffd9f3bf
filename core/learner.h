// Learner: the role a QuorumPeer runs while it follows or observes (ZooKeeper's Learner +
// Follower, or + Observer when `observer` is set: it registers with OBSERVERINFO, syncs as
// a follower does, then ignores PROPOSAL and COMMIT, applies the INFORMs and never ACKs a
// txn). It
// holds the leader it follows and the connection to it, the epoch it accepted, the sync in
// progress (mode, proposals before NEWLEADER, a SNAP held in memory) and what waits for a
// COMMIT or for currentEpoch, and runs the learner side of ZAB (learner.cpp). Like Leader
// (leader.h) every step takes the QuorumPeer it runs in, and returns as soon as it has
// called QuorumPeer::go_looking, which destroys the role.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/outbox.h"
#include "core/quorum_packet.h"
#include "core/trace_event.h"
#include "core/txn.h"

namespace zk {

class QuorumPeer;

class Learner {
 public:
  explicit Learner(bool is_observer = false) : observer(is_observer) {}

  // Learner.connectToLeader + registerWithLeader: FOLLOWERINFO to the elected leader.
  void follow(QuorumPeer& self, ServerId leader_id, Outbox& out);
  // Another try after the leader refused the connection (connectToLeader's retry loop).
  void retry_connect(QuorumPeer& self, Outbox& out);
  // syncWithLeader, then Follower.processPacket.
  void on_packet(QuorumPeer& self, ServerId from, const QuorumPacket& packet, Outbox& out);
  // SendAckRequestProcessor: a logged txn, or the NEWLEADER marker, reached the disk.
  void on_flushed(QuorumPeer& self, Zxid token, Outbox& out);
  // Learner.shutdown: closes the connection to the leader.
  void close(QuorumPeer& self, Outbox& out) const;

  bool observer = false;  // Observer, not Follower (the server's learner type)
  ServerId leader = 0;
  uint64_t connection = 0;
  int connect_attempts = 0;
  Epoch new_epoch = -1;
  bool got_new_leader = false;
  bool serving = false;
  SyncMode sync_mode = SyncMode::kNone;
  std::deque<std::shared_ptr<const Txn>> pending_txns;  // logged proposals awaiting COMMIT
  std::vector<std::shared_ptr<const Txn>> unlogged;     // proposals before NEWLEADER
  std::optional<Zxid> snapshot_zxid;                    // a SNAP in memory, written at NEWLEADER
  // Txns fsynced before the NEWLEADER marker, so before currentEpoch is written: their ACKs
  // wait and go out right after NEWLEADER's (the ZOOKEEPER-4685 order of the 4643 fix).
  std::vector<Zxid> acks_held_for_epoch;
  std::set<SessionId> touched;  // reported with the next PING reply
  bool operator==(const Learner&) const = default;

 private:
  void send_follower_info(QuorumPeer& self, Outbox& out);
  void reset_read_timeout(QuorumPeer& self, Outbox& out);
  void on_proposal(QuorumPeer& self, const QuorumPacket& packet, Outbox& out);
  void on_commit(QuorumPeer& self, Zxid zxid, Outbox& out);
  void on_inform(QuorumPeer& self, const QuorumPacket& packet, Outbox& out);
  bool next_in_log(QuorumPeer& self, Zxid zxid, Outbox& out);
};

}  // namespace zk
