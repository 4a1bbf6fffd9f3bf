// One readable sentence per trace event, built from the event's data. The headless runner
// prints these after a time stamp; the GUI's "why" log shows the same sentences.
#include <fmt/format.h>

#include "core/trace_event.h"

namespace zk {
namespace {

std::string vote_label(const Vote& vote) {
  return fmt::format("S{} (zxid {}, epoch {})", vote.leader, zxid_hex(vote.zxid), vote.peer_epoch);
}

// "same epoch 0, same zxid 0x0, higher id 2 > 1"
std::string reason(const Vote& winner, const Vote& loser, VoteDecider decider) {
  switch (decider) {
    case VoteDecider::kPeerEpoch:
      return fmt::format("higher epoch {} > {}", winner.peer_epoch, loser.peer_epoch);
    case VoteDecider::kZxid:
      return fmt::format("same epoch {}, higher zxid {} > {}", winner.peer_epoch, zxid_hex(winner.zxid),
                         zxid_hex(loser.zxid));
    case VoteDecider::kServerId:
      return fmt::format("same epoch {}, same zxid {}, higher id {} > {}", winner.peer_epoch,
                         zxid_hex(winner.zxid), winner.leader, loser.leader);
    case VoteDecider::kNone: break;
  }
  return "same vote";
}

}  // namespace

const char* trace_kind_name(TraceKind kind) {
  switch (kind) {
    case TraceKind::kServerStarted: return "start";
    case TraceKind::kServerCrashed: return "crash";
    case TraceKind::kServerPaused: return "pause";
    case TraceKind::kServerResumed: return "resume";
    case TraceKind::kElectionStarted: return "looking";
    case TraceKind::kVoteChanged: return "vote";
    case TraceKind::kRoundJoined: return "round";
    case TraceKind::kQuorumReached: return "quorum";
    case TraceKind::kFinalizeInterrupted: return "interrupt";
    case TraceKind::kDecided: return "decide";
    case TraceKind::kStateChanged: return "state";
    case TraceKind::kEpochProposed: return "epoch";
    case TraceKind::kEpochAccepted: return "epoch-ack";
    case TraceKind::kSyncStarted: return "sync";
    case TraceKind::kSynced: return "synced";
    case TraceKind::kLeaderServing: return "serving";
    case TraceKind::kProposed: return "propose";
    case TraceKind::kCommitted: return "commit";
    case TraceKind::kTruncated: return "trunc";
    case TraceKind::kLeaderLost: return "leader-lost";
    case TraceKind::kQuorumLost: return "quorum-lost";
    case TraceKind::kSessionCreated: return "session";
    case TraceKind::kSessionExpired: return "expire";
    case TraceKind::kAcksForgotten: return "acks-forgotten";
    case TraceKind::kShutdownFlush: return "shutdown-flush";
    case TraceKind::kContainersChecked: return "containers-checked";
    case TraceKind::kLeaderConnectRefused: return "leader-connect-refused";
    case TraceKind::kTruncateFailed: return "trunc-failed";
    case TraceKind::kSnapshotTaken: return "snapshot";
    case TraceKind::kInvariantViolated: return "INVARIANT";
    case TraceKind::kLearnerDropped: return "learner-dropped";
    case TraceKind::kConnectionBroken: return "connection-broken";
    case TraceKind::kNetworkPartitioned: return "partition";
    case TraceKind::kNetworkHealed: return "heal";
    case TraceKind::kMessageDropped: return "drop";
    case TraceKind::kScenarioStep: return "line";
    case TraceKind::kClientConnected: return "client-connected";
    case TraceKind::kClientReconnected: return "client-reconnected";
    case TraceKind::kClientConnectionLost: return "client-connection-lost";
    case TraceKind::kClientSessionExpired: return "client-expired";
    case TraceKind::kClientRetrying: return "client-retry";
    case TraceKind::kClientClosedDisconnected: return "client-closed-disconnected";
    case TraceKind::kClientCrashed: return "client-crash";
    case TraceKind::kClientLinkBroken: return "client-connection-broken";
    case TraceKind::kClientNoReply: return "client-no-reply";
    case TraceKind::kPausedBacklogFull: return "paused-backlog-full";
    case TraceKind::kNote: return "note";
  }
  return "?";
}

const char* sync_mode_name(SyncMode mode) {
  switch (mode) {
    case SyncMode::kNone: return "";
    case SyncMode::kDiff: return "DIFF";
    case SyncMode::kTrunc: return "TRUNC";
    case SyncMode::kSnap: return "SNAP";
  }
  return "?";
}

const char* leader_phase_name(LeaderPhase phase) {
  switch (phase) {
    case LeaderPhase::kNone: return "";
    case LeaderPhase::kFollowerInfo: return "a quorum of FOLLOWERINFO (epoch)";
    case LeaderPhase::kAckEpoch: return "a quorum of ACKEPOCH";
    case LeaderPhase::kNewLeaderAck: return "a quorum of NEWLEADER acks";
  }
  return "?";
}

std::string describe_reason(const TraceEvent& e) {
  switch (e.reason) {
    case StateChangeReason::kNone: return "";
    case StateChangeReason::kWonElection: return "won the election";
    case StateChangeReason::kFollows:
      return fmt::format("{} S{}", e.state_new == PeerState::kObserving ? "observes" : "follows", e.peer);
    case StateChangeReason::kQuorumLost: return fmt::format("only {} of {} servers synced", e.acked, e.voters);
    case StateChangeReason::kPhaseTimeout:
      return fmt::format("timed out after {} ticks waiting for {}", e.ticks, leader_phase_name(e.phase));
    case StateChangeReason::kZxidExhausted: return "zxid counter exhausted: a new epoch is needed";
    case StateChangeReason::kLeaderRefused:
      return fmt::format("leader S{} refused {} connection attempts", e.peer, e.attempts);
    case StateChangeReason::kLeaderClosed: return fmt::format("leader S{} closed the connection", e.peer);
    case StateChangeReason::kEpochBehind:
      return fmt::format("leader's epoch {} is less than accepted epoch {}", e.epoch, e.accepted_epoch);
    case StateChangeReason::kUnmatchedCommit: return "unmatched txn commit";
    case StateChangeReason::kNoPacket: return fmt::format("no packet from leader S{} for {} ticks", e.peer, e.ticks);
    case StateChangeReason::kConnectionReset: return fmt::format("connection to leader S{} reset", e.peer);
    case StateChangeReason::kNewLeaderWithoutSync: return "NEWLEADER arrived without DIFF, TRUNC or SNAP before it";
    case StateChangeReason::kMissedTxns:
      return fmt::format("missed txns from leader S{}: got {} after {}", e.peer, zxid_hex(e.zxid),
                         zxid_hex(e.last_zxid));
  }
  return "?";
}

std::string describe(const TraceEvent& e) {
  const ServerId s = e.server;
  switch (e.kind) {
    case TraceKind::kServerStarted:
      return fmt::format("S{} starts: last logged zxid {}, currentEpoch {}, acceptedEpoch {}", s, zxid_hex(e.zxid),
                         e.epoch, e.accepted_epoch);
    case TraceKind::kServerCrashed:
      return e.txns == 0 ? fmt::format("S{} crashes", s)
                         : fmt::format("S{} crashes; {} logged txn(s) not yet fsynced are lost", s, e.txns);
    case TraceKind::kServerPaused: return fmt::format("S{} pauses (a long GC pause: it handles nothing)", s);
    case TraceKind::kServerResumed: return fmt::format("S{} resumes", s);
    case TraceKind::kElectionStarted:
      if (e.vote_new.leader == kNoVote) {
        return fmt::format("S{} is LOOKING: round {}, an observer: votes for no one", s, e.vote_new.election_epoch);
      }
      return fmt::format("S{} is LOOKING: round {}, votes for itself {}", s, e.vote_new.election_epoch,
                         vote_label(e.vote_new));
    case TraceKind::kVoteChanged:
      if (e.vote_old.leader == kNoVote) {
        return fmt::format("S{} (an observer, voting for no one) takes the vote {} (from S{})", s,
                           vote_label(e.vote_new), e.peer);
      }
      return fmt::format("S{} changes its vote S{} → S{}: {} (from S{})", s, e.vote_old.leader, e.vote_new.leader,
                         reason(e.vote_new, e.vote_old, e.decider), e.peer);
    case TraceKind::kRoundJoined:
      return fmt::format("S{} joins round {} of S{} (was round {}), votes {}", s, e.vote_new.election_epoch, e.peer,
                         e.round, vote_label(e.vote_new));
    case TraceKind::kQuorumReached:
      return fmt::format("S{} has {} of {} votes for S{} (a quorum); waits 200 ms for a better vote", s, e.votes,
                         e.voters, e.vote_new.leader);
    case TraceKind::kFinalizeInterrupted:
      return fmt::format("S{} stops waiting: S{} sent a better vote for S{} ({})", s, e.peer, e.vote_new.leader,
                         reason(e.vote_new, e.vote_old, decide_between(e.vote_new, e.vote_old)));
    case TraceKind::kDecided:
      if (e.decided_by == DecidedBy::kJoined) {
        return fmt::format("S{} joins the established ensemble: {} of {} report S{} leading epoch {} → {}", s, e.votes,
                           e.voters, e.vote_new.leader, e.vote_new.peer_epoch, peer_state_name(e.state_new));
      }
      return fmt::format("S{} saw no better vote in 200 ms → {} (leader S{}, {} of {} votes, round {})", s,
                         peer_state_name(e.state_new), e.vote_new.leader, e.votes, e.voters,
                         e.vote_new.election_epoch);
    case TraceKind::kStateChanged:
      return fmt::format("S{} {} → {}{}{}", s, peer_state_name(e.state_old), peer_state_name(e.state_new),
                         e.reason == StateChangeReason::kNone ? "" : ": ", describe_reason(e));
    case TraceKind::kEpochProposed:
      return fmt::format("S{} (leader) fixes the new epoch {} with {} of {} servers", s, e.epoch, e.acked, e.voters);
    case TraceKind::kEpochAccepted:
      return fmt::format("S{} accepts epoch {} from leader S{}", s, e.epoch, e.peer);
    case TraceKind::kSyncStarted:
      return fmt::format("S{} (leader) syncs S{} by {}: follower at {}, leader at {}", s, e.peer,
                         sync_mode_name(e.sync_mode), zxid_hex(e.zxid), zxid_hex(e.leader_zxid));
    case TraceKind::kSynced:
      return fmt::format("S{} is synchronized with leader S{} ({}), last zxid {}", s, e.peer,
                         sync_mode_name(e.sync_mode), zxid_hex(e.zxid));
    case TraceKind::kLeaderServing:
      return fmt::format("S{} leads epoch {}: {} of {} servers acked NEWLEADER; serving clients", s, e.epoch, e.acked,
                         e.voters);
    case TraceKind::kProposed: return fmt::format("S{} proposes {}: {}", s, zxid_hex(e.zxid), e.text);
    case TraceKind::kCommitted:
      return fmt::format("S{} commits {} ({} of {} acks)", s, zxid_hex(e.zxid), e.acked, e.voters);
    case TraceKind::kTruncated: return fmt::format("S{} truncates its log to {}", s, zxid_hex(e.zxid));
    case TraceKind::kLeaderLost: return fmt::format("S{} lost leader S{}: {}", s, e.peer, describe_reason(e));
    case TraceKind::kQuorumLost:
      return fmt::format("S{} (leader) has only {} of {} servers synced: not a quorum", s, e.acked, e.voters);
    case TraceKind::kSessionCreated:
      return fmt::format("S{} session 0x{:x} created at {}", s, e.session, zxid_hex(e.zxid));
    case TraceKind::kSessionExpired:
      return fmt::format("S{} (leader) expires session 0x{:x}", s, e.session);
    case TraceKind::kAcksForgotten:
      return fmt::format("S{} (leader) forgets S{}'s ACKs of {} outstanding proposal(s): it reconnected and is synced "
                         "afresh, so it must ACK them again",
                         s, e.peer, e.txns);
    case TraceKind::kLeaderConnectRefused:
      return fmt::format("S{} cannot connect to leader S{} (connection refused, try {}): tries again in {} ms", s, e.peer,
                         e.attempts, e.retry_ms);
    case TraceKind::kContainersChecked:
      return fmt::format("S{} (leader) ContainerManager: {} node(s) to delete (empty containers, expired TTL nodes)",
                         s, e.txns);
    case TraceKind::kShutdownFlush:
      return fmt::format("S{} shuts down its {} role: waits for {} logged txn(s) to reach disk before electing", s,
                         peer_state_name(e.state_old), e.txns);
    case TraceKind::kTruncateFailed:
      return fmt::format("S{} cannot truncate its log to {}: its snapshot at {} is already past it (ZooKeeper: \"Not "
                         "able to truncate the log\"); the process exits with code {}",
                         s, zxid_hex(e.zxid), zxid_hex(e.snapshot_zxid), e.exit_code);
    case TraceKind::kSnapshotTaken:
      return fmt::format("S{} has logged {} txns since its log rolled (more than snapCount/2 + its random roll): "
                         "rolls the log after {} and takes a snapshot at {}",
                         s, e.txns, zxid_hex(e.last_zxid), zxid_hex(e.zxid));
    case TraceKind::kInvariantViolated: return fmt::format("INVARIANT VIOLATED at S{}: {}", s, e.text);
    case TraceKind::kLearnerDropped:
      if (e.drop_reason == LearnerDropReason::kNoAck) {
        return fmt::format("S{} (leader) drops S{}: no ACK for {} ticks (syncLimit)", s, e.peer, e.ticks);
      }
      return fmt::format("S{} (leader) drops S{}: follower is ahead of the leader ({} > {})", s, e.peer,
                         zxid_hex(e.zxid), zxid_hex(e.leader_zxid));
    case TraceKind::kConnectionBroken:
      return fmt::format("connection S{}-S{} broken: a message was lost", s, e.peer);
    case TraceKind::kNetworkPartitioned: return fmt::format("network partition:{}", e.text);
    case TraceKind::kNetworkHealed: return "network healed: every link restored";
    case TraceKind::kMessageDropped:
      return fmt::format("S{} -> S{}: {} dropped (drop next)", s, e.peer, e.message_kind);
    case TraceKind::kScenarioStep: return fmt::format("line {}: {}", e.line, e.text);
    case TraceKind::kClientConnected:
    case TraceKind::kClientReconnected:
      return fmt::format("client {}: {} S{}, session 0x{:x}, timeout {} ms", e.client,
                         e.kind == TraceKind::kClientConnected ? "connected to" : "reconnected to", e.peer, e.session,
                         e.timeout_ms);
    case TraceKind::kClientConnectionLost:
      return fmt::format("client {}: connection to S{} lost ({})", e.client, e.peer, e.text);
    case TraceKind::kClientSessionExpired:
      return fmt::format("client {}: session 0x{:x} has expired (told by S{})", e.client, e.session, e.peer);
    case TraceKind::kClientRetrying: {
      const bool sleeps = e.random_sleep_ms >= 0;
      return fmt::format("client {}: tries S{} in {} ms ({}{}{})", e.client, e.peer,
                         (e.spin ? 1000 : 0) + (sleeps ? e.random_sleep_ms : 0),
                         e.spin ? "1000 ms after a full round" : "", e.spin && sleeps ? " + " : "",
                         sleeps ? fmt::format("random sleep {} ms", e.random_sleep_ms) : std::string());
    }
    case TraceKind::kClientClosedDisconnected:
      return fmt::format("client {}: closed while disconnected; session 0x{:x} is left to expire", e.client,
                         e.session);
    case TraceKind::kClientCrashed:
      return fmt::format("client {}: process crashed{}; session 0x{:x} is left to expire", e.client,
                         e.peer != 0 ? fmt::format(", its connection to S{} drops", e.peer) : std::string(),
                         e.session);
    case TraceKind::kClientLinkBroken:
      return fmt::format("connection C{}-S{} broken: a message was lost", e.client_endpoint, e.peer);
    case TraceKind::kClientNoReply: return fmt::format("client {}: {} got no reply within 30s", e.client, e.text);
    case TraceKind::kPausedBacklogFull:
      return fmt::format("{}: S{} is paused and holds {} inputs: messages are lost until it resumes, then the "
                         "connection breaks",
                         e.peer != 0 ? fmt::format("S{} -> S{}", e.peer, s)
                         : e.client_endpoint == kExternalClientEndpoint ? fmt::format("connection external-S{}", s)
                                                    : fmt::format("connection C{}-S{}", e.client_endpoint, s),
                         s, e.inputs);
    case TraceKind::kNote: return e.text;
  }
  return "?";
}

}  // namespace zk
