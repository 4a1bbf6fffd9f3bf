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
    case TraceKind::kTruncateFailed: return "trunc-failed";
    case TraceKind::kInvariantViolated: return "INVARIANT";
    case TraceKind::kNote: return "note";
  }
  return "?";
}

std::string describe(const TraceEvent& e) {
  const ServerId s = e.server;
  switch (e.kind) {
    case TraceKind::kServerStarted:
      return fmt::format("S{} starts: last logged zxid {}, currentEpoch {}, acceptedEpoch {}", s, zxid_hex(e.zxid),
                         e.epoch, e.count);
    case TraceKind::kServerCrashed:
      return e.detail.empty() ? fmt::format("S{} crashes", s) : fmt::format("S{} crashes; {}", s, e.detail);
    case TraceKind::kServerPaused: return fmt::format("S{} pauses (a long GC pause: it handles nothing)", s);
    case TraceKind::kServerResumed: return fmt::format("S{} resumes", s);
    case TraceKind::kElectionStarted:
      return fmt::format("S{} is LOOKING: round {}, votes for itself {}", s, e.vote_new.election_epoch,
                         vote_label(e.vote_new));
    case TraceKind::kVoteChanged:
      return fmt::format("S{} changes its vote S{} → S{}: {} (from S{})", s, e.vote_old.leader, e.vote_new.leader,
                         reason(e.vote_new, e.vote_old, e.decider), e.peer);
    case TraceKind::kRoundJoined:
      return fmt::format("S{} joins round {} of S{} (was round {}), votes {}", s, e.vote_new.election_epoch, e.peer,
                         e.count, vote_label(e.vote_new));
    case TraceKind::kQuorumReached:
      return fmt::format("S{} has {} of {} votes for S{} (a quorum); waits 200 ms for a better vote", s, e.count,
                         e.total, e.vote_new.leader);
    case TraceKind::kFinalizeInterrupted:
      return fmt::format("S{} stops waiting: S{} sent a better vote for S{} ({})", s, e.peer, e.vote_new.leader,
                         reason(e.vote_new, e.vote_old, decide_between(e.vote_new, e.vote_old)));
    case TraceKind::kDecided:
      if (e.detail == "joined") {
        return fmt::format("S{} joins the established ensemble: {} of {} report S{} leading epoch {} → {}", s, e.count,
                           e.total, e.vote_new.leader, e.vote_new.peer_epoch, peer_state_name(e.state_new));
      }
      return fmt::format("S{} saw no better vote in 200 ms → {} (leader S{}, {} of {} votes, round {})", s,
                         peer_state_name(e.state_new), e.vote_new.leader, e.count, e.total,
                         e.vote_new.election_epoch);
    case TraceKind::kStateChanged:
      return fmt::format("S{} {} → {}{}{}", s, peer_state_name(e.state_old), peer_state_name(e.state_new),
                         e.detail.empty() ? "" : ": ", e.detail);
    case TraceKind::kEpochProposed:
      return fmt::format("S{} (leader) fixes the new epoch {} with {} of {} servers", s, e.epoch, e.count, e.total);
    case TraceKind::kEpochAccepted:
      return fmt::format("S{} accepts epoch {} from leader S{}", s, e.epoch, e.peer);
    case TraceKind::kSyncStarted:
      return fmt::format("S{} (leader) syncs S{} by {}: follower at {}, leader at {}", s, e.peer, e.detail,
                         zxid_hex(e.zxid), zxid_hex(e.count));
    case TraceKind::kSynced:
      return fmt::format("S{} is synchronized with leader S{} ({}), last zxid {}", s, e.peer, e.detail,
                         zxid_hex(e.zxid));
    case TraceKind::kLeaderServing:
      return fmt::format("S{} leads epoch {}: {} of {} servers acked NEWLEADER; serving clients", s, e.epoch, e.count,
                         e.total);
    case TraceKind::kProposed: return fmt::format("S{} proposes {}: {}", s, zxid_hex(e.zxid), e.detail);
    case TraceKind::kCommitted:
      return fmt::format("S{} commits {} ({} of {} acks)", s, zxid_hex(e.zxid), e.count, e.total);
    case TraceKind::kTruncated: return fmt::format("S{} truncates its log to {}", s, zxid_hex(e.zxid));
    case TraceKind::kLeaderLost: return fmt::format("S{} lost leader S{}: {}", s, e.peer, e.detail);
    case TraceKind::kQuorumLost:
      return fmt::format("S{} (leader) has only {} of {} servers synced: not a quorum", s, e.count, e.total);
    case TraceKind::kSessionCreated:
      return fmt::format("S{} session 0x{:x} created at {}", s, static_cast<uint64_t>(e.count), zxid_hex(e.zxid));
    case TraceKind::kSessionExpired:
      return fmt::format("S{} (leader) expires session 0x{:x}", s, static_cast<uint64_t>(e.count));
    case TraceKind::kAcksForgotten:
      return fmt::format("S{} (leader) forgets S{}'s ACKs of {} outstanding proposal(s): it reconnected and is synced "
                         "afresh, so it must ACK them again",
                         s, e.peer, e.count);
    case TraceKind::kShutdownFlush:
      return fmt::format("S{} shuts down its {} role: waits for {} logged txn(s) to reach disk before electing", s,
                         peer_state_name(e.state_old), e.count);
    case TraceKind::kTruncateFailed:
      return fmt::format("S{} cannot truncate its log to {}: its snapshot at {} is already past it (ZooKeeper: \"Not "
                         "able to truncate the log\"); the process exits with code {}",
                         s, zxid_hex(e.zxid), zxid_hex(e.count), e.total);
    case TraceKind::kInvariantViolated: return fmt::format("INVARIANT VIOLATED at S{}: {}", s, e.detail);
    case TraceKind::kNote: return e.detail;
  }
  return "?";
}

}  // namespace zk
