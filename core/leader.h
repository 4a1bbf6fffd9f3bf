// Leader: the role a QuorumPeer runs while it leads (ZooKeeper's Leader, with one
// LearnerHandler per connected learner; an observer's handler gets the committed txns as
// INFORM instead of PROPOSAL + COMMIT, and its acks count towards no quorum). It holds the epoch being established, who has
// connected / acked the epoch / acked NEWLEADER, the proposals outstanding with their acks
// and each learner's sync and liveness, and runs the leader side of ZAB (leader.cpp). As
// ZooKeeper's Leader reaches its QuorumPeer through `self`, every step takes the peer it
// runs in: the peer's database, log, sessions and clients are the peer's, not the role's.
// A QuorumPeer holds one in its role variant (quorum_peer.h, PeerRole) and destroys it when
// it goes LOOKING, so a step returns as soon as it has called QuorumPeer::go_looking.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/invariant.h"
#include "core/outbox.h"
#include "core/quorum_packet.h"
#include "core/request.h"
#include "core/server_set.h"
#include "core/trace_event.h"
#include "core/txn.h"

namespace zk {

class QuorumPeer;

struct LearnerHandler {
  uint64_t connection = 0;
  bool observer = false;   // connected with OBSERVERINFO: gets INFORM, never PROPOSAL / COMMIT
  bool acked_epoch = false;
  Zxid peer_last_zxid = 0;
  bool sync_sent = false;  // also: it is a forwarding target for new proposals
  bool acked_new_leader = false;
  bool up_to_date_sent = false;
  int64_t tick_of_next_ack_deadline = 0;
  SyncMode sync_mode = SyncMode::kNone;
  std::deque<std::pair<Zxid, int64_t>> unacked;  // proposals sent, not acked: (zxid, sent_us)
  bool operator==(const LearnerHandler&) const = default;
};

struct Proposal {
  std::shared_ptr<const Txn> txn;
  ServerSet acks;
  int64_t proposed_us = 0;
  bool operator==(const Proposal&) const = default;
};

// The outstanding proposal with this zxid, or end(). A leader numbers its proposals
// consecutively within its epoch (Leader::propose appends zxid counter + 1; commits take
// the front), so the entry for zxid is at (zxid - front's zxid).
inline auto find_outstanding(std::deque<std::pair<Zxid, Proposal>>& outstanding, Zxid zxid) {
  if (outstanding.empty() || zxid < outstanding.front().first) return outstanding.end();
  const auto offset = static_cast<uint64_t>(zxid - outstanding.front().first);
  if (offset >= outstanding.size()) return outstanding.end();
  ZK_INVARIANT(outstanding[offset].first == zxid);
  return outstanding.begin() + static_cast<std::ptrdiff_t>(offset);
}

class Leader {
 public:
  // Leader.lead: waits for a quorum of FOLLOWERINFO to fix the new epoch.
  void lead(QuorumPeer& self, Outbox& out);
  // LearnerHandler's packet loop (FOLLOWERINFO opens a handler; the rest need one).
  void on_packet(QuorumPeer& self, ServerId from, const QuorumPacket& packet, Outbox& out);
  // processAck: from a learner, or from the leader's own fsync (from == self's id).
  void on_ack(QuorumPeer& self, ServerId from, Zxid zxid, Outbox& out);
  // Every tick/2 while serving: step down without a synced quorum, drop a learner that has
  // not acked for syncLimit ticks, ping the rest.
  void on_tick(QuorumPeer& self, Outbox& out);
  // initLimit passed before the epoch was fixed, acked or established.
  void on_phase_timeout(QuorumPeer& self, Outbox& out);
  // SessionTrackerImpl's expirer: closes each session that expired.
  void on_session_expiry(QuorumPeer& self, Outbox& out);
  // A request from a local client or forwarded by a learner (origin: who gets a SYNC back).
  // auth_info: the requesting connection's ids (a follower forwards them with REQUEST, as
  // QuorumPacket.authinfo carries them).
  void submit(QuorumPeer& self, SessionId session, int32_t cxid, const Request& request, ServerId origin, Outbox& out,
              const std::vector<AuthId>& auth_info = {});
  // ContainerManager: the check interval passed (container_manager.h).
  void on_container_check(QuorumPeer& self, Outbox& out);
  // ContainerManager: the pause after a deleteContainer is over.
  void on_container_pause_over(QuorumPeer& self, Outbox& out);
  void on_learner_disconnected(ServerId learner) { handlers.erase(learner); }
  // Leader.shutdown: closes every learner's connection.
  void close_all(QuorumPeer& self, Outbox& out) const;

  Epoch epoch = -1;
  bool epoch_decided = false;
  bool epoch_acked = false;  // a quorum sent ACKEPOCH: currentEpoch is persisted
  bool serving = false;      // a quorum acked NEWLEADER
  std::set<ServerId> connecting;
  std::set<ServerId> electing;
  std::set<ServerId> new_leader_acks;
  int64_t tick = 0;
  bool tick_skip = true;
  std::map<ServerId, LearnerHandler> handlers;
  uint32_t zxid_counter = 0;
  Zxid last_proposed = 0;
  // Proposed, not yet committed, in zxid order (proposals are appended, commits come off
  // the front): find_outstanding() indexes by zxid offset.
  std::deque<std::pair<Zxid, Proposal>> outstanding;
  std::map<Zxid, std::vector<ServerId>> pending_syncs;  // release SYNC to these once zxid commits
  // The ContainerManager's run in progress: candidates not yet posted, whether it is running
  // (posting, or in the pause after its last post), and the checks that fell due meanwhile.
  std::deque<std::string> containers_to_delete;
  bool container_run_active = false;
  int container_checks_due = 0;
  bool operator==(const Leader&) const = default;

 private:
  void on_follower_info(QuorumPeer& self, ServerId from, const QuorumPacket& packet, Outbox& out);
  void forget_acks(QuorumPeer& self, ServerId learner, Outbox& out);
  void on_ack_epoch(QuorumPeer& self, ServerId from, const QuorumPacket& packet, Outbox& out);
  void check_epoch_quorum(QuorumPeer& self, Outbox& out);
  void check_epoch_ack_quorum(QuorumPeer& self, Outbox& out);
  void check_new_leader_quorum(QuorumPeer& self, Outbox& out);
  void start_sync(QuorumPeer& self, ServerId learner, Outbox& out);
  void drop_learner(QuorumPeer& self, ServerId learner, Outbox& out);
  void propose(QuorumPeer& self, Txn txn, Outbox& out);
  void try_commit(QuorumPeer& self, Outbox& out);
  void release_sync(QuorumPeer& self, ServerId origin, Outbox& out);
  void arm_session_expiry(QuorumPeer& self, Outbox& out);
  void run_due_container_checks(QuorumPeer& self, Outbox& out);
  bool post_container_deletes(QuorumPeer& self, Outbox& out);
};

}  // namespace zk
