// TraceEvent: one decision or happening worth explaining, with its reason as data. Core
// emits them as effects; sim stamps the virtual time; trace_format renders them as one
// readable line (headless output) or as a plain sentence (the GUI's "why" log), and
// ui/trace_sentences_zh renders the same data in Chinese. No event carries an English
// reason: reasons are enums with named fields, and `text` is only for what is text by
// nature (a txn's description, a scenario line, a note). One flat struct without heap
// data in the common case keeps events cheap to copy and compare; each kind documents
// the fields it uses, and every field means one thing.
#pragma once

#include <string>

#include "core/chunked_vector.h"
#include "core/vote.h"

namespace zk {

enum class TraceKind : uint8_t {
  kServerStarted,      // zxid = last logged, epoch = currentEpoch, accepted_epoch
  kServerCrashed,      // (sim) the process stopped; txns = logged txns the disk lost (0: none)
  kServerPaused,       // (sim)
  kServerResumed,      // (sim)
  kElectionStarted,    // vote_new = initial vote (election_epoch = new logical clock)
  kVoteChanged,        // vote_old -> vote_new, peer = sender that caused it, decider
  kRoundJoined,        // round = old clock, vote_new.election_epoch = new clock, peer
  kQuorumReached,      // vote_new, votes of voters; the 200 ms finalize wait starts
  kFinalizeInterrupted,// peer sent vote_new which is better than vote_old
  kDecided,            // vote_new = final vote; state_new; votes of voters; decided_by
  kStateChanged,       // state_old -> state_new; reason (+ the fields it names)
  kEpochProposed,      // (leader) epoch = new epoch, acked (servers ready) of voters
  kEpochAccepted,      // (learner) epoch, peer = leader
  kSyncStarted,        // (leader) peer, sync_mode, zxid = peer's last zxid, leader_zxid
  kSynced,             // (learner) peer = leader, zxid = last zxid after sync, sync_mode
  kLeaderServing,      // (leader) epoch, acked (NEWLEADER acks) of voters
  kProposed,           // zxid, text = the txn's description
  kCommitted,          // zxid, acked of voters
  kTruncated,          // zxid = truncated to
  kLeaderLost,         // (follower) peer = leader, reason (+ its fields)
  kQuorumLost,         // (leader) acked (servers synced) of voters
  kSessionCreated,     // zxid, session
  kSessionExpired,     // session
  kAcksForgotten,      // (leader) peer reconnected: its ACKs of txns outstanding proposals no longer count
  kShutdownFlush,      // leaving state_old: txns logged txns are fsynced before the election starts
  kTruncateFailed,     // (learner) TRUNC to zxid is below its snapshot at snapshot_zxid: exits with exit_code
  kSnapshotTaken,      // txns logged since the log rolled passed snapCount/2 + randRoll: the log rolls and a
                       // snapshot at zxid (the last applied) is taken; last_zxid = the txn just logged
  kContainersChecked,  // (leader) the ContainerManager found txns candidates (empty containers, expired TTL nodes)
  kLeaderConnectRefused,  // (learner) peer = leader refused try `attempts`; the next try in retry_ms
  kInvariantViolated,  // text names the invariant
  kLearnerDropped,     // (leader) drops learner peer: drop_reason (follower ahead: zxid > leader_zxid;
                       // no ACK: ticks = syncLimit)
  kConnectionBroken,   // (sim) a lost message broke the connection server -> peer
  kNetworkPartitioned, // (sim) text = the groups as listed: " S1 S2 | S3 C1000"
  kNetworkHealed,      // (sim) every link restored
  kMessageDropped,     // (sim) server -> peer: message_kind dropped by `drop next`
  kScenarioStep,       // (sim) line, text = what the line does (the scenario's echo)
  kClientConnected,    // (sim) client connected to peer: session, timeout_ms
  kClientReconnected,  // (sim) client reconnected to peer: session, timeout_ms
  kClientConnectionLost,  // (sim) client lost its connection to peer; text = the close reason
  kClientSessionExpired,  // (sim) client's session expired, told by peer
  kClientRetrying,     // (sim) client tries peer after a full round (spin) and / or random_sleep_ms
  kClientClosedDisconnected,  // (sim) client closed while disconnected; session is left to expire
  kClientCrashed,      // (sim) client's process crashed (peer: the server it was connected to, or 0)
  kClientLinkBroken,   // (sim) a lost message broke the connection of client endpoint client_endpoint to peer
  kClientNoReply,      // (sim) client's operation (text) got no reply within 30 s
  kPausedBacklogFull,  // (sim) server is paused and holds `inputs` inputs: from now on the messages of
                       // peer (a server), or of client endpoint client_endpoint when peer is 0, are lost
                       // until it resumes, and then that connection breaks
  kNote,               // text: free text (scenario output, loaded disks, consistency reports)
};

// Why a server changed state (kStateChanged, kLeaderLost). The fields each reason uses
// are named in the comment.
enum class StateChangeReason : uint8_t {
  kNone,
  kWonElection,           // -
  kFollows,               // peer = the leader
  kQuorumLost,            // acked (servers synced) of voters
  kPhaseTimeout,          // ticks (initLimit) waiting for phase
  kZxidExhausted,         // -
  kLeaderRefused,         // peer = the leader, attempts
  kLeaderClosed,          // peer = the leader
  kEpochBehind,           // epoch = the leader's, accepted_epoch (greater)
  kUnmatchedCommit,       // -
  kNoPacket,              // peer = the leader, ticks
  kConnectionReset,       // peer = the leader
  kNewLeaderWithoutSync,  // -
  kMissedTxns,            // peer = the leader, zxid = received, last_zxid = the last one before it
};

// What a new leader waits for a quorum of (kPhaseTimeout).
enum class LeaderPhase : uint8_t { kNone, kFollowerInfo, kAckEpoch, kNewLeaderAck };

// How a leader brings a learner up to date.
enum class SyncMode : uint8_t { kNone, kDiff, kTrunc, kSnap };

// How an election ended (kDecided): after the finalize wait, or by joining an established ensemble.
enum class DecidedBy : uint8_t { kFinalize, kJoined };

// Why a leader drops a learner (kLearnerDropped).
enum class LearnerDropReason : uint8_t { kFollowerAhead, kNoAck };

// The client_endpoint the simulator gives clients outside it (live mode's gateway).
constexpr int64_t kExternalClientEndpoint = 999;

struct TraceEvent {
  int64_t time_us = 0;
  ServerId server = 0;
  TraceKind kind = TraceKind::kNote;
  PeerState state_old = PeerState::kLooking;
  PeerState state_new = PeerState::kLooking;
  VoteDecider decider = VoteDecider::kNone;
  StateChangeReason reason = StateChangeReason::kNone;
  LeaderPhase phase = LeaderPhase::kNone;
  SyncMode sync_mode = SyncMode::kNone;
  DecidedBy decided_by = DecidedBy::kFinalize;
  Vote vote_old;
  Vote vote_new;
  ServerId peer = 0;
  Zxid zxid = 0;
  Zxid leader_zxid = 0;    // kSyncStarted, kLearnerDropped: the leader's last zxid
  Zxid last_zxid = 0;      // kMissedTxns: the last zxid before the one received
  Zxid snapshot_zxid = 0;  // kTruncateFailed
  Epoch epoch = 0;
  Epoch accepted_epoch = 0;
  uint64_t session = 0;
  int64_t round = 0;       // kRoundJoined: the logical clock left behind
  int32_t votes = 0;       // votes for vote_new's leader
  int32_t acked = 0;       // servers that acknowledged (epoch, NEWLEADER, a proposal; synced)
  int32_t voters = 0;      // voting servers in the ensemble
  int32_t txns = 0;        // a number of txns (lost, unflushed, outstanding)
  int32_t ticks = 0;
  int32_t attempts = 0;
  int32_t exit_code = 0;
  int32_t timeout_ms = 0;  // a client's negotiated session timeout
  int32_t line = 0;        // kScenarioStep: the scenario line
  int32_t random_sleep_ms = -1;  // kClientRetrying: -1 when the client does not sleep (first connect)
  bool spin = false;             // kClientRetrying: waits 1000 ms after a full round of the hosts
  LearnerDropReason drop_reason = LearnerDropReason::kFollowerAhead;
  const char* message_kind = "";  // kMessageDropped: a static name ("NOTIFICATION", "PING", ...)
  int64_t client_endpoint = 0;    // kClientLinkBroken, kPausedBacklogFull
  int32_t inputs = 0;             // kPausedBacklogFull: inputs a paused server holds
  int32_t retry_ms = 0;           // kLeaderConnectRefused: the pause before the next try
  std::string client;             // client kinds: the client's name
  std::string text;               // free text (see the kinds)

  bool operator==(const TraceEvent&) const = default;
};

// A run's trace: copies (GUI checkpoints) share its full chunks.
using Trace = ChunkedVector<TraceEvent>;

const char* trace_kind_name(TraceKind kind);
const char* sync_mode_name(SyncMode mode);      // "DIFF", "TRUNC", "SNAP" ("" for none)
const char* leader_phase_name(LeaderPhase phase);  // "a quorum of ACKEPOCH", ...
// "S1 vote S1 -> S2 (same epoch 0, same zxid 0x0, higher id 2 > 1)" — no time prefix.
std::string describe(const TraceEvent& event);
// The English reason of a kStateChanged / kLeaderLost event ("follows S3"); "" for none.
std::string describe_reason(const TraceEvent& event);

}  // namespace zk
