// The leader's state (ZooKeeper's Leader and one LearnerHandler per connected learner): the
// epoch being established, who has connected / acked the epoch / acked NEWLEADER, the
// proposals outstanding with their acks, and each learner's sync and liveness. The code
// that runs it is leader.cpp (QuorumPeer's leader_* functions); a QuorumPeer holds one as
// its role while it leads (quorum_peer.h, PeerRole).
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
#include "core/server_set.h"
#include "core/trace_event.h"
#include "core/txn.h"

namespace zk {

struct LearnerHandler {
  uint64_t connection = 0;
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
// consecutively within its epoch (leader_propose appends zxid counter + 1; commits take
// the front), so the entry for zxid is at (zxid - front's zxid).
inline auto find_outstanding(std::deque<std::pair<Zxid, Proposal>>& outstanding, Zxid zxid) {
  if (outstanding.empty() || zxid < outstanding.front().first) return outstanding.end();
  const auto offset = static_cast<uint64_t>(zxid - outstanding.front().first);
  if (offset >= outstanding.size()) return outstanding.end();
  ZK_INVARIANT(outstanding[offset].first == zxid);
  return outstanding.begin() + static_cast<std::ptrdiff_t>(offset);
}

struct LeaderState {
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
  bool operator==(const LeaderState&) const = default;
};

}  // namespace zk
