// TraceEvent: one decision or happening worth explaining, with its reason as data. Core
// emits them as effects; sim stamps the virtual time; trace_format renders them as one
// readable line (headless output) or as a plain sentence (the GUI's "why" log). One flat
// struct keeps events cheap to copy and compare; each kind documents the fields it uses.
#pragma once

#include <string>

#include "core/chunked_vector.h"
#include "core/vote.h"

namespace zk {

enum class TraceKind : uint8_t {
  kServerStarted,      // zxid = last logged, epoch = current epoch, count = accepted epoch
  kServerCrashed,      // (sim) the process stopped; detail: what the disk lost
  kServerPaused,       // (sim)
  kServerResumed,      // (sim)
  kElectionStarted,    // vote_new = initial vote (election_epoch = new logical clock)
  kVoteChanged,        // vote_old -> vote_new, peer = sender that caused it, decider
  kRoundJoined,        // count = old clock, vote_new.election_epoch = new clock, peer
  kQuorumReached,      // vote_new, count of total; the 200 ms finalize wait starts
  kFinalizeInterrupted,// peer sent vote_new which is better than vote_old
  kDecided,            // vote_new = final vote; state_new; detail "finalize" | "joined"
  kStateChanged,       // state_old -> state_new; detail: reason
  kEpochProposed,      // (leader) epoch = new epoch, count of total ready
  kEpochAccepted,      // (learner) epoch
  kSyncStarted,        // (leader) peer, detail "DIFF"|"TRUNC"|"SNAP", zxid = peer's, count = leader's last zxid
  kSynced,             // (learner) zxid = last zxid after sync, detail mode
  kLeaderServing,      // (leader) epoch, count of total acked NEWLEADER
  kProposed,           // zxid, detail txn description
  kCommitted,          // zxid, count acks of total
  kTruncated,          // zxid = truncated to
  kLeaderLost,         // (follower) detail reason
  kQuorumLost,         // (leader) count synced of total
  kSessionCreated,     // zxid, count = session id
  kSessionExpired,     // count = session id
  kAcksForgotten,      // (leader) peer reconnected: its ACKs of count outstanding proposals no longer count
  kShutdownFlush,      // leaving FOLLOWING/LEADING: count logged txns are fsynced before the election starts
  kTruncateFailed,     // (learner) TRUNC to zxid is below its snapshot at count (a zxid): the process exits, code total
  kInvariantViolated,  // detail names the invariant
  kNote,               // detail: free text (scenario output, commands)
};

struct TraceEvent {
  int64_t time_us = 0;
  ServerId server = 0;
  TraceKind kind = TraceKind::kNote;
  Vote vote_old;
  Vote vote_new;
  ServerId peer = 0;
  int64_t count = 0;
  int64_t total = 0;
  Zxid zxid = 0;
  Epoch epoch = 0;
  PeerState state_old = PeerState::kLooking;
  PeerState state_new = PeerState::kLooking;
  VoteDecider decider = VoteDecider::kNone;
  std::string detail;

  bool operator==(const TraceEvent&) const = default;
};

// A run's trace: copies (GUI checkpoints) share its full chunks.
using Trace = ChunkedVector<TraceEvent>;

const char* trace_kind_name(TraceKind kind);
// "S1 vote S1 -> S2 (same epoch 0, same zxid 0x0, higher id 2 > 1)" — no time prefix.
std::string describe(const TraceEvent& event);

}  // namespace zk
