// Chinese renderings of every TraceKind and StateChangeReason (see trace_sentences_zh.h),
// from the event's fields. Only free text (a note, a txn's description, a scenario line, a
// partition's groups) stays as it is.
#include "ui/trace_sentences_zh.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace zk::ui {
namespace {

std::string vote_label(const Vote& vote) {
  return fmt::format("S{}（zxid {}，epoch {}）", vote.leader, zxid_hex(vote.zxid), vote.peer_epoch);
}

std::string reason(const Vote& winner, const Vote& loser, VoteDecider decider) {
  switch (decider) {
    case VoteDecider::kPeerEpoch: return fmt::format("epoch 更高 {} > {}", winner.peer_epoch, loser.peer_epoch);
    case VoteDecider::kZxid:
      return fmt::format("epoch 相同 {}，zxid 更新 {} > {}", winner.peer_epoch, zxid_hex(winner.zxid),
                         zxid_hex(loser.zxid));
    case VoteDecider::kServerId:
      return fmt::format("epoch 相同 {}，zxid 相同 {}，id 更大 {} > {}", winner.peer_epoch, zxid_hex(winner.zxid),
                         winner.leader, loser.leader);
    case VoteDecider::kNone: break;
  }
  return "投票相同";
}

// Sentence frames with Chinese text, also listed for the font (see glyph text below).
constexpr const char* kFrames[] = {
    "S{} 启动：最后记录的 zxid {}，currentEpoch {}，acceptedEpoch {}",
    "S{} 崩溃",
    "S{} 崩溃；{} 个已写入日志但尚未 fsync 的事务丢失",
    "S{} 暂停（相当于一次很长的 GC 停顿：什么都不处理）",
    "S{} 恢复运行",
    "S{} 进入 LOOKING：第 {} 轮，先投给自己 {}",
    "S{} 改投 S{} → S{}：{}（来自 S{}）",
    "S{} 加入 S{} 的第 {} 轮（原为第 {} 轮），投票 {}",
    "S{} 已有 {}/{} 票投给 S{}（达到法定多数）；再等 200 毫秒看有没有更好的投票",
    "S{} 停止等待：S{} 发来投给 S{} 的更好投票（{}）",
    "S{} 加入已建立的集群：{}/{} 台报告 S{} 在 epoch {} 领导 → {}",
    "S{} 200 毫秒内没有更好的投票 → {}（Leader S{}，{}/{} 票，第 {} 轮）",
    "S{} {} → {}{}{}",
    "S{}（Leader）与 {}/{} 台服务器确定新的 epoch {}",
    "S{} 接受 Leader S{} 的 epoch {}",
    "S{}（Leader）用 {} 同步 S{}：Follower 在 {}，Leader 在 {}",
    "S{} 已与 Leader S{} 同步（{}），最后的 zxid {}",
    "S{} 领导 epoch {}：{}/{} 台服务器确认了 NEWLEADER；开始为客户端服务",
    "S{} 提议 {}：{}",
    "S{} 提交 {}（{}/{} 个 ACK）",
    "S{} 把日志截断到 {}",
    "S{} 失去 Leader S{}：{}",
    "S{}（Leader）只有 {}/{} 台服务器已同步：不足法定多数",
    "S{} 创建会话 0x{:x}，zxid {}",
    "S{}（Leader）使会话 0x{:x} 过期",
    "S{} 违反不变量：{}",
    "S{}（Leader）忘记 S{} 对 {} 个未提交提议的 ACK：它重新连接并重新同步，必须再次 ACK",
    "S{} 关闭 {} 角色：等待 {} 个已记录的事务写入磁盘后再开始选举",
    "S{} 无法把日志截断到 {}：它的快照（{}）已经超过这个位置（ZooKeeper：\"Not able to truncate the log\"）；进程以退出码 {} 退出",
    "第 {} 行：{}",                                                // 29
    "网络分区：{}",                                                // 30
    "网络已恢复：所有链路恢复连通",                                // 31
    "S{} -> S{}：{} 被丢弃（drop next）",                          // 32
    "客户端 {}：已连接到 S{}，会话 0x{:x}，超时 {} 毫秒",          // 33
    "客户端 {}：已重新连接到 S{}，会话 0x{:x}，超时 {} 毫秒",      // 34
    "客户端 {}：与 S{} 的连接断开（{}）",                          // 35
    "客户端 {}：会话 0x{:x} 已过期（由 S{} 告知）",                // 36
    "客户端 {}：{} 在 30 秒内没有收到回复",                        // 37
    "S{}（Leader）断开 S{}：{} 个 tick（syncLimit）内没有 ACK",    // 38
    "S{}（Leader）断开 S{}：Follower 领先于 Leader（{} > {}）",    // 39
    "S{}-S{} 的连接断开：丢失了一条消息",                          // 40
    "客户端 {}：{} 毫秒后尝试 S{}（{}）",                          // 41
    "试完一轮所有服务器后等待 1000 毫秒",                          // 42
    "随机等待 {} 毫秒",                                            // 43
    "客户端 {}：在断开状态下关闭；会话 0x{:x} 留待过期",           // 44
    "客户端 {}：进程崩溃{}；会话 0x{:x} 留待过期",                 // 45
    "，它与 S{} 的连接断开",                                       // 46
    "C{}-S{} 的连接断开：丢失了一条消息",                          // 47
    "{}：S{} 已暂停，积压了 {} 个输入：它恢复之前这些消息都会丢失，恢复后连接断开",  // 48
    "连接 外部客户端-S{}",                                         // 49
    "连接 C{}-S{}",                                                // 50
    "S{}（Leader）ContainerManager：{} 个节点待删除（空的容器节点、过期的 TTL 节点）",  // 51
    "S{} 无法连接 Leader S{}（连接被拒绝，第 {} 次尝试）：{} 毫秒后重试",  // 52
    "S{} 自上次切换日志以来已记录 {} 个事务（超过 snapCount/2 加随机数）：在 {} 之后切换到新日志，并在 {} 处生成快照",  // 53
};

// State-change reasons (StateChangeReason), with {} for their fields in the order given.
constexpr const char* kReasons[] = {
    "赢得选举",                                 // 0 won the election
    "跟随 S{}",                                 // 1 follows S{leader}
    "只有 {}/{} 台服务器已同步",                // 2 only {acked} of {voters} servers synced
    "等待 {} 超时（{} 个 tick）",               // 3 timed out after {ticks} ticks waiting for {phase}
    "zxid 计数器用尽：需要新的 epoch",          // 4
    "Leader S{} 拒绝了 {} 次连接尝试",          // 5
    "Leader S{} 关闭了连接",                    // 6
    "Leader 的 epoch {} 小于已接受的 epoch {}", // 7
    "提交的事务与提议不匹配",                   // 8
    "{} 个 tick 内没有收到 Leader S{} 的数据包",// 9
    "与 Leader S{} 的连接被重置",               // 10
    "NEWLEADER 之前没有收到 DIFF、TRUNC 或 SNAP", // 11
    "漏掉了 Leader S{} 的事务：在 {} 之后收到 {}", // 12
};

// The reasons a server gives when it closes a client's connection (ConnectionClosed), as
// the client reports them; others are shown as they are.
struct CloseReason {
  std::string_view english;
  const char* chinese;
};
constexpr std::array kCloseReasons = {
    CloseReason{"connection reset", "连接被重置"},
    CloseReason{"connection refused", "连接被拒绝"},
    CloseReason{"This ZooKeeper instance is not currently serving requests", "该 ZooKeeper 实例当前不提供服务"},
};

template <typename... Args>
std::string frame(size_t index, Args&&... args) {
  return fmt::format(fmt::runtime(kFrames[index]), std::forward<Args>(args)...);
}

template <typename... Args>
std::string reason_frame(size_t index, Args&&... args) {
  return fmt::format(fmt::runtime(kReasons[index]), std::forward<Args>(args)...);
}

std::string close_reason_zh(const std::string& reason) {
  for (const CloseReason& known : kCloseReasons) {
    if (reason == known.english) return known.chinese;
  }
  return reason;
}

}  // namespace

std::string describe_reason_zh(const TraceEvent& e) {
  switch (e.reason) {
    case StateChangeReason::kNone: return "";
    case StateChangeReason::kWonElection: return reason_frame(0);
    case StateChangeReason::kFollows:
      if (e.state_new == PeerState::kObserving) return fmt::format("观察 S{}", e.peer);
      return reason_frame(1, e.peer);
    case StateChangeReason::kQuorumLost: return reason_frame(2, e.acked, e.voters);
    case StateChangeReason::kPhaseTimeout: return reason_frame(3, leader_phase_name(e.phase), e.ticks);
    case StateChangeReason::kZxidExhausted: return reason_frame(4);
    case StateChangeReason::kLeaderRefused: return reason_frame(5, e.peer, e.attempts);
    case StateChangeReason::kLeaderClosed: return reason_frame(6, e.peer);
    case StateChangeReason::kEpochBehind: return reason_frame(7, e.epoch, e.accepted_epoch);
    case StateChangeReason::kUnmatchedCommit: return reason_frame(8);
    case StateChangeReason::kNoPacket: return reason_frame(9, e.ticks, e.peer);
    case StateChangeReason::kConnectionReset: return reason_frame(10, e.peer);
    case StateChangeReason::kNewLeaderWithoutSync: return reason_frame(11);
    case StateChangeReason::kMissedTxns: return reason_frame(12, e.peer, zxid_hex(e.last_zxid), zxid_hex(e.zxid));
  }
  return describe_reason(e);
}

std::string describe_zh(const TraceEvent& e) {
  const ServerId s = e.server;
  switch (e.kind) {
    case TraceKind::kServerStarted: return frame(0, s, zxid_hex(e.zxid), e.epoch, e.accepted_epoch);
    case TraceKind::kServerCrashed: return e.txns == 0 ? frame(1, s) : frame(2, s, e.txns);
    case TraceKind::kServerPaused: return frame(3, s);
    case TraceKind::kServerResumed: return frame(4, s);
    case TraceKind::kElectionStarted:
      if (e.vote_new.leader == kNoVote) {  // an observer
        return fmt::format("S{} 进入 LOOKING：第 {} 轮，observer：不投给任何人", s, e.vote_new.election_epoch);
      }
      return frame(5, s, e.vote_new.election_epoch, vote_label(e.vote_new));
    case TraceKind::kVoteChanged:
      if (e.vote_old.leader == kNoVote) {
        return fmt::format("S{}（observer，不投给任何人）采用投票 {}（来自 S{}）", s, vote_label(e.vote_new), e.peer);
      }
      return frame(6, s, e.vote_old.leader, e.vote_new.leader, reason(e.vote_new, e.vote_old, e.decider), e.peer);
    case TraceKind::kRoundJoined:
      return frame(7, s, e.peer, e.vote_new.election_epoch, e.round, vote_label(e.vote_new));
    case TraceKind::kQuorumReached: return frame(8, s, e.votes, e.voters, e.vote_new.leader);
    case TraceKind::kFinalizeInterrupted:
      return frame(9, s, e.peer, e.vote_new.leader,
                   reason(e.vote_new, e.vote_old, decide_between(e.vote_new, e.vote_old)));
    case TraceKind::kDecided:
      if (e.decided_by == DecidedBy::kJoined) {
        return frame(10, s, e.votes, e.voters, e.vote_new.leader, e.vote_new.peer_epoch, peer_state_name(e.state_new));
      }
      return frame(11, s, peer_state_name(e.state_new), e.vote_new.leader, e.votes, e.voters,
                   e.vote_new.election_epoch);
    case TraceKind::kStateChanged:
      return frame(12, s, peer_state_name(e.state_old), peer_state_name(e.state_new),
                   e.reason == StateChangeReason::kNone ? "" : "：", describe_reason_zh(e));
    case TraceKind::kEpochProposed: return frame(13, s, e.acked, e.voters, e.epoch);
    case TraceKind::kEpochAccepted: return frame(14, s, e.peer, e.epoch);
    case TraceKind::kSyncStarted:
      return frame(15, s, sync_mode_name(e.sync_mode), e.peer, zxid_hex(e.zxid), zxid_hex(e.leader_zxid));
    case TraceKind::kSynced: return frame(16, s, e.peer, sync_mode_name(e.sync_mode), zxid_hex(e.zxid));
    case TraceKind::kLeaderServing: return frame(17, s, e.epoch, e.acked, e.voters);
    case TraceKind::kProposed: return frame(18, s, zxid_hex(e.zxid), e.text);
    case TraceKind::kCommitted: return frame(19, s, zxid_hex(e.zxid), e.acked, e.voters);
    case TraceKind::kTruncated: return frame(20, s, zxid_hex(e.zxid));
    case TraceKind::kLeaderLost: return frame(21, s, e.peer, describe_reason_zh(e));
    case TraceKind::kQuorumLost: return frame(22, s, e.acked, e.voters);
    case TraceKind::kSessionCreated: return frame(23, s, e.session, zxid_hex(e.zxid));
    case TraceKind::kSessionExpired: return frame(24, s, e.session);
    case TraceKind::kInvariantViolated: return frame(25, s, e.text);
    case TraceKind::kAcksForgotten: return frame(26, s, e.peer, e.txns);
    case TraceKind::kShutdownFlush: return frame(27, s, peer_state_name(e.state_old), e.txns);
    case TraceKind::kContainersChecked: return frame(51, s, e.txns);
    case TraceKind::kLeaderConnectRefused: return frame(52, s, e.peer, e.attempts, e.retry_ms);
    case TraceKind::kTruncateFailed: return frame(28, s, zxid_hex(e.zxid), zxid_hex(e.snapshot_zxid), e.exit_code);
    case TraceKind::kSnapshotTaken: return frame(53, s, e.txns, zxid_hex(e.last_zxid), zxid_hex(e.zxid));
    case TraceKind::kScenarioStep: return frame(29, e.line, e.text);
    case TraceKind::kNetworkPartitioned: return frame(30, e.text);
    case TraceKind::kNetworkHealed: return frame(31);
    case TraceKind::kMessageDropped: return frame(32, s, e.peer, e.message_kind);
    case TraceKind::kClientConnected: return frame(33, e.client, e.peer, e.session, e.timeout_ms);
    case TraceKind::kClientReconnected: return frame(34, e.client, e.peer, e.session, e.timeout_ms);
    case TraceKind::kClientConnectionLost: return frame(35, e.client, e.peer, close_reason_zh(e.text));
    case TraceKind::kClientSessionExpired: return frame(36, e.client, e.session, e.peer);
    case TraceKind::kClientNoReply: return frame(37, e.client, e.text);
    case TraceKind::kLearnerDropped:
      if (e.drop_reason == LearnerDropReason::kNoAck) return frame(38, s, e.peer, e.ticks);
      return frame(39, s, e.peer, zxid_hex(e.zxid), zxid_hex(e.leader_zxid));
    case TraceKind::kConnectionBroken: return frame(40, s, e.peer);
    case TraceKind::kClientRetrying: {
      std::string why = e.spin ? frame(42) : std::string();
      if (e.random_sleep_ms >= 0) why += (e.spin ? " + " : "") + frame(43, e.random_sleep_ms);
      return frame(41, e.client, (e.spin ? 1000 : 0) + std::max(e.random_sleep_ms, 0), e.peer, why);
    }
    case TraceKind::kClientClosedDisconnected: return frame(44, e.client, e.session);
    case TraceKind::kClientCrashed:
      return frame(45, e.client, e.peer != 0 ? frame(46, e.peer) : std::string(), e.session);
    case TraceKind::kClientLinkBroken: return frame(47, e.client_endpoint, e.peer);
    case TraceKind::kPausedBacklogFull: {
      const std::string link = e.peer != 0                  ? fmt::format("S{} -> S{}", e.peer, s)
                               : e.client_endpoint == kExternalClientEndpoint ? frame(49, s)
                                                          : frame(50, e.client_endpoint, s);
      return frame(48, link, s, e.inputs);
    }
    case TraceKind::kNote: return e.text;
  }
  return "?";
}

std::string trace_sentence_zh_glyph_text() {
  std::string text;
  for (const char* f : kFrames) text += f;
  for (const char* r : kReasons) text += r;
  for (const CloseReason& reason : kCloseReasons) text += reason.chinese;
  text += "投票相同 epoch 更高 相同 zxid 更新 id 更大（，）";
  return text;
}

}  // namespace zk::ui
