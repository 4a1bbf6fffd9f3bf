// Chinese trace sentences: every trace kind and every state-change reason rendered from its
// fields, in English and in Chinese, with the exact sentences the trace had when reasons and
// notes were English strings (the Chinese view then matched English templates; these
// strings are what that rendering gave, so the typed rendering is checked to be the same).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "ui/trace_sentences_zh.h"

namespace {

zk::Vote vote(zk::ServerId leader, zk::Zxid zxid, zk::Epoch epoch, int64_t round) {
  zk::Vote v;
  v.leader = leader;
  v.zxid = zxid;
  v.peer_epoch = epoch;
  v.election_epoch = round;
  return v;
}

using K = zk::TraceKind;

struct Seen {
  std::set<int> kinds;
  std::set<int> reasons;
};

}  // namespace

TEST_CASE("Chinese sentences for votes, decisions and state changes") {
  zk::TraceEvent changed{.server = 1, .kind = zk::TraceKind::kVoteChanged};
  changed.vote_old = vote(1, 0, 0, 1);
  changed.vote_new = vote(2, 0, 0, 1);
  changed.peer = 2;
  changed.decider = zk::VoteDecider::kServerId;
  CHECK(zk::ui::describe_zh(changed) == "S1 改投 S1 → S2：epoch 相同 0，zxid 相同 0x0，id 更大 2 > 1（来自 S2）");

  zk::TraceEvent decided{.server = 3, .kind = zk::TraceKind::kDecided};
  decided.vote_new = vote(3, 0, 0, 1);
  decided.votes = 2;
  decided.voters = 3;
  decided.state_new = zk::PeerState::kLeading;
  CHECK(zk::ui::describe_zh(decided) == "S3 200 毫秒内没有更好的投票 → LEADING（Leader S3，2/3 票，第 1 轮）");

  zk::TraceEvent state{.server = 2, .kind = zk::TraceKind::kStateChanged};
  state.state_old = zk::PeerState::kLooking;
  state.state_new = zk::PeerState::kFollowing;
  state.reason = zk::StateChangeReason::kFollows;
  state.peer = 3;
  CHECK(zk::ui::describe_zh(state) == "S2 LOOKING → FOLLOWING：跟随 S3");

  zk::TraceEvent lost{.server = 2, .kind = zk::TraceKind::kStateChanged};
  lost.state_old = zk::PeerState::kFollowing;
  lost.state_new = zk::PeerState::kLooking;
  lost.reason = zk::StateChangeReason::kNoPacket;
  lost.peer = 3;
  lost.ticks = 5;
  CHECK(zk::ui::describe_zh(lost) == "S2 FOLLOWING → LOOKING：5 个 tick 内没有收到 Leader S3 的数据包");
}

TEST_CASE("an observer's election and state change, in English and Chinese") {
  zk::TraceEvent looking{.server = 3, .kind = zk::TraceKind::kElectionStarted};
  looking.vote_new = zk::Vote{zk::kNoVote, zk::kNoVote, 1, zk::kNoVote, zk::PeerState::kLooking};
  CHECK(zk::describe(looking) == "S3 is LOOKING: round 1, an observer: votes for no one");
  CHECK(zk::ui::describe_zh(looking) == "S3 进入 LOOKING：第 1 轮，observer：不投给任何人");
  zk::TraceEvent takes{.server = 3, .kind = zk::TraceKind::kVoteChanged, .peer = 2};
  takes.vote_old = looking.vote_new;
  takes.vote_new = vote(2, 0, 1, 1);
  CHECK(zk::describe(takes) == "S3 (an observer, voting for no one) takes the vote S2 (zxid 0x0, epoch 1) (from S2)");
  CHECK(zk::ui::describe_zh(takes) == "S3（observer，不投给任何人）采用投票 S2（zxid 0x0，epoch 1）（来自 S2）");
  zk::TraceEvent observes{.server = 3, .kind = zk::TraceKind::kStateChanged};
  observes.state_old = zk::PeerState::kLooking;
  observes.state_new = zk::PeerState::kObserving;
  observes.reason = zk::StateChangeReason::kFollows;
  observes.peer = 2;
  CHECK(zk::describe(observes) == "S3 LOOKING → OBSERVING: observes S2");
  CHECK(zk::ui::describe_zh(observes) == "S3 LOOKING → OBSERVING：观察 S2");
}

TEST_CASE("Chinese network, scenario and client sentences - free text passes through") {
  CHECK(zk::ui::describe_zh(zk::TraceEvent{.kind = zk::TraceKind::kNetworkHealed}) == "网络已恢复：所有链路恢复连通");
  CHECK(zk::ui::describe_zh(zk::TraceEvent{.kind = zk::TraceKind::kNetworkPartitioned, .text = " S1 S2 | S3"}) ==
        "网络分区： S1 S2 | S3");
  CHECK(zk::ui::describe_zh(zk::TraceEvent{.kind = zk::TraceKind::kClientConnectionLost,
                                           .peer = 2,
                                           .client = "app",
                                           .text = "connection reset"}) == "客户端 app：与 S2 的连接断开（连接被重置）");
  CHECK(zk::ui::describe_zh(zk::TraceEvent{.kind = zk::TraceKind::kScenarioStep, .line = 7, .text = "kill leader"}) ==
        "第 7 行：kill leader");
  CHECK(zk::ui::describe_zh(zk::TraceEvent{.kind = zk::TraceKind::kNote, .text = "something new"}) == "something new");
  zk::TraceEvent crash{.server = 4, .kind = zk::TraceKind::kServerCrashed, .txns = 2};
  CHECK(zk::ui::describe_zh(crash) == "S4 崩溃；2 个已写入日志但尚未 fsync 的事务丢失");
}

TEST_CASE("every trace kind and every state-change reason: exact English and Chinese sentences") {
  Seen seen;
  const auto expect = [&](const char* name, const zk::TraceEvent& e, const std::string& english,
                          const std::string& chinese) {
    CAPTURE(name);
    seen.kinds.insert(static_cast<int>(e.kind));
    if (e.kind == K::kStateChanged || e.kind == K::kLeaderLost) seen.reasons.insert(static_cast<int>(e.reason));
    CHECK(zk::describe(e) == english);
    CHECK(zk::ui::describe_zh(e) == chinese);
    // Only free text, and a bare state change with no words, read the same in both.
    const bool no_words = e.kind == K::kNote || (e.kind == K::kStateChanged && e.reason == zk::StateChangeReason::kNone);
    if (!no_words) CHECK(chinese != english);
  };
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kServerStarted;
    e.zxid = 0x100000002;
    e.epoch = 1;
    e.accepted_epoch = 2;
    expect("started", e, "S1 starts: last logged zxid 0x100000002, currentEpoch 1, acceptedEpoch 2",
           "S1 启动：最后记录的 zxid 0x100000002，currentEpoch 1，acceptedEpoch 2");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kServerCrashed;
    expect("crashed", e, "S1 crashes",
           "S1 崩溃");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kServerCrashed;
    e.txns = 2;
    expect("crashed lost", e, "S1 crashes; 2 logged txn(s) not yet fsynced are lost",
           "S1 崩溃；2 个已写入日志但尚未 fsync 的事务丢失");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kServerPaused;
    expect("paused", e, "S1 pauses (a long GC pause: it handles nothing)",
           "S1 暂停（相当于一次很长的 GC 停顿：什么都不处理）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kServerResumed;
    expect("resumed", e, "S1 resumes",
           "S1 恢复运行");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kElectionStarted;
    e.vote_new = vote(1, 0x100000002, 1, 2);
    expect("looking", e, "S1 is LOOKING: round 2, votes for itself S1 (zxid 0x100000002, epoch 1)",
           "S1 进入 LOOKING：第 2 轮，先投给自己 S1（zxid 0x100000002，epoch 1）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kVoteChanged;
    e.vote_old = vote(1, 0, 1, 1);
    e.vote_new = vote(2, 0, 2, 1);
    e.peer = 2;
    e.decider = zk::VoteDecider::kPeerEpoch;
    expect("vote epoch", e, "S1 changes its vote S1 → S2: higher epoch 2 > 1 (from S2)",
           "S1 改投 S1 → S2：epoch 更高 2 > 1（来自 S2）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kVoteChanged;
    e.vote_old = vote(1, 0x100000001, 1, 1);
    e.vote_new = vote(3, 0x100000002, 1, 1);
    e.peer = 3;
    e.decider = zk::VoteDecider::kZxid;
    expect("vote zxid", e, "S1 changes its vote S1 → S3: same epoch 1, higher zxid 0x100000002 > 0x100000001 (from S3)",
           "S1 改投 S1 → S3：epoch 相同 1，zxid 更新 0x100000002 > 0x100000001（来自 S3）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kVoteChanged;
    e.vote_old = vote(1, 0, 0, 1);
    e.vote_new = vote(2, 0, 0, 1);
    e.peer = 2;
    e.decider = zk::VoteDecider::kServerId;
    expect("vote id", e, "S1 changes its vote S1 → S2: same epoch 0, same zxid 0x0, higher id 2 > 1 (from S2)",
           "S1 改投 S1 → S2：epoch 相同 0，zxid 相同 0x0，id 更大 2 > 1（来自 S2）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kVoteChanged;
    e.vote_old = vote(2, 0, 0, 1);
    e.vote_new = vote(2, 0, 0, 1);
    e.peer = 2;
    expect("vote same", e, "S1 changes its vote S2 → S2: same vote (from S2)",
           "S1 改投 S2 → S2：投票相同（来自 S2）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kRoundJoined;
    e.peer = 2;
    e.round = 1;
    e.vote_new = vote(2, 0, 0, 3);
    expect("round", e, "S1 joins round 3 of S2 (was round 1), votes S2 (zxid 0x0, epoch 0)",
           "S1 加入 S2 的第 3 轮（原为第 1 轮），投票 S2（zxid 0x0，epoch 0）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kQuorumReached;
    e.votes = 2;
    e.voters = 3;
    e.vote_new = vote(3, 0, 0, 1);
    expect("quorum", e, "S1 has 2 of 3 votes for S3 (a quorum); waits 200 ms for a better vote",
           "S1 已有 2/3 票投给 S3（达到法定多数）；再等 200 毫秒看有没有更好的投票");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kFinalizeInterrupted;
    e.peer = 3;
    e.vote_old = vote(2, 0, 0, 1);
    e.vote_new = vote(3, 0, 0, 1);
    expect("interrupt", e, "S1 stops waiting: S3 sent a better vote for S3 (same epoch 0, same zxid 0x0, higher id 3 > 2)",
           "S1 停止等待：S3 发来投给 S3 的更好投票（epoch 相同 0，zxid 相同 0x0，id 更大 3 > 2）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kDecided;
    e.vote_new = vote(3, 0, 0, 1);
    e.votes = 2;
    e.voters = 3;
    e.state_new = zk::PeerState::kLeading;
    e.decided_by = zk::DecidedBy::kFinalize;
    expect("decide finalize", e, "S1 saw no better vote in 200 ms → LEADING (leader S3, 2 of 3 votes, round 1)",
           "S1 200 毫秒内没有更好的投票 → LEADING（Leader S3，2/3 票，第 1 轮）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kDecided;
    e.vote_new = vote(3, 0, 1, 2);
    e.votes = 2;
    e.voters = 3;
    e.state_new = zk::PeerState::kFollowing;
    e.decided_by = zk::DecidedBy::kJoined;
    expect("decide joined", e, "S1 joins the established ensemble: 2 of 3 report S3 leading epoch 1 → FOLLOWING",
           "S1 加入已建立的集群：2/3 台报告 S3 在 epoch 1 领导 → FOLLOWING");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kLooking;
    e.state_new = zk::PeerState::kFollowing;
    
    expect("state none", e, "S1 LOOKING → FOLLOWING",
           "S1 LOOKING → FOLLOWING");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kLooking;
    e.state_new = zk::PeerState::kLeading;
    e.reason = zk::StateChangeReason::kWonElection;
    expect("state won", e, "S1 LOOKING → LEADING: won the election",
           "S1 LOOKING → LEADING：赢得选举");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kLooking;
    e.state_new = zk::PeerState::kFollowing;
    e.reason = zk::StateChangeReason::kFollows;
    e.peer = 3;
    expect("state follows", e, "S1 LOOKING → FOLLOWING: follows S3",
           "S1 LOOKING → FOLLOWING：跟随 S3");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kLeading;
    e.state_new = zk::PeerState::kLooking;
    e.reason = zk::StateChangeReason::kQuorumLost;
    e.acked = 1;
    e.voters = 3;
    expect("state quorum lost", e, "S1 LEADING → LOOKING: only 1 of 3 servers synced",
           "S1 LEADING → LOOKING：只有 1/3 台服务器已同步");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kLeading;
    e.state_new = zk::PeerState::kLooking;
    e.reason = zk::StateChangeReason::kPhaseTimeout;
    e.ticks = 10;
    e.phase = zk::LeaderPhase::kFollowerInfo;
    expect("state timeout info", e, "S1 LEADING → LOOKING: timed out after 10 ticks waiting for a quorum of FOLLOWERINFO (epoch)",
           "S1 LEADING → LOOKING：等待 a quorum of FOLLOWERINFO (epoch) 超时（10 个 tick）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kLeading;
    e.state_new = zk::PeerState::kLooking;
    e.reason = zk::StateChangeReason::kPhaseTimeout;
    e.ticks = 10;
    e.phase = zk::LeaderPhase::kAckEpoch;
    expect("state timeout ackepoch", e, "S1 LEADING → LOOKING: timed out after 10 ticks waiting for a quorum of ACKEPOCH",
           "S1 LEADING → LOOKING：等待 a quorum of ACKEPOCH 超时（10 个 tick）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kLeading;
    e.state_new = zk::PeerState::kLooking;
    e.reason = zk::StateChangeReason::kPhaseTimeout;
    e.ticks = 10;
    e.phase = zk::LeaderPhase::kNewLeaderAck;
    expect("state timeout newleader", e, "S1 LEADING → LOOKING: timed out after 10 ticks waiting for a quorum of NEWLEADER acks",
           "S1 LEADING → LOOKING：等待 a quorum of NEWLEADER acks 超时（10 个 tick）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kLeading;
    e.state_new = zk::PeerState::kLooking;
    e.reason = zk::StateChangeReason::kZxidExhausted;
    expect("state zxid exhausted", e, "S1 LEADING → LOOKING: zxid counter exhausted: a new epoch is needed",
           "S1 LEADING → LOOKING：zxid 计数器用尽：需要新的 epoch");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kFollowing;
    e.state_new = zk::PeerState::kLooking;
    e.reason = zk::StateChangeReason::kLeaderRefused;
    e.peer = 3;
    e.attempts = 5;
    expect("state refused", e, "S1 FOLLOWING → LOOKING: leader S3 refused 5 connection attempts",
           "S1 FOLLOWING → LOOKING：Leader S3 拒绝了 5 次连接尝试");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kFollowing;
    e.state_new = zk::PeerState::kLooking;
    e.reason = zk::StateChangeReason::kLeaderClosed;
    e.peer = 3;
    expect("state closed", e, "S1 FOLLOWING → LOOKING: leader S3 closed the connection",
           "S1 FOLLOWING → LOOKING：Leader S3 关闭了连接");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kFollowing;
    e.state_new = zk::PeerState::kLooking;
    e.reason = zk::StateChangeReason::kEpochBehind;
    e.epoch = 1;
    e.accepted_epoch = 2;
    expect("state epoch behind", e, "S1 FOLLOWING → LOOKING: leader's epoch 1 is less than accepted epoch 2",
           "S1 FOLLOWING → LOOKING：Leader 的 epoch 1 小于已接受的 epoch 2");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kFollowing;
    e.state_new = zk::PeerState::kLooking;
    e.reason = zk::StateChangeReason::kUnmatchedCommit;
    expect("state unmatched", e, "S1 FOLLOWING → LOOKING: unmatched txn commit",
           "S1 FOLLOWING → LOOKING：提交的事务与提议不匹配");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kFollowing;
    e.state_new = zk::PeerState::kLooking;
    e.reason = zk::StateChangeReason::kNoPacket;
    e.peer = 3;
    e.ticks = 5;
    expect("state no packet", e, "S1 FOLLOWING → LOOKING: no packet from leader S3 for 5 ticks",
           "S1 FOLLOWING → LOOKING：5 个 tick 内没有收到 Leader S3 的数据包");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kFollowing;
    e.state_new = zk::PeerState::kLooking;
    e.reason = zk::StateChangeReason::kConnectionReset;
    e.peer = 3;
    expect("state reset", e, "S1 FOLLOWING → LOOKING: connection to leader S3 reset",
           "S1 FOLLOWING → LOOKING：与 Leader S3 的连接被重置");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kFollowing;
    e.state_new = zk::PeerState::kLooking;
    e.reason = zk::StateChangeReason::kNewLeaderWithoutSync;
    expect("state newleader without sync", e, "S1 FOLLOWING → LOOKING: NEWLEADER arrived without DIFF, TRUNC or SNAP before it",
           "S1 FOLLOWING → LOOKING：NEWLEADER 之前没有收到 DIFF、TRUNC 或 SNAP");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kStateChanged;
    e.state_old = zk::PeerState::kFollowing;
    e.state_new = zk::PeerState::kLooking;
    e.reason = zk::StateChangeReason::kMissedTxns;
    e.peer = 3;
    e.zxid = 0x100000005;
    e.last_zxid = 0x100000003;
    expect("state missed txns", e, "S1 FOLLOWING → LOOKING: missed txns from leader S3: got 0x100000005 after 0x100000003",
           "S1 FOLLOWING → LOOKING：漏掉了 Leader S3 的事务：在 0x100000003 之后收到 0x100000005");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kEpochProposed;
    e.epoch = 2;
    e.acked = 2;
    e.voters = 3;
    expect("epoch proposed", e, "S1 (leader) fixes the new epoch 2 with 2 of 3 servers",
           "S1（Leader）与 2/3 台服务器确定新的 epoch 2");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kEpochAccepted;
    e.epoch = 2;
    e.peer = 3;
    expect("epoch accepted", e, "S1 accepts epoch 2 from leader S3",
           "S1 接受 Leader S3 的 epoch 2");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kSyncStarted;
    e.peer = 2;
    e.sync_mode = zk::SyncMode::kDiff;
    e.zxid = 0x100000001;
    e.leader_zxid = 0x100000003;
    expect("sync DIFF", e, "S1 (leader) syncs S2 by DIFF: follower at 0x100000001, leader at 0x100000003",
           "S1（Leader）用 DIFF 同步 S2：Follower 在 0x100000001，Leader 在 0x100000003");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kSyncStarted;
    e.peer = 2;
    e.sync_mode = zk::SyncMode::kTrunc;
    e.zxid = 0x100000001;
    e.leader_zxid = 0x100000003;
    expect("sync TRUNC", e, "S1 (leader) syncs S2 by TRUNC: follower at 0x100000001, leader at 0x100000003",
           "S1（Leader）用 TRUNC 同步 S2：Follower 在 0x100000001，Leader 在 0x100000003");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kSyncStarted;
    e.peer = 2;
    e.sync_mode = zk::SyncMode::kSnap;
    e.zxid = 0x100000001;
    e.leader_zxid = 0x100000003;
    expect("sync SNAP", e, "S1 (leader) syncs S2 by SNAP: follower at 0x100000001, leader at 0x100000003",
           "S1（Leader）用 SNAP 同步 S2：Follower 在 0x100000001，Leader 在 0x100000003");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kSynced;
    e.peer = 3;
    e.sync_mode = zk::SyncMode::kSnap;
    e.zxid = 0x200000000;
    expect("synced", e, "S1 is synchronized with leader S3 (SNAP), last zxid 0x200000000",
           "S1 已与 Leader S3 同步（SNAP），最后的 zxid 0x200000000");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kLeaderServing;
    e.epoch = 2;
    e.acked = 3;
    e.voters = 3;
    expect("serving", e, "S1 leads epoch 2: 3 of 3 servers acked NEWLEADER; serving clients",
           "S1 领导 epoch 2：3/3 台服务器确认了 NEWLEADER；开始为客户端服务");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kProposed;
    e.zxid = 0x200000001;
    e.text = "create /a \"x\"";
    expect("proposed", e, "S1 proposes 0x200000001: create /a \"x\"",
           "S1 提议 0x200000001：create /a \"x\"");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kCommitted;
    e.zxid = 0x200000001;
    e.acked = 2;
    e.voters = 3;
    expect("committed", e, "S1 commits 0x200000001 (2 of 3 acks)",
           "S1 提交 0x200000001（2/3 个 ACK）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kTruncated;
    e.zxid = 0x100000002;
    expect("truncated", e, "S1 truncates its log to 0x100000002",
           "S1 把日志截断到 0x100000002");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kLeaderLost;
    e.peer = 3;
    e.reason = zk::StateChangeReason::kConnectionReset;
    expect("leader lost", e, "S1 lost leader S3: connection to leader S3 reset",
           "S1 失去 Leader S3：与 Leader S3 的连接被重置");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kQuorumLost;
    e.acked = 1;
    e.voters = 3;
    expect("quorum lost", e, "S1 (leader) has only 1 of 3 servers synced: not a quorum",
           "S1（Leader）只有 1/3 台服务器已同步：不足法定多数");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kSessionCreated;
    e.zxid = 0x100000001;
    e.session = 72057594037927936;
    expect("session created", e, "S1 session 0x100000000000000 created at 0x100000001",
           "S1 创建会话 0x100000000000000，zxid 0x100000001");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kSessionExpired;
    e.session = 72057594037927936;
    expect("session expired", e, "S1 (leader) expires session 0x100000000000000",
           "S1（Leader）使会话 0x100000000000000 过期");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kAcksForgotten;
    e.peer = 2;
    e.txns = 3;
    expect("acks forgotten", e, "S1 (leader) forgets S2's ACKs of 3 outstanding proposal(s): it reconnected and is synced afresh, so it must ACK them again",
           "S1（Leader）忘记 S2 对 3 个未提交提议的 ACK：它重新连接并重新同步，必须再次 ACK");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kShutdownFlush;
    e.state_old = zk::PeerState::kFollowing;
    e.txns = 2;
    expect("shutdown flush", e, "S1 shuts down its FOLLOWING role: waits for 2 logged txn(s) to reach disk before electing",
           "S1 关闭 FOLLOWING 角色：等待 2 个已记录的事务写入磁盘后再开始选举");
  }
  {
    zk::TraceEvent e;
    e.server = 3;
    e.kind = K::kContainersChecked;
    e.txns = 5;
    expect("containers checked", e, "S3 (leader) ContainerManager: 5 node(s) to delete (empty containers, expired TTL nodes)",
           "S3（Leader）ContainerManager：5 个节点待删除（空的容器节点、过期的 TTL 节点）");
  }
  {
    zk::TraceEvent e;
    e.server = 2;
    e.kind = K::kLeaderConnectRefused;
    e.peer = 4;
    e.attempts = 1;
    e.retry_ms = 100;
    expect("leader connect refused", e, "S2 cannot connect to leader S4 (connection refused, try 1): tries again in 100 ms",
           "S2 无法连接 Leader S4（连接被拒绝，第 1 次尝试）：100 毫秒后重试");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kTruncateFailed;
    e.zxid = 0x100000001;
    e.snapshot_zxid = 0x100000005;
    e.exit_code = 13;
    expect("truncate failed", e, "S1 cannot truncate its log to 0x100000001: its snapshot at 0x100000005 is already past it (ZooKeeper: \"Not able to truncate the log\"); the process exits with code 13",
           "S1 无法把日志截断到 0x100000001：它的快照（0x100000005）已经超过这个位置（ZooKeeper：\"Not able to truncate the log\"）；进程以退出码 13 退出");
  }
  {
    zk::TraceEvent e;
    e.server = 2;
    e.kind = K::kSnapshotTaken;
    e.txns = 15;
    e.last_zxid = 0x100000010;
    e.zxid = 0x10000000f;
    expect("snapshot taken", e,
           "S2 has logged 15 txns since its log rolled (more than snapCount/2 + its random roll): rolls the log after "
           "0x100000010 and takes a snapshot at 0x10000000f",
           "S2 自上次切换日志以来已记录 15 个事务（超过 snapCount/2 加随机数）：在 0x100000010 之后切换到新日志，并在 "
           "0x10000000f 处生成快照");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kInvariantViolated;
    e.text = "COMMIT 0x1 but the next pending txn is 0x2";
    expect("invariant", e, "INVARIANT VIOLATED at S1: COMMIT 0x1 but the next pending txn is 0x2",
           "S1 违反不变量：COMMIT 0x1 but the next pending txn is 0x2");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kLearnerDropped;
    e.peer = 2;
    e.drop_reason = zk::LearnerDropReason::kFollowerAhead;
    e.zxid = 0x100000005;
    e.leader_zxid = 0x100000003;
    expect("learner dropped ahead", e, "S1 (leader) drops S2: follower is ahead of the leader (0x100000005 > 0x100000003)",
           "S1（Leader）断开 S2：Follower 领先于 Leader（0x100000005 > 0x100000003）");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kLearnerDropped;
    e.peer = 3;
    e.drop_reason = zk::LearnerDropReason::kNoAck;
    e.ticks = 5;
    expect("learner dropped no ack", e, "S1 (leader) drops S3: no ACK for 5 ticks (syncLimit)",
           "S1（Leader）断开 S3：5 个 tick（syncLimit）内没有 ACK");
  }
  {
    zk::TraceEvent e;
    e.server = 1;
    e.kind = K::kConnectionBroken;
    e.peer = 2;
    expect("connection broken", e, "connection S1-S2 broken: a message was lost",
           "S1-S2 的连接断开：丢失了一条消息");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kNetworkPartitioned;
    e.text = " S1 S2 | S3 C1000";
    expect("partition", e, "network partition: S1 S2 | S3 C1000",
           "网络分区： S1 S2 | S3 C1000");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kNetworkHealed;
    expect("heal", e, "network healed: every link restored",
           "网络已恢复：所有链路恢复连通");
  }
  {
    zk::TraceEvent e;
    e.server = 3;
    e.kind = K::kMessageDropped;
    e.peer = 1;
    e.message_kind = "PING";
    expect("drop next", e, "S3 -> S1: PING dropped (drop next)",
           "S3 -> S1：PING 被丢弃（drop next）");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kScenarioStep;
    e.line = 7;
    e.text = "kill leader";
    expect("line", e, "line 7: kill leader",
           "第 7 行：kill leader");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kScenarioStep;
    e.line = 9;
    e.text = "skipped: S2 has exited by itself";
    expect("line skipped", e, "line 9: skipped: S2 has exited by itself",
           "第 9 行：skipped: S2 has exited by itself");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientConnected;
    e.client = "app";
    e.peer = 2;
    e.session = 72057594037927936;
    e.timeout_ms = 6000;
    expect("client connected", e, "client app: connected to S2, session 0x100000000000000, timeout 6000 ms",
           "客户端 app：已连接到 S2，会话 0x100000000000000，超时 6000 毫秒");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientReconnected;
    e.client = "app";
    e.peer = 3;
    e.session = 72057594037927936;
    e.timeout_ms = 4000;
    expect("client reconnected", e, "client app: reconnected to S3, session 0x100000000000000, timeout 4000 ms",
           "客户端 app：已重新连接到 S3，会话 0x100000000000000，超时 4000 毫秒");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientConnectionLost;
    e.client = "app";
    e.peer = 2;
    e.text = "connection reset";
    expect("client lost connection reset", e, "client app: connection to S2 lost (connection reset)",
           "客户端 app：与 S2 的连接断开（连接被重置）");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientConnectionLost;
    e.client = "app";
    e.peer = 2;
    e.text = "connection refused";
    expect("client lost connection refused", e, "client app: connection to S2 lost (connection refused)",
           "客户端 app：与 S2 的连接断开（连接被拒绝）");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientConnectionLost;
    e.client = "app";
    e.peer = 2;
    e.text = "This ZooKeeper instance is not currently serving requests";
    expect("client lost This ZooKeeper instance is not currently serving requests", e, "client app: connection to S2 lost (This ZooKeeper instance is not currently serving requests)",
           "客户端 app：与 S2 的连接断开（该 ZooKeeper 实例当前不提供服务）");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientConnectionLost;
    e.client = "app";
    e.peer = 2;
    e.text = "connection reset: a message was lost";
    expect("client lost connection reset: a message was lost", e, "client app: connection to S2 lost (connection reset: a message was lost)",
           "客户端 app：与 S2 的连接断开（connection reset: a message was lost）");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientConnectionLost;
    e.client = "app";
    e.peer = 2;
    e.text = "no answer from S2";
    expect("client lost no answer from S2", e, "client app: connection to S2 lost (no answer from S2)",
           "客户端 app：与 S2 的连接断开（no answer from S2）");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientSessionExpired;
    e.client = "c";
    e.session = 72057594037927936;
    e.peer = 3;
    expect("client expired", e, "client c: session 0x100000000000000 has expired (told by S3)",
           "客户端 c：会话 0x100000000000000 已过期（由 S3 告知）");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientRetrying;
    e.client = "c";
    e.peer = 3;
    e.spin = true;
    e.random_sleep_ms = 412;
    expect("client retry spin sleep", e, "client c: tries S3 in 1412 ms (1000 ms after a full round + random sleep 412 ms)",
           "客户端 c：1412 毫秒后尝试 S3（试完一轮所有服务器后等待 1000 毫秒 + 随机等待 412 毫秒）");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientRetrying;
    e.client = "c";
    e.peer = 3;
    e.spin = true;
    e.random_sleep_ms = -1;
    expect("client retry spin", e, "client c: tries S3 in 1000 ms (1000 ms after a full round)",
           "客户端 c：1000 毫秒后尝试 S3（试完一轮所有服务器后等待 1000 毫秒）");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientRetrying;
    e.client = "c";
    e.peer = 1;
    e.random_sleep_ms = 0;
    expect("client retry sleep", e, "client c: tries S1 in 0 ms (random sleep 0 ms)",
           "客户端 c：0 毫秒后尝试 S1（随机等待 0 毫秒）");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientClosedDisconnected;
    e.client = "c";
    e.session = 72057594037927936;
    expect("client closed disconnected", e, "client c: closed while disconnected; session 0x100000000000000 is left to expire",
           "客户端 c：在断开状态下关闭；会话 0x100000000000000 留待过期");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientCrashed;
    e.client = "c";
    e.peer = 2;
    e.session = 72057594037927936;
    expect("client crashed connected", e, "client c: process crashed, its connection to S2 drops; session 0x100000000000000 is left to expire",
           "客户端 c：进程崩溃，它与 S2 的连接断开；会话 0x100000000000000 留待过期");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientCrashed;
    e.client = "c";
    expect("client crashed", e, "client c: process crashed; session 0x0 is left to expire",
           "客户端 c：进程崩溃；会话 0x0 留待过期");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientLinkBroken;
    e.client_endpoint = 1000;
    e.peer = 2;
    expect("client link broken", e, "connection C1000-S2 broken: a message was lost",
           "C1000-S2 的连接断开：丢失了一条消息");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kClientNoReply;
    e.client = "c";
    e.text = "get /a";
    expect("client no reply", e, "client c: get /a got no reply within 30s",
           "客户端 c：get /a 在 30 秒内没有收到回复");
  }
  {
    zk::TraceEvent e;
    e.server = 0;
    e.kind = K::kNote;
    e.text = "server 1's disk loaded: data/1 (no snapshot + 3 txns)";
    expect("note", e, "server 1's disk loaded: data/1 (no snapshot + 3 txns)",
           "server 1's disk loaded: data/1 (no snapshot + 3 txns)");
  }
  {
    zk::TraceEvent e;
    e.server = 2;
    e.kind = K::kPausedBacklogFull;
    e.peer = 1;
    e.inputs = 4;
    expect("paused backlog full, a server", e,
           "S1 -> S2: S2 is paused and holds 4 inputs: messages are lost until it resumes, then the connection breaks",
           "S1 -> S2：S2 已暂停，积压了 4 个输入：它恢复之前这些消息都会丢失，恢复后连接断开");
    e.peer = 0;
    e.client_endpoint = 1001;
    expect("paused backlog full, a client", e,
           "connection C1001-S2: S2 is paused and holds 4 inputs: messages are lost until it resumes, then the "
           "connection breaks",
           "连接 C1001-S2：S2 已暂停，积压了 4 个输入：它恢复之前这些消息都会丢失，恢复后连接断开");
    e.client_endpoint = zk::kExternalClientEndpoint;
    expect("paused backlog full, an external client", e,
           "connection external-S2: S2 is paused and holds 4 inputs: messages are lost until it resumes, then the "
           "connection breaks",
           "连接 外部客户端-S2：S2 已暂停，积压了 4 个输入：它恢复之前这些消息都会丢失，恢复后连接断开");
  }
  for (int kind = 0; kind <= static_cast<int>(K::kNote); ++kind) {
    CAPTURE(kind);
    CHECK(seen.kinds.count(kind) == 1);
  }
  for (int reason = 0; reason <= static_cast<int>(zk::StateChangeReason::kMissedTxns); ++reason) {
    CAPTURE(reason);
    CHECK(seen.reasons.count(reason) == 1);
  }
}

TEST_CASE("the drop-next event is translated") {
  zk::TraceEvent drop{.server = 3, .kind = zk::TraceKind::kMessageDropped, .peer = 1, .message_kind = "PING"};
  CHECK(zk::ui::describe_zh(drop) == "S3 -> S1：PING 被丢弃（drop next）");
}
